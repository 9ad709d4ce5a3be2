import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { OfficeHoursView, OfficeStatusBadge, UpcomingClosures } from '../../miniprogram/components/OfficeHours';
import {
  exceptionsToText,
  parseOfficeHours,
  parsePeriods,
  weeklyToTexts,
} from '../../miniprogram/lib/office-hours-text';
import { resetApp, weekdayHours } from './helpers';

beforeEach(resetApp);

// 2025-03-05 is a Wednesday. Times are UTC; China is UTC+8.
const at = (iso: string) => new Date(iso);

function status() {
  return document.querySelector('#office-status');
}

describe('office hours on the committee card', () => {
  it('says 办公中 inside a period (Wednesday 10:00 China time)', () => {
    render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-05T02:00:00Z')} />);
    expect(status()?.textContent).toBe('办公中');
    expect(status()?.className).toContain('office-status--open');
    expect(screen.getByText(/今天：08:30–11:30、13:30–17:00/)).toBeTruthy();
  });

  it('says 午休中 at lunch time with the time it opens again, and 已下班 after 17:00 with tomorrow', () => {
    const { unmount } = render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-05T04:00:00Z')} />);
    expect(status()?.textContent).toBe('午休中');
    expect(document.querySelector('#office-status-text')?.textContent).toBe('午休中，13:30 开始办公');
    unmount();
    render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-05T09:00:00Z')} />);
    expect(status()?.textContent).toBe('已下班');
    expect(document.querySelector('#office-status-text')?.textContent).toBe('已下班，明天 08:30 开始办公');
  });

  it('lists the holiday closures of the next 14 days (National Day 2026)', () => {
    render(<UpcomingClosures hours={{ ...weekdayHours, exceptions: [] }} now={at('2026-09-30T02:00:00Z')} />);
    expect(document.querySelector('#closure-2026-10-01')?.textContent).toBe('10月1日–10月7日 不办公（国庆节放假）');
    expect(document.querySelector('#closure-2026-10-10')?.textContent).toBe(
      '10月10日 照常办公 08:30–11:30、13:30–17:00（国庆节调休上班）',
    );
  });

  it('shows no holiday list when nothing unusual is coming', () => {
    render(<UpcomingClosures hours={{ ...weekdayHours, exceptions: [] }} now={at('2026-11-02T02:00:00Z')} />);
    expect(document.querySelector('#office-closures')).toBeNull();
  });

  it('uses China time, not the phone zone: 23:30 UTC Tuesday is Wednesday 07:30 in China, before opening', () => {
    render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-04T23:30:00Z')} />);
    expect(status()?.textContent).toBe('已下班');
  });

  it('says 今日休息 on Sunday and on a listed holiday, with its note', () => {
    const { unmount } = render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-09T02:00:00Z')} />);
    expect(status()?.textContent).toBe('今日休息');
    expect(document.querySelector('#office-today')?.textContent).toBe('今天：休息');
    unmount();
    // 2025-10-01 is a Wednesday, but 国庆节.
    render(<OfficeHoursView hours={weekdayHours} now={at('2025-10-01T02:00:00Z')} />);
    expect(status()?.textContent).toBe('今日休息');
    expect(document.querySelector('#office-today')?.textContent).toBe('今天：休息（国庆节）');
  });

  it('lists the whole week', () => {
    render(<OfficeHoursView hours={weekdayHours} now={at('2025-03-05T02:00:00Z')} />);
    const rows = [...document.querySelectorAll('.office-week-row')].map((r) => r.textContent);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toBe('周一08:30–11:30、13:30–17:00');
    expect(rows[6]).toBe('周日休息');
  });

  it('shows the server status in list badges', () => {
    render(<OfficeStatusBadge status="day_off" id="b" />);
    expect(document.querySelector('#b')?.textContent).toBe('今日休息');
  });
});

describe('office hours editor text', () => {
  it('reads what a worker types, in any common form', () => {
    expect(parsePeriods('8:30-11:30，13:30 至 17:00').periods).toEqual([
      { start: '08:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(parsePeriods('').periods).toEqual([]);
    expect(parsePeriods('17:00-08:00').error).toMatch(/结束要晚于开始/);
    expect(parsePeriods('上午').error).toMatch(/看不懂/);
  });

  it('round-trips the weekly hours and the holidays', () => {
    const parsed = parseOfficeHours(weeklyToTexts(weekdayHours), exceptionsToText(weekdayHours));
    expect(parsed.errors).toEqual([]);
    expect(parsed.hours).toEqual(weekdayHours);
  });

  it('points at the wrong line', () => {
    const parsed = parseOfficeHours(['', '', '', '', '', '', ''], '2025-10-01 休息 国庆节\n10月2日 休息');
    expect(parsed.hours).toBeNull();
    expect(parsed.errors[0].message).toBe('第2行：日期请写成 2025-10-01');
  });
});
