/**
 * 议事厅 topics on the server: proposing (screening, limits, photos), co-signing (own
 * household, twice, 20 at once reaching the threshold exactly once), the lapse and close
 * jobs, the committee's review (accept, decline, merge with co-signers carried, two
 * moderators at once), committee topics and 住户守则, stage moves along the table, the
 * discussion with official answers, meetings and updates with photos and their messages,
 * ratings, settings, and who may see what.
 */

import { and, eq, like } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ballots,
  boardMutes,
  houseRules,
  messages,
  topicEvents,
  topics,
  voteElectors,
  votes,
} from '../../server/db/schema';
import { runTopicDeadlines } from '../../server/features/topics/jobs';
import { topicCommentView, topicDetail, topicListItem } from '../../shared/contracts/topics';
import { useTestApp } from '../helpers/app';
import { boardMember, handler } from '../helpers/board';
import { auditRows, type CommunityFixture, createCommunity, staff } from '../helpers/fixtures';
import { addHouseholds, insertTopic, topicRow } from '../helpers/topics';

const t = useTestApp();
const DAY = 86_400_000;
let a: CommunityFixture;
let b: CommunityFixture;
type Member = Awaited<ReturnType<typeof boardMember>>;
let zhang: Member;
let li: Member;
let wang: Member;
let zhao: Member;
let mod: { token: string; userId: number };
let mod2: { token: string; userId: number };
let seq = 0;

const api = (path: string, c = a) => `/api/committees/${c.id}${path}`;
const uniq = (s: string) => `${s}（第${seq++}条）`;

/**
 * Community A's residents propose more than 3 topics a day across these tests: earlier
 * topics of A are moved out of the rolling day first (the limit has its own test).
 */
async function propose(token: string, body: Record<string, unknown> = {}, c = a) {
  if (c === a)
    await t.app.database
      .sql`update topics set created_at = created_at - interval '2 days' where community_id = ${a.id}`;
  return t.app.call('POST', api('/topics', c), {
    token,
    body: { title: '增设电动车充电桩', body: uniq('小区里电动车越来越多，希望在车棚装充电桩'), ...body },
  });
}
const cosign = (token: string, id: number, c = a) => t.app.call('POST', api(`/topics/${id}/cosign`, c), { token });
const review = (token: string, id: number, body: Record<string, unknown>) =>
  t.app.call('POST', api(`/agora/topics/${id}/review`), { token, body });
const move = (token: string, id: number, to: string, note?: string) =>
  t.app.call('POST', api(`/agora/topics/${id}/stage`), { token, body: { to, ...(note ? { note } : {}) } });

async function messagesTo(userId: number, keyLike: string) {
  return t.app.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), like(messages.key, keyLike)));
}

const jpeg = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#c84' } })
    .jpeg()
    .toBuffer();
async function photo(token: string, path: string) {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(await jpeg())], { type: 'image/jpeg' }), 'a.jpg');
  const res = await t.app.call('POST', path, { token, form: f });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

beforeAll(async () => {
  a = await createCommunity(t.app, '议事甲社区');
  b = await createCommunity(t.app, '议事乙社区');
  zhang = await boardMember(t.app, a, 0, { nickname: '张阿姨' });
  li = await boardMember(t.app, a, 1, { nickname: '李叔' });
  wang = await boardMember(t.app, a, 2, { nickname: '王伯' });
  zhao = await boardMember(t.app, a, 3, { nickname: '赵姐' });
  mod = await staff(t.app, { community: a });
  mod2 = await staff(t.app, { community: a });
}, 60_000);

