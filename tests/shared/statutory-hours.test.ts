import { describe, expect, it } from 'vitest';
import {
  dayPlan,
  type OfficeHours,
  officeState,
  officeStatusText,
  upcomingClosures,
} from '../../shared/domain/office-hours';
import { calendarFrom, chinaCalendar, noStatutoryDays, statutoryYears } from '../../shared/domain/statutory-calendar';

// chinese-days 1.5.7 covers 2004–2026: the tests use 2026 (National Day 10-01…10-07 with 调休 on
// Sunday 09-20 and Saturday 10-10; Spring Festival 02-15…02-23 with 调休 on Saturdays 02-14 and 02-28).
// Spring Festival 2027 is not published in the package yet.

const lunch = [
  { start: '08:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];
const hours: OfficeHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: lunch })),
  exceptions: [],
};
const china = (local: string) => new Date(`${local}:00+08:00`);

describe('chinaCalendar (chinese-days)', () => {
  it('covers 2026 and reads the Chinese holiday names', () => {
    expect(statutoryYears).toContain(2026);
    expect(chinaCalendar('2026-10-01')).toEqual({ kind: 'holiday', name: '国庆节' });
    expect(chinaCalendar('2026-10-10')).toEqual({ kind: 'workday', name: '国庆节' });
    expect(chinaCalendar('2026-02-17')).toEqual({ kind: 'holiday', name: '春节' });
    expect(chinaCalendar('2026-09-19')).toBeNull(); // an ordinary Saturday
    expect(chinaCalendar('2026-10-08')).toBeNull(); // an ordinary Thursday
  });
});

describe('dayPlan', () => {
  it('closes a statutory holiday on a weekday', () => {
    expect(dayPlan(hours, '2026-10-01')).toEqual({
      date: '2026-10-01',
      weekday: 4,
      periods: [],
      note: '国庆节放假',
      source: 'holiday',
    });
  });

  it('opens a 调休 Saturday or Sunday with an ordinary working day’s hours', () => {
    expect(dayPlan(hours, '2026-10-10')).toMatchObject({ weekday: 6, periods: lunch, note: '国庆节调休上班' });
    expect(dayPlan(hours, '2026-09-20')).toMatchObject({ weekday: 7, periods: lunch, source: 'workday' });
    expect(dayPlan(hours, '2026-02-14')).toMatchObject({ weekday: 6, periods: lunch, note: '春节调休上班' });
  });

  it('lets the committee’s own exception win over the statutory calendar', () => {
    const staffed: OfficeHours = {
      ...hours,
      exceptions: [
        { date: '2026-10-03', periods: [{ start: '09:00', end: '11:00' }], note: '节日值班' },
        { date: '2026-10-10', periods: [], note: '居委不调休' },
      ],
    };
    expect(dayPlan(staffed, '2026-10-03')).toMatchObject({
      periods: [{ start: '09:00', end: '11:00' }],
      source: 'committee',
    });
    expect(dayPlan(staffed, '2026-10-10')).toMatchObject({ periods: [], note: '居委不调休', source: 'committee' });
  });

  it('uses the weekly hours only when the calendar has nothing to say', () => {
    expect(dayPlan(hours, '2026-10-01', noStatutoryDays)).toMatchObject({ periods: lunch, source: 'weekly' });
    const custom = calendarFrom({ holidays: { '2026-12-02': 'Test,测试日,1' }, workdays: {} });
    expect(dayPlan(hours, '2026-12-02', custom).note).toBe('测试日放假');
  });
});

