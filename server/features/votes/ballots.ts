import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BallotChannel } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { ballotChanges, ballots, uploads, voteElectors, voteOptions } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { attachUploads } from '../../platform/files';
import { castTarget, requireOpen, requireParticipant, requireStaff, requireVote, type VoteRow } from './access';
import { electorRows } from './electors';
import { voteDetailFor } from './views';

/** The options must be the vote's own, one for single and motion, at most maxChoices for multiple. */
async function checkOptions(tx: Tx, vote: VoteRow, optionIds: number[]): Promise<number[]> {
  const own = await tx
    .select({ id: voteOptions.id })
    .from(voteOptions)
    .where(and(eq(voteOptions.voteId, vote.id), inArray(voteOptions.id, optionIds)));
  if (own.length !== optionIds.length) throw new AppError('BALLOT_INVALID', '选项不对，请刷新后重新选择');
  if (vote.kind !== 'multiple' && optionIds.length !== 1) throw new AppError('BALLOT_INVALID', '这次投票只能选一项');
  if (optionIds.length > vote.maxChoices) throw new AppError('BALLOT_INVALID', `最多只能选${vote.maxChoices}项`);
  return [...optionIds].sort((a, b) => a - b);
}

interface Cast {
  electorId: number;
  optionIds: number[];
  channel: BallotChannel;
  castBy: number | null;
  proxyId: number | null;
  paper?: { recordedBy: number; signer: string; signedOn: string; uploadId: number };
}

/**
 * The one write of a ballot: upsert on (vote, elector) bumping the version, and the version
 * appended to ballot_changes, in the caller's transaction (which holds the vote row).
 */
async function writeBallot(tx: Tx, vote: VoteRow, cast: Cast, now: Date) {
  const paper = {
    recordedBy: cast.paper?.recordedBy ?? null,
    paperSigner: cast.paper?.signer ?? null,
    paperSignedOn: cast.paper?.signedOn ?? null,
    paperUploadId: cast.paper?.uploadId ?? null,
  };
  const [b] = await tx
    .insert(ballots)
    .values({
      voteId: vote.id,
      electorId: cast.electorId,
      optionIds: cast.optionIds,
      channel: cast.channel,
      castBy: cast.castBy,
      proxyId: cast.proxyId,
      ...paper,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [ballots.voteId, ballots.electorId],
      set: {
        optionIds: cast.optionIds,
        channel: cast.channel,
        castBy: cast.castBy,
        proxyId: cast.proxyId,
        ...paper,
        version: sql`${ballots.version} + 1`,
        updatedAt: now,
      },
    })
    .returning();
  await tx.insert(ballotChanges).values({
    ballotId: b.id,
    version: b.version,
    optionIds: cast.optionIds,
    channel: cast.channel,
    castBy: cast.castBy,
    recordedBy: paper.recordedBy,
    at: now,
  });
  return b;
}

/**
 * Casts or changes a ballot (own household, or as a delegate with electorId). The vote row
 * is held FOR SHARE so the close cannot freeze a result while a ballot is being written;
 * not audited (ballot_changes is the record; the audit log must not hold choices).
 */
export async function castBallot(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  input: { optionIds: number[]; electorId?: number },
) {
  await requireParticipant(ctx, communityId);
  await ctx.deps.database.db.transaction(async (tx) => {
    const vote = await requireVote(tx, communityId, voteId, 'share');
    requireOpen(vote, ctx.deps.clock());
    const target = await castTarget(tx, vote, ctx.actor.userId, input.electorId);
    const optionIds = await checkOptions(tx, vote, input.optionIds);
    // The clock again after the checks: a ballot written after the close is refused.
    const now = ctx.deps.clock();
    requireOpen(vote, now);
    await writeBallot(
      tx,
      vote,
      {
        electorId: target.elector.id,
        optionIds,
        channel: target.proxyId === null ? 'self' : 'proxy',
        castBy: ctx.actor.userId,
        proxyId: target.proxyId,
      },
      now,
    );
  });
  return voteDetailFor(ctx, communityId, voteId);
}

/** A staff upload of the community, taken into the vote (kept private). */
export async function takeStaffUpload(tx: Tx, communityId: number, uploadId: number, userId: number, now: Date) {
  const [u] = await tx
    .select({ id: uploads.id, by: uploads.uploadedBy })
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.communityId, communityId)));
  if (!u || u.by !== userId) throw new AppError('NOT_FOUND', '没有找到这张照片，请重新上传');
  await attachUploads(tx, { communityId, ids: [uploadId], isPublic: false, now });
}

/** 代录: staff record a paper ballot for an elector, marked paper with the recorder. */
export async function recordPaperBallot(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  input: { electorId: number; optionIds: number[]; signer: string; signedOn: string; uploadId: number },
) {
  await requireStaff(ctx, communityId);
  await audited(ctx, 'vote.paper_ballot', async (tx) => {
    const vote = await requireVote(tx, communityId, voteId, 'share');
    requireOpen(vote, ctx.deps.clock());
    const [elector] = await tx
      .select()
      .from(voteElectors)
      .where(and(eq(voteElectors.id, input.electorId), eq(voteElectors.voteId, vote.id)));
    if (!elector) throw new AppError('NOT_FOUND', '这户不在这次投票的范围内');
    const optionIds = await checkOptions(tx, vote, input.optionIds);
    const now = ctx.deps.clock();
    requireOpen(vote, now);
    await takeStaffUpload(tx, communityId, input.uploadId, ctx.actor.userId, now);
    const b = await writeBallot(
      tx,
      vote,
      {
        electorId: elector.id,
        optionIds,
        channel: 'paper',
        castBy: null,
        proxyId: null,
        paper: {
          recordedBy: ctx.actor.userId,
          signer: input.signer,
          signedOn: input.signedOn,
          uploadId: input.uploadId,
        },
      },
      now,
    );
    return {
      result: null,
      audit: {
        communityId,
        targetId: vote.id,
        after: {
          householdId: elector.householdId,
          electorId: elector.id,
          version: b.version,
          signedOn: input.signedOn,
          ...(vote.anonymous ? {} : { optionIds }),
        },
      },
    };
  });
  const { items } = await electorRows(ctx.deps.database.db, voteId, { electorIds: [input.electorId] });
  return items[0];
}

/** 送达: proof that ballots were served on these electors (silent-majority votes only). */
export async function recordService(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  input: { electorIds: number[]; note: string; uploadId?: number },
) {
  await requireStaff(ctx, communityId);
  return audited(ctx, 'vote.service', async (tx) => {
    const vote = await requireVote(tx, communityId, voteId, 'share');
    const now = ctx.deps.clock();
    requireOpen(vote, now);
    if (!vote.silentMajority) throw new AppError('INVALID_STATE', '这次投票不适用“送达后未表态按多数计”的规则');
    if (input.uploadId !== undefined) await takeStaffUpload(tx, communityId, input.uploadId, ctx.actor.userId, now);
    const served = await tx
      .update(voteElectors)
      .set({ servedAt: now, servedNote: input.note, servedUploadId: input.uploadId ?? null })
      .where(and(eq(voteElectors.voteId, vote.id), inArray(voteElectors.id, input.electorIds)))
      .returning({ id: voteElectors.id });
    if (served.length !== new Set(input.electorIds).size) throw new AppError('NOT_FOUND', '有住户不在这次投票的范围内');
    return {
      result: { served: served.length },
      audit: { communityId, targetId: vote.id, after: { served: served.length, note: input.note } },
    };
  });
}
