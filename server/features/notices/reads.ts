import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, households, memberships, noticeBuildings, noticeReads, notices } from '../../db/schema';
import type { Tx } from '../../deps';
import { householdOrder } from '../households/queries';

/** Records that a user opened a notice: once per user, whoever opens it twice or at once. */
export async function markRead(
  db: Tx,
  input: { noticeId: number; userId: number; householdId: number | null; now: Date },
): Promise<void> {
  await db
    .insert(noticeReads)
    .values({ noticeId: input.noticeId, userId: input.userId, householdId: input.householdId, readAt: input.now })
    .onConflictDoNothing({ target: [noticeReads.noticeId, noticeReads.userId] });
}

/**
 * A household counts in a notice's audience when it has an approved member and, for a
 * notice to chosen buildings, is in one of them. `forAll` says whether the notice is for
 * the whole community: known (a boolean) or read from the row (SQL).
 */
function inAudience(noticeId: SQL, forAll: boolean | SQL): SQL {
  const member = sql`exists (select 1 from ${memberships} where ${memberships.householdId} = ${households.id} and ${memberships.status} = 'approved')`;
  if (forAll === true) return member;
  const building = sql`exists (select 1 from ${noticeBuildings} where ${noticeBuildings.noticeId} = ${noticeId} and ${noticeBuildings.buildingId} = ${households.buildingId})`;
  if (forAll === false) return sql`${member} and ${building}`;
  return sql`${member} and (${forAll} or ${building})`;
}

/** Someone of the household (as counted when they read it) opened the notice. */
const readByHousehold = (noticeId: SQL) =>
  sql`exists (select 1 from ${noticeReads} where ${noticeReads.noticeId} = ${noticeId} and ${noticeReads.householdId} = ${households.id})`;

/** 已读 X / Y 户 of several notices of one community at once (for the committee's list). */
export async function readTotals(
  db: Tx,
  communityId: number,
  noticeIds: number[],
): Promise<Map<number, { read: number; total: number }>> {
  const map = new Map<number, { read: number; total: number }>();
  if (noticeIds.length === 0) return map;
  const id = sql`${notices.id}`;
  const rows = await db
    .select({
      noticeId: notices.id,
      total: sql<number>`count(${households.id})::int`,
      read: sql<number>`(count(${households.id}) filter (where ${readByHousehold(id)}))::int`,
    })
    .from(notices)
    .leftJoin(
      households,
      and(eq(households.communityId, notices.communityId), inAudience(id, sql`${notices.audience} = 'all'`)),
    )
    .where(and(eq(notices.communityId, communityId), inArray(notices.id, noticeIds)))
    .groupBy(notices.id);
  for (const r of rows) map.set(r.noticeId, { read: r.read, total: r.total });
  return map;
}

/**
 * 已读 X / Y 户: Y is the households of the audience with an approved member, X those of them
 * where someone (counted by the household they had when they read it) opened the notice.
 */
export async function readFigures(ctx: SignedIn, communityId: number, noticeId: number) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const db = ctx.deps.database.db;
  const [n] = await db
    .select({ audience: notices.audience })
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)));
  if (!n) throw new AppError('NOT_FOUND');
  const rows = await db
    .select({
      id: households.id,
      buildingId: households.buildingId,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
      read: sql<boolean>`${readByHousehold(sql`${noticeId}`)}`,
    })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(households.communityId, communityId), inAudience(sql`${noticeId}`, n.audience === 'all')))
    .orderBy(asc(buildings.sort), asc(buildings.name), ...householdOrder);

  const byBuilding = new Map<number, { buildingId: number; buildingName: string; read: number; total: number }>();
  for (const h of rows) {
    const b = byBuilding.get(h.buildingId) ?? {
      buildingId: h.buildingId,
      buildingName: h.buildingName,
      read: 0,
      total: 0,
    };
    b.total += 1;
    if (h.read) b.read += 1;
    byBuilding.set(h.buildingId, b);
  }
  return {
    overall: { read: rows.filter((h) => h.read).length, total: rows.length },
    buildings: [...byBuilding.values()],
    unreadHouseholds: rows.filter((h) => !h.read).map(({ read: _, ...h }) => h),
  };
}

/** The first moment of the current month in China time. */
export function chinaMonthStart(now: Date): Date {
  const cn = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth(), 1) - 8 * 3_600_000);
}

/**
 * 工作台 figures for notices: published this month (China time), their average read rate
 * (households that read ÷ households in the audience, averaged over the notices with an
 * audience; null when none), and the 活动 still taking sign-ups.
 */
export async function noticeFigures(db: Tx, communityId: number, now: Date) {
  const month = await db
    .select({ id: notices.id })
    .from(notices)
    .where(
      and(
        eq(notices.communityId, communityId),
        sql`${notices.status} <> 'draft'`,
        sql`${notices.publishedAt} >= ${chinaMonthStart(now).toISOString()}::timestamptz`,
      ),
    );
  const totals = [
    ...(
      await readTotals(
        db,
        communityId,
        month.map((m) => m.id),
      )
    ).values(),
  ].filter((t) => t.total > 0);
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(
      and(
        eq(notices.communityId, communityId),
        eq(notices.status, 'published'),
        sql`${notices.signupDeadline} > ${now.toISOString()}::timestamptz`,
        sql`(${notices.expiresAt} is null or ${notices.expiresAt} > ${now.toISOString()}::timestamptz)`,
      ),
    );
  return {
    publishedThisMonth: month.length,
    averageReadRate:
      totals.length === 0
        ? null
        : Math.round((totals.reduce((sum, t) => sum + t.read / t.total, 0) / totals.length) * 1000) / 1000,
    openSignups: open.n,
  };
}
