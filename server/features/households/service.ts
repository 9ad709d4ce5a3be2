import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { HouseholdAdmin } from '../../../shared/contracts/households';
import { naturalCompare } from '../../../shared/domain/natural-order';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { isLive } from '../../db/live';
import { buildings, households, invitationCodes, memberships, noticeBuildings } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireCommunity } from '../committees/queries';
import { householdAdminColumns, householdColumns, householdOrder, householdRowColumns } from './queries';

/** Buildings of a community with how many households each has, to choose one when joining. */
export async function listBuildings(ctx: ServiceContext, communityId: number) {
  requireAllowed(ctx.actor, 'read:households', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const rows = await db
    .select({ id: buildings.id, name: buildings.name, sort: buildings.sort, households: count(households.id) })
    .from(buildings)
    .leftJoin(households, and(eq(households.buildingId, buildings.id), isNull(households.retiredAt)))
    .where(and(eq(buildings.communityId, communityId), isNull(buildings.retiredAt)))
    .groupBy(buildings.id);
  // "2号楼" before "10号楼": the committee's own order first, then names as people count them.
  rows.sort((a, b) => a.sort - b.sort || naturalCompare(a.name, b.name));
  return { items: rows.map(({ sort: _, ...building }) => building) };
}

/** Households a resident may choose (retired ones are offered to nobody). */
export async function listHouseholds(ctx: ServiceContext, communityId: number, buildingId: number) {
  requireAllowed(ctx.actor, 'read:households', { communityId });
  const db = ctx.deps.database.db;
  const rows = await db
    .select(householdColumns)
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(eq(households.buildingId, buildingId), eq(buildings.communityId, communityId), isNull(households.retiredAt)),
    )
    .orderBy(...householdOrder);
  // An empty list must still tell a building of another community from an empty one.
  if (rows.length === 0) await requireBuilding(db, communityId, buildingId);
  return { items: rows };
}

/** Every household for the committee, retired ones included. */
export async function listHouseholdsAdmin(ctx: ServiceContext, communityId: number, buildingId?: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const rows = await db
    .select(householdAdminColumns)
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(households.communityId, communityId), buildingId ? eq(households.buildingId, buildingId) : undefined))
    .orderBy(asc(buildings.sort), asc(buildings.name), ...householdOrder);
  return { items: rows.map(adminView) };
}

function adminView(row: { retiredAt: Date | null } & Omit<HouseholdAdmin, 'retiredAt'>): HouseholdAdmin {
  return { ...row, retiredAt: row.retiredAt?.toISOString() ?? null };
}

/**
 * The building, or 404 for one of another community. `lock` holds it for this transaction:
 * 'update' while it is renamed, merged or removed; 'key share' while a household is added to
 * it (so a merge or a removal that runs at the same time waits, and the add then sees it gone).
 */
