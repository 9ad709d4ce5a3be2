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
  | 'screening';

export const adminSections: readonly AdminSection[] = [
  { id: 'dashboard', title: '工作台', route: routes.adminDashboard, icon: '台' },
  { id: 'notices', title: '通知公告', route: routes.adminNotices, icon: '通' },
  { id: 'memberships', title: '居民审核', route: routes.adminMemberships, icon: '审' },
  { id: 'households', title: '楼栋房屋', route: routes.adminHouseholds, icon: '楼' },
  { id: 'invitations', title: '邀请码', route: routes.adminInvitations, icon: '邀' },
  { id: 'card', title: '居委名片', route: routes.adminCard, icon: '片' },
  { id: 'audit', title: '操作记录', route: routes.adminAudit, icon: '记' },
  { id: 'platform', title: '街镇管理', route: routes.adminPlatform, icon: '街', platformOnly: true },
  { id: 'screening', title: '敏感词', route: routes.adminScreeningWords, icon: '词' },
];

/** The sections this staff member may open. */
export function visibleSections(isAdmin: boolean): AdminSection[] {
  return adminSections.filter((s) => !s.platformOnly || isAdmin);
}

export function sectionById(id: AdminSectionId): AdminSection {
  return adminSections.find((s) => s.id === id) as AdminSection;
}
