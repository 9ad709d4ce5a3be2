import { and, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type {
  DirectoryCard,
  listNeighbours as listNeighboursRoute,
  neighbourFacets as neighbourFacetsRoute,
} from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_DAILY_CARDS } from '../../../shared/contracts/neighbours';
import type { ReplyOf } from '../../../shared/contracts/route';
import { shownCard } from '../../../shared/domain/neighbour-card';
import { contactView } from '../../../shared/domain/neighbour-contact';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, neighbourBlocks, neighbourCards, neighbourContacts, neighbourDailyViews } from '../../db/schema';
import type { Tx } from '../../deps';
import { chinaDay } from '../../platform/screening/text';
import { type Neighbour, requireNeighbour } from './access';
import { type CardRow, cardFacts, cardView, ownerIsApprovedMember, selectCards } from './views';

/*
 * The directory (docs/decisions/024-neighbours.md): listed, visible cards of approved members,
 * never the caller's own, never anyone blocked either way; filters that honour the switches in
 * SQL; 同楼 first; keyset paging; a ceiling of cards per viewer per China day.
 */

const BAD_CURSOR = '翻页位置不对，请刷新后再试';
const LIMIT_REACHED = `今天已经看了${NEIGHBOUR_DAILY_CARDS}张名片，明天再来看吧`;

/** Neither the viewer nor the card's owner blocked the other (in the card's community). */
export const notBlockedWith = (
  viewerId: number,
  ownerCol: SQL | typeof neighbourCards.userId = neighbourCards.userId,
) =>
  sql`not exists (select 1 from ${neighbourBlocks} where ${neighbourBlocks.communityId} = ${neighbourCards.communityId}
  and ((${neighbourBlocks.blockerId} = ${viewerId} and ${neighbourBlocks.blockedId} = ${ownerCol})
    or (${neighbourBlocks.blockerId} = ${ownerCol} and ${neighbourBlocks.blockedId} = ${viewerId})))`;

/** Cards the viewer may see in the community (the directory's and a card link's rule). */
export function shownTo(communityId: number, viewerId: number): SQL {
  return and(
    eq(neighbourCards.communityId, communityId),
    eq(neighbourCards.listed, true),
    eq(neighbourCards.state, 'visible'),
    ne(neighbourCards.userId, viewerId),
    ownerIsApprovedMember,
    notBlockedWith(viewerId),
  ) as SQL;
}

/** 1 when the card shows its building and it is the viewer's (the order of 同楼 first). */
const sameFlag = (viewerBuildingId: number | null) =>
  viewerBuildingId === null
    ? sql<number>`cast(0 as int)`
    : sql<number>`(case when ${neighbourCards.showBuilding} and ${neighbourCards.buildingId} = ${viewerBuildingId} then 1 else 0 end)`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Cursor {
  same: 0 | 1;
  id: number;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.same, c.id])).toString('base64url');
function decodeCursor(value: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && (v[0] === 0 || v[0] === 1) && Number.isInteger(v[1]) && v[1] > 0)
      return { same: v[0], id: v[1] };
  } catch {}
  throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
}

/**
 * Takes up to `n` cards of the viewer's daily allowance (row-locked: concurrent pages never pass
 * the ceiling together); returns how many were granted and what is left after them.
 */
async function takeAllowance(
  tx: Tx,
  communityId: number,
  userId: number,
  now: Date,
  n: number,
): Promise<{ granted: number; remaining: number }> {
  const day = chinaDay(now);
  await tx.insert(neighbourDailyViews).values({ communityId, userId, day, shown: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ shown: neighbourDailyViews.shown })
    .from(neighbourDailyViews)
    .where(
      and(
        eq(neighbourDailyViews.communityId, communityId),
        eq(neighbourDailyViews.userId, userId),
        eq(neighbourDailyViews.day, day),
      ),
    )
    .for('update');
  const shown = row?.shown ?? 0;
  const granted = Math.max(0, Math.min(n, NEIGHBOUR_DAILY_CARDS - shown));
  if (granted > 0)
    await tx
      .update(neighbourDailyViews)
      .set({ shown: shown + granted })
      .where(
        and(
          eq(neighbourDailyViews.communityId, communityId),
          eq(neighbourDailyViews.userId, userId),
          eq(neighbourDailyViews.day, day),
        ),
      );
  return { granted, remaining: NEIGHBOUR_DAILY_CARDS - shown - granted };
}

/** The live or most recent contact between the viewer and each of these card owners: one query. */
async function contactsWith(db: Tx, communityId: number, viewerId: number, ownerIds: number[]) {
  const out = new Map<number, DirectoryCard['contact']>();
  if (ownerIds.length === 0) return out;
  const rows = await db
    .select({
      id: neighbourContacts.id,
      requesterId: neighbourContacts.requesterId,
      addresseeId: neighbourContacts.addresseeId,
      state: neighbourContacts.state,
      closedBy: neighbourContacts.closedBy,
    })
    .from(neighbourContacts)
    .where(
      and(
        eq(neighbourContacts.communityId, communityId),
        or(
          and(eq(neighbourContacts.requesterId, viewerId), inArray(neighbourContacts.addresseeId, ownerIds)),
          and(eq(neighbourContacts.addresseeId, viewerId), inArray(neighbourContacts.requesterId, ownerIds)),
        ),
      ),
    )
    .orderBy(desc(neighbourContacts.id));
  const live = (s: string) => s === 'pending' || s === 'accepted';
  const chosen = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const other = r.requesterId === viewerId ? r.addresseeId : r.requesterId;
    if (other === null) continue;
    const had = chosen.get(other);
    if (!had || (!live(had.state) && live(r.state))) chosen.set(other, r);
  }
  for (const [other, r] of chosen)
    out.set(other, {
      id: r.id,
      view: contactView({ state: r.state, iAsked: r.requesterId === viewerId, iClosed: r.closedBy === viewerId }),
    });
  return out;
}

