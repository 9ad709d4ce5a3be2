import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type {
  MediaCheckQueued,
  SecCheckResult,
  SecCheckSuggest,
  SubscribeResult,
  WechatAdapter,
  WechatSession,
} from './adapter';
import { createTokenHolder, type IssuedToken, type TokenStore } from './token';

export interface RealWechatOptions {
  appid: string;
  secret: string;
  baseUrl: string;
  logger: Logger;
  timeoutMs?: number;
  /** Pause before the one retry WeChat asks for on errcode -1 (system busy). */
  retryDelayMs?: number;
  /** Time for the access token's expiry (tests move it). */
  clock?: () => Date;
  /** Shares the access token with the other instances; without it, this process holds its own. */
  tokenStore?: TokenStore;
  /** `miniprogram_state` of subscribe messages: which version of the app they open. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

/** A business API's answer that the access token is no longer good. */
const STALE_TOKEN = new Set([40001, 42001, 40014]);
/** media_check_async refusals that will not change by trying again (bad openid, scene, appid/openid pair, not seen). */
const MEDIA_REJECTED = new Set([40003, 40129, 43104, 61010, 47001]);
const SUGGESTS = new Set<string>(['pass', 'review', 'risky']);

interface SecCheckReply extends ErrReply {
  trace_id?: string;
  result?: { suggest?: string; label?: number | string };
}

/** subscribeMessage.send refusals that will not change by trying again. */
const REJECTED = new Set([40003, 40037, 43107, 45168, 47003]);

interface ErrReply {
  errcode?: number;
  errmsg?: string;
}

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Speaks WeChat's HTTP API (see ../shared/WECHAT-API.md in the team folder). */
export function createRealWechat(options: RealWechatOptions): WechatAdapter {
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

  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 5000);

  /** POSTs JSON and reads JSON; a network or HTTP failure reads as errcode -1. */
  async function post<T extends ErrReply>(api: string, path: string, body: unknown): Promise<T> {
    try {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: timeout(),
      });
      if (!res.ok) {
        logger.warn('wechat http error', { api, status: res.status });
        return { errcode: -1, errmsg: `http ${res.status}` } as T;
      }
      return (await res.json()) as T;
    } catch (error) {
      logger.warn('wechat unreachable', { api, error: String(error) });
      return { errcode: -1, errmsg: 'unreachable' } as T;
    }
  }

  const tokens = createTokenHolder({
    appid,
    clock: options.clock ?? (() => new Date()),
    logger,
    store: options.tokenStore,
    async fetchToken(forceRefresh): Promise<IssuedToken> {
      const reply = await post<ErrReply & { access_token?: string; expires_in?: number }>(
        'stable_token',
        '/cgi-bin/stable_token',
        { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
      );
      if (!reply.errcode && reply.access_token && reply.expires_in) {
        return { token: reply.access_token, expiresInSec: reply.expires_in };
      }
      logger.warn('wechat stable_token refused', { errcode: reply.errcode, errmsg: reply.errmsg });
      throw new Error(`stable_token failed with errcode ${reply.errcode ?? 'none'}`);
    },
  });

  /** Calls a business API with the token; a stale token is replaced once and the call repeated. */
  async function withToken<T extends ErrReply>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await tokens.get();
    const reply = await call(token);
    if (reply.errcode === undefined || !STALE_TOKEN.has(reply.errcode)) return reply;
    logger.warn('wechat access token stale; refreshing once', { errcode: reply.errcode });
    return call(await tokens.replaceStale(token));
  }

  /** A business API with the token; no token at all reads as errcode null. */
  async function tokenPost<T extends ErrReply>(api: string, path: string, body: unknown): Promise<T | null> {
    try {
      return await withToken((token) => post<T>(api, `${path}?access_token=${encodeURIComponent(token)}`, body));
    } catch (error) {
      logger.warn('wechat call not made: no access token', { api, error: String(error) });
      return null;
    }
  }

  return {
    kind: 'real',
    async msgSecCheck(openid, content, scene): Promise<SecCheckResult> {
      const reply = await tokenPost<SecCheckReply>('msg_sec_check', '/wxa/msg_sec_check', {
        content,
        version: 2,
        scene,
        openid,
      });
      if (!reply) return { ok: false, errcode: null };
      const errcode = reply.errcode ?? 0;
      const suggest = reply.result?.suggest;
      if (errcode === 0 && suggest && SUGGESTS.has(suggest)) {
        const label = Number(reply.result?.label);
        return {
          ok: true,
          suggest: suggest as SecCheckSuggest,
          label: Number.isFinite(label) ? label : null,
          traceId: reply.trace_id ?? null,
        };
      }
      logger.warn('wechat msg_sec_check failed', { errcode, errmsg: reply.errmsg });
      return { ok: false, errcode: errcode === 0 ? null : errcode };
    },
    async mediaCheckAsync(openid, mediaUrl, scene): Promise<MediaCheckQueued> {
      const reply = await tokenPost<ErrReply & { trace_id?: string }>('media_check_async', '/wxa/media_check_async', {
        media_url: mediaUrl,
        media_type: 2,
        version: 2,
        scene,
        openid,
      });
      if (!reply) return { ok: false, errcode: null, retryable: true };
      const errcode = reply.errcode ?? 0;
      if (errcode === 0 && reply.trace_id) return { ok: true, traceId: reply.trace_id };
      logger.warn('wechat media_check_async failed', { errcode, errmsg: reply.errmsg });
      return { ok: false, errcode: errcode === 0 ? null : errcode, retryable: !MEDIA_REJECTED.has(errcode) };
    },
    async sendSubscribeMessage(openid, templateId, page, data): Promise<SubscribeResult> {
      let reply: ErrReply;
      try {
        reply = await withToken((token) =>
          post('subscribe_send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
            touser: openid,
            template_id: templateId,
            // WeChat wants the path without its leading slash.
            page: page.replace(/^\//, ''),
            data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
            miniprogram_state: options.miniprogramState ?? 'formal',
            lang: 'zh_CN',
          }),
        );
      } catch (error) {
        logger.warn('wechat subscribe message not sent: no access token', { error: String(error) });
        return { ok: false, reason: 'unavailable', retryable: true, errcode: null };
      }
      const errcode = reply.errcode ?? 0;
      if (errcode === 0) return { ok: true };
      logger.warn('wechat subscribe message refused', { errcode, errmsg: reply.errmsg, templateId });
      if (errcode === 43101) return { ok: false, reason: 'no_consent', retryable: false, errcode };
      if (REJECTED.has(errcode)) return { ok: false, reason: 'rejected', retryable: false, errcode };
      return { ok: false, reason: 'unavailable', retryable: true, errcode };
    },
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
