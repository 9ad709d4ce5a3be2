export default definePageConfig({
  navigationBarTitleText: '阅读情况',
  enablePullDownRefresh: true,
});
