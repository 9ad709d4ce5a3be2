/**
 * WeChat subscribe messages against the fake WeChat server (docs/decisions/016-subscribe-messages.md):
 * consents recorded and listed, a send spends one and reaches WeChat as it expects, the
 * errcodes (40001, 43101, -1), at most one send per key across crashes and runners,
 * scheduled publishing (定时发布) and the urgent-notice fan-out.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createLogger } from '../../server/core/logger';
import {
  buildings,
  households,
  jobs,
  memberships,
  messages,
  notices,
  outbox,
  subscribeConsents,
  users,
} from '../../server/db/schema';
import {
  FANOUT_BATCH,
  noticeOutboxKinds,
  noticePath,
  publishDue,
  URGENT_FANOUT_JOB,
} from '../../server/features/notices/announce';
import { appJobs } from '../../server/jobs';
import { createJobRunner } from '../../server/platform/jobs';
import { notifyUser, wechatKey } from '../../server/platform/notify';
import { builtinOutboxKinds, deliverOutbox } from '../../server/platform/outbox';
import { SUBSCRIBE_SEND_JOB } from '../../server/platform/subscribe';
import type { WechatAdapter } from '../../server/wechat/adapter';
import { createLocalWechat } from '../../server/wechat/local';
import { createRealWechat } from '../../server/wechat/real';
import { fitField, templateData, wechatTime } from '../../server/wechat/templates';
import { testClock, useTestApp } from '../helpers/app';
import { type FakeWechat, fakeOpenid, startFakeWechat } from '../helpers/fake-wechat';
import { auditRows, type CommunityFixture, createCommunity, pendingUser, resident, staff } from '../helpers/fixtures';

const APPID = 'wxsubscribetest0001';
const SECRET = 'fake-app-secret-subscribe-0001';
const clock = testClock(new Date('2026-12-01T02:00:00.000Z'));

/** What a test makes the "process" do around the real adapter's send. */
let afterSend: (() => Promise<void>) | null = null;
let real: WechatAdapter;
/** The app's adapter: the real one (speaking to the fake WeChat), with a hook to die mid-send. */
const wechat: WechatAdapter = {
  kind: 'real',
  code2Session: (code) => real.code2Session(code),
  msgSecCheck: (...args) => real.msgSecCheck(...args),
  mediaCheckAsync: (...args) => real.mediaCheckAsync(...args),
  async sendSubscribeMessage(openid, templateId, page, data) {
    const result = await real.sendSubscribeMessage(openid, templateId, page, data);
    const hook = afterSend;
    afterSend = null;
    await hook?.();
    return result;
  },
};

const t = useTestApp({
  clock,
  wechat,
  config: { WECHAT_TEMPLATE_REVIEW_RESULT: 'TMPL_REVIEW', WECHAT_TEMPLATE_URGENT_NOTICE: 'TMPL_URGENT' },
});
let fake: FakeWechat;
let seq = 0;
let a: CommunityFixture;
let other: CommunityFixture;
let b3: { id: number; householdIds: number[] };
let b5: { id: number; householdIds: number[] };
let mod: { token: string; userId: number };

const runner = (leaseMs = 60_000) => createJobRunner(t.app.deps, appJobs(), { workerId: `sub-${seq++}`, leaseMs });

/** Runs every due job, with a fresh runner, until nothing is left for now. */
const runJobs = () => runner().runDue();

async function building(community: CommunityFixture, name: string, rooms: string[]) {
  const [row] = await t.app.database.db.insert(buildings).values({ communityId: community.id, name }).returning();
  const hs = await t.app.database.db
    .insert(households)
    .values(rooms.map((room) => ({ communityId: community.id, buildingId: row.id, unit: '1单元', room })))
    .returning({ id: households.id });
  return { ...community, id: community.id, buildingId: row.id, householdIds: hs.map((h) => h.id) };
}

