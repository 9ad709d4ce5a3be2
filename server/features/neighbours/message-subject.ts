import { eq } from 'drizzle-orm';
import { neighbourContacts, neighbourMessages } from '../../db/schema';
import { type ContentItem, defineContentSubject } from '../../platform/content';
import { excerptOf } from '../board/subjects';
import { threadPath } from './notify';

/**
 * A private message as the content subject `neighbour_message` (server/platform/content.ts):
 * screening's image verdicts and moderation act through it. Only the other side of its thread
 * may see it, and so report it. Registered when this module loads (routes-contacts.ts imports it).
 */
export const messageSubject = defineContentSubject({
  subject: 'neighbour_message',
  async lock(tx, id) {
    const [row] = await tx
      .select({
        id: neighbourMessages.id,
        communityId: neighbourMessages.communityId,
        authorId: neighbourMessages.authorId,
        state: neighbourMessages.state,
        heldReason: neighbourMessages.heldReason,
      })
      .from(neighbourMessages)
      .where(eq(neighbourMessages.id, id))
      .for('update');
    return (row as ContentItem | undefined) ?? null;
  },
  async setState(tx, item, change) {
    await tx
      .update(neighbourMessages)
      .set({ state: change.state, heldReason: change.heldReason, stateReason: change.stateReason })
      .where(eq(neighbourMessages.id, item.id));
  },
  async path(tx, item) {
    const [row] = await tx
      .select({ contactId: neighbourMessages.contactId })
      .from(neighbourMessages)
      .where(eq(neighbourMessages.id, item.id));
    return threadPath(item.communityId, row?.contactId ?? 0);
  },
  async excerpt(tx, item) {
    const [row] = await tx
      .select({ body: neighbourMessages.body })
      .from(neighbourMessages)
      .where(eq(neighbourMessages.id, item.id));
    return excerptOf(row?.body ?? '');
  },
  async visibleTo(tx, item, userId) {
    if (item.authorId === userId) return false;
    const [c] = await tx
      .select({ requesterId: neighbourContacts.requesterId, addresseeId: neighbourContacts.addresseeId })
      .from(neighbourMessages)
      .innerJoin(neighbourContacts, eq(neighbourContacts.id, neighbourMessages.contactId))
      .where(eq(neighbourMessages.id, item.id));
    return c !== undefined && (c.requesterId === userId || c.addresseeId === userId);
  },
});
