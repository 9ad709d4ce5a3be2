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

describe('操作记录 filter', () => {
  function auditServer(): Call[] {
    signInAs('password', 'staff-token');
    chooseAdminCommunity(7);
    return fakeServer({
      'GET /api/me': () => ({ body: staffMe }),
      'GET /api/committees/:communityId/audit': () => ({ body: { items: [], nextBefore: null } }),
    });
  }
  const auditQueries = (calls: Call[]) => calls.filter((c) => c.path === '/api/committees/7/audit').map((c) => c.query);

  it('asks for what the contract takes, and says what is wrong otherwise', async () => {
    const calls = auditServer();
    render(<AdminAudit />);
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(1));

    type('#audit-actor', '0');
    await click('#audit-search');
    expect($('#audit-actor-error')?.textContent).toBe('操作人编号要填数字');
    type('#audit-actor', '99999999999');
    await click('#audit-search');
    expect($('#audit-actor-error')?.textContent).toBe('操作人编号要填数字');
    type('#audit-actor', '');
    type('#audit-action', 'x'.repeat(65));
    await click('#audit-search');
    expect($('#audit-action-error')?.textContent).toBe('操作类型最多64个字');
    expect($('#audit-actor-error')).toBeNull();
    expect(auditQueries(calls)).toHaveLength(1);

    type('#audit-action', ' membership.approve ');
    type('#audit-actor', '12');
    await click('#audit-search');
    await waitFor(() => expect(auditQueries(calls)).toHaveLength(2));
    const query = auditQueries(calls)[1];
    expect(query.get('action')).toBe('membership.approve');
    expect(query.get('actorId')).toBe('12');
    expect($('#audit-action-error')).toBeNull();
  });
});
