import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ImportReply } from '../../../shared/contracts/households';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { buildings, households } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireCommunity } from '../committees/queries';
import { householdRowColumns } from './queries';
import { buildingKey, checkRows, householdKey, type RosterRow, type RowError } from './roster';
import { readSheet, requireHeader } from './roster-file';

/**
 * Roster import (房屋名册导入): `preview` reads the file and compares it with what the
 * community has, writing nothing; `commit` does the same inside one transaction and applies
 * it, or nothing when a row is bad. Existing households are matched by building, unit and
 * room (see roster.ts for how loosely) and updated, never duplicated; a second import of the
 * same file finds nothing to do. docs/decisions/009-household-roster.md.
 */

interface Existing {
  buildings: Map<string, { id: number; name: string; retired: boolean }>;
  households: Map<
    string,
    {
      id: number;
      floorArea: number | null;
      ownerOccupied: boolean;
      ownerKey: string | null;
      developerUnit: boolean;
      retired: boolean;
      buildingId: number;
    }
  >;
}

async function loadExisting(db: Tx, communityId: number): Promise<Existing> {
  const bs = await db
    .select({ id: buildings.id, name: buildings.name, retiredAt: buildings.retiredAt })
    .from(buildings)
    .where(eq(buildings.communityId, communityId));
  const byId = new Map(bs.map((b) => [b.id, b]));
  const existing: Existing = { buildings: new Map(), households: new Map() };
  for (const b of bs) {
    const key = buildingKey(b.name);
    // Two buildings only a suffix apart ("3号" and "3号楼"): the file's row goes to the first.
    if (!existing.buildings.has(key)) existing.buildings.set(key, { id: b.id, name: b.name, retired: !!b.retiredAt });
  }
  const hs = await db.select(householdRowColumns).from(households).where(eq(households.communityId, communityId));
  for (const h of hs) {
    const building = byId.get(h.buildingId);
    if (!building) continue;
    // Only rows in the building a key maps to can match (the same rule the file's rows follow).
    if (existing.buildings.get(buildingKey(building.name))?.id !== h.buildingId) continue;
    const key = householdKey(building.name, h.unit, h.room);
    if (!existing.households.has(key)) {
      existing.households.set(key, {
        id: h.id,
        buildingId: h.buildingId,
        floorArea: h.floorArea,
        ownerOccupied: h.ownerOccupied,
        ownerKey: h.ownerKey,
        developerUnit: h.developerUnit,
        retired: !!h.retiredAt,
      });
    }
  }
  return existing;
}

