/**
 * 社区租赁, the staff desk (docs/decisions/023-rentals.md): confirm (a unit held atomically, 409
 * with what is free, two staff at once), reject with a reason, check-out (early pick-up moves the
 * dates, photos, money taken), check-in (the receipt is settle()'s, the hold shrinks to the
 * cleaning days), the lists (bookings, today, waiting list), a shared point, and other callers.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  memberships,
  messages,
  rentalBookings,
  rentalHolds,
  rentalItemTypes,
  rentalUnitEvents,
  rentalUnits,
  uploads,
} from '../../server/db/schema';
import { addDays } from '../../shared/domain/office-hours';
import { quote, settle } from '../../shared/domain/rental-fees';
import type { RentalBookingStatus, RentalEligibility } from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { bookingRow, type RentalSetup, rentalInconsistencies, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
const TODAY = '2026-12-01';
const day = (n: number) => addDays(TODAY, n).date;
/** 10:00 China time on the day `n` days after TODAY. */
const setDay = (n: number) => t.app.clock.set(new Date(`${day(n)}T02:00:00Z`));

type Person = { token: string; userId: number };
let n = 0;
let a: CommunityFixture;
let b: CommunityFixture;
let x: CommunityFixture;
let modA: Person;
let modB: Person;
let modX: Person;
let resA: Person;
let resB: Person;
let resX: Person;

beforeAll(async () => {
  setDay(0);
  a = await createCommunity(t.app, `租赁甲${n++}`);
  b = await createCommunity(t.app, `租赁乙${n++}`);
  x = await createCommunity(t.app, `租赁丙${n++}`);
  modA = await staff(t.app, { community: a });
  modB = await staff(t.app, { community: b });
  modX = await staff(t.app, { community: x });
  resA = await resident(t.app, a, 0, '甲居民');
  resB = await resident(t.app, b, 1, '乙居民');
  resX = await resident(t.app, x, 0, '丙居民');
  await t.app.database.db
    .update(memberships)
    .set({ phoneEnc: t.app.deps.cipher.encrypt('13800001111') })
    .where(eq(memberships.userId, resB.userId));
});

const admin = (c: CommunityFixture, path = '') => `/api/committees/${c.id}/rental-admin${path}`;
const post = (c: CommunityFixture, token: string, path: string, body: unknown = {}) =>
  t.app.call('POST', admin(c, path), { token, body });
const get = (c: CommunityFixture, token: string, path: string) => t.app.call('GET', admin(c, path), { token });

/** A booking inserted directly (the booking route is another part), with its quote. */
async function book(
  s: RentalSetup,
  c: CommunityFixture,
  who: Person,
  opts: {
    startOn: string;
    endOn: string;
    eligibility?: RentalEligibility;
    status?: RentalBookingStatus;
    householdIndex?: number;
    reason?: string;
  },
) {
  const db = t.app.database.db;
  const [terms] = await db.select().from(rentalItemTypes).where(eq(rentalItemTypes.id, s.itemTypeId));
  const [row] = await db
    .insert(rentalBookings)
    .values({
      communityId: c.id,
      pointId: s.pointId,
      itemTypeId: s.itemTypeId,
      householdId: c.householdIds[opts.householdIndex ?? 0],
      userId: who.userId,
      startOn: opts.startOn,
      endOn: opts.endOn,
      eligibility: opts.eligibility ?? null,
      status: opts.status ?? 'pending',
      quote: quote(terms, opts.startOn, opts.endOn, opts.eligibility),
    })
    .returning();
  return row;
}

async function photo(c: CommunityFixture, userId: number) {
  const [u] = await t.app.database.db
    .insert(uploads)
    .values({
      communityId: c.id,
      uploadedBy: userId,
      kind: 'image',
      fileKey: randomBytes(32).toString('hex'),
      byteSize: 10,
    })
    .returning({ id: uploads.id });
  return u.id;
}

const unitOf = async (id: number) =>
  (await t.app.database.db.select().from(rentalUnits).where(eq(rentalUnits.id, id)))[0];
const holdOf = async (bookingId: number) =>
  (await t.app.database.db.select().from(rentalHolds).where(eq(rentalHolds.bookingId, bookingId)))[0];
const consistent = async () => expect(await rentalInconsistencies(t.app)).toEqual([]);

