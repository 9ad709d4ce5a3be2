import { eq } from 'drizzle-orm';
import { posts, uploads } from '../../server/db/schema';
import { type ContentSubjectDef, contentSubject, defineContentSubject } from '../../server/platform/content';
import type { TestApp } from './app';

/**
 * Posts as a content subject for screening's tests. The board feature registers the real
 * definition when its module loads; until it does (or where the app does not load it), this
 * minimal one stands in, acting on the posts table the same way.
 */
export function ensurePostSubject(): ContentSubjectDef {
  try {
    return contentSubject('post');
  } catch {
    return defineContentSubject({
      subject: 'post',
      async lock(tx, id) {
        const [r] = await tx
          .select({
            id: posts.id,
            communityId: posts.communityId,
            authorId: posts.authorId,
            state: posts.state,
            heldReason: posts.heldReason,
          })
          .from(posts)
          .where(eq(posts.id, id))
          .for('update');
        return r ?? null;
      },
      async setState(tx, item, change, now) {
        await tx
          .update(posts)
          .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason, updatedAt: now })
          .where(eq(posts.id, item.id));
      },
      async path(_tx, item) {
        return `/packages/board/post/index?id=${item.id}`;
      },
      async excerpt(tx, item) {
        const [row] = await tx.select({ body: posts.body }).from(posts).where(eq(posts.id, item.id));
        return (row?.body ?? '').slice(0, 12);
      },
    });
  }
}

let seq = 0;

/** A board post written straight into the table (the board feature's routes are not needed here). */
export async function insertPost(
  app: TestApp,
  o: { communityId: number; authorId: number; state?: 'visible' | 'held'; heldReason?: 'images_pending' | null },
) {
  const [row] = await app.database.db
    .insert(posts)
    .values({
      communityId: o.communityId,
      kind: 'post',
      category: 'help',
      authorId: o.authorId,
      authorLabel: '居民',
      body: `测试留言${seq++}`,
      bodyHash: `hash${seq}`,
      status: 'awaiting_reply',
      state: o.state ?? 'held',
      heldReason: o.state === 'visible' ? null : (o.heldReason ?? 'images_pending'),
    })
    .returning({ id: posts.id });
  return row.id;
}

/** An image upload row (no file behind it: WeChat fetches by URL, which tests only read). */
export async function insertUpload(app: TestApp, communityId: number, userId: number) {
  const [row] = await app.database.db
    .insert(uploads)
    .values({ communityId, uploadedBy: userId, kind: 'image', fileKey: `k${seq++}x`, byteSize: 1000 })
    .returning({ id: uploads.id });
  return row.id;
}
