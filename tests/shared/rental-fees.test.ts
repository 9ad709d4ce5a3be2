import { describe, expect, it } from 'vitest';
import type { RentalTerms } from '../../shared/domain/rental-fee-types';
import {
  addWorkingDays,
  bookedDays,
  daysBetween,
  divRound,
  feeText,
  overdueFeePerDay,
  quote,
  type SettleInput,
  settle,
  yuan,
} from '../../shared/domain/rental-fees';
import { chinaCalendar, noStatutoryDays } from '../../shared/domain/statutory-calendar';

/*
 * The fee table: every figure below is worked out by hand from ../shared/DOMAIN-RULES.md (the
 * rental section) and docs/decisions/023-rentals.md, not read off the code.
 */

const free: RentalTerms = {
  feeKind: 'free',
  feeFen: 0,
  periodDays: null,
  depositFen: 0,
  subsidyPercent: 0,
  subsidyFor: [],
};
/** A committee's walker: 5元 a day, 200元 deposit. */
const perDay: RentalTerms = {
  feeKind: 'per_day',
  feeFen: 500,
  periodDays: null,
  depositFen: 20000,
  subsidyPercent: 0,
  subsidyFor: [],
};
/** The city scheme: 1050元 per 180-day rental, deposit = the full rent, half paid for elderly and low-income renters. */
const scheme: RentalTerms = {
  feeKind: 'per_period',
  feeFen: 105000,
  periodDays: 180,
  depositFen: 105000,
  subsidyPercent: 50,
  subsidyFor: ['elderly', 'low_income'],
};
/** DOMAIN-RULES: "an electric wheelchair 1,050 yuan per 3 months, half paid by the city subsidy". */
const wheelchair: RentalTerms = {
  feeKind: 'per_period',
  feeFen: 105000,
  periodDays: 90,
  depositFen: 50000,
  subsidyPercent: 50,
  subsidyFor: ['elderly'],
};

describe('days', () => {
  it('counts whole days, the first and the due day both booked', () => {
    expect(daysBetween('2026-03-01', '2026-03-10')).toBe(9);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(bookedDays('2026-03-01', '2026-03-10')).toBe(10);
    expect(bookedDays('2026-03-01', '2026-03-01')).toBe(1);
    // across a leap day and a year end
    expect(bookedDays('2028-02-28', '2028-03-01')).toBe(3);
    expect(bookedDays('2026-12-31', '2027-01-01')).toBe(2);
  });

  it('halves round up, everything else to the nearest fen', () => {
    expect(divRound(105000, 180)).toBe(583); // 583.33
    expect(divRound(100890, 180)).toBe(561); // 560.5
    expect(divRound(100889, 180)).toBe(560); // 560.49…
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(4, 10)).toBe(0);
    expect(divRound(0, 7)).toBe(0);
    expect(() => divRound(-1, 2)).toThrow(RangeError);
    expect(() => divRound(1, 0)).toThrow(RangeError);
    expect(() => divRound(1.5, 2)).toThrow(RangeError);
  });
});

