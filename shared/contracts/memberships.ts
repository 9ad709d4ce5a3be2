import { z } from 'zod';
import { text } from '../text';
import {
  chinaMobile,
  communityParams,
  householdSchema,
  idSchema,
  isoDateTime,
  listOf,
  membershipStatusSchema,
  myMembershipSchema,
  pageLimit,
  pageOffset,
  realName,
  roleSchema,
} from './common';
import { defineRoute } from './route';

export const listMyMemberships = defineRoute({
  method: 'GET',
  path: '/api/memberships',
  summary: "The caller's memberships in every community",
  tag: 'memberships',
  auth: 'user',
  response: z.object({ items: z.array(myMembershipSchema) }),
});

const applicant = z.object({
  realName,
  phone: chinaMobile.nullable().optional(),
});

export const joinCommunity = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/join',
  summary: 'Ask to join a community for a household; pending until a moderator decides',
  tag: 'memberships',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'ALREADY_MEMBER', 'JOIN_PENDING'],
  params: communityParams,
  body: applicant.extend({ householdId: idSchema }),
  response: myMembershipSchema,
});

/** Why a code was refused, in INVITATION_INVALID's `details`, so the resident knows what to do. */
export const invitationRefusals = ['unknown', 'expired', 'used_up', 'revoked'] as const;
export type InvitationRefusal = (typeof invitationRefusals)[number];
export const invitationInvalidDetails = z.object({ reason: z.enum(invitationRefusals) });

export const invitationRefusalMessages: Record<InvitationRefusal, string> = {
  unknown: '邀请码不对，请核对后再输入',
  expired: '这个邀请码已经过期了，请找居委要一个新的',
  used_up: '这个邀请码的次数已经用完了，请找居委要一个新的',
  revoked: '这个邀请码已经停用了，请找居委要一个新的',
};

export const redeemInvitation = defineRoute({
  method: 'POST',
  path: '/api/invitations/redeem',
  summary: 'Join at once with an invitation code issued by the committee',
  tag: 'memberships',
  auth: 'user',
  status: 201,
  errors: ['INVITATION_INVALID', 'ALREADY_MEMBER', 'INVALID_STATE'],
  body: applicant.extend({
    code: text({
      max: 16,
      upperCase: true,
      pattern: /^[A-Z0-9]{6,16}$/,
      messages: { required: '请填写邀请码', min: '请填写邀请码', max: '邀请码格式不对', pattern: '邀请码格式不对' },
    }),
  }),
  response: myMembershipSchema,
});

export const leaveMembership = defineRoute({
  method: 'POST',
  path: '/api/memberships/:membershipId/leave',
  summary: 'Leave a community (or withdraw a pending request)',
  tag: 'memberships',
  auth: 'user',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: z.object({ membershipId: idSchema }),
  response: myMembershipSchema,
});

/** What a moderator sees: includes the decrypted real name and phone. */
export const membershipAdmin = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  nickname: z.string().nullable(),
  role: roleSchema,
  status: membershipStatusSchema,
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  household: householdSchema.nullable(),
  viaInvitation: z.boolean(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type MembershipAdmin = z.infer<typeof membershipAdmin>;

export const listCommunityMemberships = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/memberships',
  summary: 'The verification queue and the resident roll (moderators)',
  tag: 'memberships',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    status: membershipStatusSchema.default('pending'),
    limit: pageLimit(100, 20),
    offset: pageOffset(100_000),
  }),
  response: listOf(membershipAdmin),
});

const decisionParams = z.object({ communityId: idSchema, membershipId: idSchema });
const reason = text({
  min: 2,
  max: 200,
  multiline: true,
  messages: { min: '请写明原因，申请人会看到', max: '原因最多200个字' },
});

export const approveMembership = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/memberships/:membershipId/approve',
  summary: 'Approve a pending join request',
  tag: 'memberships',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: decisionParams,
  response: membershipAdmin,
});

export const rejectMembership = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/memberships/:membershipId/reject',
  summary: 'Reject a pending join request with a reason the applicant will see',
  tag: 'memberships',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: decisionParams,
  body: z.object({ reason }),
  response: membershipAdmin,
});

export const revokeMembership = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/memberships/:membershipId/revoke',
  summary: "Revoke an approved resident's membership with a reason",
  tag: 'memberships',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: decisionParams,
  body: z.object({ reason }),
  response: membershipAdmin,
});

export const getDashboard = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/dashboard',
  summary: 'What waits for the committee',
  tag: 'memberships',
  auth: 'staff',
  params: communityParams,
  response: z.object({
    communityId: z.number().int(),
    communityName: z.string(),
    pendingMemberships: z.number().int(),
    residents: z.number().int(),
    households: z.number().int(),
    activeInvitations: z.number().int(),
    notices: z.object({
      /** Published (or since withdrawn) this calendar month, China time. */
      publishedThisMonth: z.number().int(),
      /** Average share of audience households that read them, 0–1; null when there is none to average. */
      averageReadRate: z.number().nullable(),
      /** 活动 still taking sign-ups. */
      openSignups: z.number().int(),
    }),
    matters: z.object({
      /** 小事快办 not yet 已办结 (已受理 and 处理中). */
      open: z.number().int(),
      /** Marked 已办结 this calendar month, China time (and not reopened since). */
      doneThisMonth: z.number().int(),
      /** Average 1–5 rating given this month; null when none was given. */
      averageRating: z.number().nullable(),
    }),
    /** 审核队列: items waiting for a moderator. */
    moderation: z.object({ reported: z.number().int(), held: z.number().int(), appealed: z.number().int() }),
  }),
});
