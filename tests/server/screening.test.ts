/**
 * Screening before publication (docs/decisions/018-screening.md), against the fake WeChat
 * server: the word lists through their routes, step 1 with normalised matching, step 2
 * (msgSecCheck v2) with every verdict and error, the daily ceiling, and image checks queued
 * and sent to media_check_async.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/core/context';
import { AppError } from '../../server/core/errors';
import { createLogger } from '../../server/core/logger';
import { boardSettings, jobs, mediaChecks, posts, screeningUsage, screeningWords } from '../../server/db/schema';
import { appJobs } from '../../server/jobs';
import { createJobRunner } from '../../server/platform/jobs';
import { queueImageChecks, screenText } from '../../server/platform/screening';
import { chinaDay } from '../../server/platform/screening/text';
import { createLocalWechat } from '../../server/wechat/local';
import { createRealWechat } from '../../server/wechat/real';
import { testClock, useTestApp } from '../helpers/app';
import { type FakeWechat, fakeOpenid, secVerdict, startFakeWechat } from '../helpers/fake-wechat';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { ensurePostSubject, insertPost, insertUpload } from '../helpers/screening';

const APPID = 'wxscreeningtest0001';
const SECRET = 'fake-app-secret-screening';
const clock = testClock(new Date('2026-12-01T02:00:00.000Z'));
let fake: FakeWechat;
const wechat = {
  kind: 'real' as const,
  impl: null as unknown as ReturnType<typeof createRealWechat>,
};
const t = useTestApp({
  clock,
  wechat: {
    kind: 'real',
    code2Session: (code) => wechat.impl.code2Session(code),
    sendSubscribeMessage: (...a) => wechat.impl.sendSubscribeMessage(...a),
    msgSecCheck: (...a) => wechat.impl.msgSecCheck(...a),
    mediaCheckAsync: (...a) => wechat.impl.mediaCheckAsync(...a),
  },
  config: { SCREENING_TIMEOUT_MS: 400, PUBLIC_BASE_URL: 'https://sqy.example.cn/' },
});

let a: CommunityFixture;
let b: CommunityFixture;
let modA: { token: string; userId: number };
let modB: { token: string; userId: number };
let admin: { token: string; userId: number };
let author: { token: string; userId: number; code: string };
let seq = 0;

beforeAll(async () => {
  fake = await startFakeWechat({ appid: APPID, secret: SECRET, now: () => clock().getTime() });
  wechat.impl = createRealWechat({
    appid: APPID,
    secret: SECRET,
    baseUrl: fake.url,
    logger: createLogger('silent'),
    clock,
    timeoutMs: 2000,
  });
  ensurePostSubject();
  a = await createCommunity(t.app, '筛查甲社区');
  b = await createCommunity(t.app, '筛查乙社区');
  [modA, modB, admin, author] = await Promise.all([
    staff(t.app, { community: a }),
    staff(t.app, { community: b }),
    staff(t.app, { admin: true }),
    resident(t.app, a),
  ]);
}, 60_000);
afterAll(async () => {
  await fake?.close();
});

const ctx = () => systemContext(t.app.deps);
const screen = (texts: string[], communityId = a.id, userId = author.userId) =>
  screenText(ctx(), { communityId, userId, texts });

/** The AppError a screening threw (fails the test when it did not throw). */
async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const addWords = (token: string, words: string, communityId: number | null = a.id) =>
  t.app.call(
    'POST',
    communityId === null ? '/api/admin/screening-words' : `/api/committees/${communityId}/screening-words`,
    {
      token,
      body: { words },
    },
  );