describe('quote', () => {
  it('a free loan costs nothing but its deposit', () => {
    expect(quote({ ...free, depositFen: 5000 }, '2026-03-02', '2026-03-08', 'elderly')).toEqual({
      feeKind: 'free',
      days: 7,
      periods: 0,
      rentFen: 0,
      subsidyPercent: 0,
      subsidyFen: 0,
      payableFen: 0,
      depositFen: 5000,
      upfrontFen: 5000,
      overdueFeePerDayFen: 0,
    });
  });

  it('per day: 5元 a day for 10 days is 50元', () => {
    expect(quote(perDay, '2026-03-01', '2026-03-10', null)).toEqual({
      feeKind: 'per_day',
      days: 10,
      periods: 0,
      rentFen: 5000,
      subsidyPercent: 0,
      subsidyFen: 0,
      payableFen: 5000,
      depositFen: 20000,
      upfrontFen: 25000,
      overdueFeePerDayFen: 500,
    });
  });

  it('the scheme: 1050元 for 180 days, half for an elderly renter, the deposit at most the rent', () => {
    const q = quote(scheme, '2026-01-01', '2026-06-29', 'elderly');
    expect(q).toEqual({
      feeKind: 'per_period',
      days: 180,
      periods: 1,
      rentFen: 105000,
      subsidyPercent: 50,
      subsidyFen: 52500,
      payableFen: 52500,
      depositFen: 105000,
      upfrontFen: 157500,
      overdueFeePerDayFen: 583,
    });
    expect(q.depositFen).toBeLessThanOrEqual(q.rentFen);
  });

  it('periods round up: 181 days are 2 periods, 1 day is 1', () => {
    const q = quote(scheme, '2026-01-01', '2026-06-30', null);
    expect(q).toMatchObject({ days: 181, periods: 2, rentFen: 210000, subsidyFen: 0, payableFen: 210000 });
    expect(quote(scheme, '2026-01-01', '2026-01-01', null)).toMatchObject({ days: 1, periods: 1, rentFen: 105000 });
    expect(quote(scheme, '2026-01-01', '2026-12-27', null)).toMatchObject({ days: 361, periods: 3, rentFen: 315000 });
  });

  it('a per-period item without a period length uses the scheme’s 180 days', () => {
    const q = quote({ ...scheme, periodDays: null }, '2026-01-01', '2026-06-30', null);
    expect(q).toMatchObject({ periods: 2, rentFen: 210000, overdueFeePerDayFen: 583 });
  });

  it('the electric wheelchair of DOMAIN-RULES: an eligible elderly renter pays 525元, an undeclared one 1050元', () => {
    const elderly = quote(wheelchair, '2026-04-01', '2026-06-29', 'elderly');
    expect(elderly).toMatchObject({
      days: 90,
      periods: 1,
      rentFen: 105000,
      subsidyPercent: 50,
      subsidyFen: 52500,
      payableFen: 52500,
      upfrontFen: 102500,
    });
    expect(yuan(elderly.payableFen)).toBe('525元');
    const undeclared = quote(wheelchair, '2026-04-01', '2026-06-29', null);
    expect(undeclared).toMatchObject({ rentFen: 105000, subsidyPercent: 0, subsidyFen: 0, payableFen: 105000 });
    expect(yuan(undeclared.payableFen)).toBe('1050元');
    // a declared category the subsidy is not for pays in full too
    expect(quote(wheelchair, '2026-04-01', '2026-06-29', 'disabled')).toMatchObject({
      subsidyPercent: 0,
      subsidyFen: 0,
      payableFen: 105000,
    });
    // 91 days: a second 3-month period
    expect(quote(wheelchair, '2026-04-01', '2026-06-30', 'elderly')).toMatchObject({
      periods: 2,
      rentFen: 210000,
      subsidyFen: 105000,
      payableFen: 105000,
    });
  });

  it('a half fen of subsidy goes to the renter (the subsidy rounds up)', () => {
    const terms: RentalTerms = { ...perDay, feeFen: 105, subsidyPercent: 50, subsidyFor: ['temporary'] };
    expect(quote(terms, '2026-03-01', '2026-03-01', 'temporary')).toMatchObject({
      rentFen: 105,
      subsidyFen: 53,
      payableFen: 52,
    });
    // 100% subsidy: nothing to pay but the deposit
    expect(quote({ ...scheme, subsidyPercent: 100 }, '2026-01-01', '2026-06-29', 'low_income')).toMatchObject({
      subsidyFen: 105000,
      payableFen: 0,
      upfrontFen: 105000,
    });
  });

  it('a due date before the start, a bad date or terms the database refuses are refused', () => {
    expect(() => quote(perDay, '2026-03-10', '2026-03-09', null)).toThrow(RangeError);
    expect(() => quote(perDay, '2026-03-10', '2026-02-30x', null)).toThrow(RangeError);
    // a subsidy over 100% would make the renter's part negative
    expect(() => quote({ ...scheme, subsidyPercent: 120 }, '2026-01-01', '2026-01-01', 'elderly')).toThrow(RangeError);
    expect(() => quote({ ...scheme, periodDays: 0 }, '2026-01-01', '2026-01-01', null)).toThrow(RangeError);
    expect(() => quote({ ...perDay, feeFen: -500 }, '2026-01-01', '2026-01-01', null)).toThrow(RangeError);
    expect(() => quote({ ...perDay, feeFen: 2.5 }, '2026-01-01', '2026-01-01', null)).toThrow(RangeError);
    expect(() => quote({ ...perDay, depositFen: -1 }, '2026-01-01', '2026-01-01', null)).toThrow(RangeError);
  });
});

