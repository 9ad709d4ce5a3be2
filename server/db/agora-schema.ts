import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
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
import {
  ballotChannels,
  motionRoles,
  proxyStatuses,
  topicCommentKinds,
  topicEventKinds,
  topicKinds,
  topicStages,
  voteElectorates,
  voteKinds,
  voteResultsShown,
  voteRules,
  voteStatuses,
} from '../../shared/enums';
import { authorShown, contentState, heldReason, postActorRole } from './board-schema';
import { createdAt, id, ts } from './columns';
import { buildings, communities, households, notices, uploads, users } from './schema';

/*
 * 议事厅: topics (server/features/topics), votes and ballots (server/features/votes), the
 * adopted 住户守则. See docs/decisions/021-agora.md and 022-votes.md.
 */

export const topicStage = pgEnum('topic_stage', topicStages);
export const topicKind = pgEnum('topic_kind', topicKinds);
export const topicEventKind = pgEnum('topic_event_kind', topicEventKinds);
export const topicCommentKind = pgEnum('topic_comment_kind', topicCommentKinds);
export const voteKind = pgEnum('vote_kind', voteKinds);
export const voteElectorate = pgEnum('vote_electorate', voteElectorates);
export const voteRule = pgEnum('vote_rule', voteRules);
export const voteStatus = pgEnum('vote_status', voteStatuses);
export const voteResultsShownEnum = pgEnum('vote_results_shown', voteResultsShown);
export const motionRole = pgEnum('motion_role', motionRoles);
export const ballotChannel = pgEnum('ballot_channel', ballotChannels);
export const proxyStatus = pgEnum('proxy_status', proxyStatuses);

/** A community's 议事厅 rules (one row per community once a moderator saves them). */
export const agoraSettings = pgTable(
  'agora_settings',
  {
    communityId: integer('community_id')
      .primaryKey()
      .references(() => communities.id),
    /** Households that must co-sign (附议); null = one fifth of the community's households (居委会组织法 art. 10). */
    cosignThreshold: integer('cosign_threshold'),
    /** Days a proposal collects co-signers before it lapses. */
    cosignDays: smallint('cosign_days').notNull().default(30),
    /** Days households may rate the outcome after the work is done. */
    ratingDays: smallint('rating_days').notNull().default(30),
    /**
     * 业主大会议事规则 allow "served and silent follows the majority" (off by default). Only
     * owners' votes use it, and only for households with a recorded proof of service.
     */
    silentMajority: boolean('silent_majority').notNull().default(false),
    /** Where the rules say so (e.g. 议事规则第十二条), shown with every result that used it. */
    silentMajorityBasis: text('silent_majority_basis'),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'agora_settings_threshold_ck',
      sql`${t.cosignThreshold} is null or ${t.cosignThreshold} between 1 and 100000`,
    ),
    check('agora_settings_days_ck', sql`${t.cosignDays} between 1 and 365 and ${t.ratingDays} between 1 and 365`),
  ],
);

