export default definePageConfig({
  navigationBarTitleText: '器具详情',
});