describe('overdue fee per day', () => {
  it('the scheme: the full rent ÷ 180, rounded half up to the fen', () => {
    expect(overdueFeePerDay(scheme)).toBe(583); // 1050元 ÷ 180 = 5.833…元
    expect(overdueFeePerDay({ ...scheme, feeFen: 100890 })).toBe(561); // 560.5 fen rounds up
    expect(overdueFeePerDay({ ...scheme, feeFen: 100889 })).toBe(560);
    expect(overdueFeePerDay({ ...scheme, feeFen: 90 })).toBe(1); // 0.5 fen rounds up
  });
  it('a per-period item: its period’s rent ÷ its days', () => {
    expect(overdueFeePerDay(wheelchair)).toBe(1167); // 105000 ÷ 90 = 1166.67
  });
  it('per day: the daily fee; free: nothing', () => {
    expect(overdueFeePerDay(perDay)).toBe(500);
    expect(overdueFeePerDay(free)).toBe(0);
    expect(overdueFeePerDay({ ...free, depositFen: 30000 })).toBe(0);
  });
});

describe('settle', () => {
  /** An elderly renter, checked at hand-over, on the scheme from 1 Jan to 29 Jun 2026 (a Monday). */
  const base: SettleInput = {
    terms: scheme,
    startOn: '2026-01-01',
    endOn: '2026-06-29',
    eligibility: 'elderly',
    eligibilityVerified: true,
    rentPaidFen: 52500,
    depositTakenFen: 105000,
    returnedOn: '2026-06-29',
    damageFen: 0,
  };

  it('on time: the deposit comes back whole', () => {
    expect(settle(base)).toEqual({
      dueOn: '2026-06-29',
      returnedOn: '2026-06-29',
      overdueDays: 0,
      overdueFeePerDayFen: 583,
      overdueFeeFen: 0,
      rentFen: 105000,
      subsidyFen: 52500,
      payableRentFen: 52500,
      damageFen: 0,
      chargesFen: 52500,
      rentPaidFen: 52500,
      depositTakenFen: 105000,
      takenFen: 157500,
      refundFen: 105000,
      owedFen: 0,
      refundBy: '2026-07-02', // Mon → Thu
    });
  });

  it('early return: the rent is not refunded, only the deposit', () => {
    const s = settle({ ...base, returnedOn: '2026-03-01' });
    expect(s).toMatchObject({ overdueDays: 0, overdueFeeFen: 0, chargesFen: 52500, refundFen: 105000, owedFen: 0 });
    expect(s.refundBy).toBe('2026-03-04'); // returned on a Sunday: Mon, Tue, Wed
  });

  it('3 days late: 3 × 583 fen out of the deposit', () => {
    expect(settle({ ...base, returnedOn: '2026-07-02' })).toMatchObject({
      overdueDays: 3,
      overdueFeePerDayFen: 583,
      overdueFeeFen: 1749,
      chargesFen: 54249,
      takenFen: 157500,
      refundFen: 103251,
      owedFen: 0,
      refundBy: '2026-07-07', // Thu → Fri, Mon, Tue
    });
  });

  it('the overdue fee is not subsidised and a per-day item is charged its daily fee', () => {
    const s = settle({
      ...base,
      terms: perDay,
      startOn: '2026-03-01',
      endOn: '2026-03-10',
      eligibility: null,
      rentPaidFen: 5000,
      depositTakenFen: 20000,
      returnedOn: '2026-03-14',
    });
    expect(s).toMatchObject({ overdueDays: 4, overdueFeeFen: 2000, chargesFen: 7000, refundFen: 18000, owedFen: 0 });
    expect(settle({ ...base, terms: free, rentPaidFen: 0, returnedOn: '2026-08-29' })).toMatchObject({
      overdueDays: 61,
      overdueFeeFen: 0,
      chargesFen: 0,
      refundFen: 105000,
    });
  });

  it('damage bigger than the deposit: nothing back and the rest owed', () => {
    expect(settle({ ...base, damageFen: 120000 })).toMatchObject({
      damageFen: 120000,
      chargesFen: 172500,
      takenFen: 157500,
      refundFen: 0,
      owedFen: 15000,
    });
  });

  it('a category not checked at hand-over: the renter pays the difference', () => {
    const s = settle({ ...base, eligibilityVerified: false });
    expect(s).toMatchObject({
      subsidyFen: 0,
      payableRentFen: 105000,
      chargesFen: 105000,
      refundFen: 52500,
      owedFen: 0,
    });
    // with no deposit taken, the difference is owed
    expect(settle({ ...base, eligibilityVerified: false, depositTakenFen: 0 })).toMatchObject({
      takenFen: 52500,
      refundFen: 0,
      owedFen: 52500,
    });
  });

  it('an extension is charged on the dates finally booked', () => {
    // extended to 30 Jun: 181 days, a second period, half of it subsidised
    expect(settle({ ...base, endOn: '2026-06-30', rentPaidFen: 105000, returnedOn: '2026-06-30' })).toMatchObject({
      rentFen: 210000,
      subsidyFen: 105000,
      payableRentFen: 105000,
      chargesFen: 105000,
      refundFen: 105000,
    });
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => settle({ ...base, damageFen: -1 })).toThrow(RangeError);
    expect(() => settle({ ...base, rentPaidFen: 0.5 })).toThrow(RangeError);
    expect(() => settle({ ...base, depositTakenFen: Number.NaN })).toThrow(RangeError);
  });
});

