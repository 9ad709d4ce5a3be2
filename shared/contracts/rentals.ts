import { z } from 'zod';
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
} from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, phoneNumber, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, fileResponse } from './route';

/**
 * 社区租赁 (docs/decisions/023-rentals.md): service points, item types and units; bookings with
 * a unit held by the database's exclusion constraint; the waiting list with 24-hour offers;
 * check-out and check-in with the receipt of shared/domain/rental-fees.ts. Money in integer fen.
 */

export const RENTAL_CALENDAR_DAYS = 60;
export const RENTAL_MAX_PHOTOS = 9;
/** Yuan a fee or deposit may reach (a nursing bed for a year is far below). */
export const RENTAL_MAX_FEN = 10_000_000;

/** A calendar day, 2026-12-01 (China time is meant; no time of day). */
export const calendarDate = (message: string) =>
  text({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, messages: message }).refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, message);

const fen = (label: string) =>
  z
    .number({ error: `${label}要填数字（以分计）` })
    .int(`${label}要填整数（以分计）`)
    .min(0, `${label}不能小于0`)
    .max(RENTAL_MAX_FEN, `${label}太大了`);

export const pointParams = z.object({ communityId: idSchema, pointId: idSchema });
export const itemParams = z.object({ communityId: idSchema, itemId: idSchema });
export const unitParams = z.object({ communityId: idSchema, unitId: idSchema });
export const bookingParams = z.object({ communityId: idSchema, bookingId: idSchema });

const category = z.enum(rentalCategories, { error: '请选择器具类别' });
const condition = z.enum(rentalConditions, { error: '请选择器具状况' });
const photoIds = z
  .array(idSchema, { error: '照片不对' })
  .max(RENTAL_MAX_PHOTOS, `最多${RENTAL_MAX_PHOTOS}张照片`)
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能放一次');

/** shared/domain/rental-fee-types.ts RentalQuote. */
export const rentalQuote = z.object({
  feeKind: z.enum(rentalFeeKinds),
  days: z.number().int(),
  periods: z.number().int(),
  rentFen: z.number().int(),
  subsidyPercent: z.number().int(),
  subsidyFen: z.number().int(),
  payableFen: z.number().int(),
  depositFen: z.number().int(),
  upfrontFen: z.number().int(),
  overdueFeePerDayFen: z.number().int(),
});

/** shared/domain/rental-fee-types.ts RentalSettlement. */
export const rentalSettlement = z.object({
  dueOn: z.string(),
  returnedOn: z.string(),
  overdueDays: z.number().int(),
  overdueFeePerDayFen: z.number().int(),
  overdueFeeFen: z.number().int(),
  rentFen: z.number().int(),
  subsidyFen: z.number().int(),
  payableRentFen: z.number().int(),
  damageFen: z.number().int(),
  chargesFen: z.number().int(),
  rentPaidFen: z.number().int(),
  depositTakenFen: z.number().int(),
  takenFen: z.number().int(),
  refundFen: z.number().int(),
  owedFen: z.number().int(),
  refundBy: z.string(),
});

export const rentalPointView = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  name: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string(),
  delivers: z.boolean(),
  /** Served by a point another community runs (a 街镇 centre). */
  shared: z.boolean(),
});

const terms = {
  feeKind: z.enum(rentalFeeKinds),
  feeFen: z.number().int(),
  periodDays: z.number().int().nullable(),
  depositFen: z.number().int(),
  subsidyPercent: z.number().int(),
  subsidyFor: z.array(z.enum(rentalEligibilities)),
  maxDays: z.number().int(),
  perHousehold: z.number().int(),
  selfService: z.boolean(),
  bufferDays: z.number().int(),
  delivery: z.boolean(),
};

export const rentalItemListItem = z.object({
  id: z.number().int(),
  pointId: z.number().int(),
  category: z.enum(rentalCategories),
  name: z.string(),
  suitableFor: z.string().nullable(),
  /** The first photo's URL. */
  photoUrl: z.string().nullable(),
  ...terms,
  /** 免费借用 / 每天5元 / 每6个月1050元: from shared/domain/rental-fees.ts feeText. */
  feeText: z.string(),
  /** Units in service and units free today. */
  units: z.number().int(),
  freeToday: z.number().int(),
  waiting: z.number().int(),
});

