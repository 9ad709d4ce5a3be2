import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { JobStatus } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { jobs } from '../../db/schema';
import type { Tx } from '../../deps';

/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: number;
  name: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  key: string | null;
}

export type JobHandler<P = unknown> = (payload: P, ctx: ServiceContext, job: JobInfo) => Promise<void>;

export interface JobDefinition<P = unknown> {
  run: JobHandler<P>;
  /** Parsed before the handler runs; a payload that does not parse is dead at once. */
  payload?: z.ZodType<P>;
  /** Runs once per period of this many minutes across all instances (1 to 1440). */
  everyMinutes?: number;
  /** Attempts for the periodic runs (enqueue sets its own). */
  maxAttempts?: number;
}

/** Job name → definition; what a runner knows how to run. */
export type JobRegistry = Record<string, JobDefinition<never>>;

/** Types a definition by its payload schema and erases it for the registry. */
export const defineJob = <P>(definition: JobDefinition<P>): JobDefinition<never> =>
  definition as unknown as JobDefinition<never>;

/**
 * Throw from a handler when trying again cannot help (a malformed payload, an object
 * that no longer exists): the job goes dead at once instead of retrying.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface NewJob {
  name: string;
  payload?: unknown;
  /** Not before this time; unset: as soon as a runner is free. */
  runAt?: Date | null;
  /** A second enqueue with the same key is ignored while the first job's row exists. */
  key?: string | null;
  maxAttempts?: number;
  /** The request that caused the job, for the logs. */
  requestId?: string | null;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Adds a job in the caller's transaction (or on the plain handle): it exists only if
 * the transaction commits. Returns the job's id, or null when the key was taken.
 */
export async function enqueue(tx: Tx, job: NewJob): Promise<number | null> {
  const rows = await tx
    .insert(jobs)
    .values({
      name: job.name,
      payload: job.payload ?? {},
      runAt: job.runAt ?? null,
      key: job.key ?? null,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      requestId: job.requestId ?? null,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** Delay before attempt `attempt + 1`: doubling from `baseMs`, at most `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The slot a periodic job's run belongs to: the start of the current period. */
export function periodStart(now: Date, everyMinutes: number): Date {
  const period = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / period) * period);
}

export const periodicKey = (name: string, slot: Date) => `every:${name}:${slot.toISOString()}`;

export interface JobRow {
  id: number;
  name: string;
  status: JobStatus;
  key: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const listColumns = {
  id: jobs.id,
  name: jobs.name,
  status: jobs.status,
  key: jobs.key,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  lastError: jobs.lastError,
  runAt: jobs.runAt,
  createdAt: jobs.createdAt,
  updatedAt: jobs.updatedAt,
  finishedAt: jobs.finishedAt,
};

/** Jobs newest first, optionally of one status; keyset on id. */
export async function listJobs(
  db: Tx,
  filter: { status?: JobStatus; before?: number; limit: number },
): Promise<{ items: JobRow[]; nextBefore: number | null }> {
  const rows = await db
    .select(listColumns)
    .from(jobs)
    .where(
      and(
        filter.status ? eq(jobs.status, filter.status) : undefined,
        filter.before !== undefined ? lt(jobs.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(jobs.id))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit);
  return { items, nextBefore: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Puts a dead job back in the queue with fresh attempts (compare-and-set: only a
 * dead job moves). `before` is null when no job has this id, `after` is null when
 * the job is not dead.
 */
export async function requeueDead(
  tx: Tx,
  id: number,
  now: Date,
): Promise<{ before: JobRow | null; after: JobRow | null }> {
  const [before] = await tx.select(listColumns).from(jobs).where(eq(jobs.id, id)).for('update');
  if (before?.status !== 'dead') return { before: before ?? null, after: null };
  const [after] = await tx
    .update(jobs)
    .set({
      status: 'queued',
      attempts: 0,
      runAt: now,
      lockedBy: null,
      leaseUntil: null,
      finishedAt: null,
      updatedAt: now,
    })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'dead')))
    .returning(listColumns);
  return { before, after: after ?? null };
}

/** Deletes finished jobs older than `olderThan` (dead ones stay until retried). */
export async function deleteFinishedJobs(tx: Tx, olderThan: Date): Promise<number> {
  const rows = await tx
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, olderThan)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Text stored as last_error: the message only, bounded. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

export const sqlNow = (now: Date) => sql`${now.toISOString()}::timestamptz`;
