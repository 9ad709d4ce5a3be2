export default definePageConfig({
  navigationBarTitleText: '街镇管理',
  enablePullDownRefresh: true,
});
