import calendarData from 'chinese-days/dist/chinese-days.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RENTAL_MAX_FEN } from '../../shared/contracts/rentals';
import type { RentalQuote, RentalSettlement, RentalTerms } from '../../shared/domain/rental-fee-types';
import { quote, type SettleInput, settle } from '../../shared/domain/rental-fees';
import { type RentalEligibility, type RentalFeeKind, rentalEligibilities, rentalFeeKinds } from '../../shared/enums';

/*
 * quote() and settle() against a brute-force oracle written from the rules (../shared/DOMAIN-RULES.md,
 * docs/decisions/023-rentals.md), not from the code: days counted one by one, periods added one
 * at a time, halves rounded with BigInt remainders, working days walked on the raw holiday data.
 */

const holidays = (calendarData as { holidays: Record<string, string> }).holidays;
const workdays = (calendarData as { workdays: Record<string, string> }).workdays;

/** The next calendar day, by the UTC calendar. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
/** Days stepped from `from` to reach `to` (`to` ≥ `from`). */
function stepsBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d !== to; d = nextDay(d)) n += 1;
  return n;
}
/** n ÷ d rounded to the nearest whole number, a half going up. */
function halfUp(n: number, d: number): number {
  const q = BigInt(n) / BigInt(d);
  const rem = BigInt(n) % BigInt(d);
  return Number(2n * rem >= BigInt(d) ? q + 1n : q);
}
function isWorkingDay(date: string): boolean {
  if (holidays[date]) return false;
  if (workdays[date]) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function oracleQuote(
  terms: RentalTerms,
  startOn: string,
  endOn: string,
  eligibility: RentalEligibility | null,
): RentalQuote {
  const days = stepsBetween(startOn, endOn) + 1;
  let rentFen = 0;
  let periods = 0;
  if (terms.feeKind === 'per_day') for (let i = 0; i < days; i++) rentFen += terms.feeFen;
  if (terms.feeKind === 'per_period') {
    const length = terms.periodDays ?? 180;
    for (let covered = 0; covered < days; covered += length) {
      periods += 1;
      rentFen += terms.feeFen;
    }
  }
  const eligible = eligibility !== null && terms.subsidyFor.includes(eligibility);
  const subsidyFen = eligible ? halfUp(rentFen * terms.subsidyPercent, 100) : 0;
  const overdueFeePerDayFen =
    terms.feeKind === 'per_day'
      ? terms.feeFen
      : terms.feeKind === 'per_period'
        ? halfUp(terms.feeFen, terms.periodDays ?? 180)
        : 0;
  return {
    feeKind: terms.feeKind,
    days,
    periods,
    rentFen,
    subsidyPercent: subsidyFen > 0 ? terms.subsidyPercent : 0,
    subsidyFen,
    payableFen: rentFen - subsidyFen,
    depositFen: terms.depositFen,
    upfrontFen: rentFen - subsidyFen + terms.depositFen,
    overdueFeePerDayFen,
  };
}

function oracleSettle(input: SettleInput): RentalSettlement {
  const q = oracleQuote(input.terms, input.startOn, input.endOn, input.eligibilityVerified ? input.eligibility : null);
  const overdueDays = input.returnedOn > input.endOn ? stepsBetween(input.endOn, input.returnedOn) : 0;
  let overdueFeeFen = 0;
  for (let i = 0; i < overdueDays; i++) overdueFeeFen += q.overdueFeePerDayFen;
  const chargesFen = q.payableFen + overdueFeeFen + input.damageFen;
  const takenFen = input.rentPaidFen + input.depositTakenFen;
  let refundBy = input.returnedOn;
  for (let left = 3; left > 0; ) {
    refundBy = nextDay(refundBy);
    if (isWorkingDay(refundBy)) left -= 1;
  }
  return {
    dueOn: input.endOn,
    returnedOn: input.returnedOn,
    overdueDays,
    overdueFeePerDayFen: q.overdueFeePerDayFen,
    overdueFeeFen,
    rentFen: q.rentFen,
    subsidyFen: q.subsidyFen,
    payableRentFen: q.payableFen,
    damageFen: input.damageFen,
    chargesFen,
    rentPaidFen: input.rentPaidFen,
    depositTakenFen: input.depositTakenFen,
    takenFen,
    refundFen: takenFen > chargesFen ? takenFen - chargesFen : 0,
    owedFen: chargesFen > takenFen ? chargesFen - takenFen : 0,
    refundBy,
  };
}

// ---- arbitraries ----

const FIRST = Date.UTC(2024, 0, 1);
const dateAt = (offset: number) => new Date(FIRST + offset * 86_400_000).toISOString().slice(0, 10);
/** 2024-01-01 … 2027-12-31: statutory years and the year after the data ends. */
const dateOffset = fc.integer({ min: 0, max: 4 * 365 });
const fen = fc.integer({ min: 0, max: RENTAL_MAX_FEN });
const eligibility = fc.constantFrom<RentalEligibility | null>(null, ...rentalEligibilities);

const termsArb = (kinds: readonly RentalFeeKind[] = rentalFeeKinds): fc.Arbitrary<RentalTerms> =>
  fc
    .record({
      feeKind: fc.constantFrom(...kinds),
      feeFen: fc.oneof(fen, fc.integer({ min: 0, max: 2000 })),
      periodDays: fc.option(fc.integer({ min: 1, max: 366 }), { nil: null }),
      depositFen: fen,
      subsidyPercent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 50, 100)),
      subsidyFor: fc.subarray([...rentalEligibilities]),
    })
    .map((t) => (t.feeKind === 'per_period' ? t : { ...t, periodDays: null }));

