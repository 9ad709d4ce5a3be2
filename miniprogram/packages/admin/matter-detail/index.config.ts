export default definePageConfig({
  navigationBarTitleText: '小事快办',
});
