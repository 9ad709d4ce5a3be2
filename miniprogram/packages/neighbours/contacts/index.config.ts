export default definePageConfig({ navigationBarTitleText: '邻居来往' });
