import { createHash, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake: a JSON body, a bare HTTP status, raw text, or no answer at all. */
export type FakeReply =
  | { body: Record<string, unknown>; contentType?: string }
  | { status: number }
  | { raw: string }
  | { hang: true };

export interface FakeCall {
  path: string;
  query: URLSearchParams;
}

/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1, speaking `GET /sns/jscode2session` as
 * WECHAT-API.md describes it: it checks appid, secret and grant_type, answers scripted
 * replies per code first, and otherwise signs the code in once (a code is single-use).
 */
export async function startFakeWechat(opts: { appid: string; secret: string }) {
  const calls: FakeCall[] = [];
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

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
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

/** A refusal of code2Session. */
export const wxError = (errcode: number, errmsg = 'error'): FakeReply => ({ body: { errcode, errmsg } });
