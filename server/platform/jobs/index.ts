import { z } from 'zod';
import { removeOrphanUploads } from '../files';
import { builtinOutboxKinds, deleteDeliveredOutbox, deliverOutbox, OUTBOX_JOB, type OutboxKinds } from '../outbox';
import { subscribeJobs } from '../subscribe';
import { defineJob, deleteFinishedJobs, type JobRegistry } from './queue';

export * from './queue';
export { createJobRunner, type JobRunner, type RoundSummary, type RunnerOptions } from './runner';

/** Finished jobs and delivered outbox rows are kept this long, then deleted. */
export const RETENTION_MS = 7 * 24 * 3_600_000;

/** Removes uploads no feature attached within a day (rows, and files nothing else names). */
export const ORPHAN_UPLOADS_JOB = 'uploads.orphans';

/**
 * The platform's own jobs: outbox delivery (enqueued with each outbox row, and every
 * minute as a sweep), the hourly cleanup, the hourly removal of orphan uploads and the
 * sending of WeChat subscribe messages. Features add theirs beside these (server/jobs.ts).
 */
export function platformJobs(kinds: OutboxKinds = builtinOutboxKinds): JobRegistry {
  return {
    ...subscribeJobs(),
    [OUTBOX_JOB]: defineJob({
      payload: z.object({ ids: z.array(z.number().int().positive()).max(1000).optional() }),
      everyMinutes: 1,
      maxAttempts: 3,
      async run(payload, ctx) {
        await deliverOutbox(ctx.deps, { kinds }, payload.ids);
      },
    }),
    'jobs.cleanup': defineJob({
      everyMinutes: 60,
      async run(_payload, ctx) {
        const olderThan = new Date(ctx.deps.clock().getTime() - RETENTION_MS);
        const db = ctx.deps.database.db;
        const jobsDeleted = await deleteFinishedJobs(db, olderThan);
        const outboxDeleted = await deleteDeliveredOutbox(db, olderThan);
        if (jobsDeleted + outboxDeleted > 0)
          ctx.deps.logger.info('old jobs and outbox rows deleted', { jobsDeleted, outboxDeleted });
      },
    }),
    [ORPHAN_UPLOADS_JOB]: defineJob({
      everyMinutes: 60,
      async run(_payload, ctx) {
        const removed = await removeOrphanUploads(ctx.deps);
        if (removed.uploads + removed.temporary > 0) ctx.deps.logger.info('orphan uploads removed', removed);
      },
    }),
  };
}
