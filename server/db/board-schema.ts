import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  authorShownAs,
  contentStates,
  contentSubjects,
  heldReasons,
  type MatterCategory,
  type MatterRoute,
  matterCategories,
  mediaCheckStatuses,
  membershipRoles,
  moderationActions,
  moderationRules,
  postCategories,
  postKinds,
  postStatuses,
  reportReasons,
} from '../../shared/enums';
import { createdAt, id, ts } from './columns';
import { communities, households, uploads, users } from './schema';

/*
 * 留言板 and 小事快办 (server/features/board, server/features/matters), screening
 * (server/platform/screening) and moderation (server/features/moderation).
 * See docs/decisions/017-board.md and 018-screening.md.
 */

export const postKind = pgEnum('post_kind', postKinds);
export const postCategory = pgEnum('post_category', postCategories);
export const matterCategory = pgEnum('matter_category', matterCategories);
export const postStatus = pgEnum('post_status', postStatuses);
export const contentState = pgEnum('content_state', contentStates);
export const heldReason = pgEnum('held_reason', heldReasons);
export const contentSubject = pgEnum('content_subject', contentSubjects);
export const reportReason = pgEnum('report_reason', reportReasons);
export const authorShown = pgEnum('author_shown', authorShownAs);
export const moderationAction = pgEnum('moderation_action', moderationActions);
export const moderationRule = pgEnum('moderation_rule', moderationRules);
export const mediaCheckStatus = pgEnum('media_check_status', mediaCheckStatuses);
/** Who moved a post (the actor's role at the time), for the timeline residents see. */
export const postActorRole = pgEnum('post_actor_role', [...membershipRoles, 'system'] as const);

/**
 * A 留言板 post or a 小事快办 report (kind = matter). Both kinds share comments, +1s,
 * reports, screening and moderation; the matter-only columns are null on a post and the
 * post-only category is null on a matter (checked below).
 */
export const posts = pgTable(
  'posts',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    kind: postKind('kind').notNull(),
    /** Board posts: 求助 / 建议 / 投诉 / 闲聊 / 表扬. */
    category: postCategory('category'),
    /** Matters: 照明 / 卫生 / 消防通道 / 漏水 / 噪音 / 其他. */
    matterCategory: matterCategory('matter_category'),
    /** Null once the author deleted their account (the post stays, shown as 已注销的居民). */
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's household when posting: one +1 per household, building for the label. */
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    authorShown: authorShown('author_shown').notNull().default('name'),
    /** What neighbours see as the author, fixed when posted as the author chose (匿名邻居 when anonymous). */
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    /** sha256 of the normalised body: the same text twice in a day is refused. */
    bodyHash: text('body_hash').notNull(),
    /** Matters: where (a building or a common area, free text). */
    place: text('place'),
    /** Matters: who fixes it, from the community's settings when reported. */
    route: text('route').$type<MatterRoute>(),
    status: postStatus('status').notNull(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    /** Why it was hidden, deleted or rejected (shown to the author and in the public log). */
    stateReason: text('state_reason'),
    /** Set by an edit (allowed in the first 10 minutes; residents then see 已编辑). */
    editedAt: ts('edited_at'),
    createdAt: createdAt(),
    /** Newest comment or official reply: the "有新回复" order. */
    activityAt: ts('activity_at').notNull().defaultNow(),
    /** First official reply (board) or first step by the committee/物业 (matter). */
    firstReplyAt: ts('first_reply_at'),
    /** Entered the status it is in (the 7-day close counts from here). */
    statusAt: ts('status_at').notNull().defaultNow(),
    /** The author was told it will close by itself (once per 已回复 / 已办结 spell). */
    closeWarnedAt: ts('close_warned_at'),
    /** Matters: the staff member or handler who last moved it. */
    handledBy: integer('handled_by').references(() => users.id, { onDelete: 'set null' }),
    doneAt: ts('done_at'),
    resolvedAt: ts('resolved_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    officialCount: integer('official_count').notNull().default(0),
    plusCount: integer('plus_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    /** The author's one appeal against hiding (申诉). */
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    /** 成效居民评: the author's 1–5 rating when it is resolved. */
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The resident feed, newest first, and the "有新回复" order.
    index('posts_feed_idx').on(t.communityId, t.state, t.id.desc()),
    index('posts_activity_idx').on(t.communityId, t.state, t.activityAt.desc(), t.id.desc()),
    index('posts_kind_status_idx').on(t.communityId, t.kind, t.status, t.id.desc()),
    index('posts_author_idx').on(t.authorId, t.id.desc()),
    index('posts_author_hash_idx').on(t.authorId, t.bodyHash, t.createdAt),
    index('posts_text_trgm').using('gin', sql`${t.body} gin_trgm_ops`),
    // Posts waiting to close by themselves.
    index('posts_closing_idx').on(t.statusAt).where(sql`${t.status} in ('replied', 'done')`),
    check(
      'posts_kind_ck',
      sql`(${t.kind} = 'post' and ${t.category} is not null and ${t.matterCategory} is null and ${t.route} is null and ${t.status} in ('awaiting_reply', 'replied', 'resolved'))
       or (${t.kind} = 'matter' and ${t.category} is null and ${t.matterCategory} is not null and ${t.route} in ('committee', 'property') and ${t.place} is not null and ${t.status} in ('accepted', 'in_progress', 'done', 'resolved'))`,
    ),
    check('posts_held_ck', sql`(${t.state} = 'held') = (${t.heldReason} is not null)`),
    check('posts_rating_ck', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check(
      'posts_counts_ck',
      sql`${t.commentCount} >= 0 and ${t.officialCount} >= 0 and ${t.plusCount} >= 0 and ${t.reportCount} >= 0 and ${t.reopenCount} >= 0`,
    ),
  ],
);

/** A post's photos in the order given (at most 6). */
export const postUploads = pgTable(
  'post_uploads',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.uploadId] }),
    uniqueIndex('post_uploads_position_uq').on(t.postId, t.position),
    index('post_uploads_upload_idx').on(t.uploadId),
  ],
);