async function requireBuilding(db: Tx, communityId: number, buildingId: number, lock?: 'update' | 'key share') {
  const query = db
    .select({ id: buildings.id, name: buildings.name, retiredAt: buildings.retiredAt })
    .from(buildings)
    .where(and(eq(buildings.id, buildingId), eq(buildings.communityId, communityId)));
  const [b] = lock ? await query.for(lock) : await query;
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

async function buildingView(db: Tx, building: { id: number; name: string }) {
  const [n] = await db
    .select({ n: count() })
    .from(households)
    .where(and(eq(households.buildingId, building.id), isNull(households.retiredAt)));
  return { id: building.id, name: building.name, households: n.n };
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

const SAME_BUILDING_NAME = '已经有同名的楼栋了';
const SAME_HOUSEHOLD = '这一户已经登记过了';
const BUILDING_RETIRED = '这栋楼已经停用了';

export function createBuilding(ctx: ServiceContext, communityId: number, name: string) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  return unique(SAME_BUILDING_NAME, () =>
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

export function renameBuilding(ctx: ServiceContext, communityId: number, buildingId: number, name: string) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  return unique(SAME_BUILDING_NAME, () =>
    audited(ctx, 'building.rename', async (tx) => {
      const b = await requireBuilding(tx, communityId, buildingId, 'update');
      if (b.name === name) return { result: await buildingView(tx, b), audit: [] };
      await tx.update(buildings).set({ name }).where(eq(buildings.id, buildingId));
      return {
        result: await buildingView(tx, { id: buildingId, name }),
        audit: { communityId, targetId: buildingId, before: { name: b.name }, after: { name } },
      };
    }),
  );
}

export function createHousehold(
  ctx: ServiceContext,
  communityId: number,
  input: {
    buildingId: number;
    unit: string;
    room: string;
    floorArea: number | null;
    ownerOccupied?: boolean;
    ownerKey?: string | null;
    developerUnit?: boolean;
  },
) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  return unique(SAME_HOUSEHOLD, () =>
    audited(ctx, 'household.create', async (tx) => {
      const b = await requireBuilding(tx, communityId, input.buildingId, 'key share');
      if (b.retiredAt) throw new AppError('INVALID_STATE', BUILDING_RETIRED);
      const values = {
        ...input,
        ownerOccupied: input.ownerOccupied ?? false,
        ownerKey: input.ownerKey ?? null,
        developerUnit: input.developerUnit ?? false,
      };
      const [h] = await tx
        .insert(households)
        .values({ communityId, ...values })
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
        audit: { communityId, targetId: h.id, after: values },
      };
    }),
  );
}

/** The household, locked for this transaction, or 404 for one of another community. */
async function lockHousehold(tx: Tx, communityId: number, householdId: number) {
  const [h] = await tx
    .select(householdRowColumns)
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.communityId, communityId)))
    .for('update');
  if (!h) throw new AppError('NOT_FOUND');
  return h;
}

type HouseholdPatch = Partial<{
  unit: string;
  room: string;
  floorArea: number | null;
  ownerOccupied: boolean;
  ownerKey: string | null;
  developerUnit: boolean;
}>;

export async function updateHousehold(
  ctx: ServiceContext,
  communityId: number,
  householdId: number,
  patch: HouseholdPatch,
) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  await unique(SAME_HOUSEHOLD, () =>
    audited(ctx, 'household.update', async (tx) => {
      const h = await lockHousehold(tx, communityId, householdId);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of ['unit', 'room', 'floorArea', 'ownerOccupied', 'ownerKey', 'developerUnit'] as const) {
        if (patch[key] !== undefined && patch[key] !== h[key]) {
          before[key] = h[key];
          after[key] = patch[key];
        }
      }
      if (Object.keys(after).length === 0) return { result: null, audit: [] };
      await tx.update(households).set(after).where(eq(households.id, householdId));
      return { result: null, audit: { communityId, targetId: householdId, before, after } };
    }),
  );
  return householdAdmin(ctx.deps.database.db, householdId);
}

async function householdAdmin(db: Tx, householdId: number) {
  const [row] = await db
    .select(householdAdminColumns)
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(households.id, householdId));
  return adminView(row);
}

/** Undoes a retirement (a mistake, or a flat in use again); its building comes back with it. */
export async function restoreHousehold(ctx: ServiceContext, communityId: number, householdId: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  await audited(ctx, 'household.restore', async (tx) => {
    const h = await lockHousehold(tx, communityId, householdId);
    if (!h.retiredAt) return { result: null, audit: [] };
    await tx.update(households).set({ retiredAt: null }).where(eq(households.id, householdId));
    const revived = await tx
      .update(buildings)
      .set({ retiredAt: null })
      .where(and(eq(buildings.id, h.buildingId), sql`${buildings.retiredAt} is not null`))
      .returning({ id: buildings.id });
    return {
      result: null,
      audit: {
        communityId,
        targetId: householdId,
        before: { retiredAt: h.retiredAt.toISOString() },
        after: { retiredAt: null, buildingRestored: revived.length > 0 },
      },
    };
  });
  return householdAdmin(ctx.deps.database.db, householdId);
}