export const listRentalItems = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rentals/items',
  summary: 'The devices of every service point that serves the community, by category, with free units today',
  tag: 'rentals',
  auth: 'user',
  params: communityParams,
  query: z.object({ category: category.optional() }),
  response: z.object({ points: z.array(rentalPointView), items: z.array(rentalItemListItem) }),
});

export const rentalBookingView = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  itemTypeId: z.number().int(),
  itemName: z.string(),
  category: z.enum(rentalCategories),
  photoUrl: z.string().nullable(),
  point: rentalPointView.pick({ id: true, name: true, address: true, hours: true, phone: true }),
  /** The asset tag once a unit is assigned. */
  unitTag: z.string().nullable(),
  status: z.enum(rentalBookingStatuses),
  forName: z.string().nullable(),
  forRelation: z.string().nullable(),
  eligibility: z.enum(rentalEligibilities).nullable(),
  startOn: z.string(),
  endOn: z.string(),
  handover: z.enum(rentalHandovers),
  deliveryAddress: z.string().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  quote: rentalQuote,
  /** Place in the waiting list (1 = next), while waiting. */
  queuePosition: z.number().int().nullable(),
  offerExpiresAt: isoDateTime.nullable(),
  checkedOutAt: isoDateTime.nullable(),
  returnedOn: z.string().nullable(),
  settlement: rentalSettlement.nullable(),
  /** Days past the due date while on loan (0 otherwise). */
  overdueDays: z.number().int(),
  canCancel: z.boolean(),
  canExtend: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
});
export type RentalBookingView = z.infer<typeof rentalBookingView>;

export const getRentalItem = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rentals/items/:itemId',
  summary: 'One device with photos, specs, who it suits, what it costs, its point, and the household’s bookings of it',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: itemParams,
  response: rentalItemListItem.extend({
    specs: z.string().nullable(),
    photoUrls: z.array(z.string()),
    point: rentalPointView,
    /** The household's active bookings (and place in line) of this item. */
    myBookings: z.array(rentalBookingView),
  }),
});

export const getRentalCalendar = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rentals/items/:itemId/calendar',
  summary: 'Units free per day for an item type, up to 60 days from a date (today by default), cleaning days counted',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: itemParams,
  query: z.object({
    from: calendarDate('开始日期格式应为 2026-12-01').optional(),
    days: z.coerce
      .number({ error: '天数要填数字' })
      .int('天数要填整数')
      .min(1, '至少1天')
      .max(RENTAL_CALENDAR_DAYS, `最多${RENTAL_CALENDAR_DAYS}天`)
      .default(RENTAL_CALENDAR_DAYS),
  }),
  response: z.object({
    units: z.number().int(),
    days: z.array(z.object({ date: z.string(), free: z.number().int() })),
  }),
});

/** Date ranges (inclusive) in which at least one unit is free for the asked length, in the next 60 days. */
export const freeRange = z.object({ startOn: z.string(), endOn: z.string() });
export type FreeRange = z.infer<typeof freeRange>;