beforeAll(async () => {
  fake = await startFakeWechat({ appid: APPID, secret: SECRET, now: () => clock().getTime() });
  real = createRealWechat({
    appid: APPID,
    secret: SECRET,
    baseUrl: fake.url,
    logger: createLogger('silent'),
    clock,
    tokenStore: { database: t.app.database, cipher: t.app.deps.cipher },
  });
  a = await createCommunity(t.app, '订阅甲社区');
  other = await createCommunity(t.app, '订阅乙社区');
  const c3 = await building(a, '3号楼', ['101', '102']);
  const c5 = await building(a, '5号楼', ['101']);
  b3 = { id: c3.buildingId, householdIds: c3.householdIds };
  b5 = { id: c5.buildingId, householdIds: c5.householdIds };
  mod = await staff(t.app, { community: a });
}, 60_000);
afterAll(async () => {
  await fake?.close();
});

/** A resident of A in building 3 (or 5), signed in through the fake WeChat. */
async function member(where: 'b3' | 'b5' | 'other' = 'b3') {
  const c =
    where === 'other'
      ? other
      : { ...a, householdIds: where === 'b3' ? b3.householdIds : b5.householdIds, buildingId: 0 };
  const u = await resident(t.app, c, 0);
  return { ...u, openid: fakeOpenid(u.code) };
}

const consent = (token: string, accepted: string[]) =>
  t.app.call('POST', '/api/me/subscriptions', { token, body: { accepted } });

async function consentsOf(userId: number, template = 'urgent_notice') {
  const [row] = await t.app.database.db
    .select()
    .from(subscribeConsents)
    .where(and(eq(subscribeConsents.userId, userId), eq(subscribeConsents.template, template as 'urgent_notice')));
  return row ?? null;
}

const sendsTo = (openid: string) => fake.sendRequests().filter((r) => r.body?.touser === openid);
const acceptedFor = (openid: string) => fake.subscribeSends.filter((s) => s.body.touser === openid);

const PAGE = '/packages/notices/detail/index?communityId=1&id=2';
const DATA = templateData('urgent_notice', {
  title: '明天停水',
  publisher: '订阅甲社区居委会',
  time: wechatTime(new Date('2026-12-01T01:30:00.000Z')),
  excerpt: '明天上午9点到12点停水，请提前储水。',
});

function notify(userId: number, key = `test.notify:${seq++}`) {
  return t.app.database.db.transaction((tx) =>
    notifyUser(tx, {
      userId,
      communityId: a.id,
      kind: 'test.urgent',
      title: '紧急通知：明天停水',
      body: '明天上午9点到12点停水。',
      link: PAGE,
      key,
      wechat: { template: 'urgent_notice', data: DATA },
    }),
  );
}

async function sendJob(userId: number, key: string) {
  const [row] = await t.app.database.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.name, SUBSCRIBE_SEND_JOB), eq(jobs.key, wechatKey(userId, key))));
  return row ?? null;
}

