import { z } from 'zod';
import { signupStatuses } from '../enums';
import { text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, XLSX_TYPE } from './common';
import { mySignup, SIGNUP_PEOPLE_MAX } from './notices';
import { defineFileRoute, defineRoute, fileResponse } from './route';

/**
 * 活动报名: households sign up to an 活动 notice; places are counted in people, and a
 * waiting list moves up by itself when a place frees. See docs/decisions/015-signups.md.
 */

const noticeParams = communityParams.extend({ noticeId: idSchema });
const signupParams = noticeParams.extend({ signupId: idSchema });

export const signUp = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/signups',
  summary:
    "Sign the caller's household up: a place when there is one for all its people, else the end of the waiting list. One live sign-up per household",
  tag: 'signups',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SIGNUP_CLOSED', 'SIGNUP_EXISTS', 'SIGNUP_TOO_MANY_PEOPLE'],
  params: noticeParams,
  body: z.object({
    people: z
      .number({ error: '请填写几个人参加' })
      .int('人数要是整数')
      .min(1, '至少1人')
      .max(SIGNUP_PEOPLE_MAX, `最多${SIGNUP_PEOPLE_MAX}人`),
  }),
  response: mySignup,
});

export const cancelMySignup = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/notices/:noticeId/signups/mine',
  summary:
    "Cancel the caller's household's sign-up before the deadline; a freed place goes to the first on the waiting list, who is told",
  tag: 'signups',
  auth: 'user',
  errors: ['NOT_FOUND', 'SIGNUP_CLOSED'],
  params: noticeParams,
  response: null,
});

/** One line of 我的报名. */
export const mySignupItem = mySignup.extend({
  noticeId: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  title: z.string(),
  deadline: isoDateTime,
  /** The notice was withdrawn after the sign-up. */
  withdrawn: z.boolean(),
});

export const listMySignups = defineRoute({
  method: 'GET',
  path: '/api/me/signups',
  summary: "我的报名: the caller's live sign-ups (with a place or waiting), newest first, in every community",
  tag: 'signups',
  auth: 'user',
  query: z.object({ before: idSchema.optional(), limit: pageLimit(50, 20) }),
  response: z.object({ items: z.array(mySignupItem), nextBefore: z.number().int().nullable() }),
});

/** One line of the committee's roster: who, which household, how many, 签到. */
export const rosterLine = z.object({
  id: z.number().int(),
  status: z.enum(signupStatuses),
  people: z.number().int(),
  /** Waiting-list place, or null. */
  position: z.number().int().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  householdId: z.number().int(),
  buildingName: z.string(),
  unit: z.string(),
  room: z.string(),
  createdAt: isoDateTime,
  attendedAt: isoDateTime.nullable(),
});
export type RosterLine = z.infer<typeof rosterLine>;

export const signupRoster = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId/signups',
  summary: 'The roster of one 活动: those with a place, then the waiting list in order, then cancelled ones',
  tag: 'signups',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: noticeParams,
  response: z.object({
    taken: z.number().int(),
    capacity: z.number().int(),
    attended: z.number().int(),
    items: z.array(rosterLine),
  }),
});

export const markAttended = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/signups/:signupId/attended',
  summary: '签到: mark a household with a place as present (or take the mark back)',
  tag: 'signups',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: signupParams,
  body: z.object({ attended: z.boolean({ error: '请选择是否到场' }) }),
  response: rosterLine,
});

export const cancelSignup = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/signups/:signupId/cancel',
  summary:
    "The committee cancels a household's sign-up with a reason the household is told; while sign-ups are open the waiting list moves up",
  tag: 'signups',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: signupParams,
  body: z.object({
    reason: text({ min: 1, max: 100, messages: { min: '请填写取消的原因', max: '原因最多100个字' } }),
  }),
  response: null,
});

export const signupRosterXlsx = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId/signups.xlsx',
  summary: 'The roster as an Excel file, with the 签到 column',
  tag: 'signups',
  auth: 'staff',
  params: noticeParams,
  response: fileResponse(XLSX_TYPE),
});
