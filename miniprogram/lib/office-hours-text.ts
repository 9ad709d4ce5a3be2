import type { OfficeHours, OfficePeriod } from '../../shared/domain/office-hours';

/**
 * Office hours as the committee worker types them: one line per weekday "08:30-11:30 13:30-17:00"
 * (empty = 休息), and one line per holiday or 调休 day "2025-10-01 休息 国庆节" /
 * "2025-09-28 08:30-17:00 调休上班".
 */
const RANGE = /^(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})$/;

const pad = (s: string) => s.padStart(2, '0');

export function parsePeriods(text: string): { periods: OfficePeriod[]; error: string | null } {
  const parts = text
    .replace(/\s*([-–—~～至到])\s*/g, '$1')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const periods: OfficePeriod[] = [];
  for (const part of parts) {
    if (part === '休息') continue;
    const m = RANGE.exec(part);
    if (!m) return { periods: [], error: `看不懂「${part}」，请写成 08:30-11:30` };
    const start = `${pad(m[1])}:${m[2]}`;
    const end = `${pad(m[3])}:${m[4]}`;
    if (start >= end || Number(m[1]) > 23 || Number(m[3]) > 23 || Number(m[2]) > 59 || Number(m[4]) > 59) {
      return { periods: [], error: `「${part}」的时间不对，结束要晚于开始` };
    }
    periods.push({ start, end });
  }
  if (periods.length > 4) return { periods: [], error: '一天最多写4段时间' };
  return { periods: periods.sort((a, b) => (a.start < b.start ? -1 : 1)), error: null };
}

export function formatPeriods(periods: OfficePeriod[]): string {
  return periods.map((p) => `${p.start}-${p.end}`).join(' ');
}

export function weeklyToTexts(hours: OfficeHours): string[] {
  return [1, 2, 3, 4, 5, 6, 7].map((d) => formatPeriods(hours.weekly.find((w) => w.weekday === d)?.periods ?? []));
}

export function exceptionsToText(hours: OfficeHours): string {
  return hours.exceptions
    .map((e) => [e.date, e.periods.length ? formatPeriods(e.periods) : '休息', e.note ?? ''].filter(Boolean).join(' '))
    .join('\n');
}

export function parseOfficeHours(
  weeklyTexts: string[],
  exceptionsText: string,
): { hours: OfficeHours | null; errors: { weekday?: number; line?: number; message: string }[] } {
  const errors: { weekday?: number; line?: number; message: string }[] = [];
  const weekly: OfficeHours['weekly'] = [];
  weeklyTexts.forEach((text, i) => {
    const { periods, error } = parsePeriods(text);
    if (error) errors.push({ weekday: i + 1, message: error });
    else if (periods.length) weekly.push({ weekday: i + 1, periods });
  });
  const exceptions: OfficeHours['exceptions'] = [];
  exceptionsText
    .split(/\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const [date, ...rest] = line.split(/\s+/);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        errors.push({ line: i + 1, message: `第${i + 1}行：日期请写成 2025-10-01` });
        return;
      }
      const times = rest.filter((t) => /\d[:：]\d/.test(t) || t === '休息');
      const note = rest.filter((t) => !(/\d[:：]\d/.test(t) || t === '休息')).join(' ');
      const { periods, error } = parsePeriods(times.join(' '));
      if (error) errors.push({ line: i + 1, message: `第${i + 1}行：${error}` });
      else exceptions.push(note ? { date, periods, note: note.slice(0, 40) } : { date, periods });
    });
  return { hours: errors.length ? null : { weekly, exceptions }, errors };
}
