import { createHash, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptPush } from '../../server/wechat/push';

/** One scripted answer of the fake: a JSON body, a bare HTTP status, raw text, or no answer at all. */
export type FakeReply =
  | { body: Record<string, unknown>; contentType?: string }
  | { status: number }
  | { raw: string }
  | { hang: true };

export interface FakeCall {
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body of a POST. */
  body?: Record<string, unknown>;
}

/** A subscribe message the fake accepted. */
export interface FakeSubscribeSend {
  token: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1, speaking as WECHAT-API.md describes:
 * - `GET /sns/jscode2session`: checks appid, secret and grant_type, answers scripted
 *   replies per code first, and otherwise signs the code in once (a code is single-use);
 * - `POST /cgi-bin/stable_token`: the same token while it has more than 5 minutes left,
 *   a new one after that, or at once with `force_refresh` (which ends the old one);
 * - `POST /cgi-bin/message/subscribe/send`: checks the token (40001 unknown or revoked,
 *   42001 expired), answers scripted replies first, else accepts and records the message.
 * - `POST /wxa/msg_sec_check` (v2): checks the token, version, openid and scene, answers the
 *   replies scripted for that content, then queued ones (any verdict or error, an HTTP
 *   status, text, or no answer), else pass;
 * - `POST /wxa/media_check_async`: checks the token and body, answers queued replies, else
 *   accepts with a new trace_id. `pushToServer` then plays WeChat's wxa_media_check push
 *   (signed, plain or 安全 mode) at our server.
 * Token expiry follows `now` (tests pass their clock).
 */
export async function startFakeWechat(opts: { appid: string; secret: string; now?: () => number }) {
  /** msgSecCheck and media_check_async: answers per content (or media URL) first, then queued, else pass. */
  const secScripts = new Map<string, FakeReply[]>();
  const secQueue: FakeReply[] = [];
  const mediaQueue: FakeReply[] = [];
  let traceSeq = 0;
  const now = opts.now ?? Date.now;
  const calls: FakeCall[] = [];
  const tokenScripts: FakeReply[] = [];
  const sendScripts: FakeReply[] = [];
  const subscribeSends: FakeSubscribeSend[] = [];
  /** Every token handed out, with its expiry (ms) and whether it was revoked. */
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  let current: string | null = null;
  let tokenSeq = 0;
  let tokenDelayMs = 0;
  let tokenLifetimeSec = 7200;
  const scripts = new Map<string, FakeReply[]>();
  const used = new Set<string>();
  /** Every session_key the fake handed out, to look for leaks. */
  const issuedKeys: string[] = [];

  const send = (res: ServerResponse, reply: FakeReply) => {
    if ('hang' in reply) return;
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'text/html' }).end('<html>error</html>');
      return;
    }
    if ('raw' in reply) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(reply.raw);
      return;
    }
    if (typeof reply.body.session_key === 'string') issuedKeys.push(reply.body.session_key);
    res.writeHead(200, { 'content-type': reply.contentType ?? 'application/json' }).end(JSON.stringify(reply.body));
  };

  const issueToken = () => {
    current = `ACCESS_TOKEN_${++tokenSeq}_${randomBytes(6).toString('hex')}`;
    tokens.set(current, { expiresAt: now() + tokenLifetimeSec * 1000, revoked: false });
    return current;
  };

  function stableToken(res: ServerResponse, body: Record<string, unknown>) {
    if (body.grant_type !== 'client_credential')
      return send(res, { body: { errcode: 40002, errmsg: 'invalid grant_type' } });
    if (body.appid !== opts.appid) return send(res, { body: { errcode: 40013, errmsg: 'invalid appid' } });
    if (body.secret !== opts.secret) return send(res, { body: { errcode: 40125, errmsg: 'invalid appsecret' } });
    const scripted = tokenScripts.shift();
    if (scripted) return send(res, scripted);
    const live = current ? tokens.get(current) : undefined;
    if (body.force_refresh === true || !live || live.revoked || live.expiresAt - now() <= 300_000) {
      // A forced refresh ends the previous token at once.
      if (body.force_refresh === true && live) live.revoked = true;
      issueToken();
    }
    const token = current as string;
    const expiresIn = Math.floor(((tokens.get(token)?.expiresAt ?? 0) - now()) / 1000);
    send(res, { body: { access_token: token, expires_in: expiresIn } });
  }

  function subscribeSend(res: ServerResponse, token: string, body: Record<string, unknown>) {
    const known = tokens.get(token);
    if (!known || known.revoked) return send(res, { body: { errcode: 40001, errmsg: 'invalid credential' } });
    if (known.expiresAt <= now()) return send(res, { body: { errcode: 42001, errmsg: 'access_token expired' } });
    const scripted = sendScripts.shift();
    if (scripted) return send(res, scripted);
    subscribeSends.push({ token, body });
    send(res, { body: { errcode: 0, errmsg: 'ok' } });
  }

  /** A business API's token check: 40001 unknown or revoked, 42001 expired; null when good. */
  const tokenError = (token: string): FakeReply | null => {
    const known = tokens.get(token);
    if (!known || known.revoked) return { body: { errcode: 40001, errmsg: 'invalid credential' } };
    if (known.expiresAt <= now()) return { body: { errcode: 42001, errmsg: 'access_token expired' } };
    return null;
  };

  function msgSecCheck(res: ServerResponse, token: string, body: Record<string, unknown>) {
    const bad = tokenError(token);
    if (bad) return send(res, bad);
    if (body.version !== 2 || typeof body.openid !== 'string' || typeof body.content !== 'string')
      return send(res, { body: { errcode: 47001, errmsg: 'data format error' } });
    if (![1, 2, 3, 4].includes(body.scene as number))
      return send(res, { body: { errcode: 40129, errmsg: 'invalid scene' } });
    const scripted = secScripts.get(body.content)?.shift() ?? secQueue.shift();
    send(res, scripted ?? secVerdict('pass'));
  }

  function mediaCheckAsync(res: ServerResponse, token: string, body: Record<string, unknown>) {
    const bad = tokenError(token);
    if (bad) return send(res, bad);
    if (body.version !== 2 || body.media_type !== 2 || typeof body.media_url !== 'string')
      return send(res, { body: { errcode: 47001, errmsg: 'data format error' } });
    const scripted = mediaQueue.shift();
    send(
      res,
      scripted ?? {
        body: { errcode: 0, errmsg: 'ok', trace_id: `trace-${++traceSeq}-${randomBytes(4).toString('hex')}` },
      },
    );
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          return send(res, { body: { errcode: 47001, errmsg: 'data format error' } });
        }
        calls.push({ path: url.pathname, query: url.searchParams, body });
        if (url.pathname === '/cgi-bin/stable_token') {
          if (tokenDelayMs) await new Promise((r) => setTimeout(r, tokenDelayMs));
          return stableToken(res, body);
        }
        if (url.pathname === '/cgi-bin/message/subscribe/send') {
          return subscribeSend(res, url.searchParams.get('access_token') ?? '', body);
        }
        if (url.pathname === '/wxa/msg_sec_check') {
          return msgSecCheck(res, url.searchParams.get('access_token') ?? '', body);
        }
        if (url.pathname === '/wxa/media_check_async') {
          return mediaCheckAsync(res, url.searchParams.get('access_token') ?? '', body);
        }
        res.writeHead(404).end();
      });
      return;
    }
    calls.push({ path: url.pathname, query: url.searchParams });
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    if (q.get('appid') !== opts.appid) return send(res, { body: { errcode: 40013, errmsg: 'invalid appid' } });
    if (q.get('secret') !== opts.secret) return send(res, { body: { errcode: 40125, errmsg: 'invalid appsecret' } });
    if (q.get('grant_type') !== 'authorization_code') {
      return send(res, { body: { errcode: 40002, errmsg: 'invalid grant_type' } });
    }
    const code = q.get('js_code') ?? '';
    const scripted = scripts.get(code)?.shift();
    if (scripted) return send(res, scripted);
    if (!code || used.has(code)) return send(res, { body: { errcode: 40163, errmsg: 'code been used' } });
    used.add(code);
    send(res, { body: { openid: fakeOpenid(code), session_key: newSessionKey() } });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    calls,
    issuedKeys,
    /** The next calls with this code get these replies, in order; then the default behaviour. */
    script(code: string, ...replies: FakeReply[]) {
      scripts.set(code, [...(scripts.get(code) ?? []), ...replies]);
    },
    subscribeSends,
    /** stable_token requests, in order, with their force_refresh flag. */
    tokenRequests() {
      return calls
        .filter((c) => c.path === '/cgi-bin/stable_token')
        .map((c) => ({ force: c.body?.force_refresh === true }));
    },
    /** subscribe/send requests (accepted or not), in order, with the token each used. */
    sendRequests() {
      return calls
        .filter((c) => c.path === '/cgi-bin/message/subscribe/send')
        .map((c) => ({ token: c.query.get('access_token'), body: c.body }));
    },
    /** The token WeChat currently hands out, if any. */
    currentToken: () => current,
    /** The next stable_token calls get these replies, in order. */
    scriptToken(...replies: FakeReply[]) {
      tokenScripts.push(...replies);
    },
    /** The next subscribe/send calls with a valid token get these replies, in order. */
    scriptSend(...replies: FakeReply[]) {
      sendScripts.push(...replies);
    },
    /** Ends the current token as if another holder had rotated it (business APIs answer 40001). */
    revokeToken() {
      if (current) tokens.get(current)!.revoked = true;
    },
    /** stable_token answers after this pause (to make callers overlap). */
    setTokenDelay(ms: number) {
      tokenDelayMs = ms;
    },
    setTokenLifetime(seconds: number) {
      tokenLifetimeSec = seconds;
    },
    /** msgSecCheck answers for this exact content, in order (then the queue, then pass). */
    scriptSecCheck(content: string, ...replies: FakeReply[]) {
      secScripts.set(content, [...(secScripts.get(content) ?? []), ...replies]);
    },
    /** The next msgSecCheck calls (for content without its own script) get these replies. */
    queueSecCheck(...replies: FakeReply[]) {
      secQueue.push(...replies);
    },
    /** The next media_check_async calls get these replies (else accepted with a new trace_id). */
    queueMediaCheck(...replies: FakeReply[]) {
      mediaQueue.push(...replies);
    },
    /** msg_sec_check requests, in order. */
    secCheckRequests() {
      return calls.filter((c) => c.path === '/wxa/msg_sec_check').map((c) => c.body ?? {});
    },
    /** media_check_async requests, in order. */
    mediaCheckRequests() {
      return calls.filter((c) => c.path === '/wxa/media_check_async').map((c) => c.body ?? {});
    },
    /** How many times WeChat was asked about this code. */
    callsFor(code: string) {
      return calls.filter((c) => c.query.get('js_code') === code).length;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

export type FakeWechat = Awaited<ReturnType<typeof startFakeWechat>>;

/** The openid the fake gives an unscripted code. */
export const fakeOpenid = (code: string) =>
  `oFake${createHash('sha256').update(code).digest('base64url').slice(0, 23)}`;

/** A session_key shaped like WeChat's: base64 of 16 bytes. */
export const newSessionKey = () => randomBytes(16).toString('base64');

/** A success reply of code2Session. */
export const wxSession = (openid: string, sessionKey = newSessionKey(), unionid?: string): FakeReply => ({
  body: { openid, session_key: sessionKey, ...(unionid ? { unionid } : {}) },
});

/** A msgSecCheck v2 verdict as WeChat sends it (risky content still has errcode 0). */
export const secVerdict = (
  suggest: 'pass' | 'review' | 'risky',
  label = suggest === 'pass' ? 100 : 20003,
): FakeReply => ({
  body: {
    errcode: 0,
    errmsg: 'ok',
    trace_id: `sec-${randomBytes(6).toString('hex')}`,
    result: { suggest, label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
  },
});

/** The body of a wxa_media_check push event (JSON format). */
export const mediaCheckEvent = (
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  label: number | string = suggest === 'pass' ? 100 : 20002,
) => ({
  ToUserName: 'gh_fake',
  FromUserName: 'oFakeSystem',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wxfake',
  trace_id: traceId,
  version: 2,
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label },
});

/**
 * Sends a push to our server the way WeChat does: signed query (timestamp, nonce,
 * signature), and in 安全 mode (`aesKey` given) the event encrypted into `Encrypt` with
 * msg_signature over it. Returns the HTTP status and body text.
 */
export async function pushToServer(
  serverUrl: string,
  event: Record<string, unknown>,
  opts: { token: string; aesKey?: string; appid?: string; timestamp?: string; nonce?: string; tamper?: boolean },
) {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(Math.floor(Math.random() * 1e9));
  const sign = (...parts: string[]) =>
    createHash('sha1')
      .update([...parts].sort().join(''))
      .digest('hex');
  const query = new URLSearchParams({
    signature: sign(opts.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: 'oFakeSystem',
  });
  let body: Record<string, unknown> = event;
  if (opts.aesKey) {
    const encrypted = encryptPush(opts.aesKey, JSON.stringify(event), opts.appid ?? 'wxfake');
    body = { ToUserName: 'gh_fake', Encrypt: encrypted };
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sign(opts.token, timestamp, nonce, encrypted));
  }
  if (opts.tamper) query.set('signature', sign('wrong-token', timestamp, nonce));
  const res = await fetch(`${serverUrl}/api/wechat/push?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** A refusal of code2Session. */
export const wxError = (errcode: number, errmsg = 'error'): FakeReply => ({ body: { errcode, errmsg } });
