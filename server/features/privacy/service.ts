import { and, desc, eq, isNull } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { requireActor, requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { isLive } from '../../db/live';
import { buildings, communities, households, memberships, sessions, users } from '../../db/schema';
import { audited } from '../../platform/audited';

/** A resident's copy of their own data, decrypted: it is theirs. */
export async function exportMyData(ctx: ServiceContext): Promise<MyData> {
  const { deps, actor } = ctx;
  requireActor(actor);
  const db = deps.database.db;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  const rows = await db
    .select({
      communityName: communities.name,
      role: memberships.role,
      status: memberships.status,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
      realNameEnc: memberships.realNameEnc,
      phoneEnc: memberships.phoneEnc,
      reason: memberships.reason,
      createdAt: memberships.createdAt,
      decidedAt: memberships.decidedAt,
    })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(memberships.userId, actor.userId))
    .orderBy(desc(memberships.id));
  const mySessions = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.id));
  return {
    exportedAt: deps.clock().toISOString(),
    user: {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl,
      hasWechatIdentity: user.openid !== null,
      createdAt: user.createdAt.toISOString(),
    },
    memberships: rows.map((r) => ({
      communityName: r.communityName,
      role: r.role,
      status: r.status,
      household: r.buildingName ? `${r.buildingName} ${r.unit} ${r.room}` : null,
      realName: r.realNameEnc ? deps.cipher.decrypt(r.realNameEnc) : null,
      phone: r.phoneEnc ? deps.cipher.decrypt(r.phoneEnc) : null,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    sessions: mySessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
    })),
  };
}

/**
 * Deletes the caller's personal data: real names and phones, the WeChat identity and
 * session key, the nickname; live memberships end as "left"; every session ends. The
 * user row stays (without anything that identifies the person) so the audit log keeps
 * pointing at an id. Staff accounts are closed by an admin, not here.
 */
export async function deleteMyAccount(ctx: ServiceContext): Promise<void> {
  const { deps, actor } = ctx;
  requireActor(actor);
  const now = deps.clock();
  await audited(ctx, 'membership.deleted_by_resident', async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    if (!user) throw new AppError('UNAUTHENTICATED');
    requireAllowed(actor, 'delete:own-account', { ownerId: user.id, staffAccount: user.username !== null });
    const live = await tx
      .update(memberships)
      .set({ status: 'left', updatedAt: now })
      .where(and(eq(memberships.userId, actor.userId), isLive(memberships.status)))
      .returning({ id: memberships.id, communityId: memberships.communityId });
    await tx
      .update(memberships)
      .set({ realNameEnc: null, phoneEnc: null, updatedAt: now })
      .where(eq(memberships.userId, actor.userId));
    await tx
      .update(users)
      .set({
        openid: null,
        unionid: null,
        nickname: null,
        avatarUrl: null,
        sessionKeyEnc: null,
        currentCommunityId: null,
        updatedAt: now,
      })
      .where(eq(users.id, actor.userId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)));
    return {
      result: null,
      audit: live.map((m) => ({ communityId: m.communityId, targetId: m.id, after: { status: 'left' } })),
    };
  });
}
