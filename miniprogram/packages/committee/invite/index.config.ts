export default definePageConfig({
  navigationBarTitleText: '用邀请码加入',
});
