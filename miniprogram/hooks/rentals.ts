import { useEffect, useState } from 'react';
import type { z } from 'zod';
import {
  acceptOffer,
  cancelBooking,
  createBooking,
  extendBooking,
  type FreeRange,
  getMyBooking,
  getRentalCalendar,
  getRentalItem,
  listMyBookings,
  listRentalItems,
  type RentalBookingView,
  type rentalItemListItem,
  type rentalPointView,
} from '../../shared/contracts/rentals';
import type { RentalCategory } from '../../shared/enums';
import { type ApiArgs, type ApiError, type ApiReply, api } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/** 社区租赁 for residents, on shared/contracts/rentals.ts. */

export type { FreeRange, RentalBookingView };
export type RentalItem = z.infer<typeof rentalItemListItem>;
export type RentalPoint = z.infer<typeof rentalPointView>;
export type RentalItemDetail = ApiReply<typeof getRentalItem>;
export type RentalCalendar = ApiReply<typeof getRentalCalendar>;
export type BookInput = ApiArgs<typeof createBooking>['body'];
export type BookingScope = 'active' | 'past';

export const BOOKING_PAGE_SIZE = 20;

/** The catalogue: the devices of every point serving the community, by category. */
export function useRentalItems(communityId: number | null, category: RentalCategory | null, enabled = true) {
  return useResource(
    () =>
      api(
        listRentalItems,
        { params: { communityId: communityId as number }, query: category ? { category } : {} },
        { silent: true },
      ),
    [communityId, category],
    enabled && communityId !== null,
  );
}

export function useRentalItem(communityId: number | null, itemId: number | null, signedIn: boolean) {
  return useResource(
    () =>
      api(
        getRentalItem,
        { params: { communityId: communityId as number, itemId: itemId as number } },
        { silent: true },
      ),
    [communityId, itemId, signedIn],
    communityId !== null && itemId !== null && signedIn,
  );
}

/** Units free per day for the next 60 days (from today, the server's default). */
export function useRentalCalendar(communityId: number | null, itemId: number | null, enabled: boolean) {
  return useResource(
    () =>
      api(
        getRentalCalendar,
        { params: { communityId: communityId as number, itemId: itemId as number } },
        { silent: true },
      ),
    [communityId, itemId],
    enabled && communityId !== null && itemId !== null,
  );
}

/** 我的借用: the household's bookings, 进行中 or 已结束, keyset pages by id. */
export function useMyBookings(communityId: number | null, scope: BookingScope, enabled = true) {
  return usePagedList<RentalBookingView, number>(
    async (before) => {
      const reply = await api(
        listMyBookings,
        {
          params: { communityId: communityId as number },
          query: { scope, limit: BOOKING_PAGE_SIZE, ...(before ? { before } : {}) },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, scope],
    enabled && communityId !== null,
  );
}

export function useMyBooking(communityId: number | null, bookingId: number | null, signedIn: boolean) {
  return useResource(
    () =>
      api(
        getMyBooking,
        { params: { communityId: communityId as number, bookingId: bookingId as number } },
        { silent: true },
      ),
    [communityId, bookingId, signedIn],
    communityId !== null && bookingId !== null && signedIn,
  );
}

type BookingKey = { communityId: number; bookingId: number };
const bp = (k: BookingKey) => ({ params: { communityId: k.communityId, bookingId: k.bookingId } });

// Mutations: silent, so that useSubmit shows the refusal next to its field or in the form.
export const rentals = {
  book: (communityId: number, body: BookInput) =>
    api(createBooking, { params: { communityId }, body }, { silent: true }),
  cancel: (k: BookingKey, reason?: string) =>
    api(cancelBooking, { ...bp(k), body: reason ? { reason } : {} }, { silent: true }),
  extend: (k: BookingKey, endOn: string, version: number) =>
    api(extendBooking, { ...bp(k), body: { endOn, version } }, { silent: true }),
  accept: (k: BookingKey) => api(acceptOffer, bp(k), { silent: true }),
};

/** The start-date windows a 409 RENTAL_UNAVAILABLE lists (details.free), or none. */
export function freeRangesOf(error: ApiError): FreeRange[] {
  const free = (error.details as { free?: unknown } | undefined)?.free;
  if (!Array.isArray(free)) return [];
  return free.filter(
    (r): r is FreeRange =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as FreeRange).startOn === 'string' &&
      typeof (r as FreeRange).endOn === 'string',
  );
}

export { isOutsider } from './agora';

/** The time now, moved on every minute while `active` (an offer's countdown). */
export function useMinuteClock(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