describe('consents (消息设置)', () => {
  it('lists every template with its id (null when not configured) and the consents left', async () => {
    const u = await member();
    const res = await t.app.call('GET', '/api/me/subscriptions', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { template: 'review_result', templateId: 'TMPL_REVIEW', remaining: 0 },
      { template: 'event_reminder', templateId: null, remaining: 0 },
      { template: 'urgent_notice', templateId: 'TMPL_URGENT', remaining: 0 },
      { template: 'post_reply', templateId: null, remaining: 0 },
      { template: 'matter_progress', templateId: null, remaining: 0 },
      { template: 'vote_reminder', templateId: null, remaining: 0 },
      { template: 'topic_progress', templateId: null, remaining: 0 },
      { template: 'rental_reminder', templateId: null, remaining: 0 },
    ]);
  });

  it('adds one per accepted template per tap and returns the list; acceptedTotal counts every consent', async () => {
    const u = await member();
    const first = await consent(u.token, ['urgent_notice', 'review_result']);
    expect(first.status).toBe(200);
    expect(first.body.items.find((i: { template: string }) => i.template === 'urgent_notice').remaining).toBe(1);
    const second = await consent(u.token, ['urgent_notice']);
    expect(second.body.items.find((i: { template: string }) => i.template === 'urgent_notice').remaining).toBe(2);
    expect(second.body.items.find((i: { template: string }) => i.template === 'review_result').remaining).toBe(1);
    expect(await consentsOf(u.userId)).toMatchObject({ remaining: 2, acceptedTotal: 2 });
    // Someone else's list is their own.
    const v = await member();
    const list = await t.app.call('GET', '/api/me/subscriptions', { token: v.token });
    expect(list.body.items.every((i: { remaining: number }) => i.remaining === 0)).toBe(true);
  });

  it('refuses a template this server has no id for, in Chinese, and records nothing', async () => {
    const u = await member();
    const res = await consent(u.token, ['urgent_notice', 'event_reminder']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('暂时不能订阅“活动报名提醒”消息');
    expect(await consentsOf(u.userId)).toBeNull();
    const unknown = await consent(u.token, ['lottery']);
    expect(unknown.status).toBe(400);
  });

  it('keeps at most 50 per template, and limits recordings to 10 a minute per user', async () => {
    const u = await member();
    await t.app.database.db
      .insert(subscribeConsents)
      .values({ userId: u.userId, template: 'urgent_notice', remaining: 50, acceptedTotal: 50 });
    const res = await consent(u.token, ['urgent_notice']);
    expect(res.status).toBe(200);
    expect(await consentsOf(u.userId)).toMatchObject({ remaining: 50, acceptedTotal: 51 });
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push((await consent(u.token, ['review_result'])).status);
    expect(replies.filter((s) => s === 200)).toHaveLength(9);
    expect(replies.at(-1)).toBe(429);
    expect((await consentsOf(u.userId, 'review_result'))?.remaining).toBe(9);
    clock.advance(60_000);
    expect((await consent(u.token, ['review_result'])).status).toBe(200);
  });
});