describe('officeState and its words', () => {
  it('says 午休中 between two periods, with the time it opens again', () => {
    const state = officeState(hours, china('2026-12-01T12:10'));
    expect(state).toMatchObject({ status: 'closed', phase: 'lunch', next: { time: '13:30', daysAhead: 0 } });
    expect(officeStatusText(state)).toBe('午休中，13:30 开始办公');
  });

  it('says 办公中 with the end of the running period, and 还没开始办公 before the first', () => {
    expect(officeStatusText(officeState(hours, china('2026-12-01T09:00')))).toBe('办公中，11:30 结束');
    expect(officeStatusText(officeState(hours, china('2026-12-01T07:00')))).toBe('还没开始办公，08:30 开始办公');
  });

  it('after hours on a Tuesday: tomorrow 08:30', () => {
    const state = officeState(hours, china('2026-12-01T17:30'));
    expect(state.phase).toBe('after');
    expect(officeStatusText(state)).toBe('已下班，明天 08:30 开始办公');
  });

  it('after hours on a Friday: names Monday and its date', () => {
    expect(officeStatusText(officeState(hours, china('2026-12-04T18:00')))).toBe(
      '已下班，周一（12月7日）08:30 开始办公',
    );
  });

  it('after hours on Saturday: 后天 is Monday', () => {
    expect(officeStatusText(officeState(hours, china('2026-12-05T10:00')))).toBe('今天休息，后天 08:30 开始办公');
  });

  it('before National Day: skips the whole holiday to Thursday 10-08', () => {
    const state = officeState(hours, china('2026-09-30T17:30'));
    expect(state.next).toEqual({ date: '2026-10-08', weekday: 4, time: '08:30', daysAhead: 8 });
    expect(officeStatusText(state)).toBe('已下班，周四（10月8日）08:30 开始办公');
  });

  it('on a holiday: a day off with the holiday named', () => {
    const state = officeState(hours, china('2026-10-02T10:00'));
    expect(state).toMatchObject({ status: 'day_off', note: '国庆节放假' });
    expect(officeStatusText(state)).toBe('今天休息（国庆节放假），周四（10月8日）08:30 开始办公');
  });

  it('the Friday before a 调休 Saturday: tomorrow, not Monday', () => {
    // Spring Festival 2026: Saturday 02-14 is a working day.
    expect(officeStatusText(officeState(hours, china('2026-02-13T18:00')))).toBe('已下班，明天 08:30 开始办公');
    // On that Saturday the office is open.
    expect(officeState(hours, china('2026-02-14T10:00')).status).toBe('open');
    // Saturday 02-14 after hours: the holiday follows, next opening is 02-24.
    expect(officeState(hours, china('2026-02-14T18:00')).next).toMatchObject({ date: '2026-02-24', daysAhead: 10 });
  });

  it('has no next opening for a committee without any hours', () => {
    const state = officeState({ weekly: [], exceptions: [] }, china('2026-12-01T10:00'), noStatutoryDays);
    expect(state.next).toBeNull();
    expect(officeStatusText(state)).toBe('今天休息');
  });
});

describe('upcomingClosures', () => {
  it('lists the National Day closure as one run and the 调休 working days around it', () => {
    expect(upcomingClosures(hours, china('2026-09-18T10:00'))).toEqual([
      { kind: 'extra_workday', from: '2026-09-20', to: '2026-09-20', note: '国庆节调休上班', periods: lunch },
      { kind: 'closed', from: '2026-09-25', to: '2026-09-27', note: '中秋放假', periods: [] },
      { kind: 'closed', from: '2026-10-01', to: '2026-10-02', note: '国庆节放假', periods: [] },
    ]);
  });

  it('looks 14 days ahead from tomorrow, and ignores ordinary weekends', () => {
    const runs = upcomingClosures(hours, china('2026-09-30T10:00'));
    expect(runs).toEqual([
      { kind: 'closed', from: '2026-10-01', to: '2026-10-07', note: '国庆节放假', periods: [] },
      { kind: 'extra_workday', from: '2026-10-10', to: '2026-10-10', note: '国庆节调休上班', periods: lunch },
    ]);
    expect(upcomingClosures(hours, china('2026-11-02T10:00'))).toEqual([]);
  });

  it('includes the committee’s own closures on working days', () => {
    const own: OfficeHours = { ...hours, exceptions: [{ date: '2026-11-10', periods: [], note: '居委搬家' }] };
    expect(upcomingClosures(own, china('2026-11-02T10:00'))).toEqual([
      { kind: 'closed', from: '2026-11-10', to: '2026-11-10', note: '居委搬家', periods: [] },
    ]);
  });
});