describe('word lists', () => {
  it('POST adds one word per line, skips duplicates after normalising, and audits each word', async () => {
    const res = await addWords(modA.token, '法轮功\n 代开发票 \n\nＦＡＬＵＮ\n法 轮·功\n！！');
    expect(res.status).toBe(201);
    expect(res.body.added.map((w: { word: string }) => w.word)).toEqual(['法轮功', '代开发票', 'ＦＡＬＵＮ']);
    expect(res.body.skipped).toEqual([
      { word: '法 轮·功', reason: 'duplicate' },
      { word: '！！', reason: 'empty' },
    ]);
    const [row] = await t.app.database.db.select().from(screeningWords).where(eq(screeningWords.word, 'ＦＡＬＵＮ'));
    expect(row).toMatchObject({ communityId: a.id, normalized: 'falun', createdBy: modA.userId });
    const audit = await auditRows(t.app, 'screening_word.add', row.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ community_id: a.id, actor_id: modA.userId, after: { word: 'ＦＡＬＵＮ' } });
  });

  it('POST with only words already listed is 409 DUPLICATE in Chinese', async () => {
    const res = await addWords(modA.token, '法輪功\n代 开 发 票');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect(res.body.error.message).toBe('这些词已经在词表里了');
  });

  it('the platform list is for admins; moderators see it read-only beside their own', async () => {
    const byMod = await addWords(modA.token, '平台词', null);
    expect(byMod.status).toBe(403);
    const res = await addWords(admin.token, '赌博网站\n刷单返利', null);
    expect(res.status).toBe(201);
    const platformId = res.body.added[0].id;
    expect(await auditRows(t.app, 'platform_screening_word.add', platformId)).toHaveLength(1);
    // A community word the platform already has is skipped as such.
    const dup = await addWords(modA.token, '赌 博 网 站\n本社区词');
    expect(dup.status).toBe(201);
    expect(dup.body.skipped).toEqual([{ word: '赌 博 网 站', reason: 'platform' }]);
    const list = await t.app.call('GET', `/api/committees/${a.id}/screening-words`, { token: modA.token });
    expect(list.status).toBe(200);
    expect(list.body.platform.map((w: { word: string }) => w.word)).toEqual(
      expect.arrayContaining(['赌博网站', '刷单返利']),
    );
    expect(list.body.community.map((w: { word: string }) => w.word)).toContain('本社区词');
    expect(list.body.community.map((w: { word: string }) => w.word)).not.toContain('赌博网站');
    // The moderator cannot remove a platform word through their community's route.
    const del = await t.app.call('DELETE', `/api/committees/${a.id}/screening-words/${platformId}`, {
      token: modA.token,
    });
    expect(del.status).toBe(404);
    const adminList = await t.app.call('GET', '/api/admin/screening-words', { token: admin.token });
    expect(adminList.body.items.map((w: { word: string }) => w.word)).toEqual(
      expect.arrayContaining(['赌博网站', '刷单返利']),
    );
  });

  it("another community's moderator gets 404, a resident 403", async () => {
    expect((await t.app.call('GET', `/api/committees/${a.id}/screening-words`, { token: modB.token })).status).toBe(
      404,
    );
    expect((await t.app.call('GET', `/api/committees/${a.id}/screening-words`, { token: author.token })).status).toBe(
      403,
    );
    const [word] = await t.app.database.db.select().from(screeningWords).where(eq(screeningWords.word, '本社区词'));
    const del = await t.app.call('DELETE', `/api/committees/${b.id}/screening-words/${word.id}`, { token: modB.token });
    expect(del.status).toBe(404);
  });

  it('DELETE removes the word, audited, and screening stops refusing it at once', async () => {
    const added = await addWords(modA.token, '临时词');
    const id = added.body.added[0].id;
    await expect(refusal(screen(['这里有临时词']))).resolves.toMatchObject({ code: 'CONTENT_REJECTED' });
    const del = await t.app.call('DELETE', `/api/committees/${a.id}/screening-words/${id}`, { token: modA.token });
    expect(del.status).toBe(204);
    expect(await auditRows(t.app, 'screening_word.remove', id)).toMatchObject([{ before: { word: '临时词' } }]);
    expect(await screen(['这里有临时词'])).toEqual({ state: 'visible', heldReason: null });
  });
});

