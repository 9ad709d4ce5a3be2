/**
 * Money typed in 元 by staff, sent as integer fen. The string is read digit by digit (never through
 * a float), so "12.5" is 1250 and "0.1" is 10 exactly; more than two decimals is refused.
 */
export type YuanParse = { fen: number } | { error: string };

export function parseYuan(input: string, label: string): YuanParse {
  const t = input.trim().replace(/[元￥¥\s]/g, '');
  if (t === '') return { error: `请填写${label}` };
  const m = /^(\d{1,9})(?:\.(\d*))?$/.exec(t);
  if (!m) return { error: `${label}要填数字，例如 12.5` };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { error: `${label}最多填到分（小数点后两位）` };
  return { fen: Number(m[1]) * 100 + Number(decimals.padEnd(2, '0')) };
}

/** 1250 → "12.5", 100 → "1", 5 → "0.05": a fen amount as the 元 text a field starts with. */
export function fenToInput(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** Today in China (UTC+8) as 2026-12-01. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 2026-12 moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}
