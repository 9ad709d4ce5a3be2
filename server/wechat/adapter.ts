/** What our server needs from WeChat for now; later features add methods here. */
export interface WechatAdapter {
  readonly kind: 'real' | 'local';
  /** Exchanges a wx.login code. Throws AppError on WeChat's refusals. */
  code2Session(code: string): Promise<WechatSession>;
  /**
   * Sends a subscribe message (订阅消息) the user consented to. Never throws: the
   * result says whether trying again later can help.
   */
  sendSubscribeMessage(
    openid: string,
    templateId: string,
    /** A mini-program path, e.g. `/pages/x/index?id=1`. */
    page: string,
    /** Template fields by key, e.g. `{ thing1: '停水通知' }`. */
    data: Record<string, string>,
  ): Promise<SubscribeResult>;
  /**
   * msgSecCheck v2: WeChat's verdict on a user's text (`openid` must have used the app in the
   * last 2 hours). Never throws: a failure is `ok: false` with WeChat's errcode (null when it
   * could not be reached), and screening holds the text for a moderator.
   */
  msgSecCheck(openid: string, content: string, scene: SecCheckScene): Promise<SecCheckResult>;
  /**
   * media_check_async: asks WeChat to check an image at `mediaUrl` (fetched by WeChat); the
   * verdict comes later as the `wxa_media_check` push event with the returned trace_id.
   */
  mediaCheckAsync(openid: string, mediaUrl: string, scene: SecCheckScene): Promise<MediaCheckQueued>;
}

/** msgSecCheck's scene: 1 profile, 2 comment, 3 forum, 4 social log. */
export type SecCheckScene = 1 | 2 | 3 | 4;

export type SecCheckSuggest = 'pass' | 'review' | 'risky';

export type SecCheckResult =
  | { ok: true; suggest: SecCheckSuggest; label: number | null; traceId: string | null }
  | { ok: false; errcode: number | null };

export type MediaCheckQueued =
  | { ok: true; traceId: string }
  | {
      ok: false;
      errcode: number | null;
      /** Limits and outages may pass; a bad openid or URL will not. */
      retryable: boolean;
    };

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export type SubscribeResult =
  | { ok: true }
  | {
      ok: false;
      /**
       * `no_consent` (43101: the user has not subscribed, or used the one-time consent)
       * and `rejected` (bad openid, template, parameters, sensitive words) will fail the
       * same way again; `unavailable` (busy, limits, network) may succeed later.
       */
      reason: 'no_consent' | 'rejected' | 'unavailable';
      retryable: boolean;
      errcode: number | null;
    };
