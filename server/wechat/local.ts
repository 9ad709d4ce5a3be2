import { randomBytes } from 'node:crypto';
import type { Logger } from '../core/logger';
import { sha256 } from '../security/crypto';
import type { WechatAdapter } from './adapter';

/** A subscribe message the local adapter pretended to send. */
export interface LocalSubscribeMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

export type LocalWechat = WechatAdapter & {
  /** Every subscribe message "sent", oldest first (for tests and the demo). */
  readonly sentSubscribeMessages: LocalSubscribeMessage[];
};

/** The openid the local adapter gives a code: stable, so a browser keeps its demo identity. */
export const localOpenid = (code: string) => `local_${sha256(code).slice(0, 24)}`;

/**
 * Sign-in without WeChat, for the H5 build, the demo and tests. The server refuses
 * to start with it in production (see config.ts).
 */
export function createLocalWechat(options: { logger?: Logger } = {}): LocalWechat {
  const sent: LocalSubscribeMessage[] = [];
  return {
    kind: 'local',
    sentSubscribeMessages: sent,
    async sendSubscribeMessage(openid, templateId, page, data) {
      sent.push({ openid, templateId, page, data });
      if (sent.length > 1000) sent.shift();
      options.logger?.info('subscribe message not sent (local WeChat adapter)', { templateId, page });
      return { ok: true };
    },
    // Step 1 (the word lists) is all the screening there is without WeChat: text passes,
    // and images are not sent anywhere (screening does not call this with the local adapter).
    async msgSecCheck() {
      return { ok: true, suggest: 'pass', label: 100, traceId: null };
    },
    async mediaCheckAsync() {
      return { ok: false, errcode: null, retryable: false };
    },
    async code2Session(code) {
      return { openid: localOpenid(code), unionid: null, sessionKey: randomBytes(16).toString('base64') };
    },
  };
}
