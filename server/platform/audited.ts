import type { AuditAction } from '../../shared/audit-actions';
import { auditActions } from '../../shared/audit-actions';
import type { ServiceContext } from '../core/context';
import { auditLog } from '../db/schema';
import type { Tx } from '../deps';

/** What a change tells the log about itself. Never personal data (names, phones) in before/after. */
export interface AuditFacts {
  communityId: number | null;
  targetId: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditedResult<T> {
  result: T;
  /** One row per object changed; an empty list records nothing (the change was a no-op). */
  audit: AuditFacts | AuditFacts[];
}

/**
 * Runs a change and its audit rows in one transaction: both commit or neither does.
 * The work gets the transaction, so it can append outbox rows in it too. The actor is
 * the context's (the resident for their own actions, nobody for the system).
 */
export async function audited<T>(
  ctx: ServiceContext,
  action: AuditAction,
  work: (tx: Tx) => Promise<AuditedResult<T>>,
): Promise<T> {
  return ctx.deps.database.db.transaction(async (tx) => {
    const { result, audit } = await work(tx);
    const rows = [audit].flat().map((facts) => ({
      communityId: facts.communityId,
      actorId: ctx.actor && !ctx.actor.operator ? ctx.actor.userId : null,
      action,
      targetType: auditActions[action].target,
      targetId: facts.targetId,
      before: facts.before ?? null,
      after: facts.after ?? null,
      requestId: ctx.requestId,
    }));
    if (rows.length > 0) await tx.insert(auditLog).values(rows);
    return result;
  });
}
