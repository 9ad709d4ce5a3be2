/** The demo community's 社区租赁: both points, stock, bookings in every state, one waiting list, consistent money. */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  rentalBookings,
  rentalHolds,
  rentalItemPhotos,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnitEvents,
  rentalUnits,
} from '../../server/db/schema';
import { DEMO_RESIDENT_CODE, seedDemo } from '../../server/db/seed';
import { RENTAL_CENTRE_NAME, RENTAL_POINT_NAME } from '../../server/db/seed-rentals';
import { holdRange } from '../../server/features/rentals/holds';
import { addDays, chinaClock } from '../../shared/domain/office-hours';
import type { RentalQuote, RentalSettlement, RentalTerms } from '../../shared/domain/rental-fee-types';
import { daysBetween, quote, settle } from '../../shared/domain/rental-fees';
import { rentalBookingStatuses } from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import { rentalInconsistencies } from '../helpers/rentals';

const t = useTestApp();

const termsOf = (it: typeof rentalItemTypes.$inferSelect): RentalTerms => ({
  feeKind: it.feeKind,
  feeFen: it.feeFen,
  periodDays: it.periodDays,
  depositFen: it.depositFen,
  subsidyPercent: it.subsidyPercent,
  subsidyFor: it.subsidyFor,
});

let seededOnce = false;

/** Seeds the demo on first call (the database is shared by the tests of this file). */
async function seeded() {
  if (!seededOnce) {
    expect(await seedDemo(t.app.deps)).not.toBeNull();
    seededOnce = true;
  }
  const db = t.app.database.db;
  const points = await db.select().from(rentalPoints).orderBy(asc(rentalPoints.id));
  const items = await db.select().from(rentalItemTypes).orderBy(asc(rentalItemTypes.id));
  const bookings = await db.select().from(rentalBookings).orderBy(asc(rentalBookings.id));
  const units = await db.select().from(rentalUnits).orderBy(asc(rentalUnits.id));
  return { db, points, items, bookings, units, item: new Map(items.map((i) => [i.id, i])) };
}

async function demoResident() {
  const signin = await t.app.call('POST', '/api/auth/wechat', { body: { code: DEMO_RESIDENT_CODE } });
  expect(signin.status).toBe(200);
  const [me] = await t.app.database.sql<{ household_id: number; community_id: number }[]>`
    select household_id, community_id from memberships where user_id = ${signin.body.user.id} and status = 'approved'`;
  return me;
}

