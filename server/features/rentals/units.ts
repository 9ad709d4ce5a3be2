import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/rentals';
import { unitHoldingStatuses } from '../../../shared/domain/rental-states';
import type { RentalCondition, RentalUnitStatus } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import {
  rentalBookings,
  rentalHolds,
  rentalItemTypes,
  rentalUnitEvents,
  rentalUnits,
  uploads,
  users,
} from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { uploadView } from '../../platform/files/uploads';
import { requireRentalStaff, requireStaffItem, requireStaffUnit } from './access';
import { endMaintenance, holdForMaintenance, rangeDays } from './holds';
import { todayOf } from './views';

/*
 * Units (docs/decisions/023-rentals.md): each physical device with its asset tag, condition and
 * status, its holds, and its history (rental_unit_events). Maintenance blocks are holds, so a block
 * over a booked day is refused by the database and the bookings in the way are named.
 */

type UnitRow = typeof rentalUnits.$inferSelect;
type UnitView = z.infer<typeof c.rentalUnitView>;
type UnitDetail = z.infer<typeof c.rentalUnitDetail>;

/** The hold covers `day` (`[a,b)` contains it). */
const covers = (day: string) => sql`${rentalHolds.during} @> ${day}::date`;
/** The hold has a day on or after `day`. */
const reaches = (day: string) => sql`upper(${rentalHolds.during}) > ${day}::date`;

export async function unitViews(ctx: SignedIn, tx: Tx, rows: UnitRow[]): Promise<UnitView[]> {
  if (rows.length === 0) return [];
  const today = todayOf(ctx.deps);
  const ids = rows.map((u) => u.id);
  const [items, held] = await Promise.all([
    tx
      .select({ id: rentalItemTypes.id, name: rentalItemTypes.name })
      .from(rentalItemTypes)
      .where(inArray(rentalItemTypes.id, [...new Set(rows.map((u) => u.itemTypeId))])),
    // Holds never overlap: ordered by their first day, the first one left today or later is the
    // one covering today, else the next.
    tx
      .select({
        unitId: rentalHolds.unitId,
        id: rentalBookings.id,
        status: rentalBookings.status,
        startOn: rentalBookings.startOn,
        endOn: rentalBookings.endOn,
      })
      .from(rentalHolds)
      .innerJoin(rentalBookings, eq(rentalBookings.id, rentalHolds.bookingId))
      .where(and(inArray(rentalHolds.unitId, ids), isNotNull(rentalHolds.bookingId), reaches(today)))
      .orderBy(sql`lower(${rentalHolds.during})`),
  ]);
  const name = new Map(items.map((i) => [i.id, i.name]));
  const current = new Map<number, UnitView['currentBooking']>();
  for (const h of held) {
    if (current.has(h.unitId)) continue;
    current.set(h.unitId, { id: h.id, status: h.status, startOn: h.startOn, endOn: h.endOn });
  }
  return rows.map((u) => ({
    id: u.id,
    itemTypeId: u.itemTypeId,
    itemName: name.get(u.itemTypeId) ?? '',
    pointId: u.pointId,
    assetTag: u.assetTag,
    condition: u.condition,
    status: u.status,
    note: u.note,
    currentBooking: current.get(u.id) ?? null,
  }));
}

/** One unit with its holds (by date) and its history (newest first). */
export async function unitDetail(ctx: SignedIn, tx: Tx, unit: UnitRow): Promise<UnitDetail> {
  const [[view], holds, events] = await Promise.all([
    unitViews(ctx, tx, [unit]),
    tx.select().from(rentalHolds).where(eq(rentalHolds.unitId, unit.id)).orderBy(sql`lower(${rentalHolds.during})`),
    tx
      .select({ e: rentalUnitEvents, nickname: users.nickname, username: users.username })
      .from(rentalUnitEvents)
      .leftJoin(users, eq(users.id, rentalUnitEvents.actorId))
      .where(eq(rentalUnitEvents.unitId, unit.id))
      .orderBy(desc(rentalUnitEvents.id)),
  ]);
  const uploadIds = [...new Set(events.flatMap((r) => r.e.uploadIds))];
  const files = uploadIds.length ? await tx.select().from(uploads).where(inArray(uploads.id, uploadIds)) : [];
  const now = ctx.deps.clock();
  const url = new Map(files.map((f) => [f.id, uploadView(ctx.deps, f, now).urls.display]));
  return {
    ...view,
    holds: holds.map((h) => ({ id: h.id, kind: h.kind, bookingId: h.bookingId, ...rangeDays(h.during), note: h.note })),
    history: events.map(({ e, nickname, username }) => ({
      id: e.id,
      kind: e.kind,
      bookingId: e.bookingId,
      condition: e.condition,
      note: e.note,
      photoUrls: e.uploadIds.flatMap((id) => {
        const u = url.get(id);
        return u ? [u] : [];
      }),
      actor: nickname ?? username ?? null,
      at: e.at.toISOString(),
    })),
  };
}

const actorOf = (ctx: SignedIn) => (ctx.actor.operator ? null : ctx.actor.userId);

