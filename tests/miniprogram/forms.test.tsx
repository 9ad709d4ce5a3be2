import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { validateJoin } from '../../miniprogram/lib/validation';
import AdminLogin from '../../miniprogram/packages/admin/login/index';
import InvitePage from '../../miniprogram/packages/committee/invite/index';
import JoinPage from '../../miniprogram/packages/committee/join/index';
import { chinaClock } from '../../shared/domain/office-hours';
import { type Call, committeeCard, fakeServer, household, me, resetApp, signInAs } from './helpers';
import Taro, { router } from './stubs/taro';

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
const refusal = (status: number, code: string, message: string, details?: unknown) => ({
  status,
  body: { error: { code, message, ...(details ? { details } : {}) } },
});

describe('join form check (from the contract)', () => {
  it('a one-character name says 至少两个字', () => {
    const result = validateJoin({ householdId: 31, realName: '张', phone: '', agreed: true });
    expect(result.errors.realName).toBe('姓名至少两个字');
  });
});

describe('邀请码: the field says which problem', () => {
  async function redeemWith(details: unknown, message = '邀请码无效、已过期或已用完') {
    signInAs();
    const calls = fakeServer({
      'GET /api/me': () => ({ body: me([]) }),
      'POST /api/invitations/redeem': () => refusal(409, 'INVITATION_INVALID', message, details),
    });
    render(<InvitePage />);
    type('#invite-code', 'wutong88');
    type('#invite-realname', '王秀英');
    fireEvent.click($('#invite-agree') as HTMLElement);
    await click('#invite-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    return calls;
  }

  it.each([
    ['unknown', '邀请码不对，请核对后再输入'],
    ['expired', '这个邀请码已经过期了，请找居委要一个新的'],
    ['used_up', '这个邀请码的次数已经用完了，请找居委要一个新的'],
  ])('%s', async (reason, text) => {
    await redeemWith({ reason });
    await waitFor(() => expect($('#invite-code-error')?.textContent).toBe(text));
    // Next to the field, not in a toast.
    expect(Taro.showToast).not.toHaveBeenCalled();
    expect($('#invite-submit')?.hasAttribute('disabled')).toBe(false);
  });

  it('a network failure says so at the form and offers 重试, which sends again', async () => {
    signInAs();
    let fail = true;
    const calls = fakeServer({ 'GET /api/me': () => ({ body: me([]) }) });
    const base = Taro.request.getMockImplementation();
    Taro.request.mockImplementation(async (req) => {
      if (req.url.endsWith('/api/invitations/redeem') && fail) {
        calls.push({
          method: 'POST',
          path: '/api/invitations/redeem',
          query: new URLSearchParams(),
          body: req.data,
          header: req.header,
        });
        throw new Error('request:fail');
      }
      return base ? base(req) : { statusCode: 404, data: {} };
    });
    render(<InvitePage />);
    type('#invite-code', 'wutong88');
    type('#invite-realname', '王秀英');
    fireEvent.click($('#invite-agree') as HTMLElement);
    await click('#invite-submit');
    await waitFor(() => expect($('#invite-form-error')?.textContent).toContain('网络不太好'));
    fail = false;
    await click('#invite-form-error-retry');
    await waitFor(() => expect(posts(calls)).toHaveLength(2));
  });
});

describe('join form: server refusals next to the field', () => {
  it('a household removed meanwhile shows at the room picker', async () => {
    router.params = { id: '7' };
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: me([]) }),
      'GET /api/memberships': () => ({ body: { items: [] } }),
      'GET /api/committees/:communityId': () => ({ body: committeeCard(7) }),
      'GET /api/committees/:communityId/buildings': () => ({
        body: { items: [{ id: 3, name: '3号楼', households: 1 }] },
      }),
      'GET /api/committees/:communityId/buildings/:buildingId/households': () => ({ body: { items: [household] } }),
      'POST /api/committees/:communityId/join': () => refusal(404, 'NOT_FOUND', '没有找到，可能已被删除'),
    });
    render(<JoinPage />);
    await waitFor(() => expect($('#household-31')).toBeTruthy());
    fireEvent.click($('#household-31') as HTMLElement);
    type('#join-realname', '张建国');
    fireEvent.click($('#join-agree') as HTMLElement);
    await click('#join-submit');
    await waitFor(() => expect($('#household-error')?.textContent).toBe('这个房号已经不在名单里了，请重新选择'));
  });
});

describe('工作人员登录: tries left and the lock', () => {
  it('says how many tries are left, then until when the account is locked', async () => {
    let n = 0;
    const until = new Date(Date.now() + 15 * 60_000);
    const hhmm = chinaClock(until).time;
    const calls = fakeServer({
      'POST /api/auth/password': () => {
        n += 1;
        if (n === 1) return refusal(401, 'BAD_CREDENTIALS', '用户名或密码不对', { remaining: 1 });
        if (n === 2) {
          return refusal(429, 'ACCOUNT_LOCKED', '密码错误次数太多，请稍后再试', {
            lockedUntil: until.toISOString(),
          });
        }
        return refusal(429, 'ACCOUNT_LOCKED', '密码错误次数太多，请稍后再试');
      },
    });
    render(<AdminLogin />);
    type('#admin-username', 'wutong');
    type('#admin-password', 'wrong-1');
    await click('#admin-login-submit');
    await waitFor(() =>
      expect($('#admin-password-error')?.textContent).toBe('用户名或密码不对。还可以再试 1 次，再错就会锁定一段时间。'),
    );
    expect(($('#admin-password') as HTMLInputElement).value).toBe('');
    type('#admin-password', 'wrong-2');
    await click('#admin-login-submit');
    // In China time, as the staff member reads a clock.
    await waitFor(() => expect($('#admin-password-error')?.textContent).toContain(`${hhmm} 以后再试`));
    // A later refusal carries no time: the page still knows it.
    type('#admin-password', 'right');
    await click('#admin-login-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(3));
    expect($('#admin-password-error')?.textContent).toContain(`${hhmm} 以后再试`);
    expect(Taro.showToast).not.toHaveBeenCalled();
  });
});
