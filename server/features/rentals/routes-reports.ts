import type { Mount } from '../../http/route';

export function registerReportRoutes(_mount: Mount) {}
