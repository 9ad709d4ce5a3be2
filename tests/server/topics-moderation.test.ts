/**
 * 议事厅 items through moderation (server/features/topics/subjects.ts): topics, their
 * comments and ratings reported (hidden at the threshold, the author told), in the review
 * queue, appealed, restored and deleted, with comment_count and the rating sums kept right.
 */

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../server/db/schema';
import { useTestApp } from '../helpers/app';
import { boardMember } from '../helpers/board';
import { type CommunityFixture, createCommunity, staff } from '../helpers/fixtures';
import { insertTopic, topicRow } from '../helpers/topics';

const t = useTestApp();
let a: CommunityFixture;
type Member = Awaited<ReturnType<typeof boardMember>>;
let author: Member;
let neighbours: Member[];
let mod: { token: string; userId: number };

const api = (path: string) => `/api/committees/${a.id}${path}`;
const report = (token: string, subject: string, subjectId: number) =>
  t.app.call('POST', api('/reports'), { token, body: { subject, subjectId, reason: 'abuse' } });
const decide = (subject: string, id: number, body: Record<string, unknown>) =>
  t.app.call('POST', api(`/review/${subject}/${id}`), { token: mod.token, body });

beforeAll(async () => {
  a = await createCommunity(t.app, '议事审核社区');
  author = await boardMember(t.app, a, 0, { nickname: '提议人' });
  neighbours = [];
  for (let i = 1; i <= 4; i++) neighbours.push(await boardMember(t.app, a, i, { nickname: `邻居${i}` }));
  mod = await staff(t.app, { community: a });
}, 60_000);

async function proposed(body = '希望在小区门口增加一个快递柜，方便大家') {
  const res = await t.app.call('POST', api('/topics'), {
    token: author.token,
    body: { title: '增加快递柜', body },
  });
  expect(res.status).toBe(201);
  return res.body as { id: number };
}

describe('topics', () => {
  it('hides a topic at three reports, tells its author, and it leaves the list; an appeal and a restore bring it back', async () => {
    const p = await proposed();
    for (const n of neighbours.slice(0, 2)) expect((await report(n.token, 'topic', p.id)).status).toBe(201);
    expect((await topicRow(t.app, p.id)).state).toBe('visible');
    expect((await report(neighbours[2].token, 'topic', p.id)).status).toBe(201);
    const row = await topicRow(t.app, p.id);
    expect(row).toMatchObject({ state: 'hidden', reportCount: 3 });
    const told = await t.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, author.userId), eq(messages.kind, 'moderation.auto_hidden')));
    expect(told.length).toBe(1);
    expect(told[0].link).toBe(`/packages/agora/topic/index?id=${p.id}&communityId=${a.id}`);
    expect((await t.app.call('GET', api(`/topics/${p.id}`), { token: neighbours[3].token })).status).toBe(404);
    expect((await t.app.call('GET', api(`/topics/${p.id}`), { token: author.token })).body.state).toBe('hidden');
    const appeal = await t.app.call('POST', api('/appeals'), {
      token: author.token,
      body: { subject: 'topic', subjectId: p.id, text: '这是正常的建议' },
    });
    expect(appeal.status).toBe(201);
    const queue = await t.app.call('GET', api('/review?tab=appealed'), { token: mod.token });
    expect(queue.status).toBe(200);
    expect(
      queue.body.items.map((i: { subject: string; subjectId: number }) => [i.subject, i.subjectId]),
    ).toContainEqual(['topic', p.id]);
    const restored = await decide('topic', p.id, { action: 'restore' });
    expect(restored.status).toBe(200);
    expect((await topicRow(t.app, p.id)).state).toBe('visible');
    expect((await t.app.call('GET', api(`/topics/${p.id}`), { token: neighbours[3].token })).status).toBe(200);
  });

  it('keeps comment_count right when a comment is hidden and restored', async () => {
    const p = await proposed('希望小区里多种几棵树，夏天可以乘凉');
    const c = await t.app.call('POST', api(`/topics/${p.id}/comments`), {
      token: neighbours[0].token,
      body: { body: '同意，门口那块空地可以种' },
    });
    expect(c.status).toBe(201);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(1);
    for (const n of [author, neighbours[1], neighbours[2]])
      expect((await report(n.token, 'topic_comment', c.body.id)).status).toBe(201);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(0);
    const list = await t.app.call('GET', api(`/topics/${p.id}/comments`), { token: neighbours[3].token });
    expect(list.body.items).toEqual([]);
    expect((await decide('topic_comment', c.body.id, { action: 'restore' })).status).toBe(200);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(1);
    expect((await decide('topic_comment', c.body.id, { action: 'delete', reason: '重复' })).status).toBe(200);
    expect((await topicRow(t.app, p.id)).commentCount).toBe(0);
  });

  it('takes a hidden rating out of the average, and puts it back when restored', async () => {
    const p = await insertTopic(t.app, { communityId: a.id, stage: 'rating', authorId: mod.userId });
    const r1 = await t.app.call('POST', api(`/topics/${p.id}/ratings`), {
      token: neighbours[0].token,
      body: { score: 1, comment: '一点都不好' },
    });
    expect(r1.status).toBe(201);
    await t.app.call('POST', api(`/topics/${p.id}/ratings`), { token: neighbours[1].token, body: { score: 5 } });
    expect(await topicRow(t.app, p.id)).toMatchObject({ ratingCount: 2, ratingSum: 6 });
    const hide = await decide('topic_rating', r1.body.id, { action: 'hide', reason: '辱骂' });
    expect(hide.status).toBe(200);
    expect(await topicRow(t.app, p.id)).toMatchObject({ ratingCount: 1, ratingSum: 5 });
    const list = await t.app.call('GET', api(`/topics/${p.id}/ratings`), { token: neighbours[2].token });
    expect(list.body).toMatchObject({ average: 5, count: 1, distribution: [0, 0, 0, 0, 1] });
    expect((await decide('topic_rating', r1.body.id, { action: 'restore' })).status).toBe(200);
    expect(await topicRow(t.app, p.id)).toMatchObject({ ratingCount: 2, ratingSum: 6 });
  });

  it('refuses reports of another community’s topic (404)', async () => {
    const b = await createCommunity(t.app, '议事审核乙社区');
    const other = await insertTopic(t.app, { communityId: b.id, stage: 'discussing' });
    expect((await report(neighbours[0].token, 'topic', other.id)).status).toBe(404);
  });
});

