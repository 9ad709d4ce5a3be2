/**
 * 社区租赁 residents' bookings (docs/decisions/023-rentals.md): book (self-service → a unit held at
 * once, otherwise pending, or a place in the waiting list), 409 with what is free, the household's
 * cap under concurrency, cancel, extend, who reaches a booking, validation, and the waiting list
 * driven by the job with a fake clock (offer, 24 hours, the next in line, accept).
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages, rentalBookings, rentalHolds, rentalUnitEvents } from '../../server/db/schema';
import { todayOf } from '../../server/features/rentals/views';
import { runWaitlist } from '../../server/features/rentals/waitlist';
import { addDays } from '../../shared/domain/office-hours';
import { useTestApp } from '../helpers/app';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { bookingRow, rentalInconsistencies, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
const HOUR = 3_600_000;
let n = 0;

/** 10:00 in China on a fixed day, so "today" is stable. */
beforeAll(() => {
  t.app.clock.set(new Date('2026-12-02T02:00:00Z'));
});

const day = (k: number) => addDays(todayOf(t.app.deps), k).date;
const base = (c: CommunityFixture, path = '') => `/api/committees/${c.id}/rentals/bookings${path}`;

type Who = { token: string; userId: number };

function book(c: CommunityFixture, who: Who, body: Record<string, unknown>) {
  return t.app.call('POST', base(c), { token: who.token, body });
}

async function booked(c: CommunityFixture, who: Who, body: Record<string, unknown>) {
  const res = await book(c, who, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string; unitTag: string | null; version: number; endOn: string };
}

/** A community with its own point, an item type and units, and two residents of different households. */
async function fresh(opts: Parameters<typeof rentalSetup>[2] = {}) {
  const c = await createCommunity(t.app, `租赁社区${n++}`);
  const setup = await rentalSetup(t.app, c, opts);
  const [r1, r2] = [await resident(t.app, c, 0), await resident(t.app, c, 1)];
  return { c, ...setup, r1, r2 };
}

const holdsOf = (bookingId: number) =>
  t.app.database.db.select().from(rentalHolds).where(eq(rentalHolds.bookingId, bookingId));

