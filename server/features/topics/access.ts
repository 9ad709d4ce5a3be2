import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RouteContract } from '../../../shared/contracts/route';
import { requireAllowed } from '../../auth/guards';
import { approvedRole } from '../../auth/policy';
import type { ServiceContext, SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { buildings, households, memberships, topics, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';

/**
 * Who takes part in a community's 议事厅 (docs/decisions/021-agora.md): its approved
 * residents and moderators read ('take-part:agora'); proposing, co-signing, commenting and
 * rating need a resident with a household (one voice per household); the committee's work
 * needs 'moderate:agora'. Another community's objects do not exist for the caller.
 */
export interface Member {
  userId: number;
  /** A moderator of the community or a platform admin. */
  staff: boolean;
  householdId: number | null;
}

export interface Resident extends Member {
  householdId: number;
  nickname: string | null;
  buildingName: string;
  room: string;
  memberSince: Date;
}

const memberOf = hotSelect(
  'agora_member',
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

export async function requireMember(ctx: ServiceContext, communityId: number): Promise<Member> {
  const db = ctx.deps.database.db;
  requireAllowed(ctx.actor, 'take-part:agora', { communityId });
  await requireCommunity(db, communityId);
  const actor = ctx.actor;
  if (actor.isAdmin || approvedRole(actor, communityId) === 'moderator')
    return { userId: actor.userId, staff: true, householdId: null };
  const [m] = await memberOf.execute(db, { userId: actor.userId, communityId });
  return { userId: actor.userId, staff: false, householdId: m?.householdId ?? null };
}

const STAFF_WRITE = '工作人员请在议事厅管理里操作';
const NO_HOUSEHOLD = '需要登记房屋后才能参与议事';

/** A resident of the community with a household: proposes, co-signs, comments, rates. */
export async function requireResident(ctx: ServiceContext, communityId: number): Promise<Resident> {
  const db = ctx.deps.database.db;
  requireAllowed(ctx.actor, 'take-part:agora', { communityId });
  await requireCommunity(db, communityId);
  const actor = ctx.actor;
  if (actor.isAdmin || approvedRole(actor, communityId) !== 'resident') throw new AppError('FORBIDDEN', STAFF_WRITE);
  const [m] = await memberOf.execute(db, { userId: actor.userId, communityId });
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

/** The committee's 议事厅 work. */
export async function requireStaff(ctx: ServiceContext, communityId: number): Promise<SignedIn['actor']> {
  requireAllowed(ctx.actor, 'moderate:agora', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
  return ctx.actor;
}

export type TopicRow = typeof topics.$inferSelect;

/**
 * A topic of the community the caller may see: visible ones; their own in any state but
 * deleted; staff see every one. Anything else is 404.
 */
export async function seenTopic(db: Tx, viewer: Member, communityId: number, topicId: number, lock = false) {
  const q = db
    .select()
    .from(topics)
    .where(and(eq(topics.id, topicId), eq(topics.communityId, communityId)));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw new AppError('NOT_FOUND');
  if (viewer.staff || t.state === 'visible') return t;
  if (t.authorId === viewer.userId && t.state !== 'deleted') return t;
  throw new AppError('NOT_FOUND');
}

/** A staff member's topic of the community (any state), optionally locked. */
export async function staffTopic(db: Tx, communityId: number, topicId: number, lock = false) {
  const q = db
    .select()
    .from(topics)
    .where(and(eq(topics.id, topicId), eq(topics.communityId, communityId)));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

/** A route's body after its contract parsed it (defaults applied). */
export type BodyOut<T> = T extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.output<B> : never;
