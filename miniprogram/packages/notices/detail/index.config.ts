export default definePageConfig({
  navigationBarTitleText: '通知详情',
  enableShareAppMessage: true,
  // 分享到朋友圈, for public notices only: index.tsx hides the menu item for the others.
  enableShareTimeline: true,
});
