export default definePageConfig({
  navigationBarTitleText: '住户守则',
  enableShareAppMessage: true,
});
