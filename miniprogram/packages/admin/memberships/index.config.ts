export default definePageConfig({
  navigationBarTitleText: '审核居民申请',
  enablePullDownRefresh: true,
});
