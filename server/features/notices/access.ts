import { and, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/policy';
import { can } from '../../auth/policy';
import { hotSelect } from '../../db/prepared';
import { households, memberships, noticeBuildings, notices } from '../../db/schema';
import type { Tx } from '../../deps';

/**
 * Who is looking at a community's notices, which decides what they see
 * (docs/decisions/014-notices.md):
 * - staff: the committee (and platform admins) see every published notice;
 * - member: an approved resident sees public ones and members-only ones for the whole
 *   community or for their household's building;
 * - outsider: anyone else (not signed in, applicants, other communities) sees public ones.
 */
export type Viewer =
  | { kind: 'staff'; userId: number }
  | { kind: 'member'; userId: number; householdId: number | null; buildingId: number | null }
  | { kind: 'outsider'; userId: number | null; staffElsewhere: boolean };

/** An approved member's household and building (asked on every notice and sign-up request). */
const memberHome = hotSelect(
  'member_home',
  { householdId: memberships.householdId, buildingId: households.buildingId },
  (db, fields) =>
    db
      .select(fields)
      .from(memberships)
      .leftJoin(households, eq(households.id, memberships.householdId))
      .where(
        and(
          eq(memberships.userId, sql.placeholder('userId')),
          eq(memberships.communityId, sql.placeholder('communityId')),
          eq(memberships.status, 'approved'),
        ),
      ),
);

export async function viewerOf(db: Tx, actor: Actor | null, communityId: number): Promise<Viewer> {
  if (!actor) return { kind: 'outsider', userId: null, staffElsewhere: false };
  if (can(actor, 'manage:notices', { communityId })) return { kind: 'staff', userId: actor.userId };
  // A property handler (物业) is of the community but not a resident: public notices only.
  if (can(actor, 'read:community', { communityId })) {
    const [m] = await memberHome.execute(db, { userId: actor.userId, communityId });
    if (m) return { kind: 'member', userId: actor.userId, householdId: m.householdId, buildingId: m.buildingId };
  }
  const staffElsewhere = actor.memberships.some((m) => m.status === 'approved' && m.role === 'moderator');
  return { kind: 'outsider', userId: actor.userId, staffElsewhere };
}

/**
 * The viewer's audience rule as SQL over `notices`. The building may be a placeholder
 * (a query compiled once per shape of viewer, server/features/notices/resident.ts).
 */
export function visibleTo(viewer: { kind: Viewer['kind']; buildingId?: number | null | Placeholder }): SQL | undefined {
  if (viewer.kind === 'staff') return undefined;
  if (viewer.kind === 'outsider') return eq(notices.isPublic, true);
  return sql`(${notices.isPublic} or ${notices.audience} = 'all' or ${inBuilding(viewer.buildingId ?? null)})`;
}

function inBuilding(buildingId: number | null | Placeholder): SQL {
  if (buildingId === null) return sql`false`;
  return sql`exists (select 1 from ${noticeBuildings} where ${noticeBuildings.noticeId} = ${notices.id} and ${noticeBuildings.buildingId} = ${buildingId})`;
}

/** The same rule for one notice already loaded. */
export function canSee(viewer: Viewer, notice: { isPublic: boolean; audience: string }, buildingIds: number[]) {
  if (viewer.kind === 'staff' || notice.isPublic) return true;
  if (viewer.kind === 'outsider') return false;
  return notice.audience === 'all' || (viewer.buildingId !== null && buildingIds.includes(viewer.buildingId));
}
