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
}

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
