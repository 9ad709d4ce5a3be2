import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { SignedIn } from '../../core/context';
import { ballots, buildings, households, voteElectors, voteProxies } from '../../db/schema';
import type { Tx } from '../../deps';
import { householdLabel, requireStaff, requireVote } from './access';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The staff list of electors: whether and how they voted, never what. */
export async function electorRows(
  db: Tx,
  voteId: number,
  f: { buildingId?: number; voted?: boolean; electorIds?: number[]; limit?: number; offset?: number },
) {
  const rows = await db
    .select({
      electorId: voteElectors.id,
      label: householdLabel,
      buildingId: voteElectors.buildingId,
      area: voteElectors.area,
      channel: ballots.channel,
      servedAt: voteElectors.servedAt,
      hasProxy: sql<boolean>`exists (select 1 from ${voteProxies} where ${voteProxies.electorId} = ${voteElectors.id} and ${voteProxies.status} <> 'revoked')`,
      total: sql<number>`count(*) over ()`,
    })
    .from(voteElectors)
    .leftJoin(households, eq(households.id, voteElectors.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(ballots, eq(ballots.electorId, voteElectors.id))
    .where(
      and(
        eq(voteElectors.voteId, voteId),
        f.buildingId ? eq(voteElectors.buildingId, f.buildingId) : undefined,
        f.voted === undefined ? undefined : f.voted ? sql`${ballots.id} is not null` : sql`${ballots.id} is null`,
        f.electorIds ? inArray(voteElectors.id, f.electorIds) : undefined,
      ),
    )
    .orderBy(asc(buildings.sort), asc(buildings.name), asc(households.unit), asc(households.room), asc(voteElectors.id))
    .limit(f.limit ?? 100_000)
    .offset(f.offset ?? 0);
  return {
    items: rows.map((r) => ({
      electorId: r.electorId,
      label: r.label ?? '',
      buildingId: r.buildingId,
      area: r.area,
      voted: r.channel !== null,
      channel: r.channel,
      servedAt: iso(r.servedAt),
      hasProxy: Boolean(r.hasProxy),
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}

export async function listElectors(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  q: { buildingId?: number; voted?: boolean; limit: number; offset: number },
) {
  await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  await requireVote(db, communityId, voteId);
  const r = await electorRows(db, voteId, q);
  if (r.items.length === 0 && q.offset > 0) {
    const all = await electorRows(db, voteId, { ...q, limit: 1, offset: 0 });
    return { items: [], total: all.total };
  }
  return r;
}
