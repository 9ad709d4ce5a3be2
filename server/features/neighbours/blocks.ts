import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { NEIGHBOUR_NO_NAME } from '../../../shared/domain/neighbour-card';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { memberships, neighbourBlocks, neighbourCards, neighbourContacts } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireMemberNeighbour, requireNeighbour } from './access';
import { otherSide, partyContact } from './contacts';
import { type CardRow, cardView, selectCards } from './views';

/*
 * Blocks (docs/decisions/024-neighbours.md): silent both ways, idempotent, closing every live
 * contact between the two; nobody is told. Lifting a block reopens nothing.
 */

/** Either of the two blocked the other in the community. */
export async function blockedEither(db: Tx, communityId: number, a: number, b: number): Promise<boolean> {
  const [row] = await db
    .select({ id: neighbourBlocks.id })
    .from(neighbourBlocks)
    .where(
      and(
        eq(neighbourBlocks.communityId, communityId),
        or(
          and(eq(neighbourBlocks.blockerId, a), eq(neighbourBlocks.blockedId, b)),
          and(eq(neighbourBlocks.blockerId, b), eq(neighbourBlocks.blockedId, a)),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The name the person's card shows now (or 邻居). */
async function labelOf(ctx: SignedIn, tx: Tx, communityId: number, userId: number) {
  const [card] = await selectCards(tx).where(
    and(eq(neighbourCards.communityId, communityId), eq(neighbourCards.userId, userId)),
  );
  return (card ? cardView(ctx.deps, card as CardRow, null).displayName : null) ?? NEIGHBOUR_NO_NAME;
}

async function block(ctx: SignedIn, communityId: number, blockerId: number, blockedId: number) {
  const now = ctx.deps.clock();
  return ctx.deps.database.db.transaction(async (tx) => {
    const label = await labelOf(ctx, tx, communityId, blockedId);
    const [made] = await tx
      .insert(neighbourBlocks)
      .values({ communityId, blockerId, blockedId, label, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: neighbourBlocks.id });
    const [row] = made
      ? [made]
      : await tx
          .select({ id: neighbourBlocks.id })
          .from(neighbourBlocks)
          .where(
            and(
              eq(neighbourBlocks.communityId, communityId),
              eq(neighbourBlocks.blockerId, blockerId),
              eq(neighbourBlocks.blockedId, blockedId),
            ),
          );
    await tx
      .update(neighbourContacts)
      .set({ state: 'closed', closedAt: now, closedBy: blockerId })
      .where(
        and(
          eq(neighbourContacts.communityId, communityId),
          inArray(neighbourContacts.state, ['pending', 'accepted']),
          or(
            and(eq(neighbourContacts.requesterId, blockerId), eq(neighbourContacts.addresseeId, blockedId)),
            and(eq(neighbourContacts.requesterId, blockedId), eq(neighbourContacts.addresseeId, blockerId)),
          ),
        ),
      );
    return { blockId: row.id };
  });
}

/** Block a card's owner: any card of an approved member of the community but the caller's own. */
export async function blockNeighbour(ctx: SignedIn, communityId: number, cardId: number) {
  const me = await requireMemberNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const [card] = await db
    .select({ userId: neighbourCards.userId })
    .from(neighbourCards)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, neighbourCards.userId),
        eq(memberships.communityId, communityId),
        eq(memberships.status, 'approved'),
      ),
    )
    .where(and(eq(neighbourCards.id, cardId), eq(neighbourCards.communityId, communityId)));
  if (!card || card.userId === me.userId) throw new AppError('NOT_FOUND');
  return block(ctx, communityId, me.userId, card.userId);
}

/** Block the other side of one of the caller's contacts. */
export async function blockContactOwner(ctx: SignedIn, communityId: number, contactId: number) {
  const me = await requireNeighbour(ctx, communityId);
  const c = await partyContact(ctx.deps.database.db, communityId, contactId, me.userId);
  const other = otherSide(c, me.userId);
  if (other === null) throw new AppError('NOT_FOUND');
  return block(ctx, communityId, me.userId, other);
}

export async function listBlocks(ctx: SignedIn, communityId: number) {
  const me = await requireNeighbour(ctx, communityId);
  const rows = await ctx.deps.database.db
    .select({ id: neighbourBlocks.id, label: neighbourBlocks.label, createdAt: neighbourBlocks.createdAt })
    .from(neighbourBlocks)
    .where(and(eq(neighbourBlocks.communityId, communityId), eq(neighbourBlocks.blockerId, me.userId)))
    .orderBy(desc(neighbourBlocks.id));
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function unblockNeighbour(ctx: SignedIn, communityId: number, blockId: number) {
  const me = await requireNeighbour(ctx, communityId);
  const gone = await ctx.deps.database.db
    .delete(neighbourBlocks)
    .where(
      and(
        eq(neighbourBlocks.id, blockId),
        eq(neighbourBlocks.communityId, communityId),
        eq(neighbourBlocks.blockerId, me.userId),
      ),
    )
    .returning({ id: neighbourBlocks.id });
  if (gone.length === 0) throw new AppError('NOT_FOUND');
  return null;
}
