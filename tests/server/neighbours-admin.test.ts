/**
 * 找邻居, the committee's side (docs/decisions/024-neighbours.md): figures on a fixed dataset
 * (weeks on a moved clock), the admin card list showing only what neighbours see and finding
 * only by shown fields, hiding and restoring a tag (audit row, the owner's message), 能人库 and
 * its Excel copy with the consent record, and who may call each route. Cards, consents and
 * contacts are inserted directly, so nothing here depends on the residents' routes.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  contentReports,
  memberships,
  neighbourBlocks,
  neighbourCards,
  neighbourConsents,
  neighbourContacts,
  neighbourMessages,
} from '../../server/db/schema';
import { type CardRow, cardView, selectCards } from '../../server/features/neighbours/views';
import { formatDateTime } from '../../shared/domain/labels';
import { NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import { neighbourFields } from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, formerMember, resident, staff } from '../helpers/fixtures';

const t = useTestApp();

type User = { token: string; userId: number };
let a: CommunityFixture;
let b: CommunityFixture;
let r1: User;
let r2: User;
let r3: User;
let r4: User;
let left: User;
let rb: User;
let mod: User;
let modB: User;
const card: Record<string, number> = {};

/** A time on a China date. */
const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
/** Wednesday; its week starts on Monday 2026-11-30. */
const NOW = china('2026-12-02');

type CardInsert = typeof neighbourCards.$inferInsert;

/** A card inserted directly: listed, name and building shown, the rest as given. */
async function insertCard(c: CommunityFixture, userId: number, householdIndex: number, over: Partial<CardInsert>) {
  const [row] = await t.app.database.db
    .insert(neighbourCards)
    .values({
      communityId: c.id,
      userId,
      householdId: c.householdIds[householdIndex],
      buildingId: c.buildingId,
      listed: true,
      listedAt: china('2026-11-01'),
      displayName: '邻居',
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      ...over,
    })
    .returning({ id: neighbourCards.id });
  return row.id;
}

async function contact(
  c: CommunityFixture,
  from: User,
  to: User,
  values: Partial<typeof neighbourContacts.$inferInsert>,
) {
  const [row] = await t.app.database.db
    .insert(neighbourContacts)
    .values({ communityId: c.id, requesterId: from.userId, addresseeId: to.userId, ...values })
    .returning({ id: neighbourContacts.id });
  return row.id;
}

async function message(c: CommunityFixture, contactId: number, author: User, at: Date, isRequest = false) {
  await t.app.database.db.insert(neighbourMessages).values({
    communityId: c.id,
    contactId,
    authorId: author.userId,
    isRequest,
    body: '私信内容不给居委会看',
    createdAt: at,
  });
}

