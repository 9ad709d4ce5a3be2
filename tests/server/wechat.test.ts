import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { createLogger } from '../../server/core/logger';
import { createLocalWechat, localOpenid } from '../../server/wechat/local';
import { createRealWechat } from '../../server/wechat/real';
import { errorCatalog } from '../../shared/errors';
import { startTestApp, TEST_KEY, type TestApp } from '../helpers/app';
import { type FakeWechat, newSessionKey, startFakeWechat, wxError, wxSession } from '../helpers/fake-wechat';

const APPID = 'wx4f4bc4dec97d474b';
const SECRET = 'fake-app-secret-4b1d2c3e5f60718293a4';

let fake: FakeWechat;
let app: TestApp;
const logLines: string[] = [];

/** The real adapter, pointed at the fake server. */
const realAdapter = (overrides: { baseUrl?: string; secret?: string; timeoutMs?: number } = {}) =>
  createRealWechat({
    appid: APPID,
    secret: overrides.secret ?? SECRET,
    baseUrl: overrides.baseUrl ?? fake.url,
    retryDelayMs: 1,
    timeoutMs: overrides.timeoutMs ?? 5000,
    logger: createLogger('debug', (line) => logLines.push(line)),
  });

beforeAll(async () => {
  fake = await startFakeWechat({ appid: APPID, secret: SECRET });
  app = await startTestApp({ wechat: realAdapter() });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

let counter = 0;
const newCode = (label: string) => `${label}-${counter++}-${Math.random().toString(36).slice(2, 10)}`;
const openidFor = (label: string) => `oTest_${label}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;

const signIn = (code: string, on: TestApp = app) => on.call('POST', '/api/auth/wechat', { body: { code } });

async function userRow(id: number) {
  const [row] = await app.database.sql<{ openid: string; unionid: string | null; session_key_enc: string | null }[]>`
    select openid, unionid, session_key_enc from users where id = ${id}`;
  return row;
}

const countUsers = async () => (await app.database.sql<{ n: number }[]>`select count(*)::int as n from users`)[0].n;

describe('POST /api/auth/wechat with the real adapter against a fake WeChat server', () => {
  it('signs a new user in with our own token and user, and the reply never contains the session_key', async () => {
    const code = newCode('new');
    const sessionKey = newSessionKey();
    fake.script(code, wxSession(openidFor('new'), sessionKey, 'oUnion_new'));

    const res = await fetch(`${app.url}/api/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    const body = JSON.parse(text);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(app.clock().getTime());
    expect(body.user).toMatchObject({ id: expect.any(Number), isAdmin: false, isStaff: false });
    expect(body.memberships).toEqual([]);
    expect(body.currentCommunityId).toBeNull();
    expect(text).not.toContain(sessionKey);
    expect(text).not.toMatch(/session_?key/i);
    expect(text).not.toContain(SECRET);
    expect([...res.headers.values()].join('\n')).not.toContain(sessionKey);

    // WeChat was asked once, with our appid, secret and the code.
    const asked = fake.calls.filter((c) => c.query.get('js_code') === code);
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0].query)).toEqual({
      appid: APPID,
      secret: SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });

    const me = await app.call('GET', '/api/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(body.user.id);
    expect(JSON.stringify(me.body)).not.toContain(sessionKey);
  });

  it('stores the session_key encrypted in users.session_key_enc, and the unionid', async () => {
    const code = newCode('stored');
    const sessionKey = newSessionKey();
    const openid = openidFor('stored');
    fake.script(code, wxSession(openid, sessionKey, 'oUnion_stored'));

    const res = await signIn(code);
    expect(res.status).toBe(200);
    const row = await userRow(res.body.user.id);
    expect(row.openid).toBe(openid);
    expect(row.unionid).toBe('oUnion_stored');
    expect(row.session_key_enc).toBeTruthy();
    expect(row.session_key_enc).not.toContain(sessionKey);
    expect(row.session_key_enc).not.toContain(Buffer.from(sessionKey, 'base64').toString('base64url'));
    expect(app.deps.cipher.decrypt(row.session_key_enc as string)).toBe(sessionKey);
  });

  it('a second sign-in of the same openid updates the same user: new session_key, unionid kept', async () => {
    const openid = openidFor('again');
    const [first, second] = [newCode('again'), newCode('again')];
    const [key1, key2] = [newSessionKey(), newSessionKey()];
    fake.script(first, wxSession(openid, key1, 'oUnion_again'));
    // WeChat leaves unionid out when the app is not bound to an Open Platform account.
    fake.script(second, wxSession(openid, key2));

    const a = await signIn(first);
    const b = await signIn(second);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.user.id).toBe(a.body.user.id);
    expect(b.body.token).not.toBe(a.body.token);

    const rows = await app.database.sql`select id from users where openid = ${openid}`;
    expect(rows).toHaveLength(1);
    const row = await userRow(a.body.user.id);
    expect(app.deps.cipher.decrypt(row.session_key_enc as string)).toBe(key2);
    expect(row.unionid).toBe('oUnion_again');
    // Both sessions are alive.
    expect((await app.call('GET', '/api/me', { token: a.body.token })).status).toBe(200);
    expect((await app.call('GET', '/api/me', { token: b.body.token })).status).toBe(200);
  });

  it('a code WeChat has already accepted cannot be used again (40163 → 401 WECHAT_CODE_INVALID)', async () => {
    const code = newCode('once');
    const first = await signIn(code);
    expect(first.status).toBe(200);
    const again = await signIn(code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(fake.callsFor(code)).toBe(2);
  });

  it.each([
    { errcode: 40029, status: 401, code: 'WECHAT_CODE_INVALID' },
    { errcode: 40163, status: 401, code: 'WECHAT_CODE_INVALID' },
    { errcode: 45011, status: 429, code: 'WECHAT_RATE_LIMITED' },
    { errcode: 40226, status: 403, code: 'WECHAT_USER_BLOCKED' },
  ] as const)(
    'maps errcode $errcode to $status $code without retrying or creating a user',
    async ({ errcode, status, code }) => {
      const wxCode = newCode(`err${errcode}`);
      fake.script(wxCode, wxError(errcode, 'refused by wechat'));
      const before = await countUsers();

      const res = await signIn(wxCode);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toBe(errorCatalog[code].message);
      expect(JSON.stringify(res.body)).not.toContain('refused by wechat');
      expect(fake.callsFor(wxCode)).toBe(1);
      expect(await countUsers()).toBe(before);
      if (status === 429) expect(res.headers.get('retry-after')).toBe('60');
    },
  );

  it('retries once when WeChat is busy (-1) and then signs in, after exactly 2 calls', async () => {
    const code = newCode('busy-once');
    const openid = openidFor('busy');
    fake.script(code, wxError(-1, 'system error'), wxSession(openid));

    const res = await signIn(code);
    expect(res.status).toBe(200);
    expect(fake.callsFor(code)).toBe(2);
    expect((await userRow(res.body.user.id)).openid).toBe(openid);
  });

  it('answers 503 WECHAT_UNAVAILABLE when WeChat is busy (-1) twice, after exactly 2 calls', async () => {
    const code = newCode('busy-twice');
    fake.script(code, wxError(-1, 'system error'), wxError(-1, 'system error'), wxSession(openidFor('never')));
    const before = await countUsers();

    const res = await signIn(code);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
    expect(fake.callsFor(code)).toBe(2);
    expect(await countUsers()).toBe(before);
  });

  it('answers 503 when WeChat replies HTTP 500 twice, after exactly 2 calls', async () => {
    const code = newCode('http500');
    fake.script(code, { status: 500 }, { status: 500 });

    const res = await signIn(code);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
    expect(fake.callsFor(code)).toBe(2);
  });

  it('an HTTP 502 once is retried like -1 and then signs in', async () => {
    const code = newCode('http502');
    fake.script(code, { status: 502 });

    const res = await signIn(code);
    expect(res.status).toBe(200);
    expect(fake.callsFor(code)).toBe(2);
  });

  it('answers 503 when WeChat replies with something that is not JSON', async () => {
    const code = newCode('html');
    fake.script(code, { raw: '<html>gateway</html>' }, { raw: '<html>gateway</html>' });

    const res = await signIn(code);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('parses a success reply whatever its content type (jscode2session answers text/plain)', async () => {
    const code = newCode('plain');
    const openid = openidFor('plain');
    fake.script(code, { body: { session_key: newSessionKey(), openid }, contentType: 'text/plain' });

    const res = await signIn(code);
    expect(res.status).toBe(200);
    expect((await userRow(res.body.user.id)).openid).toBe(openid);
  });

  it('a success reply without a session_key is not a sign-in (503)', async () => {
    const code = newCode('nokey');
    fake.script(code, { body: { openid: openidFor('nokey') } });

    const res = await signIn(code);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('a wrong app secret on our side is a 503 WECHAT_UNAVAILABLE, not blamed on the user', async () => {
    const misconfigured = await startTestApp({
      database: app.database,
      wechat: realAdapter({ secret: 'not-the-secret' }),
    });
    try {
      const code = newCode('badsecret');
      const res = await signIn(code, misconfigured);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
      // The fake refused it for the secret (40125), so the code itself was not spent.
      expect((await signIn(code)).status).toBe(200);
    } finally {
      await misconfigured.close();
    }
  });

  it('answers 503 when the WeChat server is unreachable (connection refused)', async () => {
    const gone = await startFakeWechat({ appid: APPID, secret: SECRET });
    await gone.close();
    const offline = await startTestApp({ database: app.database, wechat: realAdapter({ baseUrl: gone.url }) });
    try {
      const res = await signIn(newCode('offline'), offline);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      await offline.close();
    }
  });

  it('answers 503 when WeChat does not answer within the timeout, after 2 attempts', async () => {
    const slow = await startTestApp({ database: app.database, wechat: realAdapter({ timeoutMs: 150 }) });
    try {
      const code = newCode('hang');
      fake.script(code, { hang: true }, { hang: true });
      const res = await signIn(code, slow);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
      expect(fake.callsFor(code)).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('the adapter logs refusals without the app secret or any session_key', async () => {
    logLines.length = 0;
    const ok = newCode('log-ok');
    const refused = newCode('log-refused');
    const busy = newCode('log-busy');
    fake.script(refused, wxError(40029, 'invalid code'));
    fake.script(busy, { status: 500 }, { status: 500 });
    expect((await signIn(ok)).status).toBe(200);
    expect((await signIn(refused)).status).toBe(401);
    expect((await signIn(busy)).status).toBe(503);

    const log = logLines.join('\n');
    expect(log).toContain('40029');
    expect(log).not.toContain(SECRET);
    for (const key of fake.issuedKeys) expect(log).not.toContain(key);
  });
});

describe('WeChat configuration and the local adapter', () => {
  it('loadConfig refuses production without WECHAT_APPID, naming it', () => {
    const env = { NODE_ENV: 'production', FIELD_ENCRYPTION_KEY: TEST_KEY };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/WECHAT_APPID/);
    const config = loadConfig({ ...env, WECHAT_APPID: APPID, WECHAT_SECRET: SECRET });
    expect(config.WECHAT_APPID).toBe(APPID);
    expect(config.WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
  });

  it('the local adapter gives a stable openid per code and a fresh session_key', async () => {
    const local = createLocalWechat();
    expect(local.kind).toBe('local');
    const a = await local.code2Session('demo-browser-1');
    const b = await local.code2Session('demo-browser-1');
    const c = await local.code2Session('demo-browser-2');
    expect(a.openid).toBe(b.openid);
    expect(a.openid).toBe(localOpenid('demo-browser-1'));
    expect(c.openid).not.toBe(a.openid);
    expect(a.unionid).toBeNull();
    expect(Buffer.from(a.sessionKey, 'base64')).toHaveLength(16);
  });

  it('with the local adapter the same code signs in as the same user every time', async () => {
    const demo = await startTestApp({ database: app.database });
    try {
      const first = await signIn('browser-demo-code', demo);
      const second = await signIn('browser-demo-code', demo);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body.user.id).toBe(first.body.user.id);
      expect((await userRow(first.body.user.id)).openid).toBe(localOpenid('browser-demo-code'));
    } finally {
      await demo.close();
    }
  });
});
