export default definePageConfig({
  navigationBarTitleText: '借用详情',
  enablePullDownRefresh: true,
});