const booking = fc.record({
  start: dateOffset,
  length: fc.integer({ min: 1, max: 800 }),
  eligibility,
});

const settleInput = (kinds?: readonly RentalFeeKind[]): fc.Arbitrary<SettleInput> =>
  fc
    .record({
      terms: termsArb(kinds),
      booking,
      verified: fc.boolean(),
      late: fc.integer({ min: -400, max: 400 }),
      rentPaidFen: fc.oneof(fen, fc.integer({ min: 0, max: 2 * RENTAL_MAX_FEN })),
      depositTakenFen: fen,
      damageFen: fc.oneof(fc.constant(0), fen),
    })
    .map(({ terms, booking: b, verified, late, rentPaidFen, depositTakenFen, damageFen }) => ({
      terms,
      startOn: dateAt(b.start),
      endOn: dateAt(b.start + b.length - 1),
      eligibility: b.eligibility,
      eligibilityVerified: verified,
      rentPaidFen,
      depositTakenFen,
      returnedOn: dateAt(Math.max(0, b.start + b.length - 1 + late)),
      damageFen,
    }));

const numbers = (o: object) => Object.values(o).filter((v): v is number => typeof v === 'number');
const RUNS = { numRuns: 400 };

describe('rental money, property-based', () => {
  it('quote() agrees with the oracle', () => {
    fc.assert(
      fc.property(termsArb(), booking, (terms, b) => {
        const startOn = dateAt(b.start);
        const endOn = dateAt(b.start + b.length - 1);
        expect(quote(terms, startOn, endOn, b.eligibility)).toEqual(oracleQuote(terms, startOn, endOn, b.eligibility));
      }),
      RUNS,
    );
  });

  it('settle() agrees with the oracle', () => {
    fc.assert(
      fc.property(settleInput(), (input) => {
        expect(settle(input)).toEqual(oracleSettle(input));
      }),
      RUNS,
    );
  });

  it('a quote: whole fen, nothing negative, upfront = payable + deposit, subsidy ≤ rent', () => {
    fc.assert(
      fc.property(termsArb(), booking, (terms, b) => {
        const q = quote(terms, dateAt(b.start), dateAt(b.start + b.length - 1), b.eligibility);
        for (const v of numbers(q)) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(q.upfrontFen).toBe(q.payableFen + q.depositFen);
        expect(q.payableFen).toBe(q.rentFen - q.subsidyFen);
        expect(q.subsidyFen).toBeLessThanOrEqual(q.rentFen);
        expect(q.days).toBe(b.length);
      }),
      RUNS,
    );
  });

  it('a settlement: whole fen, nothing negative, refund + charges = taken + owed, never both a refund and a debt', () => {
    fc.assert(
      fc.property(settleInput(), (input) => {
        const s = settle(input);
        for (const v of numbers(s)) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(s.refundFen + s.chargesFen).toBe(s.takenFen + s.owedFen);
        expect(s.refundFen * s.owedFen).toBe(0);
        expect(s.takenFen).toBe(input.rentPaidFen + input.depositTakenFen);
        expect(s.chargesFen).toBe(s.payableRentFen + s.overdueFeeFen + s.damageFen);
        expect(s.subsidyFen).toBeLessThanOrEqual(s.rentFen);
        expect(s.overdueFeeFen).toBe(s.overdueDays * s.overdueFeePerDayFen);
        if (s.returnedOn <= s.dueOn) expect(s.overdueDays).toBe(0);
        if (!input.eligibilityVerified) expect(s.subsidyFen).toBe(0);
        expect(s.refundBy > s.returnedOn).toBe(true);
      }),
      RUNS,
    );
  });

  it('the 180-day scheme: the overdue fee per day is the rent ÷ 180, a half fen rounded up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: RENTAL_MAX_FEN }), settleInput(['per_period']), (feeFen, input) => {
        const s = settle({ ...input, terms: { ...input.terms, feeFen, periodDays: 180 } });
        // nearest whole fen, ties up: 180 × perDay − rent lies in (−90, 90]
        const gap = 180 * s.overdueFeePerDayFen - feeFen;
        expect(gap).toBeGreaterThan(-90);
        expect(gap).toBeLessThanOrEqual(90);
        expect(s.overdueFeeFen).toBe(s.overdueDays * s.overdueFeePerDayFen);
      }),
      RUNS,
    );
  });

  it('a later return never lowers the charges nor raises the refund', () => {
    fc.assert(
      fc.property(settleInput(), fc.integer({ min: 1, max: 200 }), (input, more) => {
        const [y, m, d] = input.returnedOn.split('-').map(Number);
        const later = new Date(Date.UTC(y, m - 1, d + more)).toISOString().slice(0, 10);
        const a = settle(input);
        const b = settle({ ...input, returnedOn: later });
        expect(b.chargesFen).toBeGreaterThanOrEqual(a.chargesFen);
        expect(b.refundFen).toBeLessThanOrEqual(a.refundFen);
        expect(b.owedFen).toBeGreaterThanOrEqual(a.owedFen);
      }),
      RUNS,
    );
  });

  it('verifying the category never costs the renter more', () => {
    fc.assert(
      fc.property(settleInput(), (input) => {
        const checked = settle({ ...input, eligibilityVerified: true });
        const unchecked = settle({ ...input, eligibilityVerified: false });
        expect(checked.chargesFen).toBeLessThanOrEqual(unchecked.chargesFen);
        expect(unchecked.chargesFen - checked.chargesFen).toBe(checked.subsidyFen);
      }),
      RUNS,
    );
  });
});
