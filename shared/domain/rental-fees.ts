import type { RentalEligibility, RentalFeeKind } from '../enums';
import { addDays } from './office-hours';
import type { RentalQuote, RentalSettlement, RentalTerms } from './rental-fee-types';
import { chinaCalendar, type StatutoryCalendar } from './statutory-calendar';

/**
 * The money of a rental, pure (docs/decisions/023-rentals.md; ../shared/DOMAIN-RULES.md): integer
 * fen throughout, halves rounded up, never negative. The quote is what a booking costs; the
 * settlement is the receipt at return. Pages and receipts show these fields and nothing recomputed.
 */

export type { RentalQuote, RentalSettlement, RentalTerms } from './rental-fee-types';

/** Working days after the return within which the deposit is refunded (the scheme's contract). */
export const REFUND_WORKING_DAYS = 3;

/** a ÷ b rounded to the nearest integer, halves up; a ≥ 0, b > 0. */
export function divRound(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0) throw new RangeError('divRound');
  return Math.floor((2 * a + b) / (2 * b));
}

/** Whole days from one date "YYYY-MM-DD" to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days booked, the first and the last (due) day included. */
export const bookedDays = (startOn: string, endOn: string) => daysBetween(startOn, endOn) + 1;

/** The subsidy applies to this declared category. */
export const subsidised = (terms: RentalTerms, eligibility: RentalEligibility | null | undefined) =>
  terms.subsidyPercent > 0 && eligibility != null && terms.subsidyFor.includes(eligibility);

/** Terms the database allows (rental_item_types checks); anything else would give negative or fractional fen. */
function checkTerms(terms: RentalTerms): void {
  const fen = (v: number) => Number.isSafeInteger(v) && v >= 0;
  const ok =
    fen(terms.feeFen) &&
    fen(terms.depositFen) &&
    Number.isInteger(terms.subsidyPercent) &&
    terms.subsidyPercent >= 0 &&
    terms.subsidyPercent <= 100 &&
    (terms.periodDays === null || (Number.isInteger(terms.periodDays) && terms.periodDays >= 1));
  if (!ok) throw new RangeError('rental terms out of range');
}

/** The full rent (before subsidy) for a number of days. */
export function rentFor(terms: RentalTerms, days: number): { rentFen: number; periods: number } {
  checkTerms(terms);
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError('rentFor: days < 1');
  switch (terms.feeKind) {
    case 'free':
      return { rentFen: 0, periods: 0 };
    case 'per_day':
      return { rentFen: terms.feeFen * days, periods: 0 };
    case 'per_period': {
      const periods = Math.ceil(days / (terms.periodDays ?? 180));
      return { rentFen: terms.feeFen * periods, periods };
    }
  }
}

/**
 * The overdue fee per day: per_day items their daily fee; per_period items the period's rent ÷
 * its days (the scheme: the full rent ÷ 180 for its 180-day rental); free loans nothing.
 */
export function overdueFeePerDay(terms: RentalTerms): number {
  if (terms.feeKind === 'per_day') return terms.feeFen;
  if (terms.feeKind === 'per_period') return divRound(terms.feeFen, terms.periodDays ?? 180);
  return 0;
}

/** What a booking from startOn to endOn (inclusive) costs for a renter declaring `eligibility`. */
export function quote(
  terms: RentalTerms,
  startOn: string,
  endOn: string,
  eligibility: RentalEligibility | null | undefined,
): RentalQuote {
  const days = bookedDays(startOn, endOn);
  const { rentFen, periods } = rentFor(terms, days);
  const subsidyFen = subsidised(terms, eligibility) ? divRound(rentFen * terms.subsidyPercent, 100) : 0;
  const payableFen = rentFen - subsidyFen;
  return {
    feeKind: terms.feeKind,
    days,
    periods,
    rentFen,
    subsidyPercent: subsidyFen > 0 ? terms.subsidyPercent : 0,
    subsidyFen,
    payableFen,
    depositFen: terms.depositFen,
    upfrontFen: payableFen + terms.depositFen,
    overdueFeePerDayFen: overdueFeePerDay(terms),
  };
}

/** The date `n` working days after `date` (weekends and statutory holidays skipped, 调休 days worked). */
export function addWorkingDays(date: string, n: number, calendar: StatutoryCalendar = chinaCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    const next = addDays(d, 1);
    d = next.date;
    const statutory = calendar(d);
    const working = statutory ? statutory.kind === 'workday' : next.weekday <= 5;
    if (working) left -= 1;
  }
  return d;
}

export interface SettleInput {
  terms: RentalTerms;
  startOn: string;
  /** The due date (extensions included). */
  endOn: string;
  eligibility: RentalEligibility | null;
  /** Staff checked the declared category at hand-over; unchecked, the renter pays the difference. */
  eligibilityVerified: boolean;
  rentPaidFen: number;
  depositTakenFen: number;
  returnedOn: string;
  damageFen: number;
}

/** The receipt at return: charges against what was taken, the refund or what is still owed. */
export function settle(input: SettleInput, calendar: StatutoryCalendar = chinaCalendar): RentalSettlement {
  for (const v of [input.rentPaidFen, input.depositTakenFen, input.damageFen])
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError('settle: amounts are fen ≥ 0');
  const q = quote(input.terms, input.startOn, input.endOn, input.eligibilityVerified ? input.eligibility : null);
  const overdueDays = Math.max(0, daysBetween(input.endOn, input.returnedOn));
  const perDay = overdueFeePerDay(input.terms);
  const overdueFeeFen = perDay * overdueDays;
  const chargesFen = q.payableFen + overdueFeeFen + input.damageFen;
  const takenFen = input.rentPaidFen + input.depositTakenFen;
  return {
    dueOn: input.endOn,
    returnedOn: input.returnedOn,
    overdueDays,
    overdueFeePerDayFen: perDay,
    overdueFeeFen,
    rentFen: q.rentFen,
    subsidyFen: q.subsidyFen,
    payableRentFen: q.payableFen,
    damageFen: input.damageFen,
    chargesFen,
    rentPaidFen: input.rentPaidFen,
    depositTakenFen: input.depositTakenFen,
    takenFen,
    refundFen: Math.max(0, takenFen - chargesFen),
    owedFen: Math.max(0, chargesFen - takenFen),
    refundBy: addWorkingDays(input.returnedOn, REFUND_WORKING_DAYS, calendar),
  };
}

/** 12.5元 / 10元 / 0.05元: fen as yuan, without trailing zeros. */
export function yuan(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(fenAmount);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  const tail = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${String(cents).padStart(2, '0')}`;
  return `${sign}${whole}${tail}元`;
}

/** What the fee rule says in a line: 免费借用 / 每天5元 / 每月400元 / 每6个月1050元 / 每7天30元. */
export function feeText(terms: Pick<RentalTerms, 'feeKind' | 'feeFen' | 'periodDays'>): string {
  const kind: RentalFeeKind = terms.feeKind;
  if (kind === 'free') return '免费借用';
  if (kind === 'per_day') return `每天${yuan(terms.feeFen)}`;
  const days = terms.periodDays ?? 180;
  const months = days % 30 === 0 ? days / 30 : null;
  const span = months === 1 ? '月' : months ? `${months}个月` : `${days}天`;
  return `每${span}${yuan(terms.feeFen)}`;
}