/** Comments, one level deep; an official one (居委回复) is written by staff and pinned on top. */
export const postComments = pgTable(
  'post_comments',
  {
    id: id(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    authorShown: authorShown('author_shown').notNull().default('name'),
    authorLabel: text('author_label').notNull(),
    /** 居委回复 (or 物业回复 on a matter routed to the property company). */
    isOfficial: boolean('is_official').notNull().default(false),
    body: text('body').notNull(),
    bodyHash: text('body_hash').notNull(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    editedAt: ts('edited_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('post_comments_post_idx').on(t.postId, t.isOfficial, t.id),
    index('post_comments_author_idx').on(t.authorId, t.id.desc()),
    index('post_comments_author_hash_idx').on(t.authorId, t.bodyHash, t.createdAt),
    index('post_comments_community_state_idx').on(t.communityId, t.state, t.id),
    check('post_comments_held_ck', sql`(${t.state} = 'held') = (${t.heldReason} is not null)`),
    check('post_comments_report_ck', sql`${t.reportCount} >= 0`),
  ],
);

/** 我也遇到了: one per household and post. */
export const postPlusOnes = pgTable(
  'post_plus_ones',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.householdId] }), index('post_plus_ones_user_idx').on(t.userId)],
);

/** A post's timeline: every status change, who made it and when (小事快办: 已受理 by 王师傅 at …). */
export const postEvents = pgTable(
  'post_events',
  {
    id: id(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorRole: postActorRole('actor_role').notNull(),
    fromStatus: postStatus('from_status'),
    toStatus: postStatus('to_status').notNull(),
    /** A reopen's reason, a handler's note. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('post_events_post_idx').on(t.postId, t.id)],
);

/** A report of a post or comment: once per reporter and item. */
export const contentReports = pgTable(
  'content_reports',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    subject: contentSubject('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: reportReason('reason').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    /** A moderator dealt with it (restored or removed the item). */
    settledAt: ts('settled_at'),
  },
  (t) => [
    uniqueIndex('content_reports_once_uq').on(t.subject, t.subjectId, t.reporterId),
    index('content_reports_open_idx').on(t.communityId, t.settledAt, t.id),
    index('content_reports_reporter_idx').on(t.reporterId),
  ],
);

/**
 * What moderation did to an item. Residents read it as the public log (kind, when, rule,
 * reason — never the content or the author); moderators see which item.
 */
export const moderationLog = pgTable(
  'moderation_log',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    subject: contentSubject('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    action: moderationAction('action').notNull(),
    rule: moderationRule('rule').notNull(),
    reason: text('reason'),
    /** The moderator (null for automatic steps). */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('moderation_log_community_idx').on(t.communityId, t.id.desc()),
    index('moderation_log_subject_idx').on(t.subject, t.subjectId),
  ],
);

/** A member who may not post or comment in a community until `until` (禁言). */
export const boardMutes = pgTable(
  'board_mutes',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    until: ts('until').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    liftedAt: ts('lifted_at'),
  },
  (t) => [index('board_mutes_user_idx').on(t.communityId, t.userId, t.until)],
);

/** A community's board settings; a community without a row has the defaults. */
export const boardSettings = pgTable(
  'board_settings',
  {
    communityId: integer('community_id')
      .primaryKey()
      .references(() => communities.id),
    /** Distinct reporters that hide an item by themselves. */
    reportThreshold: smallint('report_threshold').notNull().default(3),
    /** 小事快办 categories the property company fixes; the rest go to the committee. */
    matterRoutes: jsonb('matter_routes').$type<Partial<Record<MatterCategory, MatterRoute>>>().notNull().default({}),
    /** msgSecCheck calls a day before text is held for a moderator instead. */
    secCheckDailyLimit: integer('sec_check_daily_limit').notNull().default(2000),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('board_settings_threshold_ck', sql`${t.reportThreshold} between 1 and 50`),
    check('board_settings_limit_ck', sql`${t.secCheckDailyLimit} >= 0`),
  ],
);

/**
 * Screening words: platform-wide (community_id null, admins) or one community's (its
 * moderators). `normalized` is what the matcher looks for (server/platform/screening).
 */
export const screeningWords = pgTable(
  'screening_words',
  {
    id: id(),
    communityId: integer('community_id').references(() => communities.id),
    word: text('word').notNull(),
    normalized: text('normalized').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('screening_words_uq').on(sql`coalesce(${t.communityId}, 0)`, t.normalized),
    index('screening_words_community_idx').on(t.communityId),
  ],
);

/** msgSecCheck calls per community and China day, for the cost ceiling. */
export const screeningUsage = pgTable(
  'screening_usage',
  {
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    day: date('day').notNull(),
    calls: integer('calls').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day] })],
);

/** One image sent to WeChat's media_check_async, waiting for (or given) its verdict by push. */
export const mediaChecks = pgTable(
  'media_checks',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    subject: contentSubject('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    /** WeChat's trace_id, once the check was sent. */
    traceId: text('trace_id'),
    status: mediaCheckStatus('status').notNull().default('pending'),
    label: text('label'),
    createdAt: createdAt(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('media_checks_trace_uq').on(t.traceId),
    index('media_checks_subject_idx').on(t.subject, t.subjectId),
    index('media_checks_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);
