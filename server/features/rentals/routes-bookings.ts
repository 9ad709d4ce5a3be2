import type { Mount } from '../../http/route';

export function registerBookingRoutes(_mount: Mount) {}
