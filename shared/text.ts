import { z } from 'zod';

/**
 * One rule for every piece of text a client sends (body, query and path), used by every
 * contract in shared/contracts and so by the mini-program's form checks too. See
 * docs/decisions/004-contracts-and-errors.md, "One rule for text".
 *
 * Written without `\p{…}` classes, lookbehind or `isWellFormed()` so that the same code runs in
 * WeChat's JavaScript engines.
 */

/** The refusals every text field shares; plain Chinese a resident can act on. */
export const textMessages = {
  control: '含有无法显示的特殊字符，请删掉后再试',
  lineBreak: '这里只能填一行，请去掉换行',
  surrogate: '含有无法识别的字符，请删掉后重新输入',
  bidi: '含有会改变文字方向的隐藏字符，请删掉后再试',
  invisible: '只有看不见的字符，请填写文字',
  notText: '这一项要填文字',
  required: '请填写这一项',
  pattern: '格式不对',
} as const;

export type TextProblem = 'control' | 'lineBreak' | 'surrogate' | 'bidi' | 'invisible';

/**
 * Marks that change the direction text is shown in: embeddings and overrides (U+202A–202E),
 * isolates (U+2066–2069), and the implicit marks (U+200E, U+200F, U+061C). Nobody writes
 * right-to-left scripts to a residents' committee, and these are what a spoofed name uses.
 */
function isBidiControl(cp: number): boolean {
  return (
    cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
  );
}

/** C0 controls, DEL and C1 controls. */
function isControl(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
}

function isLineBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;
}

/**
 * Characters that take no room on screen. They are allowed (a zero-width joiner holds a family
 * emoji together, a variation selector picks an emoji or a rare form of a name character) but
 * are not counted towards a length, and text made only of them is refused.
 */
export function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x115f ||
    cp === 0x1160 || // Hangul fillers
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) || // Mongolian selectors and vowel separator
    (cp >= 0x200b && cp <= 0x200d) || // zero-width space, non-joiner, joiner
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x206a && cp <= 0x206f) || // deprecated format characters
    cp === 0x2800 || // braille blank, a favourite "empty" name
    cp === 0x3164 || // Hangul filler
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff || // byte order mark / zero-width no-break space
    cp === 0xffa0 || // halfwidth Hangul filler
    (cp >= 0x1d173 && cp <= 0x1d17a) || // musical formatting
    (cp >= 0xe0000 && cp <= 0xe007f) || // tags (flag sequences)
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

/** Removed from the stored text: they mean nothing in Chinese text and break search. */
const removable = /[\u200b\u2060\ufeff]/g;

/** Whitespace as String.prototype.trim understands it. */
const whitespace = /\s/;

/**
 * The first thing that makes `value` unacceptable as text, or null. `multiline` allows `\n`
 * and `\t`; elsewhere a line break gets its own message because it is the usual mistake.
 */
export function textProblem(value: string, multiline = false): TextProblem | null {
  let ink = false;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'surrogate';
      cp = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return 'surrogate';
    }
    if (multiline && (cp === 0x0a || cp === 0x09)) continue;
    if (isLineBreak(cp)) return multiline ? 'control' : 'lineBreak';
    if (isControl(cp)) return 'control';
    if (isBidiControl(cp)) return 'bidi';
    if (!ink && !isInvisible(cp) && !whitespace.test(String.fromCodePoint(cp))) ink = true;
  }
  return value !== '' && !ink ? 'invisible' : null;
}

/** Length as a reader counts it: code points, leaving out the invisible ones. */
export function visibleLength(value: string): number {
  let n = 0;
  for (const ch of value) if (!isInvisible(ch.codePointAt(0) ?? 0)) n++;
  return n;
}

/**
 * A stored value may hold invisible joiners beyond `max`, but not without bound: this many
 * UTF-16 units per allowed character (a family emoji is 11 units for 4 visible ones).
 */
const UNITS_PER_CHARACTER = 4;

type Messages = { required?: string; min?: string; max?: string; pattern?: string };

