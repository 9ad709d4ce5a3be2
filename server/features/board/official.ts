import { and, eq, sql } from 'drizzle-orm';
import type { CommentView } from '../../../shared/contracts/board';
import { requireAllowed } from '../../auth/guards';
import { approvedRole } from '../../auth/policy';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { postComments, posts } from '../../db/schema';
import { audited } from '../../platform/audited';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';
import { normalizedHash } from './limits';
import { applyMove } from './status';
import { excerptOf, postPath } from './subjects';
import { commentView } from './views';

/**
 * A 居委回复: a moderator answers any post of the community; a property handler (物业) only
 * the matters routed to the property company (others do not exist for them). Pinned on top of
 * the comments, it moves a board post 待回复 → 已回复 and tells the author. On a matter it
 * changes no status (the matters board moves those).
 */
export async function officialReply(
  ctx: ServiceContext,
  communityId: number,
  postId: number,
  body: string,
): Promise<CommentView> {
  const { deps, actor } = ctx;
  const now = deps.clock();
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const comment = await audited(ctx, 'post.official_reply', async (tx) => {
    const [p] = await tx
      .select()
      .from(posts)
      .where(and(eq(posts.id, postId), eq(posts.communityId, communityId)))
      .for('update');
    if (!p || p.state === 'deleted') throw new AppError('NOT_FOUND');
    const handler = approvedRole(actor, communityId) === 'handler';
    if (handler) {
      // Only matters routed to 物业; anything else is not theirs to see.
      if (p.kind !== 'matter') throw new AppError('NOT_FOUND');
      requireAllowed(actor, 'handle:matters', { communityId, matterRoute: p.route ?? undefined });
    } else requireAllowed(actor, 'moderate:board', { communityId });
    if (p.state !== 'visible') throw new AppError('INVALID_STATE', '这条留言现在不显示，不能回复');
    const label = handler ? '物业' : '居委会';
    const [c] = await tx
      .insert(postComments)
      .values({
        postId: p.id,
        communityId,
        authorId: actor.userId,
        authorShown: 'name',
        authorLabel: label,
        isOfficial: true,
        body,
        bodyHash: normalizedHash(body),
        createdAt: now,
      })
      .returning();
    await tx
      .update(posts)
      .set({
        officialCount: sql`${posts.officialCount} + 1`,
        firstReplyAt: sql`coalesce(${posts.firstReplyAt}, ${now.toISOString()}::timestamptz)`,
        activityAt: now,
        updatedAt: now,
      })
      .where(eq(posts.id, p.id));
    const before = p.status;
    let after = p.status;
    if (p.kind === 'post' && p.status === 'awaiting_reply') {
      const moved = await applyMove(
        tx,
        p,
        'reply',
        'official',
        {
          actorId: actor.userId,
          role: handler ? 'handler' : 'moderator',
        },
        now,
      );
      after = moved.status;
    }
    if (p.authorId !== null && p.authorId !== actor.userId) {
      const excerpt = excerptOf(p.body, 20);
      await notifyUser(tx, {
        userId: p.authorId,
        communityId,
        kind: 'board.reply',
        title: `${label}回复了您的${p.kind === 'post' ? '留言' : '小事快办'}`,
        body: `“${excerpt}”\n${label}回复：${excerptOf(body, 200)}`,
        link: postPath(communityId, p.id),
        key: `board.reply.${c.id}`,
        wechat: {
          template: 'post_reply',
          data: templateData('post_reply', { post: excerpt, reply: body, replier: label, time: wechatTime(now) }),
        },
      });
    }
    return {
      result: c,
      audit: {
        communityId,
        targetId: p.id,
        before: { status: before },
        after: { status: after },
      },
    };
  });
  return commentView(comment, actor.userId);
}