interface Update {
  id: number;
  floorArea: number | null;
  ownerOccupied: boolean;
  ownerKey: string | null;
  developerUnit: boolean;
  revive: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

interface Plan {
  newBuildings: string[];
  reviveBuildings: number[];
  creates: RosterRow[];
  updates: Update[];
  unchanged: number;
}

function plan(rows: RosterRow[], existing: Existing): Plan {
  const newBuildings = new Map<string, string>();
  const reviveBuildings = new Set<number>();
  const creates: RosterRow[] = [];
  const updates: Update[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const bKey = buildingKey(row.building);
    const building = existing.buildings.get(bKey);
    if (!building && !newBuildings.has(bKey)) newBuildings.set(bKey, row.building);
    if (building?.retired) reviveBuildings.add(building.id);
    const current = building ? existing.households.get(householdKey(building.name, row.unit, row.room)) : undefined;
    if (!current) {
      creates.push(row);
      continue;
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (row.floorArea !== undefined && row.floorArea !== current.floorArea) {
      before.floorArea = current.floorArea;
      after.floorArea = row.floorArea;
    }
    if (row.ownerOccupied !== undefined && row.ownerOccupied !== current.ownerOccupied) {
      before.ownerOccupied = current.ownerOccupied;
      after.ownerOccupied = row.ownerOccupied;
    }
    if (row.ownerKey !== undefined && row.ownerKey !== current.ownerKey) {
      before.ownerKey = current.ownerKey;
      after.ownerKey = row.ownerKey;
    }
    if (row.developerUnit !== undefined && row.developerUnit !== current.developerUnit) {
      before.developerUnit = current.developerUnit;
      after.developerUnit = row.developerUnit;
    }
    // In the roster again: offered again.
    if (current.retired) {
      before.retired = true;
      after.retired = false;
    }
    if (Object.keys(after).length === 0) {
      unchanged++;
      continue;
    }
    updates.push({
      id: current.id,
      floorArea: row.floorArea ?? current.floorArea,
      ownerOccupied: row.ownerOccupied ?? current.ownerOccupied,
      ownerKey: row.ownerKey ?? current.ownerKey,
      developerUnit: row.developerUnit ?? current.developerUnit,
      revive: current.retired,
      before,
      after,
    });
  }
  return {
    newBuildings: [...newBuildings.values()],
    reviveBuildings: [...reviveBuildings],
    creates,
    updates,
    unchanged,
  };
}

function reply(
  step: 'preview' | 'commit',
  fileType: 'xlsx' | 'csv',
  rowCount: number,
  p: Plan,
  errors: RowError[],
  applied: boolean,
): ImportReply {
  const counts = {
    created: p.creates.length,
    updated: p.updates.length,
    unchanged: p.unchanged,
    buildingsCreated: p.newBuildings.length,
  };
  const nothing = counts.created === 0 && counts.updated === 0;
  let message: string;
  if (errors.length > 0) message = `有${errors.length}行填得不对，请改好后再导入（这次什么都没有改）`;
  else if (nothing) message = '名册和系统里的一样，没有需要更新的内容';
  else if (step === 'preview')
    message = `可以导入：新增${counts.created}户，更新${counts.updated}户，${counts.unchanged}户不变${counts.buildingsCreated ? `，新建${counts.buildingsCreated}栋楼` : ''}`;
  else
    message = `导入完成：新增${counts.created}户，更新${counts.updated}户，${counts.unchanged}户不变${counts.buildingsCreated ? `，新建${counts.buildingsCreated}栋楼` : ''}`;
  return { step, fileType, rows: rowCount, ...counts, errors, applied, message };
}

/** Rows per INSERT/UPDATE statement: well under PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function importRoster(
  ctx: ServiceContext,
  communityId: number,
  step: 'preview' | 'commit',
  file: Buffer,
): Promise<ImportReply> {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const sheet = await readSheet(file);
  const header = requireHeader(sheet.rows);
  const { rows, errors } = checkRows(sheet.rows, header);
  const rowCount = rows.length + errors.length;

  if (step === 'preview') {
    return reply(step, sheet.fileType, rowCount, plan(rows, await loadExisting(db, communityId)), errors, false);
  }
  if (errors.length > 0) {
    throw new AppError(
      'ROSTER_INVALID',
      reply(step, sheet.fileType, rowCount, emptyPlan, errors, false).message,
      errors,
    );
  }
  const sha256 = createHash('sha256').update(file).digest('hex');
  try {
    return await audited(ctx, 'roster.import', async (tx) => {
      // One import per community at a time; the plan is made from what this transaction sees.
      await tx.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK}, ${communityId})`);
      const p = plan(rows, await loadExisting(tx, communityId));
      const result = reply(step, sheet.fileType, rowCount, p, [], p.creates.length + p.updates.length > 0);
      if (!result.applied) return { result, audit: [] };
      await apply(tx, communityId, p);
      return {
        result,
        audit: {
          communityId,
          targetId: communityId,
          after: {
            sha256,
            fileType: sheet.fileType,
            rows: rowCount,
            created: p.creates.length,
            updated: p.updates.length,
            unchanged: p.unchanged,
            buildingsCreated: p.newBuildings,
            // What an update overwrote, so the log can tell what the values were.
            changes: p.updates.map((u) => ({ id: u.id, before: u.before, after: u.after })),
          },
        },
      };
    });
  } catch (error) {
    // A household or building added by hand at the same moment as the import.
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', '导入时有人同时添加了房屋，请再导入一次');
    throw error;
  }
}

/** The first key of the community's import lock (pg_advisory_xact_lock(int, int)). */
const ROSTER_LOCK = 0x726f73;

const emptyPlan: Plan = { newBuildings: [], reviveBuildings: [], creates: [], updates: [], unchanged: 0 };

async function apply(tx: Tx, communityId: number, p: Plan) {
  const buildingIds = new Map<string, number>();
  if (p.newBuildings.length > 0) {
    const made = await tx
      .insert(buildings)
      .values(p.newBuildings.map((name) => ({ communityId, name })))
      .returning({ id: buildings.id, name: buildings.name });
    for (const b of made) buildingIds.set(buildingKey(b.name), b.id);
  }
  if (p.reviveBuildings.length > 0) {
    await tx
      .update(buildings)
      .set({ retiredAt: null })
      .where(and(eq(buildings.communityId, communityId), inArray(buildings.id, p.reviveBuildings)));
  }
  const existingIds = new Map<string, number>();
  if (p.creates.length > 0) {
    const known = await tx
      .select({ id: buildings.id, name: buildings.name })
      .from(buildings)
      .where(eq(buildings.communityId, communityId));
    for (const b of known) if (!existingIds.has(buildingKey(b.name))) existingIds.set(buildingKey(b.name), b.id);
  }
  for (const part of chunks(p.creates)) {
    await tx.insert(households).values(
      part.map((r) => ({
        communityId,
        buildingId: buildingIds.get(buildingKey(r.building)) ?? (existingIds.get(buildingKey(r.building)) as number),
        unit: r.unit,
        room: r.room,
        floorArea: r.floorArea ?? null,
        ownerOccupied: r.ownerOccupied ?? false,
        ownerKey: r.ownerKey ?? null,
        developerUnit: r.developerUnit ?? false,
      })),
    );
  }
  for (const part of chunks(p.updates)) {
    const values = sql.join(
      part.map(
        (u) =>
          sql`(${u.id}::int, ${u.floorArea}::numeric, ${u.ownerOccupied}::boolean, ${u.ownerKey}::text, ${u.developerUnit}::boolean, ${u.revive}::boolean)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update ${households} set
        floor_area = v.area,
        owner_occupied = v.owner,
        owner_key = v.owner_key,
        developer_unit = v.developer,
        retired_at = case when v.revive then null else ${households.retiredAt} end
      from (values ${values}) as v(id, area, owner, owner_key, developer, revive)
      where ${households.id} = v.id and ${households.communityId} = ${communityId}`);
  }
}
