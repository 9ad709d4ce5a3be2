import { z } from 'zod';
import { membershipRoles, membershipStatuses } from '../enums';
import { text } from '../text';

/**
 * Path and query ids arrive as strings; anything but a positive integer is a 400. Text that is
 * no number at all gets a Chinese message; 0 and negatives keep zod's, so that a form which
 * sends 0 for "nothing chosen yet" shows its own words (请选择…).
 */
export const idSchema = z.coerce
  .number({ error: (issue) => (issue.code === 'invalid_type' ? '编号不对，请刷新后再试' : undefined) })
  .int()
  .positive()
  .max(2_147_483_647);

export const isoDateTime = z.string();

/** How many items a page holds, from the query string. */
export const pageLimit = (max: number, fallback: number) => {
  const message = `每页条数要在1到${max}之间`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(max, message).default(fallback);
};

/** Where a page starts, from the query string. */
export const pageOffset = (max: number) => {
  const message = '翻页位置不对，请刷新后再试';
  return z.coerce.number({ error: message }).int(message).min(0, message).max(max, message).default(0);
};

export const pageQuery = z.object({ limit: pageLimit(100, 20), offset: pageOffset(100_000) });

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextOffset: z.number().int().nullable() });

export const chinaMobile = text({ max: 11, pattern: /^1[3-9]\d{9}$/, messages: '请填写11位手机号' });

/** A landline or mobile number as a committee publishes it. */
export const phoneNumber = text({ max: 20, pattern: /^[0-9-]{7,20}$/, messages: '电话格式不对' });

export const realName = text({
  min: 2,
  max: 20,
  messages: { required: '请填写真实姓名', min: '姓名至少两个字', max: '姓名太长了' },
});

export const communityParams = z.object({ communityId: idSchema });

const latitudeMessage = '纬度要在-90到90之间';
const longitudeMessage = '经度要在-180到180之间';
/** Degrees, as numbers in a JSON body. */
export const latitude = z.number({ error: latitudeMessage }).min(-90, latitudeMessage).max(90, latitudeMessage);
export const longitude = z.number({ error: longitudeMessage }).min(-180, longitudeMessage).max(180, longitudeMessage);
/** Degrees, as text in a query string. */
export const latitudeQuery = z.coerce.number({ error: latitudeMessage }).pipe(latitude);
export const longitudeQuery = z.coerce.number({ error: longitudeMessage }).pipe(longitude);

/**
 * A place is a latitude AND a longitude, or neither: given together, cleared together.
 * Use with `.refine(...coordinatesTogether)` on any object with `lat` and `lng`; the
 * database has the same rule as a CHECK.
 */
export const coordinatesTogether: [
  (o: { lat?: number | null; lng?: number | null }) => boolean,
  { message: string; path: string[] },
] = [
  (o) => (o.lat === undefined) === (o.lng === undefined) && (o.lat === null) === (o.lng === null),
  { message: '经度和纬度要一起填写', path: ['lng'] },
];

export const roleSchema = z.enum(membershipRoles);
export const membershipStatusSchema = z.enum(membershipStatuses, { error: '状态不对，请刷新后再试' });

export const userSchema = z.object({
  id: z.number().int(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  isAdmin: z.boolean(),
  isStaff: z.boolean(),
});
export type UserView = z.infer<typeof userSchema>;

export const householdSchema = z.object({
  id: z.number().int(),
  buildingId: z.number().int(),
  buildingName: z.string(),
  unit: z.string(),
  room: z.string(),
  floorArea: z.number().nullable(),
});
export type HouseholdView = z.infer<typeof householdSchema>;

/** What a user sees of their own membership. */
export const myMembershipSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  role: roleSchema,
  status: membershipStatusSchema,
  household: householdSchema.nullable(),
  reason: z.string().nullable(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
});
export type MyMembership = z.infer<typeof myMembershipSchema>;

/** The media type of an Excel (.xlsx) file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A 'true' / 'false' query value as a boolean (undefined when absent). */
export const queryFlag = (v: 'true' | 'false' | undefined): boolean | undefined =>
  v === undefined ? undefined : v === 'true';
