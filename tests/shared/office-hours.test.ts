import { describe, expect, it } from 'vitest';
import { chinaClock, type OfficeHours, officeHoursSchema, officeState } from '../../shared/domain/office-hours';

const weekdayHours = [
  { start: '08:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

const hours: OfficeHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: weekdayHours })),
  exceptions: [
    { date: '2024-10-01', periods: [], note: '国庆节' },
    { date: '2024-10-12', periods: weekdayHours, note: '调休上班' },
    { date: '2024-10-08', periods: [{ start: '09:00', end: '12:00' }], note: '节后半天' },
  ],
};

/** China time → the UTC instant (China is UTC+8 all year). */
const china = (local: string) => new Date(`${local}:00+08:00`);

describe('chinaClock', () => {
  it('reads the date, weekday (1 = Monday … 7 = Sunday) and time in China', () => {
    expect(chinaClock(new Date('2024-09-09T02:00:00Z'))).toEqual({ date: '2024-09-09', weekday: 1, time: '10:00' });
    expect(chinaClock(new Date('2024-09-08T02:00:00Z'))).toEqual({ date: '2024-09-08', weekday: 7, time: '10:00' });
  });

  it('turns to the next day at 16:00Z, not at midnight UTC', () => {
    expect(chinaClock(new Date('2024-09-08T15:59:59Z'))).toEqual({ date: '2024-09-08', weekday: 7, time: '23:59' });
    expect(chinaClock(new Date('2024-09-08T16:00:00Z'))).toEqual({ date: '2024-09-09', weekday: 1, time: '00:00' });
    expect(chinaClock(new Date('2024-09-09T00:00:00Z'))).toEqual({ date: '2024-09-09', weekday: 1, time: '08:00' });
  });

  it('crosses the year and a leap day on China time', () => {
    expect(chinaClock(new Date('2024-12-31T16:00:00Z'))).toEqual({ date: '2025-01-01', weekday: 3, time: '00:00' });
    expect(chinaClock(new Date('2024-02-28T16:30:00Z'))).toEqual({ date: '2024-02-29', weekday: 4, time: '00:30' });
  });

  it('does not depend on the time zone of the machine running it', () => {
    const instant = new Date('2024-06-30T20:15:00Z');
    expect(chinaClock(instant)).toEqual({ date: '2024-07-01', weekday: 1, time: '04:15' });
  });
});

describe('officeState', () => {
  it('is open inside a period on a weekday, with the day’s periods and no note', () => {
    expect(officeState(hours, china('2024-09-09T10:00'))).toMatchObject({
      status: 'open',
      today: weekdayHours,
      note: null,
    });
  });

  it('opens at the start minute and closes at the end minute', () => {
    expect(officeState(hours, china('2024-09-09T08:29')).status).toBe('closed');
    expect(officeState(hours, china('2024-09-09T08:30')).status).toBe('open');
    expect(officeState(hours, china('2024-09-09T11:29')).status).toBe('open');
    expect(officeState(hours, china('2024-09-09T11:30')).status).toBe('closed');
    expect(officeState(hours, china('2024-09-09T12:00')).status).toBe('closed');
    expect(officeState(hours, china('2024-09-09T13:30')).status).toBe('open');
    expect(officeState(hours, china('2024-09-09T17:00')).status).toBe('closed');
  });

  it('is a day off on a weekend day without hours', () => {
    expect(officeState(hours, china('2024-09-07T10:00'))).toMatchObject({ status: 'day_off', today: [], note: null });
    expect(officeState(hours, china('2024-09-08T10:00')).status).toBe('day_off');
  });

  it('lets a holiday exception close a weekday, with its note', () => {
    // 2024-10-01 is a Tuesday.
    expect(officeState(hours, china('2024-10-01T10:00'))).toMatchObject({
      status: 'day_off',
      today: [],
      note: '国庆节',
    });
  });

  it('lets a make-up working day (调休) open a Saturday', () => {
    // 2024-10-12 is a Saturday.
    expect(officeState(hours, china('2024-10-12T10:00'))).toMatchObject({
      status: 'open',
      today: weekdayHours,
      note: '调休上班',
    });
    expect(officeState(hours, china('2024-10-12T18:00')).status).toBe('closed');
    expect(officeState(hours, china('2024-10-19T10:00')).status).toBe('day_off');
  });

  it('uses only the exception’s periods on a shortened day', () => {
    const state = officeState(hours, china('2024-10-08T14:00'));
    expect(state).toMatchObject({ status: 'closed', today: [{ start: '09:00', end: '12:00' }], note: '节后半天' });
    expect(officeState(hours, china('2024-10-08T09:30')).status).toBe('open');
  });

  it('judges the day by China time at the UTC+8 date boundary', () => {
    // Sunday 23:59 in China, 15:59Z: a day off. A minute later it is Monday 00:00 there: closed, not a day off.
    expect(officeState(hours, new Date('2024-09-08T15:59:00Z')).status).toBe('day_off');
    expect(officeState(hours, new Date('2024-09-08T16:00:00Z')).status).toBe('closed');
    // Monday 00:30Z is 08:30 in China: open, although it is still early morning in UTC.
    expect(officeState(hours, new Date('2024-09-09T00:30:00Z')).status).toBe('open');
    // The holiday starts at 16:00Z the day before.
    expect(officeState(hours, new Date('2024-09-30T16:00:00Z')).note).toBe('国庆节');
    expect(officeState(hours, new Date('2024-09-30T15:59:00Z')).note).toBeNull();
  });

  it('is always a day off for a committee with no hours set', () => {
    expect(officeState({ weekly: [], exceptions: [] }, china('2024-09-09T10:00')).status).toBe('day_off');
  });
});

describe('officeHoursSchema', () => {
  it('accepts the weekly hours with exceptions', () => {
    expect(officeHoursSchema.safeParse(hours).success).toBe(true);
  });

  it('refuses a period that ends before it starts, or at the same minute', () => {
    for (const period of [
      { start: '17:00', end: '08:30' },
      { start: '09:00', end: '09:00' },
    ]) {
      const result = officeHoursSchema.safeParse({ weekly: [{ weekday: 1, periods: [period] }], exceptions: [] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe('结束时间要晚于开始时间');
    }
  });

  it('refuses times that are not HH:MM on a 24-hour clock, weekdays outside 1–7 and malformed dates', () => {
    const bad = [
      { weekly: [{ weekday: 1, periods: [{ start: '8:30', end: '11:30' }] }], exceptions: [] },
      { weekly: [{ weekday: 1, periods: [{ start: '08:30', end: '24:00' }] }], exceptions: [] },
      { weekly: [{ weekday: 0, periods: [] }], exceptions: [] },
      { weekly: [{ weekday: 8, periods: [] }], exceptions: [] },
      { weekly: [], exceptions: [{ date: '2024/10/01', periods: [] }] },
    ];
    for (const value of bad) expect(officeHoursSchema.safeParse(value).success).toBe(false);
  });
});
