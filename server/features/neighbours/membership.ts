import { and, eq, inArray, or } from 'drizzle-orm';
import { neighbourCards, neighbourContacts } from '../../db/schema';
import { onMembershipEnd } from '../../platform/membership-end';
import { logSwitchesOff } from './consents';

/*
 * Leaving the community (or being revoked) removes the card and closes the person's live
 * contacts at once (server/platform/membership-end.ts, in the membership's transaction); the
 * other side's thread shows 这位邻居 (NEIGHBOUR_GONE) and no card. Registered when this module loads.
 */
onMembershipEnd('neighbours', async (tx, { communityId, userId, now }) => {
  const cards = await tx
    .delete(neighbourCards)
    .where(and(eq(neighbourCards.communityId, communityId), eq(neighbourCards.userId, userId)))
    .returning();
  for (const card of cards) await logSwitchesOff(tx, card, now);
  await tx
    .update(neighbourContacts)
    .set({ state: 'closed', closedAt: now, closedBy: userId })
    .where(
      and(
        eq(neighbourContacts.communityId, communityId),
        or(eq(neighbourContacts.requesterId, userId), eq(neighbourContacts.addresseeId, userId)),
        inArray(neighbourContacts.state, ['pending', 'accepted']),
      ),
    );
});
