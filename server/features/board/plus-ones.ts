import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { postPlusOnes, posts } from '../../db/schema';
import { requireWriter } from './access';
import { visiblePost } from './posts';

/**
 * 我也遇到了: one per household and post. The primary key (post, household) decides who was
 * first; plus_count moves only with a row actually inserted or deleted, in the same
 * transaction, so it stays exact under any number of concurrent requests.
 */
export async function addPlusOne(ctx: ServiceContext, communityId: number, postId: number) {
  const writer = await requireWriter(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  return db.transaction(async (tx) => {
    const p = await visiblePost(tx, writer, communityId, postId);
    if (p.state !== 'visible') throw new AppError('INVALID_STATE', '这条留言还没有发布');
    const added = await tx
      .insert(postPlusOnes)
      .values({ postId, householdId: writer.householdId, userId: writer.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ postId: postPlusOnes.postId });
    const [row] = await tx
      .update(posts)
      .set({ plusCount: sql`${posts.plusCount} + ${added.length}` })
      .where(eq(posts.id, postId))
      .returning({ plusCount: posts.plusCount });
    return { plusCount: row.plusCount, plusByMyHousehold: true };
  });
}

export async function removePlusOne(ctx: ServiceContext, communityId: number, postId: number) {
  const writer = await requireWriter(ctx, communityId);
  const db = ctx.deps.database.db;
  return db.transaction(async (tx) => {
    await visiblePost(tx, writer, communityId, postId);
    const [given] = await tx
      .select({ userId: postPlusOnes.userId })
      .from(postPlusOnes)
      .where(and(eq(postPlusOnes.postId, postId), eq(postPlusOnes.householdId, writer.householdId)))
      .for('update');
    if (given && given.userId !== null && given.userId !== writer.userId)
      throw new AppError('FORBIDDEN', '这是家里其他人点的“我也遇到了”，只有他本人可以取消');
    const removed = given
      ? await tx
          .delete(postPlusOnes)
          .where(and(eq(postPlusOnes.postId, postId), eq(postPlusOnes.householdId, writer.householdId)))
          .returning({ postId: postPlusOnes.postId })
      : [];
    const [row] = await tx
      .update(posts)
      .set({ plusCount: sql`${posts.plusCount} - ${removed.length}` })
      .where(eq(posts.id, postId))
      .returning({ plusCount: posts.plusCount });
    return { plusCount: row.plusCount, plusByMyHousehold: false };
  });
}