describe('POST /rentals/bookings', () => {
  it('a self-service item is confirmed at once with a unit held over its dates and the cleaning day', async () => {
    const f = await fresh({
      units: 2,
      item: { selfService: true, feeKind: 'per_day', feeFen: 500, depositFen: 20000 },
    });
    const b = await booked(f.c, f.r1, {
      itemTypeId: f.itemTypeId,
      startOn: day(1),
      endOn: day(3),
      forName: '王阿姨',
      forRelation: '母亲',
      eligibility: 'elderly',
    });
    expect(b.status).toBe('confirmed');
    expect(b.unitTag).toMatch(/^LY-/);
    expect(b).toMatchObject({
      forName: '王阿姨',
      forRelation: '母亲',
      quote: { days: 3, rentFen: 1500, upfrontFen: 21500 },
    });
    const row = await bookingRow(t.app, b.id);
    expect(row.unitId).not.toBeNull();
    const holds = await holdsOf(b.id);
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ kind: 'booking', unitId: row.unitId, during: `[${day(1)},${day(5)})` });
    const events = await t.app.database.db.select().from(rentalUnitEvents).where(eq(rentalUnitEvents.bookingId, b.id));
    expect(events.map((e) => e.kind)).toEqual(['assigned']);
    expect((await auditRows(t.app, 'rental.book', b.id))[0].after).toMatchObject({ status: 'confirmed' });
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });

  it('an item staff confirm is pending and holds nothing', async () => {
    const f = await fresh({ units: 1 });
    const b = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(0), endOn: day(2) });
    expect(b.status).toBe('pending');
    expect(b.unitTag).toBeNull();
    expect(await holdsOf(b.id)).toHaveLength(0);
    // Pending holds nothing: a second household may ask for the same dates.
    expect((await booked(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(0), endOn: day(2) })).status).toBe(
      'pending',
    );
  });

  it('nothing free: 409 RENTAL_UNAVAILABLE with the free ranges and no booking kept; with waitlist, a place in line', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(2), endOn: day(5) });
    const body = { itemTypeId: f.itemTypeId, startOn: day(3), endOn: day(4) };
    const refused = await book(f.c, f.r2, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('RENTAL_UNAVAILABLE');
    // Held [day2, day7); a 2-day booking and its cleaning day need 3 free days: from day 7 on.
    expect(refused.body.error.details.free[0]).toEqual({ startOn: day(7), endOn: day(59) });
    const rows = await t.app.database.db
      .select()
      .from(rentalBookings)
      .where(eq(rentalBookings.householdId, f.c.householdIds[1]));
    expect(rows).toHaveLength(0);
    const waiting = await booked(f.c, f.r2, { ...body, waitlist: true });
    expect(waiting).toMatchObject({ status: 'waiting', queuePosition: 1, unitTag: null });
    expect(await holdsOf(waiting.id)).toHaveLength(0);
    expect(await auditRows(t.app, 'rental.join_waitlist', waiting.id)).toHaveLength(1);
  });

  it('free ranges list the early window too when the clash is later', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(10), endOn: day(12) });
    const refused = await book(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(9), endOn: day(11) });
    expect(refused.status).toBe(409);
    // 3 days + 1 cleaning day before day 10: starts day0..day6; after [day10, day14): from day14.
    expect(refused.body.error.details.free).toEqual([
      { startOn: day(0), endOn: day(6) },
      { startOn: day(14), endOn: day(59) },
    ]);
  });

  it('an item staff confirm with no unit free for the dates: 409 too, or the waiting list', async () => {
    const f = await fresh({ units: 1 });
    const [unitId] = f.unitIds;
    // Staff's confirm is another part; a hold stands for it here.
    const other = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(2) });
    await t.app.database.db
      .update(rentalBookings)
      .set({ status: 'confirmed', unitId })
      .where(eq(rentalBookings.id, other.id));
    await t.app.database.db.insert(rentalHolds).values({
      unitId,
      itemTypeId: f.itemTypeId,
      kind: 'booking',
      bookingId: other.id,
      during: `[${day(1)},${day(4)})`,
    });
    const refused = await book(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(2), endOn: day(3) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('RENTAL_UNAVAILABLE');
    expect(refused.body.error.details.free.length).toBeGreaterThan(0);
    const w = await booked(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(2), endOn: day(3), waitlist: true });
    expect(w.status).toBe('waiting');
  });

  it('a household has at most perHousehold active bookings of an item: RENTAL_LIMIT', async () => {
    const f = await fresh({ units: 3, item: { selfService: true, perHousehold: 1 } });
    await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(2) });
    const again = await book(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(10), endOn: day(12) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RENTAL_LIMIT');
    // Another member of the same household counts against the same cap.
    const sameHome = await resident(t.app, f.c, 0);
    expect((await book(f.c, sameHome, { itemTypeId: f.itemTypeId, startOn: day(10), endOn: day(12) })).status).toBe(
      409,
    );
    expect((await book(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(10), endOn: day(12) })).status).toBe(201);
  });

  it('10 concurrent bookings by one household with perHousehold 1 give exactly one', async () => {
    const f = await fresh({ units: 10, item: { selfService: true, perHousehold: 1 } });
    const members = [f.r1, ...(await Promise.all(Array.from({ length: 4 }, () => resident(t.app, f.c, 0))))];
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        book(f.c, members[i % members.length], { itemTypeId: f.itemTypeId, startOn: day(1 + i), endOn: day(2 + i) }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'RENTAL_LIMIT')).toBe(true);
    const rows = await t.app.database.db
      .select()
      .from(rentalBookings)
      .where(eq(rentalBookings.householdId, f.c.householdIds[0]));
    expect(rows).toHaveLength(1);
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });

  it('a point shared with another community serves its residents; the booking carries their community', async () => {
    const other = await createCommunity(t.app, `租赁邻社区${n++}`);
    const f = await fresh({ units: 1, item: { selfService: true } });
    const shared = await rentalSetup(t.app, f.c, { units: 1, alsoServes: [other], item: { selfService: true } });
    const neighbour = await resident(t.app, other, 0);
    const b = await booked(other, neighbour, { itemTypeId: shared.itemTypeId, startOn: day(1), endOn: day(1) });
    expect(b).toMatchObject({ communityId: other.id, status: 'confirmed' });
    // The point that does not serve the other community does not exist for its residents.
    const no = await book(other, neighbour, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(1) });
    expect(no.status).toBe(404);
  });

  it('validation: 400 with Chinese messages', async () => {
    const f = await fresh({ units: 1, item: { selfService: true, maxDays: 7 } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ startOn: day(3), endOn: day(1) }, 'VALIDATION_FAILED', '归还日期不能早于开始日期'],
      [{ startOn: '2026-13-01', endOn: day(1) }, 'VALIDATION_FAILED', '开始日期格式应为 2026-12-01'],
      [{ startOn: day(1), endOn: day(2), forName: '王阿姨' }, 'VALIDATION_FAILED', '代家人借用要同时填写称呼和关系'],
      [{ startOn: day(1), endOn: day(2), handover: 'delivery' }, 'VALIDATION_FAILED', '送货上门请填写地址'],
      [
        { startOn: day(1), endOn: day(2), handover: 'delivery', deliveryAddress: '1号楼101' },
        'VALIDATION_FAILED',
        '这件器具不能送货上门，请选择自己去取',
      ],
      [{ startOn: day(-1), endOn: day(2) }, 'RENTAL_DATES_INVALID', '开始日期不能早于今天'],
      [{ startOn: day(61), endOn: day(62) }, 'RENTAL_DATES_INVALID', '只能预约60天以内开始的日期'],
      [{ startOn: day(1), endOn: day(8) }, 'RENTAL_DATES_INVALID', '这件器具最长借7天，请缩短日期'],
    ];
    for (const [body, code, message] of cases) {
      const res = await book(f.c, f.r1, { itemTypeId: f.itemTypeId, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code, message });
    }
    // Exactly the longest loan is fine.
    expect((await book(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(7) })).status).toBe(201);
  });

  it('a resident without a registered household is told to register it', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    const mod = await staff(t.app, { community: f.c });
    const res = await book(f.c, mod, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(1) });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'INVALID_STATE', message: '请先登记您家的房屋，再借用器具' });
  });
});

