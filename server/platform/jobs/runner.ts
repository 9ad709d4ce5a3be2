import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { type ServiceContext, systemContext } from '../../core/context';
import { jobs } from '../../db/schema';
import type { AppDeps } from '../../deps';
import {
  backoffMs,
  DEFAULT_MAX_ATTEMPTS,
  errorText,
  type JobInfo,
  type JobRegistry,
  PermanentJobError,
  periodicKey,
  periodStart,
} from './queue';

export interface RunnerOptions {
  /** Names this runner in `locked_by`: host and pid in production, anything in tests. */
  workerId: string;
  /** Pause between rounds when started (real time). */
  pollMs?: number;
  /** How long a claimed job is ours before another runner may take it; renewed while it runs. */
  leaseMs?: number;
  /** Jobs one runner runs at the same time. */
  concurrency?: number;
  /** Retry delays: doubling from baseMs, at most maxMs. */
  backoff?: { baseMs: number; maxMs: number };
}

export interface RoundSummary {
  /** Jobs that ran to completion. */
  done: number;
  /** Jobs that threw (and were rescheduled or went dead). */
  failed: number;
}

export interface JobRunner {
  readonly workerId: string;
  /** Polls every pollMs until stop(). */
  start(): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Schedules this period's periodic jobs, then claims and runs every job due now. */
  runDue(): Promise<RoundSummary>;
}

interface Claimed {
  id: number;
  name: string;
  payload: unknown;
  key: string | null;
  attempts: number;
  maxAttempts: number;
  requestId: string | null;
}

/**
 * Runs the jobs of `registry` from the `jobs` table. Several runners (threads of one
 * process or separate instances) share the table safely: a job is claimed with
 * FOR UPDATE SKIP LOCKED under a lease, and every later write is fenced on
 * (worker, attempt), so a runner that lost its lease cannot overwrite the new owner.
 * Time comes from deps.clock(), so tests move it instead of sleeping.
 */
