/**
 * Moderation: reports once each and the automatic hiding at the community's threshold
 * (exact under 10 concurrent reports), the author's one appeal, the review queue with its
 * tabs and counts, decisions with compare-and-set, mutes, the public log that never names
 * the item or its author, the board settings, and another community's callers.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardMutes, contentReports, messages, moderationLog, postComments, posts } from '../../server/db/schema';
import { useTestApp } from '../helpers/app';
import { insertComment, insertPost } from '../helpers/board-items';
import { auditRows, createCommunity, resident, staff, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;
let author: { token: string; userId: number };
let neighbours: { token: string; userId: number }[];

const api = (path: string, communityId = w.a.id) => `/api/committees/${communityId}${path}`;

const reportAs = (token: string, subjectId: number, subject = 'post', reason = 'abuse') =>
  t.app.call('POST', api('/reports'), { token, body: { subject, subjectId, reason } });

async function postRow(id: number) {
  const [row] = await t.app.database.db.select().from(posts).where(eq(posts.id, id));
  return row;
}

const logRows = (subjectId: number, subject: 'post' | 'comment' = 'post') =>
  t.app.database.db
    .select()
    .from(moderationLog)
    .where(and(eq(moderationLog.subject, subject), eq(moderationLog.subjectId, subjectId)))
    .orderBy(moderationLog.id);

const messagesOf = (userId: number, kind: string) =>
  t.app.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), eq(messages.kind, kind)));

beforeAll(async () => {
  w = await world(t.app);
  author = await resident(t.app, w.a, 3, '王作者');
  neighbours = [];
  for (let i = 0; i < 10; i++) neighbours.push(await resident(t.app, w.a, i % 6, `邻居${i}`));
});

describe('POST /reports', () => {
  it('takes one report per resident and item, counts it, and refuses the second with 409 ALREADY_REPORTED', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const first = await reportAs(neighbours[0].token, p.id, 'post', 'ad');
    expect(first.status).toBe(201);
    const again = await reportAs(neighbours[0].token, p.id, 'post', 'abuse');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REPORTED');
    const rows = await t.app.database.db.select().from(contentReports).where(eq(contentReports.subjectId, p.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reporterId: neighbours[0].userId, reason: 'ad', communityId: w.a.id });
    expect((await postRow(p.id)).reportCount).toBe(1);
    expect((await postRow(p.id)).state).toBe('visible');
  });

  it('reports a comment too', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const c = await insertComment(t.app, { postId: p.id, communityId: w.a.id, authorId: author.userId });
    expect((await reportAs(neighbours[1].token, c.id, 'comment')).status).toBe(201);
    const [row] = await t.app.database.db.select().from(postComments).where(eq(postComments.id, c.id));
    expect(row.reportCount).toBe(1);
  });

  it('refuses a report of one’s own item with a Chinese message', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const res = await reportAs(author.token, p.id);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('不能举报自己发的内容');
    expect((await postRow(p.id)).reportCount).toBe(0);
  });

  it('answers 404 for a held item, another community’s item, and a resident of another community', async () => {
    const held = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId, state: 'held' });
    expect((await reportAs(neighbours[0].token, held.id)).status).toBe(404);
    const ofB = await insertPost(t.app, { communityId: w.b.id, authorId: w.residentB.userId });
    expect((await reportAs(neighbours[0].token, ofB.id)).status).toBe(404);
    const ofA = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const res = await t.app.call('POST', api('/reports'), {
      token: w.residentB.token,
      body: { subject: 'post', subjectId: ofA.id, reason: 'ad' },
    });
    expect(res.status).toBe(404);
    expect((await reportAs(w.pending.token, ofA.id)).status).toBe(404);
  });

  it('validates the reason with a Chinese message', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const res = await reportAs(neighbours[0].token, p.id, 'post', 'boring');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('请选择举报理由');
  });

  it('10 simultaneous reports with N = 3: hidden exactly once, one log row, one message, report_count 10', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId, body: '十人同时举报的留言' });
    const replies = await Promise.all(neighbours.map((n) => reportAs(n.token, p.id)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    const row = await postRow(p.id);
    expect(row.state).toBe('hidden');
    expect(row.reportCount).toBe(10);
    expect(row.stateReason).toBe('举报理由：辱骂');
    const log = await logRows(p.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'auto_hidden', rule: 'reports', actorId: null, reason: '举报理由：辱骂' });
    const told = await messagesOf(author.userId, 'moderation.auto_hidden');
    expect(told.filter((m) => m.body.includes('十人同时举报'))).toHaveLength(1);
    expect(told.find((m) => m.body.includes('十人同时举报'))?.body).toContain('可以申诉一次');
  });

  it('hides at the community’s own threshold (board settings)', async () => {
    const c = await createCommunity(t.app, '门槛社区');
    const mod = await staff(t.app, { community: c });
    const set = await t.app.call('PUT', api('/board-settings', c.id), {
      token: mod.token,
      body: { reportThreshold: 1, secCheckDailyLimit: 100, matterRoutes: {} },
    });
    expect(set.status).toBe(200);
    const writer = await resident(t.app, c, 0);
    const reader = await resident(t.app, c, 1);
    const p = await insertPost(t.app, { communityId: c.id, authorId: writer.userId });
    const res = await t.app.call('POST', api('/reports', c.id), {
      token: reader.token,
      body: { subject: 'post', subjectId: p.id, reason: 'privacy' },
    });
    expect(res.status).toBe(201);
    expect((await postRow(p.id)).state).toBe('hidden');
  });
});

/** A post of `author` hidden by three reports. */
async function autoHidden(body = '被举报隐藏的留言') {
  const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId, body });
  for (const n of neighbours.slice(0, 3)) expect((await reportAs(n.token, p.id)).status).toBe(201);
  expect((await postRow(p.id)).state).toBe('hidden');
  return p;
}

