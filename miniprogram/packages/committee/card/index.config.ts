export default definePageConfig({
  navigationBarTitleText: '居委会',
  enableShareAppMessage: true,
  // 分享到朋友圈 (onShareTimeline in index.tsx).
  enableShareTimeline: true,
});