describe('the desk flow: confirm, check-out, check-in', () => {
  it('a late return with damage: the stored receipt is settle()’s, refund + charges = taken + owed', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, {
      units: 2,
      item: {
        feeKind: 'per_day',
        feeFen: 500,
        depositFen: 20_000,
        subsidyPercent: 50,
        subsidyFor: ['elderly'],
        bufferDays: 1,
      },
    });
    const bk = await book(s, a, resA, { startOn: day(2), endOn: day(6), eligibility: 'elderly' });

    // Confirm: a unit is held for the booking's dates plus the cleaning day.
    const conf = await post(a, modA.token, `/bookings/${bk.id}/confirm`);
    expect(conf.status, JSON.stringify(conf.body)).toBe(200);
    expect(conf.body.status).toBe('confirmed');
    expect(s.unitIds).toContain(conf.body.unitId);
    expect(conf.body.unitTag).toMatch(/^LY-/);
    expect(conf.body.bookerName).toBe('甲居民');
    const unitId = conf.body.unitId as number;
    expect((await holdOf(bk.id)).during).toBe(`[${day(2)},${day(8)})`);
    await consistent();
    const [msg] = await t.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, resA.userId), eq(messages.kind, 'rental.confirmed')));
    expect(msg.link).toContain(`id=${bk.id}`);
    expect(await auditRows(t.app, 'rental.confirm', bk.id)).toHaveLength(1);

    // Confirming again is refused.
    const again = await post(a, modA.token, `/bookings/${bk.id}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');

    // Check-out a day early: the booking and its hold start today.
    setDay(1);
    const q = bk.quote as { payableFen: number; depositFen: number };
    const p1 = await photo(a, modA.userId);
    const out = await post(a, modA.token, `/bookings/${bk.id}/check-out`, {
      condition: 'good',
      uploadIds: [p1],
      rentPaidFen: q.payableFen,
      depositTakenFen: q.depositFen,
      eligibilityVerified: true,
      note: '轮子检查过',
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.status).toBe('on_loan');
    expect(out.body.startOn).toBe(day(1));
    expect(out.body.rentPaidFen).toBe(q.payableFen);
    expect(out.body.depositTakenFen).toBe(20_000);
    expect(out.body.eligibilityVerified).toBe(true);
    expect(out.body.checkedOutAt).toBe(t.app.clock().toISOString());
    expect((await holdOf(bk.id)).during).toBe(`[${day(1)},${day(8)})`);
    expect(await unitOf(unitId)).toMatchObject({ status: 'on_loan', condition: 'good' });
    const [claimed] = await t.app.database.db.select().from(uploads).where(eq(uploads.id, p1));
    expect(claimed.attachedAt).not.toBeNull();
    await consistent();

    // Returned three days late, with damage.
    setDay(9);
    const p2 = await photo(a, modA.userId);
    const back = await post(a, modA.token, `/bookings/${bk.id}/check-in`, {
      condition: 'worn',
      damageNote: '扶手刮花',
      damageFen: 3_000,
      uploadIds: [p2],
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe('returned');
    expect(back.body.returnedOn).toBe(day(9));
    expect(back.body.damageNote).toBe('扶手刮花');
    const [terms] = await t.app.database.db.select().from(rentalItemTypes).where(eq(rentalItemTypes.id, s.itemTypeId));
    const expected = settle({
      terms,
      startOn: day(1),
      endOn: day(6),
      eligibility: 'elderly',
      eligibilityVerified: true,
      rentPaidFen: q.payableFen,
      depositTakenFen: 20_000,
      returnedOn: day(9),
      damageFen: 3_000,
    });
    expect(back.body.settlement).toEqual(expected);
    expect(expected.overdueDays).toBe(3);
    expect(expected.overdueFeeFen).toBe(1_500);
    const st = back.body.settlement;
    expect(st.refundFen + st.chargesFen).toBe(st.takenFen + st.owedFen);
    expect(st.takenFen).toBe(q.payableFen + 20_000);
    // Stored on the row too: every amount shown comes from it.
    expect((await bookingRow(t.app, bk.id)).settlement).toEqual(expected);
    // The unit is back, its hold ends after the cleaning day following the real return.
    expect(await unitOf(unitId)).toMatchObject({ status: 'in_stock', condition: 'worn' });
    expect((await holdOf(bk.id)).during).toBe(`[${day(1)},${day(11)})`);
    await consistent();

    const events = await t.app.database.db
      .select()
      .from(rentalUnitEvents)
      .where(eq(rentalUnitEvents.bookingId, bk.id))
      .orderBy(asc(rentalUnitEvents.id));
    expect(events.map((e) => e.kind)).toEqual(['assigned', 'checked_out', 'checked_in']);
    expect(events[1].uploadIds).toEqual([p1]);
    expect(events[2]).toMatchObject({ condition: 'worn', note: '扶手刮花', uploadIds: [p2] });
    expect(await auditRows(t.app, 'rental.check_out', bk.id)).toHaveLength(1);
    expect(await auditRows(t.app, 'rental.check_in', bk.id)).toHaveLength(1);

    // Checked in twice: refused.
    const twice = await post(a, modA.token, `/bookings/${bk.id}/check-in`, { condition: 'good' });
    expect(twice.body.error.code).toBe('INVALID_STATE');
    setDay(0);
  });

  it('an early return shrinks the hold to the cleaning days; the chosen unit is held; needs_repair stays in stock', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 2, item: { bufferDays: 2 } });
    const bk = await book(s, a, resA, { startOn: day(0), endOn: day(9) });
    const conf = await post(a, modA.token, `/bookings/${bk.id}/confirm`, { unitId: s.unitIds[1] });
    expect(conf.body.unitId).toBe(s.unitIds[1]);
    await post(a, modA.token, `/bookings/${bk.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
    });
    setDay(3);
    const back = await post(a, modA.token, `/bookings/${bk.id}/check-in`, { condition: 'needs_repair' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect((await holdOf(bk.id)).during).toBe(`[${day(0)},${day(6)})`);
    expect(await unitOf(s.unitIds[1])).toMatchObject({ status: 'in_stock', condition: 'needs_repair' });
    expect(back.body.settlement.refundFen).toBe(0);
    await consistent();
    setDay(0);
  });

  it('returned late into the next booking’s days: the return is recorded, the next booking keeps the unit', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1, item: { bufferDays: 1 } });
    const first = await book(s, a, resA, { startOn: day(0), endOn: day(2) });
    const next = await book(s, a, resA, { startOn: day(4), endOn: day(6), householdIndex: 1 });
    await post(a, modA.token, `/bookings/${first.id}/confirm`);
    await post(a, modA.token, `/bookings/${next.id}/confirm`);
    await post(a, modA.token, `/bookings/${first.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
    });
    setDay(4);
    const back = await post(a, modA.token, `/bookings/${first.id}/check-in`, { condition: 'good' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.settlement.overdueDays).toBe(2);
    expect((await holdOf(first.id)).during).toBe(`[${day(0)},${day(4)})`);
    expect((await bookingRow(t.app, next.id)).status).toBe('confirmed');
    expect((await holdOf(next.id)).unitId).toBe(s.unitIds[0]);
    await consistent();
    setDay(0);
  });

  it('check-out too early, check-in dates outside the loan, photos of another community: refused', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1 });
    const bk = await book(s, a, resA, { startOn: day(5), endOn: day(8) });
    await post(a, modA.token, `/bookings/${bk.id}/confirm`);
    const early = await post(a, modA.token, `/bookings/${bk.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    expect(early.body.error.message).toContain('还没到借用日期');

    setDay(2);
    const foreign = await photo(x, modX.userId);
    const badPhoto = await post(a, modA.token, `/bookings/${bk.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
      uploadIds: [foreign],
    });
    expect(badPhoto.body.error.code).toBe('VALIDATION_FAILED');
    expect((await bookingRow(t.app, bk.id)).status).toBe('confirmed');
    const out = await post(a, modA.token, `/bookings/${bk.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.startOn).toBe(day(2));

    const future = await post(a, modA.token, `/bookings/${bk.id}/check-in`, { condition: 'good', returnedOn: day(3) });
    expect(future.body.error.code).toBe('RENTAL_DATES_INVALID');
    const before = await post(a, modA.token, `/bookings/${bk.id}/check-in`, { condition: 'good', returnedOn: day(1) });
    expect(before.body.error.code).toBe('RENTAL_DATES_INVALID');
    const noNote = await post(a, modA.token, `/bookings/${bk.id}/check-in`, { condition: 'good', damageFen: 100 });
    expect(noNote.body.error.code).toBe('VALIDATION_FAILED');
    expect((await bookingRow(t.app, bk.id)).status).toBe('on_loan');
    await consistent();
    setDay(0);
  });
});

