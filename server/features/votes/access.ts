import { and, eq, sql } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, households, memberships, voteElectors, voteProxies, votes } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';

export type VoteRow = typeof votes.$inferSelect;
export type ElectorRow = typeof voteElectors.$inferSelect;

/** 3号楼 2单元 301: how an elector (and a household) is named everywhere, never by a person's name. */
export const householdLabel = sql<string>`concat_ws(' ', ${buildings.name}, ${households.unit}, ${households.room})`;

/** A resident (or moderator) taking part in the community's 议事厅. */
export async function requireParticipant(ctx: SignedIn, communityId: number): Promise<void> {
  requireAllowed(ctx.actor, 'take-part:agora', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
}

/** The committee's staff of the community. */
export async function requireStaff(ctx: SignedIn, communityId: number): Promise<void> {
  requireAllowed(ctx.actor, 'moderate:agora', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
}

/** A vote of the community (404 for another community's), optionally locked. */
export async function requireVote(
  tx: Tx,
  communityId: number,
  voteId: number,
  lock?: 'share' | 'update',
): Promise<VoteRow> {
  const q = tx
    .select()
    .from(votes)
    .where(and(eq(votes.id, voteId), eq(votes.communityId, communityId)));
  const [v] = lock ? await q.for(lock) : await q;
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

/** Refuses writes unless the vote is open and its close (server time, ms) is still ahead. */
export function requireOpen(vote: VoteRow, now: Date): void {
  if (vote.status === 'draft') throw new AppError('VOTE_NOT_OPEN');
  if (vote.status !== 'open' || now.getTime() >= vote.closesAt.getTime()) throw new AppError('VOTE_CLOSED');
}

/** The caller's approved membership in the community: household and whether it is owner-occupied. */
export async function membershipOf(tx: Tx, userId: number, communityId: number) {
  const [m] = await tx
    .select({ householdId: memberships.householdId, ownerOccupied: households.ownerOccupied })
    .from(memberships)
    .leftJoin(households, eq(households.id, memberships.householdId))
    .where(
      and(eq(memberships.userId, userId), eq(memberships.communityId, communityId), eq(memberships.status, 'approved')),
    );
  return m ?? null;
}

const OWNERS_ONLY = '业主投票只能由自住业主在网上投，出租的房屋请业主用“委托投票”或纸质票（居委会代录）';
const NOT_IN_SCOPE = '这次投票您家不在投票范围内';

/** The caller's own elector (their household or themselves), or why they may not vote. */
export async function ownElector(
  tx: Tx,
  vote: VoteRow,
  userId: number,
): Promise<{ elector: ElectorRow; reason: null } | { elector: null; reason: string }> {
  if (vote.electorate === 'resident') {
    const [e] = await tx
      .select()
      .from(voteElectors)
      .where(and(eq(voteElectors.voteId, vote.id), eq(voteElectors.userId, userId)));
    return e ? { elector: e, reason: null } : { elector: null, reason: NOT_IN_SCOPE };
  }
  const m = await membershipOf(tx, userId, vote.communityId);
  if (!m?.householdId) return { elector: null, reason: NOT_IN_SCOPE };
  const [e] = await tx
    .select()
    .from(voteElectors)
    .where(and(eq(voteElectors.voteId, vote.id), eq(voteElectors.householdId, m.householdId)));
  if (!e) return { elector: null, reason: NOT_IN_SCOPE };
  if (vote.electorate === 'owner' && !m.ownerOccupied) return { elector: null, reason: OWNERS_ONLY };
  return { elector: e, reason: null };
}

/**
 * Whom a cast is for: the caller's own elector, or (electorId given) a household that made
 * the caller its delegate with an active proxy. NOT_ELIGIBLE otherwise.
 */
export async function castTarget(
  tx: Tx,
  vote: VoteRow,
  userId: number,
  electorId: number | undefined,
): Promise<{ elector: ElectorRow; proxyId: number | null }> {
  if (electorId !== undefined) {
    const [p] = await tx
      .select({ elector: voteElectors, proxyId: voteProxies.id })
      .from(voteProxies)
      .innerJoin(voteElectors, eq(voteElectors.id, voteProxies.electorId))
      .where(
        and(
          eq(voteProxies.voteId, vote.id),
          eq(voteProxies.electorId, electorId),
          eq(voteProxies.delegateId, userId),
          eq(voteProxies.status, 'active'),
        ),
      );
    if (p) return p;
  }
  const own = await ownElector(tx, vote, userId);
  if (!own.elector) throw new AppError('NOT_ELIGIBLE', own.reason);
  if (electorId !== undefined && own.elector.id !== electorId)
    throw new AppError('NOT_ELIGIBLE', '您不是这户的受托人，不能替这户投票');
  return { elector: own.elector, proxyId: null };
}
