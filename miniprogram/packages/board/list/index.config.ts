export default definePageConfig({
  navigationBarTitleText: '留言板',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
