/**
 * 社区租赁 stock and catalogue (docs/decisions/023-rentals.md): points, item types with photos,
 * units with asset tags, maintenance blocks and retirement, the residents' catalogue, a point
 * shared by several communities (set by a platform admin), and everybody else's 404.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberships, rentalBookings, rentalHolds, rentalUnits, uploads } from '../../server/db/schema';
import { holdFreeUnit } from '../../server/features/rentals/holds';
import { todayOf } from '../../server/features/rentals/views';
import { addDays } from '../../shared/domain/office-hours';
import { quote } from '../../shared/domain/rental-fees';
import { useTestApp } from '../helpers/app';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { rentalInconsistencies, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
let n = 0;
let a: CommunityFixture;
let b: CommunityFixture;
let cc: CommunityFixture;
type Caller = { token: string; userId: number };
let modA: Caller;
let modB: Caller;
let modC: Caller;
let resA: Caller;
let resB: Caller;
let resC: Caller;
let admin: Caller;

beforeAll(async () => {
  a = await createCommunity(t.app, `租赁甲${n++}`);
  b = await createCommunity(t.app, `租赁乙${n++}`);
  cc = await createCommunity(t.app, `租赁丙${n++}`);
  [modA, modB, modC, resA, resB, resC, admin] = await Promise.all([
    staff(t.app, { community: a }),
    staff(t.app, { community: b }),
    staff(t.app, { community: cc }),
    resident(t.app, a, 0),
    resident(t.app, b, 0),
    resident(t.app, cc, 0),
    staff(t.app, { admin: true }),
  ]);
});

const admin_ = (c: CommunityFixture, path: string) => `/api/committees/${c.id}/rental-admin${path}`;
const rentals = (c: CommunityFixture, path: string) => `/api/committees/${c.id}/rentals${path}`;
const today = () => todayOf(t.app.deps);
const day = (offset: number) => addDays(today(), offset).date;

async function upload(c: CommunityFixture, userId: number, kind: 'image' | 'pdf' = 'image') {
  const [u] = await t.app.database.db
    .insert(uploads)
    .values({ communityId: c.id, uploadedBy: userId, kind, fileKey: randomBytes(32).toString('hex'), byteSize: 10 })
    .returning({ id: uploads.id });
  return u.id;
}

const pointBody = { name: '社区辅具站', address: '活动室一楼', hours: '周一至周五 9:00-17:00', phone: '021-5555666' };
const itemBody = (pointId: number, more: Record<string, unknown> = {}) => ({
  pointId,
  category: 'wheelchair',
  name: '手动轮椅',
  feeKind: 'per_day',
  feeFen: 500,
  depositFen: 20000,
  ...more,
});

async function createPoint(c: CommunityFixture, mod: Caller) {
  const res = await t.app.call('POST', admin_(c, '/points'), { token: mod.token, body: pointBody });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

async function createItem(c: CommunityFixture, mod: Caller, pointId: number, more: Record<string, unknown> = {}) {
  const res = await t.app.call('POST', admin_(c, '/items'), { token: mod.token, body: itemBody(pointId, more) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

async function createUnits(c: CommunityFixture, mod: Caller, itemTypeId: number, assetTags: string[]) {
  const res = await t.app.call('POST', admin_(c, '/units'), { token: mod.token, body: { itemTypeId, assetTags } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.items as { id: number }[]).map((u) => u.id);
}

/** A confirmed booking of a free unit of the item, made the way the booking service does (hold in the same transaction). */
async function book(c: CommunityFixture, pointId: number, itemTypeId: number, startOn: string, endOn: string) {
  return t.app.database.db.transaction(async (tx) => {
    const [bk] = await tx
      .insert(rentalBookings)
      .values({
        communityId: c.id,
        pointId,
        itemTypeId,
        householdId: c.householdIds[0],
        startOn,
        endOn,
        status: 'pending',
        quote: quote(
          { feeKind: 'free', feeFen: 0, periodDays: null, depositFen: 0, subsidyPercent: 0, subsidyFor: [] },
          startOn,
          endOn,
          null,
        ),
      })
      .returning();
    const unitId = await holdFreeUnit(tx, {
      itemTypeId,
      kind: 'booking',
      bookingId: bk.id,
      startOn,
      endOn,
      bufferDays: 1,
      createdBy: null,
    });
    if (unitId === null) throw new Error('no unit free');
    await tx.update(rentalBookings).set({ status: 'confirmed', unitId }).where(eq(rentalBookings.id, bk.id));
    return { bookingId: bk.id, unitId };
  });
}

