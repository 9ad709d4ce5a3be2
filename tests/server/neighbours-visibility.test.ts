/**
 * 找邻居's visibility rule over real reply bodies (docs/decisions/024-neighbours.md): for every
 * field × its switch on or off × every kind of viewer, the directory and the card link carry the
 * field only when its switch is on, and a switched-off field's stored text appears nowhere in the
 * JSON. Blocked neighbours and other communities' members get nothing at all.
 */

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildings,
  households,
  memberships,
  neighbourBlocks,
  neighbourDailyViews,
  uploads,
} from '../../server/db/schema';
import type { CardInput } from '../../shared/contracts/neighbours';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { mePath, saveCard } from '../helpers/neighbours';

const t = useTestApp();

const fields = ['name', 'avatar', 'building', 'room', 'intro', 'tags', 'help'] as const;
type Field = (typeof fields)[number];
const switchOf: Record<Field, keyof CardInput> = {
  name: 'showName',
  avatar: 'showAvatar',
  building: 'showBuilding',
  room: 'showRoom',
  intro: 'showIntro',
  tags: 'showTags',
  help: 'showHelp',
};
const allOff = {
  showName: false,
  showAvatar: false,
  showBuilding: false,
  showRoom: false,
  showIntro: false,
  showTags: false,
  showHelp: false,
};

interface Owner {
  field: Field;
  on: boolean;
  token: string;
  userId: number;
  card: number;
  /** Every stored text of the card, each unique to this owner. */
  secrets: Record<Field, string[]>;
}

type Body = Record<string, unknown>;
/** The value a reply carries for the field. */
const fieldValue = (body: Body, f: Field): unknown =>
  ({
    name: body.displayName,
    avatar: body.avatarUrl,
    building: body.building,
    room: body.room,
    intro: body.intro,
    tags: body.tags,
    help: [...((body.canHelp as string[]) ?? []), ...((body.needHelp as string[]) ?? [])],
  })[f];

function assertShape(body: Body, o: Owner) {
  const json = JSON.stringify(body);
  const v = fieldValue(body, o.field);
  if (o.on) {
    if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
    else expect(v).toEqual(expect.any(String));
    for (const s of o.secrets[o.field]) expect(json).toContain(s);
  } else {
    if (Array.isArray(v)) expect(v).toEqual([]);
    else expect(v).toBeNull();
  }
  // Every field whose switch is off leaves no trace of its stored text.
  for (const f of fields) {
    if (o.on && f === o.field) continue;
    for (const s of o.secrets[f]) expect(json.includes(s), `${o.field}:${o.on} leaks ${f} (${s})`).toBe(false);
  }
}

let c: CommunityFixture;
let other: CommunityFixture;
const owners: Owner[] = [];
let neighbour: { token: string; userId: number };
let blocked: { token: string; userId: number };
let blocker: { token: string; userId: number };
let moderator: { token: string; userId: number };
let outsider: { token: string; userId: number };

beforeAll(async () => {
  c = await createCommunity(t.app, '可见性社区');
  other = await createCommunity(t.app, '可见性别的社区');
  const db = t.app.database.db;
  neighbour = await resident(t.app, c, 0);
  blocked = await resident(t.app, c, 1);
  blocker = await resident(t.app, c, 2);
  moderator = await staff(t.app, { community: c });
  outsider = await resident(t.app, other, 0);
  let n = 0;
  for (const field of fields)
    for (const on of [true, false]) {
      const tag = `${n}号${on ? '开' : '关'}`;
      const [bd] = await db
        .insert(buildings)
        .values({ communityId: c.id, name: `秘楼${tag}` })
        .returning();
      const [h] = await db
        .insert(households)
        .values({ communityId: c.id, buildingId: bd.id, unit: `秘元${tag}`, room: `秘室${tag}`, floorArea: 60 })
        .returning();
      const p = await resident(t.app, c, 3);
      await db.update(memberships).set({ householdId: h.id }).where(eq(memberships.userId, p.userId));
      const key = randomBytes(32).toString('hex');
      const [u] = await db
        .insert(uploads)
        .values({ communityId: c.id, uploadedBy: p.userId, kind: 'image', fileKey: key, byteSize: 1000 })
        .returning();
      const secrets: Record<Field, string[]> = {
        name: [`秘名${tag}`],
        avatar: [key],
        building: [`秘楼${tag}`],
        room: [`秘室${tag}`],
        intro: [`秘介绍${tag}`],
        tags: [`秘签${n}号`],
        help: [`秘帮${tag}`, `秘需${tag}`],
      };
      const card = await saveCard(t.app, c, p.token, {
        ...allOff,
        [switchOf[field]]: on,
        displayName: secrets.name[0],
        avatarUploadId: u.id,
        intro: secrets.intro[0],
        tags: ['会修电器', secrets.tags[0]],
        canHelp: [secrets.help[0]],
        needHelp: [secrets.help[1]],
      });
      owners.push({ field, on, token: p.token, userId: p.userId, card, secrets });
      n++;
    }
  // Half the owners blocked the "blocked" viewer; the "blocker" viewer blocked the other half.
  await db
    .insert(neighbourBlocks)
    .values(
      owners.map((o, i) =>
        i % 2 === 0
          ? { communityId: c.id, blockerId: o.userId, blockedId: blocked.userId, label: 'x' }
          : { communityId: c.id, blockerId: blocked.userId, blockedId: o.userId, label: 'x' },
      ),
    );
  await db
    .insert(neighbourBlocks)
    .values(owners.map((o) => ({ communityId: c.id, blockerId: blocker.userId, blockedId: o.userId, label: 'x' })));
}, 120_000);

