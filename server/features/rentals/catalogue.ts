import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { rentalItemListItem, rentalPointView } from '../../../shared/contracts/rentals';
import { feeText } from '../../../shared/domain/rental-fees';
import { activeRentalStatuses, type RentalCategory, type RentalUnitStatus } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import {
  rentalBookings,
  rentalHolds,
  rentalItemPhotos,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnits,
  uploads,
} from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { uploadView } from '../../platform/files/uploads';
import { householdOf, requireRenter, requireServedItem } from './access';
import { bookingViews, firstPhotos, todayOf } from './views';

/*
 * The catalogue residents read (docs/decisions/023-rentals.md): every shown item type of the open
 * points serving their community, with how many units are in service, free today and waited for.
 * The list-item builder here is also the base of the staff's item view (items.ts).
 */

export type ItemRow = typeof rentalItemTypes.$inferSelect;
export type PointRow = typeof rentalPoints.$inferSelect;
type ListItem = z.infer<typeof rentalItemListItem>;
type PointView = z.infer<typeof rentalPointView>;

/** The point as a resident of `communityId` sees it (shared: another community runs it). */
export const pointView = (p: PointRow, communityId: number): PointView => ({
  id: p.id,
  communityId: p.communityId,
  name: p.name,
  address: p.address,
  hours: p.hours,
  phone: p.phone,
  delivers: p.delivers,
  shared: p.communityId !== communityId,
});

export interface ItemCounts {
  units: number;
  freeToday: number;
  waiting: number;
  pending: number;
  byStatus: Record<RentalUnitStatus, number>;
}

/** Units (lendable, free today, by status) and bookings (waiting, pending) per item type. */
export async function itemCounts(tx: Tx, itemIds: number[], today: string): Promise<Map<number, ItemCounts>> {
  const map = new Map<number, ItemCounts>();
  for (const id of itemIds)
    map.set(id, {
      units: 0,
      freeToday: 0,
      waiting: 0,
      pending: 0,
      byStatus: { in_stock: 0, on_loan: 0, maintenance: 0, retired: 0 },
    });
  if (itemIds.length === 0) return map;
  // Columns of a one-table select are written unqualified by drizzle: the correlated subquery names
  // rental_units.id itself (`"id"` would be the hold's own id).
  const lendable = sql`${rentalUnits.status} <> 'retired' and ${rentalUnits.condition} not in ('needs_repair', 'scrapped')`;
  const [units, bookings] = await Promise.all([
    tx
      .select({
        itemTypeId: rentalUnits.itemTypeId,
        status: rentalUnits.status,
        all: sql<number>`count(*)::int`,
        lendable: sql<number>`(count(*) filter (where ${lendable}))::int`,
        free: sql<number>`(count(*) filter (where ${lendable} and not exists (select 1 from ${rentalHolds} h
          where h.unit_id = rental_units.id and h.during @> ${today}::date)))::int`,
      })
      .from(rentalUnits)
      .where(inArray(rentalUnits.itemTypeId, itemIds))
      .groupBy(rentalUnits.itemTypeId, rentalUnits.status),
    tx
      .select({ itemTypeId: rentalBookings.itemTypeId, status: rentalBookings.status, n: sql<number>`count(*)::int` })
      .from(rentalBookings)
      .where(and(inArray(rentalBookings.itemTypeId, itemIds), inArray(rentalBookings.status, ['waiting', 'pending'])))
      .groupBy(rentalBookings.itemTypeId, rentalBookings.status),
  ]);
  for (const u of units) {
    const c = map.get(u.itemTypeId);
    if (!c) continue;
    c.byStatus[u.status] += u.all;
    c.units += u.lendable;
    c.freeToday += u.free;
  }
  for (const b of bookings) {
    const c = map.get(b.itemTypeId);
    if (!c) continue;
    if (b.status === 'waiting') c.waiting = b.n;
    else c.pending = b.n;
  }
  return map;
}

