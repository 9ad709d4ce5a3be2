import { and, count, desc, eq, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ratingView } from '../../../shared/contracts/topics';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { topicRatings, topics } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { screenText } from '../../platform/screening';
import { refuseMuted } from '../board/limits';
import { authorLabel } from '../board/views';
import { type Member, requireMember, requireResident, seenTopic } from './access';
import { ratingAverage } from './views';

/**
 * 评: one rating per household while the topic is in 成效评价. Only visible ratings count in
 * rating_count / rating_sum (the content subject moves them when moderation acts).
 */

type RatingRow = typeof topicRatings.$inferSelect;
type RatingView = z.infer<typeof ratingView>;

export function ratingViewOf(r: RatingRow, userId: number): RatingView {
  return {
    id: r.id,
    authorLabel: r.authorLabel,
    mine: r.userId !== null && r.userId === userId,
    score: r.score,
    comment: r.comment,
    state: r.state,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Adds (or takes away) a visible rating's score on its topic. */
export async function countRating(tx: Tx, topicId: number, score: number, delta: 1 | -1) {
  await tx
    .update(topics)
    .set({
      ratingCount: sql`${topics.ratingCount} + ${delta}`,
      ratingSum: sql`${topics.ratingSum} + ${delta * score}`,
    })
    .where(eq(topics.id, topicId));
}

const seenBy = (viewer: Member): SQL =>
  or(
    eq(topicRatings.state, 'visible'),
    and(eq(topicRatings.userId, viewer.userId), ne(topicRatings.state, 'deleted')),
  ) as SQL;

export async function listTopicRatings(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  query: { before?: number; limit: number },
) {
  const viewer = await requireMember(ctx, communityId);
  const db = ctx.deps.database.db;
  const t = await seenTopic(db, viewer, communityId, topicId);
  const rows = await db
    .select()
    .from(topicRatings)
    .where(
      and(
        eq(topicRatings.topicId, topicId),
        seenBy(viewer),
        query.before !== undefined ? lt(topicRatings.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(topicRatings.id))
    .limit(query.limit + 1);
  const grouped = await db
    .select({ score: topicRatings.score, n: count() })
    .from(topicRatings)
    .where(and(eq(topicRatings.topicId, topicId), eq(topicRatings.state, 'visible')))
    .groupBy(topicRatings.score);
  const distribution = [0, 0, 0, 0, 0];
  for (const g of grouped) distribution[g.score - 1] = g.n;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    average: ratingAverage(t.ratingSum, t.ratingCount),
    count: t.ratingCount,
    distribution,
    items: page.map((r) => ratingViewOf(r, viewer.userId)),
    nextBefore: rows.length > query.limit && last ? last.id : null,
  };
}

export async function rateTopic(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: { score: number; comment?: string | null },
): Promise<RatingView> {
  const r = await requireResident(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const open = (t: { stage: string; state: string }) => {
    if (t.stage !== 'rating' || t.state !== 'visible')
      throw new AppError('INVALID_STATE', '议题在成效评价阶段才能评价');
  };
  open(await seenTopic(db, r, communityId, topicId));
  await refuseMuted(db, communityId, r.userId, now);
  const comment = input.comment ?? null;
  const verdict = comment
    ? await screenText(ctx, { communityId, userId: r.userId, texts: [comment] })
    : { state: 'visible' as const, heldReason: null };
  const row = await audited(ctx, 'topic.rate', async (tx) => {
    open(await seenTopic(tx, r, communityId, topicId, true));
    const [rating] = await tx
      .insert(topicRatings)
      .values({
        topicId,
        communityId,
        householdId: r.householdId,
        userId: r.userId,
        authorLabel: authorLabel('building', r),
        score: input.score,
        comment,
        state: verdict.state,
        heldReason: verdict.heldReason,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!rating) throw new AppError('ALREADY_RATED');
    if (rating.state === 'visible') await countRating(tx, topicId, rating.score, 1);
    return { result: rating, audit: { communityId, targetId: topicId, after: { score: rating.score } } };
  });
  return ratingViewOf(row, r.userId);
}
