export default definePageConfig({
  navigationBarTitleText: '找居委',
  enablePullDownRefresh: true,
});
