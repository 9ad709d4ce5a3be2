import type { Mount } from '../../http/route';

export function registerStockRoutes(_mount: Mount) {}
