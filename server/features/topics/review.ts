import { and, count, eq } from 'drizzle-orm';
import type {
  createCommitteeTopic as createContract,
  editTopicText as editContract,
  reviewTopic as reviewContract,
  TopicDetail,
} from '../../../shared/contracts/topics';
import { moderatorMoveTo } from '../../../shared/domain/topic-stages';
import type { TopicStage } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { topicCosigns, topicEvents, topics } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { type BodyOut, type Member, requireStaff, staffTopic, type TopicRow } from './access';
import { authorAndCosigners, participants, stageWord, tellUsers } from './notify';
import { attachTopicPhotos, rulesOf } from './propose';
import { applyTopicMove, setTopicStage } from './stages';
import { detailView, isFinal } from './views';

/** 审 and the committee's own moves (docs/decisions/021-agora.md). */

const DAY_MS = 86_400_000;
const staffViewer = (userId: number): Member => ({ userId, staff: true, householdId: null });
const moderator = (userId: number) => ({ actorId: userId, role: 'moderator' as const });

type ReviewInput = BodyOut<typeof reviewContract>;

async function mergeTarget(tx: Tx, t: TopicRow, intoId: number) {
  if (intoId === t.id) throw new AppError('INVALID_STATE', '不能合并到它自己');
  const [target] = await tx
    .select()
    .from(topics)
    .where(and(eq(topics.id, intoId), eq(topics.communityId, t.communityId)))
    .for('update');
  if (!target) throw new AppError('NOT_FOUND', '要合并到的议题不存在');
  if (isFinal(target)) throw new AppError('INVALID_STATE', '要合并到的议题已经结束了');
  return target;
}

/** Carries the merged topic's co-signers (and its author's household) over to the target, recounted. */
async function carryCosigners(tx: Tx, from: TopicRow, target: TopicRow, userId: number, now: Date) {
  const rows = await tx.select().from(topicCosigns).where(eq(topicCosigns.topicId, from.id));
  const carried = rows
    .filter((c) => c.householdId !== target.householdId)
    .map((c) => ({ topicId: target.id, householdId: c.householdId, userId: c.userId, createdAt: c.createdAt }));
  if (from.householdId !== null && from.householdId !== target.householdId)
    carried.push({
      topicId: target.id,
      householdId: from.householdId,
      userId: from.authorId,
      createdAt: from.createdAt,
    });
  if (carried.length > 0) await tx.insert(topicCosigns).values(carried).onConflictDoNothing();
  const [{ n }] = await tx.select({ n: count() }).from(topicCosigns).where(eq(topicCosigns.topicId, target.id));
  let [updated] = await tx
    .update(topics)
    .set({ cosignCount: n, updatedAt: now })
    .where(eq(topics.id, target.id))
    .returning();
  await tx.insert(topicEvents).values({
    topicId: target.id,
    kind: 'merged_in',
    actorId: userId,
    actorRole: 'moderator',
    note: from.title,
    refId: from.id,
    at: now,
  });
  if (updated.stage === 'collecting' && updated.state === 'visible' && n >= updated.cosignNeeded)
    updated = await applyTopicMove(tx, updated, 'threshold', 'system', { actorId: null, role: 'system' }, now);
  return updated;
}

export async function reviewTopic(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: ReviewInput,
): Promise<TopicDetail> {
  const actor = await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const action = ({ accept: 'topic.accept', decline: 'topic.decline', merge: 'topic.merge' } as const)[input.decision];
  const row = await audited(ctx, action, async (tx) => {
    const t = await staffTopic(tx, communityId, topicId);
    const note = input.note;
    let moved: TopicRow;
    let told: number[];
    if (input.decision === 'accept') {
      moved = await applyTopicMove(tx, t, 'accept', 'moderator', moderator(actor.userId), now, {
        note,
        set: { plan: note },
      });
      told = await authorAndCosigners(tx, t);
    } else if (input.decision === 'decline') {
      moved = await applyTopicMove(tx, t, 'decline', 'moderator', moderator(actor.userId), now, {
        note,
        set: { decision: note },
      });
      told = t.authorId !== null ? [t.authorId] : [];
    } else {
      const target = await mergeTarget(tx, t, input.mergeIntoId as number);
      moved = await applyTopicMove(tx, t, 'merge', 'moderator', moderator(actor.userId), now, {
        note,
        refId: target.id,
        set: { decision: note, mergedIntoId: target.id },
      });
      await carryCosigners(tx, t, target, actor.userId, now);
      told = await authorAndCosigners(tx, t);
    }
    const verb = { accept: '已被居委会采纳', decline: '没有被采纳', merge: '已合并到相近的议题' }[input.decision];
    await tellUsers(
      tx,
      told,
      moved,
      {
        stage: stageWord(moved),
        title: `议题“${t.title}”${verb}`,
        body: note,
        key: `review.${t.id}.${input.decision}`,
      },
      now,
    );
    return {
      result: moved,
      audit: {
        communityId,
        targetId: t.id,
        before: { stage: t.stage },
        after: { stage: moved.stage, note, ...(input.mergeIntoId ? { mergedIntoId: input.mergeIntoId } : {}) },
      },
    };
  });
  return detailView(ctx.deps, db, row, staffViewer(actor.userId));
}

