import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/rentals';
import type { RouteContract } from '../../../shared/contracts/route';
import { chinaClock } from '../../../shared/domain/office-hours';
import { bookedDays, daysBetween, settle } from '../../../shared/domain/rental-fees';
import { nextStatus, type RentalMove } from '../../../shared/domain/rental-states';
import type { RentalBookingStatus } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { rentalBookings, rentalItemTypes, rentalUnitEvents, rentalUnits } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { attachUploads } from '../../platform/files';
import { requireRentalStaff, requireStaffBooking } from './access';
import { freeRanges, holdFreeUnit, holdUnit, releaseHold, resizeHold } from './holds';
import { notifyBooking } from './notify';
import { type BookingRow, staffBookingViews, todayOf } from './views';

/*
 * The staff desk (docs/decisions/023-rentals.md): confirm a pending booking (a unit held
 * atomically), refuse one, hand a unit over (借出) and take it back (归还, with the receipt of
 * shared/domain/rental-fees.ts settle()). Each move goes through nextStatus with a compare-and-set
 * on the status read under a row lock; the unit's status follows in the same transaction.
 */

/** How many days before the booked start a unit may be handed over. */
export const EARLY_CHECKOUT_DAYS = 3;

type BodyOut<T> = T extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.output<B> : never;
type CheckOutInput = BodyOut<typeof c.checkOutBooking>;
type CheckInInput = BodyOut<typeof c.checkInBooking>;

/** The status `move` leads to from the booking's, or INVALID_STATE with a plain reason. */
function moveOf(b: BookingRow, move: RentalMove, message: string): RentalBookingStatus {
  const to = nextStatus(b.status, move, 'staff');
  if (!to) throw new AppError('INVALID_STATE', message);
  return to;
}

/** Writes the booking's move if its status is still the one read; INVALID_STATE otherwise. */
async function moveBooking(
  tx: Tx,
  b: BookingRow,
  to: RentalBookingStatus,
  set: Partial<typeof rentalBookings.$inferInsert>,
  now: Date,
): Promise<BookingRow> {
  const [row] = await tx
    .update(rentalBookings)
    .set({ ...set, status: to, version: sql`${rentalBookings.version} + 1`, updatedAt: now })
    .where(and(eq(rentalBookings.id, b.id), eq(rentalBookings.status, b.status)))
    .returning();
  if (!row) throw new AppError('INVALID_STATE', '这个预约刚被别人处理过了，请刷新');
  return row;
}

async function itemOf(tx: Tx, itemTypeId: number) {
  const [it] = await tx.select().from(rentalItemTypes).where(eq(rentalItemTypes.id, itemTypeId));
  if (!it) throw new Error(`item type ${itemTypeId} missing`);
  return it;
}

/** Photos taken at the desk: uploads of the staff's community, attached (private). */
async function claimPhotos(tx: Tx, communityId: number, ids: number[], now: Date): Promise<void> {
  const rows = await attachUploads(tx, { communityId, ids, isPublic: false, now });
  if (rows.length !== ids.length || rows.some((r) => r.kind !== 'image')) {
    const message = '有照片找不到了，请重新上传';
    throw new AppError('VALIDATION_FAILED', message, [{ in: 'body', path: 'uploadIds', message }]);
  }
}

const actorId = (ctx: SignedIn) => (ctx.actor.operator ? null : ctx.actor.userId);

async function viewOf(ctx: SignedIn, row: BookingRow) {
  const [view] = await staffBookingViews(ctx, ctx.deps.database.db, [row]);
  return view;
}

