import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/audit-actions';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { isLive } from '../../db/live';
import { communities, districts, memberships, sessions, streets, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { type AuditedResult, audited } from '../../platform/audited';
import { hashPassword } from '../../security/crypto';
import { requireCommunity } from '../committees/queries';
import { card } from '../committees/service';
import { getMine } from '../memberships/queries';

/** Runs an admin action with its audit row in one transaction; a unique clash is a 409. */
async function adminAction<T>(
  ctx: ServiceContext,
  action: AuditAction,
  duplicateMessage: string,
  work: (tx: Tx, actorId: number) => Promise<AuditedResult<T>>,
): Promise<T> {
  requireAllowed(ctx.actor, 'admin:platform');
  const actorId = ctx.actor.userId;
  try {
    return await audited(ctx, action, (tx) => work(tx, actorId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('DUPLICATE', duplicateMessage);
    throw error;
  }
}

export const createDistrict = (ctx: ServiceContext, name: string) =>
  adminAction(ctx, 'district.create', '已经有同名的区了', async (tx) => {
    const [d] = await tx.insert(districts).values({ name }).returning();
    return {
      result: { id: d.id, name: d.name, streets: [] },
      audit: {
        communityId: null,
        targetId: d.id,
        after: { name },
      },
    };
  });

export const createStreet = (ctx: ServiceContext, input: { districtId: number; name: string }) =>
  adminAction(ctx, 'street.create', '这个区已经有同名的街镇了', async (tx) => {
    const [d] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, input.districtId));
    if (!d) throw new AppError('NOT_FOUND');
    const [s] = await tx.insert(streets).values(input).returning();
    return {
      result: { id: s.id, name: s.name },
      audit: {
        communityId: null,
        targetId: s.id,
        after: input,
      },
    };
  });

export async function createCommunity(
  ctx: ServiceContext,
  input: {
    streetId: number;
    name: string;
    address: string;
    phone: string | null;
    lat: number | null;
    lng: number | null;
    intro: string;
  },
) {
  const id = await adminAction(ctx, 'community.create', '这个街镇已经有同名的居委会了', async (tx) => {
    const [s] = await tx.select({ id: streets.id }).from(streets).where(eq(streets.id, input.streetId));
    if (!s) throw new AppError('NOT_FOUND');
    const [c] = await tx
      .insert(communities)
      .values({
        ...input,
        officeHours: {
          weekly: [1, 2, 3, 4, 5].map((weekday) => ({
            weekday,
            periods: [
              { start: '08:30', end: '11:30' },
              { start: '13:30', end: '17:00' },
            ],
          })),
          exceptions: [],
        },
      })
      .returning({ id: communities.id });
    return {
      result: c.id,
      audit: {
        communityId: c.id,
        targetId: c.id,
        after: input,
      },
    };
  });
  return card(ctx.deps.database.db, ctx.deps.clock(), id, ctx.actor);
}

async function staffView(db: Tx, ids?: number[]) {
  const rows = await db
    .select()
    .from(users)
    .where(and(isNotNull(users.username), ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.username));
  const mods = rows.length
    ? await db
        .select({ userId: memberships.userId, id: communities.id, name: communities.name, role: memberships.role })
        .from(memberships)
        .innerJoin(communities, eq(communities.id, memberships.communityId))
        .where(
          and(
            inArray(
              memberships.userId,
              rows.map((r) => r.id),
            ),
            inArray(memberships.role, ['moderator', 'handler']),
            eq(memberships.status, 'approved'),
          ),
        )
    : [];
  return rows.map((u) => ({
    id: u.id,
    username: u.username ?? '',
    displayName: u.nickname,
    isAdmin: u.isAdmin,
    disabled: u.passwordHash === null,
    communities: mods
      .filter((m) => m.userId === u.id)
      .map(({ id, name, role }) => ({ id, name, role: role as 'moderator' | 'handler' })),
    createdAt: u.createdAt.toISOString(),
  }));
}

export interface StaffInput {
  username: string;
  password: string;
  displayName: string;
}

export async function createStaff(ctx: ServiceContext, input: StaffInput) {
  // Refuse before hashing: scrypt is deliberately costly, and any signed-in user can reach this route.
  requireAllowed(ctx.actor, 'admin:platform');
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await adminAction(ctx, 'staff.create', '这个用户名已被使用', async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({ username: input.username, passwordHash, nickname: input.displayName })
        .returning({ id: users.id });
      return {
        result: u.id,
        audit: {
          communityId: null,
          targetId: u.id,
          after: { username: input.username, displayName: input.displayName },
        },
      };
    });
    const [view] = await staffView(ctx.deps.database.db, [id]);
    return view;
  } catch (error) {
    if (error instanceof AppError && error.code === 'DUPLICATE') throw new AppError('USERNAME_TAKEN');
    throw error;
  }
}

