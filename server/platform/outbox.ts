import { and, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { outbox } from '../db/schema';
import type { AppDeps, Tx } from '../deps';
import { enqueue } from './jobs/queue';
import { deliverMessage, miniProgramPath } from './messages';
import { enqueueSubscribeSend, type SubscribePayload, subscribePayload } from './subscribe';

/** What the receiver of one outbox row learns besides its payload. */
export interface OutboxDelivery {
  /** The row's idempotency key: a receiver that already saw it must do nothing. */
  key: string;
  communityId: number | null;
  outboxId: number;
  requestId: string | null;
}

/**
 * A receiver runs inside the delivery transaction, with `tx` only: its writes and the
 * row's "delivered" mark commit together, so a database receiver sees each row once.
 * A receiver that talks to the outside (WeChat) enqueues a job here instead, with the
 * same key.
 */
export interface OutboxKind<P> {
  payload: z.ZodType<P>;
  deliver(tx: Tx, payload: P, delivery: OutboxDelivery, deps: AppDeps): Promise<void>;
}

export type OutboxKinds = Record<string, OutboxKind<never>>;

export const defineOutboxKind = <P>(kind: OutboxKind<P>): OutboxKind<never> => kind as unknown as OutboxKind<never>;

/** `message`: an in-app message for one user (the message centre). */
export const messagePayload = z.object({
  userId: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  body: z.string().max(2000),
  link: miniProgramPath.nullable().default(null),
});
export type MessagePayload = z.input<typeof messagePayload>;

export const builtinOutboxKinds = {
  message: defineOutboxKind({
    payload: messagePayload,
    async deliver(tx, p, d) {
      await deliverMessage(tx, { ...p, communityId: d.communityId, key: d.key });
    },
  }),
  /** `subscribe`: a WeChat subscribe message for one user, sent by a job with the row's key. */
  subscribe: defineOutboxKind({
    payload: subscribePayload,
    async deliver(tx, p, d, deps) {
      await enqueueSubscribeSend(tx, deps, p, d.key, d.requestId);
    },
  }),
} satisfies OutboxKinds;

/** Payload types of the kinds the app knows, for appendOutbox's callers. */
export interface OutboxPayloads {
  message: MessagePayload;
  subscribe: SubscribePayload;
}

export interface NewOutboxRow<K extends keyof OutboxPayloads> {
  kind: K;
  payload: OutboxPayloads[K];
  /** Idempotency key, unique across the outbox: e.g. `membership.approved:42`. */
  key: string;
  communityId?: number | null;
  requestId?: string | null;
}

/** The job that delivers outbox rows. */
export const OUTBOX_JOB = 'outbox.deliver';

/**
 * Appends an event in the caller's transaction, and a job that delivers it as soon
 * as a runner is free (the periodic delivery catches anything that job misses).
 * A second append with the same key is ignored; returns the row id or null.
 */
export async function appendOutbox<K extends keyof OutboxPayloads>(
  tx: Tx,
  row: NewOutboxRow<K>,
): Promise<number | null> {
  return insertOutbox(tx, row.kind, builtinOutboxKinds[row.kind] as unknown as OutboxKind<unknown>, row);
}

/**
 * appendOutbox for a kind a feature defines (its receiver is registered with the app's
 * jobs, server/jobs.ts): the same row and fast-path job.
 */
export async function appendFeatureOutbox<P>(
  tx: Tx,
  kind: { name: string; definition: OutboxKind<P> },
  row: Omit<NewOutboxRow<never>, 'kind' | 'payload'> & { payload: P },
): Promise<number | null> {
  return insertOutbox(tx, kind.name, kind.definition as OutboxKind<unknown>, row);
}

async function insertOutbox(
  tx: Tx,
  kindName: string,
  kind: OutboxKind<unknown>,
  row: { payload: unknown; key: string; communityId?: number | null; requestId?: string | null },
): Promise<number | null> {
  // A malformed event fails its own transaction rather than a delivery later.
  const payload = kind.payload.parse(row.payload);
  const [inserted] = await tx
    .insert(outbox)
    .values({
      kind: kindName,
      key: row.key,
      payload,
      communityId: row.communityId ?? null,
      requestId: row.requestId ?? null,
    })
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id });
  if (!inserted) return null;
  await enqueue(tx, { name: OUTBOX_JOB, payload: { ids: [inserted.id] }, requestId: row.requestId ?? null });
  return inserted.id;
}

export interface OutboxOptions {
  kinds: OutboxKinds;
  /** Rows claimed per transaction. */
  batch?: number;
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
}

export interface OutboxRound {
  delivered: number;
  failed: number;
}

/**
 * Delivers due rows (all of them, or only `ids`): each batch is claimed with
 * FOR UPDATE SKIP LOCKED in one transaction, so two runners never take the same row;
 * each row is delivered in a savepoint and marked delivered in the same transaction.
 * A failing row is retried later with backoff, and given up after maxAttempts.
 */
export async function deliverOutbox(deps: AppDeps, options: OutboxOptions, ids?: number[]): Promise<OutboxRound> {
  const batch = options.batch ?? 50;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? ((attempt: number) => Math.min(3_600_000, 30_000 * 2 ** (attempt - 1)));
  const round: OutboxRound = { delivered: 0, failed: 0 };
  for (;;) {
    const now = deps.clock();
    const claimed = await deps.database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.deliveredAt),
            isNull(outbox.failedAt),
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
            ids ? inArray(outbox.id, ids) : undefined,
          ),
        )
        .orderBy(outbox.id)
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const kind = options.kinds[row.kind];
        const attempts = row.attempts + 1;
        let failure: string | null = null;
        try {
          if (!kind) throw new Error(`no receiver for outbox kind ${row.kind}`);
          const payload = kind.payload.parse(row.payload);
          await tx.transaction(async (sp) => {
            await kind.deliver(
              sp,
              payload as never,
              { key: row.key, communityId: row.communityId, outboxId: row.id, requestId: row.requestId },
              deps,
            );
          });
        } catch (error) {
          failure = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 1000) : String(error);
        }
        if (failure === null) {
          await tx.update(outbox).set({ deliveredAt: now, attempts }).where(eq(outbox.id, row.id));
          round.delivered += 1;
          continue;
        }
        round.failed += 1;
        const last = attempts >= maxAttempts;
        const nextAttemptAt = new Date(now.getTime() + backoff(attempts));
        // Its own retry job, so the retry is on time; the periodic sweep is the safety net.
        if (!last) await enqueue(tx, { name: OUTBOX_JOB, payload: { ids: [row.id] }, runAt: nextAttemptAt });
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: failure,
            ...(last ? { failedAt: now } : { nextAttemptAt }),
          })
          .where(eq(outbox.id, row.id));
        const fields = { outboxId: row.id, kind: row.kind, attempt: attempts, causedBy: row.requestId, error: failure };
        if (last) deps.logger.error('outbox row given up', fields);
        else deps.logger.warn('outbox delivery failed, will retry', fields);
      }
      return rows.length;
    });
    if (claimed < batch) return round;
  }
}

/** Deletes rows delivered before `olderThan`: their payloads may hold personal data. */
export async function deleteDeliveredOutbox(tx: Tx, olderThan: Date): Promise<number> {
  const rows = await tx.delete(outbox).where(lt(outbox.deliveredAt, olderThan)).returning({ id: outbox.id });
  return rows.length;
}
