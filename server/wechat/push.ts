import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's 消息推送 (message push) signatures and 安全-mode encryption, as WECHAT-API.md
 * describes them: signature = sha1 of the sorted strings concatenated; the message is
 * AES-256-CBC with the EncodingAESKey (IV = its first 16 bytes), PKCS#7 padded to 32, and
 * reads 16 random bytes + 4-byte big-endian length + message + appid.
 */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison of a given signature with the expected one. */
export function signatureMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const aesKey = (encodingAesKey: string) => Buffer.from(`${encodingAesKey}=`, 'base64');

/** The message and the appid it was encrypted for; null when the key does not open it. */
export function decryptPush(encodingAesKey: string, encrypted: string): { message: string; appid: string } | null {
  try {
    const key = aesKey(encodingAesKey);
    if (key.length !== 32) return null;
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1];
    if (pad < 1 || pad > 32 || pad > padded.length) return null;
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) return null;
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) return null;
    return {
      message: plain.subarray(20, 20 + length).toString('utf8'),
      appid: plain.subarray(20 + length).toString('utf8'),
    };
  } catch {
    return null;
  }
}

/** What WeChat does (used by the fake WeChat server and tests). */
export function encryptPush(encodingAesKey: string, message: string, appid: string): string {
  const key = aesKey(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appid, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}
