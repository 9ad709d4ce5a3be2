/**
 * 找邻居, the cards part (docs/decisions/024-neighbours.md): my card with its defaults, saving
 * (screening, mutes, avatars, free tags, the consent log, stale texts), the directory's filters
 * honouring the switches, 同楼 first, keyset paging, the daily ceiling under concurrency,
 * blocks both ways, who is absent (pending, left, another community), leaving, my consents.
 */

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boardMutes,
  buildings,
  households,
  memberships,
  neighbourBlocks,
  neighbourCards,
  neighbourConsents,
  neighbourContacts,
  neighbourDailyViews,
  neighbourMessages,
  screeningWords,
  users,
} from '../../server/db/schema';
import { directoryCard, myCardReply, NEIGHBOUR_DAILY_CARDS } from '../../shared/contracts/neighbours';
import { NEIGHBOUR_CONSENT_VERSION, neighbourConsentTexts } from '../../shared/domain/neighbour-card';
import { useTestApp } from '../helpers/app';
import {
  type CommunityFixture,
  createCommunity,
  formerMember,
  pendingUser,
  resident,
  staff,
} from '../helpers/fixtures';
import { cardBody, mePath, saveCard } from '../helpers/neighbours';
import { insertUpload } from '../helpers/screening';

const t = useTestApp();
let a: CommunityFixture;
let b: CommunityFixture;

const dir = (c: CommunityFixture | number, qs = '') =>
  `/api/committees/${typeof c === 'number' ? c : c.id}/neighbours${qs}`;
const cardPath = (c: CommunityFixture, id: number) => `${dir(c)}/cards/${id}`;
type Person = { token: string; userId: number };

async function consentsOf(userId: number) {
  return t.app.database.db
    .select()
    .from(neighbourConsents)
    .where(eq(neighbourConsents.userId, userId))
    .orderBy(neighbourConsents.id);
}

async function idsOf(token: string, c: CommunityFixture, qs = ''): Promise<number[]> {
  const res = await t.app.call('GET', dir(c, qs), { token });
  expect(res.status).toBe(200);
  return res.body.items.map((i: { id: number }) => i.id);
}

async function resetViews() {
  await t.app.database.db.delete(neighbourDailyViews);
}

beforeAll(async () => {
  a = await createCommunity(t.app, '邻居甲社区');
  b = await createCommunity(t.app, '邻居乙社区');
}, 60_000);