async function event(
  ctx: SignedIn,
  tx: Tx,
  unitId: number,
  kind: (typeof rentalUnitEvents.$inferInsert)['kind'],
  more: { condition?: RentalCondition | null; note?: string | null } = {},
) {
  await tx.insert(rentalUnitEvents).values({
    unitId,
    kind,
    condition: more.condition ?? null,
    note: more.note ?? null,
    actorId: actorOf(ctx),
    at: ctx.deps.clock(),
  });
}

const facts = (u: UnitRow) => ({ assetTag: u.assetTag, condition: u.condition, status: u.status, note: u.note });

export async function listRentalUnits(
  ctx: SignedIn,
  communityId: number,
  query: { itemId?: number; status?: RentalUnitStatus; limit: number },
) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(rentalUnits)
    .where(
      and(
        eq(rentalUnits.communityId, communityId),
        query.itemId ? eq(rentalUnits.itemTypeId, query.itemId) : undefined,
        query.status ? eq(rentalUnits.status, query.status) : undefined,
      ),
    )
    .orderBy(asc(rentalUnits.itemTypeId), asc(rentalUnits.assetTag))
    .limit(query.limit);
  return { items: await unitViews(ctx, db, rows) };
}

export async function createRentalUnits(
  ctx: SignedIn,
  communityId: number,
  input: { itemTypeId: number; assetTags: string[]; condition: RentalCondition },
) {
  await requireRentalStaff(ctx, communityId);
  if (input.condition === 'scrapped') throw new AppError('INVALID_STATE', '报废的器具不能入库');
  try {
    return await audited(ctx, 'rental_unit.create', async (tx) => {
      const item = await requireStaffItem(tx, communityId, input.itemTypeId);
      const [taken] = await tx
        .select({ assetTag: rentalUnits.assetTag })
        .from(rentalUnits)
        .where(and(eq(rentalUnits.pointId, item.pointId), inArray(rentalUnits.assetTag, input.assetTags)))
        .orderBy(asc(rentalUnits.assetTag))
        .limit(1);
      if (taken) throw new AppError('DUPLICATE', `编号 ${taken.assetTag} 在这个服务点已经用过了`);
      const now = ctx.deps.clock();
      const rows = await tx
        .insert(rentalUnits)
        .values(
          input.assetTags.map((assetTag) => ({
            itemTypeId: item.id,
            pointId: item.pointId,
            communityId: item.communityId,
            assetTag,
            condition: input.condition,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning();
      await tx.insert(rentalUnitEvents).values(
        rows.map((u) => ({
          unitId: u.id,
          kind: 'added' as const,
          condition: u.condition,
          actorId: actorOf(ctx),
          at: now,
        })),
      );
      return {
        result: { items: await unitViews(ctx, tx, rows) },
        audit: rows.map((u) => ({ communityId, targetId: u.id, after: { itemTypeId: item.id, ...facts(u) } })),
      };
    });
  } catch (error) {
    // Another desk put the same tag in at the same moment.
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', '有编号在这个服务点已经用过了，请换一个');
    throw error;
  }
}

export async function getRentalUnit(ctx: SignedIn, communityId: number, unitId: number) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  return unitDetail(ctx, db, await requireStaffUnit(db, communityId, unitId));
}

/** A change of condition or a note, kept in the history; holds are left as they are. */
export async function updateRentalUnit(
  ctx: SignedIn,
  communityId: number,
  unitId: number,
  input: { condition?: RentalCondition; note?: string },
) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_unit.update', async (tx) => {
    const before = await requireStaffUnit(tx, communityId, unitId, 'update');
    if (before.status === 'retired') throw new AppError('INVALID_STATE', '已报废的器具不能再登记');
    if (input.condition === 'scrapped') throw new AppError('INVALID_STATE', '报废请用“报废”按钮办理');
    const [u] = await tx
      .update(rentalUnits)
      .set({
        ...(input.condition ? { condition: input.condition } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: ctx.deps.clock(),
      })
      .where(eq(rentalUnits.id, unitId))
      .returning();
    if (input.condition !== undefined || input.note !== undefined)
      await event(ctx, tx, unitId, 'condition', { condition: input.condition ?? null, note: input.note ?? null });
    return {
      result: await unitDetail(ctx, tx, u),
      audit: { communityId, targetId: unitId, before: facts(before), after: facts(u) },
    };
  });
}

/** Bookings whose holds of the unit share a day with `[startOn, endOn]`. */
async function bookingsInTheWay(tx: Tx, unitId: number, startOn: string, endOn: string) {
  return tx
    .select({
      id: rentalBookings.id,
      status: rentalBookings.status,
      startOn: rentalBookings.startOn,
      endOn: rentalBookings.endOn,
    })
    .from(rentalHolds)
    .innerJoin(rentalBookings, eq(rentalBookings.id, rentalHolds.bookingId))
    .where(
      and(
        eq(rentalHolds.unitId, unitId),
        sql`${rentalHolds.during} && daterange(${startOn}::date, ${endOn}::date, '[]')`,
      ),
    )
    .orderBy(asc(rentalBookings.startOn));
}

export async function blockRentalUnit(
  ctx: SignedIn,
  communityId: number,
  unitId: number,
  input: { startOn: string; endOn: string; note: string },
) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_unit.maintenance', async (tx) => {
    const before = await requireStaffUnit(tx, communityId, unitId, 'update');
    const today = todayOf(ctx.deps);
    if (before.status === 'retired') throw new AppError('INVALID_STATE', '已报废的器具不能维修');
    if (before.status === 'on_loan' && input.startOn <= today)
      throw new AppError('INVALID_STATE', '器具还没有归还，归还后才能维修');
    if (input.startOn < today) throw new AppError('RENTAL_DATES_INVALID', '维修开始日期不能早于今天');
    let holdId: number;
    try {
      holdId = await holdForMaintenance(tx, before, input.startOn, input.endOn, input.note, actorOf(ctx));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'UNIT_BUSY')) throw error;
      const bookings = await bookingsInTheWay(tx, unitId, input.startOn, input.endOn);
      throw new AppError(
        'UNIT_BUSY',
        bookings.length > 0
          ? `这段时间有${bookings.length}个预约用这件器具，请换个日期或先给预约换一件`
          : '这段时间已经安排了维修',
        { bookings },
      );
    }
    const now = input.startOn <= today && today <= input.endOn;
    const [u] = await tx
      .update(rentalUnits)
      .set({ ...(now ? { status: 'maintenance' as const } : {}), updatedAt: ctx.deps.clock() })
      .where(eq(rentalUnits.id, unitId))
      .returning();
    await event(ctx, tx, unitId, 'maintenance', { note: `${input.startOn} 至 ${input.endOn}：${input.note}` });
    return {
      result: await unitDetail(ctx, tx, u),
      audit: {
        communityId,
        targetId: unitId,
        before: { status: before.status },
        after: { status: u.status, holdId, startOn: input.startOn, endOn: input.endOn, note: input.note },
      },
    };
  });
}

