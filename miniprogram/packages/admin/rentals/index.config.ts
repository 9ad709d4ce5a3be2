export default definePageConfig({
  navigationBarTitleText: '租赁服务台',
});