const appealAs = (token: string, subjectId: number, text = '我说的是事实，请再看看') =>
  t.app.call('POST', api('/appeals'), { token, body: { subject: 'post', subjectId, text } });

describe('POST /appeals', () => {
  it('lets the author appeal a hidden item once', async () => {
    const p = await autoHidden();
    expect((await appealAs(neighbours[5].token, p.id)).status).toBe(403);
    const first = await appealAs(author.token, p.id);
    expect(first.status).toBe(201);
    const row = await postRow(p.id);
    expect(row.appealText).toBe('我说的是事实，请再看看');
    expect(row.appealedAt).not.toBeNull();
    const again = await appealAs(author.token, p.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_APPEALED');
    expect(await auditRows(t.app, 'moderation.appeal', p.id)).toHaveLength(1);
  });

  it('refuses an appeal of a visible item', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const res = await appealAs(author.token, p.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });
});

const decide = (token: string, subjectId: number, body: Record<string, unknown>, subject = 'post') =>
  t.app.call('POST', api(`/review/${subject}/${subjectId}`), { token, body });

describe('review queue and decisions', () => {
  it('lists each tab with counts, the author (name, building, room, id) and the reports with reasons', async () => {
    const c = await createCommunity(t.app, '队列社区');
    const mod = await staff(t.app, { community: c });
    await t.app.call('PUT', api('/board-settings', c.id), {
      token: mod.token,
      body: { reportThreshold: 2, secCheckDailyLimit: 100, matterRoutes: {} },
    });
    const writer = await resident(t.app, c, 4, '李写字');
    const readers = [await resident(t.app, c, 0), await resident(t.app, c, 1)];
    const reported = await insertPost(t.app, { communityId: c.id, authorId: writer.userId, body: '只被举报一次' });
    const hidden = await insertPost(t.app, { communityId: c.id, authorId: writer.userId, body: '被举报两次' });
    await insertPost(t.app, { communityId: c.id, authorId: writer.userId, body: '等审核', state: 'held' });
    const rep = (token: string, id: number, reason: string, note?: string) =>
      t.app.call('POST', api('/reports', c.id), { token, body: { subject: 'post', subjectId: id, reason, note } });
    expect((await rep(readers[0].token, reported.id, 'ad', '卖东西')).status).toBe(201);
    expect((await rep(readers[0].token, hidden.id, 'abuse')).status).toBe(201);
    expect((await rep(readers[1].token, hidden.id, 'false_info')).status).toBe(201);
    const appeal = await t.app.call('POST', api('/appeals', c.id), {
      token: writer.token,
      body: { subject: 'post', subjectId: hidden.id, text: '请复核' },
    });
    expect(appeal.status).toBe(201);

    const queue = await t.app.call('GET', api('/review?tab=reported', c.id), { token: mod.token });
    expect(queue.status).toBe(200);
    expect(queue.body.counts).toEqual({ reported: 2, held: 1, appealed: 1, hidden: 1, deleted: 0 });
    expect(queue.body.items.map((i: { body: string }) => i.body)).toEqual(['被举报两次', '只被举报一次']);
    const first = queue.body.items[1];
    expect(first.author).toEqual({ userId: writer.userId, name: '李写字', building: '1号楼', room: '301' });
    expect(first.reports).toEqual([{ reason: 'ad', note: '卖东西', createdAt: expect.any(String) }]);
    const held = await t.app.call('GET', api('/review?tab=held', c.id), { token: mod.token });
    expect(held.body.items).toHaveLength(1);
    expect(held.body.items[0]).toMatchObject({ state: 'held', heldReason: 'wechat_review' });
    const appealed = await t.app.call('GET', api('/review?tab=appealed', c.id), { token: mod.token });
    expect(appealed.body.items[0].appeal).toMatchObject({ text: '请复核', decided: false });
    const paged = await t.app.call('GET', api('/review?tab=reported&limit=1', c.id), { token: mod.token });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextOffset).toBe(1);

    const dash = await t.app.call('GET', api('/dashboard', c.id), { token: mod.token });
    expect(dash.body.moderation).toEqual({ reported: 2, held: 1, appealed: 1 });

    // Deciding the appeal: restored, reports settled, logged under the appeal rule, the author told.
    const restored = await t.app.call('POST', api(`/review/post/${hidden.id}`, c.id), {
      token: mod.token,
      body: { action: 'restore' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ state: 'visible', reports: [], appeal: { decided: true } });
    const log = await logRows(hidden.id);
    expect(log.map((l) => [l.action, l.rule, l.actorId])).toEqual([
      ['auto_hidden', 'reports', null],
      ['restored', 'appeal', mod.userId],
    ]);
    const settled = await t.app.database.db
      .select()
      .from(contentReports)
      .where(eq(contentReports.subjectId, hidden.id));
    expect(settled.every((r) => r.settledAt !== null)).toBe(true);
    expect(await messagesOf(writer.userId, 'moderation.restored')).toHaveLength(1);
    const audit = await auditRows(t.app, 'moderation.restore', hidden.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ subject: 'post', contentState: 'visible', reportsSettled: 2 });
    const after = await t.app.call('GET', api('/review?tab=reported', c.id), { token: mod.token });
    expect(after.body.counts).toMatchObject({ reported: 1, appealed: 0, hidden: 0 });
  });

  it('two moderators restoring at once: one wins, the other gets 409, one log row', async () => {
    const second = await staff(t.app, { community: w.a });
    const p = await autoHidden('两位工作人员同时恢复');
    const replies = await Promise.all([
      decide(w.moderatorA.token, p.id, { action: 'restore' }),
      decide(second.token, p.id, { action: 'restore' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('INVALID_STATE');
    expect((await postRow(p.id)).state).toBe('visible');
    expect((await logRows(p.id)).filter((l) => l.action === 'restored')).toHaveLength(1);
  });

  it('restores a held item to visible (held reason cleared)', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId, state: 'held' });
    const res = await decide(w.moderatorA.token, p.id, { action: 'restore' });
    expect(res.status).toBe(200);
    const row = await postRow(p.id);
    expect(row).toMatchObject({ state: 'visible', heldReason: null });
    expect((await logRows(p.id))[0]).toMatchObject({ action: 'restored', rule: 'moderator' });
  });

  it('hides and deletes with a reason (required), mutes the author for N days', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId, body: '要隐藏的留言' });
    const noReason = await decide(w.moderatorA.token, p.id, { action: 'hide' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('要写明原因');
    const badDays = await decide(w.moderatorA.token, p.id, { action: 'hide', reason: '广告', muteDays: 31 });
    expect(badDays.status).toBe(400);
    const hid = await decide(w.moderatorA.token, p.id, { action: 'hide', reason: '发广告', muteDays: 3 });
    expect(hid.status).toBe(200);
    expect(await postRow(p.id)).toMatchObject({ state: 'hidden', stateReason: '发广告' });
    const [mute] = await t.app.database.db
      .select()
      .from(boardMutes)
      .where(and(eq(boardMutes.userId, author.userId), eq(boardMutes.communityId, w.a.id)));
    expect(mute.until.getTime() - t.app.clock().getTime()).toBe(3 * 86_400_000);
    const told = await messagesOf(author.userId, 'moderation.hidden');
    expect(told.some((m) => m.body.includes('原因：发广告') && m.body.includes('可以申诉一次'))).toBe(true);
    const del = await decide(w.moderatorA.token, p.id, { action: 'delete', reason: '多次发广告' });
    expect(del.status).toBe(200);
    expect((await postRow(p.id)).state).toBe('deleted');
    expect((await logRows(p.id)).map((l) => [l.action, l.rule])).toEqual([
      ['hidden', 'moderator'],
      ['deleted', 'moderator'],
    ]);
    expect(await auditRows(t.app, 'moderation.delete', p.id)).toHaveLength(1);
    // Deleted is final.
    expect((await decide(w.moderatorA.token, p.id, { action: 'restore' })).status).toBe(409);
    const deletedTab = await t.app.call('GET', api('/review?tab=deleted'), { token: w.moderatorA.token });
    expect(deletedTab.body.items.some((i: { subjectId: number }) => i.subjectId === p.id)).toBe(true);
  });

  it('refuses residents (403) and the queue is staff-only', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    expect((await decide(w.residentA.token, p.id, { action: 'restore' })).status).toBe(403);
    expect((await t.app.call('GET', api('/review'), { token: w.residentA.token })).status).toBe(403);
  });
});

