import { eq } from 'drizzle-orm';
import { postComments, posts } from '../../server/db/schema';
import { type ContentSubjectDef, contentSubject, defineContentSubject } from '../../server/platform/content';
import type { TestApp } from './app';

/**
 * Posts and comments for moderation tests, written straight to the tables. When the board
 * feature has not registered its content subjects (it lands separately), minimal ones are
 * registered here; the board's own are used whenever they exist.
 */
export function ensureBoardSubjects() {
  for (const [subject, table] of [
    ['post', posts],
    ['comment', postComments],
  ] as const) {
    try {
      contentSubject(subject);
      continue;
    } catch {
      // not registered yet: the stand-in below
    }
    const def: ContentSubjectDef = {
      subject,
      async lock(tx, id) {
        const [row] = await tx
          .select({
            id: table.id,
            communityId: table.communityId,
            authorId: table.authorId,
            state: table.state,
            heldReason: table.heldReason,
          })
          .from(table)
          .where(eq(table.id, id))
          .for('update');
        return row ?? null;
      },
      async setState(tx, item, change) {
        await tx
          .update(table)
          .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason })
          .where(eq(table.id, item.id));
      },
      async path(_tx, item) {
        return `/packages/board/detail/index?id=${item.id}`;
      },
      async excerpt(tx, item) {
        const [row] = await tx.select({ body: table.body }).from(table).where(eq(table.id, item.id));
        return (row?.body ?? '').slice(0, 20);
      },
    };
    defineContentSubject(def);
  }
}

let seq = 0;

/** A visible board post of the community by `authorId`. */
export async function insertPost(
  app: TestApp,
  o: { communityId: number; authorId: number | null; body?: string; state?: 'visible' | 'held' | 'hidden' },
) {
  const body = o.body ?? `楼道灯坏了好几天了 ${seq++}`;
  const [row] = await app.database.db
    .insert(posts)
    .values({
      communityId: o.communityId,
      kind: 'post',
      category: 'help',
      authorId: o.authorId,
      authorLabel: '热心邻居',
      body,
      bodyHash: `hash-${seq++}`,
      status: 'awaiting_reply',
      state: o.state ?? 'visible',
      heldReason: o.state === 'held' ? 'wechat_review' : null,
    })
    .returning();
  return row;
}

/** A visible comment on a post. */
export async function insertComment(
  app: TestApp,
  o: { postId: number; communityId: number; authorId: number | null; body?: string },
) {
  const [row] = await app.database.db
    .insert(postComments)
    .values({
      postId: o.postId,
      communityId: o.communityId,
      authorId: o.authorId,
      authorLabel: '热心邻居',
      body: o.body ?? `我也觉得 ${seq++}`,
      bodyHash: `c-hash-${seq++}`,
    })
    .returning();
  return row;
}