describe('step 1: the word lists, matched after normalising', () => {
  const caught: Array<[string, string]> = [
    ['spaces between characters', '我在学 法 轮 功'],
    ['full-width letters', '看看ＦａＬｕＮ吧'],
    ['inserted punctuation and symbols', '法.轮*功、代-开_发/票'],
    ['CJK punctuation and emoji between characters', '法，轮。功🙂'],
    ['zero-width characters', '法\u200b轮\u200d功'],
    ['traditional characters', '我學法輪功'],
    ['Cyrillic look-alikes', 'fаlun'],
    ['words of the platform list', '进入赌博网站领奖'],
  ];
  it.each(caught)('catches a listed word written with %s', async (_, text) => {
    const before = fake.secCheckRequests().length;
    const error = await refusal(screen([text]));
    expect(error.code).toBe('CONTENT_REJECTED');
    expect(error.message).toMatch(/^含有不允许的词：.+，请修改后再发$/);
    // Nothing reached WeChat for text the lists refuse.
    expect(fake.secCheckRequests().length).toBe(before);
  });

  it('names every word as the list spells it', async () => {
    const error = await refusal(screen(['正文没问题', '法 轮 功，代开發票，falun']));
    expect(error.message).toBe('含有不允许的词：法轮功、代开发票、ＦＡＬＵＮ，请修改后再发');
    expect(error.details).toEqual({ source: 'words', words: ['法轮功', '代开发票', 'ＦＡＬＵＮ'] });
  });

  it('lets innocent text through, including text near a listed word', async () => {
    fake.queueSecCheck(secVerdict('pass'), secVerdict('pass'));
    expect(await screen(['楼道灯坏了，请帮忙修一下。'])).toEqual({ state: 'visible', heldReason: null });
    expect(await screen(['车轮功能正常，发票已开'])).toEqual({ state: 'visible', heldReason: null });
  });

  it("another community's words do not apply here", async () => {
    await addWords(modB.token, '乙社区专用词', b.id);
    fake.queueSecCheck(secVerdict('pass'));
    expect(await screen(['乙社区专用词'])).toEqual({ state: 'visible', heldReason: null });
    await expect(refusal(screen(['乙社区专用词'], b.id))).resolves.toMatchObject({ code: 'CONTENT_REJECTED' });
  });

  it('a word another instance added straight to the table is used on the next check (no stale cache)', async () => {
    await t.app.database.db
      .insert(screeningWords)
      .values({ communityId: a.id, word: '别处加的词', normalized: '别处加的词' });
    await expect(refusal(screen(['这是别处加的词']))).resolves.toMatchObject({ code: 'CONTENT_REJECTED' });
  });
});

describe('step 2: msgSecCheck v2', () => {
  it('pass → visible; sends version 2, scene 3 and the author’s openid', async () => {
    const content = `今天天气很好${seq++}`;
    fake.scriptSecCheck(content, secVerdict('pass'));
    expect(await screen([content])).toEqual({ state: 'visible', heldReason: null });
    const sent = fake.secCheckRequests().at(-1);
    expect(sent).toEqual({ content, version: 2, scene: 3, openid: fakeOpenid(author.code) });
  });

  it('risky → CONTENT_REJECTED with a plain reason from the label, never WeChat’s own text', async () => {
    fake.queueSecCheck({
      body: { errcode: 0, errmsg: 'ok', trace_id: 'x', result: { suggest: 'risky', label: 10001 }, detail: [] },
    });
    const error = await refusal(screen([`加我微信买东西${seq++}`]));
    expect(error.code).toBe('CONTENT_REJECTED');
    expect(error.message).toBe('内容可能涉及广告，没有发出，请修改后再发');
    expect(error.details).toEqual({ source: 'wechat', reason: '广告' });
    fake.queueSecCheck(secVerdict('risky', 20003));
    expect((await refusal(screen([`骂人的话${seq++}`]))).message).toContain('辱骂');
  });

  it('review → held for a moderator (wechat_review)', async () => {
    fake.queueSecCheck(secVerdict('review'));
    expect(await screen([`需要人工看看${seq++}`])).toEqual({ state: 'held', heldReason: 'wechat_review' });
  });

  const failures: Array<[string, Parameters<FakeWechat['queueSecCheck']>[0]]> = [
    ['40003 bad openid', { body: { errcode: 40003, errmsg: 'invalid openid' } }],
    ['43104 appid/openid mismatch', { body: { errcode: 43104, errmsg: 'appid and openid not match' } }],
    ['44991 per-minute limit', { body: { errcode: 44991, errmsg: 'freq limit' } }],
    ['45009 daily limit', { body: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }],
    ['61010 user not seen recently', { body: { errcode: 61010, errmsg: 'user is not active' } }],
    ['-1 system busy', { body: { errcode: -1, errmsg: 'system error' } }],
    ['HTTP 502', { status: 502 }],
    ['a reply that is not JSON', { raw: 'not json' }],
    ['no answer (timeout)', { hang: true }],
  ];
  it.each(failures)('%s → held (wechat_unavailable), never published unchecked', async (_, reply) => {
    fake.queueSecCheck(reply);
    const started = Date.now();
    expect(await screen([`普通的一句话${seq++}`])).toEqual({ state: 'held', heldReason: 'wechat_unavailable' });
    // The timeout is the app's (400 ms here), not the adapter's.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a stale token (40001) is refreshed once and the check repeated', async () => {
    fake.revokeToken();
    const before = fake.tokenRequests().length;
    fake.queueSecCheck(secVerdict('pass'));
    expect(await screen([`换了令牌再查${seq++}`])).toEqual({ state: 'visible', heldReason: null });
    expect(fake.tokenRequests().length).toBeGreaterThan(before);
  });

  it('staff accounts (no openid) get step 1 only', async () => {
    const before = fake.secCheckRequests().length;
    expect(await screen([`工作人员的话${seq++}`], a.id, modA.userId)).toEqual({ state: 'visible', heldReason: null });
    expect(fake.secCheckRequests().length).toBe(before);
  });

  it('the local adapter runs step 1 only', async () => {
    const local = { ...ctx(), deps: { ...t.app.deps, wechat: createLocalWechat() } };
    const before = fake.secCheckRequests().length;
    expect(await screenText(local, { communityId: a.id, userId: author.userId, texts: ['普通话'] })).toEqual({
      state: 'visible',
      heldReason: null,
    });
    await expect(
      refusal(screenText(local, { communityId: a.id, userId: author.userId, texts: ['法 轮 功'] })),
    ).resolves.toMatchObject({ code: 'CONTENT_REJECTED' });
    expect(fake.secCheckRequests().length).toBe(before);
  });
});

