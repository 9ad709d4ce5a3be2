import { z } from 'zod';
import { communityParams, idSchema, isoDateTime } from './common';
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
  action: z.string().trim().max(64).optional(),
  actorId: idSchema.optional(),
  /** Keyset cursor: entries with a smaller id. */
  before: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
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