describe('sending', () => {
  it('spends one consent and reaches WeChat with the right touser, template_id, page and data', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    await consent(u.token, ['urgent_notice']);
    const key = `test.send:${seq++}`;
    expect(await notify(u.userId, key)).not.toBeNull();
    await runJobs();
    const sent = acceptedFor(u.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({
      touser: u.openid,
      template_id: 'TMPL_URGENT',
      page: PAGE.slice(1),
      data: Object.fromEntries(Object.entries(DATA).map(([k, value]) => [k, { value }])),
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    expect(DATA).toMatchObject({ thing1: '明天停水', time3: '2026年12月1日 09:30' });
    expect((await consentsOf(u.userId))?.remaining).toBe(1);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done' });
    // The same key again: no second message, no second send.
    expect(await notify(u.userId, key)).toBeNull();
    clock.advance(60_000);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(1);
    expect((await consentsOf(u.userId))?.remaining).toBe(1);
  });

  it('a sign-up to an 活动 with the 活动报名 consent reaches WeChat as event_reminder: name, status, deadline', async () => {
    // This test's server has the 活动报名 template configured (the others' has not).
    const config = t.app.deps.config as { WECHAT_TEMPLATE_EVENT_REMINDER?: string };
    config.WECHAT_TEMPLATE_EVENT_REMINDER = 'TMPL_EVENT';
    onTestFinished(() => {
      config.WECHAT_TEMPLATE_EVENT_REMINDER = undefined;
    });
    const u = await member();
    expect((await consent(u.token, ['event_reminder'])).status).toBe(200);
    const created = await t.app.call('POST', `/api/committees/${a.id}/notices`, {
      token: mod.token,
      body: {
        title: '重阳节敬老茶话会暨社区文艺汇演报名开始啦！',
        body: '周六下午两点，活动室。',
        category: 'event',
        isPublic: false,
        audience: 'all',
        signup: { capacity: 10, deadline: '2026-12-05T18:00:00+08:00', maxPeople: 2 },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/publish`, { token: mod.token });
    const signed = await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/signups`, {
      token: u.token,
      body: { people: 2 },
    });
    expect(signed.status).toBe(201);
    await runJobs();
    const sent = acceptedFor(u.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({
      template_id: 'TMPL_EVENT',
      page: `packages/notices/detail/index?communityId=${a.id}&id=${id}`,
      data: {
        thing1: { value: '重阳节敬老茶话会暨社区文艺汇演报名开始…' },
        phrase2: { value: '报名成功' },
        time3: { value: '2026年12月5日 18:00' },
      },
    });
    expect((await consentsOf(u.userId, 'event_reminder'))?.remaining).toBe(0);
  });

  it('without a consent: no WeChat call, the in-app message is there all the same', async () => {
    const u = await member();
    const key = `test.none:${seq++}`;
    const id = await notify(u.userId, key);
    expect(id).not.toBeNull();
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(0);
    const [m] = await t.app.database.db
      .select()
      .from(messages)
      .where(eq(messages.id, id as number));
    expect(m).toMatchObject({ userId: u.userId, title: '紧急通知：明天停水', link: PAGE });
    const rows = await t.app.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.key, wechatKey(u.userId, key)));
    expect(rows).toHaveLength(0);
  });

  it('a consent spent between the event and the send: the job finds none and does not call', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    const key = `test.raced:${seq++}`;
    await notify(u.userId, key);
    // The outbox row is delivered (the send job waits), then the consent goes elsewhere.
    await deliverOutbox(t.app.deps, { kinds: { ...builtinOutboxKinds, ...noticeOutboxKinds } });
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'queued' });
    await t.app.database.db
      .update(subscribeConsents)
      .set({ remaining: 0 })
      .where(eq(subscribeConsents.userId, u.userId));
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(0);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done' });
  });

  it('skips an account without a WeChat identity (staff) and keeps its consent', async () => {
    const s = await staff(t.app, { community: a });
    await t.app.database.db
      .insert(subscribeConsents)
      .values({ userId: s.userId, template: 'urgent_notice', remaining: 1, acceptedTotal: 1 });
    const key = `test.staff:${seq++}`;
    await notify(s.userId, key);
    const before = fake.sendRequests().length;
    await runJobs();
    expect(fake.sendRequests().length).toBe(before);
    expect((await consentsOf(s.userId))?.remaining).toBe(1);
  });

  it('40001: the access token is refreshed once and the message sent', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    await notify(u.userId); // makes sure a token is held
    await runJobs();
    fake.revokeToken();
    const tokensBefore = fake.tokenRequests().length;
    await consent(u.token, ['urgent_notice']);
    await notify(u.userId);
    await runJobs();
    const sends = sendsTo(u.openid);
    expect(sends).toHaveLength(3);
    expect(sends[1].token).not.toBe(sends[2].token);
    expect(fake.tokenRequests().length).toBe(tokensBefore + 1);
    expect(acceptedFor(u.openid)).toHaveLength(2);
    expect((await consentsOf(u.userId))?.remaining).toBe(0);
  });

  it('43101: WeChat says no consent is left — remaining set to 0, not retried', async () => {
    const u = await member();
    for (let i = 0; i < 3; i++) await consent(u.token, ['urgent_notice']);
    fake.scriptSend({ body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } });
    const key = `test.43101:${seq++}`;
    await notify(u.userId, key);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(1);
    expect((await consentsOf(u.userId))?.remaining).toBe(0);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done', attempts: 1 });
    clock.advance(3_600_000);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(1);
  });

  it('-1 (busy): retried with backoff, then sent; the consent is used once', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    await consent(u.token, ['urgent_notice']);
    fake.scriptSend(
      { body: { errcode: -1, errmsg: 'system error' } },
      { body: { errcode: -1, errmsg: 'system error' } },
    );
    const key = `test.busy:${seq++}`;
    await notify(u.userId, key);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(1);
    // Given back while waiting for the retry.
    expect((await consentsOf(u.userId))?.remaining).toBe(2);
    const job = await sendJob(u.userId, key);
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job?.runAt?.getTime()).toBe(clock().getTime() + 10_000);
    await runJobs(); // not due yet
    expect(sendsTo(u.openid)).toHaveLength(1);
    clock.advance(10_000);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(2);
    clock.advance(20_000);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(3);
    expect(acceptedFor(u.openid)).toHaveLength(1);
    expect((await consentsOf(u.userId))?.remaining).toBe(1);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('a crash after WeChat got the message and before it was recorded: never sent twice', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    await consent(u.token, ['urgent_notice']);
    const key = `test.crash:${seq++}`;
    await notify(u.userId, key);
    afterSend = async () => {
      throw new Error('the process died');
    };
    await runJobs();
    expect(acceptedFor(u.openid)).toHaveLength(1);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'queued', attempts: 1 });
    // The "restarted" runner takes the job up again when it is due: it finds the claim.
    clock.advance(10_000);
    await runJobs();
    expect(sendsTo(u.openid)).toHaveLength(1);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done' });
    expect((await consentsOf(u.userId))?.remaining).toBe(1);
  });

  it('a runner that hangs mid-send loses its lease; the runner taking over does not send again', async () => {
    const u = await member();
    // Two consents: what stops the second send is the claim, not a lack of consent.
    await consent(u.token, ['urgent_notice']);
    await consent(u.token, ['urgent_notice']);
    const key = `test.hang:${seq++}`;
    await notify(u.userId, key);
    // Deliver the outbox row first, so the hanging runner holds only the send job.
    await deliverOutbox(t.app.deps, { kinds: { ...builtinOutboxKinds, ...noticeOutboxKinds } });
    let release: () => void = () => {};
    const sent = new Promise<void>((resolveSent) => {
      afterSend = () =>
        new Promise<void>((_resolve, reject) => {
          resolveSent();
          release = () => reject(new Error('the hung runner wakes up'));
        });
    });
    const hung = runner(30_000).runDue();
    await sent;
    expect(acceptedFor(u.openid)).toHaveLength(1);
    clock.advance(31_000);
    await runJobs();
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done' });
    release();
    await hung;
    expect(sendsTo(u.openid)).toHaveLength(1);
    expect(await sendJob(u.userId, key)).toMatchObject({ status: 'done' });
    expect((await consentsOf(u.userId))?.remaining).toBe(1);
  });

  it('two runners at once: one send per message', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => member()));
    for (const u of users) await consent(u.token, ['urgent_notice']);
    for (const u of users) await notify(u.userId);
    await Promise.all([runner().runDue(), runner().runDue()]);
    for (const u of users) {
      expect(sendsTo(u.openid)).toHaveLength(1);
      expect((await consentsOf(u.userId))?.remaining).toBe(0);
    }
  });

  it('the local adapter (no WeChat credentials) records and logs what WeChat would have received', async () => {
    const u = await member();
    await consent(u.token, ['urgent_notice']);
    const lines: string[] = [];
    const local = createLocalWechat({ logger: createLogger('info', (l) => lines.push(l)) });
    const deps = { ...t.app.deps, wechat: local };
    await notify(u.userId);
    await createJobRunner(deps, appJobs(), { workerId: `local-${seq++}` }).runDue();
    expect(local.sentSubscribeMessages).toEqual([
      { openid: u.openid, templateId: 'TMPL_URGENT', page: PAGE, data: DATA },
    ]);
    expect(lines.some((l) => l.includes('subscribe message not sent (local WeChat adapter)'))).toBe(true);
    expect(sendsTo(u.openid)).toHaveLength(0);
    expect((await consentsOf(u.userId))?.remaining).toBe(0);
  });

  it('cuts template fields to WeChat’s limits', () => {
    expect(fitField('thing1', '一二三四五六七八九十一二三四五六七八九十一')).toBe(
      '一二三四五六七八九十一二三四五六七八九…',
    );
    expect([...fitField('thing1', '一二三四五六七八九十一二三四五六七八九十一')]).toHaveLength(20);
    expect(fitField('phrase2', '已通过审核了')).toBe('已通过审…');
    expect(fitField('time4', '2026年12月1日 09:30')).toBe('2026年12月1日 09:30');
  });
});

