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
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { OfficeHours } from '../../shared/domain/office-hours';
import {
  jobStatuses,
  membershipRoles,
  membershipStatuses,
  noticeAudiences,
  noticeCategories,
  noticeStatuses,
  sessionKinds,
  signupStatuses,
  subscribeTemplates,
  uploadKinds,
} from '../../shared/enums';
import { createdAt, id, ts } from './columns';
import { isLive } from './live';

export const membershipRole = pgEnum('membership_role', membershipRoles);
export const membershipStatus = pgEnum('membership_status', membershipStatuses);
export const sessionKind = pgEnum('session_kind', sessionKinds);
export const jobStatus = pgEnum('job_status', jobStatuses);

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
    // A place is both coordinates or neither (the contracts say so too).
    check('communities_lat_lng_together', sql`(${t.lat} is null) = (${t.lng} is null)`),
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
    /** Retired buildings keep their households' history but are offered to nobody (see households). */
    retiredAt: ts('retired_at'),
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
    /** The owner lives there (业主自住), as opposed to a tenant or an empty flat. */
    ownerOccupied: boolean('owner_occupied').notNull().default(false),
    /**
     * Who owns the unit, as an opaque key from the property register (e.g. 产证号's owner):
     * units with one key count once by head in owners' votes (法释〔2009〕7号 art. 9).
     */
    ownerKey: text('owner_key'),
    /** Unsold or undelivered developer units: all of them count as one head. */
    developerUnit: boolean('developer_unit').notNull().default(false),
    createdAt: createdAt(),
    /**
     * A household with live members is retired instead of deleted: its members stay, but it is
     * no longer offered for joining or invitations. An empty one is deleted outright.
     */
    retiredAt: ts('retired_at'),
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

