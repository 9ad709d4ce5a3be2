export default definePageConfig({
  navigationBarTitleText: '投票结果公示',
  enableShareAppMessage: true,
});
