import { and, eq, isNull } from 'drizzle-orm';
import type { PostDetail } from '../../../shared/contracts/board';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { posts } from '../../db/schema';
import { screenText } from '../../platform/screening';
import { requireReader } from './access';
import { detailFor, ownPost } from './posts';
import { applyMove, type Move } from './status';

/**
 * What the author does at the end (status.ts has the table): confirm it is solved, reopen it
 * with a reason, and rate a resolved 小事快办 once (成效居民评).
 */
async function authorMove(ctx: ServiceContext, communityId: number, postId: number, move: Move, note: string | null) {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const row = await db.transaction(async (tx) => {
    const p = await ownPost(tx, reader, communityId, postId);
    if (p.state === 'deleted') throw new AppError('NOT_FOUND');
    return applyMove(tx, p, move, 'author', { actorId: reader.userId, role: 'resident' }, now, note);
  });
  return detailFor(ctx, db, reader, row);
}

export const resolvePost = (ctx: ServiceContext, communityId: number, postId: number): Promise<PostDetail> =>
  authorMove(ctx, communityId, postId, 'resolve', null);

export const reopenPost = (ctx: ServiceContext, communityId: number, postId: number, reason: string) =>
  authorMove(ctx, communityId, postId, 'reopen', reason);

export async function ratePost(
  ctx: ServiceContext,
  communityId: number,
  postId: number,
  input: { stars: number; comment?: string | null },
): Promise<PostDetail> {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const comment = input.comment || null;
  if (comment) await screenText(ctx, { communityId, userId: reader.userId, texts: [comment] });
  const row = await db.transaction(async (tx) => {
    const p = await ownPost(tx, reader, communityId, postId);
    if (p.kind !== 'matter' || p.status !== 'resolved') throw new AppError('INVALID_STATE', '办结并确认解决后才能评价');
    const [rated] = await tx
      .update(posts)
      .set({ rating: input.stars, ratingComment: comment, ratedAt: now, updatedAt: now })
      .where(and(eq(posts.id, p.id), eq(posts.status, 'resolved'), isNull(posts.rating)))
      .returning();
    if (!rated) throw new AppError('INVALID_STATE', '已经评价过了');
    return rated;
  });
  return detailFor(ctx, db, reader, row);
}
