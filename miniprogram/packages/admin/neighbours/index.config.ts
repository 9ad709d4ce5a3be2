export default definePageConfig({ navigationBarTitleText: '找邻居管理' });
