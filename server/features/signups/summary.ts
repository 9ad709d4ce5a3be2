import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MySignup, SignupSummary } from '../../../shared/contracts/notices';
import { noticeSignups, type notices } from '../../db/schema';
import type { Tx } from '../../deps';

type NoticeRow = typeof notices.$inferSelect;

/**
 * Place on the waiting list of a waitlisted row of a query over notice_signups (unaliased),
 * else null. The outer row is named in full: drizzle leaves a one-table query's columns
 * unqualified, which inside the subquery would mean the subquery's own row.
 */
export const positionSql = sql<
  number | null
>`case when notice_signups.status = 'waitlisted' then (select count(*)::int from notice_signups w where w.notice_id = notice_signups.notice_id and w.status = 'waitlisted' and w.id <= notice_signups.id) end`;

/** Sign-ups open: published, before the deadline, not expired. */
export function signupOpen(
  n: Pick<NoticeRow, 'signupCapacity' | 'status' | 'signupDeadline' | 'expiresAt'>,
  now: Date,
): boolean {
  return (
    n.signupCapacity !== null &&
    n.status === 'published' &&
    n.signupDeadline !== null &&
    n.signupDeadline > now &&
    (n.expiresAt === null || n.expiresAt > now)
  );
}

/** Places taken (people) and households waiting, per notice. */
export interface SignupCounts {
  taken: number;
  waiting: number;
}

/** One notice's counts (nothing signed up: zeros). */
export const countsOfNotice = async (db: Tx, noticeId: number): Promise<SignupCounts> =>
  (await countsOf(db, [noticeId])).get(noticeId) ?? { taken: 0, waiting: 0 };

export async function countsOf(db: Tx, noticeIds: number[]): Promise<Map<number, SignupCounts>> {
  const map = new Map<number, SignupCounts>();
  if (noticeIds.length === 0) return map;
  const rows = await db
    .select({
      noticeId: noticeSignups.noticeId,
      taken: sql<number>`coalesce(sum(${noticeSignups.people}) filter (where ${noticeSignups.status} = 'confirmed'), 0)::int`,
      waiting: sql<number>`(count(*) filter (where ${noticeSignups.status} = 'waitlisted'))::int`,
    })
    .from(noticeSignups)
    .where(inArray(noticeSignups.noticeId, noticeIds))
    .groupBy(noticeSignups.noticeId);
  for (const r of rows) map.set(r.noticeId, { taken: r.taken, waiting: r.waiting });
  return map;
}

/** A household's live sign-up to a notice as its members see it (position on the waiting list included). */
export async function householdSignup(
  db: Tx,
  noticeId: number,
  householdId: number,
  userId: number,
): Promise<MySignup | null> {
  const [row] = await db
    .select({
      s: noticeSignups,
      position: positionSql,
    })
    .from(noticeSignups)
    .where(
      and(
        eq(noticeSignups.noticeId, noticeId),
        eq(noticeSignups.householdId, householdId),
        sql`${noticeSignups.status} <> 'cancelled'`,
      ),
    );
  if (!row) return null;
  return {
    id: row.s.id,
    status: row.s.status,
    people: row.s.people,
    position: row.position,
    byMe: row.s.userId === userId,
    createdAt: row.s.createdAt.toISOString(),
  };
}

/**
 * 活动报名 as shown on notices: settings, counts, and (for a member's household) their own
 * sign-up. Notices without sign-ups map to null.
 */
export async function signupSummaries(
  db: Tx,
  rows: NoticeRow[],
  now: Date,
  household?: { householdId: number; userId: number },
): Promise<Map<number, SignupSummary | null>> {
  const withSignups = rows.filter((n) => n.signupCapacity !== null);
  const counts = await countsOf(
    db,
    withSignups.map((n) => n.id),
  );
  const map = new Map<number, SignupSummary | null>();
  for (const n of rows) {
    if (n.signupCapacity === null || n.signupDeadline === null || n.signupMaxPeople === null) {
      map.set(n.id, null);
      continue;
    }
    const c = counts.get(n.id) ?? { taken: 0, waiting: 0 };
    map.set(n.id, {
      capacity: n.signupCapacity,
      deadline: n.signupDeadline.toISOString(),
      maxPeople: n.signupMaxPeople,
      taken: c.taken,
      waiting: c.waiting,
      open: signupOpen(n, now),
      mine: household ? await householdSignup(db, n.id, household.householdId, household.userId) : null,
    });
  }
  return map;
}
