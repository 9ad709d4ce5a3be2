import * as c from '../../../shared/contracts/jobs';
import type { Mount } from '../../http/route';
import * as jobs from './service';

export function register(mount: Mount) {
  mount(c.listJobs, ({ query }, ctx) => jobs.listJobs(ctx, query));
  mount(c.retryJob, ({ params }, ctx) => jobs.retryJob(ctx, params.jobId));
}