export interface TextOptions {
  /** Fewest visible characters once trimmed; 0 (the default) allows ''. */
  min?: number;
  /** Most visible characters. */
  max: number;
  /** Keeps `\n` (CRLF and CR become `\n`) and `\t`; otherwise a line break is refused. */
  multiline?: boolean;
  /** Checked on the cleaned value; write it anchored (`^…$`). */
  pattern?: RegExp;
  /** Upper-cases the cleaned value before the pattern (codes people type in either case). */
  upperCase?: boolean;
  /**
   * Chinese messages for this field; a string is used for every field-specific refusal.
   * The refusals for hidden characters are shared (textMessages) and not overridden here.
   */
  messages?: string | Messages;
}

function resolve(options: { min?: number; max: number; messages?: string | Messages }) {
  const given: Messages = typeof options.messages === 'string' ? fill(options.messages) : (options.messages ?? {});
  const min = options.min ?? 0;
  return {
    min,
    required: given.required ?? given.min ?? textMessages.required,
    tooShort: given.min ?? (min <= 1 ? textMessages.required : `至少要填${min}个字`),
    tooLong: given.max ?? `最多${options.max}个字`,
    pattern: given.pattern ?? textMessages.pattern,
  };
}

function fill(message: string): Messages {
  return { required: message, min: message, max: message, pattern: message };
}

function baseString(required: string) {
  return z.string({
    error: (issue) => (issue.input === undefined || issue.input === null ? required : textMessages.notText),
  });
}

function refuse(ctx: z.core.ParsePayload<string>, message: string) {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
}

/**
 * A text field: trimmed, NFC-normalised, without control characters, lone surrogates or
 * direction marks, zero-width spaces removed, and `min`/`max` counted in visible characters.
 * Every refusal carries a Chinese message.
 */
export function text(options: TextOptions): z.ZodString {
  const m = resolve(options);
  const multiline = options.multiline ?? false;
  return (
    baseString(m.required)
      .overwrite((value) => {
        const lines = multiline ? value.replace(/\r\n?|\u2028|\u2029/g, '\n') : value;
        return lines.trim();
      })
      .check((ctx) => {
        const problem = textProblem(ctx.value, multiline);
        if (problem) refuse(ctx, textMessages[problem]);
      })
      .overwrite((value) => {
        const cleaned = value.normalize('NFC').replace(removable, '').trim();
        return options.upperCase ? cleaned.toUpperCase() : cleaned;
      })
      .check((ctx) => {
        const value = ctx.value;
        const length = visibleLength(value);
        if (value === '' && m.min > 0) return refuse(ctx, m.required);
        if (length < m.min) return refuse(ctx, m.tooShort);
        if (length > options.max || value.length > options.max * UNITS_PER_CHARACTER) return refuse(ctx, m.tooLong);
        if (options.pattern && !options.pattern.test(value)) refuse(ctx, m.pattern);
      })
      // An upper-cased field takes either case, which its pattern (written for the result) would not say.
      .meta(jsonSchemaHints(m.min, options.max, options.upperCase ? undefined : options.pattern))
  );
}

/** `text(...)` that may be left out. */
export function optionalText(options: TextOptions) {
  return text(options).optional();
}

export interface SecretOptions {
  min?: number;
  max: number;
  messages?: string | Omit<Messages, 'pattern'>;
}

/**
 * A password: kept exactly as typed (no trimming, no normalisation: the hash must match what
 * the person types next time), but control characters, lone surrogates, direction marks and
 * invisible-only values are refused like any text, and lengths count visible characters.
 */
export function secret(options: SecretOptions): z.ZodString {
  const m = resolve(options);
  return baseString(m.required)
    .check((ctx) => {
      const value = ctx.value;
      const problem = textProblem(value, false);
      if (problem) return refuse(ctx, problem === 'lineBreak' ? textMessages.control : textMessages[problem]);
      const length = visibleLength(value);
      if (value === '' && m.min > 0) return refuse(ctx, m.required);
      if (length < m.min) return refuse(ctx, m.tooShort);
      if (length > options.max || value.length > options.max * UNITS_PER_CHARACTER) refuse(ctx, m.tooLong);
    })
    .meta({ ...jsonSchemaHints(m.min, options.max), format: 'password' });
}

/** What the OpenAPI document shows; JSON Schema counts code points, close to our visible count. */
function jsonSchemaHints(min: number, max: number, pattern?: RegExp) {
  return { ...(min > 0 ? { minLength: min } : {}), maxLength: max, ...(pattern ? { pattern: pattern.source } : {}) };
}
