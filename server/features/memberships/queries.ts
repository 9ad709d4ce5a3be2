import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { HouseholdView, MyMembership } from '../../../shared/contracts/common';
import type { MembershipAdmin } from '../../../shared/contracts/memberships';
import type { MembershipRole, MembershipStatus } from '../../../shared/enums';
import { hotSelect } from '../../db/prepared';
import { buildings, communities, households, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import type { FieldCipher } from '../../security/crypto';

export function householdView(row: {
  householdId: number | null;
  buildingId: number | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  floorArea: number | null;
}): HouseholdView | null {
  if (row.householdId === null || row.buildingId === null) return null;
  return {
    id: row.householdId,
    buildingId: row.buildingId,
    buildingName: row.buildingName ?? '',
    unit: row.unit ?? '',
    room: row.room ?? '',
    floorArea: row.floorArea,
  };
}

const myColumns = {
  id: memberships.id,
  communityId: memberships.communityId,
  communityName: communities.name,
  role: memberships.role,
  status: memberships.status,
  reason: memberships.reason,
  createdAt: memberships.createdAt,
  decidedAt: memberships.decidedAt,
  householdId: households.id,
  buildingId: households.buildingId,
  buildingName: buildings.name,
  unit: households.unit,
  room: households.room,
  floorArea: households.floorArea,
};

interface MyRow {
  id: number;
  communityId: number;
  communityName: string | null;
  role: MyMembership['role'];
  status: MembershipStatus;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  householdId: number | null;
  buildingId: number | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  floorArea: number | null;
}

function toMine(r: MyRow): MyMembership {
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: r.communityName ?? '',
    role: r.role,
    status: r.status,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    household: householdView(r),
  };
}

function mineQuery(db: Tx) {
  return db
    .select(myColumns)
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId));
}

const mineOfUser = hotSelect('memberships_of_user', myColumns, (db) =>
  mineQuery(db)
    .where(eq(memberships.userId, sql.placeholder('userId')))
    .orderBy(desc(memberships.id)),
);

/** A user's memberships, live ones first, then history (newest first). */
export async function listMine(db: Tx, userId: number): Promise<MyMembership[]> {
  const rows = await mineOfUser.execute(db, { userId });
  const rank = (s: MembershipStatus) => (s === 'approved' ? 0 : s === 'pending' ? 1 : 2);
  return rows.map(toMine).sort((a, b) => rank(a.status) - rank(b.status));
}

export async function getMine(db: Tx, membershipId: number): Promise<MyMembership | null> {
  const [row] = await mineQuery(db).where(eq(memberships.id, membershipId));
  return row ? toMine(row) : null;
}

/** Moderator view of memberships, with the real name and phone decrypted. */
export async function listForModerators(
  db: Tx,
  cipher: FieldCipher,
  where: { communityId: number; status?: MembershipStatus; role?: MembershipRole; ids?: number[] },
  page: { limit: number; offset: number } = { limit: 100, offset: 0 },
): Promise<MembershipAdmin[]> {
  const decider = db.select({ id: users.id, name: users.nickname, username: users.username }).from(users).as('decider');
  const rows = await db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      nickname: users.nickname,
      role: memberships.role,
      status: memberships.status,
      realNameEnc: memberships.realNameEnc,
      phoneEnc: memberships.phoneEnc,
      invitationId: memberships.invitationId,
      reason: memberships.reason,
      decidedAt: memberships.decidedAt,
      deciderName: decider.name,
      deciderUsername: decider.username,
      createdAt: memberships.createdAt,
      householdId: households.id,
      buildingId: households.buildingId,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
      floorArea: households.floorArea,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(decider, eq(decider.id, memberships.decidedBy))
    .where(
      and(
        eq(memberships.communityId, where.communityId),
        where.status ? eq(memberships.status, where.status) : undefined,
        where.role ? eq(memberships.role, where.role) : undefined,
        where.ids ? inArray(memberships.id, where.ids) : undefined,
      ),
    )
    .orderBy(where.status === 'pending' ? asc(memberships.id) : desc(memberships.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    nickname: r.nickname,
    role: r.role,
    status: r.status,
    realName: r.realNameEnc ? cipher.decrypt(r.realNameEnc) : null,
    phone: r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
    household: householdView(r),
    viaInvitation: r.invitationId !== null,
    reason: r.reason,
    decidedBy: r.deciderName ?? r.deciderUsername,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