/** How many memberships (live, and of any state) and invitation codes point at each household. */
async function usage(tx: Tx, householdIds: number[]) {
  const result = new Map<number, { live: number; any: number }>();
  for (const id of householdIds) result.set(id, { live: 0, any: 0 });
  if (householdIds.length === 0) return result;
  const members = await tx
    .select({
      householdId: memberships.householdId,
      live: sql<number>`count(*) filter (where ${isLive(memberships.status)})`.mapWith(Number),
      any: count(),
    })
    .from(memberships)
    .where(inArray(memberships.householdId, householdIds))
    .groupBy(memberships.householdId);
  for (const m of members) if (m.householdId !== null) result.set(m.householdId, { live: m.live, any: m.any });
  const codes = await tx
    .select({ householdId: invitationCodes.householdId, n: count() })
    .from(invitationCodes)
    .where(inArray(invitationCodes.householdId, householdIds))
    .groupBy(invitationCodes.householdId);
  for (const c of codes) {
    const u = result.get(c.householdId);
    if (u) u.any += c.n;
  }
  return result;
}

const CHANGED_MEANWHILE = '刚才有人加入了这一户，请刷新后再试';

/**
 * Removes a household with care for its members: one nobody ever used (no membership of any
 * state, no invitation code) is deleted; any other is retired, so it is no longer offered for
 * joining or invitations while its members, and its history, stay.
 */
export async function removeHousehold(ctx: ServiceContext, communityId: number, householdId: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  const db = ctx.deps.database.db;
  const [exists] = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.communityId, communityId)));
  if (!exists) throw new AppError('NOT_FOUND');
  const used = (await usage(db, [householdId])).get(householdId)?.any ?? 0;
  const action = used > 0 ? 'household.retire' : 'household.delete';
  return audited<{ outcome: 'deleted' | 'retired'; liveMembers: number }>(ctx, action, async (tx) => {
    const h = await lockHousehold(tx, communityId, householdId);
    // Counted again under the lock: a join waits for it, so the count now holds.
    const u = (await usage(tx, [householdId])).get(householdId) ?? { live: 0, any: 0 };
    const facts = { unit: h.unit, room: h.room, buildingId: h.buildingId };
    if (action === 'household.delete') {
      if (u.any > 0) throw new AppError('INVALID_STATE', CHANGED_MEANWHILE);
      await tx.delete(households).where(eq(households.id, householdId));
      return {
        result: { outcome: 'deleted' as const, liveMembers: 0 },
        audit: { communityId, targetId: householdId, before: facts },
      };
    }
    const result = { outcome: 'retired' as const, liveMembers: u.live };
    if (h.retiredAt) return { result, audit: [] };
    const now = ctx.deps.clock();
    await tx.update(households).set({ retiredAt: now }).where(eq(households.id, householdId));
    return {
      result,
      audit: {
        communityId,
        targetId: householdId,
        before: { ...facts, retiredAt: null },
        after: { retiredAt: now.toISOString(), liveMembers: u.live },
      },
    };
  });
}

/**
 * Removes a building the same way: its unused households are deleted, the others retired; the
 * building itself is deleted when nothing is left in it, retired otherwise.
 */
