import { and, asc, eq, lt, lte } from 'drizzle-orm';
import { nextStatus, OFFER_HOURS } from '../../../shared/domain/rental-states';
import { type ServiceContext, systemContext } from '../../core/context';
import { rentalBookings, rentalItemTypes } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { audited } from '../../platform/audited';
import { defineJob, type JobRegistry } from '../../platform/jobs';
import { unitEvent } from './book';
import { holdFreeUnit, releaseHold } from './holds';
import { notifyBooking } from './notify';
import { todayOf } from './views';

/*
 * The waiting list (docs/decisions/023-rentals.md): offers not taken within 24 hours expire and
 * their unit is released; then, item type by item type and oldest first, each waiting booking is
 * offered a unit free for its dates (a hold of kind 'offer' for 24 hours). Each booking moves in
 * its own transaction with a compare-and-set on its status, so two runners never offer twice, and
 * any release (cancel, return, maintenance ended) is picked up by the next run.
 */

export const WAITLIST_JOB = 'rentals.waitlist';
const HOUR_MS = 3_600_000;

export interface WaitlistRound {
  expired: number;
  lapsed: number;
  offered: number;
}

/** An offer whose 24 hours are over: expired, the unit released, the household told. */
async function expireOffer(ctx: ServiceContext, bookingId: number, now: Date): Promise<boolean> {
  return audited(ctx, 'rental.offer_expired', async (tx) => {
    const [b] = await tx
      .select()
      .from(rentalBookings)
      .where(and(eq(rentalBookings.id, bookingId), eq(rentalBookings.status, 'offered')))
      .for('update', { skipLocked: true });
    const to = b && nextStatus(b.status, 'expire', 'system');
    if (!b || !to || !b.offerExpiresAt || b.offerExpiresAt > now) return { result: false, audit: [] };
    const [row] = await tx
      .update(rentalBookings)
      .set({ status: to, reason: '24小时内没有确认，已让给下一位', version: b.version + 1, updatedAt: now })
      .where(and(eq(rentalBookings.id, b.id), eq(rentalBookings.status, b.status)))
      .returning();
    await releaseHold(tx, b.id);
    if (b.unitId !== null)
      await unitEvent(tx, { unitId: b.unitId, bookingId: b.id, kind: 'released', actorId: null, at: now });
    await notifyBooking(tx, ctx, row, 'expired');
    return {
      result: true,
      audit: { communityId: b.communityId, targetId: b.id, before: { status: b.status }, after: { status: to } },
    };
  });
}

/** A place in line whose start date has passed: nothing can be offered for it any more. */
async function lapse(ctx: ServiceContext, bookingId: number, today: string, now: Date): Promise<boolean> {
  return audited(ctx, 'rental.offer_expired', async (tx) => {
    const [b] = await tx
      .select()
      .from(rentalBookings)
      .where(and(eq(rentalBookings.id, bookingId), eq(rentalBookings.status, 'waiting')))
      .for('update', { skipLocked: true });
    const to = b && nextStatus(b.status, 'expire', 'system');
    if (!b || !to || b.startOn >= today) return { result: false, audit: [] };
    await tx
      .update(rentalBookings)
      .set({ status: to, reason: '排队期间一直没有空闲的，开始日期已过', version: b.version + 1, updatedAt: now })
      .where(and(eq(rentalBookings.id, b.id), eq(rentalBookings.status, b.status)));
    return {
      result: true,
      audit: {
        communityId: b.communityId,
        targetId: b.id,
        before: { status: b.status },
        after: { status: to, startPassed: true },
      },
    };
  });
}

/** Offers the waiting booking a unit free for its dates, if any. */
async function offer(
  ctx: ServiceContext,
  w: { id: number; itemTypeId: number; bufferDays: number },
  now: Date,
): Promise<boolean> {
  return audited(ctx, 'rental.offer', async (tx) => {
    // One offer at a time per item type, so that a second runner cannot serve the second in line
    // before the first (NO KEY UPDATE: bookings' foreign keys still pass).
    await tx
      .select({ id: rentalItemTypes.id })
      .from(rentalItemTypes)
      .where(eq(rentalItemTypes.id, w.itemTypeId))
      .for('no key update');
    const [b] = await tx
      .select()
      .from(rentalBookings)
      .where(and(eq(rentalBookings.id, w.id), eq(rentalBookings.status, 'waiting')))
      .for('update');
    const to = b && nextStatus(b.status, 'offer', 'system');
    if (!b || !to) return { result: false, audit: [] };
    const unitId = await holdFreeUnit(tx, {
      itemTypeId: b.itemTypeId,
      kind: 'offer',
      bookingId: b.id,
      startOn: b.startOn,
      endOn: b.endOn,
      bufferDays: w.bufferDays,
      createdBy: null,
      today: todayOf(ctx.deps),
    });
    if (unitId === null) return { result: false, audit: [] };
    const [row] = await tx
      .update(rentalBookings)
      .set({
        status: to,
        unitId,
        offerExpiresAt: new Date(now.getTime() + OFFER_HOURS * HOUR_MS),
        version: b.version + 1,
        updatedAt: now,
      })
      .where(and(eq(rentalBookings.id, b.id), eq(rentalBookings.status, b.status)))
      .returning();
    await unitEvent(tx, { unitId, bookingId: b.id, kind: 'assigned', actorId: null, at: now, note: '排队到号' });
    await notifyBooking(tx, ctx, row, 'offered');
    return {
      result: true,
      audit: {
        communityId: b.communityId,
        targetId: b.id,
        before: { status: b.status },
        after: { status: to, unitId },
      },
    };
  });
}

/** One round of the waiting list: expire, lapse, then offer (what the job runs every minute). */
export async function runWaitlist(deps: AppDeps): Promise<WaitlistRound> {
  const ctx = systemContext(deps);
  const db = deps.database.db;
  const round: WaitlistRound = { expired: 0, lapsed: 0, offered: 0 };
  const now = deps.clock();
  const today = todayOf(deps);
  const stale = await db
    .select({ id: rentalBookings.id })
    .from(rentalBookings)
    .where(and(eq(rentalBookings.status, 'offered'), lte(rentalBookings.offerExpiresAt, now)))
    .orderBy(asc(rentalBookings.id));
  for (const { id } of stale) if (await expireOffer(ctx, id, now)) round.expired++;
  const late = await db
    .select({ id: rentalBookings.id })
    .from(rentalBookings)
    .where(and(eq(rentalBookings.status, 'waiting'), lt(rentalBookings.startOn, today)))
    .orderBy(asc(rentalBookings.id));
  for (const { id } of late) if (await lapse(ctx, id, today, now)) round.lapsed++;
  // Oldest first within each item type (ids grow with time).
  const waiting = await db
    .select({
      id: rentalBookings.id,
      itemTypeId: rentalBookings.itemTypeId,
      bufferDays: rentalItemTypes.bufferDays,
    })
    .from(rentalBookings)
    .innerJoin(rentalItemTypes, eq(rentalItemTypes.id, rentalBookings.itemTypeId))
    .where(eq(rentalBookings.status, 'waiting'))
    .orderBy(asc(rentalBookings.itemTypeId), asc(rentalBookings.id));
  for (const w of waiting) if (await offer(ctx, w, now)) round.offered++;
  return round;
}

export const waitlistJobs = (): JobRegistry => ({
  [WAITLIST_JOB]: defineJob({
    everyMinutes: 1,
    async run(_payload, ctx) {
      const round = await runWaitlist(ctx.deps);
      if (round.expired + round.lapsed + round.offered > 0) ctx.deps.logger.info('rental waiting list', { ...round });
    },
  }),
});
