import type { RentalEligibility, RentalFeeKind } from '../enums';

/**
 * The money of a rental (shared/domain/rental-fees.ts). Every amount is integer fen (分), never a
 * float; every amount on a page or a receipt is one of these fields, never recomputed elsewhere.
 */

/** An item type's terms, as stored on rental_item_types. */
export interface RentalTerms {
  feeKind: RentalFeeKind;
  /** Per day (per_day) or per period (per_period); 0 for free. */
  feeFen: number;
  /** Days in a period (per_period only; the city scheme: 180). */
  periodDays: number | null;
  depositFen: number;
  /** 0–100: the share of the rent the subsidy pays. */
  subsidyPercent: number;
  subsidyFor: readonly RentalEligibility[];
}

/** What a booking costs, shown before booking and stored on it. */
export interface RentalQuote {
  feeKind: RentalFeeKind;
  /** Days booked, start and due date included. */
  days: number;
  /** Periods charged (per_period: days ÷ periodDays rounded up; otherwise 0). */
  periods: number;
  /** The full rent before any subsidy. */
  rentFen: number;
  subsidyPercent: number;
  /** Paid by the subsidy (0 when the declared category is not one the subsidy is for). */
  subsidyFen: number;
  /** The renter's part of the rent: rentFen − subsidyFen. */
  payableFen: number;
  depositFen: number;
  /** Paid at hand-over: payableFen + depositFen. */
  upfrontFen: number;
  /** The overdue fee per day (per_period: the period's rent ÷ its days, i.e. ÷ 180 in the scheme). */
  overdueFeePerDayFen: number;
}

/** The receipt at return. */
export interface RentalSettlement {
  dueOn: string;
  returnedOn: string;
  overdueDays: number;
  overdueFeePerDayFen: number;
  overdueFeeFen: number;
  /** The rent for the dates finally booked (extensions included), before subsidy. */
  rentFen: number;
  /** 0 when staff could not verify the declared category (the renter pays the difference). */
  subsidyFen: number;
  payableRentFen: number;
  damageFen: number;
  /** payableRentFen + overdueFeeFen + damageFen. */
  chargesFen: number;
  /** Taken at hand-over: rent paid + deposit. */
  rentPaidFen: number;
  depositTakenFen: number;
  takenFen: number;
  /** What is given back (takenFen − chargesFen when positive). refundFen + chargesFen = takenFen + owedFen. */
  refundFen: number;
  /** What the renter still pays (chargesFen − takenFen when positive). */
  owedFen: number;
  /** The refund is due by this date: 3 working days after the return. */
  refundBy: string;
}