/**
 * Makes a platform admin from the server's console (npm run admin:create): a new
 * account, or an existing staff account promoted and given the new password.
 */
export async function createPlatformAdmin(ctx: ServiceContext, input: StaffInput) {
  requireAllowed(ctx.actor, 'admin:platform');
  const passwordHash = await hashPassword(input.password);
  const db = ctx.deps.database.db;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  const id = await adminAction(
    ctx,
    existing ? 'admin.promote_cli' : 'admin.create_cli',
    '这个用户名已被使用',
    async (tx) => {
      const [row] = existing
        ? await tx
            .update(users)
            .set({ isAdmin: true, passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: ctx.deps.clock() })
            .where(eq(users.id, existing.id))
            .returning({ id: users.id })
        : await tx
            .insert(users)
            .values({ username: input.username, passwordHash, nickname: input.displayName, isAdmin: true })
            .returning({ id: users.id });
      return {
        result: row.id,
        audit: { communityId: null, targetId: row.id, after: { username: input.username, isAdmin: true } },
      };
    },
  );
  const [view] = await staffView(db, [id]);
  return { created: !existing, staff: view };
}

export async function listStaff(ctx: ServiceContext) {
  requireAllowed(ctx.actor, 'admin:platform');
  return { items: await staffView(ctx.deps.database.db) };
}

const appointWords = {
  moderator: { action: 'moderator.appoint', already: '此人已经是这个社区的管理员了' },
  handler: { action: 'handler.appoint', already: '此人已经是这个社区的物业处理人了' },
} as const;

/**
 * Makes a user a community's moderator, or a staff account its property handler (物业, who
 * works only the 小事快办 routed to the property company). An existing live membership (a
 * resident, a pending request, the other staff role) becomes the appointed one.
 */
export async function appointModerator(
  ctx: ServiceContext,
  communityId: number,
  userId: number,
  role: 'moderator' | 'handler' = 'moderator',
) {
  const words = appointWords[role];
  const id = await adminAction(ctx, words.action, '此人已经是这个社区的成员了', async (tx, actorId) => {
    await requireCommunity(tx, communityId);
    const [u] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, userId));
    if (!u) throw new AppError('NOT_FOUND');
    // A handler signs in with a password at the admin view: only a staff account can be one.
    if (role === 'handler' && u.username === null)
      throw new AppError('INVALID_STATE', '物业处理人要用工作人员账号，请先新建账号');
    const now = ctx.deps.clock();
    const [live] = await tx
      .select({ id: memberships.id, role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.communityId, communityId), isLive(memberships.status)));
    if (live?.role === role && live.status === 'approved') throw new AppError('DUPLICATE', words.already);
    let membershipId: number;
    if (live) {
      await tx
        .update(memberships)
        .set({ role, status: 'approved', decidedBy: actorId, decidedAt: now, updatedAt: now })
        .where(eq(memberships.id, live.id));
      membershipId = live.id;
    } else {
      const [m] = await tx
        .insert(memberships)
        .values({ communityId, userId, role, status: 'approved', decidedBy: actorId, decidedAt: now })
        .returning({ id: memberships.id });
      membershipId = m.id;
    }
    return {
      result: membershipId,
      audit: {
        communityId,
        targetId: membershipId,
        before: live ? { role: live.role, status: live.status } : null,
        after: { role, status: 'approved', userId },
      },
    };
  });
  return getMine(ctx.deps.database.db, id);
}

async function staffChange(
  ctx: ServiceContext,
  userId: number,
  action: 'staff.disable' | 'staff.reset_password',
  passwordHash: string | null,
) {
  await adminAction(ctx, action, '', async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!u || u.username === null) throw new AppError('NOT_FOUND');
    if (passwordHash === null) requireAllowed(ctx.actor, 'disable:staff', { ownerId: u.id });
    const now = ctx.deps.clock();
    await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, userId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    return {
      result: null,
      audit: {
        communityId: null,
        targetId: userId,
        before: { disabled: u.passwordHash === null },
        after: { disabled: passwordHash === null },
      },
    };
  });
  const [view] = await staffView(ctx.deps.database.db, [userId]);
  return view;
}

export const disableStaff = (ctx: ServiceContext, userId: number) => staffChange(ctx, userId, 'staff.disable', null);

export async function resetStaffPassword(ctx: ServiceContext, userId: number, password: string) {
  requireAllowed(ctx.actor, 'admin:platform');
  return staffChange(ctx, userId, 'staff.reset_password', await hashPassword(password));
}
