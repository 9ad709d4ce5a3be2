import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { UploadKind } from '../../../shared/enums';

/** A signed URL lives from one to two hours: its expiry is rounded up to the next hour. */
export const SIGNED_URL_HOURS = 1;
const HOUR_MS = 3_600_000;

/** The HMAC key of file URLs, derived from the field-encryption key (one secret less to manage). */
export function fileSigningKey(fieldKeyBase64: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(fieldKeyBase64, 'base64'), '', 'shequyun file urls v1', 32));
}

/** The name a stored file is served under: its key and an extension for the type. */
export const fileName = (key: string, kind: UploadKind) => `${key}.${kind === 'pdf' ? 'pdf' : 'jpg'}`;

const sign = (secret: Buffer, name: string, exp: number) =>
  createHmac('sha256', secret).update(`${name}\n${exp}`).digest('base64url');

/**
 * A URL of a stored file: plain for public files (cacheable by anyone), signed with an
 * expiry for the others (an <image> in WeChat cannot send an Authorization header).
 * The expiry is rounded up to the hour so a page shows the same URL all hour long and
 * the phone's image cache keeps working.
 */
export function fileUrl(secret: Buffer, name: string, isPublic: boolean, now: Date): string {
  const path = `/api/files/${name}`;
  if (isPublic) return path;
  const exp = Math.ceil((now.getTime() + SIGNED_URL_HOURS * HOUR_MS) / HOUR_MS) * (HOUR_MS / 1000);
  return `${path}?exp=${exp}&sig=${sign(secret, name, exp)}`;
}

/** True when `sig` is ours for this name and expiry and the expiry has not passed. */
export function checkSignature(secret: Buffer, name: string, exp: number, sig: string, now: Date): boolean {
  if (!Number.isSafeInteger(exp) || exp * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(sign(secret, name, exp));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