/**
 * Background jobs, claimed with FOR UPDATE SKIP LOCKED and held under a lease
 * (server/platform/jobs; docs/decisions/006-jobs-and-outbox.md).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    name: text('name').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    status: jobStatus('status').notNull().default('queued'),
    /** Null: as soon as possible. */
    runAt: ts('run_at'),
    /** Idempotency key: a second enqueue with the same key is ignored (periodic slots use it too). */
    key: text('key').unique('jobs_key_uq'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    leaseUntil: ts('lease_until'),
    requestId: text('request_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    // The claim: queued and due, oldest first.
    index('jobs_due_idx').on(t.runAt.asc().nullsFirst(), t.id).where(sql`${t.status} = 'queued'`),
    // Reclaiming jobs whose worker stopped renewing its lease.
    index('jobs_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'running'`),
    // The admin list (newest first) and the cleanup of finished jobs.
    index('jobs_status_idx').on(t.status, t.id),
    check('jobs_attempts_ck', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

/**
 * Transactional outbox: an event writes rows here in the transaction that caused it;
 * the job runner delivers each row once (server/platform/outbox.ts).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** Idempotency key, handed to the receiver so it can drop a second delivery. */
    key: text('key').notNull().unique('outbox_key_uq'),
    communityId: integer('community_id').references(() => communities.id),
    payload: jsonb('payload').$type<unknown>().notNull(),
    requestId: text('request_id'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: as soon as possible. */
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    /** Set when the last attempt failed; the row is not tried again. */
    failedAt: ts('failed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_pending_idx').on(t.id).where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
    index('outbox_delivered_idx').on(t.deliveredAt),
  ],
);

/** In-app messages (the message centre): one row per recipient. */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    communityId: integer('community_id').references(() => communities.id),
    /** What the message is about, e.g. `membership.approved`. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A mini-program path such as `/pages/x/index?id=1`. */
    link: text('link'),
    /** Idempotency key: the same event reaches a user once. */
    key: text('key').notNull(),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_user_key_uq').on(t.userId, t.key),
    index('messages_user_idx').on(t.userId, t.id),
    index('messages_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * WeChat access tokens shared by every server instance, so one instance refreshes and
 * the others reuse it (server/wechat/token.ts). The token is stored encrypted.
 */
export const wechatTokens = pgTable('wechat_tokens', {
  appid: text('appid').primaryKey(),
  tokenEnc: text('token_enc').notNull(),
  expiresAt: ts('expires_at').notNull(),
  refreshedAt: ts('refreshed_at').notNull(),
  /** Last force_refresh (WeChat allows them at least 30 s apart, 20 a day). */
  forcedAt: ts('forced_at'),
});

export const uploadKind = pgEnum('upload_kind', uploadKinds);

/**
 * Uploaded files (server/platform/files; docs/decisions/012-uploads.md). The bytes live in
 * the file store under their SHA-256; a row says which community owns them and who may
 * read them. A row no feature has attached within a day is an orphan, removed by a job.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    /** Null once the uploader deleted their account (the feature's object keeps the file). */
    uploadedBy: integer('uploaded_by').references(() => users.id),
    kind: uploadKind('kind').notNull(),
    /** The served file: the re-encoded display image, or the PDF as sent. */
    fileKey: text('file_key').notNull(),
    /** Images only: the small version for lists. */
    thumbKey: text('thumb_key'),
    /** The name the file had on the uploader's phone (shown for PDFs), cleaned. */
    name: text('name'),
    /** Bytes of the served file. */
    byteSize: integer('byte_size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Public files are served by plain URL; the others only through signed, expiring ones. */
    isPublic: boolean('is_public').notNull().default(false),
    createdAt: createdAt(),
    /** Set when a feature (a notice, a post) takes the upload; null = orphan. */
    attachedAt: ts('attached_at'),
  },
  (t) => [
    index('uploads_file_key_idx').on(t.fileKey),
    index('uploads_thumb_key_idx').on(t.thumbKey),
    index('uploads_orphans_idx').on(t.createdAt).where(sql`${t.attachedAt} is null`),
    index('uploads_uploaded_by_idx').on(t.uploadedBy),
    check('uploads_size_ck', sql`${t.byteSize} >= 0`),
  ],
);

export const noticeCategory = pgEnum('notice_category', noticeCategories);
export const noticeStatus = pgEnum('notice_status', noticeStatuses);
export const noticeAudience = pgEnum('notice_audience', noticeAudiences);

/**
 * 通知公告: a committee's notices (server/features/notices; docs/decisions/014-notices.md).
 * Public ones are for anyone; the others for approved residents of the audience.
 */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    /** The staff member who wrote it (null once their account is gone). */
    authorId: integer('author_id').references(() => users.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: noticeCategory('category').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    audience: noticeAudience('audience').notNull().default('all'),
    /** Shown first until then. */
    pinnedUntil: ts('pinned_until'),
    status: noticeStatus('status').notNull().default('draft'),
    withdrawReason: text('withdraw_reason'),
    publishedAt: ts('published_at'),
    /** Set when edited after publishing (residents see 已更新). */
    editedAt: ts('edited_at'),
    expiresAt: ts('expires_at'),
    /** A draft set to go out at this moment (定时发布): the job runner publishes it then. */
    publishAt: ts('publish_at'),
    /** 活动报名: places (people), or null when the notice takes no sign-ups. */
    signupCapacity: integer('signup_capacity'),
    /** Sign-ups and cancellations close at this moment. */
    signupDeadline: ts('signup_deadline'),
    /** How many people one household may sign up. */
    signupMaxPeople: integer('signup_max_people'),
    /** Goes up with every edit (the audit log keeps each version's changes). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The resident list: one community's published notices, newest first (pinned/urgent ones are few).
    // The trailing columns are what the audience, top and expiry tests read, so counting the
    // unread ones is an index-only scan (drizzle has no INCLUDE; key columns serve the same).
    index('notices_list_idx').on(
      t.communityId,
      t.status,
      t.publishedAt.desc(),
      t.id.desc(),
      t.isPublic,
      t.audience,
      t.expiresAt,
      t.pinnedUntil,
      t.category,
    ),
    // Pinned and urgent ones, fetched ahead of the rest.
    index('notices_top_idx')
      .on(t.communityId, t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' and (${t.pinnedUntil} is not null or ${t.category} = 'urgent')`),
    index('notices_text_trgm').using('gin', sql`(${t.title} || ' ' || ${t.body}) gin_trgm_ops`),
    check('notices_published_ck', sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
    check('notices_withdrawn_ck', sql`(${t.status} = 'withdrawn') = (${t.withdrawReason} is not null)`),
    check(
      'notices_signup_ck',
      sql`(${t.signupCapacity} is null) = (${t.signupDeadline} is null) and (${t.signupCapacity} is null) = (${t.signupMaxPeople} is null) and coalesce(${t.signupCapacity}, 1) > 0 and coalesce(${t.signupMaxPeople}, 1) > 0`,
    ),
    // Scheduled drafts, for the job that publishes them.
    index('notices_publish_at_idx').on(t.publishAt).where(sql`${t.status} = 'draft' and ${t.publishAt} is not null`),
  ],
);

/** The buildings a notice is for (audience = buildings). */
export const noticeBuildings = pgTable(
  'notice_buildings',
  {
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    /** A building removed from the community leaves the audience with it. */
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.buildingId] }), index('notice_buildings_building_idx').on(t.buildingId)],
);

/** A notice's images and PDFs, in the order the committee gave them. */
export const noticeUploads = pgTable(
  'notice_uploads',
  {
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.uploadId] }),
    uniqueIndex('notice_uploads_position_uq').on(t.noticeId, t.position),
    index('notice_uploads_upload_idx').on(t.uploadId),
  ],
);