beforeAll(async () => {
  t.app.clock.set(NOW);
  a = await createCommunity(t.app, '找邻居管理社区');
  b = await createCommunity(t.app, '别的找邻居社区');
  r1 = await resident(t.app, a, 0, '张桂兰');
  r2 = await resident(t.app, a, 1, '李建国');
  r3 = await resident(t.app, a, 2);
  r4 = await resident(t.app, a, 3);
  left = await formerMember(t.app, a, 'left', 4);
  rb = await resident(t.app, b);
  mod = await staff(t.app, { community: a });
  modB = await staff(t.app, { community: b });
  await t.app.database.db
    .update(memberships)
    .set({ phoneEnc: t.app.deps.cipher.encrypt('13800001111') })
    .where(and(eq(memberships.userId, r1.userId), eq(memberships.communityId, a.id)));

  card.r1 = await insertCard(a, r1.userId, 0, {
    displayName: '王阿姨',
    intro: '秘密介绍只给自己看',
    showIntro: false,
    tags: ['会修电器', '团长'],
    showTags: true,
    canHelp: ['修电扇'],
    showHelp: true,
    serve: true,
    serveSince: china('2026-11-20'),
  });
  card.r2 = await insertCard(a, r2.userId, 1, {
    displayName: '李师傅',
    showName: false,
    intro: '我会修自行车',
    showIntro: true,
    tags: ['会修电器', '懂法律'],
    hiddenTags: ['懂法律'],
    showTags: true,
    serve: true,
    serveSince: china('2026-11-21', '08:30'),
  });
  // Tags stored but not shown: never a way to find this card.
  card.r3 = await insertCard(a, r3.userId, 2, { displayName: '赵老师', tags: ['会修电器', '教师'], showTags: false });
  card.r4 = await insertCard(a, r4.userId, 3, { listed: false, tags: ['团长'], showTags: true, showRoom: true });
  // Someone who left: counted nowhere, listed nowhere.
  card.left = await insertCard(a, left.userId, 4, { tags: ['会修电器'], showTags: true, serve: true });
  card.b = await insertCard(b, rb.userId, 0, {
    displayName: '乙社区的人',
    tags: ['会修电器'],
    showTags: true,
    serve: true,
  });

  // r1 offered, took it back, offered again under the current words: the latest counts.
  await t.app.database.db.insert(neighbourConsents).values([
    {
      communityId: a.id,
      userId: r1.userId,
      field: 'serve',
      granted: true,
      textVersion: '2026-11-v0',
      createdAt: china('2026-11-10'),
    },
    {
      communityId: a.id,
      userId: r1.userId,
      field: 'serve',
      granted: false,
      textVersion: '2026-11-v0',
      createdAt: china('2026-11-15'),
    },
    {
      communityId: a.id,
      userId: r1.userId,
      field: 'serve',
      granted: true,
      textVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: china('2026-11-20', '09:15'),
    },
    {
      communityId: a.id,
      userId: r1.userId,
      field: 'tags',
      granted: true,
      textVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: china('2026-11-25'),
    },
  ]);

  // Contacts over the weeks (Monday 2026-11-30 starts the current week).
  const c1 = await contact(a, r1, r2, {
    state: 'accepted',
    createdAt: china('2026-12-01', '09:00'),
    decidedAt: china('2026-12-01'),
    requesterPhoneEnc: t.app.deps.cipher.encrypt('13800001111'),
  });
  await message(a, c1, r1, china('2026-12-01', '09:00'), true);
  await message(a, c1, r2, china('2026-12-01', '11:00'));
  await message(a, c1, r1, china('2026-12-02', '08:00'));
  // Asked late on Sunday, accepted just after midnight: two different weeks.
  const c2 = await contact(a, r3, r1, {
    state: 'closed',
    createdAt: china('2026-11-29', '23:30'),
    decidedAt: china('2026-11-30', '00:30'),
    closedAt: china('2026-12-01'),
    closedBy: r3.userId,
  });
  await message(a, c2, r1, china('2026-11-30', '00:40'));
  await contact(a, r2, r3, { state: 'declined', createdAt: china('2026-11-24'), decidedAt: china('2026-11-25') });
  await contact(a, r4, r1, { state: 'withdrawn', createdAt: china('2026-10-01'), decidedAt: china('2026-10-02') });
  const c5 = await contact(a, r4, r3, {
    state: 'accepted',
    createdAt: china('2026-11-10'),
    decidedAt: china('2026-11-11'),
    addresseeWechatEnc: t.app.deps.cipher.encrypt('wx_zhao'),
  });
  await message(a, c5, r4, china('2026-11-12'));
  // Another community's activity never counts here.
  const cb = await contact(b, rb, rb, {
    state: 'accepted',
    createdAt: china('2026-12-01'),
    decidedAt: china('2026-12-01'),
  });
  await message(b, cb, rb, china('2026-12-01', '12:00'));

  await t.app.database.db.insert(neighbourBlocks).values([
    { communityId: a.id, blockerId: r2.userId, blockedId: r4.userId, label: '邻居' },
    { communityId: b.id, blockerId: rb.userId, blockedId: r1.userId, label: '邻居' },
  ]);
  await t.app.database.db.insert(contentReports).values([
    { communityId: a.id, subject: 'neighbour_card', subjectId: card.r1, reporterId: r2.userId, reason: 'ad' },
    {
      communityId: a.id,
      subject: 'neighbour_card',
      subjectId: card.r1,
      reporterId: r3.userId,
      reason: 'ad',
      settledAt: NOW,
    },
    { communityId: a.id, subject: 'neighbour_message', subjectId: c1, reporterId: r2.userId, reason: 'abuse' },
    // Not 找邻居's.
    { communityId: a.id, subject: 'post', subjectId: 999_999, reporterId: r2.userId, reason: 'ad' },
  ]);
  await t.app.database.db.update(neighbourCards).set({ reportCount: 2 }).where(eq(neighbourCards.id, card.r1));
});

const adminPath = (c: CommunityFixture | number, rest: string) =>
  `/api/committees/${typeof c === 'number' ? c : c.id}/neighbour-admin/${rest}`;

