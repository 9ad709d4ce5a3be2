import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { buildings, households, voteElectors } from '../../db/schema';
import type { Tx } from '../../deps';
import { householdLabel, type VoteRow } from './access';

/** Non-retired households of non-retired buildings in the vote's scope. */
function inScope(vote: Pick<VoteRow, 'communityId' | 'buildingIds'>): SQL {
  const scoped = vote.buildingIds?.length ? inArray(households.buildingId, vote.buildingIds) : undefined;
  return and(
    eq(households.communityId, vote.communityId),
    isNull(households.retiredAt),
    isNull(buildings.retiredAt),
    scoped,
  ) as SQL;
}

/**
 * Fixes who may vote (docs/decisions/022-votes.md) in one INSERT … SELECT: a household per
 * row (household, owner) or an approved member per row (resident). An owners' vote needs the
 * floor area of every unit in scope, else 409 MISSING_FLOOR_AREA with how many and which.
 */
export async function snapshotElectorate(tx: Tx, vote: VoteRow): Promise<number> {
  if (vote.electorate === 'owner') {
    const missing = and(inScope(vote), isNull(households.floorArea));
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(households)
      .innerJoin(buildings, eq(buildings.id, households.buildingId))
      .where(missing);
    if (count > 0) {
      const examples = await tx
        .select({ label: householdLabel })
        .from(households)
        .innerJoin(buildings, eq(buildings.id, households.buildingId))
        .where(missing)
        .orderBy(asc(buildings.sort), asc(buildings.name), asc(households.unit), asc(households.room))
        .limit(5);
      throw new AppError('MISSING_FLOOR_AREA', `有${count}户没有登记面积，请先补全再发起业主投票`, {
        count,
        examples: examples.map((e) => e.label),
      });
    }
  }
  const where = inScope(vote);
  if (vote.electorate === 'resident') {
    await tx.execute(sql`
      insert into ${voteElectors} (vote_id, household_id, user_id, building_id, head_key)
      select ${vote.id}, m.household_id, m.user_id, ${households.buildingId}, 'u:' || m.user_id
      from memberships m
      join ${households} on ${households.id} = m.household_id
      join ${buildings} on ${buildings.id} = ${households.buildingId}
      where m.community_id = ${vote.communityId} and m.status = 'approved'
        and m.role in ('resident', 'moderator') and ${where}`);
  } else {
    const owner = vote.electorate === 'owner';
    const area = owner ? sql`${households.floorArea}` : sql`null`;
    const headKey = owner
      ? sql`case when ${households.developerUnit} then 'dev'
          when ${households.ownerKey} is not null then 'o:' || ${households.ownerKey}
          else 'h:' || ${households.id} end`
      : sql`'h:' || ${households.id}`;
    await tx.execute(sql`
      insert into ${voteElectors} (vote_id, household_id, building_id, area, head_key)
      select ${vote.id}, ${households.id}, ${households.buildingId}, ${area}, ${headKey}
      from ${households}
      join ${buildings} on ${buildings.id} = ${households.buildingId}
      where ${where}`);
  }
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(voteElectors)
    .where(eq(voteElectors.voteId, vote.id));
  return n;
}