describe('mutes', () => {
  it('mutes a member, lists the running mutes, lifts one; a non-member is 404', async () => {
    const target = neighbours[9];
    const muted = await t.app.call('POST', api('/mutes'), {
      token: w.moderatorA.token,
      body: { userId: target.userId, days: 7, reason: '辱骂邻居' },
    });
    expect(muted.status).toBe(201);
    expect(muted.body).toMatchObject({ userId: target.userId, name: '邻居9', reason: '辱骂邻居' });
    const stranger = await t.app.call('POST', api('/mutes'), {
      token: w.moderatorA.token,
      body: { userId: w.residentB.userId, days: 7, reason: '辱骂邻居' },
    });
    expect(stranger.status).toBe(404);
    const tooLong = await t.app.call('POST', api('/mutes'), {
      token: w.moderatorA.token,
      body: { userId: target.userId, days: 0, reason: '辱骂邻居' },
    });
    expect(tooLong.status).toBe(400);
    const list = await t.app.call('GET', api('/mutes'), { token: w.moderatorA.token });
    expect(list.body.items.map((m: { id: number }) => m.id)).toContain(muted.body.id);
    expect(await auditRows(t.app, 'moderation.mute', target.userId)).toHaveLength(1);
    const lifted = await t.app.call('DELETE', api(`/mutes/${muted.body.id}`), { token: w.moderatorA.token });
    expect(lifted.status).toBe(204);
    const again = await t.app.call('DELETE', api(`/mutes/${muted.body.id}`), { token: w.moderatorA.token });
    expect(again.status).toBe(404);
    const after = await t.app.call('GET', api('/mutes'), { token: w.moderatorA.token });
    expect(after.body.items.map((m: { id: number }) => m.id)).not.toContain(muted.body.id);
  });

  it('keeps a muted member from posting on the board (403 BOARD_MUTED) until the mute is lifted', async () => {
    const writer = await resident(t.app, w.a, 5, '被禁言的人');
    const muted = await t.app.call('POST', api('/mutes'), {
      token: w.moderatorA.token,
      body: { userId: writer.userId, days: 2, reason: '刷屏' },
    });
    expect(muted.status).toBe(201);
    const post = (body: string) =>
      t.app.call('POST', api('/posts'), { token: writer.token, body: { kind: 'post', category: 'chat', body } });
    const refused = await post('禁言期间想发的话');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('BOARD_MUTED');
    expect(await t.app.database.db.select().from(posts).where(eq(posts.authorId, writer.userId))).toHaveLength(0);
    expect((await t.app.call('DELETE', api(`/mutes/${muted.body.id}`), { token: w.moderatorA.token })).status).toBe(
      204,
    );
    expect((await post('解除禁言后发的话')).status).toBe(201);
  });
});

