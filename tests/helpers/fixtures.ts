import { and, eq } from 'drizzle-orm';
import { buildings, communities, districts, households, memberships, streets, users } from '../../server/db/schema';
import { hashPassword } from '../../server/security/crypto';
import type { TestApp } from './app';

export const STAFF_PASSWORD = 'correct horse battery';

let passwordHash: Promise<string> | null = null;
const staffHash = () => {
  passwordHash ??= hashPassword(STAFF_PASSWORD);
  return passwordHash;
};

export interface CommunityFixture {
  id: number;
  name: string;
  buildingId: number;
  householdIds: number[];
}

export async function createCommunity(
  app: TestApp,
  name: string,
  at = { lat: 31.2, lng: 121.4 },
): Promise<CommunityFixture> {
  const db = app.database.db;
  let [district] = await db.select().from(districts).where(eq(districts.name, '测试区'));
  if (!district) [district] = await db.insert(districts).values({ name: '测试区' }).returning();
  let [street] = await db.select().from(streets).where(eq(streets.name, '测试街道'));
  if (!street) [street] = await db.insert(streets).values({ districtId: district.id, name: '测试街道' }).returning();
  const [c] = await db
    .insert(communities)
    .values({ streetId: street.id, name, address: `${name}地址`, phone: '021-1234567', ...at })
    .returning();
  const [b] = await db.insert(buildings).values({ communityId: c.id, name: '1号楼' }).returning();
  const hs = await db
    .insert(households)
    .values(
      ['101', '102', '201', '202', '301', '302'].map((room) => ({
        communityId: c.id,
        buildingId: b.id,
        unit: '1单元',
        room,
        floorArea: 80,
      })),
    )
    .returning({ id: households.id });
  return { id: c.id, name, buildingId: b.id, householdIds: hs.map((h) => h.id) };
}

let userCounter = 0;

