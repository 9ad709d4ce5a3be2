/**
 * The authorization matrix: every route × {anonymous, pending user, resident of A,
 * moderator of A, resident of B, moderator of B, admin, a resident of A who left,
 * one whose membership was revoked, a rejected applicant, a disabled moderator of A}
 * against objects of community A. Later features add their routes to `matrix` below;
 * a test fails when a mounted route is missing from it. A 2xx reply must also match
 * the route's response schema, and rows with a `check` look at what came back.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  agoraSettings,
  boardMutes,
  buildings,
  households,
  invitationCodes,
  jobs,
  memberships,
  neighbourBlocks,
  neighbourCards,
  neighbourContacts,
  neighbourMessages,
  postComments,
  posts,
  rentalBookings,
  rentalUnits,
  screeningWords,
  topicComments,
  topics,
  uploads,
  voteElectors,
  votes,
} from '../../server/db/schema';
import { newInvitationCode } from '../../server/features/invitations/service';
import { holdForMaintenance, holdFreeUnit } from '../../server/features/rentals/holds';
import { closeDue } from '../../server/features/votes/close';
import { deliverMessage } from '../../server/platform/messages';
import { isFileResponse } from '../../shared/contracts/route';
import { NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import { addDays, chinaClock } from '../../shared/domain/office-hours';
import { quote } from '../../shared/domain/rental-fees';
import { useTestApp } from '../helpers/app';
import { insertPost } from '../helpers/board-items';
import {
  createCommunity,
  formerMember,
  handler,
  pendingUser,
  resident,
  STAFF_PASSWORD,
  staff,
  world,
} from '../helpers/fixtures';
import { cardBody } from '../helpers/neighbours';
import { bookingRow, type RentalSetup, rentalSetup } from '../helpers/rentals';

const actors = [
  'anonymous',
  'pending',
  'residentA',
  'moderatorA',
  'residentB',
  'moderatorB',
  'admin',
  'leftA',
  'revokedA',
  'rejectedA',
  'disabledA',
  'handlerA',
] as const;
/** No longer (or never) members of A: for A's objects they are strangers. */
const formerOfA = ['leftA', 'revokedA', 'rejectedA'] as const;
type ActorName = (typeof actors)[number];
type Expect = Record<ActorName, number>;

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>> & { handlerA: Awaited<ReturnType<typeof handler>> };
let seq = 0;

interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** A file sent as the raw body (upload routes). */
  bytes?: Uint8Array;
  /** A multipart form (form upload routes). */
  form?: FormData;
}

const each = <N extends ActorName>(names: readonly N[], status: number) =>
  Object.fromEntries(names.map((n) => [n, status])) as Record<N, number>;

/** Same status for everyone signed in; 401 for the anonymous caller and a disabled account. */
const anyUser = (status: number): Expect => ({
  anonymous: 401,
  pending: status,
  residentA: status,
  moderatorA: status,
  residentB: status,
  moderatorB: status,
  admin: status,
  ...each(formerOfA, status),
  disabledA: 401,
  handlerA: status,
});
const everyone = (status: number): Expect => ({ ...anyUser(status), anonymous: status, disabledA: status });
/** A's moderators and admins; A's residents are refused; everyone else is told it does not exist. */
const moderatorsOfA = (status: number): Expect => ({
  anonymous: 401,
  pending: 404,
  residentA: 403,
  moderatorA: status,
  residentB: 404,
  moderatorB: 404,
  admin: status,
  ...each(formerOfA, 404),
  disabledA: 401,
  // A property handler is of the community but no committee staff.
  handlerA: 403,
});
/** A's approved members (residents, its committee) and admins; everyone else is told it does not exist. */
const membersOfA = (status: number): Expect => ({ ...moderatorsOfA(status), residentA: status });
const adminsOnly = (status: number): Expect => ({ ...anyUser(403), admin: status });
const ownerOnly = (owner: ActorName, status: number): Expect => ({ ...anyUser(404), [owner]: status });

async function freshPending(app = t.app) {
  return pendingUser(app, w.a, seq++ % 6);
}

async function freshApproved() {
  return resident(t.app, w.a, seq++ % 6);
}

/** A building of A with one room, of its own for each caller. */
async function freshBuilding(rooms = ['101']) {
  const [b] = await t.app.database.db
    .insert(buildings)
    .values({ communityId: w.a.id, name: `矩阵楼${seq++}` })
    .returning();
  const hs = await t.app.database.db
    .insert(households)
    .values(rooms.map((room) => ({ communityId: w.a.id, buildingId: b.id, unit: '1单元', room })))
    .returning({ id: households.id });
  return { id: b.id, householdIds: hs.map((h) => h.id) };
}

/** A small photo as the `file` field of a form, as Taro.uploadFile sends it. */
async function photoForm() {
  const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#6a9' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), '照片.jpg');
  return form;
}

