import type { Mount } from '../../http/route';

// Filled in by the contacts part of 找邻居 (docs/decisions/024-neighbours.md).
export function registerContactRoutes(_mount: Mount) {}
