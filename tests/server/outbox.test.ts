import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client';
import { jobs, messages, outbox } from '../../server/db/schema';
import type { AppDeps } from '../../server/deps';
import { createJobRunner, platformJobs } from '../../server/platform/jobs';
import { deliverMessage } from '../../server/platform/messages';
import {
  appendOutbox,
  builtinOutboxKinds,
  defineOutboxKind,
  deliverOutbox,
  type MessagePayload,
  messagePayload,
  type OutboxKinds,
} from '../../server/platform/outbox';
import { useTestApp } from '../helpers/app';
import { openSecondHandle } from '../helpers/db';
import { type CommunityFixture, createCommunity, wechatUser } from '../helpers/fixtures';

const t = useTestApp();
let second: Database;
let community: CommunityFixture;
let seq = 0;

beforeAll(async () => {
  second = await openSecondHandle(t.app.database);
  community = await createCommunity(t.app, '邮箱社区');
});
afterAll(async () => {
  await second?.close();
});

const note = (userId: number, title = '您的申请已通过'): MessagePayload => ({
  userId,
  kind: 'membership.approved',
  title,
  body: '欢迎加入梧桐里社区。',
  link: '/pages/community/index?id=1',
});

/** The message kind, counting each call its receiver gets by key. */
function countingKinds(fail: (key: string, call: number) => boolean = () => false) {
  const calls = new Map<string, number>();
  const kinds: OutboxKinds = {
    message: defineOutboxKind({
      payload: messagePayload,
      async deliver(tx, payload, delivery, deps) {
        const n = (calls.get(delivery.key) ?? 0) + 1;
        calls.set(delivery.key, n);
        if (fail(delivery.key, n)) throw new Error(`收件人暂时不可用 (${n})`);
        await builtinOutboxKinds.message.deliver(tx, payload as never, delivery, deps);
      },
    }),
  };
  return { calls, kinds };
}

const runnerOn = (kinds: OutboxKinds, deps: AppDeps = t.app.deps) =>
  createJobRunner(deps, platformJobs(kinds), { workerId: `outbox-${seq++}`, concurrency: 2 });

const secondInstance = (): AppDeps => ({ ...t.app.deps, database: second });

const outboxRow = async (key: string) => (await t.app.database.db.select().from(outbox).where(eq(outbox.key, key)))[0];
const messagesWithKey = (key: string) => t.app.database.db.select().from(messages).where(eq(messages.key, key));

describe('appendOutbox', () => {
  it('an event appended in a transaction that rolls back leaves no row; a committed one comes with its delivery job', async () => {
    const user = await wechatUser(t.app);
    const key = `rollback:${seq++}`;
    await t.app.database.db
      .transaction(async (tx) => {
        await appendOutbox(tx, { kind: 'message', key, payload: note(user.userId) });
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await outboxRow(key)).toBeUndefined();

    const id = await t.app.database.db.transaction((tx) =>
      appendOutbox(tx, { kind: 'message', key, payload: note(user.userId), communityId: community.id }),
    );
    const [fastPath] = await t.app.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, 'outbox.deliver'), sql`${jobs.payload} @> ${JSON.stringify({ ids: [id] })}::jsonb`));
    expect(fastPath).toMatchObject({ status: 'queued', payload: { ids: [id] } });
  });

  it('a second event with the same key is ignored', async () => {
    const user = await wechatUser(t.app);
    const key = `same:${seq++}`;
    const first = await appendOutbox(t.app.database.db, { kind: 'message', key, payload: note(user.userId, '第一次') });
    const again = await appendOutbox(t.app.database.db, { kind: 'message', key, payload: note(user.userId, '第二次') });
    expect(first).toEqual(expect.any(Number));
    expect(again).toBeNull();
    expect((await outboxRow(key)).payload).toMatchObject({ title: '第一次' });
  });

  it('a malformed message (a link that is not a mini-program path) fails in the caller’s transaction', async () => {
    const user = await wechatUser(t.app);
    const key = `bad-link:${seq++}`;
    await expect(
      appendOutbox(t.app.database.db, {
        kind: 'message',
        key,
        payload: { ...note(user.userId), link: 'https://example.com/phish' },
      }),
    ).rejects.toThrow();
    expect(await outboxRow(key)).toBeUndefined();
  });
});

