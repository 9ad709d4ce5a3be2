import type { SessionKind } from '../../shared/enums';
import { readStorage, removeStorage, storageKeys, writeStorage } from '../lib/storage';

/**
 * The bearer token and how to get a new one. Kept apart from the session module so that the api
 * client does not import it (the session module calls the client to sign in).
 */
export interface StoredToken {
  token: string;
  expiresAt: string;
  kind: SessionKind;
}

export function loadToken(): StoredToken | null {
  const token = readStorage<string>(storageKeys.token);
  if (!token) return null;
  return {
    token,
    expiresAt: readStorage<string>(storageKeys.tokenExpiresAt) ?? '',
    kind: readStorage<SessionKind>(storageKeys.sessionKind) ?? 'wechat',
  };
}

export function saveToken(value: StoredToken): void {
  writeStorage(storageKeys.token, value.token);
  writeStorage(storageKeys.tokenExpiresAt, value.expiresAt);
  writeStorage(storageKeys.sessionKind, value.kind);
}

export function clearToken(): void {
  removeStorage(storageKeys.token);
  removeStorage(storageKeys.tokenExpiresAt);
  removeStorage(storageKeys.sessionKind);
}

/** A token within a minute of its expiry is treated as expired, so we renew before the server refuses it. */
export function isExpired(value: StoredToken, now = Date.now()): boolean {
  if (!value.expiresAt) return false;
  const at = Date.parse(value.expiresAt);
  return Number.isFinite(at) && at - 60_000 <= now;
}

/**
 * Renews the session without the user: in WeChat a new wx.login, in H5 the device code.
 * Registered by the session module; resolves with the new token or null when it cannot
 * (a staff session needs the password again, or the user chose to sign out).
 */
type Renewer = () => Promise<string | null>;
let renewer: Renewer = async () => null;

export function setRenewer(fn: Renewer): void {
  renewer = fn;
}

export function renewToken(): Promise<string | null> {
  return renewer();
}