/** A 议事厅 topic: a resident's proposal or the committee's 住户守则 draft. */
export const topics = pgTable(
  'topics',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    kind: topicKind('kind').notNull().default('proposal'),
    /** Null once the author deleted their account. */
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    authorShown: authorShown('author_shown').notNull().default('name'),
    authorLabel: text('author_label').notNull(),
    /** Proposed by the committee itself (adopted directly, no co-signing). */
    byCommittee: boolean('by_committee').notNull().default(false),
    title: text('title').notNull(),
    body: text('body').notNull(),
    place: text('place'),
    stage: topicStage('stage').notNull(),
    stageAt: ts('stage_at').notNull().defaultNow(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    /** Why a moderator or screening hid, deleted or rejected it. */
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    /** The author's one appeal. */
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    /** Co-signing households needed, fixed when proposed. */
    cosignNeeded: integer('cosign_needed').notNull(),
    cosignCount: integer('cosign_count').notNull().default(0),
    /** End of 征集: lapses if still short of co-signers. */
    cosignUntil: ts('cosign_until'),
    /** The committee's plan when it accepted the topic. */
    plan: text('plan'),
    /** The public reason when declined (or why merged). */
    decision: text('decision'),
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => topics.id),
    /** The deciding vote (the latest one held on this topic). */
    voteId: integer('vote_id'),
    /** The 公示 notice published when the vote closed. */
    resultNoticeId: integer('result_notice_id').references(() => notices.id),
    /** End of 评: the topic closes by itself after it. */
    ratingUntil: ts('rating_until'),
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
  },
  (t) => [
    index('topics_community_stage_idx').on(t.communityId, t.stage, t.id.desc()),
    index('topics_community_idx').on(t.communityId, t.id.desc()),
    index('topics_author_idx').on(t.authorId),
    check('topics_cosign_ck', sql`${t.cosignNeeded} >= 0 and ${t.cosignCount} >= 0`),
    check('topics_rating_ck', sql`${t.ratingCount} >= 0 and ${t.ratingSum} between 0 and 5 * ${t.ratingCount}`),
  ],
);

/** 线下议事会 records attached to a topic. */
export const topicMeetings = pgTable(
  'topic_meetings',
  {
    id: id(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    /** Who attended, as the committee writes it (居民代表12人、物业、居委). */
    attendees: text('attendees').notNull(),
    attendeeCount: integer('attendee_count'),
    minutes: text('minutes').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('topic_meetings_topic_idx').on(t.topicId)],
);

/** 实施 progress: what was done on which day. */
export const topicUpdates = pgTable(
  'topic_updates',
  {
    id: id(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('topic_updates_topic_idx').on(t.topicId, t.id)],
);

/** Photos of a topic, of one of its meetings, or of one progress update. */
export const topicUploads = pgTable(
  'topic_uploads',
  {
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    meetingId: integer('meeting_id').references(() => topicMeetings.id, { onDelete: 'cascade' }),
    updateId: integer('update_id').references(() => topicUpdates.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.topicId, t.uploadId] }),
    index('topic_uploads_upload_idx').on(t.uploadId),
    check('topic_uploads_owner_ck', sql`${t.meetingId} is null or ${t.updateId} is null`),
  ],
);

/** 附议: one per household and topic. */
export const topicCosigns = pgTable(
  'topic_cosigns',
  {
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.householdId] })],
);

