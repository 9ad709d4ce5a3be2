import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { messageInput, NeighbourMessageView } from '../../../shared/contracts/neighbours';
import type { ServiceContext, SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { neighbourContacts, neighbourMessages, neighbourMessageUploads, uploads } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { attachUploads, uploadView } from '../../platform/files';
import { queueImageChecks, screenText } from '../../platform/screening';
import { refuseMuted } from '../board/limits';
import { requireNeighbour } from './access';
import { blockedEither } from './blocks';
import { otherSide, partyContact } from './contacts';
import { notifyNewMessage } from './notify';

/*
 * Messages of a private thread (docs/decisions/024-neighbours.md): screened like board text, but a
 * message WeChat would hold for a person is refused (the sender rephrases): private words do not
 * wait in a queue for strangers. Photos wait for their checks, seen by their sender only meanwhile.
 */

/** Messages one sender may write in one thread in 24 hours. */
export const MESSAGES_PER_DAY = 100;
const DAY_MS = 86_400_000;
const REPHRASE = '这段话暂时发不出去，请换个说法再发';

/** Screens a request or a message; held is refused like rejected (nothing is stored). */
export async function screenPrivate(ctx: ServiceContext, communityId: number, userId: number, texts: string[]) {
  const verdict = await screenText(ctx, { communityId, userId, texts });
  if (verdict.state === 'held') throw new AppError('CONTENT_REJECTED', REPHRASE);
}

export type MessageRow = typeof neighbourMessages.$inferSelect;

/** Messages as the caller sees them, with their photos (signed URLs). */
export async function messageViews(
  deps: AppDeps,
  tx: Tx,
  userId: number,
  rows: MessageRow[],
): Promise<NeighbourMessageView[]> {
  const ids = rows.map((r) => r.id);
  const photos = ids.length
    ? await tx
        .select({
          messageId: neighbourMessageUploads.messageId,
          position: neighbourMessageUploads.position,
          u: uploads,
        })
        .from(neighbourMessageUploads)
        .innerJoin(uploads, eq(uploads.id, neighbourMessageUploads.uploadId))
        .where(inArray(neighbourMessageUploads.messageId, ids))
        .orderBy(neighbourMessageUploads.messageId, neighbourMessageUploads.position)
    : [];
  return rows.map((r) => ({
    id: r.id,
    mine: r.authorId === userId,
    isRequest: r.isRequest,
    body: r.body,
    photos: photos
      .filter((p) => p.messageId === r.id)
      .map((p) => {
        const v = uploadView(deps, p.u);
        return { id: p.u.id, url: v.urls.display ?? '', thumbUrl: v.urls.thumbnail };
      }),
    state: r.state,
    createdAt: r.createdAt.toISOString(),
  }));
}

const BAD_PHOTO = '照片不对，请重新上传';

/** The sender's own unattached photos of the community, in the order given. */
async function attachPhotos(tx: Tx, userId: number, communityId: number, messageId: number, ids: number[], now: Date) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: uploads.id, kind: uploads.kind, by: uploads.uploadedBy, attachedAt: uploads.attachedAt })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.communityId, communityId)))
    .for('update');
  const ok = rows.filter((u) => u.kind === 'image' && u.by === userId && u.attachedAt === null);
  if (ok.length !== ids.length)
    throw new AppError('VALIDATION_FAILED', BAD_PHOTO, [{ in: 'body', path: 'photoIds', message: BAD_PHOTO }]);
  await attachUploads(tx, { communityId, ids, isPublic: false, now });
  await tx.insert(neighbourMessageUploads).values(ids.map((uploadId, position) => ({ messageId, uploadId, position })));
}

/** Writing needs an accepted contact and no block either way. */
async function refuseClosed(
  tx: Tx,
  communityId: number,
  userId: number,
  c: { state: string } & Parameters<typeof otherSide>[0],
) {
  const other = otherSide(c, userId);
  if (c.state !== 'accepted' || other === null || (await blockedEither(tx, communityId, userId, other)))
    throw new AppError('CONTACT_CLOSED');
  return other;
}

export async function sendMessage(
  ctx: SignedIn,
  communityId: number,
  contactId: number,
  input: z.output<typeof messageInput>,
): Promise<NeighbourMessageView> {
  const me = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const before = await partyContact(db, communityId, contactId, me.userId);
  await refuseClosed(db, communityId, me.userId, before);
  await refuseMuted(db, communityId, me.userId, now);
  await screenPrivate(ctx, communityId, me.userId, [input.body]);
  const row = await db.transaction(async (tx) => {
    const c = await partyContact(tx, communityId, contactId, me.userId, true);
    const other = await refuseClosed(tx, communityId, me.userId, c);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(neighbourMessages)
      .where(
        and(
          eq(neighbourMessages.contactId, c.id),
          eq(neighbourMessages.authorId, me.userId),
          gt(neighbourMessages.createdAt, new Date(now.getTime() - DAY_MS)),
        ),
      );
    if (n >= MESSAGES_PER_DAY)
      throw new AppError('RATE_LIMITED', `每天最多给一位邻居发${MESSAGES_PER_DAY}条消息，明天再聊吧`, {
        limit: MESSAGES_PER_DAY,
      });
    const [m] = await tx
      .insert(neighbourMessages)
      .values({ communityId, contactId: c.id, authorId: me.userId, body: input.body, createdAt: now })
      .returning();
    await attachPhotos(tx, me.userId, communityId, m.id, input.photoIds, now);
    const wait = await queueImageChecks(tx, ctx, {
      communityId,
      userId: me.userId,
      subject: 'neighbour_message',
      subjectId: m.id,
      uploadIds: input.photoIds,
    });
    let result = m;
    if (wait)
      [result] = await tx
        .update(neighbourMessages)
        .set({ state: 'held', heldReason: 'images_pending' })
        .where(eq(neighbourMessages.id, m.id))
        .returning();
    // The sender has read what they wrote.
    const mineRead = c.requesterId === me.userId ? { requesterReadId: m.id } : { addresseeReadId: m.id };
    await tx
      .update(neighbourContacts)
      .set({ lastMessageAt: now, ...mineRead })
      .where(eq(neighbourContacts.id, c.id));
    if (!wait) await notifyNewMessage(tx, c, other, now);
    return result;
  });
  const [view] = await messageViews(ctx.deps, db, me.userId, [row]);
  return view;
}
