import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MyData } from '../../shared/contracts/privacy';
import { messages } from '../db/schema';
import type { Tx } from '../deps';
import type { PersonalData } from './personal-data';

/** A mini-program path: `/pages/…` or `/packages/…`, with an optional query. */
export const miniProgramPath = z
  .string()
  .max(300)
  .regex(/^\/(pages|packages)\/[A-Za-z0-9_/-]+(\?[A-Za-z0-9_=&%.-]*)?$/, 'link must be a mini-program path');

export const newMessage = z.object({
  userId: z.number().int().positive(),
  communityId: z.number().int().positive().nullable().default(null),
  /** What the message is about, e.g. `membership.approved`. */
  kind: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  body: z.string().max(2000),
  link: miniProgramPath.nullable().default(null),
  /** The same key reaches the same user once. */
  key: z.string().min(1).max(200),
});
export type NewMessage = z.input<typeof newMessage>;

/**
 * Writes one in-app message in the caller's transaction. A second delivery with the
 * same key for the same user is ignored: returns the new id, or null when it was a
 * repeat.
 */
export async function deliverMessage(tx: Tx, message: NewMessage): Promise<number | null> {
  const m = newMessage.parse(message);
  const rows = await tx
    .insert(messages)
    .values(m)
    .onConflictDoNothing({ target: [messages.userId, messages.key] })
    .returning({ id: messages.id });
  return rows[0]?.id ?? null;
}

/** In-app messages are about the person they are for: copied on request, deleted with the account. */
export const messageData: PersonalData<MyData['messages']> = {
  table: messages,
  columns: [messages.userId, messages.title, messages.body, messages.link],
  async exportFor(db, ctx) {
    const rows = await db
      .select()
      .from(messages)
      .where(eq(messages.userId, ctx.actor.userId))
      .orderBy(desc(messages.id));
    return rows.map((m) => ({
      title: m.title,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
    }));
  },
  async erase(tx, ctx) {
    await tx.delete(messages).where(eq(messages.userId, ctx.actor.userId));
    return [];
  },
};
