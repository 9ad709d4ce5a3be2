import * as c from '../../../shared/contracts/rentals';
import type { Mount } from '../../http/route';
import * as book from './book';

/** Residents' bookings: book or join the waiting list, my bookings, cancel, extend, take an offer. */
export function registerBookingRoutes(mount: Mount) {
  mount(c.createBooking, ({ params, body }, ctx) => book.createBooking(ctx, params.communityId, body));
  mount(c.listMyBookings, ({ params, query }, ctx) => book.listMyBookings(ctx, params.communityId, query));
  mount(c.getMyBooking, ({ params }, ctx) => book.getMyBooking(ctx, params.communityId, params.bookingId));
  mount(c.cancelBooking, ({ params, body }, ctx) =>
    book.cancelBooking(ctx, params.communityId, params.bookingId, body.reason),
  );
  mount(c.extendBooking, ({ params, body }, ctx) =>
    book.extendBooking(ctx, params.communityId, params.bookingId, body),
  );
  mount(c.acceptOffer, ({ params }, ctx) => book.acceptOffer(ctx, params.communityId, params.bookingId));
}
