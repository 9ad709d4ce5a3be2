import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { WechatAdapter, WechatSession } from './adapter';

interface Options {
  appid: string;
  secret: string;
  baseUrl: string;
  logger: Logger;
  timeoutMs?: number;
  /** Pause before the one retry WeChat asks for on errcode -1 (system busy). */
  retryDelayMs?: number;
}

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Speaks WeChat's HTTP API (see ../shared/WECHAT-API.md in the team folder). */
export function createRealWechat(options: Options): WechatAdapter {
  const { appid, secret, logger } = options;
  const base = options.baseUrl.replace(/\/$/, '');

  async function call(code: string): Promise<Code2SessionReply> {
    const url = new URL(`${base}/sns/jscode2session`);
    url.search = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' }).toString();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      if (!res.ok) {
        logger.warn('wechat http error', { api: 'jscode2session', status: res.status });
        return { errcode: -1, errmsg: `http ${res.status}` };
      }
      return (await res.json()) as Code2SessionReply;
    } catch (error) {
      logger.warn('wechat unreachable', { api: 'jscode2session', error: String(error) });
      return { errcode: -1, errmsg: 'unreachable' };
    }
  }

  return {
    kind: 'real',
    async code2Session(code) {
      let reply = await call(code);
      if (reply.errcode === -1) {
        await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 200));
        reply = await call(code);
      }
      const errcode = reply.errcode ?? 0;
      if (errcode === 0 && reply.openid && reply.session_key) {
        return {
          openid: reply.openid,
          unionid: reply.unionid ?? null,
          sessionKey: reply.session_key,
        } satisfies WechatSession;
      }
      logger.warn('wechat code2session refused', { errcode, errmsg: reply.errmsg });
      switch (errcode) {
        case 40029:
        case 40163:
          throw new AppError('WECHAT_CODE_INVALID');
        case 45011:
          throw new AppError('WECHAT_RATE_LIMITED');
        case 40226:
          throw new AppError('WECHAT_USER_BLOCKED');
        default:
          throw new AppError('WECHAT_UNAVAILABLE');
      }
    },
  };
}
