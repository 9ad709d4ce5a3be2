import { and, desc, eq, gte, inArray, isNotNull, or, sql } from 'drizzle-orm';
import {
  type ContactListItem,
  type ContactView,
  NEIGHBOUR_DAILY_REQUESTS,
  NEIGHBOUR_DECLINE_COOLDOWN_DAYS,
} from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_CONSENT_VERSION } from '../../../shared/domain/neighbour-card';
import { contactView } from '../../../shared/domain/neighbour-contact';
import type { SignedIn } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { neighbourBlocks, neighbourCards, neighbourContacts, neighbourMessages, users } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { chinaDay } from '../../platform/screening/text';
import { refuseMuted } from '../board/limits';
import { excerptOf } from '../board/subjects';
import { type Neighbour, requireMemberNeighbour, requireNeighbour } from './access';
import { blockedEither } from './blocks';
import { shownTo } from './directory';
import { screenPrivate } from './messages';
import { notifyAccepted, notifyRequest } from './notify';
import { type CardRow, cardView, ownerIsApprovedMember, selectCards } from './views';

/*
 * Contact requests (docs/decisions/024-neighbours.md): one live contact per pair, a few requests
 * a day counted under a lock on the requester's card, 30 days' cooling after a decline, and
 * accept / decline / withdraw as compare-and-set on state = 'pending'.
 */

export type ContactRow = typeof neighbourContacts.$inferSelect;