describe('my bookings', () => {
  it('active and past, newest first, page by page; another household sees none of them', async () => {
    const f = await fresh({ units: 5, item: { selfService: true, perHousehold: 5 } });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1 + i), endOn: day(1 + i) })).id);
    await t.app.call('POST', base(f.c, `/${ids[0]}/cancel`), { token: f.r1.token, body: {} });
    const page1 = await t.app.call('GET', `${base(f.c)}?limit=2`, { token: f.r1.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((b: { id: number }) => b.id)).toEqual([ids[3], ids[2]]);
    expect(page1.body.nextBefore).toBe(ids[2]);
    const page2 = await t.app.call('GET', `${base(f.c)}?limit=2&before=${ids[2]}`, { token: f.r1.token });
    expect(page2.body.items.map((b: { id: number }) => b.id)).toEqual([ids[1]]);
    expect(page2.body.nextBefore).toBeNull();
    const past = await t.app.call('GET', `${base(f.c)}?scope=past`, { token: f.r1.token });
    expect(past.body.items.map((b: { id: number; status: string }) => [b.id, b.status])).toEqual([
      [ids[0], 'cancelled'],
    ]);
    const theirs = await t.app.call('GET', base(f.c), { token: f.r2.token });
    expect(theirs.body.items).toEqual([]);
    const one = await t.app.call('GET', base(f.c, `/${ids[1]}`), { token: f.r1.token });
    expect(one.body).toMatchObject({ id: ids[1], canCancel: true, canExtend: true });
  });
});