describe('proposing', () => {
  it('creates a topic collecting co-signers, one fifth of the households needed, with its first timeline line', async () => {
    const res = await propose(zhang.token, { place: '3号楼车棚', authorShown: 'building' });
    expect(res.status).toBe(201);
    expect(topicDetail.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      kind: 'proposal',
      stage: 'collecting',
      authorLabel: '1号楼的邻居',
      byCommittee: false,
      mine: true,
      state: 'visible',
      cosignNeeded: 2, // ceil(6 / 5)
      cosignCount: 0,
      canCosign: false,
      place: '3号楼车棚',
    });
    expect(new Date(res.body.cosignUntil).getTime() - t.app.clock().getTime()).toBe(30 * DAY);
    expect(res.body.timeline).toEqual([
      expect.objectContaining({ kind: 'stage', fromStage: null, toStage: 'collecting', actorLabel: '提议人' }),
    ]);
    expect(await auditRows(t.app, 'topic.propose', res.body.id)).toHaveLength(1);
    const seen = await t.app.call('GET', api(`/topics/${res.body.id}`), { token: li.token });
    expect(seen.body).toMatchObject({ mine: false, canCosign: true, canComment: true, canRate: false });
    const list = await t.app.call('GET', api('/topics?filter=collecting'), { token: li.token });
    const item = list.body.items.find((x: { id: number }) => x.id === res.body.id);
    expect(topicListItem.safeParse(item).success).toBe(true);
  });

  it('refuses screened words, naming them', async () => {
    const add = await t.app.call('POST', api('/screening-words'), { token: mod.token, body: { words: '议事禁词' } });
    expect(add.status).toBe(201);
    const res = await propose(li.token, { body: '我们应该讨论一下议事禁词这个问题' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONTENT_REJECTED');
    expect(res.body.error.message).toContain('议事禁词');
    const inTitle = await propose(li.token, { title: '关于议事禁词' });
    expect(inTitle.body.error.code).toBe('CONTENT_REJECTED');
  });

  it('shows a held topic only to its author (and staff); neighbours get 404 and cannot co-sign', async () => {
    const res = await propose(wang.token);
    await t.app.database.sql`update topics set state = 'held', held_reason = 'wechat_review' where id = ${res.body.id}`;
    const mine = await t.app.call('GET', api(`/topics/${res.body.id}`), { token: wang.token });
    expect(mine.body).toMatchObject({ state: 'held', heldReason: 'wechat_review', canCosign: false });
    expect((await t.app.call('GET', api(`/topics/${res.body.id}`), { token: li.token })).status).toBe(404);
    expect((await cosign(li.token, res.body.id)).status).toBe(404);
    const list = await t.app.call('GET', api('/topics'), { token: li.token });
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(res.body.id);
    expect((await t.app.call('GET', api(`/topics/${res.body.id}`), { token: mod.token })).status).toBe(200);
  });

  it('limits a household to 3 proposals a day and refuses the same text twice', async () => {
    const c = await createCommunity(t.app, '议事限流社区');
    const m = await boardMember(t.app, c, 0);
    const again = await boardMember(t.app, c, 0, { nickname: '同户的人' });
    const same = '楼下的垃圾桶太少了，希望多放几个';
    expect((await propose(m.token, { body: same }, c)).status).toBe(201);
    const dup = await propose(m.token, { body: ` ${same}！` }, c);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_CONTENT');
    expect((await propose(m.token, {}, c)).status).toBe(201);
    expect((await propose(again.token, {}, c)).status).toBe(201);
    const fourth = await propose(again.token, {}, c);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('RATE_LIMITED');
    const start = t.app.clock();
    t.app.clock.advance(DAY + 1000);
    try {
      expect((await propose(m.token, { body: same }, c)).status).toBe(201);
    } finally {
      t.app.clock.set(start);
    }
  });

  it('refuses a muted member and staff', async () => {
    const c = await createCommunity(t.app, '议事禁言社区');
    const m = await boardMember(t.app, c, 0);
    const s = await staff(t.app, { community: c });
    await t.app.database.db.insert(boardMutes).values({
      communityId: c.id,
      userId: m.userId,
      until: new Date(t.app.clock().getTime() + DAY),
      reason: '测试',
      createdBy: s.userId,
    } as typeof boardMutes.$inferInsert);
    const res = await propose(m.token, {}, c);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BOARD_MUTED');
    expect((await propose(s.token, {}, c)).status).toBe(403);
  });

  it('attaches the author’s own photos in order; someone else’s are refused', async () => {
    const p1 = await photo(zhang.token, api('/photos'));
    const p2 = await photo(zhang.token, api('/photos'));
    const theirs = await photo(li.token, api('/photos'));
    expect((await propose(zhang.token, { uploadIds: [theirs] })).status).toBe(400);
    const res = await propose(zhang.token, { uploadIds: [p2, p1] });
    expect(res.status).toBe(201);
    expect(res.body.images.map((u: { id: number }) => u.id)).toEqual([p2, p1]);
  });
});

describe('co-signing', () => {
  it('refuses the proposer’s household and a second co-sign; at the threshold goes to review, moderators told', async () => {
    const p = (await propose(zhang.token)).body;
    const own = await cosign(zhang.token, p.id);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('您家');
    const first = await cosign(li.token, p.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ cosignCount: 1, cosignedByMyHousehold: true, canCosign: false });
    const twice = await cosign(li.token, p.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_COSIGNED');
    const second = await cosign(wang.token, p.id);
    expect(second.body).toMatchObject({ cosignCount: 2, stage: 'reviewing' });
    expect(second.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['stage', 'cosign_reached', 'stage']);
    expect(second.body.timeline[2]).toMatchObject({
      fromStage: 'collecting',
      toStage: 'reviewing',
      actorLabel: '系统',
    });
    expect(await messagesTo(mod.userId, `topic.review.${p.id}`)).toHaveLength(1);
    expect(await messagesTo(mod2.userId, `topic.review.${p.id}`)).toHaveLength(1);
    const late = await cosign(zhao.token, p.id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect(await auditRows(t.app, 'topic.cosign', p.id)).toHaveLength(2);
  });

  it('20 concurrent co-signers reach the threshold once: one event, one message per moderator', async () => {
    const c = await createCommunity(t.app, '议事并发社区');
    await addHouseholds(t.app, c, 20);
    const s1 = await staff(t.app, { community: c });
    const s2 = await staff(t.app, { community: c });
    const set = await t.app.call('PUT', api('/agora/settings', c), {
      token: s1.token,
      body: { cosignThreshold: 18, cosignDays: 30, ratingDays: 30, silentMajority: false },
    });
    expect(set.status).toBe(200);
    const author = await boardMember(t.app, c, 0);
    const p = (await propose(author.token, {}, c)).body;
    expect(p.cosignNeeded).toBe(18);
    const signers = await Promise.all(Array.from({ length: 20 }, (_, i) => boardMember(t.app, c, i + 1)));
    const replies = await Promise.all(signers.map((s) => cosign(s.token, p.id, c)));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(18);
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'INVALID_STATE')).toHaveLength(2);
    const row = await topicRow(t.app, p.id);
    expect(row).toMatchObject({ stage: 'reviewing', cosignCount: 18 });
    const events = await t.app.database.db.select().from(topicEvents).where(eq(topicEvents.topicId, p.id));
    expect(events.filter((e) => e.kind === 'cosign_reached')).toHaveLength(1);
    expect(events.filter((e) => e.toStage === 'reviewing')).toHaveLength(1);
    expect(await messagesTo(s1.userId, `topic.review.${p.id}`)).toHaveLength(1);
    expect(await messagesTo(s2.userId, `topic.review.${p.id}`)).toHaveLength(1);
  }, 60_000);
});