const directory = (token: string, community = c) =>
  t.app.call('GET', `/api/committees/${community.id}/neighbours`, { token });
const cardLink = (token: string, id: number, community = c) =>
  t.app.call('GET', `/api/committees/${community.id}/neighbours/cards/${id}`, { token });

describe('every field × switch × viewer', () => {
  for (const viewer of ['neighbour', 'moderator'] as const)
    it(`a ${viewer} receives exactly the switched-on fields, in the directory and by link`, async () => {
      await t.app.database.db.delete(neighbourDailyViews);
      const who = viewer === 'neighbour' ? neighbour : moderator;
      const list = await directory(who.token);
      expect(list.status).toBe(200);
      for (const o of owners) {
        const item = list.body.items.find((i: Body) => i.id === o.card);
        expect(item, `${o.field}:${o.on} listed`).toBeDefined();
        assertShape(item, o);
        const one = await cardLink(who.token, o.card);
        expect(one.status).toBe(200);
        assertShape(one.body, o);
      }
    });

  it('the owner’s preview (GET me and their own card by link) follows the same rule', async () => {
    for (const o of owners) {
      const me = await t.app.call('GET', mePath(c), { token: o.token });
      expect(me.status).toBe(200);
      assertShape(me.body.preview, o);
      const own = await cardLink(o.token, o.card);
      expect(own.status).toBe(200);
      assertShape(own.body, o);
      expect(own.body.sameBuilding).toBe(false);
    }
  });

  it('a blocked neighbour, either way, gets none of the cards and 404 by link', async () => {
    for (const who of [blocked, blocker]) {
      const list = await directory(who.token);
      expect(list.status).toBe(200);
      const json = JSON.stringify(list.body);
      for (const o of owners) {
        expect(list.body.items.find((i: Body) => i.id === o.card)).toBeUndefined();
        for (const f of fields) for (const s of o.secrets[f]) expect(json.includes(s)).toBe(false);
        const one = await cardLink(who.token, o.card);
        expect(one.status).toBe(404);
        for (const f of fields) for (const s of o.secrets[f]) expect(JSON.stringify(one.body).includes(s)).toBe(false);
      }
    }
  });

  it('a member of another community gets 404 for the directory and every card', async () => {
    expect((await directory(outsider.token)).status).toBe(404);
    const theirs = await directory(outsider.token, other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    for (const o of owners) {
      expect((await cardLink(outsider.token, o.card)).status).toBe(404);
      expect((await cardLink(outsider.token, o.card, other)).status).toBe(404);
    }
  });

  it('the search honours the switches: a card is found by a field only when it shows it', async () => {
    await t.app.database.db.delete(neighbourDailyViews);
    for (const o of owners) {
      const tagHit = await t.app.call(
        'GET',
        `/api/committees/${c.id}/neighbours?tag=${encodeURIComponent(o.secrets.tags[0])}`,
        { token: neighbour.token },
      );
      expect(tagHit.body.items.map((i: Body) => i.id)).toEqual(o.field === 'tags' && o.on ? [o.card] : []);
      const nameHit = await t.app.call(
        'GET',
        `/api/committees/${c.id}/neighbours?q=${encodeURIComponent(o.secrets.name[0])}`,
        { token: neighbour.token },
      );
      expect(nameHit.body.items.map((i: Body) => i.id)).toEqual(o.field === 'name' && o.on ? [o.card] : []);
    }
    const facets = await t.app.call('GET', `/api/committees/${c.id}/neighbours/facets`, { token: neighbour.token });
    const json = JSON.stringify(facets.body);
    for (const o of owners)
      for (const f of ['tags', 'building'] as const) expect(json.includes(o.secrets[f][0])).toBe(o.on && o.field === f);
  });
});
