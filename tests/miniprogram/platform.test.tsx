import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminCommunityStore, chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminDashboard from '../../miniprogram/packages/admin/dashboard/index';
import AdminPlatform from '../../miniprogram/packages/admin/platform/index';
import {
  type Call,
  committeeCard,
  committeeSummary,
  errorReply,
  fakeServer,
  membership,
  resetApp,
  signInAs,
  user,
} from './helpers';
import Taro from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const type = (selector: string, value: string) => fireEvent.change($(selector) as HTMLElement, { target: { value } });
const click = async (selector: string) => {
  await act(async () => {
    fireEvent.click($(selector) as HTMLElement);
  });
};
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

const adminMe = { user: { ...user, isAdmin: true, isStaff: true }, memberships: [], currentCommunityId: null };

function staffAccount(
  id: number,
  username: string,
  displayName: string,
  communities: { id: number; name: string; role?: 'moderator' | 'handler' }[],
) {
  return {
    id,
    username,
    displayName,
    isAdmin: false,
    disabled: false,
    communities: communities.map((c) => ({ role: 'moderator' as const, ...c })),
    createdAt: '2025-03-01T02:00:00.000Z',
  };
}

function adminServer(extra: Parameters<typeof fakeServer>[0] = {}): Call[] {
  signInAs('password', 'admin-token');
  return fakeServer({
    'GET /api/me': () => ({ body: adminMe }),
    'GET /api/districts': () => ({
      body: { items: [{ id: 1, name: '黄浦区', streets: [{ id: 11, name: '南京东路街道' }] }] },
    }),
    'GET /api/admin/staff': () => ({
      body: {
        items: [
          staffAccount(21, 'meiyuan.wang', '王主任', [{ id: 7, name: '梅园居委会' }]),
          staffAccount(22, 'wutong.li', '李阿姨', []),
        ],
      },
    }),
    'GET /api/committees': () => ({
      body: {
        items: [committeeSummary(7, { name: '梅园居委会' }), committeeSummary(8, { name: '梧桐里居委会' })],
        nextOffset: null,
      },
    }),
    'POST /api/admin/communities': (call) => {
      const body = call.body as { name: string; address: string; phone: string | null };
      return { status: 201, body: committeeCard(99, { name: body.name, address: body.address, phone: body.phone }) };
    },
    'POST /api/admin/communities/:communityId/moderators': (_, p) => ({
      status: 201,
      body: membership({
        id: 300,
        communityId: Number(p.communityId),
        communityName: '梧桐里居委会',
        role: 'moderator',
        status: 'approved',
        household: null,
      }),
    }),
    ...extra,
  });
}

async function openPlatform() {
  render(<AdminPlatform />);
  await waitFor(() => expect($('#staff-item-22')).toBeTruthy());
  await waitFor(() => expect($('#community-street-11')).toBeTruthy());
}

