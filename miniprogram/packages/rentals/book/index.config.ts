export default definePageConfig({
  navigationBarTitleText: '预约借用',
});
