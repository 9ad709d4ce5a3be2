import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AuditEntry } from '../../../shared/contracts/audit';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { auditLog, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';

export interface AuditRecord {
  communityId: number | null;
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
}

/**
 * Writes one audit row, inside the caller's transaction so the action and its
 * record commit together. Never pass personal data (names, phones) in before/after.
 */
export async function recordAudit(tx: Tx, entry: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    communityId: entry.communityId,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
  });
}

export interface AuditFilter {
  communityId?: number;
  action?: string;
  actorId?: number;
  before?: number;
  limit: number;
}

export async function listAudit(
  db: Tx,
  filter: AuditFilter,
): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  const where: SQL[] = [];
  if (filter.communityId !== undefined) where.push(eq(auditLog.communityId, filter.communityId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actorId !== undefined) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.before !== undefined) where.push(lt(auditLog.id, filter.before));
  const rows = await db
    .select({
      id: auditLog.id,
      communityId: auditLog.communityId,
      actorId: auditLog.actorId,
      actorName: users.nickname,
      actorUsername: users.username,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map(({ actorUsername, ...r }) => ({
      ...r,
      actorName: r.actorName ?? actorUsername,
      createdAt: r.createdAt.toISOString(),
    })),
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function listCommunityAudit(
  ctx: ServiceContext,
  communityId: number,
  query: Omit<AuditFilter, 'communityId'>,
) {
  requireAllowed(ctx.actor, 'read:audit', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
  return listAudit(ctx.deps.database.db, { ...query, communityId });
}

export function listAllAudit(ctx: ServiceContext, query: AuditFilter) {
  requireAllowed(ctx.actor, 'admin:platform');
  return listAudit(ctx.deps.database.db, query);
}
