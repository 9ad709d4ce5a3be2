import { sql } from 'drizzle-orm';
import type { MatterFigures } from '../../../shared/contracts/matters';
import type { MatterCategory } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { requireCommunity } from '../committees/queries';

const CHINA = 8 * 3_600_000;

/** The last `n` China-time months up to now's, oldest first, as 2026-07, and when the first began. */
export function chinaMonths(now: Date, n: number): { months: string[]; start: Date } {
  const cn = new Date(now.getTime() + CHINA);
  const months: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const start = new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth() - (n - 1), 1) - CHINA);
  return { months, start };
}

/** A post's China-time month, in SQL. */
const month = sql`to_char((created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
const hours = (from: string, to: string) => sql.raw(`extract(epoch from (${to} - ${from})) / 3600.0`);
const round1 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const round2 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

interface FigureRow extends Record<string, unknown> {
  month: string;
  category: MatterCategory | null;
  n: number;
  first_h: number | null;
  done_h: number | null;
  reopened: number;
  done_ever: number;
  rating: number | null;
  rated: number;
}

/**
 * 小事快办 figures by month of report (China time) and category, with a row per month for all
 * categories (category null), computed in SQL (docs/decisions/020-matters.md defines them):
 * median hours report → first staff step and report → (latest) 已办结; reopen rate =
 * reopened at least once ÷ ever 已办结; average rating of those rated. Board posts: the median
 * hours report → first official reply.
 */
export async function matterStats(ctx: SignedIn, communityId: number, n: number) {
  requireAllowed(ctx.actor, 'read:dashboard', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const { months, start } = chinaMonths(ctx.deps.clock(), n);
  const since = start.toISOString();
  const figures = await db.execute<FigureRow>(sql`
    select ${month} as month, matter_category as category, count(*)::int as n,
      percentile_cont(0.5) within group (order by ${hours('created_at', 'first_reply_at')}) as first_h,
      percentile_cont(0.5) within group (order by ${hours('created_at', 'done_at')}) as done_h,
      count(*) filter (where reopen_count > 0)::int as reopened,
      count(done_at)::int as done_ever,
      avg(rating)::float8 as rating,
      count(rating)::int as rated
    from posts
    where community_id = ${communityId} and kind = 'matter' and state not in ('deleted', 'rejected')
      and created_at >= ${since}::timestamptz
    group by grouping sets ((1, 2), (1))
    order by 1, 2 nulls first`);
  const board = await db.execute<{ month: string; n: number; first_h: number | null }>(sql`
    select ${month} as month, count(*)::int as n,
      percentile_cont(0.5) within group (order by ${hours('created_at', 'first_reply_at')}) as first_h
    from posts
    where community_id = ${communityId} and kind = 'post' and state not in ('deleted', 'rejected')
      and created_at >= ${since}::timestamptz
    group by 1 order by 1`);
  const matters: MatterFigures[] = rowsOf<FigureRow>(figures).map((r) => ({
    month: r.month,
    category: r.category,
    count: Number(r.n),
    medianFirstReplyHours: round1(r.first_h),
    medianDoneHours: round1(r.done_h),
    reopenRate: Number(r.done_ever) === 0 ? null : round2(Number(r.reopened) / Number(r.done_ever)),
    averageRating: round2(r.rating),
    rated: Number(r.rated),
  }));
  const posts = rowsOf<{ month: string; n: number; first_h: number | null }>(board).map((r) => ({
    month: r.month,
    count: Number(r.n),
    medianFirstReplyHours: round1(r.first_h),
  }));
  return { months, matters, posts };
}

/** postgres.js returns the rows themselves, PGlite an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