/** The discussion: remarks, questions, and the committee's official answers (pinned, marked). */
export const topicComments = pgTable(
  'topic_comments',
  {
    id: id(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    kind: topicCommentKind('kind').notNull().default('comment'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    /** Written by staff as the committee (居委回复). */
    official: boolean('official').notNull().default(false),
    /** An official answer to a question. */
    answersId: integer('answers_id').references((): AnyPgColumn => topicComments.id),
    body: text('body').notNull(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    /** Why a moderator or screening hid, deleted or rejected it. */
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    /** The author's one appeal. */
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    createdAt: createdAt(),
    editedAt: ts('edited_at'),
  },
  (t) => [index('topic_comments_topic_idx').on(t.topicId, t.id), index('topic_comments_author_idx').on(t.authorId)],
);

/** The topic's timeline: every stage move (who, when, why) and the other milestones. */
export const topicEvents = pgTable(
  'topic_events',
  {
    id: id(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    kind: topicEventKind('kind').notNull(),
    fromStage: topicStage('from_stage'),
    toStage: topicStage('to_stage'),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorRole: postActorRole('actor_role').notNull(),
    note: text('note'),
    /** The meeting, update, vote or merged topic the line is about. */
    refId: integer('ref_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('topic_events_topic_idx').on(t.topicId, t.id)],
);

/** 评: one rating per household once the work is done. */
export const topicRatings = pgTable(
  'topic_ratings',
  {
    id: id(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    authorLabel: text('author_label').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    /** Why a moderator or screening hid, deleted or rejected it. */
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    /** The author's one appeal. */
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('topic_ratings_household_uq').on(t.topicId, t.householdId),
    index('topic_ratings_user_idx').on(t.userId),
    check('topic_ratings_score_ck', sql`${t.score} between 1 and 5`),
  ],
);

/** A vote: on a topic, on a 住户守则 draft, or on its own (a quick poll). */
export const votes = pgTable(
  'votes',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    topicId: integer('topic_id').references(() => topics.id),
    title: text('title').notNull(),
    description: text('description'),
    kind: voteKind('kind').notNull(),
    /** multiple: at most this many options; single and motion: 1. */
    maxChoices: smallint('max_choices').notNull().default(1),
    electorate: voteElectorate('electorate').notNull().default('household'),
    rule: voteRule('rule').notNull(),
    /** rule quorum: share of the electorate (percent, ≥) that must take part. */
    quorumPercent: smallint('quorum_percent'),
    /** 民法典 278 item (1–9) an owners' vote decides; 6–8 need the major rule. */
    civilItem: smallint('civil_item'),
    /** Building-level votes (上海市住宅物业管理规定 art. 69); null = the whole community. */
    buildingIds: integer('building_ids').array(),
    resultsShown: voteResultsShownEnum('results_shown').notNull().default('after_close'),
    /** Turnout only while open; nobody (staff included) sees who chose what. */
    anonymous: boolean('anonymous').notNull().default(false),
    /** Households one delegate may vote for (委托投票); 0 = no proxies. */
    proxyCap: smallint('proxy_cap').notNull().default(1),
    /** Copied from agora_settings when the vote opens (owners' votes only). */
    silentMajority: boolean('silent_majority').notNull().default(false),
    silentMajorityBasis: text('silent_majority_basis'),
    status: voteStatus('status').notNull().default('draft'),
    opensAt: ts('opens_at'),
    closesAt: ts('closes_at').notNull(),
    closedAt: ts('closed_at'),
    /** The tally frozen at the close (TallyResult); never changed afterwards. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** The reminder a day before the close went out (once). */
    remindedAt: ts('reminded_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('votes_community_idx').on(t.communityId, t.id.desc()),
    index('votes_topic_idx').on(t.topicId),
    index('votes_open_closes_idx').on(t.closesAt).where(sql`${t.status} = 'open'`),
    check('votes_max_choices_ck', sql`${t.maxChoices} between 1 and 50`),
    check('votes_quorum_ck', sql`${t.quorumPercent} is null or ${t.quorumPercent} between 1 and 100`),
    check('votes_civil_item_ck', sql`${t.civilItem} is null or ${t.civilItem} between 1 and 9`),
    check('votes_proxy_cap_ck', sql`${t.proxyCap} between 0 and 20`),
    check('votes_closed_result_ck', sql`${t.status} <> 'closed' or ${t.result} is not null`),
  ],
);

export const voteOptions = pgTable(
  'vote_options',
  {
    id: id(),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    label: text('label').notNull(),
    /** A motion's three fixed options. */
    motionRole: motionRole('motion_role'),
  },
  (t) => [uniqueIndex('vote_options_position_uq').on(t.voteId, t.position)],
);

/**
 * Who may vote, fixed when the vote opens: one row per household (household and owner
 * electorates) or per approved resident (resident electorate), with what the tally counts.
 */
export const voteElectors = pgTable(
  'vote_electors',
  {
    id: id(),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    householdId: integer('household_id').references(() => households.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    buildingId: integer('building_id').references(() => buildings.id),
    /** Exclusive floor area (owners' votes). */
    area: numeric('area', { precision: 10, scale: 2, mode: 'number' }),
    /** Owners' votes: electors with one key count once by head (法释〔2009〕7号 arts. 8–9). */
    headKey: text('head_key').notNull(),
    /** Proof the ballot was served (送达), for the silent-majority rule. */
    servedAt: ts('served_at'),
    servedNote: text('served_note'),
    servedUploadId: integer('served_upload_id').references(() => uploads.id),
  },
  (t) => [
    // One row per household for household and owner electorates; a resident electorate has one
    // row per member, several per household (unique by user instead; head key u:<id> never changes).
    uniqueIndex('vote_electors_household_uq').on(t.voteId, t.householdId).where(sql`${t.headKey} not like 'u:%'`),
    uniqueIndex('vote_electors_user_uq').on(t.voteId, t.userId),
    index('vote_electors_household_idx').on(t.householdId),
    check('vote_electors_who_ck', sql`${t.householdId} is not null or ${t.userId} is not null`),
  ],
);

/** 委托投票: an owner authorises another resident to vote for the household. */
export const voteProxies = pgTable(
  'vote_proxies',
  {
    id: id(),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    electorId: integer('elector_id')
      .notNull()
      .references(() => voteElectors.id, { onDelete: 'cascade' }),
    grantorId: integer('grantor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set when the delegate enters the code. */
    delegateId: integer('delegate_id').references(() => users.id, { onDelete: 'set null' }),
    /** SHA-256 of the 委托码 the owner passes to the delegate. */
    codeHash: text('code_hash').notNull(),
    /** The signed authorisation (photo). */
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    status: proxyStatus('status').notNull().default('pending'),
    createdAt: createdAt(),
    acceptedAt: ts('accepted_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('vote_proxies_live_uq').on(t.voteId, t.electorId).where(sql`${t.status} <> 'revoked'`),
    index('vote_proxies_delegate_idx').on(t.voteId, t.delegateId),
    uniqueIndex('vote_proxies_code_uq').on(t.codeHash),
  ],
);

/** The current ballot of one elector; every version is kept in ballot_changes. */
export const ballots = pgTable(
  'ballots',
  {
    id: id(),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    electorId: integer('elector_id')
      .notNull()
      .references(() => voteElectors.id, { onDelete: 'cascade' }),
    optionIds: integer('option_ids').array().notNull(),
    channel: ballotChannel('channel').notNull(),
    castBy: integer('cast_by').references(() => users.id, { onDelete: 'set null' }),
    proxyId: integer('proxy_id').references(() => voteProxies.id),
    /** 代录: the staff member who recorded a paper ballot, who signed it, when, and its photo. */
    recordedBy: integer('recorded_by').references(() => users.id),
    paperSigner: text('paper_signer'),
    paperSignedOn: date('paper_signed_on', { mode: 'string' }),
    paperUploadId: integer('paper_upload_id').references(() => uploads.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ballots_elector_uq').on(t.voteId, t.electorId), index('ballots_cast_by_idx').on(t.castBy)],
);

export const ballotChanges = pgTable(
  'ballot_changes',
  {
    id: id(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    optionIds: integer('option_ids').array().notNull(),
    channel: ballotChannel('channel').notNull(),
    castBy: integer('cast_by').references(() => users.id, { onDelete: 'set null' }),
    recordedBy: integer('recorded_by').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ballot_changes_version_uq').on(t.ballotId, t.version)],
);

/**
 * Group chats a vote was opened from: only a keyed hash of openGId is kept (never the id),
 * with who opened it, so the vote can say 本群已有 N 户参与.
 */
export const voteGroupSightings = pgTable(
  'vote_group_sightings',
  {
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    groupHash: text('group_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    seenAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.groupHash, t.userId] })],
);

/** 住户守则 versions adopted by a vote; the latest adopted one is in force. */
export const houseRules = pgTable(
  'house_rules',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id),
    voteId: integer('vote_id')
      .notNull()
      .references(() => votes.id),
    adoptedAt: ts('adopted_at').notNull(),
    /** The vote's figures when adopted (participation, approval, rule). */
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('house_rules_version_uq').on(t.communityId, t.version)],
);
