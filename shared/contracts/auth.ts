import { z } from 'zod';
import { sessionKinds } from '../enums';
import { secret, text } from '../text';
import { idSchema, isoDateTime, myMembershipSchema, userSchema } from './common';
import { defineRoute } from './route';

export const meReply = z.object({
  user: userSchema,
  memberships: z.array(myMembershipSchema),
  currentCommunityId: z.number().int().nullable(),
});
export type MeReply = z.infer<typeof meReply>;

export const sessionReply = meReply.extend({
  token: z.string(),
  expiresAt: isoDateTime,
});
export type SessionReply = z.infer<typeof sessionReply>;

export const wechatSignIn = defineRoute({
  method: 'POST',
  path: '/api/auth/wechat',
  summary: 'Sign in with a wx.login code',
  tag: 'auth',
  auth: 'public',
  errors: ['RATE_LIMITED', 'WECHAT_CODE_INVALID', 'WECHAT_USER_BLOCKED', 'WECHAT_RATE_LIMITED', 'WECHAT_UNAVAILABLE'],
  body: z.object({ code: text({ min: 1, max: 128, messages: { min: '微信登录失败，请重新打开小程序再试' } }) }),
  response: sessionReply,
});

/** `details` of BAD_CREDENTIALS from a password sign-in: tries left before the account locks. */
export const badCredentialsDetails = z.object({ remaining: z.number().int().min(0) });
export type BadCredentialsDetails = z.infer<typeof badCredentialsDetails>;

/** `details` of the ACCOUNT_LOCKED that takes the lock (later refusals carry none). */
export const accountLockedDetails = z.object({ lockedUntil: isoDateTime });
export type AccountLockedDetails = z.infer<typeof accountLockedDetails>;

export const passwordSignIn = defineRoute({
  method: 'POST',
  path: '/api/auth/password',
  summary: 'Staff sign-in (moderators and admins) with username and password',
  tag: 'auth',
  auth: 'public',
  errors: ['RATE_LIMITED', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED'],
  body: z.object({
    username: text({ min: 1, max: 64, messages: { min: '请填写用户名', max: '用户名最多64位' } }),
    // Longer than a new password may be, so an old one is still checked rather than refused.
    password: secret({ min: 1, max: 256, messages: { min: '请填写密码', max: '密码最多256位' } }),
  }),
  response: sessionReply,
});

export const getMe = defineRoute({
  method: 'GET',
  path: '/api/me',
  summary: 'The signed-in user, their memberships and current community',
  tag: 'auth',
  auth: 'user',
  response: meReply,
});

export const setCurrentCommunity = defineRoute({
  method: 'PUT',
  path: '/api/me/current-community',
  summary: 'Pick the current community among approved memberships',
  tag: 'auth',
  auth: 'user',
  errors: ['NOT_FOUND'],
  body: z.object({ communityId: idSchema }),
  response: meReply,
});

export const sessionInfo = z.object({
  id: z.number().int(),
  kind: z.enum(sessionKinds),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  expiresAt: isoDateTime,
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const listSessions = defineRoute({
  method: 'GET',
  path: '/api/auth/sessions',
  summary: "The caller's active sessions",
  tag: 'auth',
  auth: 'user',
  response: z.object({ items: z.array(sessionInfo) }),
});

export const logout = defineRoute({
  method: 'POST',
  path: '/api/auth/logout',
  summary: 'Sign out this session',
  tag: 'auth',
  auth: 'user',
  response: null,
});

export const logoutAll = defineRoute({
  method: 'POST',
  path: '/api/auth/logout-all',
  summary: 'Sign out every session of the caller',
  tag: 'auth',
  auth: 'user',
  response: null,
});

export const revokeSession = defineRoute({
  method: 'DELETE',
  path: '/api/auth/sessions/:sessionId',
  summary: 'Revoke one of the caller’s sessions',
  tag: 'auth',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: z.object({ sessionId: idSchema }),
  response: null,
});