export async function removeBuilding(ctx: ServiceContext, communityId: number, buildingId: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  const db = ctx.deps.database.db;
  await requireBuilding(db, communityId, buildingId);
  const ids = (
    await db.select({ id: households.id }).from(households).where(eq(households.buildingId, buildingId))
  ).map((h) => h.id);
  const anyUsed = [...(await usage(db, ids)).values()].some((u) => u.any > 0);
  const action = anyUsed ? 'building.retire' : 'building.delete';
  return audited(ctx, action, async (tx) => {
    const b = await requireBuilding(tx, communityId, buildingId, 'update');
    const rows = await tx
      .select({ id: households.id, retiredAt: households.retiredAt })
      .from(households)
      .where(eq(households.buildingId, buildingId))
      .orderBy(asc(households.id))
      .for('update');
    const use = await usage(
      tx,
      rows.map((r) => r.id),
    );
    const unused = rows.filter((r) => (use.get(r.id)?.any ?? 0) === 0).map((r) => r.id);
    const toRetire = rows.filter((r) => (use.get(r.id)?.any ?? 0) > 0 && !r.retiredAt).map((r) => r.id);
    const kept = rows.length - unused.length;
    const liveMembers = [...use.values()].reduce((n, u) => n + u.live, 0);
    if (action === 'building.delete' && kept > 0) throw new AppError('INVALID_STATE', CHANGED_MEANWHILE);
    if (unused.length > 0) await tx.delete(households).where(inArray(households.id, unused));
    const now = ctx.deps.clock();
    if (toRetire.length > 0)
      await tx.update(households).set({ retiredAt: now }).where(inArray(households.id, toRetire));
    const result = {
      outcome: kept > 0 ? ('retired' as const) : ('deleted' as const),
      householdsDeleted: unused.length,
      householdsRetired: toRetire.length,
      liveMembers,
    };
    if (kept === 0) {
      await tx.delete(buildings).where(eq(buildings.id, buildingId));
    } else if (!b.retiredAt) {
      await tx.update(buildings).set({ retiredAt: now }).where(eq(buildings.id, buildingId));
    } else if (unused.length === 0 && toRetire.length === 0) {
      return { result, audit: [] };
    }
    return {
      result,
      audit: {
        communityId,
        targetId: buildingId,
        before: { name: b.name, retiredAt: b.retiredAt?.toISOString() ?? null, households: rows.length },
        after: {
          ...(kept > 0 ? { retiredAt: (b.retiredAt ?? now).toISOString() } : {}),
          householdsDeleted: unused,
          householdsRetired: toRetire,
          liveMembers,
        },
      },
    };
  });
}

const MERGE_CLASH = '两栋楼里有相同的单元和房号，不能合并';

/**
 * Moves every household of one building into another and deletes the first. Refused, with
 * the list of rooms, when both have the same unit and room (the unique index would otherwise
 * stop the move halfway). Both buildings are locked, lower id first, so two merges of the
 * same pair cannot deadlock and an add to either waits.
 */
export async function mergeBuilding(ctx: ServiceContext, communityId: number, fromId: number, intoId: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  if (fromId === intoId) throw new AppError('INVALID_STATE', '不能把楼栋合并到它自己');
  return audited(ctx, 'building.merge', async (tx) => {
    const locked = await tx
      .select({ id: buildings.id, name: buildings.name, retiredAt: buildings.retiredAt })
      .from(buildings)
      .where(and(inArray(buildings.id, [fromId, intoId]), eq(buildings.communityId, communityId)))
      .orderBy(asc(buildings.id))
      .for('update');
    const from = locked.find((b) => b.id === fromId);
    const into = locked.find((b) => b.id === intoId);
    if (!from || !into) throw new AppError('NOT_FOUND');
    if (into.retiredAt) throw new AppError('INVALID_STATE', '要并入的楼栋已经停用了');
    const other = sql.raw('other');
    const clashes = await tx
      .select({ unit: households.unit, room: households.room })
      .from(households)
      .where(
        and(
          eq(households.buildingId, fromId),
          sql`exists (select 1 from ${households} ${other} where ${other}.building_id = ${intoId}
            and ${other}.unit = ${households.unit} and ${other}.room = ${households.room})`,
        ),
      )
      .orderBy(...householdOrder);
    if (clashes.length > 0) {
      throw new AppError(
        'DUPLICATE',
        MERGE_CLASH,
        clashes.map((c) => ({ ...c, message: `${c.unit} ${c.room}：两栋楼都有这一户` })),
      );
    }
    const moved = await tx
      .update(households)
      .set({ buildingId: intoId })
      .where(eq(households.buildingId, fromId))
      .returning({ id: households.id });
    // Notices meant for the merged building are now meant for the one its households moved to.
    await tx.execute(sql`insert into ${noticeBuildings} (notice_id, building_id)
      select notice_id, ${intoId} from ${noticeBuildings} where building_id = ${fromId} on conflict do nothing`);
    await tx.delete(buildings).where(eq(buildings.id, fromId));
    return {
      result: { building: await buildingView(tx, into), moved: moved.length },
      audit: {
        communityId,
        targetId: fromId,
        before: { name: from.name, households: moved.length },
        after: { intoBuildingId: intoId, intoName: into.name, moved: moved.length },
      },
    };
  });
}
