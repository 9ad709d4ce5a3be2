export default definePageConfig({ navigationBarTitleText: '邻居名片' });
