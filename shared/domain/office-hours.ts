import { z } from 'zod';
import type { OfficeStatus } from '../enums';
import { optionalText, text } from '../text';

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

export interface OfficeState {
  status: OfficeStatus;
  /** Today's periods, after exceptions. */
  today: OfficePeriod[];
  /** The holiday or make-up-day note for today, if any. */
  note: string | null;
}

/** 办公中 / 已下班 / 今日休息 at a moment, from the weekly hours and the exceptions. */
export function officeState(hours: OfficeHours, now: Date): OfficeState {
  const clock = chinaClock(now);
  const exception = hours.exceptions.find((e) => e.date === clock.date);
  const today = exception ? exception.periods : (hours.weekly.find((d) => d.weekday === clock.weekday)?.periods ?? []);
  const note = exception?.note ?? null;
  if (today.length === 0) return { status: 'day_off', today, note };
  const open = today.some((p) => p.start <= clock.time && clock.time < p.end);
  return { status: open ? 'open' : 'closed', today, note };
}

export const weekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