export const createBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rentals/bookings',
  summary:
    'Book a device for the household (or as an agent for a named member): a unit is held at once for self-service items; when none is free, 409 RENTAL_UNAVAILABLE with the free ranges, or a place in the waiting list if asked',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND', 'RENTAL_UNAVAILABLE', 'RENTAL_LIMIT', 'RENTAL_DATES_INVALID', 'INVALID_STATE'],
  params: communityParams,
  status: 201,
  body: z
    .object({
      itemTypeId: idSchema,
      startOn: calendarDate('开始日期格式应为 2026-12-01'),
      endOn: calendarDate('归还日期格式应为 2026-12-01'),
      handover: z.enum(rentalHandovers, { error: '请选择自己去取还是送货上门' }).default('pickup'),
      deliveryAddress: optionalText({ max: 100, messages: { max: '地址最多100个字' } }),
      /** Booking for a household member: their name and relation to the booker (代办). */
      forName: optionalText({ min: 1, max: 20, messages: { min: '请填写使用人的称呼', max: '称呼最多20个字' } }),
      forRelation: optionalText({ min: 1, max: 10, messages: { min: '请填写和您的关系', max: '关系最多10个字' } }),
      eligibility: z.enum(rentalEligibilities, { error: '请选择补贴类别' }).optional(),
      note: optionalText({ max: 200, multiline: true, messages: { max: '备注最多200个字' } }),
      /** When nothing is free: join the waiting list instead of a 409. */
      waitlist: z.boolean({ error: '参数不对' }).default(false),
    })
    .check((ctx) => {
      const v = ctx.value;
      const bad = (path: string, message: string) =>
        ctx.issues.push({ code: 'custom', input: v, path: [path], message });
      if (v.endOn < v.startOn) bad('endOn', '归还日期不能早于开始日期');
      if ((v.forName === undefined) !== (v.forRelation === undefined))
        bad(v.forName === undefined ? 'forName' : 'forRelation', '代家人借用要同时填写称呼和关系');
      if (v.handover === 'delivery' && !v.deliveryAddress) bad('deliveryAddress', '送货上门请填写地址');
    }),
  response: rentalBookingView,
});

export const listMyBookings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rentals/bookings',
  summary: 'The household’s bookings: active (排队 / 待确认 / 已确认 / 已借出) first, then past ones',
  tag: 'rentals',
  auth: 'user',
  params: communityParams,
  query: z.object({
    scope: z.enum(['active', 'past'], { error: '参数不对' }).default('active'),
    before: idSchema.optional(),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(rentalBookingView), nextBefore: z.number().int().nullable() }),
});

export const getMyBooking = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rentals/bookings/:bookingId',
  summary: 'One of the household’s bookings, with its receipt once returned',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: bookingParams,
  response: rentalBookingView,
});

export const cancelBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rentals/bookings/:bookingId/cancel',
  summary: 'Cancel before pick-up (or leave the waiting list, or decline an offer): the unit goes to the next in line',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: bookingParams,
  body: z.object({ reason: optionalText({ max: 100, messages: { max: '原因最多100个字' } }) }),
  response: rentalBookingView,
});

export const extendBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rentals/bookings/:bookingId/extend',
  summary: 'Keep it longer (续借) if the same unit is free for the added days, within the item’s longest loan',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'UNIT_BUSY', 'RENTAL_DATES_INVALID'],
  params: bookingParams,
  body: z.object({ endOn: calendarDate('归还日期格式应为 2026-12-01'), version: z.number().int().optional() }),
  response: rentalBookingView,
});

export const acceptOffer = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rentals/bookings/:bookingId/accept',
  summary: 'Take the unit offered from the waiting list (within 24 hours): the booking is confirmed',
  tag: 'rentals',
  auth: 'user',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'OFFER_EXPIRED'],
  params: bookingParams,
  response: rentalBookingView,
});

/* ---------------------------------------------------------------- staff */

type NoDefault<T> = T extends z.ZodDefault<infer I> ? I : T;

/**
 * A PATCH body: every field optional, and no default filled in for a field left out (`.partial()`
 * would still apply `.default()`, resetting what the caller did not send).
 */
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => [
      k,
      ((v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<NoDefault<S[K]>> }>;
}

const pointBody = z.object({
  name: text({ min: 2, max: 40, messages: { min: '请填写服务点名称', max: '名称最多40个字' } }),
  address: text({ min: 2, max: 100, messages: { min: '请填写地址', max: '地址最多100个字' } }),
  hours: text({ min: 2, max: 60, messages: { min: '请填写开放时间', max: '开放时间最多60个字' } }),
  phone: phoneNumber,
  delivers: z.boolean({ error: '请选择是否送货上门' }).default(false),
});

export const staffPointView = rentalPointView.extend({
  /** Communities served (names), the point's own first. */
  communities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  itemTypes: z.number().int(),
  units: z.number().int(),
  archived: z.boolean(),
});

export const listRentalPoints = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/points',
  summary: 'The service points the community runs, with the communities each serves',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  response: z.object({ items: z.array(staffPointView) }),
});

