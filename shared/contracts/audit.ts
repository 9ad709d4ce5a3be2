import { z } from 'zod';
import { auditActionCodes } from '../audit-actions';
import { communityParams, idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';

export const auditActorKinds = ['staff', 'admin', 'resident', 'system'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

/**
 * One row of 操作记录, in words: who (by name), what (the catalogue's label), on what (by
 * name) and the change field by field. An allow-list: names and rooms only, never a real
 * name or a phone number, and not the raw before/after.
 */
export const auditEntry = z.object({
  id: z.number().int(),
  communityId: z.number().int().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  actorId: z.number().int().nullable(),
  /** A staff member's display name, a resident's nickname (居民), or 系统. */
  actorName: z.string(),
  actorKind: z.enum(auditActorKinds),
  targetType: z.string(),
  targetId: z.number().int().nullable(),
  /** e.g. "王秀英 · 3号楼 1单元 302室", "尾号 K7QX 的邀请码", "3号楼", "梧桐里居委会". */
  targetName: z.string(),
  changes: z.array(
    z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string() }),
  ),
  requestId: z.string().nullable(),
  createdAt: isoDateTime,
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditFilter = z.object({
  action: z.enum(auditActionCodes, { error: '操作类型不对，请从列表里选' }).optional(),
  actorId: idSchema.optional(),
  /** Keyset cursor: entries with a smaller id. */
  before: idSchema.optional(),
  limit: pageLimit(100, 30),
});

const auditPage = z.object({ items: z.array(auditEntry), nextBefore: z.number().int().nullable() });

export const listCommunityAudit = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/audit',
  summary: "A community's audit log, newest first, in words",
  tag: 'audit',
  auth: 'staff',
  params: communityParams,
  query: auditFilter,
  response: auditPage,
});

export const auditActor = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(auditActorKinds) });
export type AuditActor = z.infer<typeof auditActor>;

export const listCommunityAuditActors = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/audit/actors',
  summary: "The community's staff, to filter its audit log by (its moderators and staff who acted in it)",
  tag: 'audit',
  auth: 'staff',
  params: communityParams,
  response: z.object({ items: z.array(auditActor) }),
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