describe('figures', () => {
  it('counts the cards of approved members, each switch, top tags, weeks, blocks and open reports', async () => {
    t.app.clock.set(NOW);
    const res = await t.app.call('GET', adminPath(a, 'figures'), { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cards: 4, listed: 3, serve: 2, blocks: 1, openReports: 2 });
    expect(res.body.switchesOn).toEqual({
      listed: 3,
      name: 3,
      avatar: 0,
      building: 4,
      room: 1,
      intro: 1,
      tags: 3,
      help: 1,
      serve: 2,
      share_phone: 1,
      share_wechat: 1,
    });
    expect(Object.keys(res.body.switchesOn).sort()).toEqual([...neighbourFields].sort());
    // Listed cards showing their tags: r1 (会修电器, 团长), r2 (会修电器; 懂法律 hidden). Not r3 (switch
    // off), r4 (not listed), nor the one who left.
    expect(res.body.topTags).toEqual([
      { tag: '会修电器', count: 2 },
      { tag: '团长', count: 1 },
    ]);
    expect(res.body.weeks).toEqual([
      { weekStart: '2026-10-12', requests: 0, accepted: 0, messages: 0 },
      { weekStart: '2026-10-19', requests: 0, accepted: 0, messages: 0 },
      { weekStart: '2026-10-26', requests: 0, accepted: 0, messages: 0 },
      { weekStart: '2026-11-02', requests: 0, accepted: 0, messages: 0 },
      { weekStart: '2026-11-09', requests: 1, accepted: 1, messages: 1 },
      { weekStart: '2026-11-16', requests: 0, accepted: 0, messages: 0 },
      { weekStart: '2026-11-23', requests: 2, accepted: 0, messages: 0 },
      { weekStart: '2026-11-30', requests: 1, accepted: 2, messages: 3 },
    ]);
    // Counts only: no words of a thread.
    expect(JSON.stringify(res.body)).not.toContain('私信内容');
  });

  it('the weeks follow the clock: the next Monday starts a new, empty week', async () => {
    t.app.clock.set(china('2026-12-07', '00:05'));
    try {
      const res = await t.app.call('GET', adminPath(a, 'figures'), { token: mod.token });
      expect(res.body.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual([
        '2026-10-19',
        '2026-10-26',
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
        '2026-11-30',
        '2026-12-07',
      ]);
      expect(res.body.weeks[6]).toEqual({ weekStart: '2026-11-30', requests: 1, accepted: 2, messages: 3 });
      expect(res.body.weeks[7]).toEqual({ weekStart: '2026-12-07', requests: 0, accepted: 0, messages: 0 });
    } finally {
      t.app.clock.set(NOW);
    }
  });
});

describe('the admin card list', () => {
  const list = async (query = '') => {
    const res = await t.app.call('GET', `${adminPath(a, 'cards')}${query}`, { token: mod.token });
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[]; nextCursor: string | null };
  };

  it('shows listed cards of approved members as neighbours see them, with state, reports and hidden tags', async () => {
    const { items, nextCursor } = await list();
    expect(items.map((i) => i.id)).toEqual([card.r3, card.r2, card.r1]);
    expect(nextCursor).toBeNull();
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(card.r1)).toEqual({
      id: card.r1,
      displayName: '王阿姨',
      avatarUrl: null,
      building: '1号楼',
      room: null,
      intro: null,
      tags: ['会修电器', '团长'],
      canHelp: ['修电扇'],
      needHelp: [],
      sameBuilding: false,
      state: 'visible',
      hiddenTags: [],
      reportCount: 2,
      listed: true,
    });
    expect(byId.get(card.r2)).toMatchObject({
      displayName: null,
      intro: '我会修自行车',
      tags: ['会修电器'],
      hiddenTags: ['懂法律'],
    });
    expect(byId.get(card.r3)).toMatchObject({ displayName: '赵老师', tags: [] });
    // What a switch keeps from neighbours, it keeps from the committee too.
    const json = JSON.stringify(items);
    for (const secret of ['秘密介绍', '李师傅', '教师', '1单元']) expect(json).not.toContain(secret);
  });

  it('finds by tag only where the card shows its tags (a hidden tag still, to show it again)', async () => {
    expect((await list(`?tag=${encodeURIComponent('会修电器')}`)).items.map((i) => i.id)).toEqual([card.r2, card.r1]);
    expect((await list(`?tag=${encodeURIComponent('教师')}`)).items).toEqual([]);
    expect((await list(`?tag=${encodeURIComponent('懂法律')}`)).items.map((i) => i.id)).toEqual([card.r2]);
    // r4 shows 团长 but is not listed.
    expect((await list(`?tag=${encodeURIComponent('团长')}`)).items.map((i) => i.id)).toEqual([card.r1]);
  });

  it('finds by name only where the card shows its name', async () => {
    expect((await list(`?q=${encodeURIComponent('王')}`)).items.map((i) => i.id)).toEqual([card.r1]);
    expect((await list(`?q=${encodeURIComponent('李')}`)).items).toEqual([]);
    expect((await list(`?q=${encodeURIComponent('%')}`)).items).toEqual([]);
  });

  it('pages by id, newest first', async () => {
    const first = await list('?limit=2');
    expect(first.items.map((i) => i.id)).toEqual([card.r3, card.r2]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.nextCursor as string)}`);
    expect(second.items.map((i) => i.id)).toEqual([card.r1]);
    expect(second.nextCursor).toBeNull();
    const bad = await t.app.call('GET', `${adminPath(a, 'cards')}?cursor=xyz`, { token: mod.token });
    expect(bad.status).toBe(400);
  });
});

describe('hiding and restoring a tag', () => {
  const move = (verb: 'hide-tag' | 'restore-tag', body: unknown, cardId = card.r1, c: CommunityFixture = a) =>
    t.app.call('POST', adminPath(c, `cards/${cardId}/${verb}`), { token: mod.token, body });

  it('hides the tag from everyone, audited with the reason, and tells the owner', async () => {
    const res = await move('hide-tag', { tag: '团长', reason: '没有担任团长' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: card.r1, tags: ['会修电器'], hiddenTags: ['团长'] });

    const [audit] = await t.app.database.sql`
      select actor_id, target_type, target_id, after from audit_log
      where action = 'neighbour.hide_tag' and community_id = ${a.id}`;
    expect(audit).toMatchObject({ actor_id: mod.userId, target_type: 'neighbour_card', target_id: card.r1 });
    expect(audit.after).toMatchObject({ tag: '团长', reason: '没有担任团长', hiddenTags: ['团长'] });

    const [msg] = await t.app.database.sql`
      select title, body, link from messages where user_id = ${r1.userId} and kind = 'neighbour.hide_tag'`;
    expect(msg.body).toContain('您名片上的标签“团长”已被居委会隐藏');
    expect(msg.body).toContain('没有担任团长');
    expect(msg.link).toBe(`/packages/neighbours/me/index?communityId=${a.id}`);

    // Neighbours no longer see it (the one rule every reply goes through), nor count it.
    const [row] = await selectCards(t.app.deps.database.db).where(eq(neighbourCards.id, card.r1));
    expect(row.hiddenTags).toEqual(['团长']);
    expect(cardView(t.app.deps, row as CardRow, a.buildingId).tags).toEqual(['会修电器']);
    const figures = await t.app.call('GET', adminPath(a, 'figures'), { token: mod.token });
    expect(figures.body.topTags).toEqual([{ tag: '会修电器', count: 2 }]);
    const talents = await t.app.call('GET', adminPath(a, 'talents'), { token: mod.token });
    expect(talents.body.items.find((i: { cardId: number }) => i.cardId === card.r1).tags).toEqual(['会修电器']);

    // Hiding it again, or a tag the card does not have, is a stale move.
    const again = await move('hide-tag', { tag: '团长' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(again.body.error.message).toMatch(/已经隐藏/);
    const missing = await move('hide-tag', { tag: '医护' });
    expect(missing.status).toBe(409);
    expect(missing.body.error.message).toMatch(/没有这个标签/);
  });

  it('restores it, audited; restoring a shown tag is refused', async () => {
    const res = await move('restore-tag', { tag: '团长' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tags: ['会修电器', '团长'], hiddenTags: [] });
    const audit = await t.app.database.sql`
      select after from audit_log where action = 'neighbour.restore_tag' and target_id = ${card.r1}`;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ tag: '团长', hiddenTags: [] });
    const again = await move('restore-tag', { tag: '团长' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
  });

  it('another community’s card is not found from here', async () => {
    expect((await move('hide-tag', { tag: '会修电器' }, card.b)).status).toBe(404);
  });
});

describe('能人库', () => {
  it('lists who offered to serve, with real name, phone, room and the latest consent', async () => {
    const res = await t.app.call('GET', adminPath(a, 'talents'), { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        cardId: card.r1,
        displayName: '王阿姨',
        realName: '张桂兰',
        phone: '13800001111',
        building: '1号楼',
        unitRoom: '1单元 101室',
        tags: ['会修电器', '团长'],
        canHelp: ['修电扇'],
        // Not named in the 能人库 consent and switched off for neighbours.
        intro: null,
        consentedAt: china('2026-11-20', '09:15').toISOString(),
        consentVersion: NEIGHBOUR_CONSENT_VERSION,
      },
      {
        cardId: card.r2,
        displayName: '李师傅',
        realName: '李建国',
        phone: null,
        building: '1号楼',
        unitRoom: '1单元 102室',
        tags: ['会修电器'],
        canHelp: [],
        intro: '我会修自行车',
        // No consent row: the time the switch was turned on, under the card's version.
        consentedAt: china('2026-11-21', '08:30').toISOString(),
        consentVersion: NEIGHBOUR_CONSENT_VERSION,
      },
    ]);
    const byTag = await t.app.call('GET', `${adminPath(a, 'talents')}?tag=${encodeURIComponent('团长')}`, {
      token: mod.token,
    });
    expect(byTag.body.items.map((i: { cardId: number }) => i.cardId)).toEqual([card.r1]);
    // A hidden tag finds nobody.
    const hidden = await t.app.call('GET', `${adminPath(a, 'talents')}?tag=${encodeURIComponent('懂法律')}`, {
      token: mod.token,
    });
    expect(hidden.body.items).toEqual([]);
  });

  it('exports the same as an Excel file with the consent record, and the export is audited', async () => {
    const res = await fetch(`${t.app.url}${adminPath(a, 'talents.xlsx')}`, {
      headers: { authorization: `Bearer ${mod.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('能人库-2026-12-02.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    wb.getWorksheet('能人库')?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toEqual([
      ['称呼', '姓名', '电话', '楼栋', '单元房号', '会做的事', '可以帮忙', '自我介绍', '同意时间', '同意文本版本'],
      [
        '王阿姨',
        '张桂兰',
        '13800001111',
        '1号楼',
        '1单元 101室',
        '会修电器、团长',
        '修电扇',
        '',
        formatDateTime(china('2026-11-20', '09:15').toISOString()),
        NEIGHBOUR_CONSENT_VERSION,
      ],
      [
        '李师傅',
        '李建国',
        '',
        '1号楼',
        '1单元 102室',
        '会修电器',
        '',
        '我会修自行车',
        formatDateTime(china('2026-11-21', '08:30').toISOString()),
        NEIGHBOUR_CONSENT_VERSION,
      ],
    ]);
    expect(rows[1][8]).toBe('2026年11月20日 09:15');
    const audit = await t.app.database.sql`
      select actor_id, target_type, target_id, after from audit_log
      where action = 'neighbour.export_talents' and community_id = ${a.id}`;
    expect(audit).toEqual([{ actor_id: mod.userId, target_type: 'community', target_id: a.id, after: { rows: 2 } }]);
  });
});

