import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
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
  rentalBookingStatuses,
  rentalCategories,
  rentalConditions,
  rentalEligibilities,
  rentalFeeKinds,
  rentalHandovers,
  rentalHoldKinds,
  rentalUnitEventKinds,
  rentalUnitStatuses,
} from '../../shared/enums';
import { createdAt, id, ts } from './columns';
import { communities, households, uploads, users } from './schema';

/*
 * 社区租赁 (server/features/rentals; docs/decisions/023-rentals.md): service points, item types,
 * physical units, bookings and the holds that keep two bookings of a unit from overlapping.
 * The exclusion constraint on rental_holds is in migration 0012 (drizzle-kit cannot declare it).
 */

/**
 * A Postgres daterange, read and written as its text form `[2026-12-01,2026-12-09)` (lower
 * inclusive, upper exclusive: the day after the last day held). Build one with `holdRange()`.
 */
export const dateRange = customType<{ data: string; driverData: string }>({
  dataType: () => 'daterange',
});

export const rentalCategory = pgEnum('rental_category', rentalCategories);
export const rentalFeeKind = pgEnum('rental_fee_kind', rentalFeeKinds);
export const rentalEligibility = pgEnum('rental_eligibility', rentalEligibilities);
export const rentalCondition = pgEnum('rental_condition', rentalConditions);
export const rentalUnitStatus = pgEnum('rental_unit_status', rentalUnitStatuses);
export const rentalUnitEventKind = pgEnum('rental_unit_event_kind', rentalUnitEventKinds);
export const rentalBookingStatus = pgEnum('rental_booking_status', rentalBookingStatuses);
export const rentalHandover = pgEnum('rental_handover', rentalHandovers);
export const rentalHoldKind = pgEnum('rental_hold_kind', rentalHoldKinds);

/**
 * A service point: a committee's own store, or the 街镇's 综合为老服务中心. `communityId` is the
 * community whose moderators run it; rental_point_communities lists every community it serves.
 */
export const rentalPoints = pgTable(
  'rental_points',
  {
    id: id(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** 周一至周五 9:00-17:00, as the point writes it. */
    hours: text('hours').notNull(),
    phone: text('phone').notNull(),
    /** The point delivers to the door (送货上门) for items that allow it. */
    delivers: boolean('delivers').notNull().default(false),
    archivedAt: ts('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [index('rental_points_community_idx').on(t.communityId)],
);

/** Which communities a point serves (its own included); set by a platform admin for shared points. */
export const rentalPointCommunities = pgTable(
  'rental_point_communities',
  {
    pointId: integer('point_id')
      .notNull()
      .references(() => rentalPoints.id),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
  },
  (t) => [
    primaryKey({ columns: [t.pointId, t.communityId] }),
    index('rental_point_communities_community_idx').on(t.communityId),
  ],
);

/** A kind of device at a point (轮椅 标准型), with its terms. Money in integer fen. */
export const rentalItemTypes = pgTable(
  'rental_item_types',
  {
    id: id(),
    pointId: integer('point_id')
      .notNull()
      .references(() => rentalPoints.id),
    /** The point's community (the tenant key of stock). */
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    category: rentalCategory('category').notNull(),
    name: text('name').notNull(),
    /** Model, size, weight limit… */
    specs: text('specs'),
    /** 适合谁: who it suits, in plain words. */
    suitableFor: text('suitable_for'),
    feeKind: rentalFeeKind('fee_kind').notNull(),
    /** Per day (per_day) or per period (per_period); 0 for a free loan. */
    feeFen: integer('fee_fen').notNull().default(0),
    /** Days in one rental period (per_period; the city scheme: 180). */
    periodDays: smallint('period_days'),
    depositFen: integer('deposit_fen').notNull().default(0),
    /** Share of the rent the subsidy pays for an eligible renter (50 = half). */
    subsidyPercent: smallint('subsidy_percent').notNull().default(0),
    /** Eligibility categories the subsidy is for. */
    subsidyFor: rentalEligibility('subsidy_for').array().notNull().default(sql`'{}'`),
    /** Longest booking in days (per_day / free) or periods × periodDays (per_period). */
    maxDays: smallint('max_days').notNull().default(30),
    /** Active bookings of this type one household may hold at once. */
    perHousehold: smallint('per_household').notNull().default(1),
    /** Booked straight away (a unit assigned at once) instead of waiting for staff to confirm. */
    selfService: boolean('self_service').notNull().default(false),
    /** Days a returned unit is held for cleaning before the next booking. */
    bufferDays: smallint('buffer_days').notNull().default(1),
    delivery: boolean('delivery').notNull().default(false),
    /** Hidden from residents (stock kept). */
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('rental_item_types_point_idx').on(t.pointId, t.category),
    check('rental_item_types_money_ck', sql`${t.feeFen} >= 0 and ${t.depositFen} >= 0`),
    check('rental_item_types_subsidy_ck', sql`${t.subsidyPercent} between 0 and 100`),
    check(
      'rental_item_types_period_ck',
      sql`(${t.feeKind} = 'per_period') = (${t.periodDays} is not null) and (${t.periodDays} is null or ${t.periodDays} between 1 and 366)`,
    ),
    check('rental_item_types_limits_ck', sql`${t.maxDays} between 1 and 732 and ${t.perHousehold} between 1 and 20`),
    check('rental_item_types_buffer_ck', sql`${t.bufferDays} between 0 and 14`),
  ],
);

/** Photos of an item type, in order. */
export const rentalItemPhotos = pgTable(
  'rental_item_photos',
  {
    itemTypeId: integer('item_type_id')
      .notNull()
      .references(() => rentalItemTypes.id),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemTypeId, t.uploadId] })],
);

