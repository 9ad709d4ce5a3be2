import data from 'chinese-days/dist/chinese-days.json';

/**
 * China's statutory holidays and make-up working days (调休), as published each year by the State
 * Council, from the chinese-days package. We read its data file rather than its functions: those
 * parse dates in the machine's time zone and answer for the wrong day outside UTC+8.
 */
export interface StatutoryDay {
  /** 'holiday': a day off by law (including weekend days inside the holiday); 'workday': 调休上班. */
  kind: 'holiday' | 'workday';
  /** 国庆节, 春节, … */
  name: string;
}

/** The statutory facts for a date "YYYY-MM-DD", or null for an ordinary day. */
export type StatutoryCalendar = (date: string) => StatutoryDay | null;

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The package writes "National Day,国庆节,3": the Chinese name is the second part. */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return (parts[1] ?? parts[0]).trim();
}

export function calendarFrom(source: CalendarData): StatutoryCalendar {
  return (date) => {
    const holiday = source.holidays[date];
    if (holiday) return { kind: 'holiday', name: chineseName(holiday) };
    const workday = source.workdays[date];
    if (workday) return { kind: 'workday', name: chineseName(workday) };
    return null;
  };
}

/** The years the data covers: the State Council publishes the next year's plan each autumn. */
export const statutoryYears: readonly number[] = [
  ...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)))),
].sort((a, b) => a - b);

export const chinaCalendar: StatutoryCalendar = calendarFrom(data as CalendarData);

/** A calendar with no statutory days: the committee's weekly hours and its own exceptions only. */
export const noStatutoryDays: StatutoryCalendar = () => null;
