/**
 * 小事快办 for staff and property handlers: appointing a handler, what a handler sees (only
 * matters routed to 物业, no other staff page), the status moves as a table, compare-and-set
 * under concurrency, 转交, the figures by month and category, the xlsx export, the 工作台
 * figures and another community's staff. Matters are inserted directly (the resident's
 * reporting route belongs to the board).
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberships, messages, outbox, postEvents, posts, subscribeConsents } from '../../server/db/schema';
import { checkMatterStep, type MatterStatus, matterTransitions } from '../../shared/domain/matter-transitions';
import { type MatterRoute, matterStatuses } from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import {
  auditRows,
  type CommunityFixture,
  createCommunity,
  handler,
  resident,
  staff,
  wechatUser,
} from '../helpers/fixtures';

const t = useTestApp();
let a: CommunityFixture;
let b: CommunityFixture;
let mod: { token: string; userId: number };
let modB: { token: string; userId: number };
let hand: { token: string; userId: number };
let hand2: { token: string; userId: number };
let author: { token: string; userId: number };
let seq = 0;

interface MatterOptions {
  community?: CommunityFixture;
  route?: MatterRoute;
  status?: MatterStatus;
  category?: 'lighting' | 'sanitation' | 'fire_lane' | 'leak' | 'noise' | 'other';
  createdAt?: Date;
  firstReplyAt?: Date | null;
  doneAt?: Date | null;
  reopenCount?: number;
  rating?: number | null;
  ratedAt?: Date | null;
}

/** A matter reported by `author` (household 101), with its first timeline step. */
async function matter(o: MatterOptions = {}) {
  const community = o.community ?? a;
  const createdAt = o.createdAt ?? t.app.clock();
  const [p] = await t.app.database.db
    .insert(posts)
    .values({
      communityId: community.id,
      kind: 'matter',
      matterCategory: o.category ?? 'lighting',
      authorId: community === a ? author.userId : null,
      householdId: community.householdIds[0],
      authorLabel: '张阿姨',
      body: `3号楼楼道的灯坏了，晚上看不见 ${seq++}`,
      bodyHash: `hash-${seq}`,
      place: '3号楼2单元楼道',
      route: o.route ?? 'property',
      status: o.status ?? 'accepted',
      createdAt,
      statusAt: createdAt,
      firstReplyAt: o.firstReplyAt ?? null,
      doneAt: o.doneAt ?? null,
      reopenCount: o.reopenCount ?? 0,
      rating: o.rating ?? null,
      ratedAt: o.ratedAt ?? (o.rating ? createdAt : null),
    })
    .returning({ id: posts.id });
  await t.app.database.db.insert(postEvents).values({
    postId: p.id,
    communityId: community.id,
    actorId: community === a ? author.userId : null,
    actorRole: 'resident',
    toStatus: 'accepted',
    createdAt,
  });
  return p.id;
}

const path = (id?: number | string, tail = '', community = a) =>
  `/api/committees/${community.id}/matters${id === undefined ? '' : `/${id}`}${tail}`;

const move = (token: string, id: number, to: string, note?: string) =>
  t.app.call('POST', path(id, '/status'), { token, body: note === undefined ? { to } : { to, note } });

beforeAll(async () => {
  a = await createCommunity(t.app, '小事社区甲');
  b = await createCommunity(t.app, '小事社区乙');
  [mod, modB, hand, hand2, author] = await Promise.all([
    staff(t.app, { community: a }),
    staff(t.app, { community: b }),
    handler(t.app, a),
    handler(t.app, a),
    resident(t.app, a, 0, '张阿姨'),
  ]);
}, 60_000);

