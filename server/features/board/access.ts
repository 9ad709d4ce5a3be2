import { and, eq, sql } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { Actor } from '../../auth/policy';
import { approvedRole } from '../../auth/policy';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { buildings, households, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';

/**
 * Who is looking at a community's board (docs/decisions/017-board.md). Approved residents
 * and the community's moderators read it (platform admins too); a property handler does not
 * (their work is the 小事快办 queue); anyone else is told it does not exist. Writing (a post,
 * a comment, a +1, a photo) needs a resident with a household: the +1 is one per household
 * and the author's label names the building. Staff answer with official replies instead.
 */
export interface Reader {
  userId: number;
  /** A moderator of the community or a platform admin. */
  staff: boolean;
  householdId: number | null;
}

export interface Writer extends Reader {
  householdId: number;
  nickname: string | null;
  buildingName: string;
  room: string;
  /** Approved this long ago (new members have lower limits). */
  memberSince: Date;
}

/** The caller's approved membership with its household and building, for labels and limits. */
const memberOf = hotSelect(
  'board_member',
  {
    householdId: memberships.householdId,
    memberSince: sql<string>`coalesce(${memberships.decidedAt}, ${memberships.createdAt})`,
    buildingName: buildings.name,
    room: households.room,
    nickname: users.nickname,
  },
  (db, fields) =>
    db
      .select(fields)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(households, eq(households.id, memberships.householdId))
      .leftJoin(buildings, eq(buildings.id, households.buildingId))
      .where(
        and(
          eq(memberships.userId, sql.placeholder('userId')),
          eq(memberships.communityId, sql.placeholder('communityId')),
          eq(memberships.status, 'approved'),
        ),
      ),
);

async function member(db: Tx, actor: Actor, communityId: number) {
  const [m] = await memberOf.execute(db, { userId: actor.userId, communityId });
  return m ?? null;
}

/** The caller may read the board: an approved member (not a handler) or an admin. */
export async function requireReader(ctx: ServiceContext, communityId: number): Promise<Reader> {
  const db = ctx.deps.database.db;
  requireAllowed(ctx.actor, 'read:community', { communityId });
  await requireCommunity(db, communityId);
  const actor = ctx.actor;
  const role = approvedRole(actor, communityId);
  if (actor.isAdmin || role === 'moderator') return { userId: actor.userId, staff: true, householdId: null };
  const m = await member(db, actor, communityId);
  return { userId: actor.userId, staff: false, householdId: m?.householdId ?? null };
}

const STAFF_WRITE = '工作人员请用“居委回复”回答居民';
const NO_HOUSEHOLD = '需要登记房屋后才能在留言板发言';

/** The caller may post, comment, +1 and upload photos: a resident of the community with a household. */
export async function requireWriter(ctx: ServiceContext, communityId: number): Promise<Writer> {
  const db = ctx.deps.database.db;
  requireAllowed(ctx.actor, 'write:board', { communityId });
  await requireCommunity(db, communityId);
  const actor = ctx.actor;
  if (actor.isAdmin || approvedRole(actor, communityId) !== 'resident') throw new AppError('FORBIDDEN', STAFF_WRITE);
  const m = await member(db, actor, communityId);
  if (!m || m.householdId === null || m.buildingName === null || m.room === null)
    throw new AppError('FORBIDDEN', NO_HOUSEHOLD);
  return {
    userId: actor.userId,
    staff: false,
    householdId: m.householdId,
    nickname: m.nickname,
    buildingName: m.buildingName,
    room: m.room,
    memberSince: new Date(m.memberSince),
  };
}
