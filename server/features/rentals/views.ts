import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { RentalBookingView, StaffBookingView } from '../../../shared/contracts/rentals';
import { chinaClock } from '../../../shared/domain/office-hours';
import type { RentalQuote, RentalSettlement } from '../../../shared/domain/rental-fee-types';
import { daysBetween } from '../../../shared/domain/rental-fees';
import { canExtend, residentCanCancel } from '../../../shared/domain/rental-states';
import type { ServiceContext } from '../../core/context';
import {
  buildings,
  communities,
  households,
  memberships,
  rentalBookings,
  rentalItemPhotos,
  rentalItemTypes,
  rentalPoints,
  rentalUnits,
  uploads,
  users,
} from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { uploadView } from '../../platform/files/uploads';

/*
 * How a booking is shown (docs/decisions/023-rentals.md): one builder for the resident's view and
 * one for the staff's, used by every route that returns a booking, so that a write and a read
 * answer alike. Loads in a fixed number of queries whatever the number of rows.
 */

export type BookingRow = typeof rentalBookings.$inferSelect;

/** Today in China (the date every booking's days are counted in). */
export const todayOf = (deps: Pick<AppDeps, 'clock'>) => chinaClock(deps.clock()).date;

/** The first photo of each item type, display URL. */
export async function firstPhotos(deps: AppDeps, tx: Tx, itemTypeIds: number[]): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  if (itemTypeIds.length === 0) return map;
  const rows = await tx
    .select({ itemTypeId: rentalItemPhotos.itemTypeId, u: uploads })
    .from(rentalItemPhotos)
    .innerJoin(uploads, eq(uploads.id, rentalItemPhotos.uploadId))
    .where(inArray(rentalItemPhotos.itemTypeId, [...new Set(itemTypeIds)]))
    .orderBy(asc(rentalItemPhotos.itemTypeId), asc(rentalItemPhotos.position));
  const now = deps.clock();
  for (const r of rows) {
    if (map.has(r.itemTypeId)) continue;
    const url = uploadView(deps, r.u, now).urls.display;
    if (url) map.set(r.itemTypeId, url);
  }
  return map;
}

/** 1 = next in line, for each waiting booking (by item type, oldest first). */
async function queuePositions(tx: Tx, rows: BookingRow[]): Promise<Map<number, number>> {
  const waiting = rows.filter((r) => r.status === 'waiting');
  const map = new Map<number, number>();
  for (const r of waiting) {
    const [{ ahead }] = await tx
      .select({ ahead: sql<number>`count(*)::int` })
      .from(rentalBookings)
      .where(
        and(
          eq(rentalBookings.itemTypeId, r.itemTypeId),
          eq(rentalBookings.status, 'waiting'),
          lt(rentalBookings.id, r.id),
        ),
      );
    map.set(r.id, ahead + 1);
  }
  return map;
}

export async function bookingViews(deps: AppDeps, tx: Tx, rows: BookingRow[]): Promise<RentalBookingView[]> {
  if (rows.length === 0) return [];
  const itemIds = [...new Set(rows.map((r) => r.itemTypeId))];
  const pointIds = [...new Set(rows.map((r) => r.pointId))];
  const unitIds = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const [items, points, units, photos, positions] = await Promise.all([
    tx
      .select({ id: rentalItemTypes.id, name: rentalItemTypes.name, category: rentalItemTypes.category })
      .from(rentalItemTypes)
      .where(inArray(rentalItemTypes.id, itemIds)),
    tx
      .select({
        id: rentalPoints.id,
        name: rentalPoints.name,
        address: rentalPoints.address,
        hours: rentalPoints.hours,
        phone: rentalPoints.phone,
      })
      .from(rentalPoints)
      .where(inArray(rentalPoints.id, pointIds)),
    unitIds.length
      ? tx
          .select({ id: rentalUnits.id, assetTag: rentalUnits.assetTag })
          .from(rentalUnits)
          .where(inArray(rentalUnits.id, unitIds))
      : Promise.resolve([]),
    firstPhotos(deps, tx, itemIds),
    queuePositions(tx, rows),
  ]);
  const item = new Map(items.map((i) => [i.id, i]));
  const point = new Map(points.map((p) => [p.id, p]));
  const tag = new Map(units.map((u) => [u.id, u.assetTag]));
  const today = todayOf(deps);
  return rows.map((r) => {
    const it = item.get(r.itemTypeId);
    const pt = point.get(r.pointId);
    if (!it || !pt) throw new Error(`booking ${r.id}: item type or point missing`);
    return {
      id: r.id,
      communityId: r.communityId,
      itemTypeId: r.itemTypeId,
      itemName: it.name,
      category: it.category,
      photoUrl: photos.get(r.itemTypeId) ?? null,
      point: pt,
      unitTag: r.unitId ? (tag.get(r.unitId) ?? null) : null,
      status: r.status,
      forName: r.forName,
      forRelation: r.forRelation,
      eligibility: r.eligibility,
      startOn: r.startOn,
      endOn: r.endOn,
      handover: r.handover,
      deliveryAddress: r.deliveryAddress,
      note: r.note,
      reason: r.reason,
      quote: r.quote as RentalQuote,
      queuePosition: positions.get(r.id) ?? null,
      offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
      checkedOutAt: r.checkedOutAt?.toISOString() ?? null,
      returnedOn: r.returnedOn,
      settlement: (r.settlement as RentalSettlement | null) ?? null,
      overdueDays: r.status === 'on_loan' ? Math.max(0, daysBetween(r.endOn, today)) : 0,
      canCancel: residentCanCancel(r.status),
      canExtend: canExtend(r.status),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** The staff's view: the resident's plus household, the booker's name and phone (committee only), money taken. */
export async function staffBookingViews(ctx: ServiceContext, tx: Tx, rows: BookingRow[]): Promise<StaffBookingView[]> {
  if (rows.length === 0) return [];
  const { deps } = ctx;
  const base = await bookingViews(deps, tx, rows);
  const who = await tx
    .select({
      id: rentalBookings.id,
      communityName: communities.name,
      building: buildings.name,
      unit: households.unit,
      room: households.room,
      nickname: users.nickname,
      realNameEnc: memberships.realNameEnc,
      phoneEnc: memberships.phoneEnc,
    })
    .from(rentalBookings)
    .innerJoin(communities, eq(communities.id, rentalBookings.communityId))
    .innerJoin(households, eq(households.id, rentalBookings.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(users, eq(users.id, rentalBookings.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, rentalBookings.userId), eq(memberships.communityId, rentalBookings.communityId)),
    )
    .where(
      inArray(
        rentalBookings.id,
        rows.map((r) => r.id),
      ),
    );
  const byId = new Map(who.map((w) => [w.id, w]));
  const { cipher } = deps;
  return base.map((b, i) => {
    const r = rows[i];
    const w = byId.get(r.id);
    return {
      ...b,
      communityName: w?.communityName ?? '',
      householdLabel: [w?.building, w?.unit, w?.room].filter(Boolean).join(' '),
      bookerName: (w?.realNameEnc ? cipher.decrypt(w.realNameEnc) : null) ?? w?.nickname ?? null,
      bookerPhone: w?.phoneEnc ? cipher.decrypt(w.phoneEnc) : null,
      unitId: r.unitId,
      rentPaidFen: r.rentPaidFen,
      depositTakenFen: r.depositTakenFen,
      eligibilityVerified: r.eligibilityVerified,
      damageNote: r.damageNote,
    };
  });
}
