import { and, eq } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, households, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';

/*
 * Who reaches 找邻居 (docs/decisions/024-neighbours.md): the community's approved members
 * (residents and moderators) and platform admins, as policy decides ('meet:neighbours');
 * anyone else is told the community does not exist.
 */

/** The caller's approved membership facts in the community; household and building null without one. */
export interface Neighbour {
  userId: number;
  householdId: number | null;
  buildingId: number | null;
  /** Building name and unit/room of the household (for the owner's own card). */
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  nickname: string | null;
  /** The caller holds an approved membership (a platform admin may not). */
  member: boolean;
}

/** The approved membership of `userId` in the community with its household, or null. */
export async function approvedMember(db: Tx, communityId: number, userId: number) {
  const [m] = await db
    .select({
      householdId: memberships.householdId,
      buildingId: households.buildingId,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
    })
    .from(memberships)
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(eq(memberships.userId, userId), eq(memberships.communityId, communityId), eq(memberships.status, 'approved')),
    );
  return m ?? null;
}

/** The caller may use 找邻居 in the community; returns their membership facts. */
export async function requireNeighbour(ctx: SignedIn, communityId: number): Promise<Neighbour> {
  requireAllowed(ctx.actor, 'meet:neighbours', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const userId = ctx.actor.userId;
  const [m, [u]] = await Promise.all([
    approvedMember(db, communityId, userId),
    db.select({ nickname: users.nickname }).from(users).where(eq(users.id, userId)),
  ]);
  return {
    userId,
    householdId: m?.householdId ?? null,
    buildingId: m?.buildingId ?? null,
    buildingName: m?.buildingName ?? null,
    unit: m?.unit ?? null,
    room: m?.room ?? null,
    nickname: u?.nickname ?? null,
    member: m !== null,
  };
}

/**
 * requireNeighbour for what only a member can do (ask for contact, block): a platform admin
 * without a membership may look but has no card, household or neighbours of their own.
 */
export async function requireMemberNeighbour(ctx: SignedIn, communityId: number): Promise<Neighbour> {
  const n = await requireNeighbour(ctx, communityId);
  if (!n.member) throw new AppError('FORBIDDEN', '只有本社区的居民可以联系邻居');
  return n;
}

/** A moderator of the community, for the committee's 找邻居 pages (another community's moderator: 404; a resident: 403). */
export async function requireNeighbourStaff(ctx: SignedIn, communityId: number): Promise<void> {
  requireAllowed(ctx.actor, 'moderate:neighbours', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
}