describe('confirm when units are short', () => {
  it('no unit free: 409 RENTAL_UNAVAILABLE with the free start dates; a busy chosen unit: UNIT_BUSY', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1, item: { bufferDays: 1 } });
    const first = await book(s, a, resA, { startOn: day(0), endOn: day(4) });
    const second = await book(s, a, resA, { startOn: day(2), endOn: day(3), householdIndex: 2 });
    expect((await post(a, modA.token, `/bookings/${first.id}/confirm`)).status).toBe(200);
    const none = await post(a, modA.token, `/bookings/${second.id}/confirm`);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('RENTAL_UNAVAILABLE');
    // Held day 0–4 plus a cleaning day: a two-day booking can start from day 6.
    expect(none.body.error.details.free[0]).toEqual({ startOn: day(6), endOn: day(59) });
    const busy = await post(a, modA.token, `/bookings/${second.id}/confirm`, { unitId: s.unitIds[0] });
    expect(busy.body.error.code).toBe('UNIT_BUSY');
    expect((await bookingRow(t.app, second.id)).status).toBe('pending');
    // A unit of another item type is not found.
    const other = await rentalSetup(t.app, a, { units: 1 });
    const wrong = await post(a, modA.token, `/bookings/${second.id}/confirm`, { unitId: other.unitIds[0] });
    expect(wrong.status).toBe(404);
    await consistent();
  });

  it('two pending bookings, one unit, confirmed at once: one confirmed, the other 409 RENTAL_UNAVAILABLE', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1 });
    const one = await book(s, a, resA, { startOn: day(1), endOn: day(5) });
    const two = await book(s, a, resA, { startOn: day(3), endOn: day(7), householdIndex: 3 });
    const replies = await Promise.all([
      post(a, modA.token, `/bookings/${one.id}/confirm`),
      post(a, modA.token, `/bookings/${two.id}/confirm`),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('RENTAL_UNAVAILABLE');
    const statuses = [(await bookingRow(t.app, one.id)).status, (await bookingRow(t.app, two.id)).status].sort();
    expect(statuses).toEqual(['confirmed', 'pending']);
    await consistent();
  });

  it('two staff confirming one booking at once: one wins, the other 409 INVALID_STATE', async () => {
    setDay(0);
    const modA2 = await staff(t.app, { community: a });
    const s = await rentalSetup(t.app, a, { units: 3 });
    const bk = await book(s, a, resA, { startOn: day(1), endOn: day(2) });
    const replies = await Promise.all([
      post(a, modA.token, `/bookings/${bk.id}/confirm`),
      post(a, modA2.token, `/bookings/${bk.id}/confirm`),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('INVALID_STATE');
    const holds = await t.app.database.db.select().from(rentalHolds).where(eq(rentalHolds.bookingId, bk.id));
    expect(holds).toHaveLength(1);
    await consistent();
  });
});

