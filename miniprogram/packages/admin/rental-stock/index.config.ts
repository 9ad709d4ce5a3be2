export default definePageConfig({
  navigationBarTitleText: '器具库存',
});
