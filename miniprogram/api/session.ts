import Taro from '@tarojs/taro';
import {
  getMe,
  logout,
  type MeReply,
  passwordSignIn,
  type SessionReply,
  setCurrentCommunity,
  wechatSignIn,
} from '../../shared/contracts/auth';
import type { MyMembership } from '../../shared/contracts/common';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import { askForConsent, onTermsAccepted, termsAccepted } from '../lib/consent';
import { isWeapp } from '../lib/env';
import { onReconnect } from '../lib/network';
import { readStorage, removeStorage, storageKeys, writeStorage } from '../lib/storage';
import { createStore, useStore } from '../lib/store';
import { ApiError, api } from './client';
import { clearToken, isExpired, loadToken, saveToken, setRenewer } from './token';

export interface SessionState {
  /** 'unknown' before the first check; 'signed-out' after the user chose to sign out (or never signed in). */
  status: 'unknown' | 'signing-in' | 'signed-in' | 'signed-out';
  me: MeReply | null;
  kind: 'wechat' | 'password' | null;
}

export const sessionStore = createStore<SessionState>({ status: 'unknown', me: null, kind: null });

export function useSession(): SessionState {
  return useStore(sessionStore);
}

/**
 * In H5 there is no wx.login. The server's local WeChat adapter turns any code into a stable user,
 * so one random code per browser, kept in storage, makes one browser one demo resident.
 */
export function deviceCode(): string {
  const existing = readStorage<string>(storageKeys.deviceCode);
  if (existing) return existing;
  let random = '';
  const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
  if (cryptoApi?.getRandomValues) {
    const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
    random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  } else {
    random = `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}${Math.random().toString(16).slice(2)}`;
  }
  const code = `h5-${random}`;
  writeStorage(storageKeys.deviceCode, code);
  return code;
}

/**
 * H5 demo only: become the seeded demo resident (王秀英 of 梧桐里居委会). The server's local
 * WeChat adapter maps this code to her; a server with real WeChat credentials refuses it.
 * Never replaces an account that has applied to, or joined, any community.
 */
export async function signInAsDemoResident(): Promise<MeReply> {
  if ((sessionStore.get().me?.memberships.length ?? 0) > 0) {
    throw new ApiError(409, 'INVALID_STATE', '您已经申请过社区，不能切换到示范账号');
  }
  writeStorage(storageKeys.deviceCode, DEMO_RESIDENT_CODE);
  clearToken();
  return signInWithWechat();
}

async function loginCode(): Promise<string> {
  if (!isWeapp) return deviceCode();
  const { code } = await Taro.login();
  if (!code) throw new ApiError(401, 'WECHAT_CODE_INVALID', '微信登录失败，请重新打开小程序再试');
  return code;
}

function applySession(reply: SessionReply, kind: 'wechat' | 'password'): MeReply {
  saveToken({ token: reply.token, expiresAt: reply.expiresAt, kind });
  const me: MeReply = {
    user: reply.user,
    memberships: reply.memberships,
    currentCommunityId: reply.currentCommunityId,
  };
  sessionStore.set({ status: 'signed-in', me, kind });
  return me;
}

let inFlight: Promise<MeReply> | null = null;

