import type { Mount } from '../../http/route';
import { registerBookingRoutes } from './routes-bookings';
import { registerDeskRoutes } from './routes-desk';
import { registerReportRoutes } from './routes-reports';
import { registerStockRoutes } from './routes-stock';

/**
 * 社区租赁's routes, by part: stock and catalogue; residents' bookings and the waiting list; the
 * desk (confirm, check-out, check-in, today); calendar, figures and exports.
 */
export function register(mount: Mount) {
  registerStockRoutes(mount);
  registerBookingRoutes(mount);
  registerDeskRoutes(mount);
  registerReportRoutes(mount);
}
