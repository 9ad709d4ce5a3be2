import type { NoticeCategory } from '../../../shared/enums';
import { notices } from '../../db/schema';
import type { Tx } from '../../deps';
import { announce } from './announce';

/**
 * A notice the system publishes by itself inside a feature's transaction (a vote's 公示):
 * published at once, no author, for the whole community; announced like any published notice.
 * The caller audits the change it belongs to.
 */
export async function publishSystemNotice(
  tx: Tx,
  n: {
    communityId: number;
    title: string;
    body: string;
    category: NoticeCategory;
    now: Date;
    requestId: string | null;
  },
): Promise<number> {
  const [row] = await tx
    .insert(notices)
    .values({
      communityId: n.communityId,
      authorId: null,
      title: n.title,
      body: n.body,
      category: n.category,
      status: 'published',
      publishedAt: n.now,
      createdAt: n.now,
      updatedAt: n.now,
    })
    .returning();
  await announce(tx, row, n.requestId);
  return row.id;
}
