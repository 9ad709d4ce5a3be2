import { asc, eq, sql } from 'drizzle-orm';
import { tally } from '../../../shared/domain/tally';
import type { TallyInput, TallyResult } from '../../../shared/domain/tally-types';
import { ballots, voteElectors, voteOptions } from '../../db/schema';
import type { Tx } from '../../deps';
import type { VoteRow } from './access';

/** m² with two decimals → integer centi-m² (the tally never sees a float). */
export const centi = (area: number | null): number => (area === null ? 0 : Math.round(area * 100));

export async function voteOptionsOf(tx: Tx, voteId: number) {
  return tx
    .select({ id: voteOptions.id, label: voteOptions.label, motionRole: voteOptions.motionRole })
    .from(voteOptions)
    .where(eq(voteOptions.voteId, voteId))
    .orderBy(asc(voteOptions.position));
}

/** Everything the tally needs, read in the caller's transaction. */
export async function tallyInputOf(tx: Tx, vote: VoteRow): Promise<TallyInput> {
  const [options, electors, cast] = await Promise.all([
    voteOptionsOf(tx, vote.id),
    tx
      .select({
        id: voteElectors.id,
        buildingId: voteElectors.buildingId,
        // Exact: numeric(10,2) × 100 as an integer in SQL.
        areaCenti: sql<number>`coalesce((${voteElectors.area} * 100)::int, 0)`,
        headKey: voteElectors.headKey,
        served: sql<boolean>`${voteElectors.servedAt} is not null`,
      })
      .from(voteElectors)
      .where(eq(voteElectors.voteId, vote.id)),
    tx
      .select({ electorId: ballots.electorId, optionIds: ballots.optionIds, channel: ballots.channel })
      .from(ballots)
      .where(eq(ballots.voteId, vote.id)),
  ]);
  return {
    kind: vote.kind,
    rule: vote.rule,
    quorumPercent: vote.quorumPercent,
    maxChoices: vote.maxChoices,
    options,
    electors: electors.map((e) => ({ ...e, areaCenti: Number(e.areaCenti) })),
    ballots: cast,
    silentMajority: vote.silentMajority,
  };
}

export async function tallyOf(tx: Tx, vote: VoteRow): Promise<TallyResult> {
  return tally(await tallyInputOf(tx, vote));
}