describe('the daily ceiling of msgSecCheck calls per community', () => {
  it('holds text (quota) once the ceiling is used up, counting calls atomically under concurrency', async () => {
    const c = await createCommunity(t.app, '上限社区');
    const writer = await resident(t.app, c);
    await t.app.database.db.insert(boardSettings).values({ communityId: c.id, secCheckDailyLimit: 5 });
    const before = fake.secCheckRequests().length;
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        screenText(ctx(), { communityId: c.id, userId: writer.userId, texts: [`并发的第${i}句`] }),
      ),
    );
    expect(verdicts.filter((v) => v.state === 'visible')).toHaveLength(5);
    expect(verdicts.filter((v) => v.heldReason === 'quota')).toHaveLength(5);
    expect(fake.secCheckRequests().length - before).toBe(5);
    const [usage] = await t.app.database.db
      .select()
      .from(screeningUsage)
      .where(and(eq(screeningUsage.communityId, c.id), eq(screeningUsage.day, chinaDay(clock()))));
    expect(usage.calls).toBe(5);
    // The next China day starts a new count (16:00 UTC is midnight in China).
    clock.set(new Date('2026-12-01T16:00:01.000Z'));
    try {
      expect(await screenText(ctx(), { communityId: c.id, userId: writer.userId, texts: ['第二天'] })).toEqual({
        state: 'visible',
        heldReason: null,
      });
    } finally {
      clock.set(new Date('2026-12-01T02:00:00.000Z'));
    }
  });

  it('a ceiling of 0 holds everything without calling WeChat', async () => {
    const c = await createCommunity(t.app, '零上限社区');
    const writer = await resident(t.app, c);
    await t.app.database.db.insert(boardSettings).values({ communityId: c.id, secCheckDailyLimit: 0 });
    const before = fake.secCheckRequests().length;
    expect(await screenText(ctx(), { communityId: c.id, userId: writer.userId, texts: ['你好'] })).toEqual({
      state: 'held',
      heldReason: 'quota',
    });
    expect(fake.secCheckRequests().length).toBe(before);
  });
});

