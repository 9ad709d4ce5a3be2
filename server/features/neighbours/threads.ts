import { and, desc, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { SignedIn } from '../../core/context';
import { neighbourContacts, neighbourMessages } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { requireNeighbour } from './access';
import { blockedEither } from './blocks';
import { type ContactRow, contactItems, otherSide, partyContact } from './contacts';
import { messageViews } from './messages';

/*
 * One contact and its thread, for its two parties only: the other side's messages when visible,
 * the caller's own in every state but deleted; what each side shared (theirs only while
 * accepted); opening it marks it read.
 */

/** The messages of a thread the user may see. */
const seenBy = (contactId: number, userId: number) =>
  and(
    eq(neighbourMessages.contactId, contactId),
    or(
      eq(neighbourMessages.state, 'visible'),
      and(eq(neighbourMessages.authorId, userId), ne(neighbourMessages.state, 'deleted')),
    ),
  );

const decrypt = (deps: AppDeps, value: string | null) => (value ? deps.cipher.decrypt(value) : null);

export function sharesOf(deps: AppDeps, c: ContactRow, userId: number, open: boolean) {
  const iAsked = c.requesterId === userId;
  const mine = iAsked
    ? { phone: decrypt(deps, c.requesterPhoneEnc), wechatId: decrypt(deps, c.requesterWechatEnc) }
    : { phone: decrypt(deps, c.addresseePhoneEnc), wechatId: decrypt(deps, c.addresseeWechatEnc) };
  const theirs =
    open && c.state === 'accepted'
      ? iAsked
        ? { phone: decrypt(deps, c.addresseePhoneEnc), wechatId: decrypt(deps, c.addresseeWechatEnc) }
        : { phone: decrypt(deps, c.requesterPhoneEnc), wechatId: decrypt(deps, c.requesterWechatEnc) }
      : { phone: null, wechatId: null };
  return { mine, theirs };
}

async function markRead(tx: Tx, c: ContactRow, userId: number) {
  const [{ newest }] = await tx
    .select({ newest: sql<number | null>`max(${neighbourMessages.id})::int` })
    .from(neighbourMessages)
    .where(seenBy(c.id, userId));
  if (newest === null) return c;
  const column = c.requesterId === userId ? neighbourContacts.requesterReadId : neighbourContacts.addresseeReadId;
  const [row] = await tx
    .update(neighbourContacts)
    .set(
      c.requesterId === userId
        ? { requesterReadId: sql`greatest(${column}, ${newest})` }
        : { addresseeReadId: sql`greatest(${column}, ${newest})` },
    )
    .where(eq(neighbourContacts.id, c.id))
    .returning();
  return row ?? c;
}

export async function getContact(
  ctx: SignedIn,
  communityId: number,
  contactId: number,
  query: { before?: number; limit: number },
) {
  const me = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  let c = await partyContact(db, communityId, contactId, me.userId);
  const rows = await db
    .select()
    .from(neighbourMessages)
    .where(and(seenBy(c.id, me.userId), query.before ? lt(neighbourMessages.id, query.before) : undefined))
    .orderBy(desc(neighbourMessages.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).reverse();
  const other = otherSide(c, me.userId);
  const open = other !== null && !(await blockedEither(db, communityId, me.userId, other));
  c = await markRead(db, c, me.userId);
  const [item] = await contactItems(ctx.deps, db, me, communityId, [c]);
  const shares = sharesOf(ctx.deps, c, me.userId, open);
  return {
    contact: item,
    messages: await messageViews(ctx.deps, db, me.userId, page),
    olderBefore: more && page.length ? page[0].id : null,
    myShare: shares.mine,
    theirShare: shares.theirs,
    canSend: open && c.state === 'accepted',
  };
}
