import { sessionStore } from '../../miniprogram/api/session';
import { TERMS_VERSION } from '../../miniprogram/lib/consent';
import { networkStore } from '../../miniprogram/lib/network';
import { largeTextStore } from '../../miniprogram/lib/settings';
import { storageKeys } from '../../miniprogram/lib/storage';
import Taro, { type FakeRequest, resetTaro, storage } from './stubs/taro';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  header: Record<string, string>;
}

type Reply = { status?: number; body?: unknown };
type Handler = (call: Call, params: Record<string, string>) => Reply | Promise<Reply>;

/**
 * Scripts the server behind Taro.request: `'GET /api/committees/:communityId'` → handler.
 * Unmatched requests answer 404 NOT_FOUND. Returns the log of calls.
 */
export function fakeServer(routes: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/:([A-Za-z]+)/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    return { method, regex, names, handler };
  });
  Taro.request.mockImplementation(async (req: FakeRequest) => {
    const url = new URL(req.url);
    const call: Call = {
      method: req.method,
      path: url.pathname,
      query: url.searchParams,
      body: req.data,
      header: req.header,
    };
    calls.push(call);
    for (const route of table) {
      const m = route.method === req.method ? route.regex.exec(url.pathname) : null;
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      const reply = await route.handler(call, params);
      return { statusCode: reply.status ?? 200, data: reply.body ?? '' };
    }
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有找到，可能已被删除' } } };
  });
  return calls;
}

export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}

/** Fresh fakes and module state for each test. */
export function resetApp(): void {
  resetTaro();
  sessionStore.set({ status: 'unknown', me: null, kind: null });
  largeTextStore.set(false);
  networkStore.set({ online: true });
}

/** A browser that has accepted the agreement and privacy policy (H5 first open, lib/consent.ts). */
export function acceptTermsInStorage(): void {
  storage.set(storageKeys.termsAccepted, TERMS_VERSION);
}

/** A device with a session; in a browser that means the terms were accepted too. */
export function signInAs(kind: 'wechat' | 'password' = 'wechat', token = 'tok-1'): void {
  acceptTermsInStorage();
  storage.set(storageKeys.token, token);
  storage.set(storageKeys.tokenExpiresAt, new Date(Date.now() + 86_400_000).toISOString());
  storage.set(storageKeys.sessionKind, kind);
}

export const user = { id: 1, nickname: null, avatarUrl: null, isAdmin: false, isStaff: false };

export const household = { id: 31, buildingId: 3, buildingName: '3号楼', unit: '2', room: '301', floorArea: 88.5 };

export function membership(over: Partial<Record<string, unknown>> = {}) {
  return {
    id: 50,
    communityId: 7,
    communityName: '梅园居委会',
    role: 'resident',
    status: 'pending',
    household,
    reason: null,
    createdAt: '2025-03-01T02:00:00.000Z',
    decidedAt: null,
    ...over,
  };
}

export function me(memberships: unknown[] = [], currentCommunityId: number | null = null) {
  return { user, memberships, currentCommunityId };
}

export function session(token: string, memberships: unknown[] = []) {
  return { ...me(memberships), token, expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
}

export const weekdayHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    periods: [
      { start: '08:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  })),
  exceptions: [{ date: '2025-10-01', periods: [], note: '国庆节' }],
};

export function committeeSummary(id: number, over: Partial<Record<string, unknown>> = {}) {
  return {
    id,
    name: `第${id}居委会`,
    districtName: '黄浦区',
    streetName: '南京东路街道',
    address: `某某路${id}号`,
    phone: '021-12345678',
    lat: 31.23,
    lng: 121.47,
    distanceM: null,
    officeStatus: 'open',
    isMine: false,
    ...over,
  };
}

export function committeeCard(id: number, over: Partial<Record<string, unknown>> = {}) {
  return {
    ...committeeSummary(id),
    intro: '为居民服务',
    officeHours: weekdayHours,
    todayPeriods: [],
    officeNote: null,
    staff: [],
    ...over,
  };
}
