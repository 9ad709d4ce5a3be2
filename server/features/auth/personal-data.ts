import { and, desc, eq, isNull } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { AppError } from '../../core/errors';
import { sessions, users } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/** The account: WeChat identity, nickname, avatar, session key. The row stays, emptied, so audit ids still point somewhere. */
export const userData: PersonalData<MyData['user']> = {
  table: users,
  columns: [users.openid, users.unionid, users.nickname, users.avatarUrl, users.sessionKeyEnc, users.username],
  async exportFor(db, ctx) {
    const [user] = await db.select().from(users).where(eq(users.id, ctx.actor.userId));
    if (!user) throw new AppError('UNAUTHENTICATED');
    return {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarUrl,
      hasWechatIdentity: user.openid !== null,
      createdAt: user.createdAt.toISOString(),
    };
  },
  async erase(tx, ctx, now) {
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
      .where(eq(users.id, ctx.actor.userId));
    return [];
  },
};

/** Signed-in devices: when, and the browser or phone that said so. */
export const sessionData: PersonalData<MyData['sessions']> = {
  table: sessions,
  columns: [sessions.userId, sessions.ip, sessions.userAgent],
  async exportFor(db, ctx) {
    const rows = await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, ctx.actor.userId), isNull(sessions.revokedAt)))
      .orderBy(desc(sessions.id));
    return rows.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
    }));
  },
  async erase(tx, ctx, now) {
    // Every device is signed out, and what it told us about itself is dropped.
    await tx
      .update(sessions)
      .set({ revokedAt: now, ip: null, userAgent: null })
      .where(eq(sessions.userId, ctx.actor.userId));
    return [];
  },
};
