import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { ballotChanges, ballots, voteGroupSightings, voteOptions, voteProxies, votes } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/**
 * Votes keep counting after an account is deleted (the ballot belongs to the household and
 * the result): deletion removes who cast them (cast_by), not the ballots. The copy shows
 * what the person cast, anonymous votes included: it is their own choice.
 */
export const voteBallotChangeData: PersonalData<MyData['voteBallots']> = {
  table: ballotChanges,
  columns: [ballotChanges.castBy, ballotChanges.recordedBy],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        voteId: ballots.voteId,
        voteTitle: votes.title,
        optionIds: ballotChanges.optionIds,
        channel: ballotChanges.channel,
        version: ballotChanges.version,
        at: ballotChanges.at,
      })
      .from(ballotChanges)
      .innerJoin(ballots, eq(ballots.id, ballotChanges.ballotId))
      .innerJoin(votes, eq(votes.id, ballots.voteId))
      .where(eq(ballotChanges.castBy, ctx.actor.userId))
      .orderBy(desc(ballotChanges.id));
    const ids = [...new Set(rows.flatMap((r) => r.optionIds))];
    const labels = ids.length
      ? await db
          .select({ id: voteOptions.id, label: voteOptions.label })
          .from(voteOptions)
          .where(inArray(voteOptions.id, ids))
      : [];
    const labelOf = new Map(labels.map((l) => [l.id, l.label]));
    return rows.map((r) => ({
      voteTitle: r.voteTitle,
      choices: r.optionIds.map((id) => labelOf.get(id) ?? ''),
      channel: r.channel,
      version: r.version,
      at: r.at.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.update(ballotChanges).set({ castBy: null }).where(eq(ballotChanges.castBy, ctx.actor.userId));
    return [];
  },
};

export const voteBallotData: PersonalData<MyData['voteCurrentBallots']> = {
  table: ballots,
  columns: [ballots.castBy, ballots.recordedBy],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ voteTitle: votes.title, channel: ballots.channel, updatedAt: ballots.updatedAt })
      .from(ballots)
      .innerJoin(votes, eq(votes.id, ballots.voteId))
      .where(eq(ballots.castBy, ctx.actor.userId))
      .orderBy(desc(ballots.id));
    return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
  },
  async erase(tx, ctx) {
    await tx.update(ballots).set({ castBy: null }).where(eq(ballots.castBy, ctx.actor.userId));
    return [];
  },
};

/** 委托: live proxies to or from the person end (revoked); the rows forget who they were. */
export const voteProxyData: PersonalData<MyData['voteProxies']> = {
  table: voteProxies,
  columns: [voteProxies.grantorId, voteProxies.delegateId],
  async exportFor(db, ctx) {
    const me = ctx.actor.userId;
    const rows = await db
      .select({
        voteTitle: votes.title,
        grantorId: voteProxies.grantorId,
        status: voteProxies.status,
        createdAt: voteProxies.createdAt,
      })
      .from(voteProxies)
      .innerJoin(votes, eq(votes.id, voteProxies.voteId))
      .where(or(eq(voteProxies.grantorId, me), eq(voteProxies.delegateId, me)))
      .orderBy(desc(voteProxies.id));
    return rows.map((r) => ({
      voteTitle: r.voteTitle,
      role: r.grantorId === me ? ('grantor' as const) : ('delegate' as const),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx, now) {
    const me = ctx.actor.userId;
    await tx
      .update(voteProxies)
      .set({ status: 'revoked', revokedAt: now })
      .where(
        and(
          or(eq(voteProxies.grantorId, me), eq(voteProxies.delegateId, me)),
          inArray(voteProxies.status, ['pending', 'active']),
        ),
      );
    await tx.update(voteProxies).set({ grantorId: null }).where(eq(voteProxies.grantorId, me));
    await tx.update(voteProxies).set({ delegateId: null }).where(eq(voteProxies.delegateId, me));
    return [];
  },
};

export const voteGroupSightingData: PersonalData<MyData['voteGroupSightings']> = {
  table: voteGroupSightings,
  columns: [voteGroupSightings.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ voteTitle: votes.title, seenAt: voteGroupSightings.seenAt })
      .from(voteGroupSightings)
      .innerJoin(votes, eq(votes.id, voteGroupSightings.voteId))
      .where(eq(voteGroupSightings.userId, ctx.actor.userId));
    return rows.map((r) => ({ voteTitle: r.voteTitle, seenAt: r.seenAt.toISOString() }));
  },
  async erase(tx, ctx) {
    await tx.delete(voteGroupSightings).where(eq(voteGroupSightings.userId, ctx.actor.userId));
    return [];
  },
};
