import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { FreeRange } from '../../../shared/contracts/rentals';
import { addDays } from '../../../shared/domain/office-hours';
import { daysBetween } from '../../../shared/domain/rental-fees';
import type { RentalHoldKind } from '../../../shared/enums';
import { AppError, isExclusionViolation } from '../../core/errors';
import { rentalBookings, rentalHolds, rentalItemTypes, rentalUnits } from '../../db/schema';
import type { Tx } from '../../deps';

/*
 * The dates a unit is held (docs/decisions/023-rentals.md). The database refuses two holds of one
 * unit on one day (EXCLUDE USING gist on rental_holds); this module is the only writer of holds, and
 * every writer goes through a savepoint so that a refusal lets it try the next unit.
 */

/** `[start, day after the last held day)`: a booking holds start → due date + the cleaning days. */
export const holdRange = (startOn: string, endOn: string, bufferDays = 0) =>
  `[${startOn},${addDays(endOn, 1 + bufferDays).date})`;

/** Inclusive first and last day of a stored `[a,b)` range. */
export function rangeDays(range: string): { startOn: string; endOn: string } {
  const m = /^\[(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)$/.exec(range);
  if (!m) throw new Error(`unexpected daterange ${range}`);
  return { startOn: m[1], endOn: addDays(m[2], -1).date };
}

/** Units that may be lent: not scrapped, not waiting for repair. */
const lendable = (itemTypeId: number) =>
  and(
    eq(rentalUnits.itemTypeId, itemTypeId),
    notInArray(rentalUnits.status, ['retired']),
    notInArray(rentalUnits.condition, ['needs_repair', 'scrapped']),
  );

/**
 * Units of the item type that can take a booking over `during` (a `[a,b)` daterange): lendable,
 * no hold in the way, and — given `today` — not out on a loan already past its due date: its hold
 * ended at the due date but nobody knows when it comes back (the reminder job stretches such holds
 * day by day; this covers the hours before it runs and a stretch that another hold stopped).
 */
export const unitFreeFor = (itemTypeId: number, during: string, today?: string) =>
  and(
    lendable(itemTypeId),
    sql`not exists (select 1 from ${rentalHolds} h where h.unit_id = ${rentalUnits.id} and h.during && ${during}::daterange)`,
    today === undefined
      ? undefined
      : sql`not exists (select 1 from ${rentalBookings} ob where ob.unit_id = ${rentalUnits.id} and ob.status = 'on_loan' and ob.end_on < ${today})`,
  );

/**
 * Holds of one item type are taken one transaction at a time. The exclusion constraint alone
 * keeps them apart, but two transactions inserting overlapping holds each insert first and then
 * wait for the other's row: PostgreSQL then kills one as a deadlock (a 500 under 100 concurrent
 * bookings). Locking the item type's row (NO KEY UPDATE: foreign-key checks still pass) first
 * makes them queue instead.
 */
async function lockItemType(tx: Tx, itemTypeId: number): Promise<void> {
  await tx
    .select({ id: rentalItemTypes.id })
    .from(rentalItemTypes)
    .where(eq(rentalItemTypes.id, itemTypeId))
    .for('no key update');
}

export interface HoldRequest {
  itemTypeId: number;
  kind: Exclude<RentalHoldKind, 'maintenance'>;
  bookingId: number;
  startOn: string;
  endOn: string;
  bufferDays: number;
  createdBy: number | null;
  /** China date: units out on an overdue loan are passed over (see unitFreeFor). */
  today?: string;
}

/** Inserts one hold in a savepoint; false when the exclusion constraint refused it. */
async function tryHold(tx: Tx, values: typeof rentalHolds.$inferInsert): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => {
      await sp.insert(rentalHolds).values(values);
    });
    return true;
  } catch (error) {
    if (isExclusionViolation(error)) return false;
    throw error;
  }
}

/**
 * Holds a free unit of the item type for the booking's dates and returns its id, or null when
 * none is free. Candidates are read first (fewest future holds first, to spread wear); a unit
 * taken meanwhile by a concurrent booking is refused by the constraint, and the next one tried.
 */
export async function holdFreeUnit(tx: Tx, req: HoldRequest): Promise<number | null> {
  await lockItemType(tx, req.itemTypeId);
  const during = holdRange(req.startOn, req.endOn, req.bufferDays);
  const candidates = await tx
    .select({ id: rentalUnits.id })
    .from(rentalUnits)
    .where(unitFreeFor(req.itemTypeId, during, req.today))
    .orderBy(asc(rentalUnits.id));
  for (const c of candidates) {
    const ok = await tryHold(tx, {
      unitId: c.id,
      itemTypeId: req.itemTypeId,
      kind: req.kind,
      bookingId: req.bookingId,
      during,
      createdBy: req.createdBy,
    });
    if (ok) return c.id;
  }
  return null;
}

/** Holds one given unit (staff chose it); UNIT_BUSY when its dates are taken. */
export async function holdUnit(tx: Tx, unitId: number, req: HoldRequest): Promise<void> {
  await lockItemType(tx, req.itemTypeId);
  const [u] = await tx
    .select({ id: rentalUnits.id })
    .from(rentalUnits)
    .where(and(eq(rentalUnits.id, unitId), lendable(req.itemTypeId)));
  if (!u) throw new AppError('UNIT_BUSY', '这件器具不能借出（已报废或待维修）');
  const ok = await tryHold(tx, {
    unitId,
    itemTypeId: req.itemTypeId,
    kind: req.kind,
    bookingId: req.bookingId,
    during: holdRange(req.startOn, req.endOn, req.bufferDays),
    createdBy: req.createdBy,
  });
  if (!ok) throw new AppError('UNIT_BUSY');
}