export async function createCommitteeTopic(
  ctx: ServiceContext,
  communityId: number,
  input: BodyOut<typeof createContract>,
): Promise<TopicDetail> {
  const actor = await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const row = await audited(ctx, 'topic.create_by_committee', async (tx) => {
    const [t] = await tx
      .insert(topics)
      .values({
        communityId,
        kind: input.kind,
        authorId: actor.userId,
        householdId: null,
        authorShown: 'name',
        authorLabel: '居委会',
        byCommittee: true,
        title: input.title,
        body: input.body,
        place: input.place ?? null,
        plan: input.plan ?? null,
        stage: 'discussing',
        stageAt: now,
        cosignNeeded: 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await attachTopicPhotos(tx, { communityId, topicId: t.id, ids: input.uploadIds, by: actor.userId, now });
    await tx.insert(topicEvents).values({
      topicId: t.id,
      kind: 'stage',
      fromStage: null,
      toStage: 'discussing',
      actorId: actor.userId,
      actorRole: 'moderator',
      at: now,
    });
    return {
      result: t,
      audit: { communityId, targetId: t.id, after: { kind: t.kind, title: t.title, stage: t.stage } },
    };
  });
  return detailView(ctx.deps, db, row, staffViewer(actor.userId));
}

export async function editTopicText(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: BodyOut<typeof editContract>,
): Promise<TopicDetail> {
  const actor = await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const row = await audited(ctx, 'topic.edit', async (tx) => {
    const t = await staffTopic(tx, communityId, topicId, true);
    // A vote opening moves the topic to voting: while discussing, no vote is open on it.
    if (t.stage !== 'discussing') throw new AppError('INVALID_STATE', '只有议事中的议题可以修改');
    const body = input.body ?? t.body;
    if (t.kind !== 'house_rules' && [...body].length > 2000)
      throw new AppError('VALIDATION_FAILED', '最多2000个字', [{ in: 'body', path: 'body', message: '最多2000个字' }]);
    const change = {
      title: input.title ?? t.title,
      body,
      place: input.place === undefined ? t.place : input.place,
    };
    const [updated] = await tx
      .update(topics)
      .set({ ...change, editedAt: now, updatedAt: now })
      .where(eq(topics.id, t.id))
      .returning();
    return {
      result: updated,
      audit: {
        communityId,
        targetId: t.id,
        before: { title: t.title, body: t.body, place: t.place },
        after: change,
      },
    };
  });
  return detailView(ctx.deps, db, row, staffViewer(actor.userId));
}

export async function moveTopicStage(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: { to: TopicStage; note?: string | null },
): Promise<TopicDetail> {
  const actor = await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const rules = await rulesOf(db, communityId);
  const row = await audited(ctx, 'topic.move', async (tx) => {
    const t = await staffTopic(tx, communityId, topicId);
    const move = moderatorMoveTo(t.stage, input.to);
    if (!move) throw new AppError('INVALID_STATE', '议题不能从现在的阶段转到这个阶段');
    const set = input.to === 'rating' ? { ratingUntil: new Date(now.getTime() + rules.ratingDays * DAY_MS) } : {};
    const moved = await setTopicStage(tx, t.id, move.from, move.to, moderator(actor.userId), now, {
      note: input.note ?? null,
      set,
    });
    await tellUsers(
      tx,
      await participants(tx, moved),
      moved,
      {
        stage: stageWord(moved),
        title: `议题“${t.title}”：${stageWord(moved)}`,
        body: input.note ?? `议题进入“${stageWord(moved)}”阶段`,
        key: `stage.${t.id}.${move.to}.${now.getTime()}`,
      },
      now,
    );
    return {
      result: moved,
      audit: {
        communityId,
        targetId: t.id,
        before: { stage: t.stage },
        after: { stage: moved.stage, note: input.note },
      },
    };
  });
  return detailView(ctx.deps, db, row, staffViewer(actor.userId));
}