describe('my card', () => {
  it('answers the defaults before the first save, with the nickname and the household', async () => {
    const me = await resident(t.app, a, 0);
    await t.app.database.db.update(users).set({ nickname: '小王' }).where(eq(users.id, me.userId));
    const res = await t.app.call('GET', mePath(a), { token: me.token });
    expect(res.status).toBe(200);
    expect(myCardReply.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      id: null,
      listed: false,
      displayName: '小王',
      showName: true,
      showBuilding: true,
      showRoom: false,
      showTags: false,
      buildingName: '1号楼',
      unitRoom: '1单元 101室',
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      updatedAt: null,
    });
    expect(res.body.preview).toMatchObject({ displayName: '小王', building: '1号楼', room: null, sameBuilding: false });
    expect(await consentsOf(me.userId)).toEqual([]);
  });

  it('saves the whole card, logs every switch on the first save and only changes after', async () => {
    const me = await resident(t.app, a, 1);
    const res = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ displayName: '李叔', intro: '退休电工', showIntro: true, tags: ['会修电器'] }),
    });
    expect(res.status).toBe(200);
    expect(myCardReply.safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({ listed: true, displayName: '李叔', intro: '退休电工', state: 'visible' });
    // The preview is what a neighbour of another building sees: tags are switched off.
    expect(res.body.preview).toMatchObject({ displayName: '李叔', intro: '退休电工', tags: [], building: '1号楼' });
    const first = await consentsOf(me.userId);
    expect(first.map((c) => [c.field, c.granted])).toEqual(
      expect.arrayContaining([
        ['listed', true],
        ['name', true],
        ['avatar', false],
        ['building', true],
        ['room', false],
        ['intro', true],
        ['tags', false],
        ['help', false],
        ['serve', false],
      ]),
    );
    expect(first).toHaveLength(9);
    expect(first.every((c) => c.textVersion === NEIGHBOUR_CONSENT_VERSION && c.communityId === a.id)).toBe(true);
    const [card] = await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.id, res.body.id));
    expect(card).toMatchObject({ householdId: a.householdIds[1], buildingId: a.buildingId });
    expect(card.listedAt).not.toBeNull();
    expect(card.serveSince).toBeNull();

    const again = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({
        displayName: '李叔',
        intro: '退休电工',
        showIntro: true,
        showTags: true,
        serve: true,
        tags: ['会修电器'],
      }),
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(res.body.id);
    const after = (await consentsOf(me.userId)).slice(first.length);
    expect(after.map((c) => [c.field, c.granted]).sort()).toEqual([
      ['serve', true],
      ['tags', true],
    ]);
    const [card2] = await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.id, res.body.id));
    expect(card2.serveSince).not.toBeNull();
    const count = await t.app.database.db
      .select()
      .from(neighbourCards)
      .where(and(eq(neighbourCards.communityId, a.id), eq(neighbourCards.userId, me.userId)));
    expect(count).toHaveLength(1);
  });

  it('concurrent first saves make one card', async () => {
    const me = await resident(t.app, a, 2);
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => t.app.call('PUT', mePath(a), { token: me.token, body: cardBody() })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const rows = await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.userId, me.userId));
    expect(rows).toHaveLength(1);
    // Only one save was the first: the other three changed nothing.
    expect(await consentsOf(me.userId)).toHaveLength(9);
  });

  it('refuses a save from an editor that showed older words (409), writing nothing', async () => {
    const me = await resident(t.app, a, 3);
    const res = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ consentVersion: '2020-01-v0' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(res.body.error.message).toBe('页面上的说明已更新，请重新打开再保存');
    expect(await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.userId, me.userId))).toEqual(
      [],
    );
  });

  it('refuses a muted resident (403 BOARD_MUTED)', async () => {
    const me = await resident(t.app, a, 3);
    await t.app.database.db.insert(boardMutes).values({
      communityId: a.id,
      userId: me.userId,
      until: new Date(t.app.clock().getTime() + 86_400_000),
      reason: '辱骂',
    });
    const res = await t.app.call('PUT', mePath(a), { token: me.token, body: cardBody() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BOARD_MUTED');
    expect(await consentsOf(me.userId)).toEqual([]);
  });

  it('refuses screened words in any free text (422) and writes nothing', async () => {
    await t.app.database.db
      .insert(screeningWords)
      .values({ communityId: a.id, word: '卖假药', normalized: '卖假药' })
      .onConflictDoNothing();
    const me = await resident(t.app, a, 4);
    for (const body of [
      cardBody({ intro: '我会卖假药' }),
      cardBody({ tags: ['卖假药'] }),
      cardBody({ canHelp: ['卖假药'] }),
      cardBody({ displayName: '卖假药的' }),
    ]) {
      const res = await t.app.call('PUT', mePath(a), { token: me.token, body });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('CONTENT_REJECTED');
    }
    expect(await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.userId, me.userId))).toEqual(
      [],
    );
    expect(await consentsOf(me.userId)).toEqual([]);
  });

  it('takes the caller’s own image of the community as avatar, and refuses anyone else’s', async () => {
    const me = await resident(t.app, a, 4);
    const other = await resident(t.app, a, 5);
    const inB = await resident(t.app, b, 0);
    const theirs = await insertUpload(t.app, a.id, other.userId);
    const otherCommunity = await insertUpload(t.app, b.id, me.userId);
    const inBOwn = await insertUpload(t.app, b.id, inB.userId);
    for (const id of [theirs, otherCommunity, inBOwn]) {
      const res = await t.app.call('PUT', mePath(a), { token: me.token, body: cardBody({ avatarUploadId: id }) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const mine = await insertUpload(t.app, a.id, me.userId);
    const ok = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ avatarUploadId: mine, showAvatar: true }),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.avatarUploadId).toBe(mine);
    expect(ok.body.avatarUrl).toEqual(expect.any(String));
    expect(ok.body.preview.avatarUrl).toEqual(expect.any(String));
    // Saving again with the same avatar is fine (it is the card's already).
    const again = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ avatarUploadId: mine, showAvatar: false }),
    });
    expect(again.status).toBe(200);
    expect(again.body.preview.avatarUrl).toBeNull();
  });

  it('allows at most three free tags besides the listed ones', async () => {
    const me = await resident(t.app, a, 5);
    const four = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ tags: ['会修电器', '沪语', '养花', '下象棋', '包饺子'] }),
    });
    expect(four.status).toBe(400);
    expect(four.body.error.code).toBe('VALIDATION_FAILED');
    const three = await t.app.call('PUT', mePath(a), {
      token: me.token,
      body: cardBody({ tags: ['会修电器', '养花', '下象棋', '包饺子'] }),
    });
    expect(three.status).toBe(200);
  });

  it('takes the card down: the row is gone, the switches that were on are logged off, contacts stay', async () => {
    const me = await resident(t.app, a, 0);
    const other = await resident(t.app, a, 1);
    const id = await saveCard(t.app, a, me.token, { showTags: true, tags: ['会电脑'] });
    const [contact] = await t.app.database.db
      .insert(neighbourContacts)
      .values({ communityId: a.id, requesterId: other.userId, addresseeId: me.userId, state: 'accepted' })
      .returning();
    const before = (await consentsOf(me.userId)).length;
    const res = await t.app.call('DELETE', mePath(a), { token: me.token });
    expect(res.status).toBe(204);
    expect(await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.id, id))).toEqual([]);
    const off = (await consentsOf(me.userId)).slice(before);
    expect(off.map((c) => [c.field, c.granted]).sort()).toEqual([
      ['building', false],
      ['listed', false],
      ['name', false],
      ['tags', false],
    ]);
    const [still] = await t.app.database.db
      .select()
      .from(neighbourContacts)
      .where(eq(neighbourContacts.id, contact.id));
    expect(still.state).toBe('accepted');
    expect((await t.app.call('DELETE', mePath(a), { token: me.token })).status).toBe(404);
    const fresh = await t.app.call('GET', mePath(a), { token: me.token });
    expect(fresh.body.id).toBeNull();
  });
});