/** Item types as list items, in the order given. */
export async function itemListItems(deps: AppDeps, tx: Tx, rows: ItemRow[]): Promise<(ListItem & ItemCounts)[]> {
  const ids = rows.map((r) => r.id);
  const [photos, counts] = await Promise.all([firstPhotos(deps, tx, ids), itemCounts(tx, ids, todayOf(deps))]);
  return rows.map((r) => {
    const c = counts.get(r.id) as ItemCounts;
    return {
      id: r.id,
      pointId: r.pointId,
      category: r.category,
      name: r.name,
      suitableFor: r.suitableFor,
      photoUrl: photos.get(r.id) ?? null,
      feeKind: r.feeKind,
      feeFen: r.feeFen,
      periodDays: r.periodDays,
      depositFen: r.depositFen,
      subsidyPercent: r.subsidyPercent,
      subsidyFor: r.subsidyFor,
      maxDays: r.maxDays,
      perHousehold: r.perHousehold,
      selfService: r.selfService,
      bufferDays: r.bufferDays,
      delivery: r.delivery,
      feeText: feeText(r),
      ...c,
    };
  });
}

/** The devices of every open point serving the community. */
export async function listRentalItems(ctx: SignedIn, communityId: number, query: { category?: RentalCategory }) {
  await requireRenter(ctx, communityId);
  const db = ctx.deps.database.db;
  const points = await db
    .select({ p: rentalPoints })
    .from(rentalPoints)
    .innerJoin(
      rentalPointCommunities,
      and(eq(rentalPointCommunities.pointId, rentalPoints.id), eq(rentalPointCommunities.communityId, communityId)),
    )
    .where(isNull(rentalPoints.archivedAt))
    .orderBy(asc(rentalPoints.id));
  const pointIds = points.map((r) => r.p.id);
  const rows = pointIds.length
    ? await db
        .select()
        .from(rentalItemTypes)
        .where(
          and(
            inArray(rentalItemTypes.pointId, pointIds),
            eq(rentalItemTypes.hidden, false),
            query.category ? eq(rentalItemTypes.category, query.category) : undefined,
          ),
        )
        .orderBy(asc(rentalItemTypes.category), asc(rentalItemTypes.id))
    : [];
  return {
    points: points.map((r) => pointView(r.p, communityId)),
    items: await itemListItems(ctx.deps, db, rows),
  };
}

/** One device with all its photos, its point and the household's active bookings of it. */
export async function getRentalItem(ctx: SignedIn, communityId: number, itemId: number) {
  await requireRenter(ctx, communityId);
  const db = ctx.deps.database.db;
  const { item, point } = await requireServedItem(db, communityId, itemId);
  const householdId = await householdOf(db, ctx.actor.userId, communityId).catch(() => null);
  const [[base], photos, mine] = await Promise.all([
    itemListItems(ctx.deps, db, [item]),
    itemPhotos(ctx.deps, db, [item.id]),
    householdId === null
      ? Promise.resolve([])
      : db
          .select()
          .from(rentalBookings)
          .where(
            and(
              eq(rentalBookings.householdId, householdId),
              eq(rentalBookings.communityId, communityId),
              eq(rentalBookings.itemTypeId, item.id),
              inArray(rentalBookings.status, [...activeRentalStatuses]),
            ),
          )
          .orderBy(asc(rentalBookings.id)),
  ]);
  return {
    ...base,
    specs: item.specs,
    photoUrls: (photos.get(item.id) ?? []).map((p) => p.url),
    point: pointView(point, communityId),
    myBookings: await bookingViews(ctx.deps, db, mine),
  };
}

/** Every photo of each item type, in order, with its display URL. */
export async function itemPhotos(deps: AppDeps, tx: Tx, itemTypeIds: number[]) {
  const map = new Map<number, { uploadId: number; url: string }[]>(itemTypeIds.map((id) => [id, []]));
  if (itemTypeIds.length === 0) return map;
  const rows = await tx
    .select({ itemTypeId: rentalItemPhotos.itemTypeId, u: uploads })
    .from(rentalItemPhotos)
    .innerJoin(uploads, eq(uploads.id, rentalItemPhotos.uploadId))
    .where(inArray(rentalItemPhotos.itemTypeId, itemTypeIds))
    .orderBy(asc(rentalItemPhotos.itemTypeId), asc(rentalItemPhotos.position));
  const now = deps.clock();
  for (const r of rows) {
    const url = uploadView(deps, r.u, now).urls.display;
    if (url) map.get(r.itemTypeId)?.push({ uploadId: r.u.id, url });
  }
  return map;
}
