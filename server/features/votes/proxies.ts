import { createHash, randomInt } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { SignedIn } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { ballots, buildings, households, uploads, voteElectors, voteProxies, votes } from '../../db/schema';
import { attachUploads } from '../../platform/files';
import { householdLabel, membershipOf, ownElector, requireOpen, requireParticipant, requireVote } from './access';

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export const proxyCodeHash = (code: string) => createHash('sha256').update(code.toUpperCase()).digest('hex');

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_CHARS[randomInt(CODE_CHARS.length)];
  return code;
}

/**
 * 委托投票: a member of the elector's household (an owner-occupied one for owners' votes)
 * uploads the signed authorisation and gets a 委托码, shown once (only its hash is kept).
 */
export async function grantProxy(ctx: SignedIn, communityId: number, voteId: number, uploadId: number) {
  await requireParticipant(ctx, communityId);
  const userId = ctx.actor.userId;
  const code = newCode();
  try {
    return await ctx.deps.database.db.transaction(async (tx) => {
      const vote = await requireVote(tx, communityId, voteId, 'share');
      const now = ctx.deps.clock();
      requireOpen(vote, now);
      if (vote.proxyCap === 0) throw new AppError('INVALID_STATE', '这次投票不接受委托');
      const own = await ownElector(tx, vote, userId);
      if (!own.elector) throw new AppError('NOT_ELIGIBLE', own.reason);
      const [u] = await tx
        .select({ by: uploads.uploadedBy })
        .from(uploads)
        .where(and(eq(uploads.id, uploadId), eq(uploads.communityId, communityId)));
      if (!u || u.by !== userId) throw new AppError('NOT_FOUND', '没有找到委托书照片，请重新上传');
      await attachUploads(tx, { communityId, ids: [uploadId], isPublic: false, now });
      const [p] = await tx
        .insert(voteProxies)
        .values({
          voteId: vote.id,
          electorId: own.elector.id,
          grantorId: userId,
          codeHash: proxyCodeHash(code),
          uploadId,
          createdAt: now,
        })
        .returning();
      return { id: p.id, code, status: p.status };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', '您家已经委托过了，如需换人请先撤销');
    throw error;
  }
}

/** The delegate enters the code; at most vote.proxyCap active proxies per delegate (vote row locked). */
export async function acceptProxy(ctx: SignedIn, communityId: number, code: string) {
  await requireParticipant(ctx, communityId);
  const userId = ctx.actor.userId;
  return ctx.deps.database.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ proxy: voteProxies, label: householdLabel, householdId: voteElectors.householdId })
      .from(voteProxies)
      .innerJoin(votes, eq(votes.id, voteProxies.voteId))
      .innerJoin(voteElectors, eq(voteElectors.id, voteProxies.electorId))
      .leftJoin(households, eq(households.id, voteElectors.householdId))
      .leftJoin(buildings, eq(buildings.id, households.buildingId))
      .where(and(eq(voteProxies.codeHash, proxyCodeHash(code)), eq(votes.communityId, communityId)));
    if (found?.proxy.status !== 'pending')
      throw new AppError('INVALID_STATE', '委托码不对或已经用过了，请核对后再输入');
    // The vote row FOR UPDATE: concurrent accepts for one vote count one after another.
    const vote = await requireVote(tx, communityId, found.proxy.voteId, 'update');
    const now = ctx.deps.clock();
    requireOpen(vote, now);
    if (vote.proxyCap === 0) throw new AppError('INVALID_STATE', '这次投票不接受委托');
    const m = await membershipOf(tx, userId, communityId);
    if (found.proxy.grantorId === userId || (m?.householdId && m.householdId === found.householdId))
      throw new AppError('INVALID_STATE', '不能委托给同一户的人，家里人直接投票就可以');
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(voteProxies)
      .where(
        and(eq(voteProxies.voteId, vote.id), eq(voteProxies.delegateId, userId), eq(voteProxies.status, 'active')),
      );
    if (n >= vote.proxyCap) throw new AppError('PROXY_LIMIT', `每人最多替${vote.proxyCap}户投票`);
    const [p] = await tx
      .update(voteProxies)
      .set({ delegateId: userId, status: 'active', acceptedAt: now })
      .where(and(eq(voteProxies.id, found.proxy.id), eq(voteProxies.status, 'pending')))
      .returning();
    if (!p) throw new AppError('INVALID_STATE', '委托码不对或已经用过了，请核对后再输入');
    return { voteId: vote.id, electorId: p.electorId, householdLabel: found.label ?? '' };
  });
}

/** The household revokes its live proxy, until the delegate has voted with it. */
export async function revokeProxy(ctx: SignedIn, communityId: number, voteId: number) {
  await requireParticipant(ctx, communityId);
  await ctx.deps.database.db.transaction(async (tx) => {
    const vote = await requireVote(tx, communityId, voteId, 'update');
    requireOpen(vote, ctx.deps.clock());
    const own = await ownElector(tx, vote, ctx.actor.userId);
    if (!own.elector) throw new AppError('NOT_FOUND');
    const [p] = await tx
      .select()
      .from(voteProxies)
      .where(
        and(
          eq(voteProxies.voteId, vote.id),
          eq(voteProxies.electorId, own.elector.id),
          ne(voteProxies.status, 'revoked'),
        ),
      );
    if (!p) throw new AppError('NOT_FOUND', '您家没有委托');
    const [used] = await tx.select({ id: ballots.id }).from(ballots).where(eq(ballots.proxyId, p.id));
    if (used) throw new AppError('PROXY_USED');
    await tx
      .update(voteProxies)
      .set({ status: 'revoked', revokedAt: ctx.deps.clock() })
      .where(eq(voteProxies.id, p.id));
  });
  return null;
}
