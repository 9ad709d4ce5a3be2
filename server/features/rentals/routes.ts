import type { Mount } from '../../http/route';
import { registerBookingRoutes } from './routes-bookings';
import { registerDeskRoutes } from './routes-desk';
import { registerStockRoutes } from './routes-stock';

/** 社区租赁's routes, by part: stock and catalogue, bookings, the desk's reports and exports. */
export function register(mount: Mount) {
  registerStockRoutes(mount);
  registerBookingRoutes(mount);
  registerDeskRoutes(mount);
}
