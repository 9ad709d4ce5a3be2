import { and, asc, eq, exists, sql } from 'drizzle-orm';
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
      read: sql<boolean>`${exists(
        db
          .select({ one: sql`1` })
          .from(noticeReads)
          .where(and(eq(noticeReads.noticeId, noticeId), eq(noticeReads.householdId, households.id))),
      )}`,
    })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(
        eq(households.communityId, communityId),
        exists(
          db
            .select({ one: sql`1` })
            .from(memberships)
            .where(and(eq(memberships.householdId, households.id), eq(memberships.status, 'approved'))),
        ),
        n.audience === 'all'
          ? undefined
          : exists(
              db
                .select({ one: sql`1` })
                .from(noticeBuildings)
                .where(
                  and(eq(noticeBuildings.noticeId, noticeId), eq(noticeBuildings.buildingId, households.buildingId)),
                ),
            ),
      ),
    )
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
