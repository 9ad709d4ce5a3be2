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
    expect(told[0].link).toBe(`/packages/agora/topic/index?communityId=${a.id}&id=${p.id}`);
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
