import { sql } from 'drizzle-orm';
import { posts } from '../../db/schema';
import type { Tx } from '../../deps';
import { chinaMonthStart } from '../notices/reads';
import { workable } from './views';

/**
 * 工作台 figures for 小事快办: open ones (已受理, 处理中), those 已办结 this month (China time)
 * and still done or resolved, and the average rating given this month (null when none).
 */
export async function matterFigures(db: Tx, communityId: number, now: Date) {
  const since = chinaMonthStart(now).toISOString();
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${posts.status} in ('accepted', 'in_progress'))::int`,
      doneThisMonth: sql<number>`count(*) filter (where ${posts.status} in ('done', 'resolved') and ${posts.doneAt} >= ${since}::timestamptz)::int`,
      averageRating: sql<
        number | null
      >`avg(${posts.rating}) filter (where ${posts.ratedAt} >= ${since}::timestamptz)::float8`,
    })
    .from(posts)
    .where(sql`${posts.communityId} = ${communityId} and ${posts.kind} = 'matter' and ${workable}`);
  const avg = row?.averageRating;
  return {
    open: Number(row?.open ?? 0),
    doneThisMonth: Number(row?.doneThisMonth ?? 0),
    averageRating: avg === null || avg === undefined ? null : Math.round(Number(avg) * 100) / 100,
  };
}
