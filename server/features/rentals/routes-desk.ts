import { queryFlag } from '../../../shared/contracts/common';
import * as c from '../../../shared/contracts/rentals';
import type { Mount } from '../../http/route';
import { checkInBooking, checkOutBooking, confirmBooking, rejectBooking } from './desk';
import { getStaffBooking, listStaffBookings, rentalToday, rentalWaitlist } from './desk-lists';

/** The staff desk: bookings to handle, today's work, the waiting list; confirm, refuse, hand over, take back. */
export function registerDeskRoutes(mount: Mount) {
  mount(c.listStaffBookings, ({ params, query }, ctx) =>
    listStaffBookings(ctx, params.communityId, { ...query, overdue: queryFlag(query.overdue) }),
  );
  mount(c.getStaffBooking, ({ params }, ctx) => getStaffBooking(ctx, params.communityId, params.bookingId));
  mount(c.rentalToday, ({ params }, ctx) => rentalToday(ctx, params.communityId));
  mount(c.rentalWaitlist, ({ params, query }, ctx) => rentalWaitlist(ctx, params.communityId, query));
  mount(c.confirmBooking, ({ params, body }, ctx) =>
    confirmBooking(ctx, params.communityId, params.bookingId, body.unitId),
  );
  mount(c.rejectBooking, ({ params, body }, ctx) =>
    rejectBooking(ctx, params.communityId, params.bookingId, body.reason),
  );
  mount(c.checkOutBooking, ({ params, body }, ctx) => checkOutBooking(ctx, params.communityId, params.bookingId, body));
  mount(c.checkInBooking, ({ params, body }, ctx) => checkInBooking(ctx, params.communityId, params.bookingId, body));
}
