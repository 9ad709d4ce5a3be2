export default definePageConfig({
  navigationBarTitleText: '预约管理',
});
