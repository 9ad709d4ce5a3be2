export default definePageConfig({
  navigationBarTitleText: '器具类型',
});
