import type { Mount } from '../../http/route';

export function registerDeskRoutes(_mount: Mount) {}