describe('reject', () => {
  it('a pending booking or a place in line is refused with the reason the resident reads', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1 });
    const bk = await book(s, a, resA, { startOn: day(1), endOn: day(2) });
    const waiting = await book(s, a, resA, { startOn: day(1), endOn: day(2), status: 'waiting', householdIndex: 4 });
    const short = await post(a, modA.token, `/bookings/${bk.id}/reject`, { reason: '' });
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const res = await post(a, modA.token, `/bookings/${bk.id}/reject`, { reason: '这周轮椅要送修' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', reason: '这周轮椅要送修' });
    expect(await bookingRow(t.app, bk.id)).toMatchObject({ status: 'rejected', reason: '这周轮椅要送修' });
    const [msg] = await t.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, resA.userId), eq(messages.kind, 'rental.rejected')));
    expect(msg.body).toContain('这周轮椅要送修');
    expect(await auditRows(t.app, 'rental.reject', bk.id)).toHaveLength(1);
    expect((await post(a, modA.token, `/bookings/${waiting.id}/reject`, { reason: '名额已满' })).body.status).toBe(
      'rejected',
    );
    // A confirmed booking is not rejected (it is cancelled instead).
    const conf = await book(s, a, resA, { startOn: day(5), endOn: day(6), householdIndex: 5 });
    await post(a, modA.token, `/bookings/${conf.id}/confirm`);
    expect((await post(a, modA.token, `/bookings/${conf.id}/reject`, { reason: '不借了' })).body.error.code).toBe(
      'INVALID_STATE',
    );
    await consistent();
  });
});

