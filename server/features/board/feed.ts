import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ContentState, MatterCategory, PostCategory, PostKind } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { posts } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireReader } from './access';
import { plusedByHousehold } from './posts';
import { excerptOf } from './subjects';
import { baseView, imagesOf } from './views';

/**
 * The board's feed (docs/decisions/017-board.md). Two parts, each read in index order and
 * merged: the community's visible posts (posts_feed_idx for newest first, posts_activity_idx
 * for "有新回复" first), and the caller's own posts others cannot see (held, hidden,
 * rejected: posts_author_idx, nearly always empty). 我的留言 reads the second part only,
 * with the visible ones. Keyset paging on (id) or (activity_at, id); the queries are
 * compiled once per shape (server/db/prepared.ts hotSelect).
 */

export type FeedSort = 'newest' | 'activity';

export interface FeedQuery {
  communityId: number;
  /** The caller (their own posts in any state but deleted). */
  userId: number;
  kind?: PostKind;
  category?: PostCategory;
  matterCategory?: MatterCategory;
  /** Only posts with an official reply. */
  official?: boolean;
  /** Only the caller's own posts. */
  mine?: boolean;
  sort: FeedSort;
  q?: string;
  /** The opaque cursor of the previous page. */
  cursor?: string;
  limit: number;
}

const EXCERPT = 60;
/** Characters of the body read for the excerpt (a list never carries whole bodies). */
const EXCERPT_SOURCE = 200;
const BAD_CURSOR = '翻页位置不对，请刷新后再试';

interface Cursor {
  at: number;
  id: number;
}
const encodeCursor = (sort: FeedSort, c: Cursor) => (sort === 'newest' ? `n${c.id}` : `a${c.at}.${c.id}`);
function decodeCursor(sort: FeedSort, value: string): Cursor {
  const m = sort === 'newest' ? /^n(\d{1,10})$/.exec(value) : /^a(\d{1,15})\.(\d{1,10})$/.exec(value);
  if (!m) throw new AppError('VALIDATION_FAILED', BAD_CURSOR, [{ in: 'query', path: 'cursor', message: BAD_CURSOR }]);
  return sort === 'newest' ? { at: 0, id: Number(m[1]) } : { at: Number(m[1]), id: Number(m[2]) };
}

/** `q` as an ILIKE pattern: its own % _ \ taken literally (posts_text_trgm serves it). */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const p = {
  communityId: sql.placeholder('communityId'),
  userId: sql.placeholder('userId'),
  kind: sql.placeholder('kind'),
  category: sql.placeholder('category'),
  matterCategory: sql.placeholder('matterCategory'),
  pattern: sql.placeholder('pattern'),
  afterAt: sql.placeholder('afterAt'),
  afterId: sql.placeholder('afterId'),
  limit: sql.placeholder('limit'),
};

const feedFields = {
  id: posts.id,
  communityId: posts.communityId,
  kind: posts.kind,
  category: posts.category,
  matterCategory: posts.matterCategory,
  place: posts.place,
  route: posts.route,
  authorLabel: posts.authorLabel,
  authorId: posts.authorId,
  status: posts.status,
  state: posts.state,
  heldReason: posts.heldReason,
  stateReason: posts.stateReason,
  createdAt: posts.createdAt,
  editedAt: posts.editedAt,
  activityAt: posts.activityAt,
  commentCount: posts.commentCount,
  plusCount: posts.plusCount,
  officialCount: posts.officialCount,
  rating: posts.rating,
  head: sql<string>`left(${posts.body}, ${sql.raw(String(EXCERPT_SOURCE))})`,
};

/** What decides a query's text. */
interface Shape {
  /** visible: the community's visible posts; own: the caller's others (or, with mine, all theirs). */
  part: 'visible' | 'own';
  mine: boolean;
  sort: FeedSort;
  kind: boolean;
  category: boolean;
  matterCategory: boolean;
  official: boolean;
  q: boolean;
  after: boolean;
}
const shapeKey = (s: Shape) =>
  [s.part, s.sort, ...[s.mine, s.kind, s.category, s.matterCategory, s.official, s.q, s.after].map(Number)].join('.');

const ownHidden: ContentState[] = ['held', 'hidden', 'rejected'];
const ownAll: ContentState[] = ['visible', ...ownHidden];
const stateIn = (states: ContentState[]) => sql.raw(`(${states.map((s) => `'${s}'`).join(', ')})`);