describe('refund within 3 working days', () => {
  it('skips a weekend', () => {
    expect(addWorkingDays('2026-11-05', 3)).toBe('2026-11-10'); // Thu → Fri, Mon, Tue
    expect(addWorkingDays('2026-11-06', 3, noStatutoryDays)).toBe('2026-11-11'); // Fri → Mon, Tue, Wed
    expect(addWorkingDays('2026-11-07', 0)).toBe('2026-11-07');
  });

  it('skips 国庆 2026 and works its 调休 Saturday', () => {
    expect(chinaCalendar('2026-10-01')).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(chinaCalendar('2026-10-10')).toEqual({ kind: 'workday', name: '国庆节' });
    // Wed 30 Sep: 1–7 Oct off, then Thu 8, Fri 9 and the 调休 Saturday 10 Oct
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // Fri 9 Oct: the 调休 Saturday counts, Sunday does not
    expect(addWorkingDays('2026-10-09', 3)).toBe('2026-10-13');
    // the same dates without the statutory calendar
    expect(addWorkingDays('2026-09-30', 3, noStatutoryDays)).toBe('2026-10-05');
  });

  it('skips the 中秋 holiday (Fri 25 – Sun 27 Sep 2026)', () => {
    expect(addWorkingDays('2026-09-24', 3)).toBe('2026-09-30');
  });

  it('settle() gives the date', () => {
    const s = settle({
      terms: perDay,
      startOn: '2026-09-21',
      endOn: '2026-09-30',
      eligibility: null,
      eligibilityVerified: false,
      rentPaidFen: 5000,
      depositTakenFen: 20000,
      returnedOn: '2026-09-30',
      damageFen: 0,
    });
    expect(s.refundBy).toBe('2026-10-10');
  });
});

describe('texts', () => {
  it('yuan() writes fen as yuan without trailing zeros', () => {
    expect(yuan(0)).toBe('0元');
    expect(yuan(5)).toBe('0.05元');
    expect(yuan(50)).toBe('0.5元');
    expect(yuan(583)).toBe('5.83元');
    expect(yuan(1000)).toBe('10元');
    expect(yuan(1250)).toBe('12.5元');
    expect(yuan(105000)).toBe('1050元');
    expect(yuan(10_000_000)).toBe('100000元');
    expect(yuan(-150)).toBe('-1.5元');
  });

  it('feeText() says the rule in a line', () => {
    expect(feeText(free)).toBe('免费借用');
    expect(feeText(perDay)).toBe('每天5元');
    expect(feeText({ ...perDay, feeFen: 250 })).toBe('每天2.5元');
    expect(feeText(scheme)).toBe('每6个月1050元');
    expect(feeText({ ...scheme, periodDays: null })).toBe('每6个月1050元');
    expect(feeText(wheelchair)).toBe('每3个月1050元');
    expect(feeText({ ...scheme, feeFen: 40000, periodDays: 30 })).toBe('每月400元');
    expect(feeText({ ...scheme, feeFen: 3000, periodDays: 7 })).toBe('每7天30元');
    expect(feeText({ ...scheme, feeFen: 300000, periodDays: 365 })).toBe('每365天3000元');
  });
});