describe('街镇管理: who may open it', () => {
  it('refuses a moderator who is not a platform admin, and asks nothing of the admin API', async () => {
    signInAs('password', 'staff-token');
    const calls = fakeServer({
      'GET /api/me': () => ({
        body: {
          user: { ...user, id: 9, isStaff: true },
          memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
          currentCommunityId: null,
        },
      }),
    });
    render(<AdminPlatform />);
    await waitFor(() => expect($('#platform-denied')).toBeTruthy());
    expect($('#platform-denied')?.textContent).toContain('只有街镇（平台）管理员能用');
    expect($('#community-submit')).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/api/admin/'))).toBe(false);
    fireEvent.click($('#platform-go-dashboard') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/dashboard/index' });
  });

  it('asks a resident without a staff account to sign in as staff', async () => {
    signInAs('wechat');
    fakeServer({ 'GET /api/me': () => ({ body: { user, memberships: [], currentCommunityId: null } }) });
    render(<AdminPlatform />);
    await waitFor(() => expect($('#admin-denied')).toBeTruthy());
    expect($('#platform-denied')).toBeNull();
  });

  it('the dashboard offers 街镇管理 to an admin only', async () => {
    const dashboard = {
      communityId: 7,
      communityName: '梅园居委会',
      pendingMemberships: 0,
      residents: 3,
      households: 10,
      activeInvitations: 0,
      notices: { publishedThisMonth: 0, averageReadRate: null, openSignups: 0 },
      matters: { open: 0, doneThisMonth: 0, averageRating: null },
      moderation: { reported: 0, held: 0, appealed: 0 },
    };
    adminServer({ 'GET /api/committees/:communityId/dashboard': () => ({ body: dashboard }) });
    chooseAdminCommunity(7);
    const admin = render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-nav-platform')).toBeTruthy());
    expect($('#admin-nav-platform .admin-tile-title')?.textContent).toBe('街镇管理');
    fireEvent.click($('#admin-nav-platform') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/platform/index' });
    admin.unmount();

    resetApp();
    signInAs('password', 'staff-token');
    fakeServer({
      'GET /api/me': () => ({
        body: {
          user: { ...user, id: 9, isStaff: true },
          memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
          currentCommunityId: null,
        },
      }),
      'GET /api/committees/:communityId/dashboard': () => ({ body: dashboard }),
    });
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-nav-audit')).toBeTruthy());
    expect($('#admin-nav-platform')).toBeNull();
  });
});

describe('街镇管理: 区 and 街镇', () => {
  it('lists districts with their streets; adds a district and a street under it', async () => {
    const calls = adminServer({
      'POST /api/admin/districts': (call) => ({
        status: 201,
        body: { id: 2, name: (call.body as { name: string }).name, streets: [] },
      }),
      'POST /api/admin/streets': (call) => ({
        status: 201,
        body: { id: 25, name: (call.body as { name: string }).name },
      }),
    });
    await openPlatform();
    expect($('#district-item-1')?.textContent).toContain('南京东路街道');

    type('#district-name', ' 静安区 ');
    await click('#district-submit');
    await waitFor(() => expect($('#district-item-2')).toBeTruthy());
    expect(posts(calls)[0]).toMatchObject({ path: '/api/admin/districts', body: { name: '静安区' } });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已添加：静安区' }));

    // Two districts now: the street form wants to know which one.
    type('#street-name', '静安寺街道');
    await click('#street-submit');
    expect($('#street-district-error')?.textContent).toBe('请选择这个街镇属于哪个区');
    expect(posts(calls)).toHaveLength(1);

    fireEvent.click($('#street-district-2') as HTMLElement);
    await click('#street-submit');
    expect(posts(calls)[1]).toMatchObject({ path: '/api/admin/streets', body: { districtId: 2, name: '静安寺街道' } });
    await waitFor(() => expect($('#district-item-2')?.textContent).toContain('静安寺街道'));
    // The new street can take a committee straight away.
    expect($('#community-street-25')).toBeTruthy();
  });
});

describe('街镇管理: 新建居委会', () => {
  it('sends the chosen street and the typed fields, shows the new committee and opens its card editor', async () => {
    const calls = adminServer();
    await openPlatform();
    fireEvent.click($('#community-street-11') as HTMLElement);
    type('#community-name', '  梧桐里居委会 ');
    type('#community-address', '梧桐路12号');
    type('#community-phone', '021-63210000');
    type('#community-lat', '31.2304');
    type('#community-lng', '121.4737');
    await click('#community-submit');

    const post = posts(calls)[0];
    expect(post.path).toBe('/api/admin/communities');
    expect(post.header.Authorization).toBe('Bearer admin-token');
    expect(post.body).toEqual({
      streetId: 11,
      name: '梧桐里居委会',
      address: '梧桐路12号',
      phone: '021-63210000',
      lat: 31.2304,
      lng: 121.4737,
      intro: '',
    });
    await waitFor(() => expect($('#community-created')).toBeTruthy());
    expect($('#community-created-name')?.textContent).toBe('梧桐里居委会');
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已新建：梧桐里居委会' }));
    // The form is empty again for the next one.
    expect(($('#community-name') as HTMLInputElement).value).toBe('');

    fireEvent.click($('#community-open-editor') as HTMLElement);
    expect(adminCommunityStore.get()).toBe(99);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/card/index' });
    fireEvent.click($('#community-open-card') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/card/index?id=99' });
  });

  it('blocks an empty name, a missing street and half a map point before asking the server', async () => {
    const calls = adminServer();
    await openPlatform();
    type('#community-address', '梧桐路12号');
    type('#community-lat', '31.23');
    await click('#community-submit');

    expect($('#community-name-error')?.textContent).toBe('居委名称要2到40个字');
    expect($('#community-street-error')?.textContent).toBe('请选择居委所在的街镇');
    expect($('#community-lng-error')?.textContent).toBe('经度和纬度要一起填，或者都不填');
    expect($('#community-address-error')).toBeNull();
    expect(posts(calls)).toHaveLength(0);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '有内容没填好，请看红字提示' }));

    // Errors follow the typing once shown.
    type('#community-name', '梧桐里居委会');
    expect($('#community-name-error')).toBeNull();
  });

  it('disables the button while the request is in flight', async () => {
    let answer: () => void = () => undefined;
    adminServer({
      'POST /api/admin/communities': () =>
        new Promise((resolve) => {
          answer = () => resolve({ status: 201, body: committeeCard(99, { name: '梧桐里居委会' }) });
        }),
    });
    await openPlatform();
    fireEvent.click($('#community-street-11') as HTMLElement);
    type('#community-name', '梧桐里居委会');
    type('#community-address', '梧桐路12号');
    await click('#community-submit');
    expect($('#community-submit')?.hasAttribute('disabled')).toBe(true);
    expect($('#community-submit')?.textContent).toBe('正在新建…');
    await act(async () => answer());
    await waitFor(() => expect($('#community-created')).toBeTruthy());
    expect($('#community-submit')?.hasAttribute('disabled')).toBe(false);
  });

  it("keeps the form and shows the server's message when the name is taken", async () => {
    const calls = adminServer({
      'POST /api/admin/communities': () => errorReply(409, 'DUPLICATE', '这个街镇已经有同名的居委会了'),
    });
    await openPlatform();
    fireEvent.click($('#community-street-11') as HTMLElement);
    type('#community-name', '梅园居委会');
    type('#community-address', '梅园路1号');
    await click('#community-submit');
    expect(posts(calls)).toHaveLength(1);
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这个街镇已经有同名的居委会了' })),
    );
    expect($('#community-created')).toBeNull();
    expect(($('#community-name') as HTMLInputElement).value).toBe('梅园居委会');
    expect($('#community-submit')?.hasAttribute('disabled')).toBe(false);
  });
});