describe('deadlines', () => {
  it('lapses a topic still collecting after its days, tells the author, and closes ratings at their end', async () => {
    const c = await createCommunity(t.app, '议事期限社区');
    const m = await boardMember(t.app, c, 0);
    const s = await staff(t.app, { community: c });
    const p = (await propose(m.token, {}, c)).body;
    const start = t.app.clock();
    try {
      await deadlines(c, m, s, p.id);
    } finally {
      t.app.clock.set(start);
    }
  });
});

async function deadlines(c: CommunityFixture, m: Member, s: { token: string; userId: number }, topicId: number) {
  {
    const p = { id: topicId };
    const early = await runTopicDeadlines(t.app.deps);
    expect((await topicRow(t.app, p.id)).stage).toBe('collecting');
    expect(early.lapsed).toBe(0);
    t.app.clock.advance(30 * DAY + 1000);
    await runTopicDeadlines(t.app.deps);
    const row = await topicRow(t.app, p.id);
    expect(row.stage).toBe('lapsed');
    expect(await messagesTo(m.userId, `topic.lapse.${p.id}`)).toHaveLength(1);
    // Twice is harmless.
    expect((await runTopicDeadlines(t.app.deps)).lapsed).toBe(0);

    const r = await insertTopic(t.app, { communityId: c.id, stage: 'implementing', authorId: s.userId });
    // The moderator signs in again after the jump in time.
    t.app.clock.set(new Date(t.app.clock().getTime() - 30 * DAY - 1000));
    const rating = await t.app.call('POST', api(`/agora/topics/${r.id}/stage`, c), {
      token: s.token,
      body: { to: 'rating' },
    });
    expect(rating.status).toBe(200);
    expect(new Date(rating.body.ratingUntil).getTime() - t.app.clock().getTime()).toBe(30 * DAY);
    t.app.clock.advance(30 * DAY + 1000);
    await runTopicDeadlines(t.app.deps);
    expect((await topicRow(t.app, r.id)).stage).toBe('closed');
  }
}

