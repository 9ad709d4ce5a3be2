export default definePageConfig({ navigationBarTitleText: '我的邻居名片' });
