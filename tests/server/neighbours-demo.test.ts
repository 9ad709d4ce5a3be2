/** The demo community's 找邻居: a dozen listed cards with varied switches, the 能人库, the demo resident's contacts. */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { neighbourCards, neighbourConsents, neighbourContacts, neighbourMessages } from '../../server/db/schema';
import { DEMO_PASSWORD, DEMO_RESIDENT_CODE, seedDemo } from '../../server/db/seed';
import { DEMO_PENDING_REQUEST, DEMO_SHARED_PHONE, demoThread } from '../../server/db/seed-neighbours';
import {
  cardSwitches,
  NEIGHBOUR_CONSENT_VERSION,
  NEIGHBOUR_NO_NAME,
  shownCard,
} from '../../shared/domain/neighbour-card';
import { neighbourTags } from '../../shared/enums';
import { useTestApp } from '../helpers/app';

const t = useTestApp();

let seededOnce = false;

/** Seeds the demo on first call (the database is shared by the tests of this file). */
async function seeded() {
  if (!seededOnce) {
    expect(await seedDemo(t.app.deps)).not.toBeNull();
    seededOnce = true;
  }
  const signin = await t.app.call('POST', '/api/auth/wechat', { body: { code: DEMO_RESIDENT_CODE } });
  expect(signin.status).toBe(200);
  const sql = t.app.database.sql;
  const [me] = await sql<{ user_id: number; community_id: number; building_id: number }[]>`
    select m.user_id, m.community_id, h.building_id from memberships m join households h on h.id = m.household_id
    where m.user_id = ${signin.body.user.id} and m.status = 'approved'`;
  const db = t.app.database.db;
  const cards = await db.select().from(neighbourCards).orderBy(asc(neighbourCards.id));
  return { db, sql, me, cards, token: signin.body.token as string };
}

