import { z } from 'zod';
import { optionalText } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';

export const auditEntry = z.object({
  id: z.number().int(),
  communityId: z.number().int().nullable(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.number().int().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  createdAt: isoDateTime,
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditFilter = z.object({
  action: optionalText({ max: 64, messages: '操作类型最多64个字' }),
  actorId: idSchema.optional(),
  /** Keyset cursor: entries with a smaller id. */
  before: idSchema.optional(),
  limit: pageLimit(100, 30),
});

const auditPage = z.object({ items: z.array(auditEntry), nextBefore: z.number().int().nullable() });

export const listCommunityAudit = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/audit',
  summary: "A community's audit log, newest first",
  tag: 'audit',
  auth: 'staff',
  params: communityParams,
  query: auditFilter,
  response: auditPage,
});

export const listAllAudit = defineRoute({
  method: 'GET',
  path: '/api/admin/audit',
  summary: 'The whole audit log (platform admins)',
  tag: 'audit',
  auth: 'admin',
  query: auditFilter.extend({ communityId: idSchema.optional() }),
  response: auditPage,
});
