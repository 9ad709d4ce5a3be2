export default definePageConfig({
  navigationBarTitleText: '居委会',
  enableShareAppMessage: true,
});