describe('delivery', () => {
  it('a message event becomes one in-app message with the event key, community and link, delivered once', async () => {
    const user = await wechatUser(t.app);
    const key = `membership.approved:${seq++}`;
    await t.app.database.db.transaction((tx) =>
      appendOutbox(tx, { kind: 'message', key, payload: note(user.userId), communityId: community.id }),
    );
    const { calls, kinds } = countingKinds();
    const runner = runnerOn(kinds);
    await runner.runDue();

    const delivered = await messagesWithKey(key);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      userId: user.userId,
      communityId: community.id,
      kind: 'membership.approved',
      title: '您的申请已通过',
      body: '欢迎加入梧桐里社区。',
      link: '/pages/community/index?id=1',
      readAt: null,
    });
    const row = await outboxRow(key);
    expect(row.deliveredAt).toEqual(t.app.clock());
    expect(row.attempts).toBe(1);

    // The next rounds (and the minute's sweep) leave it alone.
    t.app.clock.advance(60_000);
    await runner.runDue();
    expect(calls.get(key)).toBe(1);
    expect(await messagesWithKey(key)).toHaveLength(1);
  });

  it('the periodic sweep delivers a row whose fast-path job was lost', async () => {
    const user = await wechatUser(t.app);
    const key = `swept:${seq++}`;
    const id = await appendOutbox(t.app.database.db, { kind: 'message', key, payload: note(user.userId) });
    await t.app.database.db
      .delete(jobs)
      .where(and(eq(jobs.name, 'outbox.deliver'), sql`${jobs.payload} @> ${JSON.stringify({ ids: [id] })}::jsonb`));
    t.app.clock.advance(60_000);
    await runnerOn(countingKinds().kinds).runDue();
    expect(await messagesWithKey(key)).toHaveLength(1);
  });

  it('two runners racing deliver each of 30 events exactly once', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => wechatUser(t.app)));
    const prefix = `race:${seq++}:`;
    const keys = Array.from({ length: 30 }, (_, n) => `${prefix}${n}`);
    for (const [n, key] of keys.entries()) {
      await appendOutbox(t.app.database.db, { kind: 'message', key, payload: note(users[n % 3].userId, `通知${n}`) });
    }
    const { calls, kinds } = countingKinds();
    const a = runnerOn(kinds);
    const b = runnerOn(kinds, secondInstance());
    t.app.clock.advance(60_000);
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);

    for (const key of keys) expect(calls.get(key), key).toBe(1);
    const rows = await t.app.database.db
      .select()
      .from(outbox)
      .where(like(outbox.key, `${prefix}%`));
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.deliveredAt !== null && r.attempts === 1)).toBe(true);
    const delivered = await t.app.database.db
      .select()
      .from(messages)
      .where(like(messages.key, `${prefix}%`));
    expect(delivered).toHaveLength(30);
  });

  it('two sweeps racing on separate connections deliver each of 30 events exactly once', async () => {
    const user = await wechatUser(t.app);
    const prefix = `sweep-race:${seq++}:`;
    const keys = Array.from({ length: 30 }, (_, n) => `${prefix}${n}`);
    for (const key of keys) await appendOutbox(t.app.database.db, { kind: 'message', key, payload: note(user.userId) });
    const { calls, kinds } = countingKinds();
    const [a, b] = await Promise.all([
      deliverOutbox(t.app.deps, { kinds, batch: 4 }),
      deliverOutbox(secondInstance(), { kinds, batch: 4 }),
    ]);
    for (const key of keys) expect(calls.get(key), key).toBe(1);
    expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(30);
    expect(a.failed + b.failed).toBe(0);
  });

  it('a failing receiver is retried after 30 s without holding up the rows beside it, and delivered then', async () => {
    const user = await wechatUser(t.app);
    const bad = `flaky:${seq++}`;
    const good = `steady:${seq++}`;
    await appendOutbox(t.app.database.db, { kind: 'message', key: bad, payload: note(user.userId) });
    await appendOutbox(t.app.database.db, { kind: 'message', key: good, payload: note(user.userId) });
    const { calls, kinds } = countingKinds((key, n) => key === bad && n === 1);
    const runner = runnerOn(kinds);
    await runner.runDue();

    expect(await messagesWithKey(good)).toHaveLength(1);
    expect(await messagesWithKey(bad)).toHaveLength(0);
    let row = await outboxRow(bad);
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null, failedAt: null });
    expect(row.lastError).toContain('收件人暂时不可用 (1)');
    expect(row.nextAttemptAt?.getTime()).toBe(t.app.clock().getTime() + 30_000);

    t.app.clock.advance(29_000);
    await runner.runDue();
    expect(calls.get(bad)).toBe(1);
    t.app.clock.advance(31_000);
    await runner.runDue();
    expect(calls.get(bad)).toBe(2);
    row = await outboxRow(bad);
    expect(row.attempts).toBe(2);
    expect(row.deliveredAt).toEqual(t.app.clock());
    expect(await messagesWithKey(bad)).toHaveLength(1);
  });

  it('a database error in one receiver rolls back only that row, which is given up after 8 attempts', async () => {
    const user = await wechatUser(t.app);
    const doomed = `doomed:${seq++}`;
    const fine = `fine:${seq++}`;
    // No such user: the insert into messages breaks its foreign key inside the delivery transaction.
    await appendOutbox(t.app.database.db, { kind: 'message', key: doomed, payload: note(2_147_483_000) });
    await appendOutbox(t.app.database.db, { kind: 'message', key: fine, payload: note(user.userId) });
    const runner = runnerOn(builtinOutboxKinds);
    await runner.runDue();
    expect(await messagesWithKey(fine)).toHaveLength(1);
    expect((await outboxRow(fine)).deliveredAt).not.toBeNull();

    for (let attempt = 2; attempt <= 8; attempt++) {
      t.app.clock.advance(3_600_000);
      await runner.runDue();
    }
    const row = await outboxRow(doomed);
    expect(row).toMatchObject({ attempts: 8, deliveredAt: null });
    expect(row.failedAt).toEqual(t.app.clock());
    t.app.clock.advance(3_600_000);
    await runner.runDue();
    expect((await outboxRow(doomed)).attempts).toBe(8);
  });
});