/** A maintenance block over dates (inclusive); UNIT_BUSY when a booking holds any of them. */
export async function holdForMaintenance(
  tx: Tx,
  unit: { id: number; itemTypeId: number },
  startOn: string,
  endOn: string,
  note: string,
  createdBy: number | null,
): Promise<number> {
  const during = holdRange(startOn, endOn);
  try {
    const [row] = await tx.transaction(async (sp) =>
      sp
        .insert(rentalHolds)
        .values({ unitId: unit.id, itemTypeId: unit.itemTypeId, kind: 'maintenance', during, note, createdBy })
        .returning({ id: rentalHolds.id }),
    );
    return row.id;
  } catch (error) {
    if (isExclusionViolation(error)) throw new AppError('UNIT_BUSY');
    throw error;
  }
}

/** Drops the booking's hold (cancelled, rejected, expired): its dates are free again. */
export async function releaseHold(tx: Tx, bookingId: number): Promise<void> {
  await tx.delete(rentalHolds).where(eq(rentalHolds.bookingId, bookingId));
}

/**
 * Moves the booking's hold to new dates (an extension, an offer accepted, a return: the hold then
 * ends after the cleaning days). False when another hold is in the way (nothing changed).
 */
export async function resizeHold(
  tx: Tx,
  bookingId: number,
  startOn: string,
  endOn: string,
  bufferDays: number,
  kind?: Exclude<RentalHoldKind, 'maintenance'>,
): Promise<boolean> {
  const during = holdRange(startOn, endOn, bufferDays);
  try {
    await tx.transaction(async (sp) => {
      await sp
        .update(rentalHolds)
        .set({ during, ...(kind ? { kind } : {}) })
        .where(eq(rentalHolds.bookingId, bookingId));
    });
    return true;
  } catch (error) {
    if (isExclusionViolation(error)) return false;
    throw error;
  }
}

/**
 * When a booking of `days` days could start, in the `horizon` days from `from`: maximal windows
 * of start dates (inclusive) in which at least one lendable unit is free for the whole booking
 * plus its cleaning days. What a 409 tells the resident instead of just "no".
 */
export async function freeRanges(
  tx: Tx,
  itemTypeId: number,
  days: number,
  bufferDays: number,
  from: string,
  horizon = 60,
): Promise<FreeRange[]> {
  // A booking starting on the last day of the horizon runs `days + bufferDays` past it: holds there count too.
  const to = addDays(from, horizon + days + bufferDays).date;
  const units = await tx.select({ id: rentalUnits.id }).from(rentalUnits).where(lendable(itemTypeId));
  if (units.length === 0) return [];
  const holds = await tx
    .select({ unitId: rentalHolds.unitId, during: rentalHolds.during })
    .from(rentalHolds)
    .where(
      and(
        inArray(
          rentalHolds.unitId,
          units.map((u) => u.id),
        ),
        sql`${rentalHolds.during} && ${`[${from},${to})`}::daterange`,
      ),
    );
  const need = days + bufferDays;
  // Day offsets from `from` at which a booking may start on some unit.
  const startable = new Array<boolean>(horizon).fill(false);
  for (const u of units) {
    const busy = holds
      .filter((h) => h.unitId === u.id)
      .map((h) => rangeDays(h.during))
      .map((r) => [daysBetween(from, r.startOn), daysBetween(from, r.endOn)] as const)
      .sort((a, b) => a[0] - b[0]);
    let cursor = 0;
    for (const [s, e] of [...busy, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const]) {
      // Free from `cursor` to s - 1: starts up to s - need fit (an open end always fits).
      const lastStart = s === Number.MAX_SAFE_INTEGER ? horizon - 1 : s - need;
      for (let d = Math.max(cursor, 0); d <= Math.min(lastStart, horizon - 1); d++) startable[d] = true;
      cursor = Math.max(cursor, e + 1);
    }
  }
  const ranges: FreeRange[] = [];
  let open: number | null = null;
  for (let d = 0; d <= horizon; d++) {
    if (d < horizon && startable[d]) {
      if (open === null) open = d;
    } else if (open !== null) {
      ranges.push({ startOn: addDays(from, open).date, endOn: addDays(from, d - 1).date });
      open = null;
    }
  }
  return ranges;
}

/**
 * Ends a maintenance block early: the unit is free from `today` on. The block keeps its past days
 * (`[start, today)`), or goes when it had not started before today. Only shortens, so the
 * exclusion constraint cannot refuse it.
 */
export async function endMaintenance(tx: Tx, holdId: number, today: string): Promise<void> {
  const [h] = await tx
    .select({ during: rentalHolds.during })
    .from(rentalHolds)
    .where(and(eq(rentalHolds.id, holdId), eq(rentalHolds.kind, 'maintenance')));
  if (!h) throw new AppError('INVALID_STATE', '这件器具现在没有在维修');
  const { startOn } = rangeDays(h.during);
  if (startOn >= today) await tx.delete(rentalHolds).where(eq(rentalHolds.id, holdId));
  else
    await tx
      .update(rentalHolds)
      .set({ during: `[${startOn},${today})` })
      .where(eq(rentalHolds.id, holdId));
}
