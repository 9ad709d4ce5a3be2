import { act, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { sessionStore, signInWithWechat } from '../../miniprogram/api/session';
import { TERMS_VERSION } from '../../miniprogram/lib/consent';
import { networkStore, setOnline, watchNetwork } from '../../miniprogram/lib/network';
import { storageKeys } from '../../miniprogram/lib/storage';
import CommitteeCardPage from '../../miniprogram/packages/committee/card/index';
import Home from '../../miniprogram/pages/home/index';
import { committeeCard, fakeServer, resetApp, session } from './helpers';
import Taro, { type FakeRequest, router, storage } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

/** The fake server, behind a switch that makes every request fail as with no network. */
function serverWithSwitch(routes: Parameters<typeof fakeServer>[0]) {
  const calls = fakeServer(routes);
  const serve = Taro.request.getMockImplementation() as (req: FakeRequest) => Promise<unknown>;
  const net = { up: false };
  Taro.request.mockImplementation(async (req: FakeRequest) => {
    if (!net.up) throw new Error('request:fail timeout');
    return serve(req) as Promise<{ statusCode: number; data: unknown }>;
  });
  return { calls, net };
}

describe('offline is not signed out', () => {
  beforeEach(() => storage.set(storageKeys.termsAccepted, TERMS_VERSION));

  it('a sign-in that fails for want of a network leaves the user not signed out, and signs in when it returns', async () => {
    const { net } = serverWithSwitch({ 'POST /api/auth/wechat': () => ({ body: session('tok-9') }) });
    setOnline(false);
    await expect(signInWithWechat({ silent: true })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(sessionStore.get().status).toBe('unknown');
    expect(storage.has(storageKeys.signedOut)).toBe(false);

    net.up = true;
    await act(async () => setOnline(true));
    await waitFor(() => expect(sessionStore.get().status).toBe('signed-in'));
    expect(storage.get(storageKeys.token)).toBe('tok-9');
  });

  it('a refusal by the server does sign out', async () => {
    fakeServer({
      'POST /api/auth/wechat': () => ({
        status: 401,
        body: { error: { code: 'WECHAT_CODE_INVALID', message: '微信登录失败，请重新打开小程序再试' } },
      }),
    });
    await expect(signInWithWechat({ silent: true })).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' });
    expect(sessionStore.get().status).toBe('signed-out');
  });
});

describe('the no-network banner', () => {
  it('follows Taro.onNetworkStatusChange and says so on the page', async () => {
    fakeServer({});
    watchNetwork();
    const listener = Taro.onNetworkStatusChange.mock.calls[0]?.[0];
    expect(listener).toBeTypeOf('function');
    render(<Home />);
    expect($('#offline-banner')).toBeNull();
    act(() => listener?.({ isConnected: false, networkType: 'none' }));
    expect(networkStore.get().online).toBe(false);
    expect($('#offline-banner')?.textContent).toContain('没有网络');
    act(() => listener?.({ isConnected: true, networkType: 'wifi' }));
    expect($('#offline-banner')).toBeNull();
  });

  it('a page that failed to load for want of a network loads again when it returns', async () => {
    router.params = { id: '7' };
    const { net } = serverWithSwitch({
      'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    });
    setOnline(false);
    render(<CommitteeCardPage />);
    await waitFor(() => expect($('#state-error')).toBeTruthy());
    net.up = true;
    await act(async () => setOnline(true));
    await waitFor(() => expect($('#card-name')?.textContent).toBe('梅园居委会'));
  });
});
