export default definePageConfig({ navigationBarTitleText: '和邻居聊天' });
