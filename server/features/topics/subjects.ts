import { eq } from 'drizzle-orm';
import { topicComments, topicRatings, topics } from '../../db/schema';
import { type ContentItem, defineContentSubject } from '../../platform/content';
import { excerptOf } from '../board/subjects';
import { countComment } from './comments';
import { countRating } from './ratings';
import { topicPath } from './views';

/**
 * Topics, their comments and ratings as content subjects (server/platform/content.ts):
 * screening's late verdicts, reports and the review queue change their state through these,
 * which keep comment_count and the rating sums right. Registered when routes.ts loads.
 */

export const topicSubject = defineContentSubject({
  subject: 'topic',
  async lock(tx, id) {
    const [row] = await tx
      .select({
        id: topics.id,
        communityId: topics.communityId,
        authorId: topics.authorId,
        state: topics.state,
        heldReason: topics.heldReason,
      })
      .from(topics)
      .where(eq(topics.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change, now) {
    await tx
      .update(topics)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason, updatedAt: now })
      .where(eq(topics.id, item.id));
  },
  async path(_tx, item) {
    return topicPath(item.communityId, item.id);
  },
  async excerpt(tx, item) {
    const [row] = await tx.select({ title: topics.title }).from(topics).where(eq(topics.id, item.id));
    return excerptOf(row?.title ?? '');
  },
});

export const topicCommentSubject = defineContentSubject({
  subject: 'topic_comment',
  async lock(tx, id) {
    const [row] = await tx
      .select({
        id: topicComments.id,
        communityId: topicComments.communityId,
        authorId: topicComments.authorId,
        state: topicComments.state,
        heldReason: topicComments.heldReason,
      })
      .from(topicComments)
      .where(eq(topicComments.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change) {
    const [row] = await tx
      .update(topicComments)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason })
      .where(eq(topicComments.id, item.id))
      .returning({ topicId: topicComments.topicId });
    if (!row) return;
    const was = item.state === 'visible';
    const is = change.state === 'visible';
    if (was !== is) await countComment(tx, row.topicId, is ? 1 : -1);
  },
  async path(tx, item) {
    const [row] = await tx
      .select({ topicId: topicComments.topicId })
      .from(topicComments)
      .where(eq(topicComments.id, item.id));
    return topicPath(item.communityId, row?.topicId ?? 0);
  },
  async excerpt(tx, item) {
    const [row] = await tx
      .select({ body: topicComments.body })
      .from(topicComments)
      .where(eq(topicComments.id, item.id));
    return excerptOf(row?.body ?? '');
  },
});

export const topicRatingSubject = defineContentSubject({
  subject: 'topic_rating',
  async lock(tx, id) {
    const [row] = await tx
      .select({
        id: topicRatings.id,
        communityId: topicRatings.communityId,
        authorId: topicRatings.userId,
        state: topicRatings.state,
        heldReason: topicRatings.heldReason,
      })
      .from(topicRatings)
      .where(eq(topicRatings.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change) {
    const [row] = await tx
      .update(topicRatings)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason })
      .where(eq(topicRatings.id, item.id))
      .returning({ topicId: topicRatings.topicId, score: topicRatings.score });
    if (!row) return;
    const was = item.state === 'visible';
    const is = change.state === 'visible';
    if (was !== is) await countRating(tx, row.topicId, row.score, is ? 1 : -1);
  },
  async path(tx, item) {
    const [row] = await tx
      .select({ topicId: topicRatings.topicId })
      .from(topicRatings)
      .where(eq(topicRatings.id, item.id));
    return topicPath(item.communityId, row?.topicId ?? 0);
  },
  async excerpt(tx, item) {
    const [row] = await tx
      .select({ comment: topicRatings.comment, score: topicRatings.score })
      .from(topicRatings)
      .where(eq(topicRatings.id, item.id));
    return excerptOf(row?.comment || `${row?.score ?? ''}星评价`);
  },
});
