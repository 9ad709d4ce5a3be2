import { and, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type {
  AccountLockedDetails,
  BadCredentialsDetails,
  MeReply,
  SessionReply,
} from '../../../shared/contracts/auth';
import type { UserView } from '../../../shared/contracts/common';
import type { SessionKind } from '../../../shared/enums';
import { requireActor, requireAllowed } from '../../auth/guards';
import type { Actor } from '../../auth/policy';
import type { Origin, ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { memoryRateLimits, type RateLimiter } from '../../core/rate-limit';
import { isLive } from '../../db/live';
import { hotSelect } from '../../db/prepared';
import { memberships, sessions, users } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { decoyPasswordHash, newToken, sha256, verifyPassword } from '../../security/crypto';
import { requireCommunity } from '../committees/queries';
import { listMine } from '../memberships/queries';

/** last_seen_at is refreshed at most this often, so reads do not become writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

type UserRow = typeof users.$inferSelect;

export function userView(u: Pick<UserRow, 'id' | 'nickname' | 'avatarUrl' | 'isAdmin' | 'username'>): UserView {
  return { id: u.id, nickname: u.nickname, avatarUrl: u.avatarUrl, isAdmin: u.isAdmin, isStaff: u.username !== null };
}

export async function loadMe(db: Tx, userId: number): Promise<MeReply> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  const mine = await listMine(db, userId);
  const approved = mine.filter((m) => m.status === 'approved');
  // The stored choice wins while still approved (for an admin, always: they may pick
  // any community); else the first approved community.
  const stored = user.currentCommunityId;
  const current =
    stored !== null && (user.isAdmin || approved.some((m) => m.communityId === stored))
      ? stored
      : (approved[0]?.communityId ?? null);
  return { user: userView(user), memberships: mine, currentCommunityId: current };
}

export function getMe(ctx: ServiceContext): Promise<MeReply> {
  requireActor(ctx.actor);
  return loadMe(ctx.deps.database.db, ctx.actor.userId);
}

async function startSession(deps: AppDeps, tx: Tx, userId: number, kind: SessionKind, origin: Origin | null) {
  const token = newToken();
  const expiresAt = new Date(deps.clock().getTime() + deps.config.SESSION_TTL_HOURS * 3600_000);
  await tx.insert(sessions).values({
    userId,
    tokenHash: sha256(token),
    kind,
    userAgent: origin?.userAgent?.slice(0, 300) ?? null,
    ip: origin?.ip ?? null,
    expiresAt,
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

export interface SignInLimiters {
  perIp: RateLimiter;
  perOpenid: RateLimiter;
  /** Failures for usernames that do not exist lock like real ones, so lockout does not reveal which exist. */
  unknownUsername: RateLimiter;
}

/** The sign-in counters, in the store deps name (Redis shared by every instance) or this app's memory. */
export function createSignInLimiters(deps: AppDeps): SignInLimiters {
  const store = deps.rateLimits ?? memoryRateLimits(deps.config.REDIS_KEY_PREFIX);
  const now = () => deps.clock().getTime();
  const { config } = deps;
  return {
    perIp: store.limiter({ name: 'signin-ip', limit: config.SIGNIN_LIMIT_PER_IP, windowMs: 60_000, now }),
    perOpenid: store.limiter({ name: 'signin-openid', limit: config.SIGNIN_LIMIT_PER_OPENID, windowMs: 60_000, now }),
    unknownUsername: store.limiter({
      name: 'signin-unknown-user',
      limit: config.PASSWORD_MAX_FAILURES,
      windowMs: config.PASSWORD_LOCK_MINUTES * 60_000,
      now,
    }),
  };
}

export async function signInWithWechat(
  ctx: ServiceContext,
  limiters: SignInLimiters,
  code: string,
): Promise<SessionReply> {
  const { deps } = ctx;
  if (!(await limiters.perIp.hit(`ip:${ctx.origin?.ip ?? 'local'}`)).allowed) throw new AppError('RATE_LIMITED');
  const wx = await deps.wechat.code2Session(code);
  if (!(await limiters.perOpenid.hit(`openid:${wx.openid}`)).allowed) throw new AppError('RATE_LIMITED');
  const sessionKeyEnc = deps.cipher.encrypt(wx.sessionKey);
  return deps.database.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ openid: wx.openid, unionid: wx.unionid, sessionKeyEnc })
      .onConflictDoUpdate({
        target: users.openid,
        set: { sessionKeyEnc, unionid: sql`coalesce(excluded.unionid, ${users.unionid})`, updatedAt: sql`now()` },
      })
      .returning({ id: users.id });
    const session = await startSession(deps, tx, user.id, 'wechat', ctx.origin);
    return { ...session, ...(await loadMe(tx, user.id)) };
  });
}

