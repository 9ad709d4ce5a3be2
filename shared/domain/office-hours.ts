import { z } from 'zod';
import type { OfficeStatus } from '../enums';
import { optionalText, text } from '../text';
import { chinaCalendar, type StatutoryCalendar } from './statutory-calendar';

const hhmm = text({ max: 5, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, messages: '时间格式应为 08:30' });

export const officePeriodSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((p) => p.start < p.end, { message: '结束时间要晚于开始时间' });

export const officeHoursSchema = z.object({
  /** weekday: 1 = Monday … 7 = Sunday (the way people in China count). */
  weekly: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), periods: z.array(officePeriodSchema).max(4) }))
    .max(7),
  /** Holidays and make-up working days (调休). A date listed here overrides the weekly hours. */
  exceptions: z
    .array(
      z.object({
        date: text({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, messages: '日期格式应为 2025-10-01' }),
        periods: z.array(officePeriodSchema).max(4),
        note: optionalText({ max: 40, messages: '说明最多40个字' }),
      }),
    )
    .max(120),
});
export type OfficeHours = z.infer<typeof officeHoursSchema>;

/** The same shape in a reply: what is stored is shown, without the input rules. */
const periodView = z.object({ start: z.string(), end: z.string() });
export const officeHoursView = z.object({
  weekly: z.array(z.object({ weekday: z.number().int(), periods: z.array(periodView) })),
  exceptions: z.array(z.object({ date: z.string(), periods: z.array(periodView), note: z.string().optional() })),
}) satisfies z.ZodType<OfficeHours>;
export type OfficePeriod = z.infer<typeof officePeriodSchema>;

/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function chinaClock(now: Date): { date: string; weekday: number; time: string } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  const day = local.getUTCDay();
  return { date, weekday: day === 0 ? 7 : day, time };
}

/** A date "YYYY-MM-DD" plus n days, and its weekday (1 = Monday … 7 = Sunday); pure calendar arithmetic. */
export function addDays(date: string, n: number): { date: string; weekday: number } {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const day = d.getUTCDay();
  return { date: d.toISOString().slice(0, 10), weekday: day === 0 ? 7 : day };
}

/** Why a day has the hours it has. */
export type DaySource = 'weekly' | 'committee' | 'holiday' | 'workday';

export interface DayPlan {
  date: string;
  weekday: number;
  periods: OfficePeriod[];
  note: string | null;
  source: DaySource;
}

/** The hours of an ordinary working day: what a 调休 working day on a weekend borrows. */
function regularWorkday(hours: OfficeHours): OfficePeriod[] {
  return (
    [...hours.weekly].sort((a, b) => a.weekday - b.weekday).find((d) => d.weekday <= 5 && d.periods.length > 0)
      ?.periods ?? []
  );
}

/**
 * The hours of one day. The committee's own exception for the date wins; then a statutory holiday
 * (closed); then a statutory make-up working day (调休上班: an ordinary working day's hours); then
 * the weekly hours.
 */
export function dayPlan(hours: OfficeHours, date: string, calendar: StatutoryCalendar = chinaCalendar): DayPlan {
  const weekday = addDays(date, 0).weekday;
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception)
    return { date, weekday, periods: exception.periods, note: exception.note ?? null, source: 'committee' };
  const statutory = calendar(date);
  if (statutory?.kind === 'holiday')
    return { date, weekday, periods: [], note: `${statutory.name}放假`, source: 'holiday' };
  if (statutory?.kind === 'workday') {
    return { date, weekday, periods: regularWorkday(hours), note: `${statutory.name}调休上班`, source: 'workday' };
  }
  const periods = hours.weekly.find((d) => d.weekday === weekday)?.periods ?? [];
  return { date, weekday, periods, note: null, source: 'weekly' };
}

/** Where the day is: in a period, between two (午休), before the first, after the last, or a day off. */
export type OfficePhase = 'open' | 'lunch' | 'before' | 'after' | 'day_off';

export interface NextOpening {
  date: string;
  weekday: number;
  time: string;
  /** 0 = later today, 1 = tomorrow, … */
  daysAhead: number;
}

export interface OfficeState {
  status: OfficeStatus;
  phase: OfficePhase;
  /** Today's periods, after exceptions and statutory days. */
  today: OfficePeriod[];
  /** The holiday or make-up-day note for today, if any. */
  note: string | null;
  /** When the period that is running ends. */
  closesAt: string | null;
  /** When the office opens next, if not open now (looked up to 30 days ahead). */
  next: NextOpening | null;
}

