/** A piece of a notice's paragraph: plain words, or a phone number to dial. */
export type BodyPiece = { kind: 'text'; text: string } | { kind: 'phone'; text: string; number: string };

// Mainland mobiles (13x–19x, 11 digits) and landlines with their area code (010-12345678, 0571 8888 888x).
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
// Runs of digits, joined by single hyphens. Matched whole, so a phone inside a longer number
// (an order number, an ID card) is not cut out of it. No lookbehind: older WeChat engines lack it.
const DIGIT_RUN = /\d+(?:-\d+)*/g;

/** The body as paragraphs (one per line; blank lines dropped). */
export function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** One paragraph cut into words and phone numbers. */
export function splitPhones(paragraph: string): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  let last = 0;
  for (const match of paragraph.matchAll(DIGIT_RUN)) {
    const run = match[0];
    if (!PHONE.test(run)) continue;
    const at = match.index ?? 0;
    if (at > last) pieces.push({ kind: 'text', text: paragraph.slice(last, at) });
    pieces.push({ kind: 'phone', text: run, number: run.replace(/-/g, '') });
    last = at + run.length;
  }
  if (last < paragraph.length) pieces.push({ kind: 'text', text: paragraph.slice(last) });
  return pieces;
}

/** A file size in the words residents read: 320 KB, 1.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
