/**
 * An in-memory @tarojs/taro for unit tests: storage in a Map, request/toast/navigation as vi.fn()
 * so tests script replies and assert calls, and the page hooks as plain React effects.
 */
import { useEffect } from 'react';
import { vi } from 'vitest';

export const storage = new Map<string, unknown>();
export const router = { params: {} as Record<string, string | undefined> };
const reachBottom = new Set<() => void>();

export interface FakeRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
}

const Taro = {
  request: vi.fn(
    async (_: FakeRequest): Promise<{ statusCode: number; data: unknown }> => ({ statusCode: 404, data: {} }),
  ),
  login: vi.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
  showToast: vi.fn(async (_: { title: string; icon?: string }) => ({})),
  showModal: vi.fn(async (_: object) => ({ confirm: true, cancel: false })),
  navigateTo: vi.fn(async (_: { url: string }) => ({})),
  redirectTo: vi.fn(async (_: { url: string }) => ({})),
  switchTab: vi.fn(async (_: { url: string }) => ({})),
  navigateBack: vi.fn(async () => ({})),
  getCurrentPages: vi.fn(() => [{}, {}]),
  setNavigationBarTitle: vi.fn(async () => ({})),
  stopPullDownRefresh: vi.fn(),
  makePhoneCall: vi.fn(async () => ({})),
  openLocation: vi.fn(async () => ({})),
  setClipboardData: vi.fn(async (_: { data: string }) => ({})),
  showLoading: vi.fn(async (_: { title: string; mask?: boolean }) => ({})),
  hideLoading: vi.fn(async () => ({})),
  showShareMenu: vi.fn(async (_: { showShareItems?: string[] }) => ({})),
  hideShareMenu: vi.fn(async (_: { menus?: string[] }) => ({})),
  previewImage: vi.fn(async (_: { urls: string[]; current?: string }) => ({})),
  downloadFile: vi.fn(async (_: { url: string }) => ({ tempFilePath: 'wxfile://tmp/file.pdf', statusCode: 200 })),
  openDocument: vi.fn(async (_: { filePath: string; fileType?: string; showMenu?: boolean }) => ({})),
  requestSubscribeMessage: vi.fn(
    async (_: { tmplIds: string[] }): Promise<Record<string, string>> => ({ errMsg: 'requestSubscribeMessage:ok' }),
  ),
  getLocation: vi.fn(async (): Promise<{ latitude: number; longitude: number }> => {
    throw new Error('getLocation:fail auth deny');
  }),
  chooseLocation: vi.fn(
    async (_: { latitude?: number; longitude?: number }): Promise<{ latitude: number; longitude: number }> => {
      throw { errMsg: 'chooseLocation:fail cancel' };
    },
  ),
  getNetworkType: vi.fn(async () => ({ networkType: 'wifi' })),
  onNetworkStatusChange: vi.fn((_: (res: { isConnected: boolean; networkType: string }) => void) => undefined),
  getSetting: vi.fn(async () => ({ authSetting: {} as Record<string, boolean> })),
  openSetting: vi.fn(async () => ({ authSetting: {} as Record<string, boolean> })),
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
};

export default Taro;

export const useRouter = () => router;
// Lifecycle hooks run once, on mount, as Taro's do for a page that is opened once.
// biome-ignore lint/correctness/useExhaustiveDependencies: mount-only lifecycle
export const useLaunch = (fn: () => void) => useEffect(fn, []);
// biome-ignore lint/correctness/useExhaustiveDependencies: mount-only lifecycle
export const useLoad = (fn: () => void) => useEffect(fn, []);
// biome-ignore lint/correctness/useExhaustiveDependencies: mount-only lifecycle
export const useDidShow = (fn: () => void) => useEffect(fn, []);
export const useDidHide = (_fn: () => void) => undefined;
/** The share handlers the page rendered last registered (null: the page offers none). */
export const shared: { appMessage: (() => unknown) | null; timeline: (() => unknown) | null } = {
  appMessage: null,
  timeline: null,
};
export const useShareAppMessage = (fn: () => unknown) => {
  shared.appMessage = fn;
};
export const useShareTimeline = (fn: () => unknown) => {
  shared.timeline = fn;
};
export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useReachBottom = (fn: () => void) =>
  useEffect(() => {
    reachBottom.add(fn);
    return () => void reachBottom.delete(fn);
  });

/** Scroll to the bottom of the page, as WeChat's onReachBottom would. */
export function reachTheBottom(): void {
  for (const fn of [...reachBottom]) fn();
}

export function resetTaro(): void {
  storage.clear();
  router.params = {};
  shared.appMessage = null;
  shared.timeline = null;
  for (const value of Object.values(Taro)) {
    if (typeof value === 'function' && 'mockClear' in value) (value as { mockClear: () => void }).mockClear();
  }
  Taro.request.mockReset();
  Taro.request.mockImplementation(async () => ({ statusCode: 404, data: {} }));
}
