export default definePageConfig({
  navigationBarTitleText: '器具详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