export const createRentalPoint = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/points',
  summary: 'Open a service point run by the community (it serves the community; a platform admin may add others)',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  status: 201,
  body: pointBody,
  response: staffPointView,
});

export const updateRentalPoint = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/rental-admin/points/:pointId',
  summary: 'Change a point’s address, hours, phone or delivery; archive it when nothing is on loan',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: pointParams,
  body: patchOf(pointBody).extend({ archived: z.boolean({ error: '参数不对' }).optional() }),
  response: staffPointView,
});

const itemBody = z.object({
  pointId: idSchema,
  category,
  name: text({ min: 2, max: 30, messages: { min: '请填写器具名称', max: '名称最多30个字' } }),
  specs: optionalText({ max: 300, multiline: true, messages: { max: '规格最多300个字' } }),
  suitableFor: optionalText({ max: 100, multiline: true, messages: { max: '“适合谁”最多100个字' } }),
  feeKind: z.enum(rentalFeeKinds, { error: '请选择收费方式' }),
  feeFen: fen('租金').default(0),
  periodDays: z
    .number({ error: '租期天数要填数字' })
    .int('要填整数')
    .min(1, '至少1天')
    .max(366, '最多366天')
    .optional(),
  depositFen: fen('押金').default(0),
  subsidyPercent: z
    .number({ error: '补贴比例要填数字' })
    .int('要填整数')
    .min(0, '不能小于0')
    .max(100, '最多100%')
    .default(0),
  subsidyFor: z
    .array(z.enum(rentalEligibilities, { error: '补贴类别不对' }))
    .max(rentalEligibilities.length)
    .refine((a) => new Set(a).size === a.length, '补贴类别重复了')
    .default([]),
  maxDays: z.number({ error: '最长天数要填数字' }).int('要填整数').min(1, '至少1天').max(732, '最多732天').default(30),
  perHousehold: z
    .number({ error: '每户上限要填数字' })
    .int('要填整数')
    .min(1, '至少1件')
    .max(20, '最多20件')
    .default(1),
  selfService: z.boolean({ error: '参数不对' }).default(false),
  bufferDays: z
    .number({ error: '清洁天数要填数字' })
    .int('要填整数')
    .min(0, '不能小于0')
    .max(14, '最多14天')
    .default(1),
  delivery: z.boolean({ error: '参数不对' }).default(false),
  uploadIds: photoIds.default([]),
});

/** The scheme's rules on terms, shared by create and update (../shared/DOMAIN-RULES.md). */
function checkTerms(ctx: z.core.ParsePayload<Partial<z.infer<typeof itemBody>>>, v: Partial<z.infer<typeof itemBody>>) {
  const bad = (path: string, message: string) => ctx.issues.push({ code: 'custom', input: v, path: [path], message });
  if (v.feeKind === 'per_period' && v.periodDays === undefined) bad('periodDays', '按租期收费要填每期多少天');
  if (v.feeKind !== undefined && v.feeKind !== 'per_period' && v.periodDays !== undefined)
    bad('periodDays', '只有按租期收费才填每期天数');
  if (v.feeKind === 'free' && (v.feeFen ?? 0) > 0) bad('feeFen', '免费借用的租金应为0');
  if ((v.feeKind === 'per_day' || v.feeKind === 'per_period') && v.feeFen === 0) bad('feeFen', '请填写租金');
  // The city scheme: the deposit is at most the full rent of a period.
  if (v.feeKind === 'per_period' && v.feeFen !== undefined && (v.depositFen ?? 0) > v.feeFen)
    bad('depositFen', '押金不能超过一期的租金');
  if ((v.subsidyPercent ?? 0) > 0 && v.subsidyFor !== undefined && v.subsidyFor.length === 0)
    bad('subsidyFor', '请选择补贴给哪些人');
}

