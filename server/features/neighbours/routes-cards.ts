import type { Mount } from '../../http/route';

// Filled in by the cards part of 找邻居 (docs/decisions/024-neighbours.md).
export function registerCardRoutes(_mount: Mount) {}