describe('deliverMessage', () => {
  it('the same key twice for one user makes one message; the same key for another user makes theirs', async () => {
    const [u1, u2] = await Promise.all([wechatUser(t.app), wechatUser(t.app)]);
    const key = `direct:${seq++}`;
    const message = { kind: 'notice.published', title: '停水通知', body: '明天上午停水。', key };
    const first = await deliverMessage(t.app.database.db, { ...message, userId: u1.userId });
    const repeat = await deliverMessage(t.app.database.db, { ...message, userId: u1.userId, title: '又一次' });
    const other = await deliverMessage(t.app.database.db, { ...message, userId: u2.userId });
    expect(first).toEqual(expect.any(Number));
    expect(repeat).toBeNull();
    expect(other).toEqual(expect.any(Number));
    const rows = await messagesWithKey(key);
    expect(rows.map((r) => [r.userId, r.title]).sort()).toEqual(
      [
        [u1.userId, '停水通知'],
        [u2.userId, '停水通知'],
      ].sort(),
    );
  });

  it('20 concurrent deliveries of one key to one user make one message', async () => {
    const user = await wechatUser(t.app);
    const key = `concurrent:${seq++}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        t.app.database.db.transaction((tx) =>
          deliverMessage(tx, { userId: user.userId, kind: 'test', title: `第${n}次`, body: '', key }),
        ),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await messagesWithKey(key)).toHaveLength(1);
  });
});