const LOOKAHEAD_DAYS = 30;

/** 办公中 / 已下班 / 今日休息 at a moment, from the weekly hours, exceptions and statutory days. */
export function officeState(hours: OfficeHours, now: Date, calendar: StatutoryCalendar = chinaCalendar): OfficeState {
  const clock = chinaClock(now);
  const plan = dayPlan(hours, clock.date, calendar);
  const today = plan.periods;
  const running = today.find((p) => p.start <= clock.time && clock.time < p.end);
  const base = { today, note: plan.note };
  if (running) return { ...base, status: 'open', phase: 'open', closesAt: running.end, next: null };

  const laterToday = today.find((p) => p.start > clock.time);
  if (laterToday) {
    const next = { date: clock.date, weekday: clock.weekday, time: laterToday.start, daysAhead: 0 };
    const phase = today.some((p) => p.end <= clock.time) ? 'lunch' : 'before';
    return { ...base, status: 'closed', phase, closesAt: null, next };
  }

  let next: NextOpening | null = null;
  for (let n = 1; n <= LOOKAHEAD_DAYS && !next; n++) {
    const day = dayPlan(hours, addDays(clock.date, n).date, calendar);
    if (day.periods.length) next = { date: day.date, weekday: day.weekday, time: day.periods[0].start, daysAhead: n };
  }
  if (today.length === 0) return { ...base, status: 'day_off', phase: 'day_off', closesAt: null, next };
  return { ...base, status: 'closed', phase: 'after', closesAt: null, next };
}

export const weekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** "10月8日" from "2026-10-08". */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function whenText(next: NextOpening): string {
  if (next.daysAhead === 0) return next.time;
  if (next.daysAhead === 1) return `明天 ${next.time}`;
  if (next.daysAhead === 2) return `后天 ${next.time}`;
  return `${weekdayLabels[next.weekday]}（${monthDay(next.date)}）${next.time}`;
}

/**
 * One line that says where the office stands and when it opens: "午休中，13:30 开始办公",
 * "已下班，明天 08:30 开始办公", "今天休息（国庆节放假），周四（10月8日）08:30 开始办公".
 */
export function officeStatusText(state: OfficeState): string {
  const opens = state.next ? `，${whenText(state.next)} 开始办公` : '';
  switch (state.phase) {
    case 'open':
      return `办公中，${state.closesAt} 结束`;
    case 'lunch':
      return `午休中${opens}`;
    case 'before':
      return `还没开始办公${opens}`;
    case 'after':
      return `已下班${opens}`;
    default:
      return `${state.note ? `今天休息（${state.note}）` : '今天休息'}${opens}`;
  }
}

/** A run of days the office keeps unusual hours: closed for a holiday, or open on a weekend (调休). */
export interface Closure {
  kind: 'closed' | 'extra_workday';
  from: string;
  to: string;
  note: string | null;
  /** Only for an extra working day: its hours. */
  periods: OfficePeriod[];
}

/**
 * Holiday closures and 调休 working days in the next `days` days (from tomorrow), consecutive days
 * with the same note joined into one run ("10月1日–10月7日 国庆节放假"). Ordinary weekends are not listed.
 */
export function upcomingClosures(
  hours: OfficeHours,
  now: Date,
  calendar: StatutoryCalendar = chinaCalendar,
  days = 14,
): Closure[] {
  const today = chinaClock(now).date;
  const runs: Closure[] = [];
  for (let n = 1; n <= days; n++) {
    const day = dayPlan(hours, addDays(today, n).date, calendar);
    const usual = hours.weekly.find((d) => d.weekday === day.weekday)?.periods ?? [];
    let kind: Closure['kind'] | null = null;
    if (day.periods.length === 0 && (day.source === 'holiday' || (day.source === 'committee' && usual.length > 0))) {
      kind = 'closed';
    } else if (day.periods.length > 0 && usual.length === 0 && day.source !== 'weekly') {
      kind = 'extra_workday';
    }
    const last = runs[runs.length - 1];
    if (kind === null) continue;
    if (
      kind === 'closed' &&
      last?.kind === 'closed' &&
      last.note === day.note &&
      addDays(last.to, 1).date === day.date
    ) {
      last.to = day.date;
      continue;
    }
    runs.push({ kind, from: day.date, to: day.date, note: day.note, periods: kind === 'closed' ? [] : day.periods });
  }
  return runs;
}
