import { and, asc, eq, gt, ne, or, type SQL } from 'drizzle-orm';
import type { AuthorShownAs } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { postComments, posts } from '../../db/schema';
import type { Tx } from '../../deps';
import { screenText } from '../../platform/screening';
import { type Reader, requireReader, requireWriter } from './access';
import { normalizedHash, refuseDuplicate, refuseMuted, refuseOverLimit } from './limits';
import { lockWriter, visiblePost } from './posts';
import { countComment } from './subjects';
import { authorLabel, type CommentRow, commentView } from './views';

/**
 * Comments, one level deep (docs/decisions/017-board.md). Residents comment on visible posts;
 * the post's author may still read the comments of their post while it is hidden. A visible
 * non-official comment counts in comment_count; official ones (居委回复, server/features/board/
 * official.ts) in official_count and are listed apart, on top, on the first page.
 */

const BAD_CURSOR = '翻页位置不对，请刷新后再试';
function decodeCursor(value: string): number {
  const m = /^c(\d{1,10})$/.exec(value);
  if (!m) throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
  return Number(m[1]);
}

/** What the reader sees of a post's comments: visible ones, and their own not deleted. */
const seenBy = (reader: Reader): SQL =>
  or(
    eq(postComments.state, 'visible'),
    and(eq(postComments.authorId, reader.userId), ne(postComments.state, 'deleted')),
  ) as SQL;

export async function listComments(
  ctx: ServiceContext,
  communityId: number,
  postId: number,
  query: { cursor?: string | null; limit: number },
) {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  await visiblePost(db, reader, communityId, postId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(postComments)
    .where(
      and(
        eq(postComments.postId, postId),
        eq(postComments.isOfficial, false),
        seenBy(reader),
        after !== null ? gt(postComments.id, after) : undefined,
      ),
    )
    .orderBy(asc(postComments.id))
    .limit(query.limit + 1);
  const official: CommentRow[] =
    after === null
      ? await db
          .select()
          .from(postComments)
          .where(and(eq(postComments.postId, postId), eq(postComments.isOfficial, true), seenBy(reader)))
          .orderBy(asc(postComments.id))
      : [];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    official: official.map((c) => commentView(c, reader.userId)),
    items: page.map((c) => commentView(c, reader.userId)),
    nextCursor: rows.length > query.limit && last ? `c${last.id}` : null,
  };
}

/** A commentable post: visible (a resident cannot comment on their own held post). */
async function openPost(tx: Tx, reader: Reader, communityId: number, postId: number, lock: boolean) {
  const p = await visiblePost(tx, reader, communityId, postId, lock);
  if (p.state !== 'visible') throw new AppError('INVALID_STATE', '这条留言还不能评论');
  return p;
}

export async function createComment(
  ctx: ServiceContext,
  communityId: number,
  postId: number,
  input: { body: string; authorShown?: AuthorShownAs },
) {
  const writer = await requireWriter(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const hash = normalizedHash(input.body);
  await openPost(db, writer, communityId, postId, false);
  const refuse = async (q: Tx) => {
    await refuseMuted(q, communityId, writer.userId, now);
    await refuseOverLimit(q, 'comment', writer, now);
    await refuseDuplicate(q, 'comment', writer.userId, hash, now);
  };
  await refuse(db);
  const verdict = await screenText(ctx, { communityId, userId: writer.userId, texts: [input.body] });
  const shown = input.authorShown ?? 'name';
  const row = await db.transaction(async (tx) => {
    await lockWriter(tx, writer.userId);
    await refuse(tx);
    await openPost(tx, writer, communityId, postId, true);
    const [c] = await tx
      .insert(postComments)
      .values({
        postId,
        communityId,
        authorId: writer.userId,
        householdId: writer.householdId,
        authorShown: shown,
        authorLabel: authorLabel(shown, writer),
        body: input.body,
        bodyHash: hash,
        state: verdict.state,
        heldReason: verdict.heldReason,
        createdAt: now,
      })
      .returning();
    if (c.state === 'visible') {
      await countComment(tx, postId, false, 1);
      await tx.update(posts).set({ activityAt: now }).where(eq(posts.id, postId));
    }
    return c;
  });
  return commentView(row, writer.userId);
}

export async function deleteComment(ctx: ServiceContext, communityId: number, postId: number, commentId: number) {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  await db.transaction(async (tx) => {
    await visiblePost(tx, reader, communityId, postId, true);
    const [c] = await tx
      .select()
      .from(postComments)
      .where(and(eq(postComments.id, commentId), eq(postComments.postId, postId), seenBy(reader)))
      .for('update');
    if (!c) throw new AppError('NOT_FOUND');
    if (c.authorId !== reader.userId) throw new AppError('FORBIDDEN', '只能删除自己的评论');
    await tx
      .update(postComments)
      .set({ state: 'deleted', heldReason: null, stateReason: '作者删除' })
      .where(eq(postComments.id, c.id));
    if (c.state === 'visible') await countComment(tx, postId, c.isOfficial, -1);
  });
  return null;
}
