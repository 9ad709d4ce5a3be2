import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RouteContract } from '../../../shared/contracts/route';
import type * as c from '../../../shared/contracts/votes';
import { motionRoleLabels, motionRoles } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { agoraSettings, buildings, topics, voteOptions, votes } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { applyTopicMove } from '../topics/stages';
import { requireStaff, requireVote, type VoteRow } from './access';
import { snapshotElectorate } from './electorate';
import { voteDetailFor } from './views';

type BodyOut<C> = C extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.infer<B> : never;
type CreateInput = BodyOut<typeof c.createVote>;

/** Opens a vote: the electorate is fixed now and its topic moves to 投票中. */
export async function openVote(tx: Tx, vote: VoteRow, actorId: number | null, now: Date): Promise<VoteRow> {
  const [opened] = await tx
    .update(votes)
    .set({ status: 'open', opensAt: vote.opensAt ?? now, updatedAt: now })
    .where(and(eq(votes.id, vote.id), eq(votes.status, 'draft')))
    .returning();
  if (!opened) throw new AppError('INVALID_STATE');
  await snapshotElectorate(tx, opened);
  if (opened.topicId !== null) {
    const [topic] = await tx.select().from(topics).where(eq(topics.id, opened.topicId)).for('update');
    await applyTopicMove(
      tx,
      topic,
      'vote_open',
      'vote',
      { actorId, role: actorId === null ? 'system' : 'moderator' },
      now,
      { refId: opened.id, set: { voteId: opened.id } },
    );
  }
  return opened;
}

export async function createVote(ctx: SignedIn, communityId: number, input: CreateInput) {
  await requireStaff(ctx, communityId);
  const voteId = await audited(ctx, 'vote.create', async (tx) => {
    const now = ctx.deps.clock();
    if (input.topicId !== undefined) {
      const [topic] = await tx
        .select({ stage: topics.stage })
        .from(topics)
        .where(and(eq(topics.id, input.topicId), eq(topics.communityId, communityId)));
      if (!topic) throw new AppError('NOT_FOUND', '没有找到这个议题');
      if (topic.stage !== 'discussing') throw new AppError('INVALID_STATE', '只有议事中的议题可以发起投票');
    }
    const buildingIds = input.buildingIds?.length ? [...new Set(input.buildingIds)].sort((a, b) => a - b) : null;
    if (buildingIds) {
      const found = await tx
        .select({ id: buildings.id })
        .from(buildings)
        .where(and(eq(buildings.communityId, communityId), inArray(buildings.id, buildingIds)));
      if (found.length !== buildingIds.length) throw new AppError('NOT_FOUND', '有楼栋不属于本社区');
    }
    const owners278 = input.electorate === 'owner' && (input.rule === 'civil_278' || input.rule === 'civil_278_major');
    const [settings] = owners278
      ? await tx.select().from(agoraSettings).where(eq(agoraSettings.communityId, communityId))
      : [];
    const opensAt = input.opensAt ? new Date(input.opensAt) : null;
    const later = opensAt !== null && opensAt.getTime() > now.getTime();
    const [draft] = await tx
      .insert(votes)
      .values({
        communityId,
        topicId: input.topicId ?? null,
        title: input.title,
        description: input.description ?? null,
        kind: input.kind,
        maxChoices: input.kind === 'multiple' ? input.maxChoices : 1,
        electorate: input.electorate,
        rule: input.rule,
        quorumPercent: input.rule === 'quorum' ? (input.quorumPercent ?? null) : null,
        civilItem: input.civilItem ?? null,
        buildingIds,
        resultsShown: input.resultsShown,
        anonymous: input.anonymous,
        proxyCap: input.proxyCap,
        silentMajority: settings?.silentMajority ?? false,
        silentMajorityBasis: settings?.silentMajority ? settings.silentMajorityBasis : null,
        status: 'draft',
        opensAt: later ? opensAt : null,
        closesAt: new Date(input.closesAt),
        createdBy: ctx.actor.operator ? null : ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const labels =
      input.kind === 'motion'
        ? motionRoles.map((r) => ({ label: motionRoleLabels[r], motionRole: r }))
        : input.options.map((label) => ({ label, motionRole: null }));
    await tx
      .insert(voteOptions)
      .values(labels.map((o, i) => ({ voteId: draft.id, position: i, label: o.label, motionRole: o.motionRole })));
    const vote = later ? draft : await openVote(tx, draft, ctx.actor.operator ? null : ctx.actor.userId, now);
    return {
      result: vote.id,
      audit: {
        communityId,
        targetId: vote.id,
        after: {
          title: vote.title,
          topicId: vote.topicId,
          electorate: vote.electorate,
          rule: vote.rule,
          status: vote.status,
          buildingIds: vote.buildingIds,
          anonymous: vote.anonymous,
          closesAt: vote.closesAt.toISOString(),
        },
      },
    };
  });
  return voteDetailFor(ctx, communityId, voteId);
}

export async function cancelVote(ctx: SignedIn, communityId: number, voteId: number, reason: string) {
  await requireStaff(ctx, communityId);
  await audited(ctx, 'vote.cancel', async (tx) => {
    const now = ctx.deps.clock();
    const vote = await requireVote(tx, communityId, voteId, 'update');
    if (vote.status !== 'open' && vote.status !== 'draft')
      throw new AppError('INVALID_STATE', '只有未开始或进行中的投票可以取消');
    await tx.update(votes).set({ status: 'cancelled', updatedAt: now }).where(eq(votes.id, voteId));
    if (vote.topicId !== null && vote.status === 'open') {
      const [topic] = await tx.select().from(topics).where(eq(topics.id, vote.topicId)).for('update');
      if (topic.stage === 'voting' && topic.voteId === vote.id)
        await applyTopicMove(tx, topic, 'vote_cancel', 'vote', { actorId: ctx.actor.userId, role: 'moderator' }, now, {
          note: reason,
          refId: vote.id,
        });
    }
    return {
      result: null,
      audit: { communityId, targetId: voteId, before: { status: vote.status }, after: { status: 'cancelled', reason } },
    };
  });
  return voteDetailFor(ctx, communityId, voteId);
}
