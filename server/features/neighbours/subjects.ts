import { and, eq, or } from 'drizzle-orm';
import { neighbourBlocks, neighbourCards } from '../../db/schema';
import { type ContentItem, defineContentSubject } from '../../platform/content';
import { excerptOf } from '../board/subjects';

/*
 * Cards (neighbour_card) as content subjects (server/platform/content.ts): screening's late
 * verdicts, reports and the review queue change a card's state through this. Registered when
 * this module loads (the neighbours' routes import it).
 */

/** A card's page in the mini-program (miniprogram/lib/routes.ts uses the same). */
export const cardPath = (communityId: number, cardId: number) =>
  `/packages/neighbours/card/index?id=${cardId}&communityId=${communityId}`;

export const cardSubject = defineContentSubject({
  subject: 'neighbour_card',
  async lock(tx, id) {
    const [row] = await tx
      .select({
        id: neighbourCards.id,
        communityId: neighbourCards.communityId,
        authorId: neighbourCards.userId,
        state: neighbourCards.state,
        heldReason: neighbourCards.heldReason,
      })
      .from(neighbourCards)
      .where(eq(neighbourCards.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change, now) {
    await tx
      .update(neighbourCards)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason, updatedAt: now })
      .where(eq(neighbourCards.id, item.id));
  },
  async path(_tx, item) {
    return cardPath(item.communityId, item.id);
  },
  async excerpt(tx, item) {
    const [row] = await tx
      .select({ name: neighbourCards.displayName, intro: neighbourCards.intro })
      .from(neighbourCards)
      .where(eq(neighbourCards.id, item.id));
    return excerptOf([row?.name, row?.intro].filter(Boolean).join(' '));
  },
  /** Not someone the owner blocked, nor someone who blocked the owner. */
  async visibleTo(tx, item, userId) {
    if (item.authorId === null) return false;
    if (item.authorId === userId) return true;
    const [b] = await tx
      .select({ id: neighbourBlocks.id })
      .from(neighbourBlocks)
      .where(
        and(
          eq(neighbourBlocks.communityId, item.communityId),
          or(
            and(eq(neighbourBlocks.blockerId, item.authorId), eq(neighbourBlocks.blockedId, userId)),
            and(eq(neighbourBlocks.blockerId, userId), eq(neighbourBlocks.blockedId, item.authorId)),
          ),
        ),
      )
      .limit(1);
    return b === undefined;
  },
});