describe('demo 找邻居', () => {
  it('lists a dozen cards of approved members with varied switches, and two saved but unlisted', {
    timeout: 120_000,
  }, async () => {
    const { sql, me, cards } = await seeded();
    expect(cards.every((c) => c.communityId === me.community_id)).toBe(true);
    // What the directory may list: listed, visible cards of approved members.
    const listedIds = (
      await sql<{ id: number }[]>`
        select c.id from neighbour_cards c
        join memberships m on m.community_id = c.community_id and m.user_id = c.user_id and m.status = 'approved'
        where c.listed and c.state = 'visible' and c.community_id = ${me.community_id}`
    ).map((r) => r.id);
    const listed = cards.filter((c) => listedIds.includes(c.id));
    expect(listed.length).toBeGreaterThanOrEqual(12);
    expect(cards.filter((c) => !c.listed)).toHaveLength(2);
    expect(listed.every((c) => c.listedAt !== null)).toBe(true);
    // At least five buildings, and the building each card carries is its household's.
    expect(new Set(listed.map((c) => c.buildingId)).size).toBeGreaterThanOrEqual(5);
    const [wrongBuilding] = await sql`
      select c.id from neighbour_cards c join households h on h.id = c.household_id
      where c.building_id is distinct from h.building_id`;
    expect(wrongBuilding).toBeUndefined();

    // Varied switches: each one both on and off among the listed cards (listed itself aside).
    for (const key of Object.keys(cardSwitches) as (keyof typeof cardSwitches)[]) {
      if (key === 'listed' || key === 'showAvatar') continue;
      expect(new Set(listed.map((c) => c[key])), key).toEqual(new Set([true, false]));
    }
    // Tags mostly from the list, several of them used, searchable where shown.
    const tagged = listed.filter((c) => c.showTags);
    const used = new Set(tagged.flatMap((c) => c.tags));
    expect([...used].filter((tag) => (neighbourTags as readonly string[]).includes(tag)).length).toBeGreaterThanOrEqual(
      8,
    );
    expect(tagged.filter((c) => c.tags.includes('会修电器')).length).toBeGreaterThanOrEqual(2);
    // Shown to a neighbour through the one visibility rule: a card without its name reads 邻居 in the UI.
    const nameless = listed.find((c) => !c.showName);
    if (!nameless) throw new Error('a listed card without its name');
    const shown = shownCard(
      { ...nameless, avatarUrl: null, buildingName: '?', unit: null, room: null },
      me.building_id,
    );
    expect(shown.displayName).toBeNull();
    expect(shown.displayName ?? NEIGHBOUR_NO_NAME).toBe(NEIGHBOUR_NO_NAME);
    // The one card showing its room (陈阿姨, the 团长): the unit word once, though the demo's units carry it.
    const [roomShown] = await sql<{ id: number; unit: string; room: string }[]>`
      select c.id, h.unit, h.room from neighbour_cards c join households h on h.id = c.household_id
      where c.listed and c.show_room`;
    const withRoom = listed.find((c) => c.id === roomShown.id);
    if (!withRoom) throw new Error('a listed card showing its room');
    expect(roomShown.unit).toBe('1单元');
    expect(
      shownCard(
        { ...withRoom, avatarUrl: null, buildingName: '1号楼', unit: roomShown.unit, room: roomShown.room },
        null,
      ).room,
    ).toBe('1单元 601室');
  });

  it('has a consent row for every switch of every card, as a first save writes them', async () => {
    const { db, cards } = await seeded();
    const consents = await db.select().from(neighbourConsents);
    for (const c of cards) {
      const mine = consents.filter((r) => r.userId === c.userId && r.contactId === null);
      expect(mine.map((r) => r.field).sort()).toEqual(Object.values(cardSwitches).sort());
      for (const [key, field] of Object.entries(cardSwitches))
        expect(mine.find((r) => r.field === field)?.granted, `${c.displayName} ${field}`).toBe(
          c[key as keyof typeof cardSwitches],
        );
      expect(c.consentVersion).toBe(NEIGHBOUR_CONSENT_VERSION);
    }
    expect(consents.every((r) => r.textVersion === NEIGHBOUR_CONSENT_VERSION)).toBe(true);
  });

  it('puts at least four residents in the 能人库', async () => {
    const { cards } = await seeded();
    const talents = cards.filter((c) => c.serve && c.state === 'visible');
    expect(talents.length).toBeGreaterThanOrEqual(4);
    expect(talents.every((c) => c.serveSince !== null)).toBe(true);
  });

  it('gives the demo resident her listed card, one accepted contact with a thread and a shared phone, and a request to answer', async () => {
    const { db, me, cards } = await seeded();
    const mine = cards.find((c) => c.userId === me.user_id);
    expect(mine).toMatchObject({
      listed: true,
      showName: true,
      showBuilding: true,
      showRoom: false,
      showTags: true,
      tags: ['会说沪语'],
      showHelp: true,
      needHelp: ['腿脚不便，想找人帮忙取快递'],
      buildingId: me.building_id,
    });

    const contacts = await db.select().from(neighbourContacts).orderBy(asc(neighbourContacts.id));
    const accepted = contacts.filter(
      (c) => c.state === 'accepted' && (c.requesterId === me.user_id || c.addresseeId === me.user_id),
    );
    expect(accepted).toHaveLength(1);
    const withLi = accepted[0];
    expect(withLi.requesterId).toBe(me.user_id);
    // 李师傅: same building, 会修电器 shown.
    const li = cards.find((c) => c.userId === withLi.addresseeId);
    expect(li).toMatchObject({ displayName: '李师傅', buildingId: me.building_id, showTags: true });
    expect(li?.tags).toContain('会修电器');
    expect(withLi.addresseePhoneEnc).not.toBeNull();
    expect(t.app.deps.cipher.decrypt(withLi.addresseePhoneEnc as string)).toBe(DEMO_SHARED_PHONE);
    expect(withLi.requesterPhoneEnc).toBeNull();

    const thread = await db
      .select()
      .from(neighbourMessages)
      .where(eq(neighbourMessages.contactId, withLi.id))
      .orderBy(asc(neighbourMessages.id));
    expect(thread.map((m) => m.body)).toEqual(demoThread.map((m) => m.body));
    expect(thread[0]).toMatchObject({ isRequest: true, authorId: me.user_id, body: '想请您帮忙看看洗衣机' });
    expect(thread.slice(1).every((m) => !m.isRequest)).toBe(true);
    expect(new Set(thread.map((m) => m.authorId))).toEqual(new Set([me.user_id, withLi.addresseeId]));
    expect(thread.every((m, i) => i === 0 || m.createdAt > thread[i - 1].createdAt)).toBe(true);
    expect(withLi.lastMessageAt).toEqual(thread.at(-1)?.createdAt);
    const share = await db.select().from(neighbourConsents).where(eq(neighbourConsents.contactId, withLi.id));
    expect(share).toMatchObject([{ userId: withLi.addresseeId, field: 'share_phone', granted: true }]);

    const toMe = contacts.filter((c) => c.state === 'pending' && c.addresseeId === me.user_id);
    expect(toMe).toHaveLength(1);
    const [request] = await db.select().from(neighbourMessages).where(eq(neighbourMessages.contactId, toMe[0].id));
    expect(request).toMatchObject({ isRequest: true, authorId: toMe[0].requesterId, body: DEMO_PENDING_REQUEST });
    expect(cards.find((c) => c.userId === toMe[0].requesterId)?.listed).toBe(true);
  });

  it('lists her neighbours in her directory through the API: 同楼 first, tags searchable only where shown', async () => {
    const { me, token, cards } = await seeded();
    const base = `/api/committees/${me.community_id}/neighbours`;
    const page = await t.app.call('GET', base, { token });
    expect(page.status).toBe(200);
    const others = cards.filter((c) => c.listed && c.userId !== me.user_id);
    expect(page.body.items).toHaveLength(others.length);
    expect(page.body.items.length).toBeGreaterThanOrEqual(11);
    const same = page.body.items.map((c: { sameBuilding: boolean }) => c.sameBuilding);
    // 李师傅 and 陈阿姨 of her building first.
    expect(same.slice(0, 2)).toEqual([true, true]);
    expect(same.slice(2).every((x: boolean) => !x)).toBe(true);
    const byTag = await t.app.call('GET', `${base}?tag=${encodeURIComponent('会修电器')}`, { token });
    expect(byTag.status).toBe(200);
    expect(byTag.body.items.map((c: { id: number }) => c.id).sort()).toEqual(
      others
        .filter((c) => c.showTags && c.tags.includes('会修电器'))
        .map((c) => c.id)
        .sort(),
    );
    // 吴阿姨's 会说沪语 is on her card with the tags switched off: not a way to find her.
    const hu = await t.app.call('GET', `${base}?tag=${encodeURIComponent('会说沪语')}`, { token });
    const wu = others.find((c) => c.displayName === '吴阿姨');
    expect(wu?.tags).toContain('会说沪语');
    expect(hu.body.items.map((c: { id: number }) => c.id)).not.toContain(wu?.id);
  });

  it('shows the demo resident her thread with 李师傅 and the request to answer through the contacts routes, and the committee its 能人库', async () => {
    const { me, token } = await seeded();
    const base = `/api/committees/${me.community_id}/neighbours/contacts`;
    const threads = await t.app.call('GET', `${base}?box=threads`, { token });
    expect(threads.status).toBe(200);
    const accepted = threads.body.items.filter((c: { view: string }) => c.view === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({
      other: { displayName: '李师傅', sameBuilding: true, tags: ['会修电器'] },
      request: '想请您帮忙看看洗衣机',
      unread: 1,
    });
    // The list shows an excerpt of the last message (李师傅's).
    expect(accepted[0].lastMessage).toMatch(/^可能是排水管堵了/);
    expect(demoThread.at(-1)?.body.startsWith(accepted[0].lastMessage.replace(/…$/, ''))).toBe(true);
    const requests = await t.app.call('GET', `${base}?box=requests`, { token });
    expect(requests.status).toBe(200);
    expect(requests.body.toAnswer).toBe(1);
    expect(requests.body.items.filter((c: { view: string }) => c.view === 'to_answer')).toMatchObject([
      { other: { displayName: '陈阿姨' }, request: DEMO_PENDING_REQUEST },
    ]);

    const thread = await t.app.call('GET', `${base}/${accepted[0].id}`, { token });
    expect(thread.status).toBe(200);
    expect(thread.body.messages.map((m: { body: string }) => m.body)).toEqual(demoThread.map((m) => m.body));
    expect(thread.body.messages.map((m: { mine: boolean }) => m.mine)).toEqual(demoThread.map((m) => m.by === 'wang'));
    expect(thread.body.theirShare).toEqual({ phone: DEMO_SHARED_PHONE, wechatId: null });
    expect(thread.body.myShare).toEqual({ phone: null, wechatId: null });
    expect(thread.body.canSend).toBe(true);

    const moderator = await t.app.call('POST', '/api/auth/password', {
      body: { username: 'wutong', password: DEMO_PASSWORD },
    });
    const talents = await t.app.call('GET', `/api/committees/${me.community_id}/neighbour-admin/talents`, {
      token: moderator.body.token,
    });
    expect(talents.status).toBe(200);
    expect(talents.body.items.length).toBeGreaterThanOrEqual(4);
  });

  it('seeds once: a second run changes nothing', async () => {
    const { db } = await seeded();
    const before = (await db.select().from(neighbourCards)).length;
    expect(await seedDemo(t.app.deps)).toBeNull();
    expect(await db.select().from(neighbourCards)).toHaveLength(before);
  });
});