describe('lists', () => {
  it('bookings by status, item and overdue, newest first, a page at a time; one booking with units to choose', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, x, { units: 2 });
    const rows = [];
    for (let i = 0; i < 3; i++)
      rows.push(await book(s, x, resX, { startOn: day(1), endOn: day(2), householdIndex: i }));
    const late = await book(s, x, resX, { startOn: day(-5), endOn: day(-1), householdIndex: 3 });
    await post(x, modX.token, `/bookings/${late.id}/confirm`);
    // On loan since day -5, due yesterday (set the status as a past check-out would have).
    setDay(-5);
    await post(x, modX.token, `/bookings/${late.id}/check-out`, {
      condition: 'good',
      rentPaidFen: 0,
      depositTakenFen: 0,
    });
    setDay(0);

    const page1 = await get(x, modX.token, '/bookings?limit=2');
    expect(page1.status, JSON.stringify(page1.body)).toBe(200);
    expect(page1.body.items.map((i: { id: number }) => i.id)).toEqual([late.id, rows[2].id]);
    const page2 = await get(x, modX.token, `/bookings?limit=2&before=${page1.body.nextBefore}`);
    expect(page2.body.items.map((i: { id: number }) => i.id)).toEqual([rows[1].id, rows[0].id]);
    expect(page2.body.nextBefore).toBeNull();
    const pendingOnes = await get(x, modX.token, `/bookings?status=pending&itemId=${s.itemTypeId}`);
    expect(pendingOnes.body.items).toHaveLength(3);
    const overdue = await get(x, modX.token, '/bookings?overdue=true');
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect(overdue.body.items[0].overdueDays).toBe(1);

    const one = await get(x, modX.token, `/bookings/${rows[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.units.map((u: { id: number }) => u.id).sort()).toEqual([...s.unitIds].sort());
    expect(one.body.householdLabel).toBe('1号楼 1单元 101');

    const today = await get(x, modX.token, '/today');
    expect(today.body.date).toBe(TODAY);
    expect(today.body.overdue.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect(today.body.pending.map((i: { id: number }) => i.id)).toEqual(rows.map((r) => r.id));
    expect(today.body.pickups).toEqual([]);
    expect(today.body.returns).toEqual([]);
    setDay(1);
    await post(x, modX.token, `/bookings/${rows[0].id}/confirm`);
    const tomorrow = await get(x, modX.token, '/today');
    expect(tomorrow.body.pickups.map((i: { id: number }) => i.id)).toEqual([rows[0].id]);
    expect(tomorrow.body.overdue[0].overdueDays).toBe(2);
    setDay(0);
  });

  it('today: returns due today and open offers; the waiting list in order, waiting then offered', async () => {
    setDay(0);
    const c = await createCommunity(t.app, `租赁丁${n++}`);
    const m = await staff(t.app, { community: c });
    const r = await resident(t.app, c, 0);
    const s = await rentalSetup(t.app, c, { units: 2 });
    const s2 = await rentalSetup(t.app, c, { units: 1 });
    const due = await book(s, c, r, { startOn: day(-2), endOn: day(0) });
    setDay(-2);
    await post(c, m.token, `/bookings/${due.id}/confirm`);
    await post(c, m.token, `/bookings/${due.id}/check-out`, { condition: 'good', rentPaidFen: 0, depositTakenFen: 0 });
    setDay(0);
    const w2 = await book(s2, c, r, { startOn: day(3), endOn: day(4), status: 'waiting', householdIndex: 1 });
    const w1 = await book(s, c, r, { startOn: day(3), endOn: day(4), status: 'waiting', householdIndex: 2 });
    const w1b = await book(s, c, r, { startOn: day(3), endOn: day(4), status: 'waiting', householdIndex: 3 });
    // An offer, as the waiting-list job makes it: status offered with a hold of kind offer.
    const offer = await book(s, c, r, { startOn: day(1), endOn: day(2), status: 'waiting', householdIndex: 4 });
    const [held] = await t.app.database.db
      .insert(rentalHolds)
      .values({
        unitId: s.unitIds[1],
        itemTypeId: s.itemTypeId,
        kind: 'offer',
        bookingId: offer.id,
        during: `[${day(1)},${day(4)})`,
      })
      .returning();
    expect(held).toBeTruthy();
    await t.app.database.db
      .update(rentalBookings)
      .set({ status: 'offered', unitId: s.unitIds[1], offerExpiresAt: new Date(t.app.clock().getTime() + 86_400_000) })
      .where(eq(rentalBookings.id, offer.id));
    await consistent();

    const today = await get(c, m.token, '/today');
    expect(today.body.returns.map((i: { id: number }) => i.id)).toEqual([due.id]);
    expect(today.body.offers.map((i: { id: number }) => i.id)).toEqual([offer.id]);
    expect(today.body.offers[0].offerExpiresAt).not.toBeNull();

    const list = await get(c, m.token, '/waitlist');
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([w1.id, w1b.id, w2.id, offer.id]);
    expect(list.body.items.map((i: { queuePosition: number | null }) => i.queuePosition)).toEqual([1, 2, 1, null]);
    const one = await get(c, m.token, `/waitlist?itemId=${s2.itemTypeId}`);
    expect(one.body.items.map((i: { id: number }) => i.id)).toEqual([w2.id]);
  });
});

describe('who reaches the desk', () => {
  it('a shared point: A’s staff see B’s resident with name and phone; B’s moderator does not reach it', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1, alsoServes: [b], pointName: '街镇辅具中心' });
    const bk = await book(s, b, resB, { startOn: day(1), endOn: day(3), householdIndex: 1 });
    const one = await get(a, modA.token, `/bookings/${bk.id}`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toMatchObject({
      communityId: b.id,
      communityName: b.name,
      bookerName: '乙居民',
      bookerPhone: '13800001111',
      householdLabel: '1号楼 1单元 102',
    });
    const list = await get(a, modA.token, '/bookings?status=pending');
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(bk.id);
    expect((await get(b, modB.token, `/bookings/${bk.id}`)).status).toBe(404);
    expect((await post(b, modB.token, `/bookings/${bk.id}/confirm`)).status).toBe(404);
    const bList = await get(b, modB.token, '/bookings');
    expect(bList.body.items.map((i: { id: number }) => i.id)).not.toContain(bk.id);
    const conf = await post(a, modA.token, `/bookings/${bk.id}/confirm`);
    expect(conf.status).toBe(200);
    expect((await bookingRow(t.app, bk.id)).communityId).toBe(b.id);
    await consistent();
  });

  it('another community’s resident and moderator get 404 on every route with an id; A’s resident is refused', async () => {
    setDay(0);
    const s = await rentalSetup(t.app, a, { units: 1 });
    const bk = await book(s, a, resA, { startOn: day(0), endOn: day(1) });
    const calls = [
      ['GET', `/bookings/${bk.id}`, undefined],
      ['POST', `/bookings/${bk.id}/confirm`, {}],
      ['POST', `/bookings/${bk.id}/reject`, { reason: '不借了' }],
      ['POST', `/bookings/${bk.id}/check-out`, { condition: 'good', rentPaidFen: 0, depositTakenFen: 0 }],
      ['POST', `/bookings/${bk.id}/check-in`, { condition: 'good' }],
    ] as const;
    for (const [method, path, body] of calls) {
      for (const c of [a, x]) {
        for (const who of [modX, resX]) {
          const res = await t.app.call(method, admin(c, path), { token: who.token, body });
          // The resident of X on X's own desk is no staff (403); everywhere else the booking does not exist.
          const want = who === resX && c === x ? 403 : 404;
          expect(res.status, `${method} ${c.name} ${path}`).toBe(want);
        }
      }
      const own = await t.app.call(method, admin(a, path), { token: resA.token, body });
      expect(own.status, `${method} resident ${path}`).toBe(403);
    }
    for (const path of ['/bookings', '/today', '/waitlist']) {
      expect((await get(a, modX.token, path)).status).toBe(404);
      expect((await get(a, resX.token, path)).status).toBe(404);
    }
    expect((await bookingRow(t.app, bk.id)).status).toBe('pending');
  });
});
