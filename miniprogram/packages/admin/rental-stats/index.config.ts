export default definePageConfig({
  navigationBarTitleText: '租赁统计',
});