/** A contact of the community the caller is a party to (404 for anyone else), optionally locked. */
export async function partyContact(
  tx: Tx,
  communityId: number,
  contactId: number,
  userId: number,
  lock = false,
): Promise<ContactRow> {
  const q = tx
    .select()
    .from(neighbourContacts)
    .where(
      and(
        eq(neighbourContacts.id, contactId),
        eq(neighbourContacts.communityId, communityId),
        or(eq(neighbourContacts.requesterId, userId), eq(neighbourContacts.addresseeId, userId)),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export const otherSide = (c: ContactRow, userId: number) => (c.requesterId === userId ? c.addresseeId : c.requesterId);

export const viewOf = (c: ContactRow, userId: number): ContactView =>
  contactView({ state: c.state, iAsked: c.requesterId === userId, iClosed: c.closedBy === userId });

/** Start of the China day `now` falls in. */
const chinaDayStart = (now: Date) => new Date(`${chinaDay(now)}T00:00:00+08:00`);

const DAY_MS = 86_400_000;

export async function requestContact(ctx: SignedIn, communityId: number, cardId: number, message: string) {
  const me = await requireMemberNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  // The card exactly as the directory would show it to the caller.
  const [card] = await db
    .select({ id: neighbourCards.id, userId: neighbourCards.userId })
    .from(neighbourCards)
    .where(and(eq(neighbourCards.id, cardId), shownTo(communityId, me.userId)));
  if (!card) throw new AppError('NOT_FOUND');
  await refuseMuted(db, communityId, me.userId, now);
  await screenPrivate(ctx, communityId, me.userId, [message]);
  const addresseeId = card.userId;
  try {
    const contact = await db.transaction(async (tx) => {
      await ensureOwnCard(tx, communityId, me, now);
      // The requester's card row serialises their requests: the day's count is exact.
      await tx
        .select({ id: neighbourCards.id })
        .from(neighbourCards)
        .where(and(eq(neighbourCards.communityId, communityId), eq(neighbourCards.userId, me.userId)))
        .for('update');
      await refuseMuted(tx, communityId, me.userId, now);
      if (await blockedEither(tx, communityId, me.userId, addresseeId)) throw new AppError('NOT_FOUND');
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(neighbourContacts)
        .where(
          and(
            eq(neighbourContacts.communityId, communityId),
            eq(neighbourContacts.requesterId, me.userId),
            gte(neighbourContacts.createdAt, chinaDayStart(now)),
          ),
        );
      if (n >= NEIGHBOUR_DAILY_REQUESTS) throw new AppError('CONTACT_LIMIT');
      const pair = (a: number, b: number) =>
        and(eq(neighbourContacts.requesterId, a), eq(neighbourContacts.addresseeId, b));
      const [live] = await tx
        .select({ id: neighbourContacts.id })
        .from(neighbourContacts)
        .where(
          and(
            eq(neighbourContacts.communityId, communityId),
            or(pair(me.userId, addresseeId), pair(addresseeId, me.userId)),
            inArray(neighbourContacts.state, ['pending', 'accepted']),
          ),
        );
      if (live) throw new AppError('CONTACT_EXISTS');
      const [cooling] = await tx
        .select({ id: neighbourContacts.id })
        .from(neighbourContacts)
        .where(
          and(
            eq(neighbourContacts.communityId, communityId),
            pair(me.userId, addresseeId),
            eq(neighbourContacts.state, 'declined'),
            gte(neighbourContacts.decidedAt, new Date(now.getTime() - NEIGHBOUR_DECLINE_COOLDOWN_DAYS * DAY_MS)),
          ),
        );
      if (cooling) throw new AppError('CONTACT_COOLING');
      const [c] = await tx
        .insert(neighbourContacts)
        .values({ communityId, requesterId: me.userId, addresseeId, state: 'pending', createdAt: now })
        .returning();
      await tx.insert(neighbourMessages).values({
        communityId,
        contactId: c.id,
        authorId: me.userId,
        isRequest: true,
        body: message,
        createdAt: now,
      });
      await notifyRequest(tx, { id: c.id, communityId, addresseeId });
      return c;
    });
    return { id: contact.id, view: viewOf(contact, me.userId) };
  } catch (error) {
    // The only unique index the transaction can hit is neighbour_contacts_live_pair_uq (the card
    // and the message centre insert with ON CONFLICT DO NOTHING): a request the other way won.
    if (isUniqueViolation(error)) throw new AppError('CONTACT_EXISTS');
    throw error;
  }
}

/**
 * The requester's own card, created unlisted with the defaults when they have none, so that the
 * addressee sees them as their switches say (an unlisted default card shows the display name and
 * building only inside contacts; no consent row is written for it: nothing was switched).
 */
async function ensureOwnCard(tx: Tx, communityId: number, me: Neighbour, now: Date) {
  const [u] = await tx.select({ nickname: users.nickname }).from(users).where(eq(users.id, me.userId));
  await tx
    .insert(neighbourCards)
    .values({
      communityId,
      userId: me.userId,
      householdId: me.householdId,
      buildingId: me.buildingId,
      displayName: (u?.nickname ?? '').slice(0, 12),
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

type Move = 'accept' | 'decline' | 'withdraw';

export async function moveContact(ctx: SignedIn, communityId: number, contactId: number, move: Move) {
  const me = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  return db.transaction(async (tx) => {
    const c = await partyContact(tx, communityId, contactId, me.userId);
    const side =
      move === 'withdraw' ? eq(neighbourContacts.requesterId, me.userId) : eq(neighbourContacts.addresseeId, me.userId);
    const state = move === 'accept' ? 'accepted' : move === 'decline' ? 'declined' : 'withdrawn';
    const [row] = await tx
      .update(neighbourContacts)
      .set({ state, decidedAt: now, ...(move === 'withdraw' ? { closedAt: now } : {}) })
      .where(and(eq(neighbourContacts.id, c.id), eq(neighbourContacts.state, 'pending'), side))
      .returning();
    if (!row) throw new AppError('INVALID_STATE');
    if (move === 'accept' && row.requesterId !== null)
      await notifyAccepted(tx, { id: row.id, communityId, requesterId: row.requesterId });
    return { id: row.id, view: viewOf(row, me.userId) };
  });
}

// ------------------------------------------------------------------ the list

/** A contact as one line of the caller's list (and the head of a thread). */
export async function contactItems(
  deps: AppDeps,
  tx: Tx,
  me: Neighbour,
  communityId: number,
  rows: ContactRow[],
): Promise<ContactListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const otherIds = [...new Set(rows.map((r) => otherSide(r, me.userId)).filter((x): x is number => x !== null))];
  const cards = otherIds.length
    ? await selectCards(tx).where(
        and(
          eq(neighbourCards.communityId, communityId),
          inArray(neighbourCards.userId, otherIds),
          ownerIsApprovedMember,
        ),
      )
    : [];
  // Those who blocked the caller are not shown to them (the blocker still sees whom they blocked).
  const blockers = otherIds.length
    ? await tx
        .select({ id: neighbourBlocks.blockerId })
        .from(neighbourBlocks)
        .where(
          and(
            eq(neighbourBlocks.communityId, communityId),
            eq(neighbourBlocks.blockedId, me.userId),
            inArray(neighbourBlocks.blockerId, otherIds),
          ),
        )
    : [];
  const blockedMe = new Set(blockers.map((b) => b.id));
  const requests = await tx
    .select({ contactId: neighbourMessages.contactId, body: neighbourMessages.body })
    .from(neighbourMessages)
    .where(and(inArray(neighbourMessages.contactId, ids), eq(neighbourMessages.isRequest, true)));
  const last = await tx
    .selectDistinctOn([neighbourMessages.contactId], {
      contactId: neighbourMessages.contactId,
      body: neighbourMessages.body,
      createdAt: neighbourMessages.createdAt,
    })
    .from(neighbourMessages)
    .where(and(inArray(neighbourMessages.contactId, ids), eq(neighbourMessages.state, 'visible')))
    .orderBy(neighbourMessages.contactId, desc(neighbourMessages.id));
  const unread = await tx
    .select({ contactId: neighbourMessages.contactId, n: sql<number>`count(*)::int` })
    .from(neighbourMessages)
    .innerJoin(neighbourContacts, eq(neighbourContacts.id, neighbourMessages.contactId))
    .where(
      and(
        inArray(neighbourMessages.contactId, ids),
        eq(neighbourMessages.state, 'visible'),
        sql`${neighbourMessages.authorId} is distinct from ${me.userId}`,
        sql`${neighbourMessages.id} > case when ${neighbourContacts.requesterId} = ${me.userId} then ${neighbourContacts.requesterReadId} else ${neighbourContacts.addresseeReadId} end`,
      ),
    )
    .groupBy(neighbourMessages.contactId);
  return rows.map((r) => {
    const otherId = otherSide(r, me.userId);
    const card = otherId === null || blockedMe.has(otherId) ? undefined : cards.find((x) => x.userId === otherId);
    // A card a moderator took down shows no text of its own (name and building only).
    const shown = card
      ? cardView(
          deps,
          (card.state === 'visible'
            ? card
            : { ...card, showIntro: false, showTags: false, showHelp: false }) as CardRow,
          me.buildingId,
        )
      : null;
    const lastRow = last.find((x) => x.contactId === r.id);
    return {
      id: r.id,
      view: viewOf(r, me.userId),
      other: shown,
      request: requests.find((x) => x.contactId === r.id)?.body ?? '',
      lastMessage: lastRow ? excerptOf(lastRow.body) : null,
      lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
      unread: unread.find((x) => x.contactId === r.id)?.n ?? 0,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

const activity = sql<Date>`coalesce(${neighbourContacts.lastMessageAt}, ${neighbourContacts.decidedAt}, ${neighbourContacts.createdAt})`;
const BAD_CURSOR = '翻页位置不对，请刷新后再试';

function decodeCursor(value: string): { at: number; id: number } {
  const m = /^(\d+)\.(\d+)$/.exec(value);
  if (!m) throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
  return { at: Number(m[1]), id: Number(m[2]) };
}

export async function listContacts(
  ctx: SignedIn,
  communityId: number,
  query: { box: 'requests' | 'threads'; cursor?: string | null; limit: number },
) {
  const me = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const mine = eq(neighbourContacts.communityId, communityId);
  const asked = eq(neighbourContacts.requesterId, me.userId);
  const askedMe = eq(neighbourContacts.addresseeId, me.userId);
  const where =
    query.box === 'requests'
      ? or(
          and(askedMe, eq(neighbourContacts.state, 'pending')),
          and(
            asked,
            or(
              inArray(neighbourContacts.state, ['pending', 'declined', 'withdrawn']),
              // Closed before it was ever answered (a block, a departure): 对方暂时不方便.
              and(eq(neighbourContacts.state, 'closed'), sql`${neighbourContacts.decidedAt} is null`),
            ),
          ),
        )
      : and(
          or(asked, askedMe),
          or(
            eq(neighbourContacts.state, 'accepted'),
            and(eq(neighbourContacts.state, 'closed'), isNotNull(neighbourContacts.lastMessageAt)),
          ),
        );
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const byActivity = query.box === 'threads';
  const key = byActivity ? activity : neighbourContacts.createdAt;
  const page = after
    ? sql`(${key}, ${neighbourContacts.id}) < (${new Date(after.at).toISOString()}::timestamptz, ${after.id})`
    : undefined;
  const rows = await db
    .select()
    .from(neighbourContacts)
    .where(and(mine, where, page))
    .orderBy(desc(key), desc(neighbourContacts.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  const lastRow = pageRows.at(-1);
  const at = (r: ContactRow) => (byActivity ? (r.lastMessageAt ?? r.decidedAt ?? r.createdAt) : r.createdAt).getTime();
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(neighbourContacts)
    .where(and(mine, askedMe, eq(neighbourContacts.state, 'pending')));
  return {
    items: await contactItems(ctx.deps, db, me, communityId, pageRows),
    nextCursor: more && lastRow ? `${at(lastRow)}.${lastRow.id}` : null,
    toAnswer: n,
  };
}
