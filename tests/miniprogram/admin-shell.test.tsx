import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { adminSections, visibleSections } from '../../miniprogram/lib/admin-menu';
import AdminAudit from '../../miniprogram/packages/admin/audit/index';
import AdminDashboard from '../../miniprogram/packages/admin/dashboard/index';
import { type Call, committeeCard, fakeServer, me, membership, resetApp, signInAs, user } from './helpers';
import Taro from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

const dashboard = {
  communityId: 7,
  communityName: '梅园居委会',
  pendingMemberships: 2,
  residents: 3,
  households: 10,
  activeInvitations: 0,
  notices: { publishedThisMonth: 0, averageReadRate: null, openSignups: 0 },
  matters: { open: 0, doneThisMonth: 0, averageRating: null },
  moderation: { reported: 0, held: 0, appealed: 0 },
};

/** A moderator of 梅园 (community 7), or a platform admin working on it. */
function staff(kind: 'moderator' | 'admin'): Call[] {
  signInAs('password', 'staff-token');
  const body =
    kind === 'admin'
      ? {
          user: { ...user, id: 3, nickname: '平台 张', isAdmin: true, isStaff: true },
          memberships: [],
          currentCommunityId: null,
        }
      : {
          user: { ...user, id: 9, nickname: '王主任', isStaff: true },
          memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
          currentCommunityId: null,
        };
  if (kind === 'admin') chooseAdminCommunity(7);
  return fakeServer({
    'GET /api/me': () => ({ body }),
    'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    'GET /api/committees/:communityId/dashboard': () => ({ body: dashboard }),
    'GET /api/committees/:communityId/audit': () => ({ body: { items: [], nextBefore: null } }),
    'POST /api/auth/logout': () => ({ status: 204 }),
  });
}

const menuTitles = () => $$('#admin-menu .admin-menu-title').map((e) => e.textContent);

describe('the admin menu', () => {
  it('is one registry: 街镇管理 only for platform admins, every other section for all staff', () => {
    expect(visibleSections(true).map((s) => s.id)).toEqual(adminSections.map((s) => s.id));
    expect(visibleSections(false).map((s) => s.title)).toEqual([
      '工作台',
      '通知公告',
      '居民审核',
      '楼栋房屋',
      '邀请码',
      '居委名片',
      '操作记录',
      '审核队列',
      '禁言名单',
      '留言板设置',
      '敏感词',
      '小事快办',
      '办事统计',
      '议事厅管理',
      '投票管理',
      '议事厅设置',
      '租赁服务台',
      '预约管理',
      '器具库存',
      '租赁统计',
      '找邻居管理',
      '能人库',
    ]);
  });

  it('shows a moderator every section but 街镇管理, the current one highlighted, with the committee and their name', async () => {
    staff('moderator');
    render(<AdminAudit />);
    await waitFor(() => expect($('#admin-menu')).toBeTruthy());
    expect(menuTitles()).toEqual([
      '工作台',
      '通知公告',
      '居民审核',
      '楼栋房屋',
      '邀请码',
      '居委名片',
      '操作记录',
      '审核队列',
      '禁言名单',
      '留言板设置',
      '敏感词',
      '小事快办',
      '办事统计',
      '议事厅管理',
      '投票管理',
      '议事厅设置',
      '租赁服务台',
      '预约管理',
      '器具库存',
      '租赁统计',
      '找邻居管理',
      '能人库',
    ]);
    expect($('#admin-menu-platform')).toBeNull();
    expect($$('.admin-menu-item--on').map((e) => e.id)).toEqual(['admin-menu-audit']);
    expect($('#title-text')?.textContent).toBe('操作记录');
    expect($('#admin-community')?.textContent).toBe('梅园居委会');
    expect($('#admin-staff-name')?.textContent).toBe('王主任');
    // No choice of committee for a moderator of one.
    expect($('#admin-switch')).toBeNull();

    fireEvent.click($('#admin-menu-households') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/households/index' });
  });

  it('adds 街镇管理 for a platform admin, and names the committee they picked from the server', async () => {
    const calls = staff('admin');
    render(<AdminAudit />);
    await waitFor(() => expect($('#admin-menu-platform')).toBeTruthy());
    expect(menuTitles()).toContain('街镇管理');
    await waitFor(() => expect($('#admin-community')?.textContent).toBe('梅园居委会'));
    expect(calls.some((c) => c.path === '/api/committees/7')).toBe(true);
    expect($('#admin-switch')).toBeTruthy();
  });

  it('工作台 shows the sections as tiles (街镇管理 for admins only); the back arrow goes back', async () => {
    staff('moderator');
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-tiles')).toBeTruthy());
    expect($$('#admin-tiles .admin-tile-title').map((e) => e.textContent)).toEqual([
      '通知公告',
      '居民审核',
      '楼栋房屋',
      '邀请码',
      '居委名片',
      '操作记录',
      '审核队列',
      '禁言名单',
      '留言板设置',
      '敏感词',
      '小事快办',
      '办事统计',
      '议事厅管理',
      '投票管理',
      '议事厅设置',
      '租赁服务台',
      '预约管理',
      '器具库存',
      '租赁统计',
      '找邻居管理',
      '能人库',
    ]);
    // 工作台 is the admin view's root: its title bar has no back and no home.
    expect($('#title-text')?.textContent).toBe('工作台');
    expect($('#title-back')).toBeNull();
    expect($('#title-home')).toBeNull();
  });

  it('a section page has 返回 when there is a page under it, and 首页 (工作台) when it was opened alone', async () => {
    staff('moderator');
    const view = render(<AdminAudit />);
    await waitFor(() => expect($('#title-back')).toBeTruthy());
    fireEvent.click($('#title-back') as HTMLElement);
    expect(Taro.navigateBack).toHaveBeenCalled();
    view.unmount();
    vi.mocked(Taro.getCurrentPages).mockReturnValue([{}] as never);
    try {
      render(<AdminAudit />);
      await waitFor(() => expect($('#title-home')).toBeTruthy());
      expect($('#title-back')).toBeNull();
      fireEvent.click($('#title-home') as HTMLElement);
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/dashboard/index' });
    } finally {
      vi.mocked(Taro.getCurrentPages).mockReturnValue([{}, {}] as never);
    }
  });

  it('退出登录 ends the session on the server and leaves the admin view', async () => {
    const calls = staff('moderator');
    render(<AdminAudit />);
    await waitFor(() => expect($('#admin-sign-out')).toBeTruthy());
    await act(async () => {
      fireEvent.click($('#admin-sign-out') as HTMLElement);
    });
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }));
    const logout = calls.find((c) => c.path === '/api/auth/logout');
    expect(logout?.header.Authorization).toBe('Bearer staff-token');
  });

  it('shows no menu to someone who is not staff', async () => {
    signInAs('wechat', 'resident-token');
    fakeServer({ 'GET /api/me': () => ({ body: me() }) });
    render(<AdminAudit />);
    await waitFor(() => expect($('#admin-denied')).toBeTruthy());
    expect($('#admin-menu')).toBeNull();
    expect($('#admin-sign-out')).toBeNull();
  });
});
