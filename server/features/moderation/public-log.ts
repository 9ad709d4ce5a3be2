import { and, desc, eq, lt } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { moderationLog } from '../../db/schema';

/**
 * 公开处理记录: what moderation did in the community, for its members. The select names
 * every column it reads, and none of them is the item, its content, its author or the
 * moderator: what is not read cannot leak (docs/decisions/019-moderation.md).
 */
export async function publicLog(ctx: SignedIn, communityId: number, q: { cursor?: string; limit: number }) {
  requireAllowed(ctx.actor, 'read:community', { communityId });
  const rows = await ctx.deps.database.db
    .select({
      id: moderationLog.id,
      subject: moderationLog.subject,
      action: moderationLog.action,
      rule: moderationLog.rule,
      reason: moderationLog.reason,
      createdAt: moderationLog.createdAt,
    })
    .from(moderationLog)
    .where(
      and(eq(moderationLog.communityId, communityId), q.cursor ? lt(moderationLog.id, Number(q.cursor)) : undefined),
    )
    .orderBy(desc(moderationLog.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      subject: r.subject,
      action: r.action,
      rule: r.rule,
      reason: r.reason,
      at: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
  };
}
