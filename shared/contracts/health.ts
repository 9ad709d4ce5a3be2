import { z } from 'zod';
import { defineRoute } from './route';

/** The sign-in code the server's local WeChat adapter maps to the seeded demo resident (王秀英). */
export const DEMO_RESIDENT_CODE = 'demo-resident';

export const health = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness and database check',
  tag: 'ops',
  auth: 'public',
  errors: ['SERVICE_UNAVAILABLE'],
  response: z.object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    engine: z.enum(['pglite', 'postgres']),
    /** The demo resident can be signed in to: local sign-in adapter and the seeded demo account. */
    demo: z.boolean(),
  }),
});
