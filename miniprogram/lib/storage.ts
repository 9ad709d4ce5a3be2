import Taro from '@tarojs/taro';

/** Every key this app keeps in local storage, in one place (the privacy policy lists them). */
export const storageKeys = {
  token: 'sqy.token',
  tokenExpiresAt: 'sqy.tokenExpiresAt',
  sessionKind: 'sqy.sessionKind',
  signedOut: 'sqy.signedOut',
  deviceCode: 'sqy.deviceCode',
  largeText: 'sqy.largeText',
  adminCommunityId: 'sqy.adminCommunityId',
  termsAccepted: 'sqy.termsAccepted',
} as const;

type StorageKey = (typeof storageKeys)[keyof typeof storageKeys];

export function readStorage<T>(key: StorageKey): T | null {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined ? null : value;
  } catch {
    return null;
  }
}

export function writeStorage(key: StorageKey, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable (private mode): the app still works for this visit.
  }
}

export function removeStorage(key: StorageKey): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // ignore
  }
}
