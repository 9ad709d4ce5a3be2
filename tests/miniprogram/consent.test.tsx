import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ensureSession, sessionStore } from '../../miniprogram/api/session';
import { TERMS_VERSION } from '../../miniprogram/lib/consent';
import { storageKeys } from '../../miniprogram/lib/storage';
import AdminLogin from '../../miniprogram/packages/admin/login/index';
import PrivacyPage from '../../miniprogram/packages/legal/privacy/index';
import Home from '../../miniprogram/pages/home/index';
import { fakeServer, resetApp, session } from './helpers';
import { storage } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

describe('H5 first open: agreement and privacy before an account', () => {
  it('asks first and makes no account; accepting signs in', async () => {
    const calls = fakeServer({ 'POST /api/auth/wechat': () => ({ body: session('tok-new') }) });
    render(<Home />);
    await act(async () => {
      await ensureSession();
    });
    await waitFor(() => expect($('#consent-dialog')).toBeTruthy());
    expect(calls.filter((c) => c.path === '/api/auth/wechat')).toHaveLength(0);
    expect(sessionStore.get().status).toBe('signed-out');

    await act(async () => fireEvent.click($('#consent-accept') as HTMLElement));
    await waitFor(() => expect(sessionStore.get().status).toBe('signed-in'));
    expect(calls.filter((c) => c.path === '/api/auth/wechat')).toHaveLength(1);
    expect(storage.get(storageKeys.termsAccepted)).toBe(TERMS_VERSION);
    expect($('#consent-dialog')).toBeNull();
  });

  it('declining still lets one look around, and 登录 asks again', async () => {
    const calls = fakeServer({ 'POST /api/auth/wechat': () => ({ body: session('tok-new') }) });
    render(<Home />);
    await act(async () => {
      await ensureSession();
    });
    await act(async () => fireEvent.click($('#consent-decline') as HTMLElement));
    expect($('#consent-dialog')).toBeNull();
    await act(async () => fireEvent.click($('#home-sign-in') as HTMLElement));
    expect($('#consent-dialog')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/auth/wechat')).toHaveLength(0);
  });

  it('is not asked on the staff sign-in page (staff use a password, not a resident account)', async () => {
    fakeServer({});
    render(<AdminLogin />);
    await act(async () => {
      await ensureSession();
    });
    expect($('#consent-dialog')).toBeNull();
    expect($('#admin-login-submit')).toBeTruthy();
  });

  it('the privacy policy page can be read while the question waits', async () => {
    fakeServer({});
    render(<PrivacyPage />);
    await act(async () => {
      await ensureSession();
    });
    expect($('#consent-dialog')).toBeNull();
  });
});
