import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { neighbourContactStates, neighbourFields } from '../../shared/enums';
import { contentState, heldReason } from './board-schema';
import { createdAt, id, ts } from './columns';
import { buildings, communities, households, uploads, users } from './schema';

/*
 * 找邻居 (server/features/neighbours; docs/decisions/024-neighbours.md): a resident's card with a
 * switch per field, the consent log of every switch, contact requests that become private
 * threads, their messages, and blocks. Nothing here is shown to anyone unless its switch is on.
 */

export const neighbourField = pgEnum('neighbour_field', neighbourFields);
export const neighbourContactState = pgEnum('neighbour_contact_state', neighbourContactStates);

/**
 * A resident's card in one community. Not listed until `listed` is turned on; each field shows
 * only with its switch on (display name and building on by default, the rest off). The free
 * text (intro, free tags, help lists) is screened and moderated as the content subject
 * `neighbour_card` (state, report and appeal columns as on a post).
 */
export const neighbourCards = pgTable(
  'neighbour_cards',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The household of the owner's approved membership when last saved (building and room come from it). */
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    /** Copied from the household for the directory's index; null without a household. */
    buildingId: integer('building_id').references(() => buildings.id, { onDelete: 'set null' }),
    listed: boolean('listed').notNull().default(false),
    listedAt: ts('listed_at'),
    displayName: text('display_name').notNull().default(''),
    showName: boolean('show_name').notNull().default(true),
    avatarUploadId: integer('avatar_upload_id').references(() => uploads.id, { onDelete: 'set null' }),
    showAvatar: boolean('show_avatar').notNull().default(false),
    showBuilding: boolean('show_building').notNull().default(true),
    showRoom: boolean('show_room').notNull().default(false),
    intro: text('intro'),
    showIntro: boolean('show_intro').notNull().default(false),
    /** Tags from the list (shared/enums.ts neighbourTags) and a few of the resident's own. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    showTags: boolean('show_tags').notNull().default(false),
    /** Tags a moderator hid from this card (kept, shown to nobody, not searchable). */
    hiddenTags: text('hidden_tags').array().notNull().default(sql`'{}'::text[]`),
    canHelp: text('can_help').array().notNull().default(sql`'{}'::text[]`),
    needHelp: text('need_help').array().notNull().default(sql`'{}'::text[]`),
    showHelp: boolean('show_help').notNull().default(false),
    /** 愿意为社区服务: in the committee's 能人库 (a separate consent). */
    serve: boolean('serve').notNull().default(false),
    serveSince: ts('serve_since'),
    /** The version of the consent text the owner saw when last saving (shared/domain/neighbour-consent.ts). */
    consentVersion: text('consent_version').notNull(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('neighbour_cards_member_uq').on(t.communityId, t.userId),
    // The directory: listed, visible cards of a community, newest first, by building.
    index('neighbour_cards_directory_idx').on(t.communityId, t.id).where(sql`${t.listed} and ${t.state} = 'visible'`),
    index('neighbour_cards_building_idx')
      .on(t.communityId, t.buildingId, t.id)
      .where(sql`${t.listed} and ${t.state} = 'visible' and ${t.showBuilding}`),
    index('neighbour_cards_tags_idx').using('gin', t.tags),
    index('neighbour_cards_serve_idx').on(t.communityId).where(sql`${t.serve}`),
    check('neighbour_cards_reports_ck', sql`${t.reportCount} >= 0`),
  ],
);

/**
 * The consent log (PIPL arts. 14, 15): every switch turned on or off, every phone or WeChat ID
 * shared with a contact, with the time and the version of the text shown. Append-only; the
 * resident sees it in 我的资料 and in their copy; erased with the account.
 */
export const neighbourConsents = pgTable(
  'neighbour_consents',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    field: neighbourField('field').notNull(),
    granted: boolean('granted').notNull(),
    textVersion: text('text_version').notNull(),
    /** The contact a share was given in (share_phone, share_wechat). */
    contactId: integer('contact_id'),
    createdAt: createdAt(),
  },
  (t) => [index('neighbour_consents_user_idx').on(t.userId, t.id)],
);

/**
 * A contact request and, once accepted, the private thread between the two. At most one live
 * (pending or accepted) contact per pair in a community, whatever the race. Shared phone numbers
 * and WeChat IDs are encrypted at rest and shown only to the other side of an accepted contact.
 */