describe('cancel', () => {
  it('frees the unit for the next booking; a second cancel is 409', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    const b = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(3) });
    const body = { itemTypeId: f.itemTypeId, startOn: day(2), endOn: day(2) };
    expect((await book(f.c, f.r2, body)).status).toBe(409);
    const res = await t.app.call('POST', base(f.c, `/${b.id}/cancel`), {
      token: f.r1.token,
      body: { reason: '不用了' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', reason: '不用了', canCancel: false, version: b.version + 1 });
    expect(await holdsOf(b.id)).toHaveLength(0);
    const events = await t.app.database.db.select().from(rentalUnitEvents).where(eq(rentalUnitEvents.bookingId, b.id));
    expect(events.map((e) => e.kind)).toEqual(['assigned', 'released']);
    expect((await auditRows(t.app, 'rental.cancel', b.id))[0]).toMatchObject({
      before: { status: 'confirmed' },
      after: { status: 'cancelled' },
    });
    expect((await booked(f.c, f.r2, body)).status).toBe('confirmed');
    const again = await t.app.call('POST', base(f.c, `/${b.id}/cancel`), { token: f.r1.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });
});

describe('extend', () => {
  it('moves the due date and the hold and stores the new quote; refused when the next booking holds the unit', async () => {
    const f = await fresh({ units: 1, item: { selfService: true, feeKind: 'per_day', feeFen: 300, maxDays: 10 } });
    const a = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(3) });
    // Held [day1, day5); the next booking from day 6 holds [day6, day10).
    await booked(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(6), endOn: day(8) });
    const ok = await t.app.call('POST', base(f.c, `/${a.id}/extend`), {
      token: f.r1.token,
      body: { endOn: day(4), version: a.version },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ endOn: day(4), version: a.version + 1, quote: { days: 4, rentFen: 1200 } });
    expect((await holdsOf(a.id))[0].during).toBe(`[${day(1)},${day(6)})`);
    expect(await auditRows(t.app, 'rental.extend', a.id)).toHaveLength(1);

    const busy = await t.app.call('POST', base(f.c, `/${a.id}/extend`), { token: f.r1.token, body: { endOn: day(5) } });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'UNIT_BUSY', message: '这件器具之后已有人预约，不能续借' });
    expect(Array.isArray(busy.body.error.details.free)).toBe(true);
    expect((await holdsOf(a.id))[0].during).toBe(`[${day(1)},${day(6)})`);
    expect((await bookingRow(t.app, a.id)).endOn).toBe(day(4));

    const stale = await t.app.call('POST', base(f.c, `/${a.id}/extend`), {
      token: f.r1.token,
      body: { endOn: day(5), version: a.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('INVALID_STATE');
    const earlier = await t.app.call('POST', base(f.c, `/${a.id}/extend`), {
      token: f.r1.token,
      body: { endOn: day(4) },
    });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.code).toBe('RENTAL_DATES_INVALID');
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });

  it('within the longest loan only, and only once confirmed', async () => {
    const f = await fresh({ units: 1, item: { selfService: true, maxDays: 5 } });
    const a = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(3) });
    const long = await t.app.call('POST', base(f.c, `/${a.id}/extend`), { token: f.r1.token, body: { endOn: day(6) } });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'RENTAL_DATES_INVALID',
      message: `这件器具最长借5天，最晚${day(5)}归还`,
    });
    const g = await fresh({ units: 1 });
    const p = await booked(g.c, g.r1, { itemTypeId: g.itemTypeId, startOn: day(1), endOn: day(2) });
    const pending = await t.app.call('POST', base(g.c, `/${p.id}/extend`), {
      token: g.r1.token,
      body: { endOn: day(3) },
    });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe('INVALID_STATE');
  });
});

describe('who reaches a booking', () => {
  it('another community’s resident and moderator, and another household, get 404 on every route with an id', async () => {
    const f = await fresh({ units: 2, item: { selfService: true } });
    const b = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(2) });
    const elsewhere = await createCommunity(t.app, `别的社区${n++}`);
    const outsider = await resident(t.app, elsewhere, 0);
    const outsiderMod = await staff(t.app, { community: elsewhere });
    const routes = (c: CommunityFixture): [string, string, unknown][] => [
      ['GET', base(c, `/${b.id}`), undefined],
      ['POST', base(c, `/${b.id}/cancel`), {}],
      ['POST', base(c, `/${b.id}/extend`), { endOn: day(3) }],
      ['POST', base(c, `/${b.id}/accept`), undefined],
      ['POST', base(c), { itemTypeId: f.itemTypeId, startOn: day(5), endOn: day(6) }],
    ];
    for (const who of [outsider, outsiderMod])
      for (const c of [f.c, elsewhere])
        for (const [method, path, body] of routes(c)) {
          const res = await t.app.call(method, path, { token: who.token, body });
          expect(res.status, `${method} ${path}`).toBe(404);
        }
    // Another household of the same community: the booking does not exist for it.
    for (const [method, path, body] of routes(f.c).slice(0, 4)) {
      const res = await t.app.call(method, path, { token: f.r2.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await bookingRow(t.app, b.id)).status).toBe('confirmed');
    // Lists are per household: nothing of A's for anyone else.
    for (const who of [outsider, outsiderMod]) {
      const list = await t.app.call('GET', base(f.c), { token: who.token });
      expect(list.status).toBe(404);
    }
  });
});