function feedSql(s: Shape) {
  return hotSelect(`board_feed.${shapeKey(s)}`, feedFields, (db, f) =>
    db
      .select(f)
      .from(posts)
      .where(
        and(
          eq(posts.communityId, p.communityId),
          s.part === 'visible'
            ? eq(posts.state, 'visible')
            : and(eq(posts.authorId, p.userId), sql`${posts.state} in ${stateIn(s.mine ? ownAll : ownHidden)}`),
          s.kind ? eq(posts.kind, p.kind) : undefined,
          s.category ? eq(posts.category, p.category) : undefined,
          s.matterCategory ? eq(posts.matterCategory, p.matterCategory) : undefined,
          s.official ? sql`${posts.officialCount} > 0` : undefined,
          s.q ? sql`${posts.body} ilike ${p.pattern}` : undefined,
          s.after
            ? s.sort === 'newest'
              ? sql`${posts.id} < ${p.afterId}`
              : sql`(${posts.activityAt}, ${posts.id}) < (${p.afterAt}::timestamptz, ${p.afterId})`
            : undefined,
        ) as SQL,
      )
      // NULLS LAST as the indexes are declared: a plain DESC (nulls first) does not match them
      // and Postgres would sort the whole community instead of reading the index in order.
      .orderBy(
        ...(s.sort === 'newest'
          ? [sql`${posts.id} desc nulls last`]
          : [sql`${posts.activityAt} desc nulls last`, sql`${posts.id} desc nulls last`]),
      )
      .limit(p.limit),
  );
}

const compiled = new Map<string, ReturnType<typeof feedSql>>();
function queryFor(s: Shape) {
  const key = shapeKey(s);
  let q = compiled.get(key);
  if (!q) {
    q = feedSql(s);
    compiled.set(key, q);
  }
  return q;
}

export type FeedRow = Awaited<ReturnType<ReturnType<typeof feedSql>['execute']>>[number];

/**
 * One page of the feed as rows, and the cursor of the next: the board's SQL without the
 * reply's shaping (the bench calls this against a bare handler on the same SQL).
 */
export async function feedRows(db: Tx, query: FeedQuery): Promise<{ rows: FeedRow[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.sort, query.cursor) : null;
  const base = {
    mine: query.mine === true,
    sort: query.sort,
    kind: query.kind !== undefined,
    category: query.category !== undefined,
    matterCategory: query.matterCategory !== undefined,
    official: query.official === true,
    q: query.q !== undefined && query.q !== '',
    after: after !== null,
  };
  const values = {
    communityId: query.communityId,
    userId: query.userId,
    kind: query.kind ?? null,
    category: query.category ?? null,
    matterCategory: query.matterCategory ?? null,
    pattern: base.q ? likePattern(query.q as string) : null,
    afterAt: after ? new Date(after.at).toISOString() : null,
    afterId: after?.id ?? null,
    limit: query.limit + 1,
  };
  const parts = base.mine ? (['own'] as const) : (['visible', 'own'] as const);
  const results = await Promise.all(parts.map((part) => queryFor({ ...base, part }).execute(db, values)));
  const key = (r: FeedRow) => (query.sort === 'newest' ? [0, r.id] : [r.activityAt.getTime(), r.id]);
  const rows = results
    .flat()
    .sort((a, b) => {
      const [ka, ia] = key(a);
      const [kb, ib] = key(b);
      return kb - ka || ib - ia;
    })
    .slice(0, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor(query.sort, { at: last.activityAt.getTime(), id: last.id }) : null;
  return { rows: page, nextCursor };
}

/** The route's query, as the contract parsed it. */
interface ListQuery {
  kind?: PostKind;
  category?: PostCategory;
  matterCategory?: MatterCategory;
  official?: 'true' | 'false';
  mine?: 'true' | 'false';
  sort: FeedSort;
  q?: string | null;
  cursor?: string | null;
  limit: number;
}

export async function listPosts(ctx: ServiceContext, communityId: number, query: ListQuery) {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  const { rows, nextCursor } = await feedRows(db, {
    communityId,
    userId: reader.userId,
    kind: query.kind,
    category: query.category,
    matterCategory: query.matterCategory,
    official: query.official === 'true',
    mine: query.mine === 'true',
    sort: query.sort,
    q: query.q ?? undefined,
    cursor: query.cursor ?? undefined,
    limit: query.limit,
  });
  const ids = rows.map((r) => r.id);
  const [images, plus] = await Promise.all([
    imagesOf(ctx.deps, db, ids),
    plusedByHousehold(db, reader.householdId, ids),
  ]);
  return {
    items: rows.map((r) => {
      const all = images.get(r.id) ?? [];
      return {
        ...baseView(r, reader.userId, plus.has(r.id)),
        excerpt: excerptOf(r.head, EXCERPT),
        images: all.slice(0, 3),
        imageCount: all.length,
      };
    }),
    nextCursor,
  };
}
