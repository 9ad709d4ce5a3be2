import { createDecipheriv } from 'node:crypto';
import { AppError } from '../core/errors';

/**
 * WeChat's open data (wx.getGroupEnterInfo, wx.getShareInfo): AES-128-CBC with PKCS#7,
 * the user's session_key as the key (WECHAT-API.md, "Decrypting open data"). The JSON must
 * carry our appid in its watermark. Any failure is GROUP_INFO_INVALID.
 */
export function decryptOpenData(
  sessionKeyB64: string,
  ivB64: string,
  dataB64: string,
  appid: string,
): Record<string, unknown> {
  try {
    const key = Buffer.from(sessionKeyB64, 'base64');
    const iv = Buffer.from(ivB64, 'base64');
    if (key.length !== 16 || iv.length !== 16) throw new Error('bad key or iv');
    const decipher = createDecipheriv('aes-128-cbc', key, iv);
    const plain = Buffer.concat([decipher.update(Buffer.from(dataB64, 'base64')), decipher.final()]);
    const data = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    const watermark = data.watermark as { appid?: unknown } | undefined;
    if (!data || typeof data !== 'object' || watermark?.appid !== appid) throw new Error('watermark');
    return data;
  } catch {
    throw new AppError('GROUP_INFO_INVALID');
  }
}