/** Who opened a notice: once per user; the household at read time counts it for the figures. */
export const noticeReads = pgTable(
  'notice_reads',
  {
    id: id(),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notice_reads_notice_user_uq').on(t.noticeId, t.userId),
    index('notice_reads_notice_household_idx').on(t.noticeId, t.householdId),
    index('notice_reads_user_idx').on(t.userId),
  ],
);

export const signupStatus = pgEnum('signup_status', signupStatuses);

/**
 * 活动报名: one household's sign-up to an 活动 notice. Places are counted in people;
 * the waiting list is the waitlisted rows in id order. A household has at most one
 * live (not cancelled) sign-up per notice.
 */
export const noticeSignups = pgTable(
  'notice_signups',
  {
    id: id(),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    /** Who signed up (their messages go to them). */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    people: integer('people').notNull(),
    status: signupStatus('status').notNull(),
    createdAt: createdAt(),
    /** When it got a place (at once, or moved up from the waiting list). */
    confirmedAt: ts('confirmed_at'),
    cancelledAt: ts('cancelled_at'),
    /** 签到: the committee marked them present. */
    attendedAt: ts('attended_at'),
  },
  (t) => [
    uniqueIndex('notice_signups_live_uq').on(t.noticeId, t.householdId).where(sql`${t.status} <> 'cancelled'`),
    index('notice_signups_notice_idx').on(t.noticeId, t.status, t.id),
    index('notice_signups_user_idx').on(t.userId, t.id),
    check('notice_signups_people_ck', sql`${t.people} > 0`),
    check('notice_signups_confirmed_ck', sql`${t.status} <> 'confirmed' or ${t.confirmedAt} is not null`),
  ],
);

export const subscribeTemplate = pgEnum('subscribe_template', subscribeTemplates);

/**
 * WeChat one-time subscribe consents (一次性订阅): each 'accept' from
 * requestSubscribeMessage allows one message of that template; sending uses one.
 */
export const subscribeConsents = pgTable(
  'subscribe_consents',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    template: subscribeTemplate('template').notNull(),
    /** Messages still allowed. */
    remaining: integer('remaining').notNull().default(0),
    /** Every consent given, for the settings page. */
    acceptedTotal: integer('accepted_total').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.template] }),
    check('subscribe_consents_remaining_ck', sql`${t.remaining} >= 0`),
  ],
);

export * from './agora-schema';
// 留言板, 小事快办, screening and moderation (a file of their own; this one was long enough).
export * from './board-schema';
export * from './neighbour-schema';
export * from './rental-schema';