describe('points, item types and units through the API', () => {
  it('opens a point, adds an item type with photos in order, and puts units into stock', async () => {
    const point = await createPoint(a, modA);
    const list = await t.app.call('GET', admin_(a, '/points'), { token: modA.token });
    const mine = list.body.items.find((p: { id: number }) => p.id === point.id);
    expect(mine).toMatchObject({ communityId: a.id, shared: false, archived: false, itemTypes: 0, units: 0 });
    expect(mine.communities).toEqual([{ id: a.id, name: a.name }]);

    const photos = [await upload(a, modA.userId), await upload(a, modA.userId), await upload(a, modA.userId)];
    const item = await t.app.call('POST', admin_(a, '/items'), {
      token: modA.token,
      body: itemBody(point.id, { uploadIds: photos, suitableFor: '腿脚不便的老人', specs: '承重100公斤' }),
    });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    expect(item.body).toMatchObject({ feeText: '每天5元', units: 0, freeToday: 0, waiting: 0, hidden: false });
    expect(item.body.photos.map((p: { uploadId: number }) => p.uploadId)).toEqual(photos);
    const [attached] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, photos[0]));
    expect(attached.attachedAt).not.toBeNull();

    const unitIds = await createUnits(a, modA, item.body.id, ['LY-001', 'LY-002']);
    expect(unitIds).toHaveLength(2);
    const detail = await t.app.call('GET', admin_(a, `/units/${unitIds[0]}`), { token: modA.token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ assetTag: 'LY-001', status: 'in_stock', condition: 'good', holds: [] });
    expect(detail.body.history).toMatchObject([{ kind: 'added', condition: 'good', actor: expect.any(String) }]);

    // The residents' catalogue: photos in order, free today.
    const got = await t.app.call('GET', rentals(a, `/items/${item.body.id}`), { token: resA.token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ units: 2, freeToday: 2, specs: '承重100公斤', myBookings: [] });
    expect(got.body.photoUrls).toEqual(item.body.photos.map((p: { url: string }) => p.url));

    // Reordered, one dropped: the dropped photo is an orphan again.
    const re = await t.app.call('PATCH', admin_(a, `/items/${item.body.id}`), {
      token: modA.token,
      body: { uploadIds: [photos[2], photos[0]] },
    });
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    expect(re.body.photos.map((p: { uploadId: number }) => p.uploadId)).toEqual([photos[2], photos[0]]);
    const [dropped] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, photos[1]));
    expect(dropped.attachedAt).toBeNull();

    // A change of name alone leaves the terms as they were.
    const renamed = await t.app.call('PATCH', admin_(a, `/items/${item.body.id}`), {
      token: modA.token,
      body: { name: '轻便轮椅' },
    });
    expect(renamed.body).toMatchObject({ name: '轻便轮椅', feeKind: 'per_day', feeFen: 500, depositFen: 20000 });
    expect(renamed.body.photos).toHaveLength(2);

    expect(await auditRows(t.app, 'rental_point.create', point.id)).toHaveLength(1);
    expect(await auditRows(t.app, 'rental_item.create', item.body.id)).toHaveLength(1);
    const updates = await auditRows(t.app, 'rental_item.update', item.body.id);
    expect(updates).toHaveLength(2);
    expect(updates[1].after).toMatchObject({ name: '轻便轮椅', uploadIds: [photos[2], photos[0]] });
    expect(await auditRows(t.app, 'rental_unit.create', unitIds[0])).toHaveLength(1);
  });

  it('refuses photos of another community and files that are not photos', async () => {
    const point = await createPoint(a, modA);
    const theirs = await upload(b, modB.userId);
    const res = await t.app.call('POST', admin_(a, '/items'), {
      token: modA.token,
      body: itemBody(point.id, { uploadIds: [theirs] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '有照片找不到了，请重新上传' });
    const pdf = await upload(a, modA.userId, 'pdf');
    const res2 = await t.app.call('POST', admin_(a, '/items'), {
      token: modA.token,
      body: itemBody(point.id, { uploadIds: [pdf] }),
    });
    expect(res2.status).toBe(400);
    const [still] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, theirs));
    expect(still.attachedAt).toBeNull();
  });

  it('checks the terms with Chinese messages', async () => {
    const point = await createPoint(a, modA);
    const cases: [Record<string, unknown>, string][] = [
      [{ feeKind: 'per_period', periodDays: 180, feeFen: 105000, depositFen: 200000 }, '押金不能超过一期的租金'],
      [{ feeKind: 'free', feeFen: 100, depositFen: 0 }, '免费借用的租金应为0'],
      [{ feeKind: 'per_period', feeFen: 105000, depositFen: 0 }, '按租期收费要填每期多少天'],
      [{ subsidyPercent: 50 }, '请选择补贴给哪些人'],
      [{ name: '' }, '请填写器具名称'],
    ];
    for (const [more, message] of cases) {
      const res = await t.app.call('POST', admin_(a, '/items'), { token: modA.token, body: itemBody(point.id, more) });
      expect(res.status, message).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(message);
    }
    // A change of fee kind alone is checked against the stored terms.
    const item = await createItem(a, modA, point.id);
    const res = await t.app.call('PATCH', admin_(a, `/items/${item.id}`), {
      token: modA.token,
      body: { feeKind: 'per_period', periodDays: 180 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('押金不能超过一期的租金');
    const free = await t.app.call('PATCH', admin_(a, `/items/${item.id}`), {
      token: modA.token,
      body: { feeKind: 'free' },
    });
    expect(free.status, JSON.stringify(free.body)).toBe(200);
    expect(free.body).toMatchObject({ feeKind: 'free', feeFen: 0, feeText: '免费借用' });
  });

  it('refuses an asset tag already used at the point, naming it', async () => {
    const point = await createPoint(a, modA);
    const item = await createItem(a, modA, point.id);
    await createUnits(a, modA, item.id, ['HL-001']);
    const res = await t.app.call('POST', admin_(a, '/units'), {
      token: modA.token,
      body: { itemTypeId: item.id, assetTags: ['HL-002', 'HL-001'] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'DUPLICATE' });
    expect(res.body.error.message).toContain('HL-001');
    const units = await t.app.database.db.select().from(rentalUnits).where(eq(rentalUnits.pointId, point.id));
    expect(units.map((u) => u.assetTag)).toEqual(['HL-001']);
    // The same tag at another point is fine.
    const other = await createPoint(a, modA);
    const otherItem = await createItem(a, modA, other.id);
    await createUnits(a, modA, otherItem.id, ['HL-001']);
  });
});

describe('a service point shared by several communities serves residents of each and nobody else', () => {
  let point: { id: number };
  let item: { id: number };
  let unitIds: number[];

  beforeAll(async () => {
    point = await createPoint(a, modA);
    item = await createItem(a, modA, point.id, { feeKind: 'free', feeFen: 0, depositFen: 0 });
    unitIds = await createUnits(a, modA, item.id, ['GX-001', 'GX-002']);
  });

  it('only a platform admin sets the communities; the point’s own always stays', async () => {
    const body = { communityIds: [b.id] };
    const byMod = await t.app.call('PUT', `/api/admin/rental-points/${point.id}/communities`, {
      token: modA.token,
      body,
    });
    expect(byMod.status).toBe(403);
    const res = await t.app.call('PUT', `/api/admin/rental-points/${point.id}/communities`, {
      token: admin.token,
      body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.communities).toEqual([
      { id: a.id, name: a.name },
      { id: b.id, name: b.name },
    ]);
    expect(res.body.shared).toBe(true);
    const rows = await auditRows(t.app, 'rental_point.communities', point.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ community_id: null, after: { communityIds: [a.id, b.id] } });
    const all = await t.app.call('GET', '/api/admin/rental-points', { token: admin.token });
    expect(all.body.items.find((p: { id: number }) => p.id === point.id).communities).toHaveLength(2);
    expect((await t.app.call('GET', '/api/admin/rental-points', { token: modA.token })).status).toBe(403);
    const unknown = await t.app.call('PUT', '/api/admin/rental-points/99999999/communities', {
      token: admin.token,
      body,
    });
    expect(unknown.status).toBe(404);
  });

  it('residents of A and B see and open its items; a resident of C does not', async () => {
    for (const [c, who] of [
      [a, resA],
      [b, resB],
    ] as const) {
      const list = await t.app.call('GET', rentals(c, '/items'), { token: who.token });
      expect(list.status).toBe(200);
      const it_ = list.body.items.find((i: { id: number }) => i.id === item.id);
      expect(it_).toMatchObject({ units: 2, freeToday: 2, waiting: 0, feeText: '免费借用' });
      const pt = list.body.points.find((p: { id: number }) => p.id === point.id);
      expect(pt.shared).toBe(c.id !== a.id);
      const one = await t.app.call('GET', rentals(c, `/items/${item.id}`), { token: who.token });
      expect(one.status).toBe(200);
      expect(one.body.point.id).toBe(point.id);
    }
    const listC = await t.app.call('GET', rentals(cc, '/items'), { token: resC.token });
    expect(listC.status).toBe(200);
    expect(listC.body).toEqual({ points: [], items: [] });
    expect((await t.app.call('GET', rentals(cc, `/items/${item.id}`), { token: resC.token })).status).toBe(404);
    // Asking through a community one is not in: 404 too.
    expect((await t.app.call('GET', rentals(a, `/items/${item.id}`), { token: resC.token })).status).toBe(404);
    expect((await t.app.call('GET', rentals(a, '/items'), { token: resC.token })).status).toBe(404);
  });

  it('the category filter and hidden items', async () => {
    const hidden = await createItem(a, modA, point.id, { category: 'walker', name: '助行架', hidden: true });
    await t.app.call('PATCH', admin_(a, `/items/${hidden.id}`), { token: modA.token, body: { hidden: true } });
    const walkers = await t.app.call('GET', rentals(b, '/items?category=walker'), { token: resB.token });
    expect(walkers.body.items.map((i: { id: number }) => i.id)).not.toContain(hidden.id);
    expect((await t.app.call('GET', rentals(b, `/items/${hidden.id}`), { token: resB.token })).status).toBe(404);
    const chairs = await t.app.call('GET', rentals(b, '/items?category=wheelchair'), { token: resB.token });
    expect(chairs.body.items.map((i: { id: number }) => i.id)).toContain(item.id);
    expect(chairs.body.items.every((i: { category: string }) => i.category === 'wheelchair')).toBe(true);
  });

  it('B’s moderator cannot manage A’s point; A’s moderator can', async () => {
    const unitId = unitIds[0];
    const asB = [
      ['PATCH', `/points/${point.id}`, { name: '别人的站' }],
      ['PATCH', `/items/${item.id}`, { name: '别人的轮椅' }],
      ['GET', `/units/${unitId}`, undefined],
      ['PATCH', `/units/${unitId}`, { note: '看看' }],
      ['POST', `/units/${unitId}/maintenance`, { startOn: day(5), endOn: day(6), note: '换轮胎' }],
      ['POST', `/units/${unitId}/maintenance-end`, {}],
      ['POST', `/units/${unitId}/retire`, { note: '坏了' }],
      ['POST', '/items', itemBody(point.id)],
      ['POST', '/units', { itemTypeId: item.id, assetTags: ['B-001'] }],
    ] as const;
    for (const [method, path, body] of asB) {
      for (const [c, who] of [
        [b, modB],
        [cc, modC],
      ] as const) {
        const res = await t.app.call(method, admin_(c, path), { token: who.token, body });
        expect(res.status, `${method} ${path} by another community's moderator`).toBe(404);
      }
      // Their residents (not members of A) asking through A's path.
      for (const who of [resB, resC, modB]) {
        const res = await t.app.call(method, admin_(a, path), { token: who.token, body });
        expect(res.status, `${method} ${path} through A`).toBe(404);
      }
      // A's own resident: not staff.
      expect((await t.app.call(method, admin_(a, path), { token: resA.token, body })).status).toBe(403);
    }
    const lists = ['/points', '/items', '/units'];
    for (const path of lists) {
      const res = await t.app.call('GET', admin_(b, path), { token: modB.token });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body.items.map((x: { id: number }) => x.id))).not.toContain(`${point.id}`);
    }
    const units = await t.app.database.db.select().from(rentalUnits).where(eq(rentalUnits.id, unitId));
    expect(units[0].status).toBe('in_stock');
    const ok = await t.app.call('PATCH', admin_(a, `/points/${point.id}`), {
      token: modA.token,
      body: { hours: '每天 8:00-18:00' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ hours: '每天 8:00-18:00', name: pointBody.name, delivers: false });
  });

  it('a community with active bookings at the point cannot be removed; the point cannot be archived', async () => {
    const bk = await book(b, point.id, item.id, day(3), day(5));
    const res = await t.app.call('PUT', `/api/admin/rental-points/${point.id}/communities`, {
      token: admin.token,
      body: { communityIds: [] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    const archive = await t.app.call('PATCH', admin_(a, `/points/${point.id}`), {
      token: modA.token,
      body: { archived: true },
    });
    expect(archive.status).toBe(409);
    expect(archive.body.error.code).toBe('INVALID_STATE');

    // The unit's list shows the booking holding it next.
    const units = await t.app.call('GET', admin_(a, `/units?itemId=${item.id}`), { token: modA.token });
    const held = units.body.items.find((u: { id: number }) => u.id === bk.unitId);
    expect(held.currentBooking).toMatchObject({
      id: bk.bookingId,
      status: 'confirmed',
      startOn: day(3),
      endOn: day(5),
    });

    await t.app.database.db
      .update(rentalBookings)
      .set({ status: 'cancelled' })
      .where(eq(rentalBookings.id, bk.bookingId));
    await t.app.database.db.delete(rentalHolds).where(eq(rentalHolds.bookingId, bk.bookingId));
    const removed = await t.app.call('PUT', `/api/admin/rental-points/${point.id}/communities`, {
      token: admin.token,
      body: { communityIds: [] },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.communities).toEqual([{ id: a.id, name: a.name }]);
    expect((await t.app.call('GET', rentals(b, `/items/${item.id}`), { token: resB.token })).status).toBe(404);

    const archived = await t.app.call('PATCH', admin_(a, `/points/${point.id}`), {
      token: modA.token,
      body: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const list = await t.app.call('GET', rentals(a, '/items'), { token: resA.token });
    expect(list.body.points.map((p: { id: number }) => p.id)).not.toContain(point.id);
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(item.id);
    const rows = await auditRows(t.app, 'rental_point.update', point.id);
    expect(rows.at(-1)?.after).toMatchObject({ archived: true });
  });
});

describe('maintenance and retirement', () => {
  it('a block over a booked date is refused with the bookings in the way', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const bk = await book(a, s.pointId, s.itemTypeId, day(2), day(4));
    const res = await t.app.call('POST', admin_(a, `/units/${bk.unitId}/maintenance`), {
      token: modA.token,
      body: { startOn: day(4), endOn: day(8), note: '换轮胎' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('UNIT_BUSY');
    expect(res.body.error.details.bookings).toEqual([
      { id: bk.bookingId, status: 'confirmed', startOn: day(2), endOn: day(4) },
    ]);
    // The cleaning day after the due date is held too.
    const cleaning = await t.app.call('POST', admin_(a, `/units/${bk.unitId}/maintenance`), {
      token: modA.token,
      body: { startOn: day(5), endOn: day(6), note: '换轮胎' },
    });
    expect(cleaning.status).toBe(409);
    const after = await t.app.call('POST', admin_(a, `/units/${bk.unitId}/maintenance`), {
      token: modA.token,
      body: { startOn: day(6), endOn: day(7), note: '换轮胎' },
    });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    expect(after.body.status).toBe('in_stock');
    expect(
      after.body.holds.map((h: { kind: string; startOn: string; endOn: string }) => [h.kind, h.startOn, h.endOn]),
    ).toEqual([
      ['booking', day(2), day(5)],
      ['maintenance', day(6), day(7)],
    ]);
    const past = await t.app.call('POST', admin_(a, `/units/${bk.unitId}/maintenance`), {
      token: modA.token,
      body: { startOn: day(-1), endOn: day(0), note: '换轮胎' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('RENTAL_DATES_INVALID');
    // Retirement refused while booked.
    const retire = await t.app.call('POST', admin_(a, `/units/${bk.unitId}/retire`), {
      token: modA.token,
      body: { note: '车架断了' },
    });
    expect(retire.status).toBe(409);
    expect(retire.body.error.code).toBe('INVALID_STATE');
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });

  it('maintenance from today takes the unit out; its end puts it back', async () => {
    const s = await rentalSetup(t.app, a, { units: 2 });
    const unitId = s.unitIds[0];
    const block = await t.app.call('POST', admin_(a, `/units/${unitId}/maintenance`), {
      token: modA.token,
      body: { startOn: day(0), endOn: day(3), note: '刹车松了' },
    });
    expect(block.status, JSON.stringify(block.body)).toBe(201);
    expect(block.body.status).toBe('maintenance');
    expect(block.body.history[0]).toMatchObject({ kind: 'maintenance' });
    const cat = await t.app.call('GET', rentals(a, `/items/${s.itemTypeId}`), { token: resA.token });
    expect(cat.body).toMatchObject({ units: 2, freeToday: 1 });
    const staffList = await t.app.call('GET', admin_(a, `/items?pointId=${s.pointId}`), { token: modA.token });
    expect(staffList.body.items[0].byStatus).toEqual({ in_stock: 1, on_loan: 0, maintenance: 1, retired: 0 });

    const end = await t.app.call('POST', admin_(a, `/units/${unitId}/maintenance-end`), {
      token: modA.token,
      body: { condition: 'worn' },
    });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    expect(end.body).toMatchObject({ status: 'in_stock', condition: 'worn', holds: [] });
    expect(end.body.history.map((h: { kind: string }) => h.kind)).toEqual(['maintenance_end', 'maintenance']);
    const again = await t.app.call('POST', admin_(a, `/units/${unitId}/maintenance-end`), {
      token: modA.token,
      body: {},
    });
    expect(again.status).toBe(409);
    const cat2 = await t.app.call('GET', rentals(a, `/items/${s.itemTypeId}`), { token: resA.token });
    expect(cat2.body.freeToday).toBe(2);
    expect(await auditRows(t.app, 'rental_unit.maintenance', unitId)).toHaveLength(1);
    expect(await auditRows(t.app, 'rental_unit.maintenance_end', unitId)).toHaveLength(1);
  });

  it('a block that started earlier keeps its past days when ended', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const unitId = s.unitIds[0];
    await t.app.database.db
      .insert(rentalHolds)
      .values({ unitId, itemTypeId: s.itemTypeId, kind: 'maintenance', during: `[${day(-2)},${day(4)})` });
    await t.app.database.db.update(rentalUnits).set({ status: 'maintenance' }).where(eq(rentalUnits.id, unitId));
    const end = await t.app.call('POST', admin_(a, `/units/${unitId}/maintenance-end`), {
      token: modA.token,
      body: {},
    });
    expect(end.status).toBe(200);
    expect(end.body.holds).toEqual([
      expect.objectContaining({ kind: 'maintenance', startOn: day(-2), endOn: day(-1) }),
    ]);
  });

  it('a needs-repair unit is not counted but keeps its bookings; retirement scraps it and drops later blocks', async () => {
    const s = await rentalSetup(t.app, a, { units: 2 });
    const bk = await book(a, s.pointId, s.itemTypeId, day(1), day(2));
    const repair = await t.app.call('PATCH', admin_(a, `/units/${bk.unitId}`), {
      token: modA.token,
      body: { condition: 'needs_repair', note: '扶手松动' },
    });
    expect(repair.status).toBe(200);
    expect(repair.body).toMatchObject({ condition: 'needs_repair', note: '扶手松动' });
    expect(repair.body.history[0]).toMatchObject({ kind: 'condition', condition: 'needs_repair', note: '扶手松动' });
    const [hold] = await t.app.database.db.select().from(rentalHolds).where(eq(rentalHolds.bookingId, bk.bookingId));
    expect(hold.unitId).toBe(bk.unitId);
    const cat = await t.app.call('GET', rentals(a, `/items/${s.itemTypeId}`), { token: resA.token });
    expect(cat.body.units).toBe(1);

    const free = s.unitIds.find((id) => id !== bk.unitId) as number;
    await t.app.call('POST', admin_(a, `/units/${free}/maintenance`), {
      token: modA.token,
      body: { startOn: day(10), endOn: day(12), note: '保养' },
    });
    const retired = await t.app.call('POST', admin_(a, `/units/${free}/retire`), {
      token: modA.token,
      body: { note: '车架断了' },
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', condition: 'scrapped', holds: [] });
    expect(retired.body.history[0]).toMatchObject({ kind: 'retired', note: '车架断了' });
    const twice = await t.app.call('POST', admin_(a, `/units/${free}/retire`), {
      token: modA.token,
      body: { note: '车架断了' },
    });
    expect(twice.status).toBe(409);
    const rows = await auditRows(t.app, 'rental_unit.retire', free);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ status: 'retired', condition: 'scrapped' });
    const stats = await t.app.call('GET', admin_(a, `/items?pointId=${s.pointId}`), { token: modA.token });
    expect(stats.body.items[0].byStatus.retired).toBe(1);
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });
});

describe('the household’s bookings on the item page', () => {
  it('shows the household’s active bookings; a member without a household gets none', async () => {
    const s = await rentalSetup(t.app, a, { units: 2 });
    const bk = await book(a, s.pointId, s.itemTypeId, day(1), day(2));
    const res = await t.app.call('GET', rentals(a, `/items/${s.itemTypeId}`), { token: resA.token });
    expect(res.status).toBe(200);
    expect(res.body.myBookings).toMatchObject([{ id: bk.bookingId, status: 'confirmed', unitTag: expect.any(String) }]);
    const [m] = await t.app.database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, modA.userId), eq(memberships.communityId, a.id)));
    expect(m.householdId).toBeNull();
    const asMod = await t.app.call('GET', rentals(a, `/items/${s.itemTypeId}`), { token: modA.token });
    expect(asMod.status).toBe(200);
    expect(asMod.body.myBookings).toEqual([]);
    const waiting = await t.app.database.db
      .insert(rentalBookings)
      .values({
        communityId: a.id,
        pointId: s.pointId,
        itemTypeId: s.itemTypeId,
        householdId: a.householdIds[1],
        startOn: day(1),
        endOn: day(2),
        status: 'waiting',
        quote: res.body.myBookings[0].quote,
      })
      .returning();
    const list = await t.app.call('GET', rentals(a, '/items'), { token: resA.token });
    expect(list.body.items.find((i: { id: number }) => i.id === s.itemTypeId)).toMatchObject({
      waiting: 1,
      units: 2,
    });
    expect(waiting).toHaveLength(1);
  });
});
