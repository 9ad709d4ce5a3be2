import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import type { MessageView } from '../../../shared/contracts/messages';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { messages } from '../../db/schema';

type MessageRow = typeof messages.$inferSelect;

const view = (m: MessageRow): MessageView => ({
  id: m.id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  communityId: m.communityId,
  createdAt: m.createdAt.toISOString(),
  read: m.readAt !== null,
});

/** The caller's messages, newest first, a page at a time by id. */
export async function listMine(ctx: SignedIn, query: { before?: number; limit: number }) {
  const mine = eq(messages.userId, ctx.actor.userId);
  const rows = await ctx.deps.database.db
    .select()
    .from(messages)
    .where(query.before ? and(mine, lt(messages.id, query.before)) : mine)
    .orderBy(desc(messages.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(view);
  const nextBefore = rows.length > query.limit ? items[items.length - 1].id : null;
  return { items, nextBefore };
}

/** Counted on the partial index of unread messages (messages_user_unread_idx). */
export async function countUnread(ctx: SignedIn) {
  const [row] = await ctx.deps.database.db
    .select({ unread: count() })
    .from(messages)
    .where(and(eq(messages.userId, ctx.actor.userId), isNull(messages.readAt)));
  return { unread: Number(row?.unread ?? 0) };
}

/** Marks one of the caller's messages read; the first read time is kept. Another user's is not found. */
export async function markRead(ctx: SignedIn, messageId: number): Promise<MessageView> {
  const db = ctx.deps.database.db;
  const mine = and(eq(messages.id, messageId), eq(messages.userId, ctx.actor.userId));
  const [updated] = await db
    .update(messages)
    .set({ readAt: ctx.deps.clock() })
    .where(and(mine, isNull(messages.readAt)))
    .returning();
  if (updated) return view(updated);
  const [existing] = await db.select().from(messages).where(mine);
  if (!existing) throw new AppError('NOT_FOUND');
  return view(existing);
}

export async function markAllRead(ctx: SignedIn) {
  const rows = await ctx.deps.database.db
    .update(messages)
    .set({ readAt: ctx.deps.clock() })
    .where(and(eq(messages.userId, ctx.actor.userId), isNull(messages.readAt)))
    .returning({ id: messages.id });
  return { marked: rows.length };
}
