import { randomBytes } from 'node:crypto';
import { sha256 } from '../security/crypto';
import type { WechatAdapter } from './adapter';

/** The openid the local adapter gives a code: stable, so a browser keeps its demo identity. */
export const localOpenid = (code: string) => `local_${sha256(code).slice(0, 24)}`;

/**
 * Sign-in without WeChat, for the H5 build, the demo and tests. The server refuses
 * to start with it in production (see config.ts).
 */
export function createLocalWechat(): WechatAdapter {
  return {
    kind: 'local',
    async code2Session(code) {
      return { openid: localOpenid(code), unionid: null, sessionKey: randomBytes(16).toString('base64') };
    },
  };
}
