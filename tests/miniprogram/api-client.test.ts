import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, api } from '../../miniprogram/api/client';
import { getMe, logout } from '../../shared/contracts/auth';
import { listCommittees } from '../../shared/contracts/committees';
import { joinCommunity } from '../../shared/contracts/memberships';
import '../../miniprogram/api/session';
import { storageKeys } from '../../miniprogram/lib/storage';
import { acceptTermsInStorage, errorReply, fakeServer, me, resetApp, session, signInAs } from './helpers';
import Taro, { storage } from './stubs/taro';

beforeEach(resetApp);

describe('api client', () => {
  it('sends the stored token as a Bearer header and parses the reply with the contract', async () => {
    signInAs('wechat', 'tok-abc');
    const calls = fakeServer({ 'GET /api/me': () => ({ body: me([], null) }) });
    const reply = await api(getMe);
    expect(calls[0].header.Authorization).toBe('Bearer tok-abc');
    expect(reply.user.id).toBe(1);
    expect(reply.currentCommunityId).toBeNull();
  });

  it('fills the path, leaves out empty query values and sends no token on public routes', async () => {
    signInAs('wechat', 'tok-abc');
    const calls = fakeServer({
      'GET /api/committees': () => ({ body: { items: [], nextOffset: null } }),
    });
    await api(listCommittees, { query: { q: '', lat: 31.2, lng: 121.4, limit: 20 } });
    expect(calls[0].path).toBe('/api/committees');
    expect([...calls[0].query.entries()]).toEqual([
      ['lat', '31.2'],
      ['lng', '121.4'],
      ['limit', '20'],
    ]);
    // listCommittees is 'optional': a valid token is sent so that isMine can be filled.
    expect(calls[0].header.Authorization).toBe('Bearer tok-abc');
  });

  it("shows the server's Chinese message in a toast and throws its code", async () => {
    signInAs();
    fakeServer({
      'POST /api/committees/:communityId/join': () => errorReply(409, 'JOIN_PENDING', '您的申请正在审核中，请耐心等待'),
    });
    const error = await api(joinCommunity, {
      params: { communityId: 7 },
      body: { householdId: 31, realName: '张建国', phone: null },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('JOIN_PENDING');
    expect((error as ApiError).status).toBe(409);
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '您的申请正在审核中，请耐心等待', icon: 'none' }),
    );
  });

  it('puts the path parameters into the url and posts the body', async () => {
    signInAs();
    const calls = fakeServer({
      'POST /api/committees/:communityId/join': () => errorReply(409, 'ALREADY_MEMBER', '您已经是这个社区的居民了'),
    });
    await api(
      joinCommunity,
      { params: { communityId: 7 }, body: { householdId: 31, realName: '张建国', phone: null } },
      { silent: true },
    ).catch(() => undefined);
    expect(calls[0].path).toBe('/api/committees/7/join');
    expect(calls[0].body).toEqual({ householdId: 31, realName: '张建国', phone: null });
    expect(calls[0].header['Content-Type']).toBe('application/json');
  });

  it('stays quiet with { silent: true }', async () => {
    signInAs();
    fakeServer({ 'GET /api/me': () => errorReply(403, 'FORBIDDEN', '您没有权限做这件事') });
    await expect(api(getMe, undefined, { silent: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('refuses a reply that does not match the response schema', async () => {
    signInAs();
    fakeServer({ 'GET /api/me': () => ({ body: { user: { id: 'not-a-number' } } }) });
    await expect(api(getMe)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '数据格式不对，请更新小程序后再试' }));
  });

  it('turns a failed connection into a plain network message', async () => {
    signInAs();
    Taro.request.mockImplementation(async () => {
      throw new Error('request:fail');
    });
    await expect(api(getMe)).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不太好，请检查网络后再试' }));
  });

  it('answers undefined for a 204 route', async () => {
    signInAs();
    fakeServer({ 'POST /api/auth/logout': () => ({ status: 204 }) });
    await expect(api(logout)).resolves.toBeUndefined();
  });

  it('signs in again silently on 401 and retries once with the new token', async () => {
    signInAs('wechat', 'old-token');
    let meCalls = 0;
    const calls = fakeServer({
      'GET /api/me': (call) => {
        meCalls++;
        return call.header.Authorization === 'Bearer new-token'
          ? { body: me() }
          : errorReply(401, 'SESSION_EXPIRED', '登录已过期，请重新登录');
      },
      'POST /api/auth/wechat': () => ({ body: session('new-token') }),
    });
    const reply = await api(getMe);
    expect(reply.user.id).toBe(1);
    expect(meCalls).toBe(2);
    const login = calls.find((c) => c.path === '/api/auth/wechat');
    // In H5 the code is this browser's random device code, kept for next time.
    const code = (login?.body as { code: string } | undefined)?.code;
    expect(code).toMatch(/^h5-[0-9a-f]{32}$/);
    expect(storage.get(storageKeys.deviceCode)).toBe(code);
    expect(storage.get(storageKeys.token)).toBe('new-token');
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('signs in first when a user route is called without any session', async () => {
    acceptTermsInStorage();
    const calls = fakeServer({
      'POST /api/auth/wechat': () => ({ body: session('fresh') }),
      'GET /api/me': () => ({ body: me() }),
    });
    await api(getMe);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/auth/wechat', 'GET /api/me']);
    // The sign-in route is public: no token on it.
    expect(calls[0].header.Authorization).toBeUndefined();
    expect(calls[1].header.Authorization).toBe('Bearer fresh');
  });

  it('does not renew a staff session silently: the 401 message is shown', async () => {
    signInAs('password', 'staff-token');
    const calls = fakeServer({
      'GET /api/me': () => errorReply(401, 'SESSION_EXPIRED', '登录已过期，请重新登录'),
    });
    await expect(api(getMe)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(calls.some((c) => c.path === '/api/auth/wechat')).toBe(false);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已过期，请重新登录' }));
    expect(storage.has(storageKeys.token)).toBe(false);
  });
});
