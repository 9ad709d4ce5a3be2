export default definePageConfig({
  navigationBarTitleText: '议事厅',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