export function createJobRunner(deps: AppDeps, registry: JobRegistry, options: RunnerOptions): JobRunner {
  const { workerId } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const backoff = options.backoff ?? { baseMs: 10_000, maxMs: 3_600_000 };
  const db = deps.database.db;
  const log = deps.logger;
  const names = Object.keys(registry);
  const periodic = Object.entries(registry).filter(([, d]) => d.everyMinutes !== undefined);
  for (const [name, d] of periodic) {
    const every = d.everyMinutes as number;
    if (!Number.isInteger(every) || every < 1 || every > 1440) {
      throw new Error(`job ${name}: everyMinutes must be an integer from 1 to 1440`);
    }
  }

  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<unknown> = Promise.resolve();

  /** One row per periodic job and period; the unique key makes other instances' inserts no-ops. */
  async function schedulePeriodic(now: Date) {
    if (periodic.length === 0) return;
    await db
      .insert(jobs)
      .values(
        periodic.map(([name, d]) => {
          const slot = periodStart(now, d.everyMinutes as number);
          return {
            name,
            key: periodicKey(name, slot),
            runAt: slot,
            maxAttempts: d.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          };
        }),
      )
      .onConflictDoNothing({ target: jobs.key });
  }

  async function claim(now: Date): Promise<Claimed | null> {
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          inArray(jobs.name, names),
          or(
            and(eq(jobs.status, 'queued'), or(isNull(jobs.runAt), lte(jobs.runAt, now))),
            // A runner that stopped renewing its lease has died or hung: take the job over.
            and(eq(jobs.status, 'running'), lt(jobs.leaseUntil, now)),
          ),
        ),
      )
      .orderBy(sql`${jobs.runAt} asc nulls first`, jobs.id)
      .limit(1)
      .for('update', { skipLocked: true });
    const [row] = await db
      .update(jobs)
      .set({
        status: 'running',
        lockedBy: workerId,
        leaseUntil: new Date(now.getTime() + leaseMs),
        attempts: sql`${jobs.attempts} + 1`,
        updatedAt: now,
      })
      .where(inArray(jobs.id, due))
      .returning({
        id: jobs.id,
        name: jobs.name,
        payload: jobs.payload,
        key: jobs.key,
        attempts: jobs.attempts,
        maxAttempts: jobs.maxAttempts,
        requestId: jobs.requestId,
      });
    return row ?? null;
  }

  /** Only the runner holding this attempt may write the outcome. */
  const ours = (job: Claimed) =>
    and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts), eq(jobs.status, 'running'));

  async function finish(job: Claimed, fields: Partial<typeof jobs.$inferInsert>): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ lockedBy: null, leaseUntil: null, updatedAt: deps.clock(), ...fields })
      .where(ours(job))
      .returning({ id: jobs.id });
    if (rows.length === 0) {
      log.warn('job lease lost before it finished; another runner owns it now', {
        job: job.id,
        name: job.name,
        attempt: job.attempts,
        workerId,
      });
    }
    return rows.length > 0;
  }

  async function execute(job: Claimed): Promise<'done' | 'failed'> {
    const definition = registry[job.name];
    const info: JobInfo = {
      id: job.id,
      name: job.name,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      key: job.key,
    };
    const fields = { job: job.id, name: job.name, attempt: job.attempts, workerId, causedBy: job.requestId };
    if (job.attempts > job.maxAttempts) {
      // Its last attempt lost its runner (a crash, a hang): do not start it again.
      await finish(job, {
        status: 'dead',
        attempts: job.maxAttempts,
        finishedAt: deps.clock(),
        lastError: 'the last attempt never finished (its runner stopped renewing the lease)',
      });
      log.error('job dead', { ...fields, error: 'lease expired on the last attempt' });
      return 'failed';
    }
    const ctx: ServiceContext = systemContext(deps, `job-${job.id}.${job.attempts}`);
    const heartbeat = setInterval(() => {
      db.update(jobs)
        .set({ leaseUntil: new Date(deps.clock().getTime() + leaseMs) })
        .where(ours(job))
        .catch((error) => log.warn('job lease renewal failed', { ...fields, error: errorText(error) }));
    }, leaseMs / 3);
    heartbeat.unref();
    const started = Date.now();
    try {
      let payload: unknown = job.payload;
      if (definition.payload) {
        const parsed = definition.payload.safeParse(job.payload);
        if (!parsed.success) throw new PermanentJobError(`payload does not match: ${parsed.error.message}`);
        payload = parsed.data;
      }
      await definition.run(payload as never, ctx, info);
    } catch (error) {
      clearInterval(heartbeat);
      const now = deps.clock();
      const last = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      if (last) {
        await finish(job, { status: 'dead', finishedAt: now, lastError: errorText(error) });
        log.error('job dead', { ...fields, error: errorText(error) });
      } else {
        const delay = backoffMs(job.attempts, backoff.baseMs, backoff.maxMs);
        await finish(job, { status: 'queued', runAt: new Date(now.getTime() + delay), lastError: errorText(error) });
        log.warn('job failed, will retry', { ...fields, retryInMs: delay, error: errorText(error) });
      }
      return 'failed';
    }
    clearInterval(heartbeat);
    await finish(job, { status: 'done', finishedAt: deps.clock() });
    if (!definition.everyMinutes) log.info('job done', { ...fields, ms: Date.now() - started });
    return 'done';
  }

  async function drain(summary: RoundSummary) {
    while (!stopping) {
      const job = await claim(deps.clock());
      if (!job) return;
      const outcome = await execute(job);
      summary[outcome] += 1;
    }
  }

  async function oneRound(): Promise<RoundSummary> {
    const summary: RoundSummary = { done: 0, failed: 0 };
    if (stopping) return summary;
    await schedulePeriodic(deps.clock());
    await Promise.all(Array.from({ length: concurrency }, () => drain(summary)));
    return summary;
  }

  function runDue(): Promise<RoundSummary> {
    // One round at a time per runner: a second call waits for the first.
    const next = round.then(oneRound, oneRound);
    round = next.catch(() => {});
    return next;
  }

  async function tick() {
    timer = null;
    try {
      await runDue();
    } catch (error) {
      log.error('job round failed', { workerId, error: errorText(error) });
    }
    if (!stopping) timer = setTimeout(tick, pollMs);
  }

  return {
    workerId,
    start() {
      if (stopping || timer) return;
      log.info('job runner started', { workerId, jobs: names, pollMs, leaseMs });
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await round;
    },
    runDue,
  };
}
