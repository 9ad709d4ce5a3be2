import { z } from 'zod';
import { jobStatuses } from '../enums';
import { idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';

export const jobStatusSchema = z.enum(jobStatuses, { error: '状态不对，请刷新后再试' });

/** What an admin sees of a job: never its payload (it may name residents). */
export const jobView = z.object({
  id: z.number().int(),
  name: z.string(),
  status: jobStatusSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type JobView = z.infer<typeof jobView>;

export const listJobs = defineRoute({
  method: 'GET',
  path: '/api/admin/jobs',
  summary: 'Background jobs, newest first (dead ones are those that failed their last attempt)',
  tag: 'jobs',
  auth: 'admin',
  query: z.object({
    status: jobStatusSchema.optional(),
    /** Keyset cursor: jobs with a smaller id. */
    before: idSchema.optional(),
    limit: pageLimit(100, 30),
  }),
  response: z.object({ items: z.array(jobView), nextBefore: z.number().int().nullable() }),
});

export const retryJob = defineRoute({
  method: 'POST',
  path: '/api/admin/jobs/:jobId/retry',
  summary: 'Run a dead job again, with fresh attempts',
  tag: 'jobs',
  auth: 'admin',
  params: z.object({ jobId: idSchema }),
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  response: jobView,
});
