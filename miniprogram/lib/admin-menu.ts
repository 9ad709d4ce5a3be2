import { routes } from './routes';

/**
 * The sections of the admin view, in menu order: the side menu on a desktop, the tiles of
 * 工作台 on a phone. A new admin feature adds one line here.
 */
export interface AdminSection {
  id: AdminSectionId;
  title: string;
  route: string;
  /** One or two characters shown in the menu's icon square (no icon font in the package). */
  icon: string;
  /** Only platform admins see it (街镇管理). */
  platformOnly?: boolean;
  /** A property company's handler (物业) sees it; every other section is the committee's only. */
  forHandlers?: boolean;
}

export type AdminSectionId =
  | 'dashboard'
  | 'notices'
  | 'memberships'
  | 'households'
  | 'invitations'
  | 'card'
  | 'audit'
  | 'platform'
  | 'screening'
  | 'matters'
  | 'matter-stats'
  | 'review'
  | 'mutes'
  | 'board-settings'
  | 'topics'
  | 'votes'
  | 'agora-settings'
  | 'rentals'
  | 'rental-bookings'
  | 'rental-stock'
  | 'rental-stats'
  | 'neighbours'
  | 'neighbour-talents';

export const adminSections: readonly AdminSection[] = [
  { id: 'dashboard', title: '工作台', route: routes.adminDashboard, icon: '台' },
  { id: 'notices', title: '通知公告', route: routes.adminNotices, icon: '通' },
  { id: 'memberships', title: '居民审核', route: routes.adminMemberships, icon: '审' },
  { id: 'households', title: '楼栋房屋', route: routes.adminHouseholds, icon: '楼' },
  { id: 'invitations', title: '邀请码', route: routes.adminInvitations, icon: '邀' },
  { id: 'card', title: '居委名片', route: routes.adminCard, icon: '片' },
  { id: 'audit', title: '操作记录', route: routes.adminAudit, icon: '记' },
  { id: 'review', title: '审核队列', route: routes.adminReview, icon: '核' },
  { id: 'mutes', title: '禁言名单', route: routes.adminMutes, icon: '禁' },
  { id: 'board-settings', title: '留言板设置', route: routes.adminBoardSettings, icon: '设' },
  { id: 'screening', title: '敏感词', route: routes.adminScreeningWords, icon: '词' },
  { id: 'matters', title: '小事快办', route: routes.adminMatters, icon: '办', forHandlers: true },
  { id: 'matter-stats', title: '办事统计', route: routes.adminMatterStats, icon: '统' },
  { id: 'topics', title: '议事厅管理', route: routes.adminTopics, icon: '议' },
  { id: 'votes', title: '投票管理', route: routes.adminVotes, icon: '投' },
  { id: 'agora-settings', title: '议事厅设置', route: routes.adminAgoraSettings, icon: '规' },
  // 社区租赁
  { id: 'rentals', title: '租赁服务台', route: routes.adminRentals, icon: '租' },
  { id: 'rental-bookings', title: '预约管理', route: routes.adminRentalBookings(), icon: '约' },
  { id: 'rental-stock', title: '器具库存', route: routes.adminRentalStock, icon: '库' },
  { id: 'rental-stats', title: '租赁统计', route: routes.adminRentalStats, icon: '率' },
  // 找邻居
  { id: 'neighbours', title: '找邻居管理', route: routes.adminNeighbours, icon: '邻' },
  { id: 'neighbour-talents', title: '能人库', route: routes.adminNeighbourTalents, icon: '能' },
  { id: 'platform', title: '街镇管理', route: routes.adminPlatform, icon: '街', platformOnly: true },
];

/** The sections this staff member may open: a handler only theirs (小事快办). */
export function visibleSections(isAdmin: boolean, handler = false): AdminSection[] {
  if (handler && !isAdmin) return adminSections.filter((s) => s.forHandlers);
  return adminSections.filter((s) => !s.platformOnly || isAdmin);
}

/** Where a signed-in staff member starts: a handler on their 小事快办 board, everyone else on 工作台. */
export const adminHome = (handler: boolean) => (handler ? routes.adminMatters : routes.adminDashboard);

export function sectionById(id: AdminSectionId): AdminSection {
  return adminSections.find((s) => s.id === id) as AdminSection;
}
