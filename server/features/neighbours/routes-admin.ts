import type { Mount } from '../../http/route';

// Filled in by the admin part of 找邻居 (docs/decisions/024-neighbours.md).
export function registerAdminRoutes(_mount: Mount) {}
