import { and, count, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { auditActions } from '../../../shared/audit-actions';
import { RENTAL_CALENDAR_DAYS, type RentalBookingView } from '../../../shared/contracts/rentals';
import { addDays } from '../../../shared/domain/office-hours';
import { bookedDays, quote } from '../../../shared/domain/rental-fees';
import { canExtend, nextStatus } from '../../../shared/domain/rental-states';
import {
  activeRentalStatuses,
  type RentalEligibility,
  type RentalHandover,
  type RentalUnitEventKind,
} from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import {
  households,
  rentalBookings,
  rentalHolds,
  rentalItemTypes,
  rentalUnitEvents,
  rentalUnits,
} from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { recordAudit } from '../audit/service';
import { householdOf, requireOwnBooking, requireRenter, requireServedItem } from './access';
import { freeRanges, holdFreeUnit, holdRange, releaseHold, resizeHold, unitFreeFor } from './holds';
import { type BookingRow, bookingViews, todayOf } from './views';

/*
 * A resident's side of a booking (docs/decisions/023-rentals.md): book (a unit held at once for
 * self-service items, a pending request otherwise, or a place in the waiting list), cancel, extend,
 * take an offer from the waiting list. Every move goes through nextStatus with a compare-and-set.
 */

type ItemRow = typeof rentalItemTypes.$inferSelect;

export interface BookingInput {
  itemTypeId: number;
  startOn: string;
  endOn: string;
  handover: RentalHandover;
  deliveryAddress?: string | null;
  forName?: string | null;
  forRelation?: string | null;
  eligibility?: RentalEligibility;
  note?: string | null;
  waitlist: boolean;
}

const terms = (item: ItemRow) => ({
  feeKind: item.feeKind,
  feeFen: item.feeFen,
  periodDays: item.periodDays,
  depositFen: item.depositFen,
  subsidyPercent: item.subsidyPercent,
  subsidyFor: item.subsidyFor,
});

/** The dates a resident may ask for: from today, starting within the calendar, within the item's longest loan. */
function checkDates(item: ItemRow, startOn: string, endOn: string, today: string) {
  if (startOn < today) throw new AppError('RENTAL_DATES_INVALID', '开始日期不能早于今天');
  if (startOn > addDays(today, RENTAL_CALENDAR_DAYS).date)
    throw new AppError('RENTAL_DATES_INVALID', `只能预约${RENTAL_CALENDAR_DAYS}天以内开始的日期`);
  if (endOn < startOn) throw new AppError('RENTAL_DATES_INVALID', '归还日期不能早于开始日期');
  if (bookedDays(startOn, endOn) > item.maxDays)
    throw new AppError('RENTAL_DATES_INVALID', `这件器具最长借${item.maxDays}天，请缩短日期`);
}

/** A unit event in the caller's transaction. */
export async function unitEvent(
  tx: Tx,
  e: { unitId: number; bookingId: number; kind: RentalUnitEventKind; actorId: number | null; at: Date; note?: string },
) {
  await tx.insert(rentalUnitEvents).values({
    unitId: e.unitId,
    bookingId: e.bookingId,
    kind: e.kind,
    actorId: e.actorId,
    at: e.at,
    note: e.note ?? null,
  });
}

/**
 * Some lendable unit has no hold over the dates (read only: a pending booking holds nothing, so
 * this is advice for the resident, and staff hold the unit when they confirm).
 */
async function someUnitFree(tx: Tx, item: ItemRow, startOn: string, endOn: string, today: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(rentalUnits)
    .where(unitFreeFor(item.id, holdRange(startOn, endOn, item.bufferDays), today));
  return row.n > 0;
}

/** The 409 when nothing is free: with the windows in which a booking of that length could start. */
async function unavailable(tx: Tx, item: ItemRow, startOn: string, endOn: string, today: string) {
  const free = await freeRanges(tx, item.id, bookedDays(startOn, endOn), item.bufferDays, today);
  return new AppError(
    'RENTAL_UNAVAILABLE',
    free.length > 0
      ? `这段时间没有空闲的了，${free[0].startOn}起有空，可以换个日期或排队等候`
      : '近期都没有空闲的了，可以排队等候',
    { free },
  );
}

const view = async (ctx: SignedIn, tx: Tx, row: BookingRow): Promise<RentalBookingView> =>
  (await bookingViews(ctx.deps, tx, [row]))[0];

export async function createBooking(
  ctx: SignedIn,
  communityId: number,
  input: BookingInput,
): Promise<RentalBookingView> {
  await requireRenter(ctx, communityId);
  const { deps, actor } = ctx;
  return deps.database.db.transaction(async (tx) => {
    const { item, point } = await requireServedItem(tx, communityId, input.itemTypeId);
    const now = deps.clock();
    const today = todayOf(deps);
    checkDates(item, input.startOn, input.endOn, today);
    if (input.handover === 'delivery' && !(item.delivery && point.delivers))
      throw new AppError('VALIDATION_FAILED', '这件器具不能送货上门，请选择自己去取', [
        { in: 'body', path: 'handover', message: '这件器具不能送货上门，请选择自己去取' },
      ]);
    const householdId = await householdOf(tx, actor.userId, communityId);
    // The household's row lock serialises its bookings, so the cap holds under concurrency.
    await tx.select({ id: households.id }).from(households).where(eq(households.id, householdId)).for('update');
    const [{ n }] = await tx
      .select({ n: count() })
      .from(rentalBookings)
      .where(
        and(
          eq(rentalBookings.householdId, householdId),
          eq(rentalBookings.itemTypeId, item.id),
          inArray(rentalBookings.status, [...activeRentalStatuses]),
        ),
      );
    if (n >= item.perHousehold)
      throw new AppError('RENTAL_LIMIT', `这件器具每户最多同时借${item.perHousehold}件，您家已经到上限了`);
    const [inserted] = await tx
      .insert(rentalBookings)
      .values({
        communityId,
        pointId: point.id,
        itemTypeId: item.id,
        householdId,
        userId: actor.userId,
        forName: input.forName ?? null,
        forRelation: input.forRelation ?? null,
        eligibility: input.eligibility ?? null,
        startOn: input.startOn,
        endOn: input.endOn,
        handover: input.handover,
        deliveryAddress: input.handover === 'delivery' ? (input.deliveryAddress ?? null) : null,
        note: input.note ?? null,
        // Pending until a unit is held (the row must exist for the hold to name it).
        status: 'pending',
        quote: quote(terms(item), input.startOn, input.endOn, input.eligibility),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    let row: BookingRow = inserted;
    let status: 'pending' | 'confirmed' | 'waiting' = 'pending';
    let unitId: number | null = null;
    if (item.selfService) {
      unitId = await holdFreeUnit(tx, {
        itemTypeId: item.id,
        kind: 'booking',
        bookingId: row.id,
        startOn: row.startOn,
        endOn: row.endOn,
        bufferDays: item.bufferDays,
        createdBy: actor.userId,
        today,
      });
      if (unitId !== null) status = 'confirmed';
    }
    const available = item.selfService ? unitId !== null : await someUnitFree(tx, item, row.startOn, row.endOn, today);
    if (!available) {
      if (!input.waitlist) throw await unavailable(tx, item, row.startOn, row.endOn, today);
      status = 'waiting';
    }
    if (status !== 'pending')
      [row] = await tx.update(rentalBookings).set({ status, unitId }).where(eq(rentalBookings.id, row.id)).returning();
    if (unitId !== null)
      await unitEvent(tx, { unitId, bookingId: row.id, kind: 'assigned', actorId: actor.userId, at: now });
    const action = row.status === 'waiting' ? 'rental.join_waitlist' : 'rental.book';
    await recordAudit(tx, {
      communityId,
      actorId: actor.userId,
      action,
      targetType: auditActions[action].target,
      targetId: row.id,
      after: { status: row.status, itemTypeId: item.id, startOn: row.startOn, endOn: row.endOn, unitId: row.unitId },
      requestId: ctx.requestId,
    });
    return view(ctx, tx, row);
  });
}

export async function listMyBookings(
  ctx: SignedIn,
  communityId: number,
  query: { scope: 'active' | 'past'; before?: number; limit: number },
): Promise<{ items: RentalBookingView[]; nextBefore: number | null }> {
  await requireRenter(ctx, communityId);
  const db = ctx.deps.database.db;
  const householdId = await householdOf(db, ctx.actor.userId, communityId).catch(() => null);
  if (householdId === null) return { items: [], nextBefore: null };
  const rows = await db
    .select()
    .from(rentalBookings)
    .where(
      and(
        eq(rentalBookings.communityId, communityId),
        eq(rentalBookings.householdId, householdId),
        query.scope === 'active'
          ? inArray(rentalBookings.status, [...activeRentalStatuses])
          : notInArray(rentalBookings.status, [...activeRentalStatuses]),
        query.before !== undefined ? lt(rentalBookings.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(rentalBookings.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await bookingViews(ctx.deps, db, page),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getMyBooking(ctx: SignedIn, communityId: number, bookingId: number) {
  await requireRenter(ctx, communityId);
  const db = ctx.deps.database.db;
  return view(ctx, db, await requireOwnBooking(db, ctx, communityId, bookingId));
}

/** Compare-and-set on the status and version read under the row lock; INVALID_STATE when it moved. */
async function moveBooking(tx: Tx, b: BookingRow, set: Partial<typeof rentalBookings.$inferInsert>, now: Date) {
  const [row] = await tx
    .update(rentalBookings)
    .set({ ...set, version: b.version + 1, updatedAt: now })
    .where(and(eq(rentalBookings.id, b.id), eq(rentalBookings.status, b.status), eq(rentalBookings.version, b.version)))
    .returning();
  if (!row) throw new AppError('INVALID_STATE');
  return row;
}

async function itemOf(tx: Tx, itemTypeId: number): Promise<ItemRow> {
  const [item] = await tx.select().from(rentalItemTypes).where(eq(rentalItemTypes.id, itemTypeId));
  return item;
}

export async function cancelBooking(
  ctx: SignedIn,
  communityId: number,
  bookingId: number,
  reason?: string | null,
): Promise<RentalBookingView> {
  await requireRenter(ctx, communityId);
  return audited(ctx, 'rental.cancel', async (tx) => {
    const b = await requireOwnBooking(tx, ctx, communityId, bookingId, 'update');
    const to = nextStatus(b.status, 'cancel', 'resident');
    if (!to) throw new AppError('INVALID_STATE', '已经借出或已结束的预约不能取消');
    const now = ctx.deps.clock();
    const row = await moveBooking(tx, b, { status: to, reason: reason ?? '本人取消' }, now);
    await releaseHold(tx, b.id);
    if (b.unitId !== null && b.status !== 'pending' && b.status !== 'waiting')
      await unitEvent(tx, { unitId: b.unitId, bookingId: b.id, kind: 'released', actorId: ctx.actor.userId, at: now });
    return {
      result: await view(ctx, tx, row),
      audit: { communityId, targetId: b.id, before: { status: b.status }, after: { status: to } },
    };
  });
}

export async function extendBooking(
  ctx: SignedIn,
  communityId: number,
  bookingId: number,
  input: { endOn: string; version?: number },
): Promise<RentalBookingView> {
  await requireRenter(ctx, communityId);
  return audited(ctx, 'rental.extend', async (tx) => {
    const b = await requireOwnBooking(tx, ctx, communityId, bookingId, 'update');
    if (!canExtend(b.status)) throw new AppError('INVALID_STATE', '只有已确认或已借出的预约可以续借');
    if (input.version !== undefined && input.version !== b.version)
      throw new AppError('INVALID_STATE', '预约已有变化，请刷新后再试');
    const item = await itemOf(tx, b.itemTypeId);
    if (input.endOn <= b.endOn) throw new AppError('RENTAL_DATES_INVALID', `新的归还日期要晚于${b.endOn}`);
    if (bookedDays(b.startOn, input.endOn) > item.maxDays)
      throw new AppError(
        'RENTAL_DATES_INVALID',
        `这件器具最长借${item.maxDays}天，最晚${addDays(b.startOn, item.maxDays - 1).date}归还`,
      );
    if (!(await resizeHold(tx, b.id, b.startOn, input.endOn, item.bufferDays))) {
      // Where another booking of the added days could start instead (another unit, or later).
      const from = addDays(b.endOn, 1).date;
      const free = await freeRanges(tx, item.id, bookedDays(from, input.endOn), item.bufferDays, from);
      throw new AppError('UNIT_BUSY', '这件器具之后已有人预约，不能续借', { free });
    }
    const now = ctx.deps.clock();
    const row = await moveBooking(
      tx,
      b,
      {
        endOn: input.endOn,
        quote: quote(terms(item), b.startOn, input.endOn, b.eligibility),
        // A new due date: its reminders are still to be sent.
        dueReminderAt: null,
        overdueNoticeAt: null,
      },
      now,
    );
    return {
      result: await view(ctx, tx, row),
      audit: { communityId, targetId: b.id, before: { endOn: b.endOn }, after: { endOn: row.endOn } },
    };
  });
}

export async function acceptOffer(ctx: SignedIn, communityId: number, bookingId: number): Promise<RentalBookingView> {
  await requireRenter(ctx, communityId);
  return audited(ctx, 'rental.accept_offer', async (tx) => {
    const b = await requireOwnBooking(tx, ctx, communityId, bookingId, 'update');
    if (b.status === 'expired') throw new AppError('OFFER_EXPIRED');
    const to = nextStatus(b.status, 'accept', 'resident');
    if (!to) throw new AppError('INVALID_STATE', '这个预约没有待确认的保留');
    const now = ctx.deps.clock();
    // The server's clock decides; the job may not have run yet.
    if (!b.offerExpiresAt || b.offerExpiresAt <= now) throw new AppError('OFFER_EXPIRED');
    const item = await itemOf(tx, b.itemTypeId);
    if (!(await resizeHold(tx, b.id, b.startOn, b.endOn, item.bufferDays, 'booking'))) throw new AppError('UNIT_BUSY');
    const row = await moveBooking(tx, b, { status: to }, now);
    return {
      result: await view(ctx, tx, row),
      audit: { communityId, targetId: b.id, before: { status: b.status }, after: { status: to, unitId: row.unitId } },
    };
  });
}
