import type { JobView } from '../../../shared/contracts/jobs';
import type { JobStatus } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { audited } from '../../platform/audited';
import { type JobRow, listJobs as listJobRows, requeueDead } from '../../platform/jobs';

const view = (j: JobRow): JobView => ({
  id: j.id,
  name: j.name,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  runAt: j.runAt?.toISOString() ?? null,
  createdAt: j.createdAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

export async function listJobs(ctx: ServiceContext, query: { status?: JobStatus; before?: number; limit: number }) {
  requireAllowed(ctx.actor, 'admin:platform');
  const page = await listJobRows(ctx.deps.database.db, query);
  return { items: page.items.map(view), nextBefore: page.nextBefore };
}

/** Dead → queued with fresh attempts, audited in the same transaction. */
export async function retryJob(ctx: ServiceContext, jobId: number): Promise<JobView> {
  requireAllowed(ctx.actor, 'admin:platform');
  return audited(ctx, 'job.retry', async (tx) => {
    const { before, after } = await requeueDead(tx, jobId, ctx.deps.clock());
    if (!before) throw new AppError('NOT_FOUND');
    if (!after) throw new AppError('INVALID_STATE', '只有失败的任务才能重新运行');
    return {
      result: view(after),
      audit: {
        communityId: null,
        targetId: jobId,
        before: { name: before.name, status: before.status, attempts: before.attempts },
        after: { status: after.status, attempts: after.attempts },
      },
    };
  });
}