describe('the directory', () => {
  let c: CommunityFixture;
  let viewer: Person;
  let fixer: Person & { card: number };
  let hiddenTags: Person & { card: number };
  let noName: Person & { card: number };
  let noBuilding: Person & { card: number };
  let sameB: Person & { card: number };
  let otherB: Person & { card: number };
  let c2: { id: number; householdId: number };

  beforeAll(async () => {
    c = await createCommunity(t.app, '找邻居丙社区');
    const db = t.app.database.db;
    const [bd] = await db.insert(buildings).values({ communityId: c.id, name: '9号楼' }).returning();
    const [h] = await db
      .insert(households)
      .values({ communityId: c.id, buildingId: bd.id, unit: '2', room: '901', floorArea: 70 })
      .returning();
    c2 = { id: bd.id, householdId: h.id };
    viewer = await resident(t.app, c, 0);
    const mk = async (i: number, o: Parameters<typeof saveCard>[3]) => {
      const p = await resident(t.app, c, i);
      return { ...p, card: await saveCard(t.app, c, p.token, o) };
    };
    fixer = await mk(1, { displayName: '修电器张师傅', showTags: true, tags: ['会修电器'] });
    hiddenTags = await mk(2, { displayName: '隐藏标签', showTags: false, tags: ['会修电器'] });
    noName = await mk(3, { displayName: '不显示名字刘', showName: false });
    noBuilding = await mk(4, { displayName: '不显示楼栋', showBuilding: false });
    // Two in 9号楼.
    const inC2 = async (name: string) => {
      const p = await resident(t.app, c, 5);
      await db.update(memberships).set({ householdId: c2.householdId }).where(eq(memberships.userId, p.userId));
      return { ...p, card: await saveCard(t.app, c, p.token, { displayName: name }) };
    };
    otherB = await inC2('九号楼甲');
    sameB = await mk(5, { displayName: '同楼的' });
    await inC2('九号楼乙');
  }, 60_000);

  it('lists listed cards of others, shaped by their switches, never the caller’s own', async () => {
    await saveCard(t.app, c, viewer.token, { displayName: '看的人' });
    const res = await t.app.call('GET', dir(c), { token: viewer.token });
    expect(res.status).toBe(200);
    for (const item of res.body.items) expect(directoryCard.safeParse(item).success).toBe(true);
    const ids = res.body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([fixer.card, hiddenTags.card, noName.card, noBuilding.card]));
    expect(res.body.items.find((i: { displayName: string }) => i.displayName === '看的人')).toBeUndefined();
    expect(res.body.items.find((i: { id: number }) => i.id === noName.card).displayName).toBeNull();
    expect(res.body.remainingToday).toBe(NEIGHBOUR_DAILY_CARDS - ids.length);
  });

  it('filters by tag, building and name only where the card shows that field', async () => {
    await resetViews();
    expect(await idsOf(viewer.token, c, `?tag=${encodeURIComponent('会修电器')}`)).toEqual([fixer.card]);
    expect(await idsOf(viewer.token, c, `?q=${encodeURIComponent('修电器')}`)).toEqual([fixer.card]);
    expect(await idsOf(viewer.token, c, `?q=${encodeURIComponent('不显示名字')}`)).toEqual([]);
    expect(await idsOf(viewer.token, c, `?q=${encodeURIComponent('不显示楼栋')}`)).toEqual([noBuilding.card]);
    const building1 = await idsOf(viewer.token, c, `?buildingId=${c.buildingId}`);
    expect(building1).toEqual(expect.arrayContaining([fixer.card, hiddenTags.card, noName.card, sameB.card]));
    expect(building1).not.toContain(noBuilding.card);
    expect(await idsOf(viewer.token, c, `?buildingId=${c2.id}`)).toHaveLength(2);
    // % and _ are taken literally.
    expect(await idsOf(viewer.token, c, `?q=${encodeURIComponent('%')}`)).toEqual([]);
    // A tag a moderator hid is not a way to find the card either.
    await t.app.database.db
      .update(neighbourCards)
      .set({ hiddenTags: ['会修电器'] })
      .where(eq(neighbourCards.id, fixer.card));
    expect(await idsOf(viewer.token, c, `?tag=${encodeURIComponent('会修电器')}`)).toEqual([]);
    await t.app.database.db.update(neighbourCards).set({ hiddenTags: [] }).where(eq(neighbourCards.id, fixer.card));
  });

  it('puts 同楼 first, only for cards that show their building', async () => {
    await resetViews();
    const res = await t.app.call('GET', dir(c), { token: otherB.token });
    const items = res.body.items as { id: number; sameBuilding: boolean; displayName: string }[];
    expect(items[0]).toMatchObject({ displayName: '九号楼乙', sameBuilding: true });
    expect(items.filter((i) => i.sameBuilding)).toHaveLength(1);
    // Viewer in 1号楼: 1号楼 cards that show it come first; the one hiding its building after them.
    const mine = (await t.app.call('GET', dir(c), { token: viewer.token })).body.items as typeof items;
    const firstOther = mine.findIndex((i) => !i.sameBuilding);
    expect(mine.slice(firstOther).every((i) => !i.sameBuilding)).toBe(true);
    expect(mine.find((i) => i.id === noBuilding.card)?.sameBuilding).toBe(false);
    expect(mine.findIndex((i) => i.id === noBuilding.card)).toBeGreaterThanOrEqual(firstOther);
    expect(mine.find((i) => i.id === sameB.card)?.sameBuilding).toBe(true);
  });

  it('facets count listed cards per shown tag and shown building', async () => {
    const res = await t.app.call('GET', dir(c, '/facets'), { token: viewer.token });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual([{ tag: '会修电器', count: 1 }]);
    expect(res.body.buildings).toEqual(
      expect.arrayContaining([
        { id: c.buildingId, name: '1号楼', count: 5 },
        { id: c2.id, name: '9号楼', count: 2 },
      ]),
    );
    expect(res.body).toMatchObject({ myBuildingId: c.buildingId, listed: true });
  });

  it('blocked either way: gone from the directory and from the card link', async () => {
    await resetViews();
    const db = t.app.database.db;
    const [blk] = await db
      .insert(neighbourBlocks)
      .values({ communityId: c.id, blockerId: fixer.userId, blockedId: viewer.userId, label: '看的人' })
      .returning();
    expect(await idsOf(viewer.token, c)).not.toContain(fixer.card);
    expect((await t.app.call('GET', cardPath(c, fixer.card), { token: viewer.token })).status).toBe(404);
    const viewerCard = (await t.app.call('GET', mePath(c), { token: viewer.token })).body.id;
    expect(await idsOf(fixer.token, c)).not.toContain(viewerCard);
    expect((await t.app.call('GET', cardPath(c, viewerCard), { token: fixer.token })).status).toBe(404);
    await db.delete(neighbourBlocks).where(eq(neighbourBlocks.id, blk.id));
    // The other direction.
    await db
      .insert(neighbourBlocks)
      .values({ communityId: c.id, blockerId: viewer.userId, blockedId: fixer.userId, label: '张师傅' });
    expect(await idsOf(viewer.token, c)).not.toContain(fixer.card);
    expect((await t.app.call('GET', cardPath(c, fixer.card), { token: viewer.token })).status).toBe(404);
    expect(await idsOf(fixer.token, c)).not.toContain(viewerCard);
    await db.delete(neighbourBlocks).where(eq(neighbourBlocks.blockerId, viewer.userId));
    const ok = await t.app.call('GET', cardPath(c, fixer.card), { token: viewer.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: fixer.card, displayName: '修电器张师傅', contact: null });
  });

  it('the card link: own card answers its preview; unlisted, held and other communities’ are 404', async () => {
    const own = (await t.app.call('GET', mePath(c), { token: viewer.token })).body;
    const mine = await t.app.call('GET', cardPath(c, own.id), { token: viewer.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ ...own.preview, contact: null });
    const p = await resident(t.app, c, 0);
    const unlisted = await saveCard(t.app, c, p.token, { listed: false });
    expect((await t.app.call('GET', cardPath(c, unlisted), { token: viewer.token })).status).toBe(404);
    await t.app.database.db
      .update(neighbourCards)
      .set({ listed: true, state: 'held', heldReason: 'wechat_review' })
      .where(eq(neighbourCards.id, unlisted));
    expect((await t.app.call('GET', cardPath(c, unlisted), { token: viewer.token })).status).toBe(404);
    expect(await idsOf(viewer.token, c)).not.toContain(unlisted);
    // The same card id asked through another community.
    expect((await t.app.call('GET', cardPath(a, fixer.card), { token: viewer.token })).status).toBe(404);
    const inA = await resident(t.app, a, 0);
    expect((await t.app.call('GET', cardPath(c, fixer.card), { token: inA.token })).status).toBe(404);
    expect((await t.app.call('GET', dir(c), { token: inA.token })).status).toBe(404);
  });

  it('the contact between the caller and each card rides along', async () => {
    await resetViews();
    const db = t.app.database.db;
    const [k] = await db
      .insert(neighbourContacts)
      .values({ communityId: c.id, requesterId: viewer.userId, addresseeId: noName.userId, state: 'declined' })
      .returning();
    const res = await t.app.call('GET', dir(c), { token: viewer.token });
    const item = res.body.items.find((i: { id: number }) => i.id === noName.card);
    expect(item.contact).toEqual({ id: k.id, view: 'unavailable' });
    const theirs = await t.app.call('GET', dir(c), { token: noName.token });
    const viewerCard = (await t.app.call('GET', mePath(c), { token: viewer.token })).body.id;
    expect(theirs.body.items.find((i: { id: number }) => i.id === viewerCard).contact).toEqual({
      id: k.id,
      view: 'declined',
    });
  });

  it('pending and former members are absent and cannot browse; leaving removes the card at once', async () => {
    await resetViews();
    const db = t.app.database.db;
    const pend = await pendingUser(t.app, c);
    expect((await t.app.call('GET', dir(c), { token: pend.token })).status).toBe(404);
    expect((await t.app.call('GET', mePath(c), { token: pend.token })).status).toBe(404);
    const gone = await formerMember(t.app, c, 'left');
    // A card whose owner's membership ended without the hook (inserted directly): still never shown.
    const [stale] = await db
      .insert(neighbourCards)
      .values({ communityId: c.id, userId: gone.userId, listed: true, displayName: '走了的', consentVersion: 'x' })
      .returning();
    expect(await idsOf(viewer.token, c)).not.toContain(stale.id);
    expect((await t.app.call('GET', cardPath(c, stale.id), { token: viewer.token })).status).toBe(404);
    const f = await db.select({ n: neighbourCards.id }).from(neighbourCards).where(eq(neighbourCards.id, stale.id));
    expect(f).toHaveLength(1);

    // Leaving through the API: the card goes and live contacts close, in that transaction.
    const leaver = await resident(t.app, c, 2);
    const card = await saveCard(t.app, c, leaver.token, { displayName: '要搬走', showTags: true });
    const [live] = await db
      .insert(neighbourContacts)
      .values({ communityId: c.id, requesterId: viewer.userId, addresseeId: leaver.userId })
      .returning();
    expect(await idsOf(viewer.token, c)).toContain(card);
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, leaver.userId));
    const logged = (await consentsOf(leaver.userId)).length;
    const left = await t.app.call('POST', `/api/memberships/${m.id}/leave`, { token: leaver.token });
    expect(left.status).toBe(200);
    expect(await db.select().from(neighbourCards).where(eq(neighbourCards.id, card))).toEqual([]);
    const [closed] = await db.select().from(neighbourContacts).where(eq(neighbourContacts.id, live.id));
    expect(closed).toMatchObject({ state: 'closed', closedBy: leaver.userId });
    expect(closed.closedAt).not.toBeNull();
    const log = (await consentsOf(leaver.userId)).slice(logged);
    expect(
      log
        .filter((r) => !r.granted)
        .map((r) => r.field)
        .sort(),
    ).toEqual(['building', 'listed', 'name', 'tags']);
    expect(await idsOf(viewer.token, c)).not.toContain(card);
  });

  it('a moderator browses (no household: nothing is 同楼)', async () => {
    await resetViews();
    const mod = await staff(t.app, { community: c });
    const res = await t.app.call('GET', dir(c), { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { sameBuilding: boolean }) => !i.sameBuilding)).toBe(true);
    const me = await t.app.call('GET', mePath(c), { token: mod.token });
    expect(me.body).toMatchObject({ id: null, buildingName: null, unitRoom: null });
  });
});

