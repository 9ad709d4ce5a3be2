import { describe, expect, it } from 'vitest';
import {
  canExtend,
  finalRentalStatuses,
  holdsUnit,
  isFinal,
  nextStatus,
  OFFER_HOURS,
  type RentalActor,
  type RentalMove,
  rentalMoves,
  residentCanCancel,
} from '../../shared/domain/rental-states';
import { type RentalBookingStatus, rentalBookingStatuses } from '../../shared/enums';

/*
 * The booking state machine, cell by cell, against a table written out here from
 * docs/decisions/023-rentals.md (not derived from rentalMoves):
 *   waiting ─offer(system)→ offered ─accept(resident)→ confirmed ─check_out(staff)→ on_loan ─check_in(staff)→ returned
 *   pending ─confirm(staff)→ confirmed; offered / waiting ─expire(system)→ expired (an offer not taken in
 *   24 hours; a place in line whose start date passed);
 *   pending / waiting ─reject(staff)→ rejected (a request or a place in line refused);
 *   waiting / offered / pending / confirmed ─cancel(resident or staff)→ cancelled (before pick-up only).
 */

const moves: RentalMove[] = ['offer', 'accept', 'expire', 'confirm', 'reject', 'cancel', 'check_out', 'check_in'];
const actors: RentalActor[] = ['resident', 'staff', 'system'];

type Row = Partial<Record<RentalMove, Partial<Record<RentalActor, RentalBookingStatus>>>>;
const expected: Record<RentalBookingStatus, Row> = {
  waiting: {
    offer: { system: 'offered' },
    expire: { system: 'expired' },
    reject: { staff: 'rejected' },
    cancel: { resident: 'cancelled', staff: 'cancelled' },
  },
  offered: {
    accept: { resident: 'confirmed' },
    expire: { system: 'expired' },
    cancel: { resident: 'cancelled', staff: 'cancelled' },
  },
  pending: {
    confirm: { staff: 'confirmed' },
    reject: { staff: 'rejected' },
    cancel: { resident: 'cancelled', staff: 'cancelled' },
  },
  confirmed: {
    cancel: { resident: 'cancelled', staff: 'cancelled' },
    check_out: { staff: 'on_loan' },
  },
  on_loan: {
    check_in: { staff: 'returned' },
  },
  returned: {},
  cancelled: {},
  rejected: {},
  expired: {},
};

describe('rental booking states', () => {
  it('the tables cover every status, move and actor', () => {
    expect(Object.keys(expected).sort()).toEqual([...rentalBookingStatuses].sort());
    expect(Object.keys(rentalMoves).sort()).toEqual([...moves].sort());
  });

  const cells = rentalBookingStatuses.flatMap((status) =>
    moves.flatMap((move) => actors.map((actor) => [status, move, actor] as const)),
  );
  it.each(cells)('%s --%s by %s', (status, move, actor) => {
    expect(nextStatus(status, move, actor)).toBe(expected[status][move]?.[actor] ?? null);
  });

  it('216 cells, 17 of them allowed', () => {
    expect(cells).toHaveLength(9 * 8 * 3);
    expect(cells.filter(([s, m, a]) => nextStatus(s, m, a) !== null)).toHaveLength(17);
  });

  it('no move leaves a final status, and every other status has a way out', () => {
    expect([...finalRentalStatuses].sort()).toEqual(['cancelled', 'expired', 'rejected', 'returned']);
    for (const status of rentalBookingStatuses) {
      const out = cells.filter(([s, m, a]) => s === status && nextStatus(s, m, a) !== null);
      if (isFinal(status)) expect(out, status).toEqual([]);
      else expect(out.length, status).toBeGreaterThan(0);
    }
  });

  it('every status is reached from a new booking (waiting or pending)', () => {
    const seen = new Set<RentalBookingStatus>(['waiting', 'pending']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [s, m, a] of cells) {
        const to = seen.has(s) ? nextStatus(s, m, a) : null;
        if (to && !seen.has(to)) {
          seen.add(to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...rentalBookingStatuses].sort());
  });

  // status: [holdsUnit, residentCanCancel, canExtend, isFinal]
  const flags: Record<RentalBookingStatus, [boolean, boolean, boolean, boolean]> = {
    waiting: [false, true, false, false],
    offered: [true, true, false, false],
    pending: [false, true, false, false],
    confirmed: [true, true, true, false],
    on_loan: [true, false, true, false],
    returned: [false, false, false, true],
    cancelled: [false, false, false, true],
    rejected: [false, false, false, true],
    expired: [false, false, false, true],
  };
  it.each(rentalBookingStatuses)('%s: holds a unit / resident may cancel / may extend / final', (status) => {
    expect([holdsUnit(status), residentCanCancel(status), canExtend(status), isFinal(status)]).toEqual(flags[status]);
  });

  it('an offer is kept 24 hours', () => {
    expect(OFFER_HOURS).toBe(24);
  });
});
