import { colors } from './lib/tokens';

// Tab pages live in the main package; everything else in subpackages (2 MB per package in WeChat).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/committees/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'packages/committee',
      pages: ['card/index', 'join/index', 'invite/index'],
    },
    {
      root: 'packages/legal',
      pages: ['agreement/index', 'privacy/index', 'my-data/index'],
    },
    {
      root: 'packages/messages',
      pages: ['index', 'settings/index'],
    },
    {
      root: 'packages/notices',
      pages: ['list/index', 'detail/index', 'signups/index'],
    },
    {
      root: 'packages/admin',
      pages: [
        'login/index',
        'dashboard/index',
        'memberships/index',
        'households/index',
        'invitations/index',
        'card/index',
        'audit/index',
        'platform/index',
        'notices/index',
        'notice-edit/index',
        'notice-reads/index',
        'notice-signups/index',
        'screening-words/index',
        'matters/index',
        'matter-detail/index',
        'matter-stats/index',
        'review/index',
        'mutes/index',
        'board-settings/index',
        'topics/index',
        'topic-detail/index',
        'votes/index',
        'vote-new/index',
        'vote-detail/index',
        'agora-settings/index',
        'rentals/index',
        'rental-bookings/index',
        'rental-booking/index',
        'rental-stock/index',
        'rental-item/index',
        'rental-unit/index',
        'rental-stats/index',
        'neighbours/index',
        'neighbour-talents/index',
      ],
    },
    {
      root: 'packages/board',
      pages: ['list/index', 'compose/index', 'detail/index', 'moderation-log/index'],
    },
    {
      root: 'packages/agora',
      pages: ['index', 'propose/index', 'topic/index', 'vote/index', 'result/index', 'rules/index'],
    },
    {
      root: 'packages/rentals',
      pages: ['index', 'item/index', 'book/index', 'mine/index', 'booking/index'],
    },
    {
      root: 'packages/neighbours',
      pages: ['index', 'card/index', 'me/index', 'contacts/index', 'thread/index', 'blocks/index', 'consents/index'],
    },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/committee'] },
    'pages/committees/index': { network: 'all', packages: ['packages/committee'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: colors.bg,
    navigationBarBackgroundColor: colors.surface,
    navigationBarTitleText: '社区云',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: colors.textMuted,
    selectedColor: colors.primary,
    backgroundColor: colors.surface,
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-on.png',
      },
      {
        pagePath: 'pages/committees/index',
        text: '找居委',
        iconPath: 'assets/tab/committees.png',
        selectedIconPath: 'assets/tab/committees-on.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-on.png',
      },
    ],
  },
  // 找居委 sorts committees by distance; committee staff choose their office on a map (居委名片).
  // WeChat requires each API declared here and in the privacy guide (README, "WeChat privacy guide").
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于为您找到离您最近的居委会' },
  },
  // Our own privacy dialog (wx.onNeedPrivacyAuthorization), see lib/privacy.ts.
  __usePrivacyCheck__: true,
  // Inject only the components a page uses (WeChat review asks for it; faster start).
  lazyCodeLoading: 'requiredComponents',
  // Keeps the admin pages out of WeChat search (a new admin page needs its line there: the weapp
  // suite checks); copied to dist/weapp by config/index.ts.
  sitemapLocation: 'sitemap.json',
} as Parameters<typeof defineAppConfig>[0]);
