import type { z } from 'zod';
import {
  blockRentalUnit,
  checkInBooking,
  checkOutBooking,
  confirmBooking,
  createRentalItemType,
  createRentalPoint,
  createRentalUnits,
  endRentalMaintenance,
  exportRentalBookings,
  exportRentalInventory,
  getRentalUnit,
  getStaffBooking,
  listRentalItemTypes,
  listRentalPoints,
  listRentalUnits,
  listStaffBookings,
  rejectBooking,
  rentalToday,
  rentalUtilisation,
  rentalWaitlist,
  retireRentalUnit,
  type staffItemView,
  type staffPointView,
  updateRentalItemType,
  updateRentalPoint,
  updateRentalUnit,
} from '../../shared/contracts/rentals';
import type { BodyOf } from '../../shared/contracts/route';
import type { RentalBookingStatus } from '../../shared/enums';
import { api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/**
 * 社区租赁 for the point's staff: today's desk, bookings and the waiting list, confirm / reject /
 * check-out / check-in, points, item types and units, use per month, the two spreadsheets. Calls
 * are `silent`: the pages show refusals next to the fields.
 */

export type { StaffBookingView } from '../../shared/contracts/rentals';
export type StaffPoint = z.infer<typeof staffPointView>;
export type StaffItem = z.infer<typeof staffItemView>;

export function useRentalToday(communityId: number) {
  return useResource(() => api(rentalToday, { params: { communityId } }, { silent: true }), [communityId]);
}

export interface BookingFilter {
  status: RentalBookingStatus | null;
  itemId: number | null;
  overdue: boolean;
}

export function useStaffBookings(communityId: number, f: BookingFilter) {
  return usePagedList(
    async (before: number | null) => {
      const reply = await api(
        listStaffBookings,
        {
          params: { communityId },
          query: {
            ...(f.status ? { status: f.status } : {}),
            ...(f.itemId ? { itemId: f.itemId } : {}),
            ...(f.overdue ? { overdue: 'true' as const } : {}),
            ...(before ? { before } : {}),
            limit: 30,
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, f.status, f.itemId, f.overdue],
  );
}

export function useRentalWaitlist(communityId: number, itemId: number | null, enabled = true) {
  return useResource(
    () => api(rentalWaitlist, { params: { communityId }, query: itemId ? { itemId } : {} }, { silent: true }),
    [communityId, itemId],
    enabled,
  );
}

export function useStaffBooking(communityId: number, bookingId: number) {
  return useResource(
    () => api(getStaffBooking, { params: { communityId, bookingId } }, { silent: true }),
    [communityId, bookingId],
  );
}

export const confirm = (communityId: number, bookingId: number, unitId: number | null) =>
  api(confirmBooking, { params: { communityId, bookingId }, body: unitId ? { unitId } : {} }, { silent: true });

export const reject = (communityId: number, bookingId: number, reason: string) =>
  api(rejectBooking, { params: { communityId, bookingId }, body: { reason } }, { silent: true });

export const checkOut = (communityId: number, bookingId: number, body: BodyOf<typeof checkOutBooking>) =>
  api(checkOutBooking, { params: { communityId, bookingId }, body }, { silent: true });

export const checkIn = (communityId: number, bookingId: number, body: BodyOf<typeof checkInBooking>) =>
  api(checkInBooking, { params: { communityId, bookingId }, body }, { silent: true });

export function useRentalPoints(communityId: number) {
  return useResource(() => api(listRentalPoints, { params: { communityId } }, { silent: true }), [communityId]);
}

export const newPoint = (communityId: number, body: BodyOf<typeof createRentalPoint>) =>
  api(createRentalPoint, { params: { communityId }, body }, { silent: true });

export const editPoint = (communityId: number, pointId: number, body: BodyOf<typeof updateRentalPoint>) =>
  api(updateRentalPoint, { params: { communityId, pointId }, body }, { silent: true });

export function useRentalItems(communityId: number, pointId: number | null = null) {
  return useResource(
    () => api(listRentalItemTypes, { params: { communityId }, query: pointId ? { pointId } : {} }, { silent: true }),
    [communityId, pointId],
  );
}

export const newItem = (communityId: number, body: BodyOf<typeof createRentalItemType>) =>
  api(createRentalItemType, { params: { communityId }, body }, { silent: true });

export const editItem = (communityId: number, itemId: number, body: BodyOf<typeof updateRentalItemType>) =>
  api(updateRentalItemType, { params: { communityId, itemId }, body }, { silent: true });

export function useRentalUnits(communityId: number, itemId: number | null, enabled = true) {
  return useResource(
    () =>
      api(
        listRentalUnits,
        { params: { communityId }, query: { ...(itemId ? { itemId } : {}), limit: 500 } },
        { silent: true },
      ),
    [communityId, itemId],
    enabled,
  );
}

export const addUnits = (communityId: number, body: BodyOf<typeof createRentalUnits>) =>
  api(createRentalUnits, { params: { communityId }, body }, { silent: true });

export function useRentalUnit(communityId: number, unitId: number) {
  return useResource(
    () => api(getRentalUnit, { params: { communityId, unitId } }, { silent: true }),
    [communityId, unitId],
  );
}

export const editUnit = (communityId: number, unitId: number, body: BodyOf<typeof updateRentalUnit>) =>
  api(updateRentalUnit, { params: { communityId, unitId }, body }, { silent: true });

export const blockUnit = (communityId: number, unitId: number, body: BodyOf<typeof blockRentalUnit>) =>
  api(blockRentalUnit, { params: { communityId, unitId }, body }, { silent: true });

export const unblockUnit = (communityId: number, unitId: number, body: BodyOf<typeof endRentalMaintenance>) =>
  api(endRentalMaintenance, { params: { communityId, unitId }, body }, { silent: true });

export const retireUnit = (communityId: number, unitId: number, note: string) =>
  api(retireRentalUnit, { params: { communityId, unitId }, body: { note } }, { silent: true });

export function useRentalUtilisation(communityId: number, month: string | null) {
  return useResource(
    () => api(rentalUtilisation, { params: { communityId }, query: month ? { month } : {} }, { silent: true }),
    [communityId, month],
  );
}

export async function bookingsXlsxRequest(communityId: number, from: string | null, to: string | null) {
  const query = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return { url: buildUrl(exportRentalBookings, { communityId }, query), token: await fileToken(exportRentalBookings) };
}

export async function inventoryXlsxRequest(communityId: number) {
  return { url: buildUrl(exportRentalInventory, { communityId }), token: await fileToken(exportRentalInventory) };
}
