export default definePageConfig({
  navigationBarTitleText: '编辑居委名片',
});