describe('images: media_check_async', () => {
  const runJobs = () => createJobRunner(t.app.deps, appJobs(), { workerId: `scr-${seq++}` }).runDue();

  async function heldPost() {
    const postId = await insertPost(t.app, { communityId: a.id, authorId: author.userId });
    const uploadIds = [await insertUpload(t.app, a.id, author.userId), await insertUpload(t.app, a.id, author.userId)];
    const held = await t.app.database.db.transaction((tx) =>
      queueImageChecks(tx, ctx(), {
        communityId: a.id,
        userId: author.userId,
        subject: 'post',
        subjectId: postId,
        uploadIds,
      }),
    );
    return { postId, uploadIds, held };
  }

  it('queues one pending check per image and sends each with an absolute signed URL; trace_id stored', async () => {
    const { postId, held } = await heldPost();
    expect(held).toBe(true);
    const before = fake.mediaCheckRequests().length;
    await runJobs();
    const sent = fake.mediaCheckRequests().slice(before);
    expect(sent).toHaveLength(2);
    for (const body of sent) {
      expect(body).toMatchObject({ media_type: 2, version: 2, scene: 3, openid: fakeOpenid(author.code) });
      expect(body.media_url).toMatch(/^https:\/\/sqy\.example\.cn\/api\/files\/k\d+x\.jpg\?exp=\d+&sig=[\w-]+$/);
    }
    const checks = await t.app.database.db.select().from(mediaChecks).where(eq(mediaChecks.subjectId, postId));
    expect(checks.map((c) => c.status)).toEqual(['pending', 'pending']);
    expect(checks.every((c) => c.traceId?.startsWith('trace-'))).toBe(true);
  });

  it('the local adapter queues nothing and does not hold the item', async () => {
    const local = { ...ctx(), deps: { ...t.app.deps, wechat: createLocalWechat() } };
    const postId = await insertPost(t.app, { communityId: a.id, authorId: author.userId, state: 'visible' });
    const uploadId = await insertUpload(t.app, a.id, author.userId);
    const held = await t.app.database.db.transaction((tx) =>
      queueImageChecks(tx, local, {
        communityId: a.id,
        userId: author.userId,
        subject: 'post',
        subjectId: postId,
        uploadIds: [uploadId],
      }),
    );
    expect(held).toBe(false);
    expect(await t.app.database.db.select().from(mediaChecks).where(eq(mediaChecks.subjectId, postId))).toEqual([]);
  });

  it('a limit (45009) is retried later; a refusal that cannot change (40003) leaves the item to a moderator', async () => {
    fake.queueMediaCheck(
      { body: { errcode: 45009, errmsg: 'quota' } },
      { body: { errcode: 40003, errmsg: 'bad openid' } },
    );
    const { postId } = await heldPost();
    await runJobs();
    const checks = await t.app.database.db
      .select()
      .from(mediaChecks)
      .where(eq(mediaChecks.subjectId, postId))
      .orderBy(mediaChecks.id);
    // The first was refused for a limit (job waits to retry), the second for good (review).
    const statuses = checks.map((c) => c.status).sort();
    expect(statuses).toEqual(['pending', 'review']);
    const retrying = await t.app.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, 'screening.media_check'), eq(jobs.status, 'queued')));
    expect(retrying.length).toBeGreaterThanOrEqual(1);
    // Still held: one image has no verdict yet.
    const [post] = await t.app.database.db.select().from(posts).where(eq(posts.id, postId));
    expect(post).toMatchObject({ state: 'held', heldReason: 'images_pending' });
  });
});

describe('through the board (POST /api/committees/:communityId/posts)', () => {
  const post = (token: string, body: string) =>
    t.app.call('POST', `/api/committees/${a.id}/posts`, {
      token,
      body: { kind: 'post', category: 'help', body, uploadIds: [] },
    });

  it('a listed word written with spaces is refused with 422 naming it; nothing is stored', async () => {
    expect((await addWords(modA.token, '留言板禁词')).status).toBe(201);
    const writer = await resident(t.app, a, 1);
    const res = await post(writer.token, '大家看看 留 言·板 禁 詞');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'CONTENT_REJECTED',
      message: '含有不允许的词：留言板禁词，请修改后再发',
    });
    expect(await t.app.database.db.select().from(posts).where(eq(posts.authorId, writer.userId))).toEqual([]);
  });

  it('WeChat review holds the post (审核中); WeChat down holds it too; pass publishes it', async () => {
    const writer = await resident(t.app, a, 2);
    fake.queueSecCheck(secVerdict('review'));
    const held = await post(writer.token, `楼下有人摆摊${seq++}`);
    expect(held.status).toBe(201);
    expect(held.body.state).toBe('held');
    fake.queueSecCheck({ status: 503 });
    const down = await post(writer.token, `电梯又坏了${seq++}`);
    expect(down.body.state).toBe('held');
    fake.queueSecCheck(secVerdict('pass'));
    const ok = await post(writer.token, `谢谢保安师傅${seq++}`);
    expect(ok.body.state).toBe('visible');
    const rows = await t.app.database.db
      .select({ state: posts.state, heldReason: posts.heldReason })
      .from(posts)
      .where(eq(posts.authorId, writer.userId))
      .orderBy(posts.id);
    expect(rows).toEqual([
      { state: 'held', heldReason: 'wechat_review' },
      { state: 'held', heldReason: 'wechat_unavailable' },
      { state: 'visible', heldReason: null },
    ]);
  });
});
