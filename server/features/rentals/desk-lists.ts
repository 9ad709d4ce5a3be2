import { and, asc, desc, eq, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { RentalBookingStatus } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { rentalBookings, rentalPoints } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireRentalStaff, requireStaffBooking } from './access';
import { lendableUnits } from './desk';
import { type BookingRow, staffBookingViews, todayOf } from './views';

/*
 * What the desk reads (docs/decisions/023-rentals.md): bookings made at the points the community
 * runs, from whichever community they serve; today's pick-ups, returns, overdue loans, bookings
 * to confirm and open offers; the waiting list in order.
 */

/** Each of today's lists is cut at this many rows. */
export const TODAY_CAP = 100;

/** Bookings at a point the community runs. */
const atOwnPoints = (tx: Tx, communityId: number) =>
  inArray(
    rentalBookings.pointId,
    tx.select({ id: rentalPoints.id }).from(rentalPoints).where(eq(rentalPoints.communityId, communityId)),
  );

export async function listStaffBookings(
  ctx: SignedIn,
  communityId: number,
  q: { status?: RentalBookingStatus; itemId?: number; overdue?: boolean; before?: number; limit: number },
) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const where: (SQL | undefined)[] = [atOwnPoints(db, communityId)];
  if (q.status) where.push(eq(rentalBookings.status, q.status));
  if (q.itemId) where.push(eq(rentalBookings.itemTypeId, q.itemId));
  if (q.overdue) where.push(eq(rentalBookings.status, 'on_loan'), lt(rentalBookings.endOn, todayOf(ctx.deps)));
  if (q.before) where.push(lt(rentalBookings.id, q.before));
  const rows = await db
    .select()
    .from(rentalBookings)
    .where(and(...where))
    .orderBy(desc(rentalBookings.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const list = rows.slice(0, q.limit);
  return {
    items: await staffBookingViews(ctx, db, list),
    nextBefore: more ? list[list.length - 1].id : null,
  };
}

/** One booking, with the units staff may choose when confirming it. */
export async function getStaffBooking(ctx: SignedIn, communityId: number, bookingId: number) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const b = await requireStaffBooking(db, communityId, bookingId);
  const [view] = await staffBookingViews(ctx, db, [b]);
  return { ...view, units: await lendableUnits(db, b.itemTypeId) };
}

export async function rentalToday(ctx: SignedIn, communityId: number) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const date = todayOf(ctx.deps);
  const list = (where: SQL | undefined, ...order: SQL[]) =>
    db
      .select()
      .from(rentalBookings)
      .where(and(atOwnPoints(db, communityId), where))
      .orderBy(...order, asc(rentalBookings.id))
      .limit(TODAY_CAP);
  const lists = await Promise.all([
    list(and(eq(rentalBookings.status, 'confirmed'), lte(rentalBookings.startOn, date)), asc(rentalBookings.startOn)),
    list(and(eq(rentalBookings.status, 'on_loan'), eq(rentalBookings.endOn, date))),
    list(and(eq(rentalBookings.status, 'on_loan'), lt(rentalBookings.endOn, date)), asc(rentalBookings.endOn)),
    list(eq(rentalBookings.status, 'pending')),
    list(eq(rentalBookings.status, 'offered'), asc(rentalBookings.offerExpiresAt)),
  ]);
  // One view build for all five lists, then cut back apart.
  const views = await staffBookingViews(ctx, db, lists.flat() as BookingRow[]);
  const parts = lists.map((l) => views.splice(0, l.length));
  const [pickups, returns, overdue, pending, offers] = parts;
  return { date, pickups, returns, overdue, pending, offers };
}

/** The waiting list: those waiting, then open offers; each by item type, then in line order. */
export async function rentalWaitlist(ctx: SignedIn, communityId: number, q: { itemId?: number }) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(rentalBookings)
    .where(
      and(
        atOwnPoints(db, communityId),
        inArray(rentalBookings.status, ['waiting', 'offered']),
        q.itemId ? eq(rentalBookings.itemTypeId, q.itemId) : undefined,
      ),
    )
    .orderBy(
      sql`case when ${rentalBookings.status} = 'waiting' then 0 else 1 end`,
      asc(rentalBookings.itemTypeId),
      asc(rentalBookings.id),
    );
  return { items: await staffBookingViews(ctx, db, rows) };
}
