import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { NoticeCategory } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { noticeReads, notices } from '../../db/schema';
import { requireCommunity } from '../committees/queries';
import { signupOpen, signupSummaries } from '../signups/summary';
import { canSee, type Viewer, viewerOf, visibleTo } from './access';
import { markRead } from './reads';
import { attachmentsOf, baseView, buildingIdsOf } from './views';

const EXCERPT = 60;
/** Characters of the body read for the excerpt (a list never carries whole bodies). */
const EXCERPT_SOURCE = 300;

/** What a list line needs of a notice (not the body). */
const listColumns = {
  id: notices.id,
  communityId: notices.communityId,
  title: notices.title,
  category: notices.category,
  isPublic: notices.isPublic,
  status: notices.status,
  pinnedUntil: notices.pinnedUntil,
  publishedAt: notices.publishedAt,
  editedAt: notices.editedAt,
  expiresAt: notices.expiresAt,
  signupCapacity: notices.signupCapacity,
  signupDeadline: notices.signupDeadline,
};
const BAD_CURSOR = '翻页位置不对，请刷新后再试';

/**
 * On top of the list: pinned until a later date, or 紧急 and not yet expired. The list reads
 * the two parts with two queries, each in index order (docs/decisions/014-notices.md): the
 * few on top through the partial index notices_top_idx, the rest through notices_list_idx
 * walked newest first, so a page reads about as many rows as it shows.
 */

/** The keyset of the list order: on top, published, id (all descending). */
interface Cursor {
  top: number;
  publishedAt: Date;
  id: number;
}
const encodeCursor = (c: Cursor) => `${c.top}.${c.publishedAt.getTime()}.${c.id}`;
function decodeCursor(value: string): Cursor {
  const m = /^([01])\.(\d{1,15})\.(\d{1,10})$/.exec(value);
  if (!m) throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
  return { top: Number(m[1]), publishedAt: new Date(Number(m[2])), id: Number(m[3]) };
}

/** `q` as an ILIKE pattern: its own % _ \ taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** The same expression as the trigram index (notices_text_trgm), so the index serves it. */
const searchable = sql`(${notices.title} || ' ' || ${notices.body})`;

/**
 * The list's queries are compiled once per shape (who looks, which filters, which part)
 * and run on postgres.js with their values (server/db/prepared.ts hotSelect): drizzle
 * building the same SQL on every request was most of the route's own CPU.
 */
const p = {
  now: sql.placeholder('now'),
  userId: sql.placeholder('userId'),
  communityId: sql.placeholder('communityId'),
  buildingId: sql.placeholder('buildingId'),
  category: sql.placeholder('category'),
  pattern: sql.placeholder('pattern'),
  afterAt: sql.placeholder('afterAt'),
  afterId: sql.placeholder('afterId'),
  limit: sql.placeholder('limit'),
};
const at = (x: typeof p.now | typeof p.afterAt) => sql`${x}::timestamptz`;

/** What decides a query's text: the kind of viewer and the filters present. */
interface Shape {
  kind: Viewer['kind'];
  /** The viewer is signed in (reads are looked up). */
  signedIn: boolean;
  /** A member with a household in a building. */
  building: boolean;
  category: boolean;
  q: boolean;
}
const shapeKey = (s: Shape) => `${s.kind}.${+s.signedIn}.${+s.building}.${+s.category}.${+s.q}`;

function visibleSql(s: Shape): SQL | undefined {
  return and(
    eq(notices.communityId, p.communityId),
    eq(notices.status, 'published'),
    visibleTo({ kind: s.kind, buildingId: s.building ? p.buildingId : null }),
  );
}

/** On top of the list: pinned until a later date, or 紧急 and not yet expired (see onTop above). */
const onTopSql = sql`(${notices.pinnedUntil} is not null or ${notices.category} = 'urgent') and (${notices.pinnedUntil} > ${at(p.now)} or (${notices.category} = 'urgent' and (${notices.expiresAt} is null or ${notices.expiresAt} > ${at(p.now)})))`;
/** Exactly the others (written without NOT, so the planner estimates it and keeps to the index order). */
const notOnTopSql = sql`(${notices.pinnedUntil} is null or ${notices.pinnedUntil} <= ${at(p.now)}) and (${notices.category} <> 'urgent' or ${notices.expiresAt} <= ${at(p.now)})`;

const listFields = {
  ...listColumns,
  head: sql<string>`left(${notices.body}, ${EXCERPT_SOURCE})`,
  read: sql<boolean>`false`,
};

const partQueries = new Map<string, ReturnType<typeof partQuery>>();
function partQuery(s: Shape, top: boolean, after: boolean) {
  const fields = {
    ...listFields,
    read: s.signedIn
      ? // Wrapped once more: drizzle writes a select-list expression's own columns without their
        // table, which inside this subquery would bind "id" to notice_reads.id.
        sql<boolean>`${sql`exists (select 1 from ${noticeReads} where ${noticeReads.noticeId} = ${notices.id} and ${noticeReads.userId} = ${p.userId})`}`
      : sql<boolean>`false`,
  };
  return hotSelect(`notices_${shapeKey(s)}.${+top}.${+after}`, fields, (db, f) =>
    db
      .select(f)
      .from(notices)
      .where(
        and(
          visibleSql(s),
          s.category ? eq(notices.category, p.category) : undefined,
          s.q ? sql`${searchable} ilike ${p.pattern}` : undefined,
          top ? onTopSql : notOnTopSql,
          after ? sql`(${notices.publishedAt}, ${notices.id}) < (${at(p.afterAt)}, ${p.afterId})` : undefined,
        ),
      )
      .orderBy(sql`${notices.publishedAt} desc`, sql`${notices.id} desc`)
      .limit(p.limit),
  );
}