describe('the waiting list (job with a fake clock)', () => {
  it('a freed unit is offered to the first in line; 24 hours later it passes to the next, who accepts', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    const r3 = await resident(t.app, f.c, 2);
    const dates = { itemTypeId: f.itemTypeId, startOn: day(3), endOn: day(5) };
    const holder = await booked(f.c, f.r1, dates);
    const first = await booked(f.c, f.r2, { ...dates, waitlist: true });
    const second = await booked(f.c, r3, { ...dates, waitlist: true });
    expect([first.status, second.status]).toEqual(['waiting', 'waiting']);
    expect((await t.app.call('GET', base(f.c, `/${second.id}`), { token: r3.token })).body.queuePosition).toBe(2);
    // Nothing is free yet: the job offers nothing.
    await runWaitlist(t.app.deps);
    expect((await bookingRow(t.app, first.id)).status).toBe('waiting');

    await t.app.call('POST', base(f.c, `/${holder.id}/cancel`), { token: f.r1.token, body: {} });
    // Two runners at once offer once.
    await Promise.all([runWaitlist(t.app.deps), runWaitlist(t.app.deps)]);
    const offered = await t.app.call('GET', base(f.c, `/${first.id}`), { token: f.r2.token });
    expect(offered.body).toMatchObject({ status: 'offered', unitTag: holder.unitTag, canCancel: true });
    expect(new Date(offered.body.offerExpiresAt).getTime()).toBe(t.app.clock().getTime() + 24 * HOUR);
    expect((await holdsOf(first.id))[0]).toMatchObject({ kind: 'offer', during: `[${day(3)},${day(7)})` });
    expect((await bookingRow(t.app, second.id)).status).toBe('waiting');
    expect((await t.app.call('GET', base(f.c, `/${second.id}`), { token: r3.token })).body.queuePosition).toBe(1);
    const told = await t.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, f.r2.userId), eq(messages.kind, 'rental.offered')));
    expect(told).toHaveLength(1);
    expect(await auditRows(t.app, 'rental.offer', first.id)).toHaveLength(1);
    expect(await rentalInconsistencies(t.app)).toEqual([]);

    t.app.clock.advance(24 * HOUR + 60_000);
    // Too late, even before the job has run.
    const late = await t.app.call('POST', base(f.c, `/${first.id}/accept`), { token: f.r2.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OFFER_EXPIRED');
    const round = await runWaitlist(t.app.deps);
    expect(round.expired).toBeGreaterThanOrEqual(1);
    expect(await bookingRow(t.app, first.id)).toMatchObject({ status: 'expired' });
    expect(await holdsOf(first.id)).toHaveLength(0);
    expect(
      await t.app.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, f.r2.userId), eq(messages.kind, 'rental.expired'))),
    ).toHaveLength(1);
    expect(await auditRows(t.app, 'rental.offer_expired', first.id)).toHaveLength(1);
    expect(await bookingRow(t.app, second.id)).toMatchObject({ status: 'offered', unitId: f.unitIds[0] });

    const accepted = await t.app.call('POST', base(f.c, `/${second.id}/accept`), { token: r3.token });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'confirmed', unitTag: holder.unitTag });
    expect((await holdsOf(second.id))[0].kind).toBe('booking');
    expect(await auditRows(t.app, 'rental.accept_offer', second.id)).toHaveLength(1);
    const again = await t.app.call('POST', base(f.c, `/${first.id}/accept`), { token: f.r2.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OFFER_EXPIRED');
    const twice = await t.app.call('POST', base(f.c, `/${second.id}/accept`), { token: r3.token });
    expect(twice.body.error.code).toBe('INVALID_STATE');
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });

  it('a declined offer (cancel) passes at the next run; a place in line whose start has passed expires', async () => {
    const f = await fresh({ units: 1, item: { selfService: true } });
    const holder = await booked(f.c, f.r1, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(1) });
    const w = await booked(f.c, f.r2, { itemTypeId: f.itemTypeId, startOn: day(1), endOn: day(1), waitlist: true });
    const later = await booked(f.c, await resident(t.app, f.c, 3), {
      itemTypeId: f.itemTypeId,
      startOn: day(1),
      endOn: day(1),
      waitlist: true,
    });
    await t.app.call('POST', base(f.c, `/${holder.id}/cancel`), { token: f.r1.token, body: {} });
    await runWaitlist(t.app.deps);
    expect((await bookingRow(t.app, w.id)).status).toBe('offered');
    const declined = await t.app.call('POST', base(f.c, `/${w.id}/cancel`), { token: f.r2.token, body: {} });
    expect(declined.body.status).toBe('cancelled');
    expect(await holdsOf(w.id)).toHaveLength(0);
    // The unit is taken for the day by maintenance, then the start day passes.
    await t.app.database.db
      .insert(rentalHolds)
      .values({ unitId: f.unitIds[0], itemTypeId: f.itemTypeId, kind: 'maintenance', during: `[${day(0)},${day(5)})` });
    await runWaitlist(t.app.deps);
    expect((await bookingRow(t.app, later.id)).status).toBe('waiting');
    t.app.clock.advance(48 * HOUR);
    await runWaitlist(t.app.deps);
    expect(await bookingRow(t.app, later.id)).toMatchObject({ status: 'expired' });
    expect((await auditRows(t.app, 'rental.offer_expired', later.id))[0].after).toMatchObject({ startPassed: true });
  });
});
