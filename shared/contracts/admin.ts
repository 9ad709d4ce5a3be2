import { z } from 'zod';
import { committeeCard, districtSchema, streetSchema } from './committees';
import { communityParams, idSchema, isoDateTime, myMembershipSchema } from './common';
import { defineRoute } from './route';

export const createDistrict = defineRoute({
  method: 'POST',
  path: '/api/admin/districts',
  summary: 'Create a district 区',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  body: z.object({ name: z.string().trim().min(2).max(20) }),
  response: districtSchema,
});

export const createStreet = defineRoute({
  method: 'POST',
  path: '/api/admin/streets',
  summary: 'Create a street or town 街镇',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  body: z.object({ districtId: idSchema, name: z.string().trim().min(2).max(20) }),
  response: streetSchema,
});

export const createCommunity = defineRoute({
  method: 'POST',
  path: '/api/admin/communities',
  summary: 'Create a committee 居委/村委',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  body: z.object({
    streetId: idSchema,
    name: z.string().trim().min(2).max(40),
    address: z.string().trim().min(2).max(120),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9-]{7,20}$/, '电话格式不对')
      .nullable()
      .default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lng: z.number().min(-180).max(180).nullable().default(null),
    intro: z.string().trim().max(2000).default(''),
  }),
  response: committeeCard,
});

export const staffAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  isAdmin: z.boolean(),
  /** A disabled account cannot sign in until an admin sets a new password. */
  disabled: z.boolean(),
  communities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  createdAt: isoDateTime,
});

export const createStaff = defineRoute({
  method: 'POST',
  path: '/api/admin/staff',
  summary: 'Create a staff account (moderator) with a password',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  body: z.object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9_.-]{3,32}$/, '用户名只能用小写字母、数字和 _ . -，3到32位'),
    password: z.string().min(10, '密码至少10位').max(128),
    displayName: z.string().trim().min(1).max(20),
  }),
  response: staffAccount,
});

export const listStaff = defineRoute({
  method: 'GET',
  path: '/api/admin/staff',
  summary: 'Staff accounts and the communities they moderate',
  tag: 'admin',
  auth: 'admin',
  response: z.object({ items: z.array(staffAccount) }),
});

export const appointModerator = defineRoute({
  method: 'POST',
  path: '/api/admin/communities/:communityId/moderators',
  summary: 'Appoint a user as a moderator of a community',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  params: communityParams,
  body: z.object({ userId: idSchema }),
  response: myMembershipSchema,
});

const staffParams = z.object({ userId: idSchema });

export const disableStaff = defineRoute({
  method: 'POST',
  path: '/api/admin/staff/:userId/disable',
  summary: 'Disable a staff account: no more sign-in, every session ends (a colleague who left)',
  tag: 'admin',
  auth: 'admin',
  params: staffParams,
  response: staffAccount,
});

export const resetStaffPassword = defineRoute({
  method: 'POST',
  path: '/api/admin/staff/:userId/password',
  summary: 'Set a new password for a staff account (also re-enables it); its sessions end',
  tag: 'admin',
  auth: 'admin',
  params: staffParams,
  body: z.object({ password: z.string().min(10, '密码至少10位').max(128) }),
  response: staffAccount,
});