describe('review', () => {
  it('accepts with a plan and tells the author and co-signers', async () => {
    const p = (await propose(zhang.token)).body;
    await cosign(li.token, p.id);
    const res = await review(mod.token, p.id, { decision: 'accept', note: '下月请物业报价' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'discussing', plan: '下月请物业报价' });
    expect(await messagesTo(zhang.userId, `topic.review.${p.id}.accept`)).toHaveLength(1);
    expect(await messagesTo(li.userId, `topic.review.${p.id}.accept`)).toHaveLength(1);
    expect(await auditRows(t.app, 'topic.accept', p.id)).toHaveLength(1);
    const again = await review(mod.token, p.id, { decision: 'decline', note: '重复审核' });
    expect(again.status).toBe(409);
  });

  it('declines with a public reason', async () => {
    const p = (await propose(li.token)).body;
    const res = await review(mod.token, p.id, { decision: 'decline', note: '这件事不归居委会管' });
    expect(res.body).toMatchObject({ stage: 'declined', decision: '这件事不归居委会管' });
    const seen = await t.app.call('GET', api(`/topics/${p.id}`), { token: wang.token });
    expect(seen.body.decision).toBe('这件事不归居委会管');
    expect(await messagesTo(li.userId, `topic.review.${p.id}.decline`)).toHaveLength(1);
  });

  it('merges into a similar topic, carrying the co-signers over once, with a line on the target', async () => {
    const target = (await propose(zhang.token)).body;
    await cosign(li.token, target.id);
    const other = (await propose(wang.token)).body;
    await cosign(li.token, other.id);
    expect((await review(mod.token, other.id, { decision: 'merge', note: '合并', mergeIntoId: other.id })).status).toBe(
      409,
    );
    const res = await review(mod.token, other.id, {
      decision: 'merge',
      note: '和充电桩议题一样',
      mergeIntoId: target.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'merged', mergedInto: { id: target.id }, decision: '和充电桩议题一样' });
    const after = await t.app.call('GET', api(`/topics/${target.id}`), { token: zhao.token });
    // li (already there) counted once; wang's household (the merged topic's author) added.
    expect(after.body.cosignCount).toBe(2);
    expect(after.body.stage).toBe('reviewing');
    expect(after.body.mergedFrom).toEqual([{ id: other.id, title: other.title }]);
    expect(after.body.timeline.map((e: { kind: string }) => e.kind)).toContain('merged_in');
    const final = await review(mod.token, (await propose(zhao.token)).body.id, {
      decision: 'merge',
      note: '合并',
      mergeIntoId: other.id,
    });
    expect(final.status).toBe(409);
  });

  it('lets one of two moderators win when both review at once', async () => {
    const p = (await propose(zhao.token)).body;
    const [x, y] = await Promise.all([
      review(mod.token, p.id, { decision: 'accept', note: '采纳这个议题' }),
      review(mod2.token, p.id, { decision: 'decline', note: '不采纳这个议题' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const events = await t.app.database.db.select().from(topicEvents).where(eq(topicEvents.topicId, p.id));
    expect(events).toHaveLength(2);
  });
});

describe('committee topics and stage moves', () => {
  it('puts a 住户守则 draft straight into discussion; edits while discussing, not once voting', async () => {
    const long = '第一条 '.repeat(1000);
    const tooLongProposal = await t.app.call('POST', api('/agora/topics'), {
      token: mod.token,
      body: { title: '一个普通议题', body: long },
    });
    expect(tooLongProposal.status).toBe(400);
    const res = await t.app.call('POST', api('/agora/topics'), {
      token: mod.token,
      body: { kind: 'house_rules', title: '住户守则（草案）', body: long },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'house_rules',
      byCommittee: true,
      authorLabel: '居委会',
      stage: 'discussing',
      cosignNeeded: 0,
    });
    const edit = await t.app.call('PATCH', api(`/agora/topics/${res.body.id}`), {
      token: mod.token,
      body: { title: '住户守则（第二稿）' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.title).toBe('住户守则（第二稿）');
    const rows = await auditRows(t.app, 'topic.edit', res.body.id);
    expect(rows[0]).toMatchObject({ before: expect.objectContaining({ title: '住户守则（草案）' }) });
    const rules = await t.app.call('GET', api('/house-rules'));
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({ current: null, pendingTopicId: res.body.id });
    await t.app.database.sql`update topics set stage = 'voting' where id = ${res.body.id}`;
    const late = await t.app.call('PATCH', api(`/agora/topics/${res.body.id}`), {
      token: mod.token,
      body: { title: '住户守则（第三稿）' },
    });
    expect(late.status).toBe(409);
    expect(
      resident403(
        await t.app.call('POST', api('/agora/topics'), {
          token: li.token,
          body: { title: '标题', body: '内容内容内容内容内容' },
        }),
      ),
    );
  });

  it('moves along the table only; invalid moves are 409; participants told', async () => {
    const p = (await propose(wang.token)).body;
    await cosign(zhao.token, p.id);
    expect((await move(mod.token, p.id, 'implementing')).status).toBe(409);
    await review(mod.token, p.id, { decision: 'accept', note: '采纳，直接实施' });
    expect((await move(mod.token, p.id, 'voting')).status).toBe(409);
    expect((await move(mod.token, p.id, 'closed')).status).toBe(409);
    const impl = await move(mod.token, p.id, 'implementing', '不需要投票，直接实施');
    expect(impl.status).toBe(200);
    expect(impl.body.stage).toBe('implementing');
    expect((await messagesTo(zhao.userId, `topic.stage.${p.id}.implementing.%`)).length).toBe(1);
    expect((await move(mod.token, p.id, 'rating')).body.stage).toBe('rating');
    expect((await move(mod.token, p.id, 'closed')).body.stage).toBe('closed');
    expect((await move(mod.token, p.id, 'rating')).status).toBe(409);
  });

  it('reads the house rules in force, with history (public)', async () => {
    const c = await createCommunity(t.app, '守则社区');
    const s = await staff(t.app, { community: c });
    const tp = await insertTopic(t.app, {
      communityId: c.id,
      kind: 'house_rules',
      stage: 'closed',
      authorId: s.userId,
    });
    const [v] = await t.app.database.db
      .insert(votes)
      .values({
        communityId: c.id,
        topicId: tp.id,
        title: '守则表决',
        kind: 'motion',
        rule: 'residents_meeting',
        closesAt: t.app.clock(),
        status: 'closed',
        result: { outcome: 'passed' },
      })
      .returning();
    await t.app.database.db.update(topics).set({ voteId: v.id }).where(eq(topics.id, tp.id));
    for (const version of [1, 2])
      await t.app.database.db.insert(houseRules).values({
        communityId: c.id,
        version,
        title: `守则第${version}版`,
        body: '第一条 爱护公共环境',
        topicId: tp.id,
        voteId: v.id,
        adoptedAt: t.app.clock(),
        figures: { rule: 'residents_meeting', electors: { count: 6 }, participated: { count: 5 }, approved: 4 },
      });
    const res = await t.app.call('GET', api('/house-rules', c));
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({
      version: 2,
      title: '守则第2版',
      figures: { electors: 6, participated: 5, approved: 4 },
    });
    expect(res.body.history.map((h: { version: number }) => h.version)).toEqual([1]);
    expect((await t.app.call('GET', '/api/committees/999999/house-rules')).status).toBe(404);
    const detail = await t.app.call('GET', api(`/topics/${tp.id}`, c), { token: s.token });
    expect(detail.body.vote).toMatchObject({ id: v.id, status: 'closed', outcome: 'passed' });
  });
});

function resident403(r: { status: number }) {
  return r.status === 403;
}

describe('discussion', () => {
  it('lists remarks and questions oldest first, official remarks on top, answers in their question', async () => {
    const p = (
      await t.app.call('POST', api('/agora/topics'), {
        token: mod.token,
        body: { title: '楼道照明改造', body: '准备更换全部楼道灯为感应灯' },
      })
    ).body;
    const c1 = await t.app.call('POST', api(`/topics/${p.id}/comments`), {
      token: li.token,
      body: { body: '支持，早就该换了' },
    });
    expect(c1.status).toBe(201);
    expect(topicCommentView.safeParse(c1.body).success).toBe(true);
    const q = await t.app.call('POST', api(`/topics/${p.id}/comments`), {
      token: wang.token,
      body: { body: '费用谁出？', kind: 'question' },
    });
    expect(q.body.kind).toBe('question');
    const remark = await t.app.call('POST', api(`/agora/topics/${p.id}/answers`), {
      token: mod.token,
      body: { body: '本周五晚上开议事会' },
    });
    expect(remark.status).toBe(201);
    const answer = await t.app.call('POST', api(`/agora/topics/${p.id}/answers`), {
      token: mod.token,
      body: { body: '维修基金出', answersId: q.body.id },
    });
    expect(answer.status).toBe(201);
    expect(await messagesTo(wang.userId, `topic.answer.${answer.body.id}`)).toHaveLength(1);
    const notQuestion = await t.app.call('POST', api(`/agora/topics/${p.id}/answers`), {
      token: mod.token,
      body: { body: '答复', answersId: c1.body.id },
    });
    expect(notQuestion.status).toBe(409);
    const list = await t.app.call('GET', api(`/topics/${p.id}/comments`), { token: zhao.token });
    expect(list.status).toBe(200);
    expect(list.body.official.map((x: { body: string }) => x.body)).toEqual(['本周五晚上开议事会']);
    expect(list.body.official[0]).toMatchObject({ isOfficial: true, authorLabel: '居委会' });
    expect(list.body.items.map((x: { body: string }) => x.body)).toEqual(['支持，早就该换了', '费用谁出？']);
    expect(list.body.items[1].answers).toEqual([
      expect.objectContaining({ body: '维修基金出', authorLabel: '居委会' }),
    ]);
    const qs = await t.app.call('GET', api(`/topics/${p.id}/comments?questions=true`), { token: zhao.token });
    expect(qs.body.items.map((x: { id: number }) => x.id)).toEqual([q.body.id]);
    const paged = await t.app.call('GET', api(`/topics/${p.id}/comments?limit=1`), { token: zhao.token });
    expect(paged.body.nextAfter).toBe(c1.body.id);
    const next = await t.app.call('GET', api(`/topics/${p.id}/comments?limit=1&after=${paged.body.nextAfter}`), {
      token: zhao.token,
    });
    expect(next.body.items[0].id).toBe(q.body.id);
    expect(next.body.official).toEqual([]);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(4);
    // Deleting: someone else's is 403, one's own goes and leaves the count.
    expect(
      (await t.app.call('DELETE', api(`/topics/${p.id}/comments/${c1.body.id}`), { token: wang.token })).status,
    ).toBe(403);
    expect(
      (await t.app.call('DELETE', api(`/topics/${p.id}/comments/${c1.body.id}`), { token: li.token })).status,
    ).toBe(204);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(3);
    // A finished topic takes no more remarks.
    await t.app.database.sql`update topics set stage = 'closed' where id = ${p.id}`;
    const closed = await t.app.call('POST', api(`/topics/${p.id}/comments`), {
      token: li.token,
      body: { body: '还有话说' },
    });
    expect(closed.status).toBe(409);
  });
});

describe('meetings, updates and ratings', () => {
  it('records a meeting and an update with staff photos; an update tells each taking-part household once', async () => {
    const p = (await propose(zhang.token)).body;
    await cosign(li.token, p.id);
    // A household that voted (a resident of it) and one that did not.
    const [v] = await t.app.database.db
      .insert(votes)
      .values({
        communityId: a.id,
        topicId: p.id,
        title: '充电桩表决',
        kind: 'motion',
        rule: 'simple',
        closesAt: t.app.clock(),
      })
      .returning();
    const [el] = await t.app.database.db
      .insert(voteElectors)
      .values({ voteId: v.id, householdId: a.householdIds[2], headKey: 'h2' })
      .returning();
    await t.app.database.db.insert(ballots).values({ voteId: v.id, electorId: el.id, optionIds: [], channel: 'self' });
    const early = await t.app.call('POST', api(`/agora/topics/${p.id}/meetings`), {
      token: mod.token,
      body: { heldOn: '2026-12-01', attendees: '居民代表12人', minutes: '大家讨论了充电桩的位置和费用' },
    });
    expect(early.status).toBe(409);
    await review(mod.token, p.id, { decision: 'accept', note: '采纳，先开议事会' });
    const m1 = await photo(mod.token, api('/uploads'));
    const meeting = await t.app.call('POST', api(`/agora/topics/${p.id}/meetings`), {
      token: mod.token,
      body: {
        heldOn: '2026-12-01',
        attendees: '居民代表12人',
        attendeeCount: 12,
        minutes: '大家讨论了充电桩的位置和费用',
        uploadIds: [m1],
      },
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.images.map((u: { id: number }) => u.id)).toEqual([m1]);
    const tooSoon = await t.app.call('POST', api(`/agora/topics/${p.id}/updates`), {
      token: mod.token,
      body: { body: '已经开始施工', happenedOn: '2026-12-02' },
    });
    expect(tooSoon.status).toBe(409);
    await move(mod.token, p.id, 'implementing');
    const u1 = await photo(mod.token, api('/uploads'));
    const update = await t.app.call('POST', api(`/agora/topics/${p.id}/updates`), {
      token: mod.token,
      body: { body: '充电桩已经装好三个', happenedOn: '2026-12-02', uploadIds: [u1] },
    });
    expect(update.status).toBe(201);
    const key = `topic.update.${update.body.id}`;
    expect(await messagesTo(zhang.userId, key)).toHaveLength(1);
    expect(await messagesTo(li.userId, key)).toHaveLength(1);
    expect(await messagesTo(wang.userId, key)).toHaveLength(1);
    expect(await messagesTo(zhao.userId, key)).toHaveLength(0);
    const detail = await t.app.call('GET', api(`/topics/${p.id}`), { token: zhao.token });
    expect(detail.body.meetings[0]).toMatchObject({ attendeeCount: 12, images: [expect.objectContaining({ id: m1 })] });
    expect(detail.body.updates[0]).toMatchObject({
      body: '充电桩已经装好三个',
      images: [expect.objectContaining({ id: u1 })],
    });
    expect(detail.body.images).toEqual([]);
    expect(detail.body.pastVotes).toHaveLength(1);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['meeting', 'update']),
    );
  });

  it('rates once per household, only in 成效评价, with the average and distribution', async () => {
    const p = await insertTopic(t.app, { communityId: a.id, stage: 'implementing', authorId: mod.userId });
    const early = await t.app.call('POST', api(`/topics/${p.id}/ratings`), { token: li.token, body: { score: 5 } });
    expect(early.status).toBe(409);
    await move(mod.token, p.id, 'rating');
    const r1 = await t.app.call('POST', api(`/topics/${p.id}/ratings`), {
      token: li.token,
      body: { score: 5, comment: '很好' },
    });
    expect(r1.status).toBe(201);
    const twice = await t.app.call('POST', api(`/topics/${p.id}/ratings`), { token: li.token, body: { score: 1 } });
    expect(twice.body.error.code).toBe('ALREADY_RATED');
    await t.app.call('POST', api(`/topics/${p.id}/ratings`), { token: wang.token, body: { score: 4 } });
    await t.app.call('POST', api(`/topics/${p.id}/ratings`), { token: zhao.token, body: { score: 4 } });
    const list = await t.app.call('GET', api(`/topics/${p.id}/ratings`), { token: zhang.token });
    expect(list.body).toMatchObject({ average: 4.3, count: 3, distribution: [0, 0, 0, 2, 1] });
    const detail = await t.app.call('GET', api(`/topics/${p.id}`), { token: li.token });
    expect(detail.body).toMatchObject({ myRating: 5, canRate: false, ratingAverage: 4.3 });
    expect((await t.app.call('GET', api(`/topics/${p.id}`), { token: zhang.token })).body.canRate).toBe(true);
  });
});

describe('settings and the staff list', () => {
  it('reads and saves the rules (audited), the silent-majority rule needs its clause', async () => {
    const c = await createCommunity(t.app, '议事规则社区');
    const s = await staff(t.app, { community: c });
    const got = await t.app.call('GET', api('/agora/settings', c), { token: s.token });
    expect(got.body).toMatchObject({ cosignThreshold: null, cosignNeededNow: 2, households: 6, cosignDays: 30 });
    const bad = await t.app.call('PUT', api('/agora/settings', c), {
      token: s.token,
      body: { cosignThreshold: null, cosignDays: 10, ratingDays: 10, silentMajority: true },
    });
    expect(bad.status).toBe(400);
    const ok = await t.app.call('PUT', api('/agora/settings', c), {
      token: s.token,
      body: {
        cosignThreshold: 4,
        cosignDays: 10,
        ratingDays: 7,
        silentMajority: true,
        silentMajorityBasis: '议事规则第十二条',
      },
    });
    expect(ok.body).toMatchObject({ cosignThreshold: 4, cosignNeededNow: 4, cosignDays: 10, ratingDays: 7 });
    expect(await auditRows(t.app, 'agora.settings', c.id)).toHaveLength(1);
  });

  it('lists every topic for staff with counts per stage and the next step', async () => {
    const res = await t.app.call('GET', api('/agora/topics'), { token: mod.token });
    expect(res.status).toBe(200);
    const total = Object.values(res.body.counts as Record<string, number>).reduce((x, y) => x + y, 0);
    const [{ n }] = await t.app.database.sql`select count(*)::int as n from topics where community_id = ${a.id}`;
    expect(total).toBe(n);
    const reviewing = await t.app.call('GET', api('/agora/topics?stage=reviewing'), { token: mod.token });
    for (const item of reviewing.body.items) expect(item).toMatchObject({ stage: 'reviewing', nextStep: '等待审核' });
  });
});

describe('who may do what', () => {
  it('answers 404 to another community’s resident and moderator on every route, 403 to a handler and residents on staff routes', async () => {
    const p = (await propose(zhao.token)).body;
    const bRes = await boardMember(t.app, b, 0);
    const bMod = await staff(t.app, { community: b });
    const h = await handler(t.app, a);
    const userRoutes: [string, string, unknown?][] = [
      ['GET', `/topics/${p.id}`],
      ['POST', `/topics/${p.id}/cosign`],
      ['GET', `/topics/${p.id}/comments`],
      ['POST', `/topics/${p.id}/comments`, { body: '外人发言' }],
      ['DELETE', `/topics/${p.id}/comments/1`],
      ['GET', `/topics/${p.id}/ratings`],
      ['POST', `/topics/${p.id}/ratings`, { score: 3 }],
      ['GET', '/topics'],
      ['POST', '/topics', { title: '外人议题', body: '外人想提一个议题试试看' }],
    ];
    const staffRoutes: [string, string, unknown?][] = [
      ['GET', '/agora/topics'],
      ['POST', '/agora/topics', { title: '外人议题', body: '外人想提一个议题试试看' }],
      ['PATCH', `/agora/topics/${p.id}`, { title: '改一下标题' }],
      ['POST', `/agora/topics/${p.id}/review`, { decision: 'accept', note: '采纳采纳' }],
      ['POST', `/agora/topics/${p.id}/stage`, { to: 'closed' }],
      ['POST', `/agora/topics/${p.id}/answers`, { body: '答复' }],
      [
        'POST',
        `/agora/topics/${p.id}/meetings`,
        { heldOn: '2026-12-01', attendees: '居民代表', minutes: '会议纪要会议纪要会议纪要' },
      ],
      ['POST', `/agora/topics/${p.id}/updates`, { body: '进展进展', happenedOn: '2026-12-01' }],
      ['GET', '/agora/settings'],
      ['PUT', '/agora/settings', { cosignThreshold: null, cosignDays: 3, ratingDays: 3, silentMajority: false }],
    ];
    for (const [method, path, body] of [...userRoutes, ...staffRoutes]) {
      for (const who of [bRes, bMod]) {
        const r = await t.app.call(method, api(path), { token: who.token, body });
        expect([method, path, r.status]).toEqual([method, path, 404]);
      }
      const byHandler = await t.app.call(method, api(path), { token: h.token, body });
      expect([method, path, byHandler.status]).toEqual([method, path, 403]);
    }
    for (const [method, path, body] of staffRoutes) {
      const r = await t.app.call(method, api(path), { token: li.token, body });
      expect([method, path, r.status]).toEqual([method, path, 403]);
    }
    // Another community's topic id through one's own community is 404 as well.
    const bTopic = (await propose(bRes.token, {}, b)).body;
    expect((await t.app.call('GET', api(`/topics/${bTopic.id}`), { token: li.token })).status).toBe(404);
    expect((await review(mod.token, bTopic.id, { decision: 'accept', note: '采纳采纳' })).status).toBe(404);
    expect(
      (await review(mod.token, p.id, { decision: 'merge', note: '合并合并', mergeIntoId: bTopic.id })).status,
    ).toBe(404);
    expect((await topicRow(t.app, p.id)).stage).toBe('collecting');
  });
});
