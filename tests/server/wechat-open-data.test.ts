/**
 * WeChat open data (WECHAT-API.md "Decrypting open data"): the published test vector decrypts,
 * a wrong appid or damaged data is GROUP_INFO_INVALID; and 本群已有 N 户参与 end to end, signed
 * in through the real adapter against the fake WeChat server, with group info encrypted in the
 * test under the session_key the fake issued.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/core/errors';
import { createLogger } from '../../server/core/logger';
import { memberships, voteGroupSightings } from '../../server/db/schema';
import { decryptOpenData } from '../../server/wechat/open-data';
import { createRealWechat } from '../../server/wechat/real';
import { startTestApp, type TestApp } from '../helpers/app';
import { type FakeWechat, newSessionKey, startFakeWechat, wxSession } from '../helpers/fake-wechat';
import { createCommunity, resident, staff } from '../helpers/fixtures';

const VECTOR = {
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  data: 'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
};
const APPID = 'wx4f4bc4dec97d474b';
const SECRET = 'fake-app-secret-4b1d2c3e5f60718293a4';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('decryptOpenData', () => {
  it('decrypts the published test vector and checks its watermark', () => {
    const data = decryptOpenData(VECTOR.sessionKey, VECTOR.iv, VECTOR.data, APPID);
    expect(data.openId).toBe('oGZUI0egBJY1zhBYw2KhdUfwVJJE');
    expect((data.watermark as { appid: string }).appid).toBe(APPID);
  });

  it('refuses another appid, a wrong key and damaged data', () => {
    expect(() => decryptOpenData(VECTOR.sessionKey, VECTOR.iv, VECTOR.data, 'wx0000000000000000')).toThrow(AppError);
    try {
      decryptOpenData(VECTOR.sessionKey, VECTOR.iv, VECTOR.data, 'wx0000000000000000');
    } catch (e) {
      expect(code(e)).toBe('GROUP_INFO_INVALID');
    }
    expect(() => decryptOpenData(newSessionKey(), VECTOR.iv, VECTOR.data, APPID)).toThrow(AppError);
    expect(() => decryptOpenData(VECTOR.sessionKey, VECTOR.iv, VECTOR.data.slice(0, 40), APPID)).toThrow(AppError);
  });
});

/** AES-128-CBC with the user's session_key, as WeChat does. */
function encryptGroup(sessionKey: string, json: unknown) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(json), 'utf8'), cipher.final()]);
  return { encryptedData: data.toString('base64'), iv: iv.toString('base64') };
}

describe('group turnout through the real adapter', () => {
  let fake: FakeWechat;
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    fake = await startFakeWechat({ appid: APPID, secret: SECRET });
    app = await startTestApp({
      config: { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET },
      wechat: createRealWechat({
        appid: APPID,
        secret: SECRET,
        baseUrl: fake.url,
        retryDelayMs: 1,
        timeoutMs: 5000,
        logger: createLogger('silent'),
      }),
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  /** A member of household `index`, signed in through the fake; returns its session_key. */
  async function member(communityId: number, householdId: number) {
    const c = `grp-${n++}-${Math.random().toString(36).slice(2)}`;
    const sessionKey = newSessionKey();
    fake.script(c, wxSession(`oGrp_${n}_${Math.random().toString(36).slice(2, 8)}`, sessionKey));
    const res = await app.call('POST', '/api/auth/wechat', { body: { code: c } });
    expect(res.status).toBe(200);
    await app.database.db
      .insert(memberships)
      .values({ communityId, userId: res.body.user.id, householdId, status: 'approved' });
    return { token: res.body.token as string, userId: res.body.user.id as number, sessionKey };
  }

  it('counts households with a ballot whose member opened the vote from that group, for callers seen there only', async () => {
    const a = await createCommunity(app, `群社区${Date.now()}`);
    const mod = await staff(app, { community: a });
    const created = await app.call('POST', `/api/committees/${a.id}/votes`, {
      token: mod.token,
      body: {
        title: '要不要装电梯',
        kind: 'motion',
        rule: 'simple',
        closesAt: new Date(app.clock().getTime() + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const voteId = created.body.id as number;
    const yes = created.body.options[0].id as number;
    const [m0, m1, m2] = [
      await member(a.id, a.householdIds[0]),
      await member(a.id, a.householdIds[1]),
      await member(a.id, a.householdIds[2]),
    ];
    const group = (m: { sessionKey: string }, gid: string, appid = APPID) =>
      encryptGroup(m.sessionKey, { opengid: gid, chat_type: 3, watermark: { appid, timestamp: 1_700_000_000 } });
    const path = `/api/committees/${a.id}/votes/${voteId}`;
    // m0 and m1 vote; m0, m1 and m2 open from group G; m2 does not vote.
    for (const m of [m0, m1])
      expect((await app.call('PUT', `${path}/ballot`, { token: m.token, body: { optionIds: [yes] } })).status).toBe(
        200,
      );
    const r0 = await app.call('POST', `${path}/group`, { token: m0.token, body: group(m0, 'tGroupG') });
    expect(r0.status).toBe(200);
    expect(r0.body.households).toBe(1);
    await app.call('POST', `${path}/group`, { token: m1.token, body: group(m1, 'tGroupG') });
    const r2 = await app.call('POST', `${path}/group`, { token: m2.token, body: group(m2, 'tGroupG') });
    expect(r2.body).toEqual({ group: r0.body.group, households: 2 });
    // Only the hash is kept, never the group id.
    const rows = await app.database.db.select().from(voteGroupSightings).where(eq(voteGroupSightings.voteId, voteId));
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain('tGroupG');
    // getVote with the key: seen callers get the count; a member never seen in it gets null.
    const seen = await app.call('GET', `${path}?group=${r0.body.group}`, { token: m2.token });
    expect(seen.body.groupHouseholds).toBe(2);
    const m3 = await member(a.id, a.householdIds[3]);
    const unseen = await app.call('GET', `${path}?group=${r0.body.group}`, { token: m3.token });
    expect(unseen.status).toBe(200);
    expect(unseen.body.groupHouseholds).toBeNull();
    // Another app's watermark, or data under another key: refused.
    const wrong = await app.call('POST', `${path}/group`, {
      token: m3.token,
      body: group(m3, 'tGroupG', 'wx0000000000000000'),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('GROUP_INFO_INVALID');
    const otherKey = await app.call('POST', `${path}/group`, { token: m3.token, body: group(m0, 'tGroupG') });
    expect(otherKey.body.error.code).toBe('GROUP_INFO_INVALID');
  });

  it('refuses a local-adapter user (no session key)', async () => {
    const local = await startTestApp({ database: app.database });
    try {
      const a = await createCommunity(local, `本地社区${Date.now()}`);
      const mod = await staff(local, { community: a });
      const created = await local.call('POST', `/api/committees/${a.id}/votes`, {
        token: mod.token,
        body: {
          title: '本地投票',
          kind: 'motion',
          rule: 'simple',
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      });
      const r = await resident(local, a, 0);
      const res = await local.call('POST', `/api/committees/${a.id}/votes/${created.body.id}/group`, {
        token: r.token,
        body: encryptGroup(newSessionKey(), { opengid: 'x', watermark: { appid: APPID } }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('GROUP_INFO_INVALID');
    } finally {
      await local.close();
    }
  });
});