describe('who may call', () => {
  const routes = () =>
    [
      ['GET', adminPath(a, 'figures'), undefined],
      ['GET', adminPath(a, 'cards'), undefined],
      ['POST', adminPath(a, `cards/${card.r1}/hide-tag`), { tag: '会修电器' }],
      ['POST', adminPath(a, `cards/${card.r1}/restore-tag`), { tag: '会修电器' }],
      ['GET', adminPath(a, 'talents'), undefined],
      ['GET', adminPath(a, 'talents.xlsx'), undefined],
    ] as const;

  it('a resident of the community gets 403, another community’s moderator 404, on every admin route', async () => {
    for (const [method, path, body] of routes()) {
      expect((await t.app.call(method, path, { token: r1.token, body })).status, `${method} ${path}`).toBe(403);
      expect((await t.app.call(method, path, { token: modB.token, body })).status, `${method} ${path}`).toBe(404);
      expect((await t.app.call(method, path, { body })).status, `${method} ${path}`).toBe(401);
    }
    // Nothing was changed or exported by them.
    const [hidden] = await t.app.database.sql`select hidden_tags from neighbour_cards where id = ${card.r1}`;
    expect(hidden.hidden_tags).toEqual([]);
    const exports = await t.app.database.sql`
      select actor_id from audit_log where action = 'neighbour.export_talents' and actor_id in (${r1.userId}, ${modB.userId})`;
    expect(exports).toEqual([]);
  });

  it('another community’s moderator sees only their own community', async () => {
    const res = await t.app.call('GET', adminPath(b, 'talents'), { token: modB.token });
    expect(res.body.items.map((i: { cardId: number }) => i.cardId)).toEqual([card.b]);
    const figures = await t.app.call('GET', adminPath(b, 'figures'), { token: modB.token });
    expect(figures.body).toMatchObject({ cards: 1, listed: 1, blocks: 1, openReports: 0 });
  });
});