describe('街镇管理: 工作人员账号', () => {
  it('lists staff with the communities they moderate', async () => {
    adminServer();
    await openPlatform();
    expect(document.querySelectorAll('.staff-item')).toHaveLength(2);
    expect($('#staff-communities-21')?.textContent).toBe('管理：梅园居委会');
    expect($('#staff-communities-22')?.textContent).toBe('还没有分配社区');
  });

  it('checks the password length, then creates the account and lists it', async () => {
    const calls = adminServer({
      'POST /api/admin/staff': () => ({ status: 201, body: staffAccount(23, 'jinqiao.zhao', '赵书记', []) }),
    });
    await openPlatform();
    type('#staff-username', 'jinqiao.zhao');
    type('#staff-password', 'short');
    type('#staff-display-name', '赵书记');
    await click('#staff-submit');
    expect($('#staff-password-error')?.textContent).toBe('密码至少10位');
    expect(posts(calls)).toHaveLength(0);

    type('#staff-password', 'long-enough-1');
    await click('#staff-submit');
    expect(posts(calls)[0]).toMatchObject({
      path: '/api/admin/staff',
      body: { username: 'jinqiao.zhao', password: 'long-enough-1', displayName: '赵书记' },
    });
    await waitFor(() => expect($('#staff-item-23')).toBeTruthy());
    expect(($('#staff-password') as HTMLInputElement).value).toBe('');
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已建好账号：jinqiao.zhao' }));
  });

  it('appoints a staff account as moderator of the community chosen from the search', async () => {
    const calls = adminServer();
    await openPlatform();
    await click('#appoint-22');
    await waitFor(() => expect($('#appoint-community-8')).toBeTruthy());

    type('#appoint-community-search', '梧桐');
    await click('#appoint-community-search-submit');
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/committees' && c.query.get('q') === '梧桐')).toBe(true),
    );
    await waitFor(() => expect($('#appoint-community-8')).toBeTruthy());

    // Nothing chosen yet: say so instead of sending.
    await click('#appoint-confirm');
    expect($('#appoint-error')?.textContent).toBe('请先在上面选一个社区');
    expect(posts(calls)).toHaveLength(0);

    fireEvent.click($('#appoint-community-8') as HTMLElement);
    await click('#appoint-confirm');
    const post = posts(calls)[0];
    expect(post.path).toBe('/api/admin/communities/8/moderators');
    expect(post.body).toEqual({ userId: 22 });
    await waitFor(() => expect($('#appoint-dialog')).toBeNull());
    expect($('#staff-communities-22')?.textContent).toBe('管理：梧桐里居委会');
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已任命李阿姨管理梧桐里居委会' }));
  });

  it('will not choose a community the account already moderates', async () => {
    const calls = adminServer();
    await openPlatform();
    await click('#appoint-21');
    await waitFor(() => expect($('#appoint-community-7')).toBeTruthy());
    expect($('#appoint-community-7')?.textContent).toContain('已经在管理');
    fireEvent.click($('#appoint-community-7') as HTMLElement);
    await click('#appoint-confirm');
    expect($('#appoint-error')).toBeTruthy();
    expect(posts(calls)).toHaveLength(0);
    fireEvent.click($('#appoint-cancel') as HTMLElement);
    expect($('#appoint-dialog')).toBeNull();
  });

  it('disables an account after a confirmation and marks it 已停用', async () => {
    const calls = adminServer({
      'POST /api/admin/staff/:userId/disable': (_, p) => ({
        body: { ...staffAccount(Number(p.userId), 'wutong.li', '李阿姨', []), disabled: true },
      }),
    });
    await openPlatform();
    await click('#staff-disable-22');
    await waitFor(() => expect($('#staff-disabled-22')).toBeTruthy());
    expect(posts(calls).map((c) => c.path)).toEqual(['/api/admin/staff/22/disable']);
    expect($('#staff-disable-22')).toBeNull();
  });

  it('sets a new password only when it is long enough', async () => {
    const calls = adminServer({
      'POST /api/admin/staff/:userId/password': (_, p) => ({
        body: staffAccount(Number(p.userId), 'wutong.li', '李阿姨', []),
      }),
    });
    await openPlatform();
    await click('#staff-password-22');
    type('#staff-new-password-22', 'short');
    await click('#staff-password-save-22');
    expect($('#staff-new-password-22-error')?.textContent).toBe('密码至少10位');
    expect(posts(calls)).toHaveLength(0);
    // Ten UTF-16 units but nine visible characters: the contract counts what is seen.
    type('#staff-new-password-22', 'abcdefghi\u200b');
    await click('#staff-password-save-22');
    expect($('#staff-new-password-22-error')?.textContent).toBe('密码至少10位');
    type('#staff-new-password-22', `${'x'.repeat(129)}`);
    await click('#staff-password-save-22');
    expect($('#staff-new-password-22-error')?.textContent).toBe('密码最多128位');
    expect(posts(calls)).toHaveLength(0);
    type('#staff-new-password-22', 'a-much-longer-password');
    await click('#staff-password-save-22');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]).toMatchObject({
      path: '/api/admin/staff/22/password',
      body: { password: 'a-much-longer-password' },
    });
  });
});

describe('街镇管理: a taken username', () => {
  it('shows next to the username field, and clears when it is changed', async () => {
    const calls = adminServer({
      'POST /api/admin/staff': () => errorReply(409, 'USERNAME_TAKEN', '这个用户名已被使用'),
    });
    await openPlatform();
    type('#staff-username', 'wutong');
    type('#staff-password', 'long-enough-1');
    type('#staff-display-name', '赵书记');
    await click('#staff-submit');
    expect(posts(calls)).toHaveLength(1);
    await waitFor(() => expect($('#staff-username-error')?.textContent).toBe('这个用户名已被使用'));
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '这个用户名已被使用' }));
    type('#staff-username', 'wutong2');
    expect($('#staff-username-error')).toBeNull();
  });
});
