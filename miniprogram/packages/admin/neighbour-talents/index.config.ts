export default definePageConfig({ navigationBarTitleText: '能人库' });
