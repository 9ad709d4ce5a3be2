import { postComments, posts } from '../../server/db/schema';
// The board registers its posts and comments as content subjects when this module loads
// (the app imports it too); moderation acts on them only through that registry.
import '../../server/features/board/subjects';
import type { TestApp } from './app';

/* Posts and comments for moderation tests, written straight to the tables. */

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
