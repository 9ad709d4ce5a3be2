import { z } from 'zod';
import { defineRoute } from './route';

export const health = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness and database check',
  tag: 'ops',
  auth: 'public',
  errors: ['SERVICE_UNAVAILABLE'],
  response: z.object({ status: z.literal('ok'), database: z.literal('ok'), engine: z.enum(['pglite', 'postgres']) }),
});