export const staffItemView = rentalItemListItem.extend({
  specs: z.string().nullable(),
  hidden: z.boolean(),
  photos: z.array(z.object({ uploadId: z.number().int(), url: z.string() })),
  /** Units by status. */
  byStatus: z.object({
    in_stock: z.number().int(),
    on_loan: z.number().int(),
    maintenance: z.number().int(),
    retired: z.number().int(),
  }),
  pending: z.number().int(),
});

export const listRentalItemTypes = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/items',
  summary: 'Item types of the community’s points, with units by status, pending bookings and the waiting list',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({ pointId: idSchema.optional(), category: category.optional() }),
  response: z.object({ items: z.array(staffItemView) }),
});

export const createRentalItemType = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/items',
  summary: 'Add an item type to a point: category, photos, specs, 适合谁, fee rule, deposit, subsidy, limits',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: communityParams,
  status: 201,
  body: itemBody.check((ctx) => checkTerms(ctx, ctx.value)),
  response: staffItemView,
});

export const updateRentalItemType = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/rental-admin/items/:itemId',
  summary: 'Change an item type (new terms apply to new bookings; booked ones keep their quote), hide or show it',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: itemParams,
  body: patchOf(itemBody.omit({ pointId: true }))
    .extend({ hidden: z.boolean({ error: '参数不对' }).optional() })
    .check((ctx) => checkTerms(ctx, ctx.value)),
  response: staffItemView,
});

export const rentalUnitView = z.object({
  id: z.number().int(),
  itemTypeId: z.number().int(),
  itemName: z.string(),
  pointId: z.number().int(),
  assetTag: z.string(),
  condition: z.enum(rentalConditions),
  status: z.enum(rentalUnitStatuses),
  note: z.string().nullable(),
  /** The booking holding it now or next (id, dates, status). */
  currentBooking: z
    .object({
      id: z.number().int(),
      status: z.enum(rentalBookingStatuses),
      startOn: z.string(),
      endOn: z.string(),
    })
    .nullable(),
});

export const listRentalUnits = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/units',
  summary: 'Units (asset tags) of the community’s points, by item type and status',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    itemId: idSchema.optional(),
    status: z.enum(rentalUnitStatuses, { error: '状态不对' }).optional(),
    limit: pageLimit(500, 200),
  }),
  response: z.object({ items: z.array(rentalUnitView) }),
});

export const createRentalUnits = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/units',
  summary: 'Put units into stock (入库) with their asset tags; a tag already used at the point is a 409',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'DUPLICATE'],
  params: communityParams,
  status: 201,
  body: z.object({
    itemTypeId: idSchema,
    assetTags: z
      .array(
        text({
          min: 1,
          max: 30,
          pattern: /^[0-9A-Za-z-]+$/,
          messages: { min: '请填写资产编号', max: '编号最多30位', pattern: '编号只能有字母、数字和“-”' },
        }),
        { error: '请填写资产编号' },
      )
      .min(1, '请至少填一个编号')
      .max(200, '一次最多200件')
      .refine((a) => new Set(a).size === a.length, '编号重复了'),
    condition: condition.default('good'),
  }),
  response: z.object({ items: z.array(rentalUnitView) }),
});

export const rentalHoldView = z.object({
  id: z.number().int(),
  kind: z.enum(rentalHoldKinds),
  bookingId: z.number().int().nullable(),
  /** Inclusive dates (the cleaning days included for a booking). */
  startOn: z.string(),
  endOn: z.string(),
  note: z.string().nullable(),
});

export const rentalUnitDetail = rentalUnitView.extend({
  holds: z.array(rentalHoldView),
  history: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(rentalUnitEventKinds),
      bookingId: z.number().int().nullable(),
      condition: z.enum(rentalConditions).nullable(),
      note: z.string().nullable(),
      photoUrls: z.array(z.string()),
      actor: z.string().nullable(),
      at: isoDateTime,
    }),
  ),
});

export const getRentalUnit = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/units/:unitId',
  summary: 'One unit: its holds (bookings, offers, maintenance) and the history of every movement',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: unitParams,
  response: rentalUnitDetail,
});

export const updateRentalUnit = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/rental-admin/units/:unitId',
  summary: 'Record a unit’s condition or a note (kept in its history)',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: unitParams,
  body: z.object({
    condition: condition.optional(),
    note: optionalText({ max: 200, multiline: true, messages: { max: '备注最多200个字' } }),
  }),
  response: rentalUnitDetail,
});

