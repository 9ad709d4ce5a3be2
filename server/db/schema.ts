import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { OfficeHours } from '../../shared/domain/office-hours';
import { membershipRoles, membershipStatuses, sessionKinds } from '../../shared/enums';
import { isLive } from './live';

/** Millisecond precision on both engines (PGlite's now() has no microseconds). */
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const createdAt = () => ts('created_at').notNull().defaultNow();
const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();

export const membershipRole = pgEnum('membership_role', membershipRoles);
export const membershipStatus = pgEnum('membership_status', membershipStatuses);
export const sessionKind = pgEnum('session_kind', sessionKinds);

// Reference tables (replicated on every node when sharded by community_id).
export const districts = pgTable('districts', {
  id: id(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const streets = pgTable(
  'streets',
  {
    id: id(),
    districtId: integer('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('streets_district_name_uq').on(t.districtId, t.name)],
);

export const communities = pgTable(
  'communities',
  {
    id: id(),
    streetId: integer('street_id')
      .notNull()
      .references(() => streets.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    phone: text('phone'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    officeHours: jsonb('office_hours').$type<OfficeHours>().notNull().default({ weekly: [], exceptions: [] }),
    intro: text('intro').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('communities_street_name_uq').on(t.streetId, t.name),
    index('communities_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** People a committee lists on its card (书记, 主任, 社工 …). */
export const communityStaff = pgTable(
  'community_staff',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    title: text('title').notNull(),
    /** Published only if the person chose to; null otherwise. */
    publicPhone: text('public_phone'),
    dutyWeekdays: smallint('duty_weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('community_staff_community_idx').on(t.communityId)],
);

export const buildings = pgTable(
  'buildings',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('buildings_community_name_uq').on(t.communityId, t.name)],
);

export const households = pgTable(
  'households',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    unit: text('unit').notNull(),
    room: text('room').notNull(),
    /** Exclusive floor area in m², for area-weighted owners' votes (民法典 278). */
    floorArea: numeric('floor_area', { precision: 10, scale: 2, mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('households_building_unit_room_uq').on(t.buildingId, t.unit, t.room),
    index('households_community_idx').on(t.communityId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    openid: text('openid').unique(),
    unionid: text('unionid'),
    nickname: text('nickname'),
    avatarUrl: text('avatar_url'),
    /** Staff accounts sign in with a password. */
    username: text('username').unique(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    /** WeChat session_key, AES-256-GCM encrypted; never leaves the server. */
    sessionKeyEnc: text('session_key_enc'),
    currentCommunityId: integer('current_community_id').references(() => communities.id),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('users_unionid_idx').on(t.unionid)],
);

export const invitationCodes = pgTable(
  'invitation_codes',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    code: text('code').notNull().unique(),
    maxUses: integer('max_uses').notNull(),
    usedCount: integer('used_count').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitation_codes_community_idx').on(t.communityId, t.id),
    check('invitation_codes_uses_ck', sql`${t.usedCount} >= 0 and ${t.usedCount} <= ${t.maxUses}`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    householdId: integer('household_id').references(() => households.id),
    role: membershipRole('role').notNull().default('resident'),
    status: membershipStatus('status').notNull().default('pending'),
    /** AES-256-GCM ciphertexts; only the community's moderators ever see the plain text. */
    realNameEnc: text('real_name_enc'),
    phoneEnc: text('phone_enc'),
    invitationId: integer('invitation_id').references(() => invitationCodes.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One live membership per user and community, whatever the race.
    uniqueIndex('memberships_one_active_uq').on(t.userId, t.communityId).where(isLive(t.status)),
    index('memberships_community_status_idx').on(t.communityId, t.status, t.id),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    kind: sessionKind('kind').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    /** Null for platform-level actions (a new district, a staff account). */
    communityId: integer('community_id').references(() => communities.id),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: integer('target_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_community_idx').on(t.communityId, t.id), index('audit_log_action_idx').on(t.action, t.id)],
);
