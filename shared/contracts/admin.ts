import { z } from 'zod';
import { secret, text } from '../text';
import { committeeCard, districtSchema, streetSchema } from './committees';
import {
  communityParams,
  coordinatesTogether,
  idSchema,
  isoDateTime,
  latitude,
  longitude,
  myMembershipSchema,
  phoneNumber,
} from './common';
import { defineRoute } from './route';

/** What a platform admin appoints someone as: the committee's moderator, or the property company's handler (物业). */
export const appointedRoles = ['moderator', 'handler'] as const;

/** A new password, kept exactly as typed. */
const newPassword = secret({ min: 10, max: 128, messages: { min: '密码至少10位', max: '密码最多128位' } });

export const createDistrict = defineRoute({
  method: 'POST',
  path: '/api/admin/districts',
  summary: 'Create a district 区',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  errors: ['DUPLICATE'],
  body: z.object({ name: text({ min: 2, max: 20, messages: '区的名称要2到20个字' }) }),
  response: districtSchema,
});

export const createStreet = defineRoute({
  method: 'POST',
  path: '/api/admin/streets',
  summary: 'Create a street or town 街镇',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  errors: ['NOT_FOUND', 'DUPLICATE'],
  body: z.object({ districtId: idSchema, name: text({ min: 2, max: 20, messages: '街镇的名称要2到20个字' }) }),
  response: streetSchema,
});

export const createCommunity = defineRoute({
  method: 'POST',
  path: '/api/admin/communities',
  summary: 'Create a committee 居委/村委',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  errors: ['NOT_FOUND', 'DUPLICATE'],
  body: z
    .object({
      streetId: idSchema,
      name: text({ min: 2, max: 40, messages: '居委名称要2到40个字' }),
      address: text({ min: 2, max: 120, messages: '地址要2到120个字' }),
      phone: phoneNumber.nullable().default(null),
      lat: latitude.nullable().default(null),
      lng: longitude.nullable().default(null),
      intro: text({ max: 2000, multiline: true, messages: '介绍最多2000字' }).default(''),
    })
    .refine(...coordinatesTogether),
  response: committeeCard,
});

export const staffAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  isAdmin: z.boolean(),
  /** A disabled account cannot sign in until an admin sets a new password. */
  disabled: z.boolean(),
  /** Communities the account works for, as moderator or as property handler. */
  communities: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.enum(appointedRoles) })),
  createdAt: isoDateTime,
});

export const createStaff = defineRoute({
  method: 'POST',
  path: '/api/admin/staff',
  summary: 'Create a staff account (moderator) with a password',
  tag: 'admin',
  auth: 'admin',
  status: 201,
  errors: ['USERNAME_TAKEN'],
  body: z.object({
    username: text({
      max: 32,
      pattern: /^[a-z0-9_.-]{3,32}$/,
      messages: '用户名只能用小写字母、数字和 _ . -，3到32位',
    }),
    password: newPassword,
    displayName: text({ min: 1, max: 20, messages: '请填写姓名，最多20个字' }),
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
  summary:
    "Appoint a user as a moderator of a community, or (role handler) a staff account as the property company's 小事快办 handler",
  tag: 'admin',
  auth: 'admin',
  status: 201,
  errors: ['NOT_FOUND', 'DUPLICATE', 'INVALID_STATE'],
  params: communityParams,
  body: z.object({
    userId: idSchema,
    role: z.enum(appointedRoles, { error: '请选择任命为社区管理员还是物业处理人' }).default('moderator'),
  }),
  response: myMembershipSchema,
});

const staffParams = z.object({ userId: idSchema });

export const disableStaff = defineRoute({
  method: 'POST',
  path: '/api/admin/staff/:userId/disable',
  summary: 'Disable a staff account: no more sign-in, every session ends (a colleague who left)',
  tag: 'admin',
  auth: 'admin',
  errors: ['NOT_FOUND'],
  params: staffParams,
  response: staffAccount,
});

export const resetStaffPassword = defineRoute({
  method: 'POST',
  path: '/api/admin/staff/:userId/password',
  summary: 'Set a new password for a staff account (also re-enables it); its sessions end',
  tag: 'admin',
  auth: 'admin',
  errors: ['NOT_FOUND'],
  params: staffParams,
  body: z.object({ password: newPassword }),
  response: staffAccount,
});
