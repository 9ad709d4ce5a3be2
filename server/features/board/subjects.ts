import { eq, sql } from 'drizzle-orm';
import { postComments, posts } from '../../db/schema';
import type { Tx } from '../../deps';
import { type ContentItem, defineContentSubject } from '../../platform/content';

/**
 * Posts and comments as content subjects (server/platform/content.ts): screening's late
 * verdicts and moderation change their state through these, which keep the counts right.
 * Registered when this module loads (the board's routes import it).
 */

/** A post's page in the mini-program (miniprogram/lib/routes.ts uses the same). */
export const postPath = (communityId: number, postId: number) =>
  `/packages/board/detail/index?communityId=${communityId}&id=${postId}`;

const EXCERPT = 30;
export const excerptOf = (body: string, n = EXCERPT) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

const itemColumns = <T extends typeof posts | typeof postComments>(t: T) => ({
  id: t.id,
  communityId: t.communityId,
  authorId: t.authorId,
  state: t.state,
  heldReason: t.heldReason,
});

export const postSubject = defineContentSubject({
  subject: 'post',
  async lock(tx, id) {
    const [row] = await tx.select(itemColumns(posts)).from(posts).where(eq(posts.id, id)).for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change, now) {
    await tx
      .update(posts)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason, updatedAt: now })
      .where(eq(posts.id, item.id));
  },
  async path(_tx, item) {
    return postPath(item.communityId, item.id);
  },
  async excerpt(tx, item) {
    const [row] = await tx.select({ body: posts.body }).from(posts).where(eq(posts.id, item.id));
    return excerptOf(row?.body ?? '');
  },
});

/**
 * A visible comment counts on its post (comment_count, or official_count for a 居委回复);
 * becoming visible or leaving it moves the count by one. The post's row is updated after
 * the comment's (both locked in the caller's transaction).
 */
export async function countComment(tx: Tx, postId: number, isOfficial: boolean, delta: 1 | -1) {
  const column = isOfficial ? posts.officialCount : posts.commentCount;
  await tx
    .update(posts)
    .set(isOfficial ? { officialCount: sql`${column} + ${delta}` } : { commentCount: sql`${column} + ${delta}` })
    .where(eq(posts.id, postId));
}

export const commentSubject = defineContentSubject({
  subject: 'comment',
  async lock(tx, id) {
    const [row] = await tx
      .select(itemColumns(postComments))
      .from(postComments)
      .where(eq(postComments.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change, _now) {
    const [row] = await tx
      .update(postComments)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason })
      .where(eq(postComments.id, item.id))
      .returning({ postId: postComments.postId, isOfficial: postComments.isOfficial });
    if (!row) return;
    const was = item.state === 'visible';
    const is = change.state === 'visible';
    if (was !== is) await countComment(tx, row.postId, row.isOfficial, is ? 1 : -1);
  },
  async path(tx, item) {
    const [row] = await tx
      .select({ postId: postComments.postId })
      .from(postComments)
      .where(eq(postComments.id, item.id));
    return postPath(item.communityId, row?.postId ?? 0);
  },
  async excerpt(tx, item) {
    const [row] = await tx.select({ body: postComments.body }).from(postComments).where(eq(postComments.id, item.id));
    return excerptOf(row?.body ?? '');
  },
});