/** Maintenance done: the block covering today ends (today is free), the unit is back in stock. */
export async function endRentalMaintenance(
  ctx: SignedIn,
  communityId: number,
  unitId: number,
  input: { condition: RentalCondition },
) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_unit.maintenance_end', async (tx) => {
    const before = await requireStaffUnit(tx, communityId, unitId, 'update');
    if (input.condition === 'scrapped') throw new AppError('INVALID_STATE', '报废请用“报废”按钮办理');
    const today = todayOf(ctx.deps);
    const [block] = await tx
      .select({ id: rentalHolds.id })
      .from(rentalHolds)
      .where(and(eq(rentalHolds.unitId, unitId), eq(rentalHolds.kind, 'maintenance'), covers(today)));
    if (!block && before.status !== 'maintenance') throw new AppError('INVALID_STATE', '这件器具现在没有在维修');
    if (block) await endMaintenance(tx, block.id, today);
    const [u] = await tx
      .update(rentalUnits)
      .set({
        condition: input.condition,
        ...(before.status === 'maintenance' ? { status: 'in_stock' as const } : {}),
        updatedAt: ctx.deps.clock(),
      })
      .where(eq(rentalUnits.id, unitId))
      .returning();
    await event(ctx, tx, unitId, 'maintenance_end', { condition: input.condition });
    return {
      result: await unitDetail(ctx, tx, u),
      audit: { communityId, targetId: unitId, before: facts(before), after: facts(u) },
    };
  });
}

/** 报废: refused while on loan or held for a booking or offer; later maintenance blocks go. */
export async function retireRentalUnit(ctx: SignedIn, communityId: number, unitId: number, note: string) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_unit.retire', async (tx) => {
    const before = await requireStaffUnit(tx, communityId, unitId, 'update');
    if (before.status === 'retired') throw new AppError('INVALID_STATE', '这件器具已经报废了');
    if (before.status === 'on_loan') throw new AppError('INVALID_STATE', '器具还没有归还，归还后才能报废');
    const today = todayOf(ctx.deps);
    const booked = await tx
      .select({ id: rentalBookings.id })
      .from(rentalHolds)
      .innerJoin(rentalBookings, eq(rentalBookings.id, rentalHolds.bookingId))
      .where(
        and(eq(rentalHolds.unitId, unitId), reaches(today), inArray(rentalBookings.status, [...unitHoldingStatuses])),
      );
    if (booked.length > 0)
      throw new AppError('INVALID_STATE', `这件器具还有${booked.length}个预约，请先给预约换一件再报废`, {
        bookings: booked.map((b) => b.id),
      });
    await tx
      .delete(rentalHolds)
      .where(and(eq(rentalHolds.unitId, unitId), eq(rentalHolds.kind, 'maintenance'), reaches(today)));
    const [u] = await tx
      .update(rentalUnits)
      .set({ status: 'retired', condition: 'scrapped', note, updatedAt: ctx.deps.clock() })
      .where(eq(rentalUnits.id, unitId))
      .returning();
    await event(ctx, tx, unitId, 'retired', { condition: 'scrapped', note });
    return {
      result: await unitDetail(ctx, tx, u),
      audit: { communityId, targetId: unitId, before: facts(before), after: { ...facts(u), reason: note } },
    };
  });
}
