/** What our server needs from WeChat for now; later features add methods here. */
export interface WechatAdapter {
  readonly kind: 'real' | 'local';
  /** Exchanges a wx.login code. Throws AppError on WeChat's refusals. */
  code2Session(code: string): Promise<WechatSession>;
}

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}