/**
 * Staff sign-in. Every attempt on an account is claimed in the database before its
 * password is checked (one UPDATE … RETURNING), so however many arrive at once, at
 * most PASSWORD_MAX_FAILURES are checked before the account locks, and a right
 * password that finishes after the lock was taken does not undo it. A locked account
 * and an unknown username cost the same scrypt and get the same reply (tries left while
 * counting; the lock's end only with the failure that takes it, see wrongPassword and
 * lockedNow), so neither the reply nor its timing tells which usernames exist.
 * See docs/decisions/003-sessions-and-rate-limits.md.
 */
export async function signInWithPassword(
  ctx: ServiceContext,
  limiters: SignInLimiters,
  username: string,
  password: string,
): Promise<SessionReply> {
  const { deps } = ctx;
  if (!(await limiters.perIp.hit(`ip:${ctx.origin?.ip ?? 'local'}`)).allowed) throw new AppError('RATE_LIMITED');
  const verify = deps.verifyPassword ?? verifyPassword;
  const db = deps.database.db;
  const now = deps.clock();
  const max = deps.config.PASSWORD_MAX_FAILURES;
  const lockUntil = new Date(now.getTime() + deps.config.PASSWORD_LOCK_MINUTES * 60_000);
  const name = username.toLowerCase();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.username, name));

  if (!user?.passwordHash) {
    const hit = await limiters.unknownUsername.hit(`user:${name}`);
    await verify(password, decoyPasswordHash);
    if (hit.allowed && hit.count < max) throw wrongPassword(max - hit.count);
    // The failure that uses the last attempt says until when, exactly as for a real account.
    throw hit.allowed && hit.count === max ? lockedNow(lockUntil) : new AppError('ACCOUNT_LOCKED');
  }

  const attempt = await claimAttempt(db, user.id, { now, max, lockUntil });
  if (attempt === null) {
    await verify(password, decoyPasswordHash);
    throw new AppError('ACCOUNT_LOCKED');
  }
  if (!(await verify(password, user.passwordHash))) {
    if (attempt < max) throw wrongPassword(max - attempt);
    // This failure used the last allowed attempt: lock, unless a right password has
    // meanwhile started the count again.
    await db
      .update(users)
      .set({ lockedUntil: lockUntil })
      .where(and(eq(users.id, user.id), gte(users.failedLogins, max), notLocked(now)));
    throw lockedNow(lockUntil);
  }
  return db.transaction(async (tx) => {
    const [cleared] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.id, user.id), notLocked(now)))
      .returning({ id: users.id });
    // Attempts that arrived beside this one went past the limit: the lock stands.
    if (!cleared) throw new AppError('ACCOUNT_LOCKED');
    const session = await startSession(deps, tx, user.id, 'password', ctx.origin);
    return { ...session, ...(await loadMe(tx, user.id)) };
  });
}

/**
 * The refusals of a password sign-in. `remaining` counts the same way for unknown usernames, and
 * only the failure that takes the lock says until when (later ones get the bare code): so the
 * replies still do not tell which usernames exist.
 */
function wrongPassword(remaining: number): AppError {
  const details: BadCredentialsDetails = { remaining };
  return new AppError('BAD_CREDENTIALS', undefined, details);
}