describe('GET /moderation-log', () => {
  it('tells members what happened, in pages, never the content, the item or the author', async () => {
    const c = await createCommunity(t.app, '公开记录社区');
    const mod = await staff(t.app, { community: c });
    const writer = await resident(t.app, c, 0, '赵隐私');
    const readers = await Promise.all([1, 2, 3].map((i) => resident(t.app, c, i)));
    const p = await insertPost(t.app, { communityId: c.id, authorId: writer.userId, body: '绝不能出现的正文' });
    for (const r of readers)
      await t.app.call('POST', api('/reports', c.id), {
        token: r.token,
        body: { subject: 'post', subjectId: p.id, reason: 'false_info' },
      });
    await t.app.call('POST', api(`/review/post/${p.id}`, c.id), { token: mod.token, body: { action: 'restore' } });

    const res = await t.app.call('GET', api('/moderation-log?limit=1', c.id), { token: readers[0].token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { subject: 'post', action: 'restored', rule: 'moderator', reason: null, at: expect.any(String) },
    ]);
    const next = await t.app.call('GET', api(`/moderation-log?limit=1&cursor=${res.body.nextCursor}`, c.id), {
      token: readers[0].token,
    });
    expect(next.body.items).toEqual([
      { subject: 'post', action: 'auto_hidden', rule: 'reports', reason: '举报理由：不实信息', at: expect.any(String) },
    ]);
    expect(next.body.nextCursor).toBeNull();
    for (const reply of [res.body, next.body]) {
      const text = JSON.stringify(reply);
      for (const secret of ['绝不能出现的正文', '赵隐私', 'subjectId', 'authorId', 'actorId'])
        expect(text).not.toContain(secret);
      // The time is left out: its digits may happen to contain an id.
      const { at: _at, ...rest } = reply.items[0];
      const values = JSON.stringify(Object.values(rest));
      expect(values).not.toContain(`${p.id},`);
      expect(values).not.toContain(String(writer.userId));
    }
  });

  it('is for the community’s members: another community’s resident gets 404', async () => {
    expect((await t.app.call('GET', api('/moderation-log'), { token: w.residentA.token })).status).toBe(200);
    expect((await t.app.call('GET', api('/moderation-log'), { token: w.residentB.token })).status).toBe(404);
    expect((await t.app.call('GET', api('/moderation-log'), { token: w.pending.token })).status).toBe(404);
  });
});