describe('paging and the daily ceiling', () => {
  let big: CommunityFixture;
  let viewer: Person;
  let cards: number[];

  beforeAll(async () => {
    big = await createCommunity(t.app, '大社区');
    viewer = await resident(t.app, big, 0);
    const db = t.app.database.db;
    const people = await Promise.all(Array.from({ length: 45 }, (_, i) => resident(t.app, big, i % 6)));
    const rows = await db
      .insert(neighbourCards)
      .values(
        people.map((p, i) => ({
          communityId: big.id,
          userId: p.userId,
          householdId: big.householdIds[i % 6],
          buildingId: i % 3 === 0 ? big.buildingId : null,
          listed: true,
          displayName: `邻居${i}`,
          consentVersion: NEIGHBOUR_CONSENT_VERSION,
        })),
      )
      .returning({ id: neighbourCards.id });
    cards = rows.map((r) => r.id);
  }, 120_000);

  it('walks 45 cards in pages of at most 20, with no duplicates and no misses', async () => {
    await resetViews();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `?limit=20${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.call('GET', dir(big, qs), { token: viewer.token });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(20);
      seen.push(...res.body.items.map((i: { id: number }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...cards].sort());
    // 同楼 (15 cards with the building) first.
    const sameIds = new Set(cards.filter((_, i) => i % 3 === 0));
    expect(seen.slice(0, 15).every((id) => sameIds.has(id))).toBe(true);
    expect((await t.app.call('GET', dir(big, '?limit=21'), { token: viewer.token })).status).toBe(400);
    expect((await t.app.call('GET', dir(big, '?cursor=bad'), { token: viewer.token })).status).toBe(400);
    const all = await t.app.call('GET', dir(big), { token: viewer.token });
    expect(all.body.items).toHaveLength(20);
  });

  it('stops at the ceiling per China day (429), and the next China day starts again', async () => {
    await resetViews();
    const db = t.app.database.db;
    // 23:30 in China.
    t.app.clock.set(new Date('2026-12-10T15:30:00Z'));
    await db
      .insert(neighbourDailyViews)
      .values({ communityId: big.id, userId: viewer.userId, day: '2026-12-10', shown: NEIGHBOUR_DAILY_CARDS - 7 });
    const last = await t.app.call('GET', dir(big), { token: viewer.token });
    expect(last.status).toBe(200);
    expect(last.body.items).toHaveLength(7);
    expect(last.body.remainingToday).toBe(0);
    const over = await t.app.call('GET', dir(big), { token: viewer.token });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('DIRECTORY_LIMIT');
    expect((await t.app.call('GET', cardPath(big, cards[0]), { token: viewer.token })).status).toBe(429);
    // 00:30 in China: a new day (still 12-10 in UTC).
    t.app.clock.set(new Date('2026-12-10T16:30:00Z'));
    const next = await t.app.call('GET', dir(big), { token: viewer.token });
    expect(next.status).toBe(200);
    expect(next.body.remainingToday).toBe(NEIGHBOUR_DAILY_CARDS - 20);
    const [row] = await db
      .select()
      .from(neighbourDailyViews)
      .where(and(eq(neighbourDailyViews.userId, viewer.userId), eq(neighbourDailyViews.day, '2026-12-11')));
    expect(row.shown).toBe(20);
    // A card opened by link counts one.
    expect((await t.app.call('GET', cardPath(big, cards[0]), { token: viewer.token })).body.id).toBe(cards[0]);
    const [row2] = await db
      .select()
      .from(neighbourDailyViews)
      .where(and(eq(neighbourDailyViews.userId, viewer.userId), eq(neighbourDailyViews.day, '2026-12-11')));
    expect(row2.shown).toBe(21);
  });

  it('concurrent pages never pass the ceiling together', async () => {
    await resetViews();
    const db = t.app.database.db;
    t.app.clock.set(new Date('2026-12-12T04:00:00Z'));
    await db
      .insert(neighbourDailyViews)
      .values({ communityId: big.id, userId: viewer.userId, day: '2026-12-12', shown: NEIGHBOUR_DAILY_CARDS - 30 });
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => t.app.call('GET', dir(big), { token: viewer.token })),
    );
    const shown = replies.filter((r) => r.status === 200).reduce((n, r) => n + r.body.items.length, 0);
    expect(shown).toBe(30);
    expect(replies.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    const [row] = await db
      .select()
      .from(neighbourDailyViews)
      .where(and(eq(neighbourDailyViews.userId, viewer.userId), eq(neighbourDailyViews.day, '2026-12-12')));
    expect(row.shown).toBe(NEIGHBOUR_DAILY_CARDS);
  });
});

describe('my consents', () => {
  it('lists the caller’s log from every community, newest first, with the words of the current version', async () => {
    const me = await resident(t.app, a, 0);
    await t.app.database.db.insert(memberships).values({
      communityId: b.id,
      userId: me.userId,
      householdId: b.householdIds[0],
      status: 'approved',
    });
    await saveCard(t.app, a, me.token);
    await saveCard(t.app, b, me.token, { showRoom: true });
    await t.app.database.db.insert(neighbourConsents).values({
      communityId: a.id,
      userId: me.userId,
      field: 'intro',
      granted: true,
      textVersion: '2020-01-v0',
    });
    const res = await t.app.call('GET', '/api/me/neighbour-consents', { token: me.token });
    expect(res.status).toBe(200);
    const items = res.body.items as { id: number; communityName: string; field: string; text: string | null }[];
    expect(items).toHaveLength(19);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((x, y) => y - x));
    expect(items[0]).toMatchObject({ field: 'intro', textVersion: '2020-01-v0', text: null });
    expect(new Set(items.map((i) => i.communityName))).toEqual(new Set([a.name, b.name]));
    const room = items.find((i) => i.field === 'room' && i.communityName === b.name);
    expect(room).toMatchObject({ granted: true, text: neighbourConsentTexts.room });
    const someoneElse = await resident(t.app, a, 1);
    const theirs = await t.app.call('GET', '/api/me/neighbour-consents', { token: someoneElse.token });
    expect(theirs.body.items).toEqual([]);
  });
});

describe('the copy and the deletion of the account', () => {
  it('copies cards, consents, contacts (own shares), own messages, own blocks and daily views; erases them', async () => {
    const db = t.app.database.db;
    const me = await resident(t.app, a, 0);
    const friend = await resident(t.app, a, 1);
    await saveCard(t.app, a, me.token, { displayName: '要注销的', intro: '我的介绍' });
    await saveCard(t.app, a, friend.token, { displayName: '朋友' });
    await resetViews();
    await t.app.call('GET', dir(a), { token: me.token });
    const cipher = t.app.deps.cipher;
    const [live] = await db
      .insert(neighbourContacts)
      .values({
        communityId: a.id,
        requesterId: me.userId,
        addresseeId: friend.userId,
        state: 'accepted',
        requesterPhoneEnc: cipher.encrypt('13900001111'),
        addresseeWechatEnc: cipher.encrypt('friend_wx'),
      })
      .returning();
    await db.insert(neighbourMessages).values([
      { communityId: a.id, contactId: live.id, authorId: me.userId, isRequest: true, body: '我想请您帮忙' },
      { communityId: a.id, contactId: live.id, authorId: friend.userId, body: '好的没问题' },
    ]);
    await db
      .insert(neighbourBlocks)
      .values([{ communityId: a.id, blockerId: me.userId, blockedId: friend.userId, label: '朋友' }]);
    const other = await resident(t.app, a, 2);
    await db
      .insert(neighbourBlocks)
      .values({ communityId: a.id, blockerId: other.userId, blockedId: me.userId, label: '我' });

    const copy = await t.app.call('GET', '/api/me/data', { token: me.token });
    expect(copy.status).toBe(200);
    expect(copy.body.neighbourCards).toEqual([
      expect.objectContaining({ communityName: a.name, displayName: '要注销的', intro: '我的介绍', listed: true }),
    ]);
    expect(copy.body.neighbourConsents).toHaveLength(9);
    expect(copy.body.neighbourContacts).toEqual([
      expect.objectContaining({
        role: 'requester',
        state: 'accepted',
        sharedPhone: '13900001111',
        sharedWechatId: null,
      }),
    ]);
    expect(copy.body.neighbourMessages).toEqual([expect.objectContaining({ body: '我想请您帮忙', isRequest: true })]);
    // Only the blocks the person made (the one against them is the other's).
    expect(copy.body.neighbourBlocks).toEqual([expect.objectContaining({ label: '朋友' })]);
    expect(copy.body.neighbourDirectoryViews).toHaveLength(1);
    expect(copy.body.neighbourDirectoryViews[0].communityName).toBe(a.name);
    expect(copy.body.neighbourDirectoryViews[0].shown).toBeGreaterThan(0);

    const del = await t.app.call('POST', '/api/me/delete', { token: me.token, body: { confirm: '删除' } });
    expect(del.status).toBe(204);
    expect(await db.select().from(neighbourCards).where(eq(neighbourCards.userId, me.userId))).toEqual([]);
    expect(await consentsOf(me.userId)).toEqual([]);
    expect(await db.select().from(neighbourDailyViews).where(eq(neighbourDailyViews.userId, me.userId))).toEqual([]);
    const blocks = await db.select().from(neighbourBlocks).where(eq(neighbourBlocks.communityId, a.id));
    expect(blocks.filter((r) => r.blockerId === me.userId || r.blockedId === me.userId)).toEqual([]);
    const [contact] = await db.select().from(neighbourContacts).where(eq(neighbourContacts.id, live.id));
    expect(contact).toMatchObject({ state: 'closed', requesterId: null, requesterPhoneEnc: null });
    expect(contact.addresseeWechatEnc).not.toBeNull();
    const msgs = await db.select().from(neighbourMessages).where(eq(neighbourMessages.contactId, live.id));
    expect(msgs.map((m) => m.body).sort()).toEqual(['[已注销]', '好的没问题'].sort());
    expect(msgs.find((m) => m.body === '[已注销]')?.authorId).toBeNull();
  });
});

describe('moderation of a card (the review queue’s decisions, decision 019)', () => {
  it('three reports hide it; a moderator restores it, hides it with a reason the owner reads, and it leaves the directory', async () => {
    const c = await createCommunity(t.app, '名片审核社区');
    const mod = await staff(t.app, { community: c });
    const owner = await resident(t.app, c, 0);
    const viewer = await resident(t.app, c, 1);
    const cardId = await saveCard(t.app, c, owner.token, {
      displayName: '卖保健品的',
      intro: '加我微信买保健品',
      showIntro: true,
    });
    const listed = async () => idsOf(viewer.token, c);
    expect(await listed()).toContain(cardId);

    // Three neighbours report it: it is hidden by itself and gone from the directory.
    for (const i of [1, 2, 3]) {
      const r = await resident(t.app, c, i + 1);
      const res = await t.app.call('POST', `/api/committees/${c.id}/reports`, {
        token: r.token,
        body: { subject: 'neighbour_card', subjectId: cardId, reason: 'ad' },
      });
      expect(res.status).toBe(201);
    }
    expect(await listed()).not.toContain(cardId);
    const queue = await t.app.call('GET', `/api/committees/${c.id}/review?tab=reported`, { token: mod.token });
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        subject: 'neighbour_card',
        subjectId: cardId,
        body: '加我微信买保健品',
        state: 'hidden',
      }),
    ]);

    const decide = (body: unknown) =>
      t.app.call('POST', `/api/committees/${c.id}/review/neighbour_card/${cardId}`, { token: mod.token, body });
    expect((await decide({ action: 'restore' })).status).toBe(200);
    expect(await listed()).toContain(cardId);
    const hidden = await decide({ action: 'hide', reason: '自我介绍里有广告' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.state).toBe('hidden');
    expect(await listed()).not.toContain(cardId);
    expect((await t.app.call('GET', cardPath(c, cardId), { token: viewer.token })).status).toBe(404);
    const mine = await t.app.call('GET', mePath(c), { token: owner.token });
    expect(mine.body).toMatchObject({ state: 'hidden', stateReason: '自我介绍里有广告' });
    // Saving again does not bring a hidden card back.
    await saveCard(t.app, c, owner.token, { displayName: '卖保健品的' });
    expect(await listed()).not.toContain(cardId);
    // A resident cannot decide, another community's moderator is told it does not exist.
    expect(
      (
        await t.app.call('POST', `/api/committees/${c.id}/review/neighbour_card/${cardId}`, {
          token: viewer.token,
          body: { action: 'restore' },
        })
      ).status,
    ).toBe(403);
    const other = await createCommunity(t.app, '别的社区');
    const otherMod = await staff(t.app, { community: other });
    expect(
      (
        await t.app.call('POST', `/api/committees/${other.id}/review/neighbour_card/${cardId}`, {
          token: otherMod.token,
          body: { action: 'restore' },
        })
      ).status,
    ).toBe(404);
  });
});
