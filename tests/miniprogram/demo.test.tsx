import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { TERMS_VERSION } from '../../miniprogram/lib/consent';
import { storageKeys } from '../../miniprogram/lib/storage';
import Home from '../../miniprogram/pages/home/index';
import { fakeServer, me, membership, resetApp, session, signInAs } from './helpers';
import Taro, { storage } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

function serve(demo: boolean, items: unknown[] = []) {
  signInAs();
  // A browser that is signed in has accepted the terms.
  storage.set(storageKeys.termsAccepted, TERMS_VERSION);
  return fakeServer({
    'GET /api/health': () => ({ body: { status: 'ok', database: 'ok', engine: 'pglite', demo } }),
    'GET /api/me': () => ({ body: me(items) }),
    'GET /api/committees/:communityId': () => ({ body: null, status: 404 }),
    'POST /api/auth/wechat': () => ({ body: session('tok-demo') }),
  });
}

describe('示范账号 button', () => {
  it('is offered on a demo server to someone who has not applied, and says it switches after a confirm', async () => {
    const calls = serve(true);
    render(<Home />);
    await waitFor(() => expect($('#home-demo-resident')).toBeTruthy());
    expect($('#home-demo-resident')?.textContent).toContain('切换到示范账号');
    await act(async () => fireEvent.click($('#home-demo-resident') as HTMLElement));
    const dialog = Taro.showModal.mock.calls[0][0] as { content: string };
    expect(dialog.content).toContain('示范居民账号');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/auth/wechat')).toBe(true));
    expect(calls.find((c) => c.path === '/api/auth/wechat')?.body).toEqual({ code: 'demo-resident' });
    expect(storage.get(storageKeys.deviceCode)).toBe('demo-resident');
  });

  it('is not offered when the server is not in demo mode', async () => {
    const calls = serve(false);
    render(<Home />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/health')).toBe(true));
    await waitFor(() => expect($('#home-find')).toBeTruthy());
    expect($('#home-demo-resident')).toBeNull();
  });

  it('is not offered to an account that has applied somewhere (even if turned down)', async () => {
    const calls = serve(true, [membership({ status: 'rejected', reason: '房号不对' })]);
    render(<Home />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/health')).toBe(true));
    await waitFor(() => expect($('#home-rejected')).toBeTruthy());
    expect($('#home-demo-resident')).toBeNull();
  });
});