describe('demo 社区租赁', () => {
  // Seeding the whole demo takes a while on a loaded machine.
  it('has the two points of the demo community, the centre serving the street, and the stock asked for', {
    timeout: 120_000,
  }, async () => {
    const { db, points, items, units } = await seeded();
    const me = await demoResident();
    expect(points.map((p) => p.name)).toEqual([RENTAL_POINT_NAME, RENTAL_CENTRE_NAME]);
    expect(points.every((p) => p.communityId === me.community_id)).toBe(true);
    expect(points[0].hours).toBe('周一至周六 9:00-17:00');
    const served = await db.select().from(rentalPointCommunities);
    const servedBy = (pointId: number) => served.filter((s) => s.pointId === pointId).map((s) => s.communityId);
    expect(servedBy(points[0].id)).toEqual([me.community_id]);
    expect(servedBy(points[1].id)).toContain(me.community_id);
    expect(servedBy(points[1].id).length).toBe(2);

    const at = (name: string) => {
      const it = items.find((i) => i.name === name && i.pointId === points[0].id);
      if (!it) throw new Error(name);
      return { it, units: units.filter((u) => u.itemTypeId === it.id) };
    };
    const wheelchair = at('手动轮椅');
    expect(wheelchair.it).toMatchObject({ feeKind: 'free', maxDays: 30, depositFen: 20_000, selfService: false });
    expect(wheelchair.units).toHaveLength(4);
    const walker = at('助行器');
    expect(walker.it).toMatchObject({ feeKind: 'per_day', feeFen: 200, depositFen: 10_000, selfService: true });
    expect(walker.units).toHaveLength(3);
    const bed = at('护理床');
    expect(bed.it).toMatchObject({
      feeKind: 'per_period',
      feeFen: 105_000,
      periodDays: 180,
      depositFen: 105_000,
      subsidyPercent: 50,
      delivery: true,
    });
    expect([...bed.it.subsidyFor].sort()).toEqual(['disabled', 'elderly', 'low_income']);
    expect(bed.units).toHaveLength(2);
    const commode = at('坐便椅');
    expect(commode.units.map((u) => u.status)).toEqual(['maintenance']);
    const [block] = await db.select().from(rentalHolds).where(eq(rentalHolds.unitId, commode.units[0].id));
    expect(block.kind).toBe('maintenance');

    // One photo per item type, and every unit has its history from 入库.
    const photos = await db.select().from(rentalItemPhotos);
    expect(new Set(photos.map((p) => p.itemTypeId))).toEqual(new Set(items.map((i) => i.id)));
    const events = await db.select().from(rentalUnitEvents);
    for (const u of units) expect(events.find((e) => e.unitId === u.id)?.kind).toBe('added');
  });

  it('has bookings in every state, consistent with units and holds, with quotes and receipts from the fee function', async () => {
    const { db, bookings, units, item } = await seeded();
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(rentalBookingStatuses));
    expect(await rentalInconsistencies(t.app)).toEqual([]);

    for (const b of bookings) {
      const it = item.get(b.itemTypeId);
      if (!it) throw new Error('item');
      expect(b.pointId).toBe(it.pointId);
      expect(b.quote as RentalQuote).toEqual(quote(termsOf(it), b.startOn, b.endOn, b.eligibility));
      if (b.status !== 'returned') {
        expect(b.settlement).toBeNull();
        continue;
      }
      const s = b.settlement as RentalSettlement;
      expect(s).toEqual(
        settle({
          terms: termsOf(it),
          startOn: b.startOn,
          endOn: b.endOn,
          eligibility: b.eligibility,
          eligibilityVerified: b.eligibilityVerified ?? false,
          rentPaidFen: b.rentPaidFen ?? 0,
          depositTakenFen: b.depositTakenFen ?? 0,
          returnedOn: b.returnedOn as string,
          damageFen: s.damageFen,
        }),
      );
    }
    // Every movement of a booked unit is in its history.
    const events = await db.select().from(rentalUnitEvents);
    for (const b of bookings.filter((x) => x.status === 'on_loan' || x.status === 'returned')) {
      const kinds = events.filter((e) => e.bookingId === b.id).map((e) => e.kind);
      expect(kinds).toContain('checked_out');
      if (b.status === 'returned') expect(kinds).toContain('checked_in');
    }
    for (const b of bookings.filter((x) => x.status === 'cancelled' || x.status === 'expired')) {
      const kinds = events.filter((e) => e.bookingId === b.id).map((e) => e.kind);
      expect(kinds).toEqual(['assigned', 'released']);
      expect(await db.select().from(rentalHolds).where(eq(rentalHolds.bookingId, b.id))).toEqual([]);
    }
    // A unit out is out for exactly one booking, and nothing else is marked out.
    expect(units.filter((u) => u.status === 'on_loan').length).toBe(
      bookings.filter((b) => b.status === 'on_loan').length,
    );

    const today = chinaClock(t.app.deps.clock()).date;
    const onLoan = bookings.filter((b) => b.status === 'on_loan');
    expect(onLoan.some((b) => b.endOn === addDays(today, 1).date)).toBe(true);
    const overdue = onLoan.find((b) => daysBetween(b.endOn, today) === 3);
    expect(overdue).toMatchObject({ forName: '王阿婆', forRelation: '母亲' });
    const offered = bookings.find((b) => b.status === 'offered');
    const left = (offered?.offerExpiresAt?.getTime() ?? 0) - t.app.deps.clock().getTime();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(24 * 3_600_000);
    const [offerHold] = await db
      .select()
      .from(rentalHolds)
      .where(eq(rentalHolds.bookingId, offered?.id ?? 0));
    expect(offerHold.kind).toBe('offer');
    const rejected = bookings.find((b) => b.status === 'rejected');
    expect(rejected?.reason).toBeTruthy();
    const returned = bookings.filter((b) => b.status === 'returned');
    expect(returned.some((b) => b.damageNote && (b.settlement as RentalSettlement).damageFen > 0)).toBe(true);
  });

  it('has one waiting list: two households for the nursing bed, both of its units busy on their dates', async () => {
    const { db, bookings, item } = await seeded();
    const waiting = bookings.filter((b) => b.status === 'waiting');
    expect(waiting).toHaveLength(2);
    expect(new Set(waiting.map((b) => b.itemTypeId)).size).toBe(1);
    expect(item.get(waiting[0].itemTypeId)?.name).toBe('护理床');
    expect(new Set(waiting.map((b) => b.householdId)).size).toBe(2);
    // In order: the first in line booked first.
    expect(waiting[0].createdAt.getTime()).toBeLessThan(waiting[1].createdAt.getTime());
    const me = await demoResident();
    expect(waiting[1].householdId).toBe(me.household_id);
    // No unit of the bed is free for either of them (the waiting-list job offers nothing).
    const beds = await db.select().from(rentalUnits).where(eq(rentalUnits.itemTypeId, waiting[0].itemTypeId));
    expect(beds).toHaveLength(2);
    for (const w of waiting) {
      const it = item.get(w.itemTypeId);
      const free = await t.app.database.sql<{ id: number }[]>`
        select u.id from rental_units u where u.item_type_id = ${w.itemTypeId} and not exists (
          select 1 from rental_holds h where h.unit_id = u.id
            and h.during && ${holdRange(w.startOn, w.endOn, it?.bufferDays ?? 0)}::daterange)`;
      expect(free).toEqual([]);
    }
  });

  it('gives the demo resident a wheelchair out for her mother, a returned walker with its receipt, and a place in line', async () => {
    const { bookings } = await seeded();
    const me = await demoResident();
    const mine = bookings.filter((b) => b.householdId === me.household_id);
    expect(mine.find((b) => b.status === 'on_loan')).toMatchObject({ forName: '王阿婆', forRelation: '母亲' });
    const returned = mine.find((b) => b.status === 'returned');
    expect(returned?.settlement).not.toBeNull();
    expect(returned?.damageNote).toBeTruthy();
    expect(mine.some((b) => b.status === 'waiting')).toBe(true);
  });
});