/** A members-only file of A and its signed URL (made once). */
let signedFile: string | null = null;
async function signedFileUrl() {
  if (!signedFile) {
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/uploads`, {
      token: w.moderatorA.token,
      form: await photoForm(),
    });
    signedFile = res.body.urls.display as string;
  }
  return signedFile;
}

async function freshCode(maxUses = 1) {
  const [row] = await t.app.database.db
    .insert(invitationCodes)
    .values({
      communityId: w.a.id,
      householdId: w.a.householdIds[2],
      code: newInvitationCode(),
      maxUses,
      expiresAt: new Date(Date.now() + 86_400_000),
      createdBy: w.moderatorA.userId,
    })
    .returning();
  return row;
}

/** A draft notice of A, written by A's moderator through the API (published when asked). */
async function freshNotice(publish = false, extra: Record<string, unknown> = {}) {
  const res = await t.app.call('POST', `/api/committees/${w.a.id}/notices`, {
    token: w.moderatorA.token,
    body: { title: `矩阵通知${seq++}`, body: '正文', category: 'notice', isPublic: false, audience: 'all', ...extra },
  });
  if (res.status !== 201) throw new Error(`notice failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (publish)
    await t.app.call('POST', `/api/committees/${w.a.id}/notices/${res.body.id}/publish`, { token: w.moderatorA.token });
  return res.body.id as number;
}

/** A published members-only notice of A for the whole community (made once). */
let membersNotice: number | null = null;
async function membersOnlyNotice() {
  membersNotice ??= await freshNotice(true);
  return membersNotice;
}

/** A published 活动 of A taking sign-ups (a fresh one each time). */
async function freshEvent() {
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return freshNotice(true, { category: 'event', signup: { capacity: 10, deadline, maxPeople: 2 } });
}

/** A's resident signs their household up to a fresh 活动; returns the notice and the sign-up. */
async function residentASignup() {
  const noticeId = await freshEvent();
  const res = await t.app.call('POST', `/api/committees/${w.a.id}/notices/${noticeId}/signups`, {
    token: w.residentA.token,
    body: { people: 1 },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { noticeId, signupId: res.body.id as number };
}

/** A 小事快办 of A reported by A's resident (household 101), routed as given, status 已受理. */
async function freshMatter(route: 'committee' | 'property') {
  const [p] = await t.app.database.db
    .insert(posts)
    .values({
      communityId: w.a.id,
      kind: 'matter',
      matterCategory: 'lighting',
      authorId: w.residentA.userId,
      householdId: w.a.householdIds[0],
      authorLabel: '矩阵居民',
      body: `楼道灯坏了${seq++}`,
      bodyHash: `matrix-${seq}`,
      place: '1号楼楼道',
      route,
      status: 'accepted',
    })
    .returning({ id: posts.id });
  return p.id;
}

const noticeInput = { title: '矩阵修改', body: '新正文', category: 'reminder', isPublic: false, audience: 'all' };

/** A second session of the actor, so routes that end sessions do not end the matrix's own. */
async function freshToken(actor: ActorName): Promise<string | null> {
  if (actor === 'anonymous') return null;
  const who = w[actor] as { code?: string; username?: string };
  const res = who.username
    ? await t.app.call('POST', '/api/auth/password', { body: { username: who.username, password: STAFF_PASSWORD } })
    : await t.app.call('POST', '/api/auth/wechat', { body: { code: who.code } });
  return res.body.token;
}

/**
 * A post of A by residentA, written to the table (the API's daily limits for a new member
 * would stop the matrix after a few rows). Visible and 待回复 unless said.
 */
async function boardPost(extra: Partial<typeof posts.$inferInsert> = {}) {
  const n = seq++;
  const [p] = await t.app.database.db
    .insert(posts)
    .values({
      communityId: w.a.id,
      kind: 'post',
      category: 'help',
      authorId: w.residentA.userId,
      householdId: w.a.householdIds[0],
      authorLabel: '邻居 · 1号楼',
      body: `矩阵留言${n}`,
      bodyHash: `matrix-${n}`,
      status: 'awaiting_reply',
      createdAt: new Date(t.app.clock().getTime() - 2 * 86_400_000),
      ...extra,
    })
    .returning({ id: posts.id });
  return p.id;
}

async function boardComment(postId: number) {
  const n = seq++;
  const [c] = await t.app.database.db
    .insert(postComments)
    .values({
      postId,
      communityId: w.a.id,
      authorId: w.residentA.userId,
      householdId: w.a.householdIds[0],
      authorLabel: '邻居 · 1号楼',
      body: `矩阵评论${n}`,
      bodyHash: `matrix-c-${n}`,
    })
    .returning({ id: postComments.id });
  // As the API keeps it: a visible comment counts on its post.
  await t.app.database.sql`update posts set comment_count = comment_count + 1 where id = ${postId}`;
  return c.id;
}

/** Board routes: A's members read; residentA (the author) writes; staff answer only officially. */
const boardReaders = (status: number): Expect => ({ ...moderatorsOfA(200), residentA: status });
const boardWriters = (status: number): Expect => ({ ...moderatorsOfA(403), residentA: status });

/** The mute rows above muted A's resident: 议事厅 writing rows need them lifted. */
async function unmuteResidentA() {
  await t.app.database.sql`update board_mutes set lifted_at = now()
    where user_id = ${w.residentA.userId} and lifted_at is null`;
}

/** A visible topic of A by its committee (discussing unless said), fresh for each caller. */
async function agoraTopic(values: Partial<typeof topics.$inferInsert> = {}) {
  const [row] = await t.app.database.db
    .insert(topics)
    .values({
      communityId: w.a.id,
      authorLabel: '居委会',
      byCommittee: true,
      authorId: w.moderatorA.userId,
      title: `矩阵议题${seq++}`,
      body: '矩阵议题的内容',
      stage: 'discussing',
      cosignNeeded: 0,
      ...values,
    })
    .returning();
  return row.id;
}

const matrix: Array<{
  route: string;
  expect: Expect;
  prepare: (actor: ActorName) => Promise<Req & { token?: string | null }>;
  /** What a successful reply must say, beyond its schema. */
  // biome-ignore lint/suspicious/noExplicitAny: replies are asserted field by field
  check?: (body: any, actor: ActorName) => void | Promise<void>;
  /** The code a 403 carries when it is not FORBIDDEN (a notice tells a non-member to join), or per caller. */
  forbiddenCode?: string | Partial<Record<ActorName, string>>;
}> = [
  { route: 'GET /api/health', expect: everyone(200), prepare: async () => ({ method: 'GET', path: '/api/health' }) },
  {
    route: 'GET /api/districts',
    expect: everyone(200),
    prepare: async () => ({ method: 'GET', path: '/api/districts' }),
  },
  {
    route: 'GET /api/committees',
    expect: everyone(200),
    prepare: async () => ({ method: 'GET', path: '/api/committees' }),
  },
  {
    route: 'GET /api/committees/:communityId',
    expect: everyone(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}` }),
  },
  {
    route: 'POST /api/auth/wechat',
    expect: everyone(200),
    prepare: async () => ({ method: 'POST', path: '/api/auth/wechat', body: { code: `matrix-${seq++}` } }),
  },
  {
    route: 'POST /api/auth/password',
    expect: everyone(200),
    prepare: async () => ({
      method: 'POST',
      path: '/api/auth/password',
      body: { username: w.moderatorA.username, password: STAFF_PASSWORD },
    }),
  },
  {
    route: 'GET /api/me',
    expect: anyUser(200),
    check: (body, actor) => expect(body.user.id).toBe(w[actor as Exclude<ActorName, 'anonymous'>].userId),
    prepare: async () => ({ method: 'GET', path: '/api/me' }),
  },
  {
    route: 'PUT /api/me/current-community',
    expect: { ...moderatorsOfA(200), residentA: 200 },
    prepare: async () => ({ method: 'PUT', path: '/api/me/current-community', body: { communityId: w.a.id } }),
  },
  {
    route: 'GET /api/auth/sessions',
    expect: anyUser(200),
    check: (body) => expect(body.items.filter((x: { current: boolean }) => x.current)).toHaveLength(1),
    prepare: async () => ({ method: 'GET', path: '/api/auth/sessions' }),
  },
  {
    route: 'POST /api/auth/logout',
    expect: anyUser(204),
    prepare: async (a) => ({ method: 'POST', path: '/api/auth/logout', token: await freshToken(a) }),
  },
  {
    route: 'POST /api/auth/logout-all',
    expect: anyUser(204),
    prepare: async (a) => ({ method: 'POST', path: '/api/auth/logout-all', token: await freshToken(a) }),
  },
  {
    route: 'DELETE /api/auth/sessions/:sessionId',
    expect: ownerOnly('residentA', 204),
    prepare: async () => {
      // A spare session of resident A is the object.
      const token = await freshToken('residentA');
      const list = await t.app.call('GET', '/api/auth/sessions', { token });
      const current = list.body.items.find((s: { current: boolean }) => s.current);
      return { method: 'DELETE', path: `/api/auth/sessions/${current.id}` };
    },
  },
  {
    route: 'GET /api/memberships',
    expect: anyUser(200),
    check: (body, actor) => {
      const communities = body.items.map((m: { communityId: number }) => m.communityId);
      if (actor === 'residentA' || actor === 'moderatorA') expect(communities).toContain(w.a.id);
      if (actor === 'residentB') expect(communities).not.toContain(w.a.id);
    },
    prepare: async () => ({ method: 'GET', path: '/api/memberships' }),
  },
  {
    route: 'POST /api/committees/:communityId/join',
    // Already waiting, already in (a moderator is a member too), or welcome to ask.
    expect: { ...anyUser(201), pending: 409, residentA: 409, moderatorA: 409, handlerA: 409 },
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, status: 'pending' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/join`,
      body: { householdId: w.a.householdIds[3], realName: '申请人' },
    }),
  },
  {
    route: 'POST /api/invitations/redeem',
    expect: { ...anyUser(201), residentA: 409, moderatorA: 409, handlerA: 409 },
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, status: 'approved' }),
    prepare: async () => ({
      method: 'POST',
      path: '/api/invitations/redeem',
      body: { code: (await freshCode()).code, realName: '受邀人' },
    }),
  },
  {
    route: 'POST /api/memberships/:membershipId/leave',
    expect: ownerOnly('residentA', 200),
    prepare: async () => {
      // Resident A's own pending request in a community of its own, so A stays a resident.
      const c = await createCommunity(t.app, `离开测试${seq++}`);
      const [m] = await t.app.database.db
        .insert(memberships)
        .values({ communityId: c.id, userId: w.residentA.userId, householdId: c.householdIds[0], status: 'pending' })
        .returning();
      return { method: 'POST', path: `/api/memberships/${m.id}/leave` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/memberships',
    expect: moderatorsOfA(200),
    // Only A's applicants: the pending applicant of A is there, nobody of B.
    check: (body) => {
      const ids = body.items.map((m: { userId: number }) => m.userId);
      expect(ids).toContain(w.pending.userId);
      expect(ids).not.toContain(w.residentB.userId);
    },
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/memberships?status=pending` }),
  },
  {
    route: 'POST /api/committees/:communityId/memberships/:membershipId/approve',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('approved'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/memberships/${(await freshPending()).membershipId}/approve`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/memberships/:membershipId/reject',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ status: 'rejected', reason: '查无此户' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/memberships/${(await freshPending()).membershipId}/reject`,
      body: { reason: '查无此户' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/memberships/:membershipId/revoke',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ status: 'revoked', reason: '已搬离本小区' }),
    prepare: async () => {
      const r = await freshApproved();
      const [m] = await t.app.database.db.select().from(memberships).where(eq(memberships.userId, r.userId));
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/memberships/${m.id}/revoke`,
        body: { reason: '已搬离本小区' },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/dashboard',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, communityName: w.a.name }),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/dashboard` }),
  },
  {
    route: 'PATCH /api/committees/:communityId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}`,
      body: { intro: `更新简介 ${seq++}` },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/buildings',
    expect: anyUser(200),
    check: (body) => expect(body.items.map((b: { id: number }) => b.id)).toContain(w.a.buildingId),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/buildings` }),
  },
  {
    route: 'GET /api/committees/:communityId/buildings/:buildingId/households',
    expect: anyUser(200),
    check: (body) =>
      expect(body.items.map((h: { id: number }) => h.id)).toEqual(expect.arrayContaining(w.a.householdIds)),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/buildings/${w.a.buildingId}/households` }),
  },
  {
    route: 'POST /api/committees/:communityId/buildings',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/buildings`,
      body: { name: `${seq++}号楼` },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/households',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/households`,
      body: { buildingId: w.a.buildingId, unit: '9单元', room: String(1000 + seq++), floorArea: 66.5 },
    }),
  },
  {
    route: 'PATCH /api/committees/:communityId/buildings/:buildingId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.name).toMatch(/^改名楼/),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/buildings/${(await freshBuilding()).id}`,
      body: { name: `改名楼${seq++}` },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/buildings/:buildingId/merge',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.moved).toBe(1),
    prepare: async () => {
      const from = await freshBuilding(['101']);
      const into = await freshBuilding(['102']);
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/buildings/${from.id}/merge`,
        body: { intoBuildingId: into.id },
      };
    },
  },
  {
    route: 'DELETE /api/committees/:communityId/buildings/:buildingId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ outcome: 'deleted', householdsDeleted: 1 }),
    prepare: async () => ({
      method: 'DELETE',
      path: `/api/committees/${w.a.id}/buildings/${(await freshBuilding()).id}`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/households',
    expect: moderatorsOfA(200),
    // A's households, with the committee's fields; none of B's.
    check: (body) => {
      const ids = body.items.map((h: { id: number }) => h.id);
      expect(ids).toEqual(expect.arrayContaining(w.a.householdIds));
      expect(ids).not.toContain(w.b.householdIds[0]);
      expect(body.items[0]).toHaveProperty('ownerOccupied');
    },
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/households` }),
  },
  {
    route: 'PATCH /api/committees/:communityId/households/:householdId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ floorArea: 72.5, ownerOccupied: true }),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/households/${(await freshBuilding()).householdIds[0]}`,
      body: { floorArea: 72.5, ownerOccupied: true },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/households/:householdId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toEqual({ outcome: 'deleted', liveMembers: 0 }),
    prepare: async () => ({
      method: 'DELETE',
      path: `/api/committees/${w.a.id}/households/${(await freshBuilding()).householdIds[0]}`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/households/:householdId/restore',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.retiredAt).toBeNull(),
    prepare: async () => {
      const { householdIds } = await freshBuilding();
      await t.app.database.sql`update households set retired_at = now() where id = ${householdIds[0]}`;
      return { method: 'POST', path: `/api/committees/${w.a.id}/households/${householdIds[0]}/restore` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/households/import',
    expect: moderatorsOfA(200),
    // A preview writes nothing: the room stays new for every caller.
    check: (body) => expect(body).toMatchObject({ step: 'preview', created: 1, applied: false }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/households/import?step=preview`,
      bytes: new TextEncoder().encode('楼号,单元,室号,面积,是否业主自住\n矩阵导入楼,1,101,80,是\n'),
    }),
  },
  {
    route: 'GET /api/committees/:communityId/households/template.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/households/template.xlsx` }),
  },
  {
    route: 'GET /api/committees/:communityId/invitations',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/invitations` }),
  },
  {
    route: 'POST /api/committees/:communityId/invitations',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/invitations`,
      body: { householdId: w.a.householdIds[4], maxUses: 2, expiresInDays: 3 },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/invitations/:invitationId/revoke',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/invitations/${(await freshCode()).id}/revoke`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/audit',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.items.every((e: { communityId: number }) => e.communityId === w.a.id)).toBe(true),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/audit` }),
  },
  {
    route: 'GET /api/committees/:communityId/audit/actors',
    expect: moderatorsOfA(200),
    // Staff only: never a resident of A.
    check: (body) => expect(body.items.map((a: { id: number }) => a.id)).not.toContain(w.residentA.userId),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/audit/actors` }),
  },
  {
    route: 'GET /api/me/data',
    expect: anyUser(200),
    // One's own copy, never anyone else's.
    check: (body, actor) => expect(body.user.id).toBe(w[actor as Exclude<ActorName, 'anonymous'>].userId),
    prepare: async () => ({ method: 'GET', path: '/api/me/data' }),
  },
  {
    route: 'POST /api/me/delete',
    // Residents delete their own data; staff accounts are closed by an admin instead.
    expect: { ...anyUser(204), moderatorA: 403, moderatorB: 403, admin: 403, handlerA: 403 },
    prepare: async (a) => {
      // Deleting ends the caller for good: a look-alike of the actor is the one who deletes.
      const stand: Partial<Record<ActorName, () => Promise<{ token: string }>>> = {
        pending: () => freshPending(),
        residentA: () => resident(t.app, w.a, seq++ % 6),
        residentB: () => resident(t.app, w.b, seq++ % 6),
        leftA: () => formerMember(t.app, w.a, 'left'),
        revokedA: () => formerMember(t.app, w.a, 'revoked'),
        rejectedA: () => formerMember(t.app, w.a, 'rejected'),
      };
      const make = stand[a];
      const token = make ? (await make()).token : undefined;
      return { method: 'POST', path: '/api/me/delete', body: { confirm: '删除' }, ...(token ? { token } : {}) };
    },
  },
  {
    route: 'GET /api/admin/audit',
    expect: adminsOnly(200),
    prepare: async () => ({ method: 'GET', path: '/api/admin/audit' }),
  },
  {
    route: 'POST /api/admin/districts',
    expect: adminsOnly(201),
    prepare: async () => ({ method: 'POST', path: '/api/admin/districts', body: { name: `矩阵区${seq++}` } }),
  },
  {
    route: 'POST /api/admin/streets',
    expect: adminsOnly(201),
    prepare: async () => {
      const d = await t.app.database.sql`select id from districts limit 1`;
      return { method: 'POST', path: '/api/admin/streets', body: { districtId: d[0].id, name: `矩阵街道${seq++}` } };
    },
  },
  {
    route: 'POST /api/admin/communities',
    expect: adminsOnly(201),
    prepare: async () => {
      const s = await t.app.database.sql`select id from streets limit 1`;
      return {
        method: 'POST',
        path: '/api/admin/communities',
        body: { streetId: s[0].id, name: `矩阵居委${seq++}`, address: '矩阵路1号' },
      };
    },
  },
  {
    route: 'POST /api/admin/staff',
    expect: adminsOnly(201),
    prepare: async () => ({
      method: 'POST',
      path: '/api/admin/staff',
      body: { username: `matrix_${seq++}`, password: 'a-long-password', displayName: '新同事' },
    }),
  },
  {
    route: 'GET /api/admin/staff',
    expect: adminsOnly(200),
    prepare: async () => ({ method: 'GET', path: '/api/admin/staff' }),
  },
  {
    route: 'POST /api/admin/staff/:userId/disable',
    expect: adminsOnly(200),
    prepare: async () => {
      const victim = await staff(t.app, {});
      return { method: 'POST', path: `/api/admin/staff/${victim.userId}/disable` };
    },
  },
  {
    route: 'POST /api/admin/staff/:userId/password',
    expect: adminsOnly(200),
    prepare: async () => {
      const colleague = await staff(t.app, {});
      return {
        method: 'POST',
        path: `/api/admin/staff/${colleague.userId}/password`,
        body: { password: 'a-new-long-password' },
      };
    },
  },
  {
    route: 'GET /api/admin/jobs',
    expect: adminsOnly(200),
    prepare: async () => ({ method: 'GET', path: '/api/admin/jobs?status=dead' }),
  },
  {
    route: 'POST /api/admin/jobs/:jobId/retry',
    expect: adminsOnly(200),
    prepare: async () => {
      // A dead job of its own for each caller, so the admin's retry finds one.
      const [job] = await t.app.database.db
        .insert(jobs)
        .values({ name: `matrix.dead.${seq++}`, status: 'dead', attempts: 5, lastError: 'matrix' })
        .returning({ id: jobs.id });
      return { method: 'POST', path: `/api/admin/jobs/${job.id}/retry` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/uploads',
    expect: moderatorsOfA(201),
    check: (body) => {
      expect(body).toMatchObject({ kind: 'image', width: 32, height: 24, isPublic: false });
      expect(body.urls.display).toMatch(/\?exp=\d+&sig=/);
    },
    prepare: async () => ({ method: 'POST', path: `/api/committees/${w.a.id}/uploads`, form: await photoForm() }),
  },
  {
    // A signed URL is the permission itself (an <image> cannot send a token): anyone holding it reads.
    route: 'GET /api/files/:name',
    expect: everyone(200),
    prepare: async () => ({ method: 'GET', path: await signedFileUrl() }),
  },
  {
    route: 'POST /api/admin/communities/:communityId/moderators',
    expect: adminsOnly(201),
    prepare: async () => {
      const u = await t.app.call('POST', '/api/auth/wechat', { body: { code: `appointee-${seq++}` } });
      return { method: 'POST', path: `/api/admin/communities/${w.a.id}/moderators`, body: { userId: u.body.user.id } };
    },
  },
  {
    route: 'GET /api/me/messages',
    expect: anyUser(200),
    // Only one's own: resident A's message reaches resident A and nobody else.
    check: (body, actor) => {
      const titles = body.items.map((m: { title: string }) => m.title);
      if (actor === 'residentA') expect(titles).toContain('矩阵消息');
      else expect(titles).not.toContain('矩阵消息');
    },
    prepare: async () => {
      await messageFor('residentA', '矩阵消息', 'matrix.list');
      return { method: 'GET', path: '/api/me/messages' };
    },
  },
  {
    route: 'GET /api/me/messages/unread',
    expect: anyUser(200),
    check: (body, actor) => {
      if (actor === 'residentA') expect(body.unread).toBeGreaterThan(0);
    },
    prepare: async () => {
      await messageFor('residentA', '矩阵未读', `matrix.unread.${seq++}`);
      return { method: 'GET', path: '/api/me/messages/unread' };
    },
  },
  {
    route: 'POST /api/me/messages/:messageId/read',
    expect: ownerOnly('residentA', 200),
    check: (body) => expect(body).toMatchObject({ title: '矩阵已读', read: true }),
    prepare: async () => {
      const id = await messageFor('residentA', '矩阵已读', `matrix.read.${seq++}`);
      return { method: 'POST', path: `/api/me/messages/${id}/read` };
    },
  },
  {
    route: 'POST /api/me/messages/read-all',
    expect: anyUser(200),
    // Marks the caller's own: resident A's stays unread when anyone else marks all read.
    check: async (body, actor) => {
      const [row] = await t.app.database.sql<{ read_at: Date | null }[]>`
        select read_at from messages where id = ${lastMessage}`;
      if (actor === 'residentA') expect(body.marked).toBeGreaterThan(0);
      expect(row.read_at === null).toBe(actor !== 'residentA');
    },
    prepare: async () => {
      lastMessage = await messageFor('residentA', '矩阵全部已读', `matrix.all.${seq++}`);
      return { method: 'POST', path: '/api/me/messages/read-all' };
    },
  },
  {
    route: 'GET /api/me/subscriptions',
    expect: anyUser(200),
    // One's own consents only: resident A's never show for anyone else.
    check: (body, actor) => {
      const review = body.items.find((i: { template: string }) => i.template === 'review_result');
      if (actor === 'residentA') expect(review.remaining).toBeGreaterThan(0);
      else expect(review.remaining).toBe(0);
    },
    prepare: async () => {
      await t.app.database.sql`insert into subscribe_consents (user_id, template, remaining, accepted_total)
        values (${w.residentA.userId}, 'review_result', 1, 1) on conflict do nothing`;
      return { method: 'GET', path: '/api/me/subscriptions' };
    },
  },
  {
    route: 'POST /api/me/subscriptions',
    expect: anyUser(200),
    // Nothing accepted (this server has no template ids): the caller's own list comes back.
    check: (body, actor) => {
      const review = body.items.find((i: { template: string }) => i.template === 'review_result');
      expect(review.remaining > 0).toBe(actor === 'residentA');
    },
    prepare: async () => {
      await t.app.database.sql`insert into subscribe_consents (user_id, template, remaining, accepted_total)
        values (${w.residentA.userId}, 'review_result', 1, 1) on conflict do nothing`;
      return { method: 'POST', path: '/api/me/subscriptions', body: { accepted: [] } };
    },
  },
  {
    route: 'GET /api/committees/:communityId/notices',
    expect: everyone(200),
    // Members-only notices for A's members and committee; public ones only for everyone else.
    check: async (body, actor) => {
      const id = await membersOnlyNotice();
      const seen = body.items.map((n: { id: number }) => n.id).includes(id);
      expect(seen).toBe(['residentA', 'moderatorA', 'admin'].includes(actor));
    },
    prepare: async () => {
      await membersOnlyNotice();
      return { method: 'GET', path: `/api/committees/${w.a.id}/notices` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId',
    // Members-only: a possible resident is told to join (403 NOTICE_MEMBERS_ONLY); another committee gets 404.
    expect: {
      ...each(['anonymous', 'pending', 'residentB', 'disabledA', ...formerOfA] as const, 403),
      residentA: 200,
      moderatorA: 200,
      admin: 200,
      moderatorB: 404,
      handlerA: 403,
    },
    forbiddenCode: 'NOTICE_MEMBERS_ONLY',
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, status: 'published', body: '正文' }),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/notices/${await membersOnlyNotice()}` }),
  },
  {
    route: 'GET /api/committees/:communityId/notices/manage',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.items.every((n: { communityId: number }) => n.communityId === w.a.id)).toBe(true),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/notices/manage` }),
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId/manage',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, status: 'draft', body: '正文' }),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/notices/${await freshNotice()}/manage` }),
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/unschedule',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ status: 'draft', publishAt: null }),
    prepare: async () => {
      const id = await freshNotice();
      const at = new Date(Date.now() + 86_400_000).toISOString();
      await t.app.call('POST', `/api/committees/${w.a.id}/notices/${id}/publish`, {
        token: w.moderatorA.token,
        body: { at },
      });
      return { method: 'POST', path: `/api/committees/${w.a.id}/notices/${id}/unschedule` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/notices',
    expect: moderatorsOfA(201),
    check: (body) => expect(body).toMatchObject({ communityId: w.a.id, status: 'draft' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/notices`,
      body: { title: '矩阵草稿', body: '正文', category: 'event', isPublic: true, audience: 'all' },
    }),
  },
  {
    route: 'PUT /api/committees/:communityId/notices/:noticeId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ title: '矩阵修改', category: 'reminder' }),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/committees/${w.a.id}/notices/${await freshNotice()}`,
      body: noticeInput,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/publish',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('published'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/notices/${await freshNotice()}/publish`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/withdraw',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ status: 'withdrawn', withdrawReason: '发错了' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/notices/${await freshNotice(true)}/withdraw`,
      body: { reason: '发错了' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId/reads',
    expect: moderatorsOfA(200),
    // A's one resident is in the audience: the figures count A's households only.
    check: (body) => {
      expect(body.overall.total).toBeGreaterThanOrEqual(1);
      for (const h of body.unreadHouseholds) expect(w.b.householdIds).not.toContain(h.id);
    },
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/notices/${await membersOnlyNotice()}/reads`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId/reads.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/notices/${await membersOnlyNotice()}/reads.xlsx`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/signups',
    // A's residents only: strangers who could join are told to; A's committee and admins have no household.
    expect: {
      ...each(['pending', 'residentB', 'moderatorA', 'admin', ...formerOfA] as const, 403),
      anonymous: 401,
      disabledA: 401,
      residentA: 201,
      moderatorB: 404,
      handlerA: 403,
    },
    check: (body) => expect(body).toMatchObject({ status: 'confirmed', people: 1, byMe: true }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/notices/${await freshEvent()}/signups`,
      body: { people: 1 },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/notices/:noticeId/signups/mine',
    // Resident A's household has signed up; for everyone else there is nothing to cancel.
    expect: { ...anyUser(404), residentA: 204 },
    prepare: async () => ({
      method: 'DELETE',
      path: `/api/committees/${w.a.id}/notices/${(await residentASignup()).noticeId}/signups/mine`,
    }),
  },
  {
    route: 'GET /api/me/signups',
    expect: anyUser(200),
    // Only resident A has signed up: nobody else sees a sign-up.
    check: (body, actor) => {
      if (actor === 'residentA') {
        expect(body.items.length).toBeGreaterThan(0);
        for (const s of body.items) expect(s.communityId).toBe(w.a.id);
      } else expect(body.items).toEqual([]);
    },
    prepare: async () => {
      await residentASignup();
      return { method: 'GET', path: '/api/me/signups' };
    },
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId/signups',
    expect: moderatorsOfA(200),
    check: (body) => {
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ householdId: w.a.householdIds[0], status: 'confirmed' });
    },
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/notices/${(await residentASignup()).noticeId}/signups`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/signups/:signupId/attended',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ householdId: w.a.householdIds[0], attendedAt: expect.any(String) }),
    prepare: async () => {
      const { noticeId, signupId } = await residentASignup();
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/notices/${noticeId}/signups/${signupId}/attended`,
        body: { attended: true },
      };
    },
  },
  {
    route: 'POST /api/committees/:communityId/notices/:noticeId/signups/:signupId/cancel',
    expect: moderatorsOfA(204),
    prepare: async () => {
      const { noticeId, signupId } = await residentASignup();
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/notices/${noticeId}/signups/${signupId}/cancel`,
        body: { reason: '矩阵取消' },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/notices/:noticeId/signups.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/notices/${(await residentASignup()).noticeId}/signups.xlsx`,
    }),
  }, // Screening word lists: each community's moderators edit theirs; admins the platform's.
  {
    route: 'GET /api/committees/:communityId/screening-words',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/screening-words` }),
  },
  {
    route: 'POST /api/committees/:communityId/screening-words',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/screening-words`,
      body: { words: `矩阵词${seq++}` },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/screening-words/:wordId',
    expect: moderatorsOfA(204),
    prepare: async () => {
      const word = `矩阵删${seq++}`;
      const [row] = await t.app.database.db
        .insert(screeningWords)
        .values({ communityId: w.a.id, word, normalized: word })
        .returning({ id: screeningWords.id });
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/screening-words/${row.id}` };
    },
  },
  {
    route: 'GET /api/admin/screening-words',
    expect: adminsOnly(200),
    prepare: async () => ({ method: 'GET', path: '/api/admin/screening-words' }),
  },
  {
    route: 'POST /api/admin/screening-words',
    expect: adminsOnly(201),
    prepare: async () => ({
      method: 'POST',
      path: '/api/admin/screening-words',
      body: { words: `平台矩阵词${seq++}` },
    }),
  },
  {
    route: 'DELETE /api/admin/screening-words/:wordId',
    expect: adminsOnly(204),
    prepare: async () => {
      const word = `平台矩阵删${seq++}`;
      const [row] = await t.app.database.db
        .insert(screeningWords)
        .values({ communityId: null, word, normalized: word })
        .returning({ id: screeningWords.id });
      return { method: 'DELETE', path: `/api/admin/screening-words/${row.id}` };
    },
  },
  // WeChat's push: public, signed by the push Token; this app has none configured, so every
  // caller is refused (signed pushes: tests/server/wechat-push.test.ts).
  {
    route: 'GET /api/wechat/push',
    expect: everyone(403),
    prepare: async () => ({
      method: 'GET',
      path: '/api/wechat/push?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=x',
    }),
  },
  {
    route: 'POST /api/wechat/push',
    expect: everyone(403),
    prepare: async () => ({
      method: 'POST',
      path: '/api/wechat/push?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492',
      body: { Event: 'wxa_media_check' },
    }),
  },
  // 小事快办 for staff and property handlers (A's handler works only matters routed to 物业).
  {
    route: 'GET /api/committees/:communityId/matters',
    expect: { ...moderatorsOfA(200), handlerA: 200 },
    check: async (body, actor) => {
      expect(body.items.length).toBeGreaterThan(0);
      if (actor === 'handlerA') expect(body.items.every((m: { route: string }) => m.route === 'property')).toBe(true);
      else expect(body.items.some((m: { route: string }) => m.route === 'committee')).toBe(true);
    },
    prepare: async () => {
      await freshMatter('committee');
      await freshMatter('property');
      return { method: 'GET', path: `/api/committees/${w.a.id}/matters` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/matters/:postId',
    // A committee-routed matter does not exist for the handler.
    expect: { ...moderatorsOfA(200), handlerA: 404 },
    check: (body) => expect(body).toMatchObject({ route: 'committee', reporter: { room: '101' } }),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/matters/${await freshMatter('committee')}`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/matters/:postId/status',
    expect: { ...moderatorsOfA(200), handlerA: 200 },
    check: (body) => expect(body).toMatchObject({ status: 'in_progress', route: 'property' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/matters/${await freshMatter('property')}/status`,
      body: { to: 'in_progress' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/matters/:postId/route',
    // Only the committee hands a matter on; the handler may see this one but not move it.
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ route: 'committee' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/matters/${await freshMatter('property')}/route`,
      body: { route: 'committee', note: '矩阵转交' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/matters/stats',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.months).toHaveLength(6),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/matters/stats` }),
  },
  {
    route: 'GET /api/committees/:communityId/matters.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/matters.xlsx` }),
  },
  {
    route: 'GET /api/committees/:communityId/posts',
    expect: boardReaders(200),
    check: async (body) => expect(body.items.length).toBeGreaterThan(0),
    prepare: async () => {
      await boardPost();
      return { method: 'GET', path: `/api/committees/${w.a.id}/posts` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/posts',
    expect: boardWriters(201),
    prepare: async () => {
      // Other rows' 小事快办 of residentA, a new member, would count against their 3 a day.
      await t.app.database.sql`update posts set created_at = created_at - interval '2 days'
        where author_id = ${w.residentA.userId} and created_at > ${new Date(t.app.clock().getTime() - 86_400_000).toISOString()}::timestamptz`;
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/posts`,
        body: { kind: 'post', category: 'chat', body: `矩阵发帖${seq++}` },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/posts/:postId',
    expect: boardReaders(200),
    check: (body, actor) => expect(body.mine).toBe(actor === 'residentA'),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/posts/${await boardPost()}` }),
  },
  {
    route: 'PATCH /api/committees/:communityId/posts/:postId',
    expect: boardWriters(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/posts/${await boardPost({ createdAt: t.app.clock() })}`,
      body: { body: '矩阵改过' },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/posts/:postId',
    expect: boardWriters(204),
    prepare: async () => ({ method: 'DELETE', path: `/api/committees/${w.a.id}/posts/${await boardPost()}` }),
  },
  {
    route: 'GET /api/committees/:communityId/posts/:postId/comments',
    expect: boardReaders(200),
    check: (body) => expect(body.items).toHaveLength(1),
    prepare: async () => {
      const id = await boardPost();
      await boardComment(id);
      return { method: 'GET', path: `/api/committees/${w.a.id}/posts/${id}/comments` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/posts/:postId/comments',
    expect: boardWriters(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/posts/${await boardPost()}/comments`,
      body: { body: `矩阵评论${seq++}` },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/posts/:postId/comments/:commentId',
    expect: boardWriters(204),
    prepare: async () => {
      const id = await boardPost();
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/posts/${id}/comments/${await boardComment(id)}` };
    },
  },
  {
    route: 'PUT /api/committees/:communityId/posts/:postId/plus-one',
    expect: boardWriters(200),
    check: (body) => expect(body).toEqual({ plusCount: 1, plusByMyHousehold: true }),
    prepare: async () => ({ method: 'PUT', path: `/api/committees/${w.a.id}/posts/${await boardPost()}/plus-one` }),
  },
  {
    route: 'DELETE /api/committees/:communityId/posts/:postId/plus-one',
    expect: boardWriters(200),
    prepare: async () => {
      const id = await boardPost();
      await t.app.call('PUT', `/api/committees/${w.a.id}/posts/${id}/plus-one`, { token: w.residentA.token });
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/posts/${id}/plus-one` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/posts/:postId/resolve',
    expect: boardWriters(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/posts/${await boardPost({ status: 'replied' })}/resolve`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/posts/:postId/reopen',
    expect: boardWriters(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/posts/${await boardPost({ status: 'replied' })}/reopen`,
      body: { reason: '还没修好' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/posts/:postId/rating',
    expect: boardWriters(200),
    prepare: async () => {
      const id = await boardPost({
        kind: 'matter',
        category: null,
        matterCategory: 'lighting',
        place: '1号楼',
        route: 'committee',
        status: 'resolved',
      });
      return { method: 'POST', path: `/api/committees/${w.a.id}/posts/${id}/rating`, body: { stars: 5 } };
    },
  },
  {
    route: 'POST /api/committees/:communityId/posts/:postId/official-replies',
    // A board post is not a handler's (they answer only matters routed to 物业: tests/server/board.test.ts).
    expect: { ...moderatorsOfA(201), handlerA: 404 },
    check: (body) => expect(body).toMatchObject({ isOfficial: true, authorLabel: '居委会' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/posts/${await boardPost()}/official-replies`,
      body: { body: '居委会已处理' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/photos',
    expect: boardWriters(201),
    prepare: async () => ({ method: 'POST', path: `/api/committees/${w.a.id}/photos`, form: await photoForm() }),
  },
  // Moderation (docs/decisions/019-moderation.md).
  {
    route: 'POST /api/committees/:communityId/reports',
    expect: membersOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/reports`,
      body: { subject: 'post', subjectId: (await moderatedPost(w.leftA.userId)).id, reason: 'ad' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/appeals',
    // The author only (admins may act for anyone); the committee is refused.
    expect: { ...membersOfA(201), moderatorA: 403 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/appeals`,
      body: { subject: 'post', subjectId: (await moderatedPost(w.residentA.userId, 'hidden')).id, text: '请复核' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/review',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/review?tab=hidden` }),
  },
  {
    route: 'POST /api/committees/:communityId/review/:subject/:subjectId',
    expect: moderatorsOfA(200),
    check: (body) => expect(body).toMatchObject({ state: 'visible' }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/review/post/${(await moderatedPost(w.residentA.userId, 'hidden')).id}`,
      body: { action: 'restore' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/mutes',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/mutes` }),
  },
  {
    route: 'POST /api/committees/:communityId/mutes',
    expect: moderatorsOfA(201),
    check: (body) => expect(body).toMatchObject({ userId: w.residentA.userId }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/mutes`,
      body: { userId: w.residentA.userId, days: 1, reason: '矩阵禁言' },
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/mutes/:muteId',
    expect: moderatorsOfA(204),
    prepare: async () => {
      const [m] = await t.app.database.db
        .insert(boardMutes)
        .values({
          communityId: w.a.id,
          userId: w.residentA.userId,
          until: new Date(Date.now() + 86_400_000),
          reason: '矩阵',
        })
        .returning();
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/mutes/${m.id}` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/moderation-log',
    expect: { ...membersOfA(200) },
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/moderation-log` }),
  },
  {
    route: 'GET /api/committees/:communityId/board-settings',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/board-settings` }),
  },
  {
    route: 'PUT /api/committees/:communityId/board-settings',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/committees/${w.a.id}/board-settings`,
      body: { reportThreshold: 3, secCheckDailyLimit: 2000, matterRoutes: {} },
    }),
  }, // 议事厅 votes (docs/decisions/022-votes.md). A's staff and admins belong to no household:
  // they may not cast (NOT_ELIGIBLE) nor grant a proxy, but may be a delegate.
  {
    route: 'GET /api/committees/:communityId/votes',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/votes` }),
  },
  {
    route: 'GET /api/committees/:communityId/votes/:voteId',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/votes/${(await sharedVote()).id}` }),
  },
  {
    route: 'PUT /api/committees/:communityId/votes/:voteId/ballot',
    expect: { ...membersOfA(403), residentA: 200 },
    forbiddenCode: { moderatorA: 'NOT_ELIGIBLE', admin: 'NOT_ELIGIBLE' },
    check: (body) => expect(body.myBallot).toMatchObject({ channel: 'self' }),
    prepare: async () => {
      const v = await sharedVote();
      return { method: 'PUT', path: `/api/committees/${w.a.id}/votes/${v.id}/ballot`, body: { optionIds: [v.yes] } };
    },
  },
  {
    route: 'POST /api/committees/:communityId/votes/:voteId/proxy',
    expect: { ...membersOfA(403), residentA: 201 },
    forbiddenCode: { moderatorA: 'NOT_ELIGIBLE', admin: 'NOT_ELIGIBLE' },
    prepare: async (actor) => {
      const v = await freshVote();
      const uploadId = actor === 'anonymous' ? 1 : await uploadBy(w[actor].userId);
      return { method: 'POST', path: `/api/committees/${w.a.id}/votes/${v.id}/proxy`, body: { uploadId } };
    },
  },
  {
    route: 'DELETE /api/committees/:communityId/votes/:voteId/proxy',
    // Staff have no household, hence no proxy to revoke.
    expect: { ...membersOfA(404), residentA: 204, handlerA: 403 },
    prepare: async () => {
      const v = await freshVote();
      await t.app.call('POST', `/api/committees/${w.a.id}/votes/${v.id}/proxy`, {
        token: w.residentA.token,
        body: { uploadId: await uploadBy(w.residentA.userId) },
      });
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/votes/${v.id}/proxy` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/vote-proxies',
    expect: membersOfA(200),
    prepare: async () => {
      const v = await freshVote();
      const grantor = await resident(t.app, w.a, 3);
      const res = await t.app.call('POST', `/api/committees/${w.a.id}/votes/${v.id}/proxy`, {
        token: grantor.token,
        body: { uploadId: await uploadBy(grantor.userId) },
      });
      return { method: 'POST', path: `/api/committees/${w.a.id}/vote-proxies`, body: { code: res.body.code } };
    },
  },
  {
    route: 'POST /api/committees/:communityId/votes/:voteId/group',
    // Signed in with the local adapter: no session key to decrypt with.
    expect: membersOfA(400),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/votes/${(await sharedVote()).id}/group`,
      body: { encryptedData: 'AAAAAAAAAAAAAAAAAAAAAA==', iv: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/votes/:voteId/result',
    expect: membersOfA(200),
    check: (body) => expect(body.vote.status).toBe('closed'),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/votes/${await closedVote()}/result` }),
  },
  {
    route: 'POST /api/committees/:communityId/votes',
    expect: moderatorsOfA(201),
    prepare: async () => ({ method: 'POST', path: `/api/committees/${w.a.id}/votes`, body: voteBody() }),
  },
  {
    route: 'GET /api/committees/:communityId/agora/votes',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/agora/votes` }),
  },
  {
    route: 'POST /api/committees/:communityId/votes/:voteId/cancel',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/votes/${(await freshVote()).id}/cancel`,
      body: { reason: '方案要改' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/votes/:voteId/electors',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/votes/${(await sharedVote()).id}/electors`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/votes/:voteId/paper-ballots',
    expect: moderatorsOfA(201),
    check: (body) => expect(body).toMatchObject({ voted: true, channel: 'paper' }),
    prepare: async (actor) => {
      const v = await freshVote();
      const [e] = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id)).limit(1);
      const uploadId = actor === 'anonymous' ? 1 : await uploadBy(w[actor].userId);
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/votes/${v.id}/paper-ballots`,
        body: { electorId: e.id, optionIds: [v.yes], signer: '张三', signedOn: '2026-12-01', uploadId },
      };
    },
  },
  {
    route: 'POST /api/committees/:communityId/votes/:voteId/service',
    expect: moderatorsOfA(200),
    prepare: async () => {
      const v = await silentVote();
      const [e] = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v)).limit(1);
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/votes/${v}/service`,
        body: { electorIds: [e.id], note: '上门送达' },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/votes/:voteId/ballots.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/votes/${(await sharedVote()).id}/ballots.xlsx`,
    }),
  },
  /* ---------- 议事厅 topics ---------- */
  {
    route: 'GET /api/committees/:communityId/topics',
    expect: membersOfA(200),
    prepare: async () => {
      await agoraTopic();
      return { method: 'GET', path: `/api/committees/${w.a.id}/topics` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/topics',
    expect: boardWriters(201),
    prepare: async () => {
      await unmuteResidentA();
      // Each household proposes at most 3 a day: earlier rows' topics leave the rolling day.
      await t.app.database
        .sql`update topics set created_at = created_at - interval '2 days' where community_id = ${w.a.id}`;
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/topics`,
        body: { title: '矩阵议题', body: `矩阵议题的内容写得长一些${seq++}` },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/topics/:topicId',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/topics/${await agoraTopic()}` }),
  },
  {
    route: 'POST /api/committees/:communityId/topics/:topicId/cosign',
    expect: boardWriters(200),
    check: (body) => expect(body.cosignedByMyHousehold).toBe(true),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/topics/${await agoraTopic({ stage: 'collecting', cosignNeeded: 5 })}/cosign`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/topics/:topicId/comments',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/topics/${await agoraTopic()}/comments` }),
  },
  {
    route: 'POST /api/committees/:communityId/topics/:topicId/comments',
    expect: boardWriters(201),
    prepare: async () => {
      await unmuteResidentA();
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/topics/${await agoraTopic()}/comments`,
        body: { body: `矩阵发言${seq++}` },
      };
    },
  },
  {
    route: 'DELETE /api/committees/:communityId/topics/:topicId/comments/:commentId',
    expect: boardWriters(204),
    prepare: async () => {
      const id = await agoraTopic();
      const [c] = await t.app.database.db
        .insert(topicComments)
        .values({
          topicId: id,
          communityId: w.a.id,
          authorId: w.residentA.userId,
          authorLabel: '邻居',
          body: '矩阵发言',
        })
        .returning();
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/topics/${id}/comments/${c.id}` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/topics/:topicId/ratings',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/topics/${await agoraTopic()}/ratings` }),
  },
  {
    route: 'POST /api/committees/:communityId/topics/:topicId/ratings',
    expect: boardWriters(201),
    prepare: async () => {
      await unmuteResidentA();
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/topics/${await agoraTopic({ stage: 'rating' })}/ratings`,
        body: { score: 4 },
      };
    },
  },
  {
    route: 'GET /api/committees/:communityId/house-rules',
    expect: everyone(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/house-rules` }),
  },
  {
    route: 'GET /api/committees/:communityId/agora/topics',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/agora/topics` }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics`,
      body: { kind: 'house_rules', title: '矩阵守则', body: '第一条 爱护环境，文明养犬' },
    }),
  },
  {
    route: 'PATCH /api/committees/:communityId/agora/topics/:topicId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic()}`,
      body: { title: '矩阵改过的议题' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics/:topicId/review',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic({ stage: 'reviewing' })}/review`,
      body: { decision: 'accept', note: '矩阵采纳' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics/:topicId/stage',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic()}/stage`,
      body: { to: 'implementing' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics/:topicId/answers',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic()}/answers`,
      body: { body: '矩阵答复' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics/:topicId/meetings',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic()}/meetings`,
      body: { heldOn: '2026-12-01', attendees: '居民代表', minutes: '矩阵会议纪要，讨论了很多' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/agora/topics/:topicId/updates',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/agora/topics/${await agoraTopic({ stage: 'implementing' })}/updates`,
      body: { body: '矩阵进展', happenedOn: '2026-12-01' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/agora/settings',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/agora/settings` }),
  },
  {
    route: 'PUT /api/committees/:communityId/agora/settings',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/committees/${w.a.id}/agora/settings`,
      body: { cosignThreshold: null, cosignDays: 30, ratingDays: 30, silentMajority: false },
    }),
  },
  /* ---------- 社区租赁 (docs/decisions/023-rentals.md) ---------- */
  {
    route: 'GET /api/committees/:communityId/rentals/items',
    expect: membersOfA(200),
    check: (body) => expect(body.items.length).toBeGreaterThan(0),
    prepare: async () => {
      await rentalsOfA();
      return { method: 'GET', path: `/api/committees/${w.a.id}/rentals/items` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/rentals/items/:itemId',
    expect: membersOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/rentals/items/${(await rentalsOfA()).itemTypeId}`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rentals/items/:itemId/calendar',
    expect: membersOfA(200),
    check: (body) => expect(body.days).toHaveLength(60),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/rentals/items/${(await rentalsOfA()).itemTypeId}/calendar`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rentals/bookings',
    // Staff and admins have no household to borrow for.
    expect: { ...membersOfA(409), residentA: 201 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rentals/bookings`,
      body: { itemTypeId: (await rentalsOfA()).itemTypeId, ...rentalDates(seq++), note: '矩阵' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rentals/bookings',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rentals/bookings` }),
  },
  {
    route: 'GET /api/committees/:communityId/rentals/bookings/:bookingId',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/rentals/bookings/${await rentalBookingOfA('pending')}`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rentals/bookings/:bookingId/cancel',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.status).toBe('cancelled'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rentals/bookings/${await rentalBookingOfA('pending')}/cancel`,
      body: {},
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rentals/bookings/:bookingId/extend',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    prepare: async () => {
      const id = await rentalBookingOfA('confirmed');
      const row = await bookingRow(t.app, id);
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/rentals/bookings/${id}/extend`,
        body: { endOn: addDays(row.endOn, 1).date },
      };
    },
  },
  {
    route: 'POST /api/committees/:communityId/rentals/bookings/:bookingId/accept',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.status).toBe('confirmed'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rentals/bookings/${await rentalBookingOfA('offered')}/accept`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/points',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/points` }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/points',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/points`,
      body: { name: `矩阵服务点${seq++}`, address: '活动室', hours: '周一至周五 9:00-17:00', phone: '021-5555666' },
    }),
  },
  {
    route: 'PATCH /api/committees/:communityId/rental-admin/points/:pointId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/rental-admin/points/${(await rentalsOfA()).pointId}`,
      body: { hours: '周一至周六 9:00-17:00' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/items',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/items` }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/items',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/items`,
      body: { pointId: (await rentalsOfA()).pointId, category: 'walker', name: `矩阵助行器${seq++}`, feeKind: 'free' },
    }),
  },
  {
    route: 'PATCH /api/committees/:communityId/rental-admin/items/:itemId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/rental-admin/items/${(await rentalsOfA()).itemTypeId}`,
      body: { suitableFor: '腿脚不便的老人' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/units',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/units` }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/units',
    expect: moderatorsOfA(201),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/units`,
      body: { itemTypeId: (await rentalsOfA()).itemTypeId, assetTags: [`JZ-${seq++}`] },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/units/:unitId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/rental-admin/units/${(await rentalsOfA()).unitIds[0]}`,
    }),
  },
  {
    route: 'PATCH /api/committees/:communityId/rental-admin/units/:unitId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'PATCH',
      path: `/api/committees/${w.a.id}/rental-admin/units/${(await rentalsOfA()).unitIds[0]}`,
      body: { note: '轮子已换' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/units/:unitId/maintenance',
    expect: moderatorsOfA(201),
    prepare: async () => {
      const unitId = await spareUnitOfA();
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/rental-admin/units/${unitId}/maintenance`,
        body: { startOn: rentalDates(0).startOn, endOn: rentalDates(0).startOn, note: '更换轮胎' },
      };
    },
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/units/:unitId/maintenance-end',
    expect: moderatorsOfA(200),
    prepare: async () => {
      const f = await rentalsOfA();
      const unitId = await spareUnitOfA();
      const today = chinaClock(t.app.clock()).date;
      await t.app.database.db.transaction((tx) =>
        holdForMaintenance(tx, { id: unitId, itemTypeId: f.itemTypeId }, today, today, '检修', null),
      );
      await t.app.database.db.update(rentalUnits).set({ status: 'maintenance' }).where(eq(rentalUnits.id, unitId));
      return {
        method: 'POST',
        path: `/api/committees/${w.a.id}/rental-admin/units/${unitId}/maintenance-end`,
        body: {},
      };
    },
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/units/:unitId/retire',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('retired'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/units/${await spareUnitOfA()}/retire`,
      body: { note: '车架断裂' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/bookings',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/bookings` }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/bookings/:bookingId',
    expect: moderatorsOfA(200),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/rental-admin/bookings/${await rentalBookingOfA('pending')}`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/today',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/today` }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/confirm',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('confirmed'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/bookings/${await rentalBookingOfA('pending')}/confirm`,
      body: {},
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/reject',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('rejected'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/bookings/${await rentalBookingOfA('pending')}/reject`,
      body: { reason: '这段时间服务点装修' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/check-out',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.status).toBe('on_loan'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/bookings/${await rentalBookingOfA('confirmed', 0)}/check-out`,
      body: { condition: 'good', rentPaidFen: 0, depositTakenFen: 0 },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/check-in',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.settlement).toMatchObject({ refundFen: 0, owedFen: 0 }),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/rental-admin/bookings/${await rentalBookingOfA('on_loan', 0)}/check-in`,
      body: { condition: 'good' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/waitlist',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/waitlist` }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/utilisation',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/utilisation` }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/bookings.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/bookings.xlsx` }),
  },
  {
    route: 'GET /api/committees/:communityId/rental-admin/inventory.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/rental-admin/inventory.xlsx` }),
  },
  {
    route: 'GET /api/admin/rental-points',
    expect: adminsOnly(200),
    prepare: async () => ({ method: 'GET', path: '/api/admin/rental-points' }),
  },
  {
    route: 'PUT /api/admin/rental-points/:pointId/communities',
    expect: adminsOnly(200),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/admin/rental-points/${(await rentalsOfA()).pointId}/communities`,
      body: { communityIds: [w.a.id] },
    }),
  },
  /* ---------- 找邻居 (docs/decisions/024-neighbours.md) ---------- */
  {
    route: 'GET /api/committees/:communityId/neighbours/me',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbours/me` }),
  },
  {
    route: 'PUT /api/committees/:communityId/neighbours/me',
    // A platform admin may look at the directory but is nobody's neighbour: no card of their own.
    expect: { ...membersOfA(200), admin: 403 },
    check: (body) => expect(body.preview.displayName).toBe('矩阵邻居'),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/committees/${w.a.id}/neighbours/me`,
      body: cardBody({ displayName: '矩阵邻居' }),
    }),
  },
  {
    route: 'DELETE /api/committees/:communityId/neighbours/me',
    expect: membersOfA(204),
    prepare: async (actor) => {
      if (actor !== 'anonymous') await neighbourCard(w[actor].userId, { listed: false });
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/neighbours/me` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/neighbours',
    expect: membersOfA(200),
    prepare: async () => {
      await neighbourOfA();
      return { method: 'GET', path: `/api/committees/${w.a.id}/neighbours` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/neighbours/facets',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbours/facets` }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbours/cards/:cardId',
    expect: membersOfA(200),
    // Only what the card shows: the intro's switch is off.
    check: (body) => expect(body.intro).toBeNull(),
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/neighbours/cards/${(await neighbourOfA()).cardId}`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/cards/:cardId/contact',
    expect: { ...membersOfA(201), admin: 403 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/cards/${(await neighbourOfA()).cardId}/contact`,
      body: { message: '矩阵请求，想请您帮忙' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/cards/:cardId/block',
    expect: { ...membersOfA(201), admin: 403 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/cards/${(await neighbourOfA()).cardId}/block`,
    }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbours/blocks',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbours/blocks` }),
  },
  {
    route: 'DELETE /api/committees/:communityId/neighbours/blocks/:blockId',
    expect: { ...anyUser(404), residentA: 204, handlerA: 403 },
    prepare: async () => {
      const other = await neighbourOfA();
      const [b] = await t.app.database.db
        .insert(neighbourBlocks)
        .values({ communityId: w.a.id, blockerId: w.residentA.userId, blockedId: other.userId, label: '邻居' })
        .returning({ id: neighbourBlocks.id });
      return { method: 'DELETE', path: `/api/committees/${w.a.id}/neighbours/blocks/${b.id}` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/neighbours/contacts',
    expect: membersOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbours/contacts` }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbours/contacts/:contactId',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    prepare: async () => ({
      method: 'GET',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('accepted', true)}`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/contacts/:contactId/accept',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.view).toBe('accepted'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('pending', false)}/accept`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/contacts/:contactId/decline',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.view).toBe('declined'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('pending', false)}/decline`,
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/contacts/:contactId/withdraw',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.view).toBe('withdrawn'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('pending', true)}/withdraw`,
    }),
  },
  {
    route: 'PUT /api/committees/:communityId/neighbours/contacts/:contactId/share',
    expect: { ...anyUser(404), residentA: 200, handlerA: 403 },
    check: (body) => expect(body.phone).toBe('021-5555666'),
    prepare: async () => ({
      method: 'PUT',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('accepted', false)}/share`,
      body: { phone: '021-5555666', wechatId: null, consentVersion: NEIGHBOUR_CONSENT_VERSION },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/contacts/:contactId/messages',
    expect: { ...anyUser(404), residentA: 201, handlerA: 403 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('accepted', true)}/messages`,
      body: { body: '矩阵消息，您好' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbours/contacts/:contactId/block',
    expect: { ...anyUser(404), residentA: 201, handlerA: 403 },
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbours/contacts/${await contactOfResidentA('accepted', false)}/block`,
    }),
  },
  {
    route: 'GET /api/me/neighbour-consents',
    expect: anyUser(200),
    prepare: async () => ({ method: 'GET', path: '/api/me/neighbour-consents' }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbour-admin/figures',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbour-admin/figures` }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbour-admin/cards',
    expect: moderatorsOfA(200),
    prepare: async () => {
      await neighbourOfA();
      return { method: 'GET', path: `/api/committees/${w.a.id}/neighbour-admin/cards` };
    },
  },
  {
    route: 'POST /api/committees/:communityId/neighbour-admin/cards/:cardId/hide-tag',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.hiddenTags).toContain('会修电器'),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbour-admin/cards/${(await neighbourOfA()).cardId}/hide-tag`,
      body: { tag: '会修电器', reason: '矩阵' },
    }),
  },
  {
    route: 'POST /api/committees/:communityId/neighbour-admin/cards/:cardId/restore-tag',
    expect: moderatorsOfA(200),
    check: (body) => expect(body.hiddenTags).toEqual([]),
    prepare: async () => ({
      method: 'POST',
      path: `/api/committees/${w.a.id}/neighbour-admin/cards/${(await neighbourOfA({ hiddenTags: ['会修电器'] })).cardId}/restore-tag`,
      body: { tag: '会修电器' },
    }),
  },
  {
    route: 'GET /api/committees/:communityId/neighbour-admin/talents',
    expect: moderatorsOfA(200),
    prepare: async () => {
      await neighbourOfA({ serve: true });
      return { method: 'GET', path: `/api/committees/${w.a.id}/neighbour-admin/talents` };
    },
  },
  {
    route: 'GET /api/committees/:communityId/neighbour-admin/talents.xlsx',
    expect: moderatorsOfA(200),
    prepare: async () => ({ method: 'GET', path: `/api/committees/${w.a.id}/neighbour-admin/talents.xlsx` }),
  },
  {
    route: 'GET /api/me/data.xlsx',
    expect: anyUser(200),
    prepare: async () => ({ method: 'GET', path: '/api/me/data.xlsx' }),
  },
];

/**
 * A card of `userId` in A, written to the table: listed, name, building and tags shown (会修电器), the
 * intro stored but not shown.
 */
async function neighbourCard(userId: number, extra: Partial<typeof neighbourCards.$inferInsert> = {}) {
  const [row] = await t.app.database.db
    .insert(neighbourCards)
    .values({
      communityId: w.a.id,
      userId,
      buildingId: w.a.buildingId,
      listed: true,
      displayName: `矩阵邻居${seq++}`,
      intro: '不给人看的介绍',
      tags: ['会修电器'],
      showTags: true,
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      ...extra,
    })
    .onConflictDoUpdate({ target: [neighbourCards.communityId, neighbourCards.userId], set: { listed: true } })
    .returning({ id: neighbourCards.id });
  return row.id;
}

/** A fresh resident of A with a listed card (a new one per call). */
async function neighbourOfA(extra: Partial<typeof neighbourCards.$inferInsert> = {}) {
  const other = await freshApproved();
  return { userId: other.userId, cardId: await neighbourCard(other.userId, extra) };
}

/** A contact between residentA and a fresh neighbour of A, in `state`; residentA asked when `asked`. */
async function contactOfResidentA(state: 'pending' | 'accepted', asked: boolean) {
  const other = await neighbourOfA();
  await neighbourCard(w.residentA.userId, { listed: false });
  const [requesterId, addresseeId] = asked ? [w.residentA.userId, other.userId] : [other.userId, w.residentA.userId];
  const [c] = await t.app.database.db
    .insert(neighbourContacts)
    .values({
      communityId: w.a.id,
      requesterId,
      addresseeId,
      state,
      decidedAt: state === 'accepted' ? new Date() : null,
    })
    .returning({ id: neighbourContacts.id });
  await t.app.database.db
    .insert(neighbourMessages)
    .values({ communityId: w.a.id, contactId: c.id, authorId: requesterId, isRequest: true, body: '矩阵请求' });
  return c.id;
}

/** A's service point: a self-service free wheelchair, 20 a household, many units (made once). */
let rentalFixture: RentalSetup | null = null;
async function rentalsOfA() {
  rentalFixture ??= await rentalSetup(t.app, w.a, { units: 40, item: { perHousehold: 20, maxDays: 30 } });
  return rentalFixture;
}

/** Dates a week apart for the n-th booking, so that rows never overlap on one unit. */
function rentalDates(n: number) {
  const today = chinaClock(t.app.clock()).date;
  const start = addDays(today, 1 + (n % 50)).date;
  return { startOn: start, endOn: start };
}

/** A booking of residentA's household in the given status, fresh each time (a unit held when the status needs one). */
async function rentalBookingOfA(status: 'pending' | 'confirmed' | 'offered' | 'on_loan', startIn = 2 + (seq++ % 40)) {
  const f = await rentalsOfA();
  const today = chinaClock(t.app.clock()).date;
  const startOn = addDays(today, startIn).date;
  const endOn = addDays(startOn, 2).date;
  return t.app.database.db.transaction(async (tx) => {
    const [b] = await tx
      .insert(rentalBookings)
      .values({
        communityId: w.a.id,
        pointId: f.pointId,
        itemTypeId: f.itemTypeId,
        householdId: w.a.householdIds[0],
        userId: w.residentA.userId,
        startOn,
        endOn,
        status: 'pending',
        quote: quote(
          { feeKind: 'free', feeFen: 0, periodDays: null, depositFen: 0, subsidyPercent: 0, subsidyFor: [] },
          startOn,
          endOn,
          null,
        ),
        offerExpiresAt: status === 'offered' ? new Date(t.app.clock().getTime() + 3_600_000) : null,
      })
      .returning();
    if (status === 'pending') return b.id;
    const unitId = await holdFreeUnit(tx, {
      itemTypeId: f.itemTypeId,
      kind: status === 'offered' ? 'offer' : 'booking',
      bookingId: b.id,
      startOn,
      endOn,
      bufferDays: 1,
      createdBy: null,
    });
    if (!unitId) throw new Error('no unit free for the matrix');
    await tx.update(rentalBookings).set({ status, unitId }).where(eq(rentalBookings.id, b.id));
    if (status === 'on_loan') await tx.update(rentalUnits).set({ status: 'on_loan' }).where(eq(rentalUnits.id, unitId));
    return b.id;
  });
}

/** A unit of A's point with nothing booked on it, fresh each time (units added for the purpose). */
async function spareUnitOfA() {
  const f = await rentalsOfA();
  const [u] = await t.app.database.db
    .insert(rentalUnits)
    .values({ itemTypeId: f.itemTypeId, pointId: f.pointId, communityId: w.a.id, assetTag: `SP-${seq++}` })
    .returning({ id: rentalUnits.id });
  return u.id;
}

const voteBody = (extra: Record<string, unknown> = {}) => ({
  title: `矩阵投票${seq++}`,
  kind: 'motion',
  rule: 'simple',
  proxyCap: 20,
  closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  ...extra,
});

/** An open vote of A (household electorate) made by A's moderator. */
async function freshVote(extra: Record<string, unknown> = {}) {
  const res = await t.app.call('POST', `/api/committees/${w.a.id}/votes`, {
    token: w.moderatorA.token,
    body: voteBody(extra),
  });
  if (res.status !== 201) throw new Error(`vote failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as number, yes: res.body.options[0].id as number };
}

let shared: { id: number; yes: number } | null = null;
async function sharedVote() {
  shared ??= await freshVote();
  return shared;
}

/** A vote of A closed by the close job (its close moved to the past first). */
async function closedVote() {
  const v = await freshVote();
  await t.app.database.db
    .update(votes)
    .set({ closesAt: new Date(t.app.clock().getTime() - 1000) })
    .where(eq(votes.id, v.id));
  await closeDue(t.app.deps);
  return v.id;
}

/** An owners' 278 vote of A's first building under the silent-majority rule (送达 applies). */
async function silentVote() {
  await t.app.database.db
    .insert(agoraSettings)
    .values({ communityId: w.a.id, silentMajority: true, silentMajorityBasis: '议事规则第十二条' })
    .onConflictDoNothing();
  return (await freshVote({ electorate: 'owner', rule: 'civil_278', buildingIds: [w.a.buildingId] })).id;
}

/** An upload of A by a user (what the photo routes make). */
async function uploadBy(userId: number) {
  const [u] = await t.app.database.db
    .insert(uploads)
    .values({
      communityId: w.a.id,
      uploadedBy: userId,
      kind: 'image',
      fileKey: `${seq++}`.padStart(64, 'a'),
      byteSize: 10,
    })
    .returning({ id: uploads.id });
  return u.id;
}

/** A post of A by `authorId` for the moderation rows, one per request. */
async function moderatedPost(authorId: number, state: 'visible' | 'hidden' = 'visible') {
  return insertPost(t.app, { communityId: w.a.id, authorId, state });
}

let lastMessage = 0;

/** An in-app message for the actor (the same key twice is the same message). */
async function messageFor(actor: Exclude<ActorName, 'anonymous'>, title: string, key: string) {
  await t.app.database.db.transaction((tx) =>
    deliverMessage(tx, { userId: w[actor].userId, kind: 'test', title, body: '', key }),
  );
  const [row] = await t.app.database.sql<{ id: number }[]>`
    select id from messages where user_id = ${w[actor].userId} and key = ${key}`;
  return row.id;
}

let fixtureMemberships: number[] = [];

beforeAll(async () => {
  const base = await world(t.app);
  w = { ...base, handlerA: await handler(t.app, base.a) };
  const rows = await t.app.database.sql<{ id: number }[]>`select id from memberships`;
  fixtureMemberships = rows.map((r) => r.id);
}, 60_000);

/** What the last request changed that the rows after it must not see. */
let undo: (() => Promise<void>) | null = null;

afterEach(async () => {
  await undo?.();
  undo = null;
});

describe('authorization matrix', () => {
  it('covers every mounted route', () => {
    const mounted = t.app.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(matrix.map((m) => m.route).sort()).toEqual(mounted);
  });

  for (const row of matrix) {
    describe(row.route, () => {
      for (const actor of actors) {
        it(`${actor} gets ${row.expect[actor]}`, async () => {
          const req = await row.prepare(actor);
          const token = 'token' in req ? req.token : actor === 'anonymous' ? null : w[actor].token;
          const res = await t.app.call(req.method, req.path, {
            token,
            body: req.body,
            bytes: req.bytes,
            form: req.form,
          });
          if (row.route === 'POST /api/committees/:communityId/join' || row.route === 'POST /api/invitations/redeem') {
            // Joining A would change who the actors are for the rows after.
            undo = async () => {
              await t.app.database.sql`update memberships set status = 'left'
                where community_id = ${w.a.id} and status in ('pending', 'approved') and not (id = any(${fixtureMemberships}))`;
              await t.app.database.sql`update memberships set status = 'pending', invitation_id = null
                where id = ${w.pending.membershipId}`;
            };
          }
          if (row.route === 'POST /api/auth/logout-all' && actor !== 'anonymous' && actor !== 'disabledA') {
            // Signing out everywhere ended the actor's main session too: sign in again.
            undo = async () => {
              w[actor].token = (await freshToken(actor)) as string;
            };
          }
          expect({ status: res.status, body: res.body }).toMatchObject({ status: row.expect[actor] });
          if (res.status === 404) expect(res.body.error.code).toBe('NOT_FOUND');
          if (res.status === 401) expect(res.body.error.code).toBe('UNAUTHENTICATED');
          const forbidden = typeof row.forbiddenCode === 'string' ? row.forbiddenCode : row.forbiddenCode?.[actor];
          if (res.status === 403) expect(res.body.error.code).toBe(forbidden ?? 'FORBIDDEN');
          if (res.status >= 200 && res.status < 300) {
            const contract = t.app.routes.find((r) => `${r.method} ${r.path}` === row.route);
            const response = contract?.response ?? null;
            if (isFileResponse(response))
              expect([response.contentType, ...(response.otherTypes ?? [])]).toContain(res.headers.get('content-type'));
            else if (response) expect(response.safeParse(res.body).success).toBe(true);
            else expect(res.body).toBeFalsy();
            await row.check?.(res.body, actor);
          }
        });
      }
    });
  }
});
