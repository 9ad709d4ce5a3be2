import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/audit-actions';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { neighbourCards } from '../../db/schema';
import { audited } from '../../platform/audited';
import { notifyUser } from '../../platform/notify';
import { requireNeighbourStaff } from './access';
import { type CardRow, cardView, ownerIsApprovedMember, selectCards } from './views';

/*
 * The committee's side of 找邻居's cards (docs/decisions/024-neighbours.md): the listed cards as
 * neighbours see them (never a field whose switch is off), with state, report count and the
 * tags a moderator hid; and hiding or showing again one tag of a card, audited, its owner told.
 */

const BAD_CURSOR = '翻页位置不对，请刷新后再试';
const encodeCursor = (id: number) => `k${id}`;
function decodeCursor(value: string): number {
  const m = /^k(\d{1,10})$/.exec(value);
  if (!m) throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
  return Number(m[1]);
}

/** `q` as an ILIKE pattern, its own % _ \ taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Db = SignedIn['deps']['database']['db'];
/** A row of `selectCards` (its joined columns may be null, which `CardRow` does not say). */
type SelectedCard = Awaited<ReturnType<typeof selectCards>>[number];

/** The cards as the admin list shows them: the neighbours' view plus what moderation needs. */
async function adminItems(ctx: SignedIn, db: Db, rows: SelectedCard[]) {
  if (rows.length === 0) return [];
  const reports = await db
    .select({ id: neighbourCards.id, reportCount: neighbourCards.reportCount })
    .from(neighbourCards)
    .where(
      inArray(
        neighbourCards.id,
        rows.map((r) => r.id),
      ),
    );
  const reportCount = new Map(reports.map((r) => [r.id, r.reportCount]));
  return rows.map((row) => ({
    ...cardView(ctx.deps, row as CardRow, null),
    state: row.state,
    hiddenTags: row.hiddenTags,
    reportCount: reportCount.get(row.id) ?? 0,
    listed: row.listed,
  }));
}

export async function listCardsAdmin(
  ctx: SignedIn,
  communityId: number,
  query: { tag?: string; q?: string; cursor?: string; limit: number },
) {
  await requireNeighbourStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const c = neighbourCards;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await selectCards(db)
    .where(
      and(
        eq(c.communityId, communityId),
        eq(c.listed, true),
        ne(c.state, 'deleted'),
        ownerIsApprovedMember,
        // A moderator finds people only by what they chose to show, as neighbours do; a
        // hidden tag is still found here (to show it again), never a tag whose switch is off.
        query.tag ? and(eq(c.showTags, true), sql`${query.tag} = any(${c.tags})`) : undefined,
        query.q ? and(eq(c.showName, true), sql`${c.displayName} ilike ${likePattern(query.q)}`) : undefined,
        after !== null ? lt(c.id, after) : undefined,
      ),
    )
    .orderBy(desc(c.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await adminItems(ctx, db, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

/** One card of the community as the admin list shows it (404 for another community's). */
async function adminCard(ctx: SignedIn, communityId: number, cardId: number) {
  const db = ctx.deps.database.db;
  const rows = await selectCards(db).where(
    and(eq(neighbourCards.id, cardId), eq(neighbourCards.communityId, communityId)),
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  const [item] = await adminItems(ctx, db, rows);
  return item;
}

const tagMoves = {
  hide: {
    audit: 'neighbour.hide_tag',
    told: '已被居委会隐藏',
    wrong: (hidden: boolean) => (hidden ? '这个标签已经隐藏了，请刷新后再看' : null),
  },
  restore: {
    audit: 'neighbour.restore_tag',
    told: '已恢复显示',
    wrong: (hidden: boolean) => (hidden ? null : '这个标签没有被隐藏，请刷新后再看'),
  },
} as const satisfies Record<string, { audit: AuditAction; told: string; wrong: (hidden: boolean) => string | null }>;

/**
 * Hides one tag of a card from everyone (it is no longer shown nor found), or shows it again.
 * The tag must be on the card; hiding a hidden tag or restoring a shown one is a stale move
 * (409). Audited with the reason; the owner gets an in-app message.
 */
export async function moveCardTag(
  ctx: SignedIn,
  communityId: number,
  cardId: number,
  move: keyof typeof tagMoves,
  input: { tag: string; reason?: string | null },
) {
  await requireNeighbourStaff(ctx, communityId);
  const m = tagMoves[move];
  const reason = input.reason ?? null;
  await audited(ctx, m.audit, async (tx) => {
    const [card] = await tx
      .select({
        id: neighbourCards.id,
        userId: neighbourCards.userId,
        tags: neighbourCards.tags,
        hiddenTags: neighbourCards.hiddenTags,
      })
      .from(neighbourCards)
      .where(and(eq(neighbourCards.id, cardId), eq(neighbourCards.communityId, communityId)))
      .for('update');
    if (!card) throw new AppError('NOT_FOUND');
    if (!card.tags.includes(input.tag))
      throw new AppError('INVALID_STATE', '这张名片上没有这个标签，可能居民已经改了名片，请刷新后再看');
    const wrong = m.wrong(card.hiddenTags.includes(input.tag));
    if (wrong) throw new AppError('INVALID_STATE', wrong);
    const hiddenTags =
      move === 'hide' ? [...card.hiddenTags, input.tag] : card.hiddenTags.filter((t) => t !== input.tag);
    await tx.update(neighbourCards).set({ hiddenTags }).where(eq(neighbourCards.id, card.id));
    const now = ctx.deps.clock();
    await notifyUser(tx, {
      userId: card.userId,
      communityId,
      kind: `neighbour.${move}_tag`,
      title: `您名片上的标签${m.told}`,
      body: [`您名片上的标签“${input.tag}”${m.told}。`, reason ? `原因：${reason}` : ''].join(''),
      link: `/packages/neighbours/me/index?communityId=${communityId}`,
      key: `neighbour.${move}_tag:${card.id}:${now.getTime()}:${input.tag}`,
    });
    return {
      result: null,
      audit: {
        communityId,
        targetId: card.id,
        before: { hiddenTags: card.hiddenTags },
        after: { tag: input.tag, hiddenTags, reason },
      },
    };
  });
  return adminCard(ctx, communityId, cardId);
}
