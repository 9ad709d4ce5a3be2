import type { RentalBookingStatus } from '../enums';

/**
 * A booking's state machine as data (docs/decisions/023-rentals.md). Services move a booking only
 * through `nextStatus`, compare-and-set on the status they read; the table test walks every cell.
 *
 *   waiting ──offer──▶ offered ──accept──▶ confirmed ──check_out──▶ on_loan ──check_in──▶ returned
 *   pending ──confirm─▶ confirmed          offered / waiting ──expire──▶ expired (start date passed in line)
 *   pending / waiting ──reject──▶ rejected
 *   waiting / offered / pending / confirmed ──cancel──▶ cancelled
 */

export type RentalActor = 'resident' | 'staff' | 'system';
export type RentalMove = 'offer' | 'accept' | 'expire' | 'confirm' | 'reject' | 'cancel' | 'check_out' | 'check_in';

export const rentalMoves: Record<
  RentalMove,
  { from: readonly RentalBookingStatus[]; to: RentalBookingStatus; by: readonly RentalActor[] }
> = {
  offer: { from: ['waiting'], to: 'offered', by: ['system'] },
  accept: { from: ['offered'], to: 'confirmed', by: ['resident'] },
  // An offer not taken in 24 hours; a place in line whose start date passed with nothing free.
  expire: { from: ['offered', 'waiting'], to: 'expired', by: ['system'] },
  confirm: { from: ['pending'], to: 'confirmed', by: ['staff'] },
  reject: { from: ['pending', 'waiting'], to: 'rejected', by: ['staff'] },
  // Before pick-up only: the resident changes their mind, or staff record a no-show.
  cancel: { from: ['waiting', 'offered', 'pending', 'confirmed'], to: 'cancelled', by: ['resident', 'staff'] },
  check_out: { from: ['confirmed'], to: 'on_loan', by: ['staff'] },
  check_in: { from: ['on_loan'], to: 'returned', by: ['staff'] },
};

/** The status after `move` by `actor`, or null when that move is not allowed from `status`. */
export function nextStatus(
  status: RentalBookingStatus,
  move: RentalMove,
  actor: RentalActor,
): RentalBookingStatus | null {
  const m = rentalMoves[move];
  return m.from.includes(status) && m.by.includes(actor) ? m.to : null;
}

/**
 * Statuses in which the booking must hold a unit's dates (rental_holds has its row). A returned
 * booking may keep its row until its cleaning days pass; no other status has one.
 */
export const unitHoldingStatuses = [
  'offered',
  'confirmed',
  'on_loan',
] as const satisfies readonly RentalBookingStatus[];
export const holdsUnit = (status: RentalBookingStatus) => (unitHoldingStatuses as readonly string[]).includes(status);

/** No move leads out of these. */
export const finalRentalStatuses = [
  'returned',
  'cancelled',
  'rejected',
  'expired',
] as const satisfies readonly RentalBookingStatus[];
export const isFinal = (status: RentalBookingStatus) => (finalRentalStatuses as readonly string[]).includes(status);

/** The resident may cancel (before pick-up). */
export const residentCanCancel = (status: RentalBookingStatus) => nextStatus(status, 'cancel', 'resident') !== null;

/** A later due date may be asked for while the unit is booked or out. */
export const canExtend = (status: RentalBookingStatus) => status === 'confirmed' || status === 'on_loan';

/** Hours an offer from the waiting list is kept before it passes to the next in line. */
export const OFFER_HOURS = 24;