describe('personal data', () => {
  it('copies a resident’s topics, remarks, ratings and co-signs, and erases them on deletion', async () => {
    const c = await createCommunity(t.app, '议事注销社区');
    const leaving = await boardMember(t.app, c, 0, { nickname: '要走的人' });
    const other = await boardMember(t.app, c, 1);
    const s = await staff(t.app, { community: c });
    const at = (path: string) => `/api/committees/${c.id}${path}`;
    const own = await t.app.call('POST', at('/topics'), {
      token: leaving.token,
      body: { title: '还在征集的议题', body: '这是一个还在征集附议的议题' },
    });
    const taken = await t.app.call('POST', at('/topics'), {
      token: leaving.token,
      body: { title: '已被采纳的议题', body: '这是一个已经被居委会采纳的议题' },
    });
    await t.app.call('POST', at(`/agora/topics/${taken.body.id}/review`), {
      token: s.token,
      body: { decision: 'accept', note: '采纳了' },
    });
    const theirs = await t.app.call('POST', at('/topics'), {
      token: other.token,
      body: { title: '邻居的议题', body: '邻居提的议题内容写在这里' },
    });
    await t.app.call('POST', at(`/topics/${theirs.body.id}/cosign`), { token: leaving.token });
    await t.app.call('POST', at(`/topics/${taken.body.id}/comments`), {
      token: leaving.token,
      body: { body: '我补充一点' },
    });
    const rated = await insertTopic(t.app, { communityId: c.id, stage: 'rating' });
    await t.app.call('POST', at(`/topics/${rated.id}/ratings`), {
      token: leaving.token,
      body: { score: 2, comment: '我的评价' },
    });
    const copy = await t.app.call('GET', '/api/me/data', { token: leaving.token });
    expect(copy.status).toBe(200);
    expect(copy.body.topics.map((x: { title: string }) => x.title).sort()).toEqual([
      '已被采纳的议题',
      '还在征集的议题',
    ]);
    expect(copy.body.topicComments).toHaveLength(1);
    expect(copy.body.topicRatings[0]).toMatchObject({ score: 2, comment: '我的评价' });
    expect(copy.body.topicCosigns).toEqual([expect.objectContaining({ topicId: theirs.body.id })]);
    expect((await topicRow(t.app, taken.body.id)).commentCount).toBe(1);

    const del = await t.app.call('POST', '/api/me/delete', { token: leaving.token, body: { confirm: '删除' } });
    expect(del.status).toBe(204);
    expect(await topicRow(t.app, own.body.id)).toMatchObject({
      authorId: null,
      body: '',
      state: 'deleted',
      authorLabel: '已注销的居民',
    });
    // The committee took this one up: its text stays as the community's record, without the person.
    expect(await topicRow(t.app, taken.body.id)).toMatchObject({
      authorId: null,
      body: '这是一个已经被居委会采纳的议题',
      state: 'visible',
      authorLabel: '已注销的居民',
      commentCount: 0,
    });
    const [rating] = await t.app.database
      .sql`select user_id, comment, score from topic_ratings where topic_id = ${rated.id}`;
    expect(rating).toMatchObject({ user_id: null, comment: null, score: 2 });
    const [cosign] = await t.app.database.sql`select user_id from topic_cosigns where topic_id = ${theirs.body.id}`;
    expect(cosign.user_id).toBeNull();
  });
});