const countQueries = new Map<string, ReturnType<typeof countQuery>>();
function countQuery(s: Shape) {
  return hotSelect(`notices_unread_${shapeKey(s)}`, { n: sql<number>`count(*)::int` }, (db, f) =>
    db
      .select(f)
      .from(notices)
      .leftJoin(noticeReads, and(eq(noticeReads.noticeId, notices.id), eq(noticeReads.userId, p.userId)))
      .where(
        and(
          visibleSql(s),
          isNull(noticeReads.id),
          sql`(${notices.expiresAt} is null or ${notices.expiresAt} > ${at(p.now)})`,
        ),
      ),
  );
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let q = map.get(key);
  if (!q) {
    q = make();
    map.set(key, q);
  }
  return q;
}

export async function listNotices(
  ctx: ServiceContext,
  communityId: number,
  query: { category?: NoticeCategory; q?: string; cursor?: string; limit: number },
) {
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const viewer = await viewerOf(db, ctx.actor, communityId);
  const now = ctx.deps.clock();
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const buildingId = viewer.kind === 'member' ? viewer.buildingId : null;
  const shape: Shape = {
    kind: viewer.kind,
    signedIn: viewer.userId !== null,
    building: buildingId !== null,
    category: query.category !== undefined,
    q: query.q !== undefined && query.q !== '',
  };
  const key = shapeKey(shape);
  const values = {
    now: now.toISOString(),
    userId: viewer.userId,
    communityId,
    buildingId,
    category: query.category ?? null,
    pattern: shape.q ? likePattern(query.q as string) : null,
    afterAt: after?.publishedAt.toISOString() ?? null,
    afterId: after?.id ?? null,
  };
  const part = async (top: 0 | 1, limit: number) => {
    const keyset = after !== null && after.top === top;
    const q = cached(partQueries, `${key}.${top}.${+keyset}`, () => partQuery(shape, top === 1, keyset));
    const rows = await q.execute(db, { ...values, limit });
    return rows.map((r) => ({ ...r, top }));
  };
  const want = query.limit + 1;
  const rows = after?.top === 0 ? [] : await part(1, want);
  if (rows.length < want) rows.push(...(await part(0, want - rows.length)));
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last?.publishedAt
      ? encodeCursor({ top: last.top, publishedAt: last.publishedAt, id: last.id })
      : null;

  let unreadCount: number | null = null;
  if (viewer.userId !== null) {
    const [c] = await cached(countQueries, key, () => countQuery(shape)).execute(db, values);
    unreadCount = c.n;
  }
  return {
    items: page.map((n) => ({
      ...baseView(n, now),
      excerpt: n.head.replace(/\s+/g, ' ').trim().slice(0, EXCERPT),
      unread: viewer.userId !== null && !n.read,
      signupOpen: signupOpen(n, now),
    })),
    nextCursor,
    unreadCount,
  };
}

/**
 * One notice. Opening it marks it read for a signed-in caller (once per user; the household
 * they belong to at that moment counts it). A members-only notice answers a non-member with
 * NOTICE_MEMBERS_ONLY and the community, so the page can offer to join.
 */
export async function getNotice(ctx: ServiceContext, communityId: number, noticeId: number) {
  const db = ctx.deps.database.db;
  const community = await requireCommunity(db, communityId);
  const [n] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)));
  if (!n || n.status === 'draft') throw new AppError('NOT_FOUND');
  const viewer = await viewerOf(db, ctx.actor, communityId);
  const buildingIds = (await buildingIdsOf(db, [n.id])).get(n.id) ?? [];
  if (!canSee(viewer, n, buildingIds)) {
    // A possible resident is told how to get in; a member outside the audience and another
    // committee's staff are not (for them it does not exist).
    if (viewer.kind === 'outsider' && !viewer.staffElsewhere)
      throw new AppError('NOTICE_MEMBERS_ONLY', undefined, { communityId, communityName: community.name });
    throw new AppError('NOT_FOUND');
  }
  const now = ctx.deps.clock();
  if (n.status === 'published' && viewer.userId !== null)
    await markRead(db, {
      noticeId: n.id,
      userId: viewer.userId,
      householdId: viewer.kind === 'member' ? viewer.householdId : null,
      now,
    });
  const withdrawn = n.status === 'withdrawn';
  const household =
    viewer.kind === 'member' && viewer.householdId !== null
      ? { householdId: viewer.householdId, userId: viewer.userId }
      : undefined;
  const signup = withdrawn ? null : ((await signupSummaries(db, [n], now, household)).get(n.id) ?? null);
  return {
    ...baseView(n, now),
    communityName: community.name,
    status: withdrawn ? ('withdrawn' as const) : ('published' as const),
    body: withdrawn ? null : n.body,
    withdrawReason: n.withdrawReason,
    attachments: withdrawn ? [] : ((await attachmentsOf(ctx.deps, db, [n.id])).get(n.id) ?? []),
    signup,
  };
}
