export default definePageConfig({
  navigationBarTitleText: '议事厅设置',
});