describe('appointing a property handler', () => {
  it('POST /api/admin/communities/:communityId/moderators with role handler makes a staff account a handler, audited', async () => {
    const admin = await staff(t.app, { admin: true });
    const created = await t.app.call('POST', '/api/admin/staff', {
      token: admin.token,
      body: { username: `wuye${seq++}`, password: 'long-enough-1', displayName: '王师傅' },
    });
    expect(created.status).toBe(201);
    const res = await t.app.call('POST', `/api/admin/communities/${a.id}/moderators`, {
      token: admin.token,
      body: { userId: created.body.id, role: 'handler' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ communityId: a.id, role: 'handler', status: 'approved' });
    const [row] = await auditRows(t.app, 'handler.appoint', res.body.id);
    expect(row).toMatchObject({ community_id: a.id, actor_id: admin.userId });
    expect(row.after).toMatchObject({ role: 'handler', userId: created.body.id });

    // The staff list says as what; the handler's /api/me says so too (the admin view reads it).
    const list = await t.app.call('GET', '/api/admin/staff', { token: admin.token });
    const account = list.body.items.find((s: { id: number }) => s.id === created.body.id);
    expect(account.communities).toEqual([{ id: a.id, name: a.name, role: 'handler' }]);
    const signIn = await t.app.call('POST', '/api/auth/password', {
      body: { username: created.body.username, password: 'long-enough-1' },
    });
    const me = await t.app.call('GET', '/api/me', { token: signIn.body.token });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ communityId: a.id, role: 'handler', status: 'approved' }),
    ]);

    const again = await t.app.call('POST', `/api/admin/communities/${a.id}/moderators`, {
      token: admin.token,
      body: { userId: created.body.id, role: 'handler' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE');
  });

  it('refuses a WeChat account as handler (a handler signs in with a password), and a moderator by default stays one', async () => {
    const admin = await staff(t.app, { admin: true });
    const wechat = await wechatUser(t.app);
    const res = await t.app.call('POST', `/api/admin/communities/${a.id}/moderators`, {
      token: admin.token,
      body: { userId: wechat.userId, role: 'handler' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    const rows = await t.app.database.db.select().from(memberships).where(eq(memberships.userId, wechat.userId));
    expect(rows).toEqual([]);
    const bad = await t.app.call('POST', `/api/admin/communities/${a.id}/moderators`, {
      token: admin.token,
      body: { userId: wechat.userId, role: 'resident' },
    });
    expect(bad.status).toBe(400);
    const plain = await t.app.call('POST', `/api/admin/communities/${a.id}/moderators`, {
      token: admin.token,
      body: { userId: wechat.userId },
    });
    expect(plain.body).toMatchObject({ role: 'moderator' });
  });
});

describe('what a handler sees', () => {
  let committeeId: number;
  let propertyId: number;
  beforeAll(async () => {
    committeeId = await matter({ route: 'committee', category: 'noise' });
    propertyId = await matter({ route: 'property', category: 'leak' });
  });

  it('GET /api/committees/:communityId/matters lists only 物业 matters to a handler, every one to a moderator', async () => {
    const asHandler = await t.app.call('GET', path(), { token: hand.token });
    expect(asHandler.status).toBe(200);
    const ids = asHandler.body.items.map((m: { id: number }) => m.id);
    expect(ids).toContain(propertyId);
    expect(ids).not.toContain(committeeId);
    expect(asHandler.body.items.every((m: { route: string }) => m.route === 'property')).toBe(true);
    // Asking for the committee's by filter is still nothing.
    const filtered = await t.app.call('GET', `${path()}?route=committee`, { token: hand.token });
    expect(filtered.body.items).toEqual([]);

    const asMod = await t.app.call('GET', path(), { token: mod.token });
    const modIds = asMod.body.items.map((m: { id: number }) => m.id);
    expect(modIds).toEqual(expect.arrayContaining([committeeId, propertyId]));
    const item = asMod.body.items.find((m: { id: number }) => m.id === propertyId);
    expect(item).toMatchObject({
      matterCategory: 'leak',
      place: '3号楼2单元楼道',
      status: 'accepted',
      reporter: { name: '张阿姨', building: '1号楼', unit: '1单元', room: '101' },
      plusCount: 0,
      lastStep: { toStatus: 'accepted', actorLabel: '报告人', actorName: null },
    });
    const byCategory = await t.app.call('GET', `${path()}?matterCategory=noise&status=accepted`, { token: mod.token });
    expect(byCategory.body.items.map((m: { id: number }) => m.id)).toContain(committeeId);
    expect(byCategory.body.items.every((m: { matterCategory: string }) => m.matterCategory === 'noise')).toBe(true);
  });

  it('pages newest first with nextBefore', async () => {
    const first = await t.app.call('GET', `${path()}?limit=1`, { token: mod.token });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextBefore).toBe(first.body.items[0].id);
    const second = await t.app.call('GET', `${path()}?limit=1&before=${first.body.nextBefore}`, { token: mod.token });
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
  });

  it('a committee matter does not exist for a handler: GET, status and route are 404', async () => {
    expect((await t.app.call('GET', path(committeeId), { token: hand.token })).status).toBe(404);
    expect((await move(hand.token, committeeId, 'in_progress')).status).toBe(404);
    const reassign = await t.app.call('POST', path(committeeId, '/route'), {
      token: hand.token,
      body: { route: 'property', note: '我们来修' },
    });
    expect(reassign.status).toBe(404);
    const got = await t.app.call('GET', path(propertyId), { token: hand.token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: propertyId, body: expect.any(String), timeline: [{ toStatus: 'accepted' }] });
  });

  it('no other staff page opens to a handler', async () => {
    for (const p of [
      `/api/committees/${a.id}/memberships`,
      `/api/committees/${a.id}/dashboard`,
      `/api/committees/${a.id}/notices/manage`,
      `/api/committees/${a.id}/audit`,
      `/api/committees/${a.id}/invitations`,
      path('stats'),
      `${path()}.xlsx`,
    ]) {
      const res = await t.app.call('GET', p, { token: hand.token });
      expect({ p, status: res.status }).toEqual({ p, status: 403 });
    }
  });

  it("another community's staff and handlers get 404; a resident 403", async () => {
    const handB = await handler(t.app, b);
    for (const token of [modB.token, handB.token]) {
      expect((await t.app.call('GET', path(), { token })).status).toBe(404);
      expect((await t.app.call('GET', path(propertyId), { token })).status).toBe(404);
      expect((await move(token, propertyId, 'in_progress')).status).toBe(404);
    }
    // Their own community's list does not hold A's matter either, nor its id.
    expect((await t.app.call('GET', path(propertyId, '', b), { token: modB.token })).status).toBe(404);
    expect((await t.app.call('GET', path(), { token: author.token })).status).toBe(403);
  });
});

describe('status moves', () => {
  /** Who may do what, written out: the test fails if the table drifts. */
  const expected: Record<string, string[]> = {
    'accepted→in_progress': ['moderator', 'handler'],
    'accepted→done': ['moderator', 'handler'],
    'in_progress→done': ['moderator', 'handler'],
    'done→resolved': ['author', 'system'],
    'done→in_progress': ['author'],
  };

  it('the transitions table says who may take each step', () => {
    const table: Record<string, string[]> = {};
    for (const tr of matterTransitions)
      table[`${tr.from}→${tr.to}`] = [...(table[`${tr.from}→${tr.to}`] ?? []), ...tr.by];
    expect(table).toEqual(expected);
    for (const from of matterStatuses)
      for (const to of matterStatuses)
        for (const actor of ['moderator', 'handler', 'author', 'system'] as const) {
          const allowed = expected[`${from}→${to}`];
          const check = checkMatterStep(from, to, actor);
          if (!allowed) expect(check).toEqual({ ok: false, refusal: 'invalid_state' });
          else if (allowed.includes(actor)) expect(check.ok).toBe(true);
          else expect(check).toEqual({ ok: false, refusal: 'forbidden' });
        }
  });

  const staffCases = matterStatuses.flatMap((from) =>
    (['in_progress', 'done'] as const).flatMap((to) =>
      (['moderator', 'handler'] as const).map((actor) => ({ from, to, actor })),
    ),
  );

  for (const { from, to, actor } of staffCases) {
    const allowed = expected[`${from}→${to}`];
    const outcome = !allowed ? 'INVALID_STATE' : allowed.includes(actor) ? 'moved' : 'FORBIDDEN';
    it(`POST …/status ${from} → ${to} by a ${actor}: ${outcome}`, async () => {
      const id = await matter({ route: 'property', status: from });
      const token = actor === 'moderator' ? mod.token : hand.token;
      const before = t.app.clock();
      const res = await move(token, id, to, '换了新灯泡');
      const [row] = await t.app.database.db.select().from(posts).where(eq(posts.id, id));
      const events = await t.app.database.db.select().from(postEvents).where(eq(postEvents.postId, id));
      if (outcome !== 'moved') {
        expect(res.status).toBe(outcome === 'FORBIDDEN' ? 403 : 409);
        expect(res.body.error.code).toBe(outcome);
        expect(row.status).toBe(from);
        expect(events).toHaveLength(1);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: to });
      expect(row).toMatchObject({
        status: to,
        handledBy: actor === 'moderator' ? mod.userId : hand.userId,
        firstReplyAt: expect.any(Date),
      });
      expect(row.statusAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
      if (to === 'done') expect(row.doneAt).toEqual(row.statusAt);
      expect(events.at(-1)).toMatchObject({ actorRole: actor, fromStatus: from, toStatus: to, note: '换了新灯泡' });
      expect(res.body.timeline.at(-1)).toMatchObject({ actorLabel: actor === 'moderator' ? '居委会' : '物业' });
      const [audit] = await auditRows(t.app, to === 'done' ? 'matter.finish' : 'matter.start', id);
      expect(audit).toMatchObject({ community_id: a.id, after: { status: to } });
      const told = await t.app.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, author.userId), eq(messages.kind, 'matter.progress')));
      expect(told.some((m) => m.link === `/packages/board/detail/index?communityId=${a.id}&id=${id}`)).toBe(true);
    });
  }

  it('标记办结 needs a note of what was done; the first staff step stays the first reply', async () => {
    const id = await matter();
    const bare = await move(hand.token, id, 'done');
    expect(bare.status).toBe(400);
    expect(bare.body.error.details[0]).toMatchObject({ path: 'note' });
    await move(hand.token, id, 'in_progress');
    const [started] = await t.app.database.db.select().from(posts).where(eq(posts.id, id));
    t.app.clock.advance(3_600_000);
    await move(hand.token, id, 'done', '修好了');
    const [done] = await t.app.database.db.select().from(posts).where(eq(posts.id, id));
    expect(done.firstReplyAt).toEqual(started.firstReplyAt);
    expect(done.doneAt?.getTime()).toBe((started.firstReplyAt as Date).getTime() + 3_600_000);
  });

  it('the reporter gets a 小事快办进度 subscribe message when they consented', async () => {
    const id = await matter();
    await t.app.database.db
      .insert(subscribeConsents)
      .values({ userId: author.userId, template: 'matter_progress', remaining: 1, acceptedTotal: 1 })
      .onConflictDoUpdate({ target: [subscribeConsents.userId, subscribeConsents.template], set: { remaining: 1 } });
    const res = await move(hand.token, id, 'in_progress');
    expect(res.status).toBe(200);
    const rows = await t.app.database.db.select().from(outbox).where(eq(outbox.kind, 'subscribe'));
    const sent = rows.filter((r) => (r.payload as { template?: string }).template === 'matter_progress');
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      userId: author.userId,
      page: `/packages/board/detail/index?communityId=${a.id}&id=${id}`,
      data: { thing1: '照明：3号楼2单元楼道', phrase2: '处理中', thing3: '物业' },
    });
  });

  it('two handlers marking one matter done at once: one succeeds, one event, the other is told it changed', async () => {
    const id = await matter({ status: 'in_progress' });
    const replies = await Promise.all([
      move(hand.token, id, 'done', '我修好了'),
      move(hand2.token, id, 'done', '我也修好了'),
      move(hand.token, id, 'done', '再点一次'),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const events = await t.app.database.db
      .select()
      .from(postEvents)
      .where(and(eq(postEvents.postId, id), eq(postEvents.toStatus, 'done')));
    expect(events).toHaveLength(1);
    expect(await auditRows(t.app, 'matter.finish', id)).toHaveLength(1);
  });
});