export const neighbourContacts = pgTable(
  'neighbour_contacts',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    /** Null once that person deleted their account (the other side sees 这位邻居). */
    requesterId: integer('requester_id').references(() => users.id, { onDelete: 'set null' }),
    addresseeId: integer('addressee_id').references(() => users.id, { onDelete: 'set null' }),
    state: neighbourContactState('state').notNull().default('pending'),
    createdAt: createdAt(),
    decidedAt: ts('decided_at'),
    closedAt: ts('closed_at'),
    /** Who closed it (blocked the other, left); the other side reads 对方暂时不方便. */
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
    lastMessageAt: ts('last_message_at'),
    requesterPhoneEnc: text('requester_phone_enc'),
    requesterWechatEnc: text('requester_wechat_enc'),
    addresseePhoneEnc: text('addressee_phone_enc'),
    addresseeWechatEnc: text('addressee_wechat_enc'),
    /** Up to which message each side has read (for the unread count). */
    requesterReadId: integer('requester_read_id').notNull().default(0),
    addresseeReadId: integer('addressee_read_id').notNull().default(0),
  },
  (t) => [
    uniqueIndex('neighbour_contacts_live_pair_uq')
      .on(
        t.communityId,
        sql`least(${t.requesterId}, ${t.addresseeId})`,
        sql`greatest(${t.requesterId}, ${t.addresseeId})`,
      )
      .where(sql`${t.state} in ('pending', 'accepted')`),
    index('neighbour_contacts_requester_idx').on(t.requesterId, t.createdAt),
    index('neighbour_contacts_addressee_idx').on(t.addresseeId, t.createdAt),
    index('neighbour_contacts_community_idx').on(t.communityId, t.createdAt),
  ],
);

/**
 * A message of a contact: the request's own words (is_request) and the thread after it. Screened
 * before it is stored; reportable as the content subject `neighbour_message` (its text reaches
 * the committee's review queue only when reported, or when an image's check asks for a person).
 */
export const neighbourMessages = pgTable(
  'neighbour_messages',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => neighbourContacts.id),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Unused by the thread; the review queue's common shape reads it (always null). */
    householdId: integer('household_id').references(() => households.id, { onDelete: 'set null' }),
    isRequest: boolean('is_request').notNull().default(false),
    body: text('body').notNull(),
    state: contentState('state').notNull().default('visible'),
    heldReason: heldReason('held_reason'),
    stateReason: text('state_reason'),
    reportCount: integer('report_count').notNull().default(0),
    appealText: text('appeal_text'),
    appealedAt: ts('appealed_at'),
    appealDecidedAt: ts('appeal_decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('neighbour_messages_contact_idx').on(t.contactId, t.id),
    index('neighbour_messages_author_idx').on(t.authorId),
  ],
);

/** Photos of a message, in order. */
export const neighbourMessageUploads = pgTable(
  'neighbour_message_uploads',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => neighbourMessages.id, { onDelete: 'cascade' }),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    position: smallint('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.position] }),
    index('neighbour_message_uploads_upload_idx').on(t.uploadId),
  ],
);

/**
 * A block: the blocked person no longer finds, sees or contacts the blocker, and the blocker no
 * longer sees them; neither is told. Live contacts between them are closed.
 */
export const neighbourBlocks = pgTable(
  'neighbour_blocks',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    blockerId: integer('blocker_id')
      .notNull()
      .references(() => users.id),
    blockedId: integer('blocked_id')
      .notNull()
      .references(() => users.id),
    /** The name the blocked card showed, so the blocker's list can say whom (their own words). */
    label: text('label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('neighbour_blocks_pair_uq').on(t.communityId, t.blockerId, t.blockedId),
    index('neighbour_blocks_blocked_idx').on(t.communityId, t.blockedId),
  ],
);

/**
 * How many cards the directory showed a viewer on one China day: the ceiling against scraping
 * (NEIGHBOUR_DAILY_CARDS in shared/contracts/neighbours.ts), exact under concurrency.
 */
export const neighbourDailyViews = pgTable(
  'neighbour_daily_views',
  {
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    day: date('day', { mode: 'string' }).notNull(),
    shown: integer('shown').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId, t.day] }),
    check('neighbour_daily_views_ck', sql`${t.shown} >= 0`),
  ],
);
