import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminAudit from '../../miniprogram/packages/admin/audit/index';
import AdminLogin from '../../miniprogram/packages/admin/login/index';
import { textMessages } from '../../shared/text';
import { type Call, fakeServer, membership, resetApp, signInAs, user } from './helpers';

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

const staffMe = {
  user: { ...user, id: 9, isStaff: true },
  memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
  currentCommunityId: 7,
};

describe('工作人员登录', () => {
  it('checks the fields by the sign-in contract before asking the server', async () => {
    const calls = fakeServer({
      'POST /api/auth/password': () => ({
        body: { ...staffMe, token: 'staff-token', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
    });
    render(<AdminLogin />);
    await click('#admin-login-submit');
    expect($('#admin-username-error')?.textContent).toBe('请填写用户名');
    expect($('#admin-password-error')?.textContent).toBe('请填写密码');

    // A zero-width space survives String.trim(); the contract refuses text with nothing visible.
    type('#admin-username', '\u200b');
    type('#admin-password', 'shequyun-demo');
    await click('#admin-login-submit');
    expect($('#admin-username-error')?.textContent).toBe(textMessages.invisible);
    expect($('#admin-password-error')).toBeNull();
    expect(posts(calls)).toHaveLength(0);

    // The username is sent cleaned; the password exactly as typed.
    type('#admin-username', ' wutong ');
    type('#admin-password', ' shequyun-demo ');
    await click('#admin-login-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].body).toEqual({ username: 'wutong', password: ' shequyun-demo ' });
  });
});

describe('操作记录', () => {
  const entry = (over: Record<string, unknown>) => ({
    id: 1,
    communityId: 7,
    action: 'membership.approve',
    actionLabel: '通过加入申请',
    actorId: 9,
    actorName: '王主任',
    actorKind: 'staff',
    targetType: 'membership',
    targetId: 50,
    targetName: '小李 · 3号楼 1单元 302室',
    changes: [{ field: 'status', label: '状态', before: '待审核', after: '已通过' }],
    requestId: 'r1',
    createdAt: '2026-03-05T06:30:00.000Z',
    ...over,
  });

  function auditServer(): Call[] {
    signInAs('password', 'staff-token');
    chooseAdminCommunity(7);
    return fakeServer({
      'GET /api/me': () => ({ body: staffMe }),
      'GET /api/committees/:communityId/audit/actors': () => ({
        body: {
          items: [
            { id: 9, name: '王主任', kind: 'staff' },
            { id: 12, name: '赵社工', kind: 'staff' },
          ],
        },
      }),
      'GET /api/committees/:communityId/audit': () => ({
        body: {
          items: [
            entry({}),
            entry({
              id: 2,
              action: 'membership.join',
              actionLabel: '申请加入社区',
              actorId: 60,
              actorName: '小李',
              actorKind: 'resident',
              changes: [
                { field: 'status', label: '状态', before: null, after: '待审核' },
                { field: 'householdId', label: '房屋', before: null, after: '3号楼 1单元 302室' },
              ],
            }),
          ],
          nextBefore: null,
        },
      }),
    });
  }
  const auditQueries = (calls: Call[]) => calls.filter((c) => c.path === '/api/committees/7/audit').map((c) => c.query);

  it('shows who did what to what, and each change as label: before → after', async () => {
    auditServer();
    render(<AdminAudit />);
    await waitFor(() => expect($('#audit-1')).toBeTruthy());
    expect($('#audit-1 .audit-action')?.textContent).toBe('通过加入申请');
    expect($('#audit-1-actor')?.textContent).toBe('操作人：王主任（工作人员）');
    expect($('#audit-1-target')?.textContent).toBe('对象：小李 · 3号楼 1单元 302室');
    expect($('#audit-1-change-status')?.textContent).toBe('状态：待审核 → 已通过');
    expect($('#audit-1 .audit-time')?.textContent).toBe('2026年3月5日 14:30');
    // A resident acting is labelled so; a value with nothing before shows without an arrow.
    expect($('#audit-2-actor')?.textContent).toBe('操作人：小李（居民）');
    expect($('#audit-2-change-householdId')?.textContent).toBe('房屋：3号楼 1单元 302室');
    expect(document.body.textContent).not.toContain('{');
  });

  it('filters by an action from the catalogue and by a staff member picked by name', async () => {
    const calls = auditServer();
    render(<AdminAudit />);
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(1));
    expect(auditQueries(calls)[0].get('action')).toBeNull();
    await waitFor(() => expect($('#audit-actor-12')?.textContent).toBe('赵社工'));

    await click('#audit-action-membership-approve');
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(2));
    expect(auditQueries(calls)[1].get('action')).toBe('membership.approve');
    expect($('#audit-action-membership-approve')?.className).toContain('chip--on');

    await click('#audit-actor-12');
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(3));
    expect(auditQueries(calls)[2].get('action')).toBe('membership.approve');
    expect(auditQueries(calls)[2].get('actorId')).toBe('12');

    // Platform-level actions are not offered in a committee's log.
    expect($('#audit-action-district-create')).toBeNull();

    await click('#audit-clear');
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(4));
    expect(auditQueries(calls)[3].get('action')).toBeNull();
    expect(auditQueries(calls)[3].get('actorId')).toBeNull();
  });
});
