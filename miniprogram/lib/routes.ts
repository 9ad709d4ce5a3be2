import Taro from '@tarojs/taro';

/** Every page path in one place; subpackage pages live under packages/<feature>/. */
export const routes = {
  home: '/pages/home/index',
  committees: '/pages/committees/index',
  mine: '/pages/mine/index',
  committeeCard: (id: number) => `/packages/committee/card/index?id=${id}`,
  join: (id: number) => `/packages/committee/join/index?id=${id}`,
  invite: '/packages/committee/invite/index',
  agreement: '/packages/legal/agreement/index',
  privacy: '/packages/legal/privacy/index',
  myData: '/packages/legal/my-data/index',
  messages: '/packages/messages/index',
  messageSettings: '/packages/messages/settings/index',
  notices: (communityId: number) => `/packages/notices/list/index?communityId=${communityId}`,
  notice: (communityId: number, noticeId: number) =>
    `/packages/notices/detail/index?communityId=${communityId}&id=${noticeId}`,
  mySignups: '/packages/notices/signups/index',
  adminLogin: '/packages/admin/login/index',
  adminDashboard: '/packages/admin/dashboard/index',
  adminMemberships: '/packages/admin/memberships/index',
  adminHouseholds: '/packages/admin/households/index',
  adminInvitations: '/packages/admin/invitations/index',
  adminCard: '/packages/admin/card/index',
  adminAudit: '/packages/admin/audit/index',
  adminPlatform: '/packages/admin/platform/index',
  adminNotices: '/packages/admin/notices/index',
  adminScreeningWords: '/packages/admin/screening-words/index',
  /** Compose: a new draft, an edit (`id`), or a copy of another notice as a new draft (`copy`). */
  adminNoticeEdit: (opts: { id?: number; copy?: number } = {}) =>
    `/packages/admin/notice-edit/index${opts.id ? `?id=${opts.id}` : opts.copy ? `?copy=${opts.copy}` : ''}`,
  adminNoticeReads: (id: number) => `/packages/admin/notice-reads/index?id=${id}`,
  adminNoticeSignups: (id: number) => `/packages/admin/notice-signups/index?id=${id}`,
  /** 留言板 of a community; `mine`: 我的留言 (the caller's own posts in any state). */
  boardList: (communityId: number, opts: { mine?: boolean } = {}) =>
    `/packages/board/list/index?communityId=${communityId}${opts.mine ? '&mine=1' : ''}`,
  /** 发留言 (kind post) or 报小事快办 (kind matter) in a community. */
  boardCompose: (communityId: number, kind: 'post' | 'matter') =>
    `/packages/board/compose/index?communityId=${communityId}&kind=${kind}`,
  boardDetail: (communityId: number, postId: number) =>
    `/packages/board/detail/index?communityId=${communityId}&id=${postId}`,
  adminReview: '/packages/admin/review/index',
  adminMutes: '/packages/admin/mutes/index',
  adminBoardSettings: '/packages/admin/board-settings/index',
  /** 公开处理记录 of a community (reached from the board). */
  moderationLog: (communityId: number) => `/packages/board/moderation-log/index?communityId=${communityId}`,
  adminMatters: '/packages/admin/matters/index',
  adminMatter: (id: number) => `/packages/admin/matter-detail/index?id=${id}`,
  adminMatterStats: '/packages/admin/matter-stats/index',
  adminTopics: '/packages/admin/topics/index',
  adminTopic: (id: number) => `/packages/admin/topic-detail/index?id=${id}`,
  adminVotes: '/packages/admin/votes/index',
  /** 发起投票, on its own or on a topic (`topicId`). */
  adminVoteNew: (opts: { topicId?: number } = {}) =>
    `/packages/admin/vote-new/index${opts.topicId ? `?topicId=${opts.topicId}` : ''}`,
  adminVote: (id: number) => `/packages/admin/vote-detail/index?id=${id}`,
  adminAgoraSettings: '/packages/admin/agora-settings/index',
  /** 公示: a closed vote's result page for residents (packages/agora/result). */
  voteResult: (communityId: number, voteId: number) =>
    `/packages/agora/result/index?communityId=${communityId}&id=${voteId}`,
  /** 议事厅 of a community: topics by stage, 快速投票, 住户守则; `mine`: 我的议题. */
  agora: (communityId: number, opts: { mine?: boolean } = {}) =>
    `/packages/agora/index?communityId=${communityId}${opts.mine ? '&mine=1' : ''}`,
  agoraPropose: (communityId: number) => `/packages/agora/propose/index?communityId=${communityId}`,
  topic: (communityId: number, topicId: number) =>
    `/packages/agora/topic/index?id=${topicId}&communityId=${communityId}`,
  vote: (communityId: number, voteId: number) => `/packages/agora/vote/index?id=${voteId}&communityId=${communityId}`,
  houseRules: (communityId: number) => `/packages/agora/rules/index?communityId=${communityId}`,
  /** 社区租赁 (packages/rentals): the catalogue, one item with its calendar, booking, my bookings, one booking. */
  rentals: (communityId: number, opts: { category?: string } = {}) =>
    `/packages/rentals/index?communityId=${communityId}${opts.category ? `&category=${opts.category}` : ''}`,
  rentalItem: (communityId: number, itemId: number) =>
    `/packages/rentals/item/index?id=${itemId}&communityId=${communityId}`,
  rentalBook: (communityId: number, itemId: number) =>
    `/packages/rentals/book/index?id=${itemId}&communityId=${communityId}`,
  myRentals: (communityId: number) => `/packages/rentals/mine/index?communityId=${communityId}`,
  rentalBooking: (communityId: number, bookingId: number) =>
    `/packages/rentals/booking/index?id=${bookingId}&communityId=${communityId}`,
  /** 找邻居 (packages/neighbours): the directory, one card, my card, contacts, a thread, blocks, consents. */
  neighbours: (communityId: number, opts: { tag?: string } = {}) =>
    `/packages/neighbours/index?communityId=${communityId}${opts.tag ? `&tag=${encodeURIComponent(opts.tag)}` : ''}`,
  neighbourCard: (communityId: number, cardId: number) =>
    `/packages/neighbours/card/index?id=${cardId}&communityId=${communityId}`,
  myNeighbourCard: (communityId: number) => `/packages/neighbours/me/index?communityId=${communityId}`,
  neighbourContacts: (communityId: number, opts: { box?: 'requests' | 'threads' } = {}) =>
    `/packages/neighbours/contacts/index?communityId=${communityId}${opts.box ? `&box=${opts.box}` : ''}`,
  neighbourThread: (communityId: number, contactId: number) =>
    `/packages/neighbours/thread/index?id=${contactId}&communityId=${communityId}`,
  neighbourBlocks: (communityId: number) => `/packages/neighbours/blocks/index?communityId=${communityId}`,
  neighbourConsents: '/packages/neighbours/consents/index',
  /** 找邻居 for staff (packages/admin/neighbours, neighbour-talents). */
  adminNeighbours: '/packages/admin/neighbours/index',
  adminNeighbourTalents: '/packages/admin/neighbour-talents/index',
  /** 社区租赁 desk for staff (packages/admin/rental-*). */
  adminRentals: '/packages/admin/rentals/index',
  adminRentalBookings: (opts: { status?: string } = {}) =>
    `/packages/admin/rental-bookings/index${opts.status ? `?status=${opts.status}` : ''}`,
  adminRentalBooking: (id: number) => `/packages/admin/rental-booking/index?id=${id}`,
  adminRentalStock: '/packages/admin/rental-stock/index',
  adminRentalItem: (id?: number) => `/packages/admin/rental-item/index${id ? `?id=${id}` : ''}`,
  adminRentalUnit: (id: number) => `/packages/admin/rental-unit/index?id=${id}`,
  adminRentalStats: '/packages/admin/rental-stats/index',
} as const;

const tabPages: string[] = [routes.home, routes.committees, routes.mine];

/** Opens a page; tab pages need switchTab. A full page stack (10 in WeChat) falls back to redirect. */
export function go(url: string): void {
  const path = url.split('?')[0];
  if (tabPages.includes(path)) {
    void Taro.switchTab({ url: path });
    return;
  }
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));
}

/** Back if there is a page to go back to, else home (a page opened from a shared card is alone). */
export function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: routes.home });
}

/** Reads a positive integer page parameter such as ?id=12. */
export function intParam(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}
