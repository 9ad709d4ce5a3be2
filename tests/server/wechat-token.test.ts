import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/core/logger';
import type { Database } from '../../server/db/client';
import { wechatTokens } from '../../server/db/schema';
import { createLocalWechat } from '../../server/wechat/local';
import { createRealWechat } from '../../server/wechat/real';
import { testClock, useTestApp } from '../helpers/app';
import { openSecondHandle } from '../helpers/db';
import { type FakeWechat, startFakeWechat } from '../helpers/fake-wechat';

const SECRET = 'fake-app-secret-token-tests-0001';
const t = useTestApp();
let second: Database;
let seq = 0;
const fakes: FakeWechat[] = [];

beforeAll(async () => {
  second = await openSecondHandle(t.app.database);
});
afterAll(async () => {
  await second?.close();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** A fake WeChat of its own appid (so each test starts with no stored token) and a clock it shares with the adapters. */
async function setup() {
  const appid = `wxtoken${seq++}${Date.now().toString(36)}`;
  const clock = testClock();
  const fake = await startFakeWechat({ appid, secret: SECRET, now: () => clock().getTime() });
  fakes.push(fake);
  const lines: string[] = [];
  const adapter = (database: Database = t.app.database) =>
    createRealWechat({
      appid,
      secret: SECRET,
      baseUrl: fake.url,
      logger: createLogger('debug', (l) => lines.push(l)),
      clock,
      tokenStore: { database, cipher: t.app.deps.cipher },
    });
  return { appid, clock, fake, lines, adapter };
}

const send = (wechat: ReturnType<typeof createRealWechat>, n = 0) =>
  wechat.sendSubscribeMessage(`oUser${n}`, 'TEMPLATE_NOTICE', '/pages/notice/index?id=7', { thing1: '停水通知' });

describe('WeChat access token', () => {
  it('is fetched once with stable_token and reused from memory', async () => {
    const { fake, adapter } = await setup();
    const wechat = adapter();
    expect(await send(wechat, 1)).toEqual({ ok: true });
    expect(await send(wechat, 2)).toEqual({ ok: true });
    expect(fake.tokenRequests()).toEqual([{ force: false }]);
    const used = fake.sendRequests().map((r) => r.token);
    expect(used).toEqual([fake.currentToken(), fake.currentToken()]);
  });

  it('sends the subscribe message as WeChat expects it: openid, template, page without its slash, data values', async () => {
    const { fake, adapter } = await setup();
    await send(adapter(), 3);
    expect(fake.subscribeSends[0].body).toEqual({
      touser: 'oUser3',
      template_id: 'TEMPLATE_NOTICE',
      page: 'pages/notice/index?id=7',
      data: { thing1: { value: '停水通知' } },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  });

  it('is refreshed 5 minutes before it expires when the clock moves, not earlier', async () => {
    const { fake, clock, adapter } = await setup();
    const wechat = adapter();
    await send(wechat);
    const first = fake.currentToken();
    clock.advance((7200 - 300) * 1000 - 1000);
    await send(wechat);
    expect(fake.tokenRequests()).toHaveLength(1);
    clock.advance(1000);
    await send(wechat);
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.currentToken()).not.toBe(first);
    expect(fake.sendRequests().at(-1)?.token).toBe(fake.currentToken());
  });

  it('20 concurrent callers make one stable_token request', async () => {
    const { fake, adapter } = await setup();
    fake.setTokenDelay(50);
    const wechat = adapter();
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => send(wechat, n)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.subscribeSends).toHaveLength(20);
  });

  it('two instances on one database make one stable_token request, and the second reads the first one’s token', async () => {
    const { appid, fake, adapter } = await setup();
    fake.setTokenDelay(100);
    const a = adapter(t.app.database);
    const b = adapter(second);
    const results = await Promise.all([send(a, 1), send(b, 2), send(a, 3), send(b, 4)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(new Set(fake.subscribeSends.map((s) => s.token))).toEqual(new Set([fake.currentToken()]));

    // A third instance started later reuses the stored token too; it is stored encrypted.
    await send(adapter(second), 5);
    expect(fake.tokenRequests()).toHaveLength(1);
    const [row] = await t.app.database.db.select().from(wechatTokens).where(eq(wechatTokens.appid, appid));
    expect(row.tokenEnc).not.toContain(fake.currentToken());
    expect(t.app.deps.cipher.decrypt(row.tokenEnc)).toBe(fake.currentToken());
  });

  it('a token WeChat reports stale (40001) is refreshed once and the call repeated', async () => {
    const { fake, adapter } = await setup();
    const wechat = adapter();
    await send(wechat);
    const old = fake.currentToken();
    fake.revokeToken();
    expect(await send(wechat)).toEqual({ ok: true });
    expect(fake.tokenRequests()).toEqual([{ force: false }, { force: false }]);
    const tokensUsed = fake.sendRequests().map((r) => r.token);
    expect(tokensUsed.slice(1)).toEqual([old, fake.currentToken()]);
    expect(fake.currentToken()).not.toBe(old);
  });

  it.each([42001, 40014])('errcode %i also means a stale token: one refresh, one retry', async (errcode) => {
    const { fake, adapter } = await setup();
    const wechat = adapter();
    await send(wechat);
    // WeChat still hands the same token out: the adapter forces a new one.
    fake.scriptSend({ body: { errcode, errmsg: 'stale' } });
    expect(await send(wechat)).toEqual({ ok: true });
    expect(fake.tokenRequests()).toEqual([{ force: false }, { force: false }, { force: true }]);
    expect(fake.sendRequests()).toHaveLength(3);
  });

  it('a token still reported stale after its refresh is not refreshed again: a retryable failure', async () => {
    const { fake, adapter } = await setup();
    const wechat = adapter();
    await send(wechat);
    fake.scriptSend({ body: { errcode: 40001, errmsg: 'stale' } }, { body: { errcode: 40001, errmsg: 'stale' } });
    expect(await send(wechat)).toEqual({ ok: false, reason: 'unavailable', retryable: true, errcode: 40001 });
    expect(fake.sendRequests()).toHaveLength(3);
    expect(fake.tokenRequests()).toHaveLength(3);
  });

  it('a stable_token refusal is a retryable failure, logged without the app secret', async () => {
    const { fake, adapter, lines } = await setup();
    fake.scriptToken({ body: { errcode: 40164, errmsg: 'invalid ip, not in whitelist' } });
    expect(await send(adapter())).toEqual({ ok: false, reason: 'unavailable', retryable: true, errcode: null });
    expect(fake.sendRequests()).toHaveLength(0);
    expect(lines.join('\n')).toContain('40164');
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});

describe('sendSubscribeMessage results', () => {
  it.each([
    { errcode: 43101, reason: 'no_consent', retryable: false },
    { errcode: 47003, reason: 'rejected', retryable: false },
    { errcode: 40003, reason: 'rejected', retryable: false },
    { errcode: 45168, reason: 'rejected', retryable: false },
    { errcode: 43108, reason: 'unavailable', retryable: true },
    { errcode: -1, reason: 'unavailable', retryable: true },
  ] as const)('errcode $errcode is $reason (retryable: $retryable)', async ({ errcode, reason, retryable }) => {
    const { fake, adapter } = await setup();
    fake.scriptSend({ body: { errcode, errmsg: 'refused' } });
    expect(await send(adapter())).toEqual({ ok: false, reason, retryable, errcode });
    expect(fake.sendRequests()).toHaveLength(1);
  });

  it('an HTTP 500 from WeChat is a retryable failure', async () => {
    const { fake, adapter } = await setup();
    fake.scriptSend({ status: 500 });
    expect(await send(adapter())).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
  });

  it('the local adapter records the message and succeeds', async () => {
    const local = createLocalWechat();
    expect(await local.sendSubscribeMessage('oLocal', 'TPL', '/pages/index/index', { thing1: '你好' })).toEqual({
      ok: true,
    });
    expect(local.sentSubscribeMessages).toEqual([
      { openid: 'oLocal', templateId: 'TPL', page: '/pages/index/index', data: { thing1: '你好' } },
    ]);
  });
});
