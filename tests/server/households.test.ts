/**
 * Buildings and rooms by hand: rename, edit, merge (refused with the clashing rooms), and
 * removal with care for members (retired, not deleted, when anyone ever used a household).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildings, households, memberships } from '../../server/db/schema';
import { newInvitationCode } from '../../server/features/invitations/service';
import { useTestApp } from '../helpers/app';
import {
  auditRows,
  type CommunityFixture,
  createCommunity,
  formerMember,
  resident,
  staff,
  wechatUser,
  world,
} from '../helpers/fixtures';

const t = useTestApp();
let a: CommunityFixture;
let b: CommunityFixture;
let modA: string;
let modB: string;
let seq = 0;

beforeAll(async () => {
  a = await createCommunity(t.app, '楼栋管理甲');
  b = await createCommunity(t.app, '楼栋管理乙');
  modA = (await staff(t.app, { community: a })).token;
  modB = (await staff(t.app, { community: b })).token;
});

async function building(communityId: number, rooms: Array<[string, string]>) {
  const [row] = await t.app.database.db
    .insert(buildings)
    .values({ communityId, name: `${seq++ + 100}号楼` })
    .returning();
  const hs = rooms.length
    ? await t.app.database.db
        .insert(households)
        .values(rooms.map(([unit, room]) => ({ communityId, buildingId: row.id, unit, room, floorArea: 70 })))
        .returning({ id: households.id })
    : [];
  return { id: row.id, name: row.name, householdIds: hs.map((h) => h.id) };
}

const api = (method: string, path: string, body?: unknown, token = modA) =>
  t.app.call(method, `/api/committees/${a.id}${path}`, { token, body });

describe('PATCH /api/committees/:communityId/buildings/:buildingId', () => {
  it('renames a building, audited with before and after; the same name again records nothing', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    const res = await api('PATCH', `/buildings/${bl.id}`, { name: '  新名楼 ' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: bl.id, name: '新名楼', households: 1 });
    const again = await api('PATCH', `/buildings/${bl.id}`, { name: '新名楼' });
    expect(again.status).toBe(200);
    const rows = await auditRows(t.app, 'building.rename', bl.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: { name: bl.name }, after: { name: '新名楼' } });
  });

  it('refuses a name another building has, with 409 DUPLICATE', async () => {
    const one = await building(a.id, []);
    const two = await building(a.id, []);
    const res = await api('PATCH', `/buildings/${two.id}`, { name: one.name });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'DUPLICATE', message: '已经有同名的楼栋了' });
  });
});

describe('PATCH /api/committees/:communityId/households/:householdId', () => {
  it('edits unit, room, area and the owner flag, audits only what changed', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    const id = bl.householdIds[0];
    const res = await api('PATCH', `/households/${id}`, { room: '102', floorArea: 88.25, ownerOccupied: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, unit: '1单元', room: '102', floorArea: 88.25, ownerOccupied: true });
    const rows = await auditRows(t.app, 'household.update', id);
    expect(rows[0]).toMatchObject({
      before: { room: '101', floorArea: 70, ownerOccupied: false },
      after: { room: '102', floorArea: 88.25, ownerOccupied: true },
    });
    // The same values again: nothing to record.
    await api('PATCH', `/households/${id}`, { room: '102', ownerOccupied: true });
    expect(await auditRows(t.app, 'household.update', id)).toHaveLength(1);
  });

  it('sets, changes and clears the owner key and the developer flag (法释〔2009〕7号), audited', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    const id = bl.householdIds[0];
    const set = await api('PATCH', `/households/${id}`, { ownerKey: 'A-001', developerUnit: true });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id, ownerKey: 'A-001', developerUnit: true });
    const [row] = await t.app.database.db.select().from(households).where(eq(households.id, id));
    expect(row).toMatchObject({ ownerKey: 'A-001', developerUnit: true });
    const cleared = await api('PATCH', `/households/${id}`, { ownerKey: null, developerUnit: false });
    expect(cleared.body).toMatchObject({ ownerKey: null, developerUnit: false });
    const rows = await auditRows(t.app, 'household.update', id);
    expect(rows.map((r) => [r.before, r.after])).toEqual([
      [
        { ownerKey: null, developerUnit: false },
        { ownerKey: 'A-001', developerUnit: true },
      ],
      [
        { ownerKey: 'A-001', developerUnit: true },
        { ownerKey: null, developerUnit: false },
      ],
    ]);
    const list = await api('GET', `/households?buildingId=${bl.id}`);
    expect(list.body.items[0]).toMatchObject({ id, ownerKey: null, developerUnit: false });
  });

  it('refuses an owner key with other characters or longer than 40, in Chinese', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    for (const ownerKey of ['张三', 'A 001', 'x'.repeat(41), '']) {
      const res = await api('PATCH', `/households/${bl.householdIds[0]}`, { ownerKey });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error)).toContain('业主编号最多40位，只能用字母、数字和减号（-）');
    }
    expect((await api('PATCH', `/households/${bl.householdIds[0]}`, { ownerKey: 'x'.repeat(40) })).status).toBe(200);
  });

  it('refuses a room its building already has (409), and an empty edit (400)', async () => {
    const bl = await building(a.id, [
      ['1单元', '101'],
      ['1单元', '102'],
    ]);
    const clash = await api('PATCH', `/households/${bl.householdIds[0]}`, { room: '102' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('DUPLICATE');
    const empty = await api('PATCH', `/households/${bl.householdIds[0]}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('没有要修改的内容');
  });
});

describe('POST /api/committees/:communityId/buildings/:buildingId/merge', () => {
  it('refuses when both buildings have the same unit and room, lists every clash, and moves nothing', async () => {
    const from = await building(a.id, [
      ['1单元', '101'],
      ['1单元', '102'],
      ['2单元', '201'],
    ]);
    const into = await building(a.id, [
      ['1单元', '102'],
      ['2单元', '201'],
    ]);
    const res = await api('POST', `/buildings/${from.id}/merge`, { intoBuildingId: into.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect(res.body.error.details).toEqual([
      { unit: '1单元', room: '102', message: '1单元 102：两栋楼都有这一户' },
      { unit: '2单元', room: '201', message: '2单元 201：两栋楼都有这一户' },
    ]);
    const still = await t.app.database.db.select().from(households).where(eq(households.buildingId, from.id));
    expect(still).toHaveLength(3);
    expect(await auditRows(t.app, 'building.merge', from.id)).toHaveLength(0);
  });

  it('moves the households (and so their members) into the other building and deletes the first', async () => {
    const from = await building(a.id, [
      ['1单元', '301'],
      ['1单元', '302'],
    ]);
    const into = await building(a.id, [['1单元', '101']]);
    const member = await wechatUser(t.app);
    await t.app.database.db.insert(memberships).values({
      communityId: a.id,
      userId: member.userId,
      householdId: from.householdIds[0],
      status: 'approved',
    });
    const res = await api('POST', `/buildings/${from.id}/merge`, { intoBuildingId: into.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ building: { id: into.id, name: into.name, households: 3 }, moved: 2 });
    const gone = await t.app.database.db.select().from(buildings).where(eq(buildings.id, from.id));
    expect(gone).toHaveLength(0);
    const mine = await t.app.call('GET', '/api/memberships', { token: member.token });
    expect(mine.body.items[0].household).toMatchObject({ buildingId: into.id, buildingName: into.name, room: '301' });
    const [row] = await auditRows(t.app, 'building.merge', from.id);
    expect(row).toMatchObject({ before: { name: from.name, households: 2 }, after: { intoBuildingId: into.id } });
  });

  it('rooms added to a building while it is merged away either land before the merge (and move) or get 404, never a 500', async () => {
    const from = await building(a.id, [['1单元', '101']]);
    const into = await building(a.id, [['1单元', '201']]);
    const adds = Array.from({ length: 6 }, (_, i) =>
      api('POST', '/households', { buildingId: from.id, unit: '1单元', room: `5${i}1`, floorArea: null }),
    );
    const [merge, ...added] = await Promise.all([
      api('POST', `/buildings/${from.id}/merge`, { intoBuildingId: into.id }),
      ...adds,
    ]);
    expect(merge.status).toBe(200);
    for (const res of added) expect([201, 404]).toContain(res.status);
    const landed = added.filter((r) => r.status === 201).length;
    const rows = await t.app.database.db.select().from(households).where(eq(households.buildingId, into.id));
    expect(rows).toHaveLength(2 + landed);
    expect(merge.body.moved + 1).toBe(rows.length);
  });

  it('refuses merging a building into itself, and a building of another community is 404', async () => {
    const bl = await building(a.id, []);
    const self = await api('POST', `/buildings/${bl.id}/merge`, { intoBuildingId: bl.id });
    expect(self.status).toBe(409);
    const other = await building(b.id, []);
    const foreign = await api('POST', `/buildings/${bl.id}/merge`, { intoBuildingId: other.id });
    expect(foreign.status).toBe(404);
  });
});

describe('removing buildings and households, with care for their members', () => {
  it('an empty household is deleted; one with members is retired, its members stay, and it is offered to nobody', async () => {
    const bl = await building(a.id, [
      ['1单元', '101'],
      ['1单元', '102'],
    ]);
    const [empty, lived] = bl.householdIds;
    const gone = await api('DELETE', `/households/${empty}`);
    expect(gone.body).toEqual({ outcome: 'deleted', liveMembers: 0 });
    expect(await auditRows(t.app, 'household.delete', empty)).toHaveLength(1);

    const fixture = { ...a, householdIds: [lived] };
    const member = await resident(t.app, fixture, 0);
    const [code] = await t.app.database.sql<{ code: string }[]>`
      insert into invitation_codes (community_id, household_id, code, max_uses, expires_at, created_by)
      values (${a.id}, ${lived}, ${newInvitationCode()}, 5, now() + interval '1 day', ${member.userId}) returning code`;
    const retired = await api('DELETE', `/households/${lived}`);
    expect(retired.body).toEqual({ outcome: 'retired', liveMembers: 1 });
    // Twice: still retired, recorded once.
    expect((await api('DELETE', `/households/${lived}`)).body.outcome).toBe('retired');
    expect(await auditRows(t.app, 'household.retire', lived)).toHaveLength(1);

    const mine = await t.app.call('GET', '/api/memberships', { token: member.token });
    expect(mine.body.items[0]).toMatchObject({ status: 'approved', household: { id: lived } });
    const list = await t.app.call('GET', `/api/committees/${a.id}/buildings/${bl.id}/households`, {
      token: member.token,
    });
    expect(list.body.items).toEqual([]);
    const newcomer = await wechatUser(t.app);
    const join = await t.app.call('POST', `/api/committees/${a.id}/join`, {
      token: newcomer.token,
      body: { householdId: lived, realName: '新来的' },
    });
    expect(join.status).toBe(404);
    const invite = await api('POST', '/invitations', { householdId: lived, maxUses: 1, expiresInDays: 1 });
    expect(invite.status).toBe(404);
    const redeem = await t.app.call('POST', '/api/invitations/redeem', {
      token: newcomer.token,
      body: { code: code.code, realName: '新来的' },
    });
    expect(redeem.status).toBe(409);
    expect(redeem.body.error.code).toBe('INVITATION_INVALID');
    // The committee still sees it, marked retired.
    const admin = await api('GET', `/households?buildingId=${bl.id}`);
    expect(admin.body.items).toEqual([expect.objectContaining({ id: lived, retiredAt: expect.any(String) })]);
  });

  it('a household only a former member used is retired too (its history stays)', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    await formerMember(t.app, { ...a, householdIds: [bl.householdIds[0]] }, 'left', 0);
    const res = await api('DELETE', `/households/${bl.householdIds[0]}`);
    expect(res.body).toEqual({ outcome: 'retired', liveMembers: 0 });
  });

  it('retiring a building with members: used rooms are retired, unused ones deleted, the building hidden from joining', async () => {
    const bl = await building(a.id, [
      ['1单元', '101'],
      ['1单元', '102'],
      ['1单元', '103'],
    ]);
    await resident(t.app, { ...a, householdIds: bl.householdIds }, 0);
    await resident(t.app, { ...a, householdIds: bl.householdIds }, 1);
    const res = await api('DELETE', `/buildings/${bl.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ outcome: 'retired', householdsDeleted: 1, householdsRetired: 2, liveMembers: 2 });
    const left = await t.app.database.db.select().from(households).where(eq(households.buildingId, bl.id));
    expect(left.map((h) => h.retiredAt !== null)).toEqual([true, true]);
    const live = await t.app.database.sql`
      select 1 from memberships where household_id = any(${bl.householdIds}) and status = 'approved'`;
    expect(live).toHaveLength(2);
    const list = await api('GET', '/buildings');
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(bl.id);
    const [row] = await auditRows(t.app, 'building.retire', bl.id);
    expect(row.after).toMatchObject({ householdsDeleted: [bl.householdIds[2]], liveMembers: 2 });
    // Adding a room to a retired building is refused.
    const add = await api('POST', '/households', { buildingId: bl.id, unit: '1单元', room: '104', floorArea: null });
    expect(add.status).toBe(409);
    expect(add.body.error.message).toBe('这栋楼已经停用了');
  });

  it('a retired household can be offered again, and its retired building with it', async () => {
    const bl = await building(a.id, [
      ['1单元', '101'],
      ['1单元', '102'],
    ]);
    await resident(t.app, { ...a, householdIds: bl.householdIds }, 0);
    expect((await api('DELETE', `/buildings/${bl.id}`)).body.outcome).toBe('retired');
    const res = await api('POST', `/households/${bl.householdIds[0]}/restore`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bl.householdIds[0], retiredAt: null });
    const list = await api('GET', '/buildings');
    expect(list.body.items).toContainEqual({ id: bl.id, name: bl.name, households: 1 });
    // Again: nothing to undo, nothing recorded.
    await api('POST', `/households/${bl.householdIds[0]}/restore`);
    const rows = await auditRows(t.app, 'household.restore', bl.householdIds[0]);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toEqual({ retiredAt: null, buildingRestored: true });
  });

  it('an unused building is deleted with its rooms', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    const res = await api('DELETE', `/buildings/${bl.id}`);
    expect(res.body).toEqual({ outcome: 'deleted', householdsDeleted: 1, householdsRetired: 0, liveMembers: 0 });
    expect(await auditRows(t.app, 'building.delete', bl.id)).toHaveLength(1);
  });

  it('ten removals of the same used household at once retire it once', async () => {
    const bl = await building(a.id, [['1单元', '101']]);
    await resident(t.app, { ...a, householdIds: bl.householdIds }, 0);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => api('DELETE', `/households/${bl.householdIds[0]}`)),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await auditRows(t.app, 'household.retire', bl.householdIds[0])).toHaveLength(1);
  });
});

describe('another community’s buildings and households are 404', () => {
  it('for a moderator of A naming A in the path with B’s ids, and for B’s moderator naming A', async () => {
    const theirs = await building(b.id, [['1单元', '101']]);
    const hid = theirs.householdIds[0];
    for (const [method, path, body] of [
      ['PATCH', `/buildings/${theirs.id}`, { name: '偷改' }],
      ['POST', `/buildings/${theirs.id}/merge`, { intoBuildingId: theirs.id + 100000 }],
      ['DELETE', `/buildings/${theirs.id}`, undefined],
      ['PATCH', `/households/${hid}`, { room: '999' }],
      ['DELETE', `/households/${hid}`, undefined],
      ['POST', `/households/${hid}/restore`, undefined],
    ] as const) {
      const res = await api(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      const fromB = await api(method, path, body, modB);
      expect(fromB.status, `${method} ${path} by B`).toBe(404);
    }
    const [still] = await t.app.database.db.select().from(households).where(eq(households.id, hid));
    expect(still).toMatchObject({ room: '101', retiredAt: null });
  });
});

/** Listing and adding, as the mini-program's join flow and the first admin page use them. */
describe('buildings and households, listed and added', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world(t.app);
  }, 60_000);

  it('GET /api/committees/:id/buildings lists buildings with household counts to any signed-in user', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('GET', `/api/committees/${w.a.id}/buildings`, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: w.a.buildingId, name: '1号楼', households: 6 }]);
    expect((await t.app.call('GET', `/api/committees/${w.a.id}/buildings`)).status).toBe(401);
    expect((await t.app.call('GET', '/api/committees/999999/buildings', { token: u.token })).status).toBe(404);
  });

  it('GET /api/committees/:id/buildings/:bid/households lists rooms, never who lives there', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('GET', `/api/committees/${w.a.id}/buildings/${w.a.buildingId}/households`, {
      token: u.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((h: { room: string }) => h.room)).toEqual(['101', '102', '201', '202', '301', '302']);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['buildingId', 'buildingName', 'floorArea', 'id', 'room', 'unit'].sort(),
    );
    expect(res.body.items[0]).toMatchObject({ buildingName: '1号楼', unit: '1单元', floorArea: 80 });
    // A building of community B is not found through community A.
    const cross = await t.app.call('GET', `/api/committees/${w.a.id}/buildings/${w.b.buildingId}/households`, {
      token: u.token,
    });
    expect(cross.status).toBe(404);
  });

  it('lets a moderator add a building and households, refusing a duplicate room with 409 DUPLICATE', async () => {
    const building = await t.app.call('POST', `/api/committees/${w.a.id}/buildings`, {
      token: w.moderatorA.token,
      body: { name: '2号楼' },
    });
    expect(building.status).toBe(201);
    expect(building.body).toMatchObject({ name: '2号楼', households: 0 });
    expect(await auditRows(t.app, 'building.create', building.body.id)).toHaveLength(1);

    const sameName = await t.app.call('POST', `/api/committees/${w.a.id}/buildings`, {
      token: w.moderatorA.token,
      body: { name: '2号楼' },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.code).toBe('DUPLICATE');

    const add = (room: string, floorArea: number | null = 65.5) =>
      t.app.call('POST', `/api/committees/${w.a.id}/households`, {
        token: w.moderatorA.token,
        body: { buildingId: building.body.id, unit: '2单元', room, floorArea },
      });
    for (const room of ['1002', '902', '1001']) expect((await add(room)).status).toBe(201);
    const created = await add('1101', null);
    expect(created.body).toMatchObject({
      buildingId: building.body.id,
      buildingName: '2号楼',
      room: '1101',
      floorArea: null,
    });
    expect(await auditRows(t.app, 'household.create', created.body.id)).toHaveLength(1);
    const owned = await t.app.call('POST', `/api/committees/${w.a.id}/households`, {
      token: w.moderatorA.token,
      body: {
        buildingId: building.body.id,
        unit: '2单元',
        room: '1102',
        floorArea: 80,
        ownerKey: 'K9',
        developerUnit: true,
      },
    });
    expect(owned.status).toBe(201);
    const [ownedRow] = await t.app.database.db.select().from(households).where(eq(households.id, owned.body.id));
    expect(ownedRow).toMatchObject({ ownerKey: 'K9', developerUnit: true });
    expect((await auditRows(t.app, 'household.create', owned.body.id))[0].after).toMatchObject({
      ownerKey: 'K9',
      developerUnit: true,
    });
    // not given: no key, not a developer unit
    const [plainRow] = await t.app.database.db.select().from(households).where(eq(households.id, created.body.id));
    expect(plainRow).toMatchObject({ ownerKey: null, developerUnit: false });
    // the owner's key is the committee's: residents' lists never show it
    expect(Object.keys(owned.body)).not.toContain('ownerKey');

    const duplicate = await add('1001');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('DUPLICATE');

    const list = await t.app.call('GET', `/api/committees/${w.a.id}/buildings/${building.body.id}/households`, {
      token: w.residentA.token,
    });
    expect(list.body.items.map((h: { room: string }) => h.room)).toEqual(['902', '1001', '1002', '1101', '1102']);
    expect(Object.keys(list.body.items[0])).not.toContain('ownerKey');
    const buildings = await t.app.call('GET', `/api/committees/${w.a.id}/buildings`, { token: w.residentA.token });
    expect(buildings.body.items.find((b: { id: number }) => b.id === building.body.id).households).toBe(5);
  });

  it('two moderators adding the same room at once get one 201 and one 409 DUPLICATE', async () => {
    const other = await staff(t.app, { community: w.a });
    for (const room of ['501', '502', '503']) {
      const body = { buildingId: w.a.buildingId, unit: '5单元', room, floorArea: 90 };
      const replies = await Promise.all([
        t.app.call('POST', `/api/committees/${w.a.id}/households`, { token: w.moderatorA.token, body }),
        t.app.call('POST', `/api/committees/${w.a.id}/households`, { token: other.token, body }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows = await t.app.database.sql`
        select id from households where building_id = ${w.a.buildingId} and unit = '5单元' and room = ${room}`;
      expect(rows).toHaveLength(1);
      expect(await auditRows(t.app, 'household.create', rows[0].id)).toHaveLength(1);
    }
  });

  it('refuses building and household creation to residents (403) and moderators of another community (404)', async () => {
    const byResident = await t.app.call('POST', `/api/committees/${w.a.id}/buildings`, {
      token: w.residentA.token,
      body: { name: '3号楼' },
    });
    expect(byResident.status).toBe(403);
    const byForeign = await t.app.call('POST', `/api/committees/${w.a.id}/buildings`, {
      token: w.moderatorB.token,
      body: { name: '3号楼' },
    });
    expect(byForeign.status).toBe(404);
    // A moderator of B cannot add a household to A's building through B either.
    const crossBuilding = await t.app.call('POST', `/api/committees/${w.b.id}/households`, {
      token: w.moderatorB.token,
      body: { buildingId: w.a.buildingId, unit: '1单元', room: '999', floorArea: 50 },
    });
    expect(crossBuilding.status).toBe(404);
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from buildings where community_id = ${w.a.id} and name = '3号楼'`;
    expect(n).toBe(0);
    expect(await t.app.database.sql`select id from households where room = '999'`).toHaveLength(0);
  });
});

describe('GET /api/committees/:communityId/buildings', () => {
  it('lists buildings as people count them ("2号楼" before "10号楼"), the committee’s own order first', async () => {
    const c = await createCommunity(t.app, '楼号顺序社区');
    await t.app.database.db.insert(buildings).values([
      { communityId: c.id, name: '10号楼' },
      { communityId: c.id, name: '2号楼' },
      { communityId: c.id, name: '11号楼' },
      { communityId: c.id, name: '会所', sort: 1 },
    ]);
    const u = await wechatUser(t.app);
    const res = await t.app.call('GET', `/api/committees/${c.id}/buildings`, { token: u.token });
    expect(res.status).toBe(200);
    // createCommunity made 1号楼 with six rooms.
    expect(res.body.items.map((x: { name: string }) => x.name)).toEqual(['1号楼', '2号楼', '10号楼', '11号楼', '会所']);
    expect(res.body.items[0]).toEqual({ id: c.buildingId, name: '1号楼', households: 6 });
  });
});