/** Confirms a pending booking: the chosen unit, or any free one, is held for its dates. */
export async function confirmBooking(ctx: SignedIn, communityId: number, bookingId: number, unitId?: number) {
  await requireRentalStaff(ctx, communityId);
  const row = await audited(ctx, 'rental.confirm', async (tx) => {
    const b = await requireStaffBooking(tx, communityId, bookingId, 'update');
    const to = moveOf(b, 'confirm', '只有待确认的预约可以确认');
    const item = await itemOf(tx, b.itemTypeId);
    const now = ctx.deps.clock();
    const req = {
      itemTypeId: b.itemTypeId,
      kind: 'booking' as const,
      bookingId: b.id,
      startOn: b.startOn,
      endOn: b.endOn,
      bufferDays: item.bufferDays,
      createdBy: actorId(ctx),
      today: todayOf(ctx.deps),
    };
    let unit: number | null;
    if (unitId !== undefined) {
      const [u] = await tx
        .select({ id: rentalUnits.id })
        .from(rentalUnits)
        .where(and(eq(rentalUnits.id, unitId), eq(rentalUnits.itemTypeId, b.itemTypeId)));
      if (!u) throw new AppError('NOT_FOUND', '没有找到这件器具');
      await holdUnit(tx, unitId, req);
      unit = unitId;
    } else unit = await holdFreeUnit(tx, req);
    if (unit === null) {
      const free = await freeRanges(
        tx,
        b.itemTypeId,
        bookedDays(b.startOn, b.endOn),
        item.bufferDays,
        todayOf(ctx.deps),
      );
      throw new AppError('RENTAL_UNAVAILABLE', '这段时间没有空闲的器具了，可以和居民商量换个日期', { free });
    }
    const confirmed = await moveBooking(tx, b, to, { unitId: unit }, now);
    await tx
      .insert(rentalUnitEvents)
      .values({ unitId: unit, bookingId: b.id, kind: 'assigned', actorId: actorId(ctx) });
    await notifyBooking(tx, ctx, confirmed, 'confirmed');
    return {
      result: confirmed,
      audit: { communityId, targetId: b.id, before: { status: b.status }, after: { status: to, unitId: unit } },
    };
  });
  return viewOf(ctx, row);
}

/** Refuses a pending booking or a place in the waiting list, with a reason the resident reads. */
export async function rejectBooking(ctx: SignedIn, communityId: number, bookingId: number, reason: string) {
  await requireRentalStaff(ctx, communityId);
  const row = await audited(ctx, 'rental.reject', async (tx) => {
    const b = await requireStaffBooking(tx, communityId, bookingId, 'update');
    const to = moveOf(b, 'reject', '只有待确认或排队中的预约可以拒绝');
    const rejected = await moveBooking(tx, b, to, { reason }, ctx.deps.clock());
    await releaseHold(tx, b.id);
    await notifyBooking(tx, ctx, rejected, 'rejected');
    return {
      result: rejected,
      audit: { communityId, targetId: b.id, before: { status: b.status }, after: { status: to, reason } },
    };
  });
  return viewOf(ctx, row);
}

/**
 * Hands the unit over (借出): from EARLY_CHECKOUT_DAYS before the start. Picked up early, the
 * booking and its hold start today, so the dates the unit is out are the dates on record.
 */
export async function checkOutBooking(ctx: SignedIn, communityId: number, bookingId: number, input: CheckOutInput) {
  await requireRentalStaff(ctx, communityId);
  const row = await audited(ctx, 'rental.check_out', async (tx) => {
    const b = await requireStaffBooking(tx, communityId, bookingId, 'update');
    const to = moveOf(b, 'check_out', '只有已确认的预约可以借出');
    const today = todayOf(ctx.deps);
    if (daysBetween(today, b.startOn) > EARLY_CHECKOUT_DAYS)
      throw new AppError('INVALID_STATE', `还没到借用日期（最早可提前${EARLY_CHECKOUT_DAYS}天借出）`);
    if (input.condition === 'needs_repair' || input.condition === 'scrapped')
      throw new AppError('INVALID_STATE', '待维修或报废的器具不能借出，请先换一件');
    if (b.unitId === null) throw new Error(`booking ${b.id}: confirmed without a unit`);
    const unitId = b.unitId;
    const now = ctx.deps.clock();
    await claimPhotos(tx, communityId, input.uploadIds, now);
    let startOn = b.startOn;
    if (b.startOn > today) {
      const item = await itemOf(tx, b.itemTypeId);
      if (!(await resizeHold(tx, b.id, today, b.endOn, item.bufferDays)))
        throw new AppError('INVALID_STATE', '这件器具今天还有别的安排（上一位的借用或清洁），请到预约的日期再借出');
      startOn = today;
    }
    const out = await moveBooking(
      tx,
      b,
      to,
      {
        startOn,
        checkedOutAt: now,
        checkedOutBy: actorId(ctx),
        rentPaidFen: input.rentPaidFen,
        depositTakenFen: input.depositTakenFen,
        eligibilityVerified: input.eligibilityVerified,
      },
      now,
    );
    await tx
      .update(rentalUnits)
      .set({ status: 'on_loan', condition: input.condition, updatedAt: now })
      .where(eq(rentalUnits.id, unitId));
    await tx.insert(rentalUnitEvents).values({
      unitId,
      bookingId: b.id,
      kind: 'checked_out',
      condition: input.condition,
      note: input.note ?? null,
      uploadIds: input.uploadIds,
      actorId: actorId(ctx),
      at: now,
    });
    return {
      result: out,
      audit: {
        communityId,
        targetId: b.id,
        before: { status: b.status, startOn: b.startOn },
        after: {
          status: to,
          startOn,
          unitId,
          condition: input.condition,
          rentPaidFen: input.rentPaidFen,
          depositTakenFen: input.depositTakenFen,
          eligibilityVerified: input.eligibilityVerified,
          uploadIds: input.uploadIds,
        },
      },
    };
  });
  return viewOf(ctx, row);
}

