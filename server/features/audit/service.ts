import { and, asc, desc, eq, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import { auditLabel } from '../../../shared/audit-actions';
import { auditReferences, describeChanges } from '../../../shared/audit-fields';
import type { AuditActor, AuditEntry } from '../../../shared/contracts/audit';
import { householdLabel } from '../../../shared/domain/labels';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { auditLog, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';
import { lookupNames, type NameMaps, personKind, personName } from './names';

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

interface AuditRow {
  targetType: string;
  targetId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What a page of rows points at, by kind: each row's target and the ids inside its before/after. */
function wantedNames(rows: AuditRow[]): Map<string, Set<number>> {
  const wanted = new Map<string, Set<number>>();
  const add = (kind: string, id: number) => {
    const ids = wanted.get(kind) ?? new Set<number>();
    ids.add(id);
    wanted.set(kind, ids);
  };
  for (const r of rows) if (r.targetId !== null) add(r.targetType, r.targetId);
  for (const [kind, ids] of Object.entries(auditReferences(rows))) for (const id of ids) add(kind, id);
  return wanted;
}

/** The target's name; one deleted since is named from the facts its row kept. */
function targetName(row: AuditRow, names: NameMaps): string {
  if (row.targetId === null) return '—';
  const found = (names as Record<string, Map<number, string> | undefined>)[row.targetType]?.get(row.targetId);
  if (found) return found;
  const facts = row.before ?? {};
  if (row.targetType === 'building' && typeof facts.name === 'string') return facts.name;
  if (row.targetType === 'household' && typeof facts.unit === 'string' && typeof facts.room === 'string') {
    const building = typeof facts.buildingId === 'number' ? names.building.get(facts.buildingId) : undefined;
    return householdLabel({ buildingName: building ?? '', unit: facts.unit, room: facts.room }).trim();
  }
  return `已删除（编号${row.targetId}）`;
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
      nickname: users.nickname,
      username: users.username,
      openid: users.openid,
      isAdmin: users.isAdmin,
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
  const names = await lookupNames(db, wantedNames(page));
  return {
    items: page.map((r) => {
      const actor =
        r.actorId === null || r.isAdmin === null
          ? null
          : { nickname: r.nickname, username: r.username, openid: r.openid, isAdmin: r.isAdmin };
      return {
        id: r.id,
        communityId: r.communityId,
        action: r.action,
        actionLabel: auditLabel(r.action),
        actorId: r.actorId,
        actorName: actor ? personName(actor) : '系统',
        actorKind: actor ? personKind(actor) : 'system',
        targetType: r.targetType,
        targetId: r.targetId,
        targetName: targetName(r, names),
        changes: describeChanges(r.targetType, r.before, r.after, names),
        requestId: r.requestId,
        createdAt: r.createdAt.toISOString(),
      };
    }),
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

/**
 * The staff a committee's log can be filtered by: its moderators, and any staff account
 * (an admin, a former moderator) that acted in it.
 */
export async function listCommunityAuditActors(
  ctx: ServiceContext,
  communityId: number,
): Promise<{ items: AuditActor[] }> {
  requireAllowed(ctx.actor, 'read:audit', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const rows = await db
    .select({
      id: users.id,
      nickname: users.nickname,
      username: users.username,
      openid: users.openid,
      isAdmin: users.isAdmin,
    })
    .from(users)
    .where(
      and(
        isNotNull(users.username),
        sql`(exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id}
              and ${memberships.communityId} = ${communityId} and ${memberships.role} = 'moderator'
              and ${memberships.status} = 'approved')
          or ${users.id} in (select ${auditLog.actorId} from ${auditLog} where ${auditLog.communityId} = ${communityId}))`,
      ),
    )
    .orderBy(asc(sql`coalesce(${users.nickname}, ${users.username})`), asc(users.id));
  return { items: rows.map((u) => ({ id: u.id, name: personName(u), kind: personKind(u) })) };
}
