export default definePageConfig({
  navigationBarTitleText: '议事厅管理',
});