describe('board settings', () => {
  it('has defaults, validates and saves (audited)', async () => {
    const c = await createCommunity(t.app, '设置社区');
    const mod = await staff(t.app, { community: c });
    const get = await t.app.call('GET', api('/board-settings', c.id), { token: mod.token });
    expect(get.body).toEqual({ reportThreshold: 3, secCheckDailyLimit: 2000, matterRoutes: {} });
    for (const bad of [
      { reportThreshold: 0, secCheckDailyLimit: 10, matterRoutes: {} },
      { reportThreshold: 51, secCheckDailyLimit: 10, matterRoutes: {} },
      { reportThreshold: 3, secCheckDailyLimit: -1, matterRoutes: {} },
      { reportThreshold: 3, secCheckDailyLimit: 10, matterRoutes: { lighting: 'plumber' } },
    ]) {
      const res = await t.app.call('PUT', api('/board-settings', c.id), { token: mod.token, body: bad });
      expect(res.status).toBe(400);
    }
    const body = { reportThreshold: 5, secCheckDailyLimit: 300, matterRoutes: { lighting: 'property' } };
    const put = await t.app.call('PUT', api('/board-settings', c.id), { token: mod.token, body });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(body);
    expect((await t.app.call('GET', api('/board-settings', c.id), { token: mod.token })).body).toEqual(body);
    const audit = await auditRows(t.app, 'board.settings', c.id);
    expect(audit[0].after).toEqual(body);
  });
});