export const blockRentalUnit = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/units/:unitId/maintenance',
  summary:
    'Take a unit out for maintenance over dates; refused (UNIT_BUSY, with the bookings in the way) if booked then',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'UNIT_BUSY', 'RENTAL_DATES_INVALID'],
  params: unitParams,
  status: 201,
  body: z
    .object({
      startOn: calendarDate('开始日期格式应为 2026-12-01'),
      endOn: calendarDate('结束日期格式应为 2026-12-01'),
      note: text({ min: 2, max: 100, messages: { min: '请写明维修什么', max: '最多100个字' } }),
    })
    .refine((v) => v.endOn >= v.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] }),
  response: rentalUnitDetail,
});

export const endRentalMaintenance = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/units/:unitId/maintenance-end',
  summary: 'Maintenance done: the block ends today and the unit is back in stock (the waiting list is offered it)',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: unitParams,
  body: z.object({ condition: condition.default('good') }),
  response: rentalUnitDetail,
});

export const retireRentalUnit = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/units/:unitId/retire',
  summary: 'Scrap a unit (报废); refused while it is on loan or booked',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: unitParams,
  body: z.object({ note: text({ min: 2, max: 100, messages: { min: '请写明报废原因', max: '最多100个字' } }) }),
  response: rentalUnitDetail,
});

export const staffBookingView = rentalBookingView.extend({
  /** The booker's community and household (3号楼 2单元 301). */
  communityName: z.string(),
  householdLabel: z.string(),
  /** Committee only: the booker's real name and phone from their membership. */
  bookerName: z.string().nullable(),
  bookerPhone: z.string().nullable(),
  unitId: z.number().int().nullable(),
  rentPaidFen: z.number().int().nullable(),
  depositTakenFen: z.number().int().nullable(),
  eligibilityVerified: z.boolean().nullable(),
  damageNote: z.string().nullable(),
});
export type StaffBookingView = z.infer<typeof staffBookingView>;

export const listStaffBookings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/bookings',
  summary: 'Bookings at the community’s points (any community they serve), newest first, by status and item',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    status: z.enum(rentalBookingStatuses, { error: '状态不对' }).optional(),
    itemId: idSchema.optional(),
    overdue: z.enum(['true', 'false'], { error: '参数不对' }).optional(),
    before: idSchema.optional(),
    limit: pageLimit(100, 30),
  }),
  response: z.object({ items: z.array(staffBookingView), nextBefore: z.number().int().nullable() }),
});

export const getStaffBooking = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/bookings/:bookingId',
  summary: 'One booking for the staff: who, which unit, money taken, the receipt',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: bookingParams,
  response: staffBookingView.extend({
    units: z.array(rentalUnitView.pick({ id: true, assetTag: true, condition: true })),
  }),
});

export const rentalToday = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/today',
  summary:
    'Today at the community’s points: pick-ups, returns due, overdue (with phones), bookings to confirm, offers open',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  response: z.object({
    date: z.string(),
    pickups: z.array(staffBookingView),
    returns: z.array(staffBookingView),
    overdue: z.array(staffBookingView),
    pending: z.array(staffBookingView),
    offers: z.array(staffBookingView),
  }),
});

export const confirmBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/bookings/:bookingId/confirm',
  summary:
    'Confirm a booking: a unit (the one chosen, or any free one) is held for its dates atomically; 409 with what is free if none',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'RENTAL_UNAVAILABLE', 'UNIT_BUSY'],
  params: bookingParams,
  body: z.object({ unitId: idSchema.optional() }),
  response: staffBookingView,
});

export const rejectBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/bookings/:bookingId/reject',
  summary: 'Refuse a booking with a reason the resident reads',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: bookingParams,
  body: z.object({ reason: text({ min: 2, max: 100, messages: { min: '请写明原因', max: '最多100个字' } }) }),
  response: staffBookingView,
});

