import { z } from 'zod';
import { membershipRoles, membershipStatuses } from '../enums';

/** Path and query ids arrive as strings; anything but a positive integer is a 400. */
export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const isoDateTime = z.string();

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextOffset: z.number().int().nullable() });

export const chinaMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号');

export const realName = z.string().trim().min(2, '请填写真实姓名').max(20, '姓名太长了');

export const communityParams = z.object({ communityId: idSchema });

export const roleSchema = z.enum(membershipRoles);
export const membershipStatusSchema = z.enum(membershipStatuses);

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
