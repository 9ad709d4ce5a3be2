import { and, eq, isNull } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import {
  memberships,
  rentalBookings,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnits,
} from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';
import type { BookingRow } from './views';

/*
 * Who reaches what in 社区租赁 (docs/decisions/023-rentals.md). A resident reaches the items of
 * the points serving their community and their household's bookings; a point's staff (the
 * moderators of the community that runs it) reach its stock and every booking made at it, from
 * whichever community it serves. Anything else is 404.
 */

/** An approved resident (or moderator) of the community, for the catalogue and their bookings. */
export async function requireRenter(ctx: SignedIn, communityId: number): Promise<void> {
  requireAllowed(ctx.actor, 'rent:items', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
}

/** The community's staff, for the points it runs. */
export async function requireRentalStaff(ctx: SignedIn, communityId: number): Promise<void> {
  requireAllowed(ctx.actor, 'manage:rentals', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
}

/** The caller's household in the community (bookings belong to households); INVALID_STATE without one. */
export async function householdOf(tx: Tx, userId: number, communityId: number): Promise<number> {
  const [m] = await tx
    .select({ householdId: memberships.householdId })
    .from(memberships)
    .where(
      and(eq(memberships.userId, userId), eq(memberships.communityId, communityId), eq(memberships.status, 'approved')),
    );
  if (!m?.householdId) throw new AppError('INVALID_STATE', '请先登记您家的房屋，再借用器具');
  return m.householdId;
}

/** A point the community runs (404 for another community's). */
export async function requireOwnPoint(tx: Tx, communityId: number, pointId: number) {
  const [p] = await tx
    .select()
    .from(rentalPoints)
    .where(and(eq(rentalPoints.id, pointId), eq(rentalPoints.communityId, communityId)));
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

/** An item type at a point the community runs (staff). */
export async function requireStaffItem(tx: Tx, communityId: number, itemId: number) {
  const [i] = await tx
    .select()
    .from(rentalItemTypes)
    .where(and(eq(rentalItemTypes.id, itemId), eq(rentalItemTypes.communityId, communityId)));
  if (!i) throw new AppError('NOT_FOUND');
  return i;
}

/** A unit at a point the community runs (staff), optionally locked. */
export async function requireStaffUnit(tx: Tx, communityId: number, unitId: number, lock?: 'update') {
  const q = tx
    .select()
    .from(rentalUnits)
    .where(and(eq(rentalUnits.id, unitId), eq(rentalUnits.communityId, communityId)));
  const [u] = lock ? await q.for(lock) : await q;
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/**
 * An item type a resident of the community may book: shown, at an open point that serves the
 * community (404 otherwise: another community's point does not exist for them).
 */
export async function requireServedItem(tx: Tx, communityId: number, itemId: number) {
  const [row] = await tx
    .select({ item: rentalItemTypes, point: rentalPoints })
    .from(rentalItemTypes)
    .innerJoin(rentalPoints, eq(rentalPoints.id, rentalItemTypes.pointId))
    .innerJoin(
      rentalPointCommunities,
      and(eq(rentalPointCommunities.pointId, rentalPoints.id), eq(rentalPointCommunities.communityId, communityId)),
    )
    .where(and(eq(rentalItemTypes.id, itemId), eq(rentalItemTypes.hidden, false), isNull(rentalPoints.archivedAt)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A booking made at a point the community runs (staff), optionally locked. */
export async function requireStaffBooking(
  tx: Tx,
  communityId: number,
  bookingId: number,
  lock?: 'update',
): Promise<BookingRow> {
  const q = tx
    .select({ b: rentalBookings })
    .from(rentalBookings)
    .innerJoin(rentalPoints, eq(rentalPoints.id, rentalBookings.pointId))
    .where(and(eq(rentalBookings.id, bookingId), eq(rentalPoints.communityId, communityId)));
  const [row] = lock ? await q.for(lock, { of: rentalBookings }) : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row.b;
}

/** A booking of the caller's household in the community (404 for anyone else's), optionally locked. */
export async function requireOwnBooking(
  tx: Tx,
  ctx: SignedIn,
  communityId: number,
  bookingId: number,
  lock?: 'update',
): Promise<BookingRow> {
  const householdId = await householdOf(tx, ctx.actor.userId, communityId).catch(() => null);
  if (householdId === null) throw new AppError('NOT_FOUND');
  const q = tx
    .select()
    .from(rentalBookings)
    .where(
      and(
        eq(rentalBookings.id, bookingId),
        eq(rentalBookings.communityId, communityId),
        eq(rentalBookings.householdId, householdId),
      ),
    );
  const [b] = lock ? await q.for(lock) : await q;
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}
