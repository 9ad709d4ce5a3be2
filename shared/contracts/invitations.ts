import { z } from 'zod';
import { communityParams, householdSchema, idSchema, isoDateTime } from './common';
import { defineRoute } from './route';

export const invitationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  household: householdSchema,
  maxUses: z.number().int(),
  usedCount: z.number().int(),
  expiresAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  state: z.enum(['active', 'used_up', 'expired', 'revoked']),
  /** Who joined with the code, first use first: nickname and room only, never a real name or phone. */
  usedBy: z.array(
    z.object({
      membershipId: z.number().int(),
      name: z.string(),
      room: z.string().nullable(),
      usedAt: isoDateTime.nullable(),
    }),
  ),
});
export type InvitationView = z.infer<typeof invitationSchema>;

export const listInvitations = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/invitations',
  summary: 'Invitation codes of a community, newest first',
  tag: 'invitations',
  auth: 'staff',
  params: communityParams,
  response: z.object({ items: z.array(invitationSchema) }),
});

export const createInvitation = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/invitations',
  summary: 'Issue an invitation code bound to a household',
  tag: 'invitations',
  auth: 'staff',
  status: 201,
  params: communityParams,
  body: z.object({
    householdId: idSchema,
    maxUses: z.number().int().min(1).max(20).default(1),
    expiresInDays: z.number().int().min(1).max(90).default(7),
  }),
  response: invitationSchema,
});

export const revokeInvitation = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/invitations/:invitationId/revoke',
  summary: 'Revoke an invitation code',
  tag: 'invitations',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: z.object({ communityId: idSchema, invitationId: idSchema }),
  response: invitationSchema,
});
