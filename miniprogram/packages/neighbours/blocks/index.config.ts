export default definePageConfig({ navigationBarTitleText: '已屏蔽的邻居' });