type ListReply = ReplyOf<typeof listNeighboursRoute>;
interface ListQuery {
  tag?: string;
  buildingId?: number;
  q?: string;
  cursor?: string;
  limit: number;
}

export async function listNeighbours(ctx: SignedIn, communityId: number, query: ListQuery): Promise<ListReply> {
  const n = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const same = sameFlag(n.buildingId);
  const conditions: SQL[] = [shownTo(communityId, n.userId)];
  if (query.tag)
    conditions.push(
      sql`${neighbourCards.showTags} and ${query.tag} = any(${neighbourCards.tags}) and not (${query.tag} = any(${neighbourCards.hiddenTags}))`,
    );
  if (query.buildingId)
    conditions.push(sql`${neighbourCards.showBuilding} and ${neighbourCards.buildingId} = ${query.buildingId}`);
  if (query.q)
    conditions.push(sql`${neighbourCards.showName} and ${neighbourCards.displayName} ilike ${likePattern(query.q)}`);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    conditions.push(sql`(${same} < ${c.same} or (${same} = ${c.same} and ${neighbourCards.id} < ${c.id}))`);
  }
  const limit = query.limit;
  const rows = await selectCards(db)
    .where(and(...conditions))
    .orderBy(desc(same), desc(neighbourCards.id))
    .limit(limit + 1);
  let page = rows.slice(0, limit);
  const more = rows.length > limit;
  const { granted, remaining } = await db.transaction((tx) =>
    takeAllowance(tx, communityId, n.userId, now, page.length),
  );
  if (page.length > 0 && granted === 0) throw new AppError('DIRECTORY_LIMIT', LIMIT_REACHED);
  const trimmed = granted < page.length;
  page = page.slice(0, granted);
  const last = page.at(-1);
  const nextCursor =
    (more || trimmed) && last ? encodeCursor({ same: isSame(last, n.buildingId) ? 1 : 0, id: last.id }) : null;
  const contacts = await contactsWith(
    db,
    communityId,
    n.userId,
    page.map((r) => r.userId),
  );
  return {
    items: page.map((r) => ({ ...cardView(ctx.deps, r, n.buildingId), contact: contacts.get(r.userId) ?? null })),
    nextCursor,
    remainingToday: remaining,
  };
}

const isSame = (r: CardRow, viewerBuildingId: number | null) =>
  viewerBuildingId !== null && r.showBuilding && r.buildingId === viewerBuildingId;

export async function getNeighbourCard(ctx: SignedIn, communityId: number, cardId: number): Promise<DirectoryCard> {
  const n = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const [own] = await selectCards(db).where(
    and(
      eq(neighbourCards.id, cardId),
      eq(neighbourCards.communityId, communityId),
      eq(neighbourCards.userId, n.userId),
    ),
  );
  // The owner opening their own card sees the preview (what a neighbour of another building gets).
  if (own) return { ...shownCard(cardFacts(ctx.deps, own), null), contact: null };
  const [row] = await selectCards(db).where(and(eq(neighbourCards.id, cardId), shownTo(communityId, n.userId)));
  if (!row) throw new AppError('NOT_FOUND');
  // Opening cards one by one is browsing too: it counts towards the daily ceiling.
  const { granted } = await db.transaction((tx) => takeAllowance(tx, communityId, n.userId, ctx.deps.clock(), 1));
  if (granted === 0) throw new AppError('DIRECTORY_LIMIT', LIMIT_REACHED);
  const contacts = await contactsWith(db, communityId, n.userId, [row.userId]);
  return { ...cardView(ctx.deps, row, n.buildingId), contact: contacts.get(row.userId) ?? null };
}

type FacetsReply = ReplyOf<typeof neighbourFacetsRoute>;

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

export async function neighbourFacets(ctx: SignedIn, communityId: number): Promise<FacetsReply> {
  const n: Neighbour = await requireNeighbour(ctx, communityId);
  const db = ctx.deps.database.db;
  const listedCards = and(
    eq(neighbourCards.communityId, communityId),
    eq(neighbourCards.listed, true),
    eq(neighbourCards.state, 'visible'),
    ownerIsApprovedMember,
  );
  const [tagRows, buildingRows, [mine]] = await Promise.all([
    db.execute(sql`
      select t.tag as tag, count(*)::int as count
      from ${neighbourCards} cross join lateral unnest(${neighbourCards.tags}) as t(tag)
      where ${listedCards} and ${neighbourCards.showTags} and not (t.tag = any(${neighbourCards.hiddenTags}))
      group by t.tag
      order by count(*) desc, t.tag`),
    db
      .select({ id: buildings.id, name: buildings.name, count: sql<number>`count(*)::int` })
      .from(neighbourCards)
      .innerJoin(buildings, eq(buildings.id, neighbourCards.buildingId))
      .where(and(listedCards, eq(neighbourCards.showBuilding, true)))
      .groupBy(buildings.id, buildings.name)
      .orderBy(buildings.name),
    db
      .select({ listed: neighbourCards.listed })
      .from(neighbourCards)
      .where(and(eq(neighbourCards.communityId, communityId), eq(neighbourCards.userId, n.userId))),
  ]);
  return {
    tags: rowsOf<{ tag: string; count: number }>(tagRows).map((r) => ({ tag: r.tag, count: Number(r.count) })),
    buildings: buildingRows.map((b) => ({ id: b.id, name: b.name, count: Number(b.count) })),
    myBuildingId: n.buildingId,
    listed: mine?.listed ?? false,
  };
}