/** A 4xx answer from the server (bad code, blocked user): not a network failure or a server fault. */
export function refusedByServer(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** WeChat sign-in (H5: the device code). Single-flight: concurrent callers share one login. */
export function signInWithWechat(options: { silent?: boolean } = {}): Promise<MeReply> {
  if (inFlight) return inFlight;
  // In a browser, no account is made before the agreement and privacy policy are accepted.
  if (!termsAccepted()) {
    askForConsent();
    sessionStore.set({ status: 'signed-out', me: null, kind: null });
    return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', '请先同意用户协议和隐私政策'));
  }
  removeStorage(storageKeys.signedOut);
  const previous = sessionStore.get();
  sessionStore.set({ ...previous, status: 'signing-in' });
  inFlight = (async () => {
    try {
      const code = await loginCode();
      const reply = await api(wechatSignIn, { body: { code } }, { silent: options.silent });
      return applySession(reply, 'wechat');
    } catch (error) {
      // Only the server saying no signs the user out. No network (or WeChat's login failing to
      // reach its servers) leaves things as they were; the app signs in again when the network returns.
      if (refusedByServer(error)) sessionStore.set({ status: 'signed-out', me: null, kind: null });
      else sessionStore.set({ ...previous, status: previous.me ? 'signed-in' : 'unknown' });
      throw error;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Silent: the sign-in page shows a refusal (tries left, locked until) next to the password. */
export async function signInWithPassword(username: string, password: string): Promise<MeReply> {
  const reply = await api(passwordSignIn, { body: { username, password } }, { silent: true });
  removeStorage(storageKeys.signedOut);
  return applySession(reply, 'password');
}

/** The token renewer used by the api client on expiry or 401. */
setRenewer(async () => {
  const stored = loadToken();
  // A staff session needs the password again; a resident who signed out stays out.
  if (stored?.kind === 'password' || readStorage<boolean>(storageKeys.signedOut)) {
    if (stored) clearToken();
    sessionStore.set({ status: 'signed-out', me: null, kind: null });
    return null;
  }
  try {
    await signInWithWechat({ silent: true });
    return loadToken()?.token ?? null;
  } catch {
    return null;
  }
});

/** Accepting the terms (H5 first open) signs in at once. */
onTermsAccepted(() => {
  signInWithWechat({ silent: true }).catch(() => undefined);
});

/** When the network comes back, sign in if the first try could not (never after a chosen sign-out). */
onReconnect(() => {
  const state = sessionStore.get();
  if (state.status === 'signed-in' || state.status === 'signing-in') return;
  if (readStorage<boolean>(storageKeys.signedOut)) return;
  ensureSession().catch(() => undefined);
});

/**
 * Called at launch and by pages that need a user: reuses a valid token (refreshing /api/me),
 * otherwise signs in silently, unless the user chose to sign out.
 */
export async function ensureSession(): Promise<MeReply | null> {
  const state = sessionStore.get();
  if (state.status === 'signed-in' && state.me) return state.me;
  const stored = loadToken();
  if (stored && !isExpired(stored)) {
    try {
      return await refreshMe({ silent: true });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
  }
  if (stored) clearToken();
  if (readStorage<boolean>(storageKeys.signedOut)) {
    sessionStore.set({ status: 'signed-out', me: null, kind: null });
    return null;
  }
  if (!termsAccepted()) {
    askForConsent();
    sessionStore.set({ status: 'signed-out', me: null, kind: null });
    return null;
  }
  // No session, or an expired one (a staff session falls back to the resident's WeChat identity).
  return signInWithWechat({ silent: true });
}

export async function refreshMe(options: { silent?: boolean } = {}): Promise<MeReply> {
  const me = await api(getMe, undefined, options);
  const kind = loadToken()?.kind ?? 'wechat';
  sessionStore.set({ status: 'signed-in', me, kind });
  return me;
}

export async function chooseCommunity(communityId: number): Promise<MeReply> {
  const me = await api(setCurrentCommunity, { body: { communityId } });
  sessionStore.set({ ...sessionStore.get(), status: 'signed-in', me });
  return me;
}

/** Replace the memberships in the session after a join, leave or redeem, without a round trip. */
export function updateMemberships(
  update: (items: MyMembership[]) => MyMembership[],
  currentCommunityId?: number | null,
): void {
  const state = sessionStore.get();
  if (!state.me) return;
  sessionStore.set({
    ...state,
    me: {
      ...state.me,
      memberships: update(state.me.memberships),
      currentCommunityId: currentCommunityId === undefined ? state.me.currentCommunityId : currentCommunityId,
    },
  });
}

/**
 * Sign out of this device. A resident stays signed out (no silent login) until they tap 登录;
 * a staff member falls back to the resident session on the next visit.
 */
export async function signOut(): Promise<void> {
  const stored = loadToken();
  if (stored) {
    try {
      await api(logout, undefined, { silent: true });
    } catch {
      // The token is dropped here anyway.
    }
  }
  clearToken();
  if (stored?.kind !== 'password') writeStorage(storageKeys.signedOut, true);
  removeStorage(storageKeys.adminCommunityId);
  sessionStore.set({ status: 'signed-out', me: null, kind: null });
}

/** After the account is deleted on the server: drop everything this device keeps about it. */
export function forgetSession(): void {
  clearToken();
  removeStorage(storageKeys.deviceCode);
  removeStorage(storageKeys.adminCommunityId);
  writeStorage(storageKeys.signedOut, true);
  sessionStore.set({ status: 'signed-out', me: null, kind: null });
}

/** The community a resident is looking at: the server's current one, if still approved. */
export function currentMembership(me: MeReply | null): MyMembership | null {
  if (!me || me.currentCommunityId === null) return null;
  return me.memberships.find((m) => m.communityId === me.currentCommunityId && m.status === 'approved') ?? null;
}
