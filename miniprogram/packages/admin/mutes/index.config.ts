export default definePageConfig({
  navigationBarTitleText: '禁言名单',
});
