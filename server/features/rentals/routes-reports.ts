import * as c from '../../../shared/contracts/rentals';
import type { Mount } from '../../http/route';
import { getCalendar } from './calendar';
import { exportBookings, exportInventory } from './exports';
import { rentalUtilisation } from './figures';

/** The availability calendar, the figures per month and the two spreadsheets. */
export function registerReportRoutes(mount: Mount) {
  mount(c.getRentalCalendar, ({ params, query }, ctx) => getCalendar(ctx, params.communityId, params.itemId, query));
  mount(c.rentalUtilisation, ({ params, query }, ctx) => rentalUtilisation(ctx, params.communityId, query));
  mount(c.exportRentalBookings, ({ params, query }, ctx) => exportBookings(ctx, params.communityId, query));
  mount(c.exportRentalInventory, ({ params }, ctx) => exportInventory(ctx, params.communityId));
}
