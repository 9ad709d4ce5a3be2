/**
 * A loan past its due date keeps its unit (docs/decisions/023-rentals.md): its hold ended at the
 * due date, but the unit is still out, so no new booking may be given it, and the reminder job
 * stretches its hold day by day so the calendar shows it busy.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rentalBookings, rentalHolds, rentalUnits } from '../../server/db/schema';
import { holdUnit } from '../../server/features/rentals/holds';
import { stretchOverdueHolds } from '../../server/features/rentals/reminders';
import { addDays, chinaClock } from '../../shared/domain/office-hours';
import { quote } from '../../shared/domain/rental-fees';
import { useTestApp } from '../helpers/app';
import { createCommunity, resident } from '../helpers/fixtures';
import { rentalInconsistencies, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
const FREE = {
  feeKind: 'free',
  feeFen: 0,
  periodDays: null,
  depositFen: 0,
  subsidyPercent: 0,
  subsidyFor: [],
} as const;

describe('a loan past its due date', () => {
  it('keeps its unit from new bookings and from the calendar', async () => {
    const c = await createCommunity(t.app, '逾期社区');
    const s = await rentalSetup(t.app, c, { units: 2, item: { selfService: true, bufferDays: 1 } });
    const today = chinaClock(t.app.clock()).date;
    const startOn = addDays(today, -10).date;
    const endOn = addDays(today, -3).date;
    const db = t.app.database.db;
    // Unit 1 went out ten days ago and was due three days ago; unit 2 is in stock.
    await db.transaction(async (tx) => {
      const [b] = await tx
        .insert(rentalBookings)
        .values({
          communityId: c.id,
          pointId: s.pointId,
          itemTypeId: s.itemTypeId,
          householdId: c.householdIds[5],
          startOn,
          endOn,
          status: 'pending',
          quote: quote(FREE, startOn, endOn, null),
        })
        .returning();
      const req = { itemTypeId: s.itemTypeId, kind: 'booking' as const, bookingId: b.id, startOn, endOn };
      await holdUnit(tx, s.unitIds[0], { ...req, bufferDays: 1, createdBy: null });
      await tx
        .update(rentalBookings)
        .set({ status: 'on_loan', unitId: s.unitIds[0] })
        .where(eq(rentalBookings.id, b.id));
      await tx.update(rentalUnits).set({ status: 'on_loan' }).where(eq(rentalUnits.id, s.unitIds[0]));
    });
    const calendar = async () =>
      (
        await t.app.call('GET', `/api/committees/${c.id}/rentals/items/${s.itemTypeId}/calendar?days=3`, {
          token: r.token,
        })
      ).body.days.map((d: { free: number }) => d.free);

    const r = await resident(t.app, c, 0);
    // Before the job: the calendar still counts unit 1 free (its hold ended), but a booking is not given it.
    const first = await t.app.call('POST', `/api/committees/${c.id}/rentals/bookings`, {
      token: r.token,
      body: { itemTypeId: s.itemTypeId, startOn: today, endOn: today },
    });
    expect(first.status).toBe(201);
    const [mine] = await db.select().from(rentalBookings).where(eq(rentalBookings.id, first.body.id));
    expect(mine.unitId).toBe(s.unitIds[1]);
    const r2 = await resident(t.app, c, 1);
    const second = await t.app.call('POST', `/api/committees/${c.id}/rentals/bookings`, {
      token: r2.token,
      body: { itemTypeId: s.itemTypeId, startOn: today, endOn: today },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('RENTAL_UNAVAILABLE');

    // The job stretches the overdue hold to today plus the cleaning day: the calendar agrees.
    expect(await stretchOverdueHolds(t.app.deps)).toBe(1);
    const [hold] = await db.select().from(rentalHolds).where(eq(rentalHolds.unitId, s.unitIds[0]));
    expect(hold.during).toBe(`[${startOn},${addDays(today, 2).date})`);
    // Today and tomorrow (both units' cleaning day) busy, free again after.
    expect(await calendar()).toEqual([0, 0, 2]);
    expect(await rentalInconsistencies(t.app)).toEqual([]);
  });
});
