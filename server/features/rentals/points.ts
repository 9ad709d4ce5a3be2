import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/rentals';
import type { RouteContract } from '../../../shared/contracts/route';
import { activeRentalStatuses } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext, SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import {
  communities,
  rentalBookings,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnits,
} from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireOwnPoint, requireRentalStaff } from './access';
import type { PointRow } from './catalogue';

/*
 * Service points (docs/decisions/023-rentals.md): a community's moderators open and run theirs;
 * only a platform admin adds other communities to the ones a point serves.
 */

type BodyOut<C> = C extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.infer<B> : never;
type StaffPointView = z.infer<typeof c.staffPointView>;
type PointBody = BodyOut<typeof c.createRentalPoint>;
type PointPatch = BodyOut<typeof c.updateRentalPoint>;

/** The staff's view of points: the communities served (its own first), item types, units not retired. */
export async function staffPointViews(tx: Tx, rows: PointRow[]): Promise<StaffPointView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((p) => p.id);
  const [served, items, units] = await Promise.all([
    tx
      .select({ pointId: rentalPointCommunities.pointId, id: communities.id, name: communities.name })
      .from(rentalPointCommunities)
      .innerJoin(communities, eq(communities.id, rentalPointCommunities.communityId))
      .where(inArray(rentalPointCommunities.pointId, ids))
      .orderBy(asc(communities.id)),
    tx
      .select({ pointId: rentalItemTypes.pointId, n: sql<number>`count(*)::int` })
      .from(rentalItemTypes)
      .where(inArray(rentalItemTypes.pointId, ids))
      .groupBy(rentalItemTypes.pointId),
    tx
      .select({ pointId: rentalUnits.pointId, n: sql<number>`count(*)::int` })
      .from(rentalUnits)
      .where(and(inArray(rentalUnits.pointId, ids), ne(rentalUnits.status, 'retired')))
      .groupBy(rentalUnits.pointId),
  ]);
  const itemCount = new Map(items.map((r) => [r.pointId, r.n]));
  const unitCount = new Map(units.map((r) => [r.pointId, r.n]));
  return rows.map((p) => {
    const list = served.filter((s) => s.pointId === p.id).map((s) => ({ id: s.id, name: s.name }));
    const own = list.filter((s) => s.id === p.communityId);
    const others = list.filter((s) => s.id !== p.communityId);
    return {
      id: p.id,
      communityId: p.communityId,
      name: p.name,
      address: p.address,
      hours: p.hours,
      phone: p.phone,
      delivers: p.delivers,
      // For the staff: the point serves other communities too.
      shared: others.length > 0,
      communities: [...own, ...others],
      itemTypes: itemCount.get(p.id) ?? 0,
      units: unitCount.get(p.id) ?? 0,
      archived: p.archivedAt !== null,
    };
  });
}

const facts = (p: PointRow) => ({
  name: p.name,
  address: p.address,
  hours: p.hours,
  phone: p.phone,
  delivers: p.delivers,
  archived: p.archivedAt !== null,
});

export async function listRentalPoints(ctx: SignedIn, communityId: number) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(rentalPoints)
    .where(eq(rentalPoints.communityId, communityId))
    .orderBy(asc(rentalPoints.id));
  return { items: await staffPointViews(db, rows) };
}

export async function createRentalPoint(ctx: SignedIn, communityId: number, input: PointBody) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_point.create', async (tx) => {
    const [p] = await tx
      .insert(rentalPoints)
      .values({ communityId, ...input, createdAt: ctx.deps.clock() })
      .returning();
    await tx.insert(rentalPointCommunities).values({ pointId: p.id, communityId });
    const [view] = await staffPointViews(tx, [p]);
    return { result: view, audit: { communityId, targetId: p.id, after: facts(p) } };
  });
}

/** Active bookings at a point, optionally only those of some renters' communities. */
async function activeBookingsAt(tx: Tx, pointId: number, communityIds?: number[]) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rentalBookings)
    .where(
      and(
        eq(rentalBookings.pointId, pointId),
        inArray(rentalBookings.status, [...activeRentalStatuses]),
        communityIds ? inArray(rentalBookings.communityId, communityIds) : undefined,
      ),
    );
  return n;
}

export async function updateRentalPoint(ctx: SignedIn, communityId: number, pointId: number, input: PointPatch) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_point.update', async (tx) => {
    const before = await requireOwnPoint(tx, communityId, pointId);
    await tx.select({ id: rentalPoints.id }).from(rentalPoints).where(eq(rentalPoints.id, pointId)).for('update');
    const { archived, ...fields } = input;
    let archivedAt = before.archivedAt;
    if (archived === true && before.archivedAt === null) {
      if ((await activeBookingsAt(tx, pointId)) > 0)
        throw new AppError('INVALID_STATE', '这个服务点还有没办完的预约或借出的器具，办完后才能停用');
      archivedAt = ctx.deps.clock();
    } else if (archived === false) archivedAt = null;
    const [p] = await tx
      .update(rentalPoints)
      .set({ ...fields, archivedAt })
      .where(eq(rentalPoints.id, pointId))
      .returning();
    const [view] = await staffPointViews(tx, [p]);
    return { result: view, audit: { communityId, targetId: pointId, before: facts(before), after: facts(p) } };
  });
}

/* ---------------------------------------------------------------- platform */

export async function listAdminRentalPoints(ctx: ServiceContext) {
  requireAllowed(ctx.actor, 'admin:platform');
  const db = ctx.deps.database.db;
  const rows = await db.select().from(rentalPoints).orderBy(asc(rentalPoints.id));
  return { items: await staffPointViews(db, rows) };
}

/** The communities a point serves: its own always; one with active bookings there cannot be removed. */
export async function setRentalPointCommunities(ctx: ServiceContext, pointId: number, communityIds: number[]) {
  requireAllowed(ctx.actor, 'admin:platform');
  return audited(ctx, 'rental_point.communities', async (tx) => {
    const [p] = await tx.select().from(rentalPoints).where(eq(rentalPoints.id, pointId)).for('update');
    if (!p) throw new AppError('NOT_FOUND');
    const wanted = [...new Set([p.communityId, ...communityIds])].sort((x, y) => x - y);
    const found = await tx.select({ id: communities.id }).from(communities).where(inArray(communities.id, wanted));
    if (found.length !== wanted.length) throw new AppError('NOT_FOUND', '有社区找不到了，请刷新后再选');
    const current = (
      await tx
        .select({ id: rentalPointCommunities.communityId })
        .from(rentalPointCommunities)
        .where(eq(rentalPointCommunities.pointId, pointId))
    )
      .map((r) => r.id)
      .sort((x, y) => x - y);
    const removed = current.filter((id) => !wanted.includes(id));
    if (removed.length > 0 && (await activeBookingsAt(tx, pointId, removed)) > 0)
      throw new AppError('INVALID_STATE', '要去掉的社区还有居民在这里预约或借用器具，办完后才能去掉');
    const added = wanted.filter((id) => !current.includes(id));
    if (removed.length > 0)
      await tx
        .delete(rentalPointCommunities)
        .where(and(eq(rentalPointCommunities.pointId, pointId), inArray(rentalPointCommunities.communityId, removed)));
    if (added.length > 0)
      await tx.insert(rentalPointCommunities).values(added.map((communityId) => ({ pointId, communityId })));
    const [view] = await staffPointViews(tx, [p]);
    return {
      result: view,
      audit: {
        communityId: null,
        targetId: pointId,
        before: { communityIds: current },
        after: { communityIds: wanted },
      },
    };
  });
}