describe('membership decisions', () => {
  it('an approval is sent with the 审核结果 template where the applicant consented', async () => {
    const p = await pendingUser(t.app, a, 1);
    await consent(p.token, ['review_result']);
    const res = await t.app.call('POST', `/api/committees/${a.id}/memberships/${p.membershipId}/approve`, {
      token: mod.token,
    });
    expect(res.status).toBe(200);
    await runJobs();
    const sent = acceptedFor(fakeOpenid(p.code));
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({
      template_id: 'TMPL_REVIEW',
      page: 'pages/home/index',
      data: { thing1: { value: '加入订阅甲社区' }, phrase2: { value: '已通过' } },
    });
    const mine = await t.app.call('GET', '/api/me/messages', { token: p.token });
    expect(mine.body.items[0].title).toContain('你已通过');
  });
});

async function urgentDraft(extra: Record<string, unknown> = {}) {
  const res = await t.app.call('POST', `/api/committees/${a.id}/notices`, {
    token: mod.token,
    body: {
      title: '3号楼今晚停电检修',
      body: '今晚22点到24点3号楼停电检修，请提前做好准备。电梯暂停使用。',
      category: 'urgent',
      isPublic: true,
      audience: 'buildings',
      buildingIds: [b3.id],
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const urgentMessages = (userId: number, noticeId: number) =>
  t.app.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), eq(messages.key, `notice.urgent:${noticeId}`)));

describe('urgent notices and 定时发布', () => {
  it('a scheduled urgent notice goes out when the clock passes publishAt, once with two runners, and tells building 3 only', async () => {
    const [r3, r5, rOther] = [await member('b3'), await member('b5'), await member('other')];
    for (const u of [r3, r5, rOther]) await consent(u.token, ['urgent_notice']);
    const id = await urgentDraft();
    const at = new Date(clock().getTime() + 10 * 60_000);
    const scheduled = await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/publish`, {
      token: mod.token,
      body: { at: at.toISOString() },
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'draft', publishAt: at.toISOString() });

    clock.advance(9 * 60_000);
    await runJobs();
    const [still] = await t.app.database.db.select().from(notices).where(eq(notices.id, id));
    expect(still.status).toBe('draft');
    expect(await urgentMessages(r3.userId, id)).toHaveLength(0);
    expect(sendsTo(r3.openid)).toHaveLength(0);

    clock.advance(61_000);
    await Promise.all([runner().runDue(), runner().runDue()]);
    const [out] = await t.app.database.db.select().from(notices).where(eq(notices.id, id));
    expect(out).toMatchObject({ status: 'published', publishAt: null });
    expect(out.publishedAt?.toISOString()).toBe(at.toISOString());
    const audit = await auditRows(t.app, 'notice.publish_scheduled', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, community_id: a.id });

    const [m3] = await urgentMessages(r3.userId, id);
    expect(m3).toMatchObject({
      kind: 'notice.urgent',
      title: '紧急通知：3号楼今晚停电检修',
      link: noticePath(a.id, id),
    });
    expect(m3.body.startsWith('今晚22点到24点3号楼停电检修')).toBe(true);
    expect(await urgentMessages(r5.userId, id)).toHaveLength(0);
    expect(await urgentMessages(rOther.userId, id)).toHaveLength(0);
    expect(acceptedFor(r3.openid)).toHaveLength(1);
    expect(acceptedFor(r3.openid)[0].body).toMatchObject({
      template_id: 'TMPL_URGENT',
      page: noticePath(a.id, id).slice(1),
      data: { thing1: { value: '3号楼今晚停电检修' }, thing2: { value: '订阅甲社区' } },
    });
    expect(sendsTo(r5.openid)).toHaveLength(0);
    expect(sendsTo(rOther.openid)).toHaveLength(0);

    // Later rounds publish nothing again and tell nobody twice.
    clock.advance(60_000);
    await runJobs();
    expect(await publishDue(t.app.deps)).toBe(0);
    expect(await urgentMessages(r3.userId, id)).toHaveLength(1);
    expect(sendsTo(r3.openid)).toHaveLength(1);
  });

  it('publishDue run by two instances at once publishes each due draft once', async () => {
    const ids = [await urgentDraft({ category: 'notice' }), await urgentDraft({ category: 'notice' })];
    const at = new Date(clock().getTime() + 60_000);
    for (const id of ids) {
      const res = await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/publish`, {
        token: mod.token,
        body: { at: at.toISOString() },
      });
      expect(res.status).toBe(200);
    }
    clock.advance(60_000);
    const counts = await Promise.all([publishDue(t.app.deps), publishDue(t.app.deps)]);
    expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(await auditRows(t.app, 'notice.publish_scheduled', id)).toHaveLength(1);
    const rows = await t.app.database.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.key,
          ids.map((i) => `notice.published:${i}`),
        ),
      );
    // Not urgent: nobody is messaged.
    expect(rows).toHaveLength(0);
  });

  it('publishing an urgent notice now tells its audience once, even if the outbox row is delivered twice', async () => {
    const r3 = await member('b3');
    await consent(r3.token, ['urgent_notice']);
    await consent(r3.token, ['urgent_notice']);
    const id = await urgentDraft({ audience: 'all', buildingIds: [] });
    const res = await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/publish`, { token: mod.token });
    expect(res.status).toBe(200);
    await runJobs();
    expect(await urgentMessages(r3.userId, id)).toHaveLength(1);
    expect(acceptedFor(r3.openid)).toHaveLength(1);
    // The row delivered a second time (a redelivery after a lost "delivered" mark).
    await t.app.database.db
      .update(outbox)
      .set({ deliveredAt: null })
      .where(eq(outbox.key, `notice.published:${id}`));
    await runJobs();
    expect(await urgentMessages(r3.userId, id)).toHaveLength(1);
    expect(sendsTo(r3.openid)).toHaveLength(1);
    expect((await consentsOf(r3.userId))?.remaining).toBe(1);
    // The moderator was told too (an approved member; the audience is everyone).
    expect(await urgentMessages(mod.userId, id)).toHaveLength(1);
  });

  it('a large audience is told in batches of 200, each member once', async () => {
    const big = await createCommunity(t.app, '订阅大社区');
    const bigMod = await staff(t.app, { community: big });
    const made = await t.app.database.db
      .insert(users)
      .values(Array.from({ length: 2 * FANOUT_BATCH + 5 }, (_, i) => ({ openid: `oBig${seq}_${i}` })))
      .returning({ id: users.id });
    await t.app.database.db.insert(memberships).values(
      made.map((u, i) => ({
        communityId: big.id,
        userId: u.id,
        householdId: big.householdIds[i % big.householdIds.length],
        status: 'approved' as const,
      })),
    );
    const created = await t.app.call('POST', `/api/committees/${big.id}/notices`, {
      token: bigMod.token,
      body: { title: '全小区停水', body: '今晚停水。', category: 'urgent', isPublic: false, audience: 'all' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(
      (await t.app.call('POST', `/api/committees/${big.id}/notices/${id}/publish`, { token: bigMod.token })).status,
    ).toBe(200);
    await runJobs();
    const told = await t.app.database.db
      .select({ userId: messages.userId })
      .from(messages)
      .where(eq(messages.key, `notice.urgent:${id}`));
    // Every member once, and the moderator (an approved member of an audience of everyone).
    expect(told).toHaveLength(made.length + 1);
    expect(new Set(told.map((m) => m.userId)).size).toBe(made.length + 1);
    const steps = await t.app.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, URGENT_FANOUT_JOB), like(jobs.key, `${URGENT_FANOUT_JOB}:${id}:%`)));
    expect(steps.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('a withdrawn urgent notice whose fan-out had not run yet tells nobody', async () => {
    const r3 = await member('b3');
    const id = await urgentDraft();
    await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/publish`, { token: mod.token });
    const w = await t.app.call('POST', `/api/committees/${a.id}/notices/${id}/withdraw`, {
      token: mod.token,
      body: { reason: '发错了' },
    });
    expect(w.status).toBe(200);
    await runJobs();
    expect(await urgentMessages(r3.userId, id)).toHaveLength(0);
  });
});