export const checkOutBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/bookings/:bookingId/check-out',
  summary:
    'Hand over (借出): the unit’s condition and photos, the rent and deposit taken, whether the subsidy category was checked',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: bookingParams,
  body: z.object({
    condition,
    uploadIds: photoIds.default([]),
    rentPaidFen: fen('收取的租金'),
    depositTakenFen: fen('收取的押金'),
    eligibilityVerified: z.boolean({ error: '请选择补贴资格是否已核对' }).default(false),
    note: optionalText({ max: 200, multiline: true, messages: { max: '备注最多200个字' } }),
  }),
  response: staffBookingView,
});

export const checkInBooking = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/rental-admin/bookings/:bookingId/check-in',
  summary:
    'Take back (归还): condition, damage note and amount, photos; the receipt (fee, overdue fee, subsidy, refund) is computed and stored; the unit is cleaned, then offered to the waiting list',
  tag: 'rentals',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'RENTAL_DATES_INVALID'],
  params: bookingParams,
  body: z
    .object({
      condition,
      damageNote: optionalText({ max: 200, multiline: true, messages: { max: '损坏说明最多200个字' } }),
      damageFen: fen('赔偿金额').default(0),
      uploadIds: photoIds.default([]),
      /** Today by default (China time). */
      returnedOn: calendarDate('归还日期格式应为 2026-12-01').optional(),
    })
    .refine((v) => v.damageFen === 0 || Boolean(v.damageNote), {
      message: '有赔偿金额时请写明损坏情况',
      path: ['damageNote'],
    }),
  response: staffBookingView,
});

export const rentalWaitlist = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/waitlist',
  summary: 'The waiting list of each item type, in order, with open offers and when they run out',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({ itemId: idSchema.optional() }),
  response: z.object({ items: z.array(staffBookingView) }),
});

export const rentalUtilisation = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/utilisation',
  summary: 'Use per item type and month: unit-days on loan or booked over unit-days in service, bookings, waiting',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    month: text({ max: 7, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, messages: '月份格式应为 2026-12' }).optional(),
  }),
  response: z.object({
    month: z.string(),
    items: z.array(
      z.object({
        itemTypeId: z.number().int(),
        name: z.string(),
        category: z.enum(rentalCategories),
        units: z.number().int(),
        /** Unit-days held by bookings / unit-days in service (units × days, maintenance excluded). */
        heldDays: z.number().int(),
        serviceDays: z.number().int(),
        percent: z.number().int(),
        bookings: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
  }),
});

export const exportRentalBookings = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/bookings.xlsx',
  summary: 'Bookings at the community’s points as a spreadsheet (dates, household, item, unit, status, money)',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    from: calendarDate('开始日期格式应为 2026-12-01').optional(),
    to: calendarDate('结束日期格式应为 2026-12-01').optional(),
  }),
  response: fileResponse(XLSX_TYPE),
});

export const exportRentalInventory = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/rental-admin/inventory.xlsx',
  summary: 'Every unit with its item type, asset tag, condition and status, as a spreadsheet',
  tag: 'rentals',
  auth: 'staff',
  params: communityParams,
  response: fileResponse(XLSX_TYPE),
});

/* ---------------------------------------------------------------- platform */

export const adminPointParams = z.object({ pointId: idSchema });

export const setRentalPointCommunities = defineRoute({
  method: 'PUT',
  path: '/api/admin/rental-points/:pointId/communities',
  summary:
    'A platform admin sets which communities a point serves (a 街镇 centre serving several); the point’s own stays; those with active bookings cannot be removed',
  tag: 'rentals',
  auth: 'admin',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: adminPointParams,
  body: z.object({
    communityIds: z
      .array(idSchema, { error: '社区不对' })
      .max(100, '最多100个社区')
      .refine((a) => new Set(a).size === a.length, '社区重复了'),
  }),
  response: staffPointView,
});

export const listAdminRentalPoints = defineRoute({
  method: 'GET',
  path: '/api/admin/rental-points',
  summary: 'Every service point on the platform with the communities it serves',
  tag: 'rentals',
  auth: 'admin',
  response: z.object({ items: z.array(staffPointView) }),
});