/** Signs a new WeChat user in through the API (local adapter) and returns the token. */
export async function wechatUser(app: TestApp, label = 'user') {
  const code = `${label}-${process.pid}-${userCounter++}-${Math.random().toString(36).slice(2)}`;
  const res = await app.call('POST', '/api/auth/wechat', { body: { code } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token as string, userId: res.body.user.id as number, code };
}

/** A resident with an approved membership, made directly in the database. */
export async function resident(app: TestApp, community: CommunityFixture, householdIndex = 0, realName = '测试居民') {
  const u = await wechatUser(app, 'resident');
  await app.database.db.insert(memberships).values({
    communityId: community.id,
    userId: u.userId,
    householdId: community.householdIds[householdIndex],
    status: 'approved',
    realNameEnc: app.deps.cipher.encrypt(realName),
  });
  return u;
}

/** A user whose join request waits for a moderator. */
export async function pendingUser(app: TestApp, community: CommunityFixture, householdIndex = 1) {
  const u = await wechatUser(app, 'pending');
  const [m] = await app.database.db
    .insert(memberships)
    .values({
      communityId: community.id,
      userId: u.userId,
      householdId: community.householdIds[householdIndex],
      status: 'pending',
      realNameEnc: app.deps.cipher.encrypt('待审居民'),
    })
    .returning({ id: memberships.id });
  return { ...u, membershipId: m.id };
}

/** Someone who was in the community once: left, revoked by a moderator, or never let in. */
export async function formerMember(
  app: TestApp,
  community: CommunityFixture,
  status: 'left' | 'revoked' | 'rejected',
  householdIndex = 2,
) {
  const u = await wechatUser(app, status);
  const [m] = await app.database.db
    .insert(memberships)
    .values({
      communityId: community.id,
      userId: u.userId,
      householdId: community.householdIds[householdIndex],
      status,
      reason: status === 'left' ? null : '测试原因',
      realNameEnc: app.deps.cipher.encrypt('以前的居民'),
    })
    .returning({ id: memberships.id });
  return { ...u, membershipId: m.id };
}

/** A staff account (password sign-in), moderator of the given community or a platform admin. */
export async function staff(app: TestApp, opts: { community?: CommunityFixture; admin?: boolean; username?: string }) {
  const username = opts.username ?? `staff${userCounter++}_${Math.random().toString(36).slice(2, 8)}`;
  const [u] = await app.database.db
    .insert(users)
    .values({
      username,
      passwordHash: await staffHash(),
      nickname: `工作人员${username}`,
      isAdmin: opts.admin ?? false,
    })
    .returning();
  if (opts.community) {
    await app.database.db
      .insert(memberships)
      .values({ communityId: opts.community.id, userId: u.id, role: 'moderator', status: 'approved' });
  }
  const res = await app.call('POST', '/api/auth/password', { body: { username, password: STAFF_PASSWORD } });
  if (res.status !== 200) throw new Error(`staff sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token as string, userId: u.id, username };
}

/**
 * The callers of the authorization matrix, around two communities A and B: members of
 * each, an applicant, people who are no longer members of A, a disabled moderator of
 * A, and a platform admin.
 */
export async function world(app: TestApp) {
  const a = await createCommunity(app, `甲社区${userCounter++}`, { lat: 31.2, lng: 121.4 });
  const b = await createCommunity(app, `乙社区${userCounter++}`, { lat: 31.3, lng: 121.5 });
  const [residentA, moderatorA, residentB, moderatorB, admin, pending, leftA, revokedA, rejectedA, disabledA] =
    await Promise.all([
      resident(app, a),
      staff(app, { community: a }),
      resident(app, b),
      staff(app, { community: b }),
      staff(app, { admin: true }),
      pendingUser(app, a),
      formerMember(app, a, 'left'),
      formerMember(app, a, 'revoked'),
      formerMember(app, a, 'rejected'),
      staff(app, { community: a }),
    ]);
  // Disabled the way an admin does it: through the API, which ends the account's sessions.
  const off = await app.call('POST', `/api/admin/staff/${disabledA.userId}/disable`, { token: admin.token });
  if (off.status !== 200) throw new Error(`disable failed: ${off.status}`);
  return { a, b, residentA, moderatorA, residentB, moderatorB, admin, pending, leftA, revokedA, rejectedA, disabledA };
}

/** Several WeChat users at once (for concurrency tests). */
export function wechatUsers(app: TestApp, n: number, label = 'user') {
  return Promise.all(Array.from({ length: n }, () => wechatUser(app, label)));
}

/** Audit rows of one action on one target, oldest first. */
export async function auditRows(app: TestApp, action: string, targetId: number) {
  return app.database.sql<
    { id: number; community_id: number | null; actor_id: number | null; before: unknown; after: unknown }[]
  >`
    select id, community_id, actor_id, before, after from audit_log
    where action = ${action} and target_id = ${targetId} order by id`;
}

/** A community in a named district and street (made if missing), with no buildings yet. */
export async function communityIn(
  app: TestApp,
  place: { district: string; street: string; name: string; lat?: number | null; lng?: number | null },
) {
  const db = app.database.db;
  let [district] = await db.select().from(districts).where(eq(districts.name, place.district));
  if (!district) [district] = await db.insert(districts).values({ name: place.district }).returning();
  let [street] = await db
    .select()
    .from(streets)
    .where(and(eq(streets.districtId, district.id), eq(streets.name, place.street)));
  if (!street) [street] = await db.insert(streets).values({ districtId: district.id, name: place.street }).returning();
  const [c] = await db
    .insert(communities)
    .values({
      streetId: street.id,
      name: place.name,
      address: `${place.street}${place.name}`,
      lat: place.lat ?? null,
      lng: place.lng ?? null,
    })
    .returning({ id: communities.id });
  return c.id;
}

/**
 * A property company's handler (物业) of a community: a staff account with an approved
 * `handler` membership, signed in with its password (小事快办, docs/decisions/020-matters.md).
 */
export async function handler(app: TestApp, community: CommunityFixture) {
  const s = await staff(app, {});
  await app.database.db
    .insert(memberships)
    .values({ communityId: community.id, userId: s.userId, role: 'handler', status: 'approved' });
  return s;
}
