export default definePageConfig({
  navigationBarTitleText: '楼栋房屋',
});
