import { and, asc, count, eq, sql } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { buildings, households } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireCommunity } from '../committees/queries';
import { householdColumns } from './queries';

/** Buildings of a community with how many households each has, to choose one when joining. */
export async function listBuildings(ctx: ServiceContext, communityId: number) {
  requireAllowed(ctx.actor, 'read:households', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const rows = await db
    .select({ id: buildings.id, name: buildings.name, households: count(households.id) })
    .from(buildings)
    .leftJoin(households, eq(households.buildingId, buildings.id))
    .where(eq(buildings.communityId, communityId))
    .groupBy(buildings.id)
    .orderBy(asc(buildings.sort), asc(buildings.name));
  return { items: rows };
}

export async function listHouseholds(ctx: ServiceContext, communityId: number, buildingId: number) {
  requireAllowed(ctx.actor, 'read:households', { communityId });
  const db = ctx.deps.database.db;
  const rows = await db
    .select(householdColumns)
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(households.buildingId, buildingId), eq(buildings.communityId, communityId)))
    .orderBy(asc(households.unit), sql`length(${households.room})`, asc(households.room));
  // An empty list must still tell a building of another community from an empty one.
  if (rows.length === 0) await requireBuilding(db, communityId, buildingId);
  return { items: rows };
}

async function requireBuilding(db: Tx, communityId: number, buildingId: number) {
  const [b] = await db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(and(eq(buildings.id, buildingId), eq(buildings.communityId, communityId)));
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

/** Runs a write; the unique index turns a second copy into a 409 with the given words. */
async function unique<T>(duplicateMessage: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', duplicateMessage);
    throw error;
  }
}

export function createBuilding(ctx: ServiceContext, communityId: number, name: string) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  return unique('已经有同名的楼栋了', () =>
    audited(ctx, 'building.create', async (tx) => {
      await requireCommunity(tx, communityId);
      const [b] = await tx.insert(buildings).values({ communityId, name }).returning();
      return {
        result: { id: b.id, name: b.name, households: 0 },
        audit: { communityId, targetId: b.id, after: { name } },
      };
    }),
  );
}

export function createHousehold(
  ctx: ServiceContext,
  communityId: number,
  input: { buildingId: number; unit: string; room: string; floorArea: number | null },
) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  return unique('这一户已经登记过了', () =>
    audited(ctx, 'household.create', async (tx) => {
      const b = await requireBuilding(tx, communityId, input.buildingId);
      const [h] = await tx
        .insert(households)
        .values({ communityId, ...input })
        .returning();
      return {
        result: {
          id: h.id,
          buildingId: b.id,
          buildingName: b.name,
          unit: h.unit,
          room: h.room,
          floorArea: h.floorArea,
        },
        audit: { communityId, targetId: h.id, after: { ...input } },
      };
    }),
  );
}
