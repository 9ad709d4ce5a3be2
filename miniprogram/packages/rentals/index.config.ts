export default definePageConfig({
  navigationBarTitleText: '辅具租借',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