function lockedNow(lockUntil: Date): AppError {
  const details: AccountLockedDetails = { lockedUntil: lockUntil.toISOString() };
  return new AppError('ACCOUNT_LOCKED', undefined, details);
}

const notLocked = (now: Date) => or(isNull(users.lockedUntil), lte(users.lockedUntil, now));

/**
 * Claims one password attempt: counts it before the password is checked. Returns the
 * attempt's number in the current lock window, or null when the account is locked.
 * The attempt past the limit locks the account instead of being checked. An expired
 * lock starts a new window.
 */
async function claimAttempt(
  db: Tx,
  userId: number,
  { now, max, lockUntil }: { now: Date; max: number; lockUntil: Date },
): Promise<number | null> {
  const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${expired} then 1 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case
        when ${expired} then null
        when ${users.failedLogins} + 1 > ${max} then ${lockUntil.toISOString()}::timestamptz
        else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.id, userId), notLocked(now)))
    .returning({ failedLogins: users.failedLogins });
  return row && row.failedLogins <= max ? row.failedLogins : null;
}

const liveMemberships = sql<Actor['memberships']>`coalesce((
  select json_agg(json_build_object('communityId', m.community_id, 'role', m.role, 'status', m.status))
  from ${memberships} m where m.user_id = ${sessions.userId} and ${isLive(sql`m.status`)}
), '[]'::json)`;

const sessionByToken = hotSelect(
  'session_by_token',
  {
    sessionId: sessions.id,
    userId: sessions.userId,
    expiresAt: sessions.expiresAt,
    revokedAt: sessions.revokedAt,
    lastSeenAt: sessions.lastSeenAt,
    isAdmin: users.isAdmin,
    memberships: liveMemberships,
  },
  (db, fields) =>
    db
      .select(fields)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sql.placeholder('hash'))),
);

export interface SignedInSession {
  sessionId: number;
  actor: Actor;
}

/**
 * The caller behind a bearer token: its session, user and live memberships in one
 * round trip. Null for no such session; SESSION_EXPIRED for an expired one.
 */
export async function resolveSession(deps: AppDeps, token: string): Promise<SignedInSession | null> {
  const db = deps.database.db;
  const [row] = await sessionByToken.execute(db, { hash: sha256(token) });
  const now = deps.clock();
  if (!row || row.revokedAt) return null;
  if (row.expiresAt <= now) throw new AppError('SESSION_EXPIRED');
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return {
    sessionId: row.sessionId,
    actor: { userId: row.userId, isAdmin: row.isAdmin, memberships: row.memberships },
  };
}

export async function listSessions(ctx: ServiceContext) {
  const { deps, actor } = ctx;
  const sessionId = ctx.origin?.sessionId ?? null;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const rows = await deps.database.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, deps.clock())))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return {
    items: rows.map((s) => ({
      id: s.id,
      kind: s.kind,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      current: s.id === sessionId,
    })),
  };
}

export async function revokeSessions(ctx: ServiceContext, which: 'current' | 'all' | number): Promise<void> {
  const { deps, actor } = ctx;
  const sessionId = ctx.origin?.sessionId ?? null;
  if (!actor || sessionId === null) throw new AppError('UNAUTHENTICATED');
  const db = deps.database.db;
  const now = deps.clock();
  if (which === 'all') {
    await db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)));
    return;
  }
  const id = which === 'current' ? sessionId : which;
  const [target] = await db
    .select({ userId: sessions.userId, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.id, id));
  requireAllowed(actor, 'own:session', { ownerId: target?.userId });
  if (target?.revokedAt) throw new AppError('NOT_FOUND');
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
}

export async function setCurrentCommunity(ctx: ServiceContext, communityId: number): Promise<MeReply> {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'read:community', { communityId });
  // Admins may pick any community that exists; a missing one is a 404, not a foreign-key 500.
  await requireCommunity(deps.database.db, communityId);
  await deps.database.db.update(users).set({ currentCommunityId: communityId }).where(eq(users.id, actor.userId));
  return loadMe(deps.database.db, actor.userId);
}