/** One physical device with its asset tag. */
export const rentalUnits = pgTable(
  'rental_units',
  {
    id: id(),
    itemTypeId: integer('item_type_id')
      .notNull()
      .references(() => rentalItemTypes.id),
    pointId: integer('point_id')
      .notNull()
      .references(() => rentalPoints.id),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    assetTag: text('asset_tag').notNull(),
    condition: rentalCondition('condition').notNull().default('good'),
    status: rentalUnitStatus('status').notNull().default('in_stock'),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rental_units_tag_uq').on(t.pointId, t.assetTag),
    index('rental_units_type_idx').on(t.itemTypeId, t.status),
  ],
);

/** A booking (or a place in the waiting list) by a household, for itself or a named member. */
export const rentalBookings = pgTable(
  'rental_bookings',
  {
    id: id(),
    /** The renter's community (the tenant key: their committee sees it; the point serves it). */
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id),
    pointId: integer('point_id')
      .notNull()
      .references(() => rentalPoints.id),
    itemTypeId: integer('item_type_id')
      .notNull()
      .references(() => rentalItemTypes.id),
    /** Assigned when confirmed, offered, or at once for self-service items. */
    unitId: integer('unit_id').references(() => rentalUnits.id),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    /** Who booked (null once their account is deleted). */
    userId: integer('user_id').references(() => users.id),
    /** Booked as an agent (代办) for a household member: name and relation only. */
    forName: text('for_name'),
    forRelation: text('for_relation'),
    eligibility: rentalEligibility('eligibility'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    /** The due date: the last day of the booking. */
    endOn: date('end_on', { mode: 'string' }).notNull(),
    handover: rentalHandover('handover').notNull().default('pickup'),
    deliveryAddress: text('delivery_address'),
    note: text('note'),
    status: rentalBookingStatus('status').notNull(),
    /** Why staff refused, or why it was cancelled. */
    reason: text('reason'),
    /** The fee quote when booked (shared/domain/rental-fees.ts Quote). */
    quote: jsonb('quote').notNull(),
    /** The offer from the waiting list runs until (24 h). */
    offerExpiresAt: ts('offer_expires_at'),
    checkedOutAt: ts('checked_out_at'),
    checkedOutBy: integer('checked_out_by').references(() => users.id),
    /** Rent taken at hand-over (the quote's payable part, or nothing if paid later). */
    rentPaidFen: integer('rent_paid_fen'),
    depositTakenFen: integer('deposit_taken_fen'),
    /** The subsidy was checked at hand-over (false: the renter pays the difference). */
    eligibilityVerified: boolean('eligibility_verified'),
    returnedAt: ts('returned_at'),
    returnedOn: date('returned_on', { mode: 'string' }),
    returnedBy: integer('returned_by').references(() => users.id),
    damageNote: text('damage_note'),
    /** The receipt at return (shared/domain/rental-fees.ts Settlement): every amount shown comes from it. */
    settlement: jsonb('settlement'),
    dueReminderAt: ts('due_reminder_at'),
    overdueNoticeAt: ts('overdue_notice_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('rental_bookings_community_idx').on(t.communityId, t.status),
    index('rental_bookings_household_idx').on(t.householdId, t.status),
    index('rental_bookings_point_idx').on(t.pointId, t.status, t.startOn),
    index('rental_bookings_type_idx').on(t.itemTypeId, t.status, t.id),
    index('rental_bookings_unit_idx').on(t.unitId),
    check('rental_bookings_dates_ck', sql`${t.endOn} >= ${t.startOn}`),
    check('rental_bookings_agent_ck', sql`(${t.forName} is null) = (${t.forRelation} is null)`),
    check(
      'rental_bookings_unit_ck',
      sql`${t.status} not in ('offered', 'confirmed', 'on_loan', 'returned') or ${t.unitId} is not null`,
    ),
    check(
      'rental_bookings_deposit_ck',
      sql`coalesce(${t.depositTakenFen}, 0) >= 0 and coalesce(${t.rentPaidFen}, 0) >= 0`,
    ),
  ],
);

/**
 * Dates a unit is held: by a booking (start to due date plus the cleaning buffer), a 24-hour
 * offer, or maintenance. `EXCLUDE USING gist (unit_id WITH =, during WITH &&)` (migration
 * 0012, btree_gist) makes two holds of one unit on one day impossible on both engines. A hold
 * is deleted when released; the unit's history is in rental_unit_events.
 */
export const rentalHolds = pgTable(
  'rental_holds',
  {
    id: id(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => rentalUnits.id),
    itemTypeId: integer('item_type_id')
      .notNull()
      .references(() => rentalItemTypes.id),
    kind: rentalHoldKind('kind').notNull(),
    bookingId: integer('booking_id').references(() => rentalBookings.id),
    during: dateRange('during').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rental_holds_booking_uq').on(t.bookingId),
    index('rental_holds_type_idx').on(t.itemTypeId),
    check('rental_holds_booking_ck', sql`(${t.kind} = 'maintenance') = (${t.bookingId} is null)`),
  ],
);

/** A unit's history: every movement and condition, with who and when. */
export const rentalUnitEvents = pgTable(
  'rental_unit_events',
  {
    id: id(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => rentalUnits.id),
    bookingId: integer('booking_id').references(() => rentalBookings.id),
    kind: rentalUnitEventKind('kind').notNull(),
    condition: rentalCondition('condition'),
    note: text('note'),
    /** Photos at check-out / check-in. */
    uploadIds: jsonb('upload_ids').$type<number[]>().notNull().default([]),
    actorId: integer('actor_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('rental_unit_events_unit_idx').on(t.unitId, t.id)],
);