/**
 * Takes the unit back (归还): the receipt is settle()'s and stored on the booking; the unit is in
 * stock again; its hold shrinks to the days it was out plus the cleaning days, after which the
 * waiting-list job may offer it.
 */
export async function checkInBooking(ctx: SignedIn, communityId: number, bookingId: number, input: CheckInInput) {
  await requireRentalStaff(ctx, communityId);
  const row = await audited(ctx, 'rental.check_in', async (tx) => {
    const b = await requireStaffBooking(tx, communityId, bookingId, 'update');
    const to = moveOf(b, 'check_in', '只有已借出的器具可以登记归还');
    if (b.unitId === null) throw new Error(`booking ${b.id}: on loan without a unit`);
    const unitId = b.unitId;
    const now = ctx.deps.clock();
    const today = todayOf(ctx.deps);
    const returnedOn = input.returnedOn ?? today;
    const outOn = b.checkedOutAt ? chinaClock(b.checkedOutAt).date : b.startOn;
    const invalid = (message: string) =>
      new AppError('RENTAL_DATES_INVALID', message, [{ in: 'body', path: 'returnedOn', message }]);
    if (returnedOn > today) throw invalid('归还日期不能晚于今天');
    if (returnedOn < outOn) throw invalid(`归还日期不能早于借出日期（${outOn}）`);
    const item = await itemOf(tx, b.itemTypeId);
    const settlement = settle({
      terms: item,
      startOn: b.startOn,
      endOn: b.endOn,
      eligibility: b.eligibility,
      eligibilityVerified: b.eligibilityVerified ?? false,
      rentPaidFen: b.rentPaidFen ?? 0,
      depositTakenFen: b.depositTakenFen ?? 0,
      returnedOn,
      damageFen: input.damageFen,
    });
    await claimPhotos(tx, communityId, input.uploadIds, now);
    const back = await moveBooking(
      tx,
      b,
      to,
      {
        returnedAt: now,
        returnedOn,
        returnedBy: actorId(ctx),
        damageNote: input.damageNote ?? null,
        settlement: settlement as unknown as Record<string, unknown>,
      },
      now,
    );
    await tx
      .update(rentalUnits)
      .set({ status: 'in_stock', condition: input.condition, updatedAt: now })
      .where(eq(rentalUnits.id, unitId));
    await tx.insert(rentalUnitEvents).values({
      unitId,
      bookingId: b.id,
      kind: 'checked_in',
      condition: input.condition,
      note: input.damageNote ?? null,
      uploadIds: input.uploadIds,
      actorId: actorId(ctx),
      at: now,
    });
    // Returned early or on time: the hold ends after the cleaning days. Returned late, the hold
    // grows to the real return unless the next booking holds those days (it keeps its unit).
    await resizeHold(tx, b.id, b.startOn, returnedOn, item.bufferDays);
    return {
      result: back,
      audit: {
        communityId,
        targetId: b.id,
        before: { status: b.status },
        after: {
          status: to,
          unitId,
          condition: input.condition,
          returnedOn,
          damageFen: input.damageFen,
          uploadIds: input.uploadIds,
          settlement,
        },
      },
    };
  });
  return viewOf(ctx, row);
}

/** Units of an item type staff may choose on confirm: not scrapped, not waiting for repair. */
export async function lendableUnits(tx: Tx, itemTypeId: number) {
  return tx
    .select({ id: rentalUnits.id, assetTag: rentalUnits.assetTag, condition: rentalUnits.condition })
    .from(rentalUnits)
    .where(
      and(
        eq(rentalUnits.itemTypeId, itemTypeId),
        notInArray(rentalUnits.status, ['retired']),
        notInArray(rentalUnits.condition, ['needs_repair', 'scrapped']),
      ),
    )
    .orderBy(rentalUnits.assetTag);
}