describe('转交 (route)', () => {
  it('a moderator hands a committee matter to 物业 with a note; then the handler sees and works it', async () => {
    const id = await matter({ route: 'committee' });
    expect((await t.app.call('GET', path(id), { token: hand.token })).status).toBe(404);
    const res = await t.app.call('POST', path(id, '/route'), {
      token: mod.token,
      body: { route: 'property', note: '路灯归物业管' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ route: 'property', status: 'accepted' });
    expect(res.body.timeline.at(-1)).toMatchObject({ note: '转给物业：路灯归物业管', actorLabel: '居委会' });
    const [audit] = await auditRows(t.app, 'matter.reassign', id);
    expect(audit).toMatchObject({ before: { route: 'committee' }, after: { route: 'property' } });
    expect((await t.app.call('GET', path(id), { token: hand.token })).status).toBe(200);
    // A handler cannot hand it back.
    const back = await t.app.call('POST', path(id, '/route'), {
      token: hand.token,
      body: { route: 'committee', note: '不归我们' },
    });
    expect(back.status).toBe(403);
    // The same side again, or a done matter, is not a move.
    const same = await t.app.call('POST', path(id, '/route'), {
      token: mod.token,
      body: { route: 'property', note: '再转一次' },
    });
    expect(same.status).toBe(409);
    const done = await matter({ route: 'property', status: 'done' });
    const late = await t.app.call('POST', path(done, '/route'), {
      token: mod.token,
      body: { route: 'committee', note: '转回来' },
    });
    expect(late.status).toBe(409);
    const noNote = await t.app.call('POST', path(id, '/route'), { token: mod.token, body: { route: 'committee' } });
    expect(noNote.status).toBe(400);
  });
});

describe('figures', () => {
  it('GET …/matters/stats: by China-time month and category, computed in SQL on a fixed dataset', async () => {
    const c = await createCommunity(t.app, '统计社区');
    const m = await staff(t.app, { community: c });
    t.app.clock.set(new Date('2026-11-20T04:00:00Z'));
    const h = (at: string, hours: number) => new Date(new Date(at).getTime() + hours * 3_600_000);
    const at = (iso: string) => new Date(iso);
    // China 11-01 01:00: November.
    await matter({
      community: c,
      createdAt: at('2026-10-31T17:00:00Z'),
      firstReplyAt: h('2026-10-31T17:00:00Z', 2),
      doneAt: h('2026-10-31T17:00:00Z', 10),
      status: 'done',
      rating: 5,
    });
    await matter({
      community: c,
      createdAt: at('2026-10-15T00:00:00Z'),
      firstReplyAt: h('2026-10-15T00:00:00Z', 4),
      doneAt: h('2026-10-15T00:00:00Z', 20),
      status: 'resolved',
      reopenCount: 1,
      rating: 3,
    });
    await matter({
      community: c,
      category: 'leak',
      createdAt: at('2026-10-20T00:00:00Z'),
      firstReplyAt: h('2026-10-20T00:00:00Z', 6),
      status: 'in_progress',
    });
    // China 10-31 23:00: still October.
    await matter({
      community: c,
      createdAt: at('2026-10-31T15:00:00Z'),
      firstReplyAt: h('2026-10-31T15:00:00Z', 8),
      doneAt: h('2026-10-31T15:00:00Z', 30),
      status: 'done',
    });
    // Before the window.
    await matter({ community: c, createdAt: at('2026-08-01T00:00:00Z'), firstReplyAt: h('2026-08-01T00:00:00Z', 1) });
    // Board posts: first official reply after 1 h and 3 h, one unanswered.
    for (const [hours, i] of [
      [1, 0],
      [3, 1],
      [null, 2],
    ] as const) {
      const created = at(`2026-10-0${i + 1}T00:00:00Z`);
      await t.app.database.db.insert(posts).values({
        communityId: c.id,
        kind: 'post',
        category: 'help',
        authorLabel: '邻居',
        body: `留言${i}`,
        bodyHash: `stats-${i}`,
        status: hours === null ? 'awaiting_reply' : 'replied',
        createdAt: created,
        firstReplyAt: hours === null ? null : h(created.toISOString(), hours),
      });
    }

    const res = await t.app.call('GET', `/api/committees/${c.id}/matters/stats?months=2`, { token: m.token });
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2026-10', '2026-11']);
    expect(res.body.matters).toEqual([
      {
        month: '2026-10',
        category: null,
        count: 3,
        medianFirstReplyHours: 6,
        medianDoneHours: 25,
        reopenRate: 0.5,
        averageRating: 3,
        rated: 1,
      },
      {
        month: '2026-10',
        category: 'lighting',
        count: 2,
        medianFirstReplyHours: 6,
        medianDoneHours: 25,
        reopenRate: 0.5,
        averageRating: 3,
        rated: 1,
      },
      {
        month: '2026-10',
        category: 'leak',
        count: 1,
        medianFirstReplyHours: 6,
        medianDoneHours: null,
        reopenRate: null,
        averageRating: null,
        rated: 0,
      },
      {
        month: '2026-11',
        category: null,
        count: 1,
        medianFirstReplyHours: 2,
        medianDoneHours: 10,
        reopenRate: 0,
        averageRating: 5,
        rated: 1,
      },
      {
        month: '2026-11',
        category: 'lighting',
        count: 1,
        medianFirstReplyHours: 2,
        medianDoneHours: 10,
        reopenRate: 0,
        averageRating: 5,
        rated: 1,
      },
    ]);
    expect(res.body.posts).toEqual([{ month: '2026-10', count: 3, medianFirstReplyHours: 2 }]);

    // 工作台: open (已受理, 处理中: the leak and August's), done this month (both November
    // 已办结: the first at 11-01 03:00Z, the 10-31 one after 30 hours) and this month's ratings.
    const dash = await t.app.call('GET', `/api/committees/${c.id}/dashboard`, { token: m.token });
    expect(dash.body.matters).toEqual({ open: 2, doneThisMonth: 2, averageRating: 5 });

    const bad = await t.app.call('GET', `/api/committees/${c.id}/matters/stats?months=30`, { token: m.token });
    expect(bad.status).toBe(400);
    t.app.clock.set(new Date());
  });

  it('GET …/matters.xlsx: one row per matter, read back', async () => {
    const id = await matter({ category: 'fire_lane' });
    await move(hand.token, id, 'done', '车已挪走');
    const res = await fetch(`${t.app.url}${path()}.xlsx`, { headers: { authorization: `Bearer ${mod.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('小事快办') as ExcelJS.Worksheet;
    expect(sheet).toBeTruthy();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '编号',
      '类别',
      '地点',
      '内容',
      '报告时间',
      '状态',
      '处理方',
      '处理人',
      '首次响应',
      '办结时间',
      '重新打开次数',
      '评分',
      '评价',
    ]);
    const [count] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from posts where community_id = ${a.id} and kind = 'matter'`;
    expect(sheet.rowCount).toBe(count.n + 1);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 3)).toEqual([id, '消防通道']);
    expect(row[6]).toBe('已办结');
    expect(row[7]).toBe('物业');
    expect(row[8]).toMatch(/^工作人员/);
  });
});