describe('another community', () => {
  it('answers 404 on every route to a resident and a moderator of B', async () => {
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    const routes: [string, string, unknown?][] = [
      ['POST', '/reports', { subject: 'post', subjectId: p.id, reason: 'ad' }],
      ['POST', '/appeals', { subject: 'post', subjectId: p.id, text: '申诉' }],
      ['GET', '/review'],
      ['POST', `/review/post/${p.id}`, { action: 'hide', reason: '测试' }],
      ['GET', '/mutes'],
      ['POST', '/mutes', { userId: author.userId, days: 1, reason: '测试' }],
      ['DELETE', '/mutes/1'],
      ['GET', '/moderation-log'],
      ['GET', '/board-settings'],
      ['PUT', '/board-settings', { reportThreshold: 2, secCheckDailyLimit: 1, matterRoutes: {} }],
    ];
    for (const token of [w.residentB.token, w.moderatorB.token])
      for (const [method, path, body] of routes) {
        const res = await t.app.call(method, api(path), { token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    // And B's moderator cannot reach A's post through B's own queue either.
    const viaB = await t.app.call('POST', api(`/review/post/${p.id}`, w.b.id), {
      token: w.moderatorB.token,
      body: { action: 'hide', reason: '测试' },
    });
    expect(viaB.status).toBe(404);
    expect((await postRow(p.id)).state).toBe('visible');
  });
});

describe('personal data', () => {
  it('a copy lists one’s reports and mutes; deleting the account removes them (the item keeps its count)', async () => {
    const reporter = await resident(t.app, w.a, 2, '要注销的人');
    const p = await insertPost(t.app, { communityId: w.a.id, authorId: author.userId });
    expect((await reportAs(reporter.token, p.id, 'post', 'privacy')).status).toBe(201);
    await t.app.call('POST', api('/mutes'), {
      token: w.moderatorA.token,
      body: { userId: reporter.userId, days: 1, reason: '刷屏' },
    });
    const copy = await t.app.call('GET', '/api/me/data', { token: reporter.token });
    expect(copy.status).toBe(200);
    expect(copy.body.reports).toEqual([
      { communityName: w.a.name, subject: 'post', reason: 'privacy', note: null, createdAt: expect.any(String) },
    ]);
    expect(copy.body.boardMutes).toMatchObject([{ communityName: w.a.name, reason: '刷屏', liftedAt: null }]);
    const gone = await t.app.call('POST', '/api/me/delete', { token: reporter.token, body: { confirm: '删除' } });
    expect(gone.status).toBeLessThan(300);
    expect(
      await t.app.database.db.select().from(contentReports).where(eq(contentReports.reporterId, reporter.userId)),
    ).toHaveLength(0);
    expect(
      await t.app.database.db.select().from(boardMutes).where(eq(boardMutes.userId, reporter.userId)),
    ).toHaveLength(0);
    expect((await postRow(p.id)).reportCount).toBe(1);
  });
});
