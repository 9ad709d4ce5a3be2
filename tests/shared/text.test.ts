import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isChinese } from '../../shared/errors';
import { optionalText, secret, text, textMessages, textProblem, visibleLength } from '../../shared/text';

/** The message of the first refusal, or undefined when the value is accepted. */
const issue = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues[0]?.message;
const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');

/** Every character the rule refuses, by the message it gets. */
const bidi = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const controls = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x0a && c !== 0x0d && c !== 0x09),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
];
const invisibles = ['\u200b', '\u200c', '\u200d', '\u2060', '\u3164', '\u2800', '\u00ad', '\ufe0f', '\u115f'];

describe('text()', () => {
  const name = text({ min: 2, max: 20 });

  it('trims and keeps Chinese text, punctuation and emoji (surrogate pairs) as typed', () => {
    expect(name.parse('  王秀英  ')).toBe('王秀英');
    const note = '梧桐里居委会（3号楼）：周一至周五，9:00—17:00！「请带身份证」';
    expect(text({ max: 100 }).parse(note)).toBe(note);
    expect(name.parse('社区活动🎉👨‍👩‍👧‍👦')).toBe('社区活动🎉👨‍👩‍👧‍👦');
    expect(name.parse('“老年食堂”《通知》、？')).toBe('“老年食堂”《通知》、？');
    // A rare name character outside the BMP (𠮷) and one with an ideographic variation selector.
    expect(name.parse('𠮷野家')).toBe('𠮷野家');
    expect(name.parse('葛\u{e0100}城')).toBe('葛\u{e0100}城');
  });

  it('normalises to NFC, so the same name typed two ways is stored once', () => {
    const decomposed = 'Cafe\u0301 e\u0301';
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(name.parse(decomposed)).toBe('Café é');
    expect(name.parse(decomposed)).toBe(decomposed.normalize('NFC'));
    // Hangul typed as separate jamo becomes the syllables.
    expect(name.parse('\u1112\u1161\u11ab\u1100\u1173\u11af')).toBe('한글');
  });

  it('removes zero-width spaces, word joiners and byte order marks from inside the text', () => {
    expect(name.parse('\ufeff王\u200b秀\u2060英\u200b')).toBe('王秀英');
  });

  it.each(controls.map((cp) => [hex(cp), cp]))('refuses the control character U+%s', (_, cp) => {
    expect(issue(name, `王${String.fromCodePoint(cp)}秀英`)).toBe(textMessages.control);
  });

  it('refuses NUL anywhere, even at the ends (trimming does not remove it)', () => {
    for (const v of ['\u0000王秀英', '王秀英\u0000', '王\u0000秀英', '\u0000']) {
      expect(issue(name, v)).toBe(textMessages.control);
    }
  });

  it('refuses lone surrogates, high or low, anywhere', () => {
    for (const v of ['\ud800', '王\ud800秀', '王秀\udc00', '\udfff王秀', '王\ud83d', '\ude00王秀']) {
      expect(issue(name, v)).toBe(textMessages.surrogate);
    }
  });

  it.each(bidi.map((cp) => [hex(cp), cp]))('refuses the direction mark U+%s', (_, cp) => {
    expect(issue(name, `梧桐${String.fromCodePoint(cp)}里居委会`)).toBe(textMessages.bidi);
  });

  it.each(invisibles)('refuses text made only of invisible characters (%j)', (ch) => {
    expect(issue(name, ch.repeat(3))).toBe(textMessages.invisible);
    expect(issue(name, ` ${ch} ${ch} `)).toBe(textMessages.invisible);
    // Even where nothing is required: an optional field takes '', not '\u200b'.
    expect(issue(optionalText({ max: 40 }), ch)).toBe(textMessages.invisible);
  });

  it('takes an empty optional text and whitespace-only as empty', () => {
    const q = optionalText({ max: 40 });
    expect(q.parse(undefined)).toBeUndefined();
    expect(q.parse('')).toBe('');
    expect(q.parse('   ')).toBe('');
    // Whitespace at the ends is trimmed before anything is checked: tabs, line breaks, a byte
    // order mark (U+FEFF, pasted from files) and the other characters String.trim removes.
    expect(q.parse('\ufeff \t\r\n\v\f\u3000')).toBe('');
    expect(issue(name, '\ufeff')).toBe('请填写这一项');
  });

  it('counts min and max in visible characters', () => {
    // Two visible characters with joiners between: long enough for min 2.
    expect(name.parse('王\u200d\u200d秀')).toBe('王\u200d\u200d秀');
    // One visible character padded with joiners: too short.
    expect(issue(name, '王\u200d\u200d\u200d')).toBe('至少要填2个字');
    // Sixteen characters and a family emoji (four people held by three invisible joiners) make
    // twenty visible ones: allowed. Twenty-one are not.
    const family = '👨\u200d👩\u200d👧\u200d👦';
    expect(name.parse(`${'王'.repeat(16)}${family}`)).toHaveLength(16 + 11);
    expect(issue(name, '王'.repeat(21))).toBe('最多20个字');
    // Emoji count as one character each, not as two UTF-16 units.
    expect(name.parse('🎉'.repeat(20))).toHaveLength(40);
    // Joiners cannot inflate a value without bound.
    expect(issue(name, `王秀${'\u200d'.repeat(100)}`)).toBe('最多20个字');
  });

  it('keeps single-line fields to one line, but forgives a trailing line break', () => {
    expect(issue(name, '王秀英\n李四')).toBe(textMessages.lineBreak);
    expect(issue(name, '王秀英\r李四')).toBe(textMessages.lineBreak);
    expect(issue(name, '王秀英\u2028李四')).toBe(textMessages.lineBreak);
    expect(issue(name, '王秀英\t李四')).toBe(textMessages.control);
    expect(name.parse('王秀英\r\n')).toBe('王秀英');
  });

  it('keeps line breaks and tabs in multi-line fields, with CRLF, CR and U+2028 turned into LF', () => {
    const intro = text({ max: 2000, multiline: true });
    expect(intro.parse('第一段\r\n第二段\r第三段\u2028第四段\t结束')).toBe('第一段\n第二段\n第三段\n第四段\t结束');
    expect(issue(intro, '第一段\u0000')).toBe(textMessages.control);
    expect(issue(intro, '第一段\u000b第二段')).toBe(textMessages.control);
    expect(issue(intro, '\n\n\u200b\n')).toBe(textMessages.invisible);
  });

  it('checks a pattern on the cleaned value, upper-cased when asked', () => {
    const code = text({ max: 16, upperCase: true, pattern: /^[A-Z0-9]{6,16}$/, messages: '邀请码格式不对' });
    expect(code.parse(' wutong88 ')).toBe('WUTONG88');
    expect(code.parse('WU\u200bTONG88')).toBe('WUTONG88');
    expect(issue(code, 'WUTONG-88')).toBe('邀请码格式不对');
    expect(issue(code, '')).toBe('邀请码格式不对');
    expect(issue(code, 'WUTONG\u000088')).toBe(textMessages.control);
  });

  it('uses the field’s own messages, then plain Chinese defaults', () => {
    const named = text({ min: 2, max: 20, messages: { min: '请填写真实姓名', max: '姓名太长了' } });
    expect(issue(named, undefined)).toBe('请填写真实姓名');
    expect(issue(named, '')).toBe('请填写真实姓名');
    expect(issue(named, '王')).toBe('请填写真实姓名');
    expect(issue(named, '王'.repeat(21))).toBe('姓名太长了');
    expect(issue(named, 42)).toBe(textMessages.notText);
    const plain = text({ min: 1, max: 5 });
    expect(issue(plain, '')).toBe('请填写这一项');
    expect(issue(plain, null)).toBe('请填写这一项');
    expect(issue(plain, '一二三四五六')).toBe('最多5个字');
    expect(issue(text({ min: 3, max: 5 }), '一二')).toBe('至少要填3个字');
  });

  it('describes its limits in the JSON Schema of the OpenAPI document', async () => {
    const { z } = await import('zod');
    expect(z.toJSONSchema(text({ min: 2, max: 40 }))).toMatchObject({ type: 'string', minLength: 2, maxLength: 40 });
    expect(z.toJSONSchema(text({ max: 20, pattern: /^[0-9-]{7,20}$/ }))).toMatchObject({
      maxLength: 20,
      pattern: '^[0-9-]{7,20}$',
    });
  });
});

describe('secret()', () => {
  const password = secret({ min: 10, max: 128, messages: { min: '密码至少10位' } });

  it('keeps a password exactly as typed: spaces at the ends and decomposed accents included', () => {
    expect(password.parse('  correct horse  ')).toBe('  correct horse  ');
    const decomposed = 'pa\u0301ssword-e\u0301te\u0301';
    expect(password.parse(decomposed)).toBe(decomposed);
    expect(password.parse('密码🔑很长很长很长很长')).toBe('密码🔑很长很长很长很长');
  });

  it('refuses NUL, line breaks, lone surrogates, direction marks and invisible-only values', () => {
    expect(issue(password, 'correct horse\u0000')).toBe(textMessages.control);
    expect(issue(password, 'correct horse\n')).toBe(textMessages.control);
    expect(issue(password, 'correct horse\ud800')).toBe(textMessages.surrogate);
    expect(issue(password, 'correct\u202ehorse')).toBe(textMessages.bidi);
    expect(issue(password, '\u200b'.repeat(12))).toBe(textMessages.invisible);
  });

  it('counts visible characters, so zero-width padding does not make a short password long', () => {
    expect(issue(password, `short${'\u200b'.repeat(8)}`)).toBe('密码至少10位');
    expect(issue(password, 'x'.repeat(129))).toBe('最多128个字');
  });
});

describe('text rules, for any input (fast-check)', () => {
  const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u));
  const special = fc.constantFrom(
    ...bidi.map((c) => String.fromCodePoint(c)),
    ...controls.map((c) => String.fromCodePoint(c)),
    ...invisibles,
    '\n',
    '\r',
    '\t',
    ' ',
    '\u3000',
    'e\u0301',
    '\u2028',
  );
  const anyChar = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: special },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 3, arbitrary: fc.constantFrom('王', '秀', '英', '居', '委', '，', '。', 'A', '1', '🎉', '👨‍👩‍👧') },
  );
  const anyText = fc.array(anyChar, { maxLength: 30 }).map((parts) => parts.join(''));
  const options = fc.record({
    min: fc.integer({ min: 0, max: 4 }),
    max: fc.integer({ min: 4, max: 25 }),
    multiline: fc.boolean(),
  });

  it('whatever is accepted is trimmed, NFC, free of what the rule refuses, within its limits, and stable', () => {
    fc.assert(
      fc.property(options, anyText, (o, input) => {
        const schema = text(o);
        const result = schema.safeParse(input);
        if (!result.success) {
          expect(isChinese(result.error.issues[0].message)).toBe(true);
          return;
        }
        const out = result.data;
        expect(out).toBe(out.trim());
        expect(out).toBe(out.normalize('NFC'));
        expect(out).not.toMatch(/[\u200b\u2060\ufeff]/);
        expect(textProblem(out, o.multiline)).toBeNull();
        if (!o.multiline) expect(out).not.toMatch(/[\n\r\t]/);
        expect(visibleLength(out)).toBeGreaterThanOrEqual(o.min);
        expect(visibleLength(out)).toBeLessThanOrEqual(o.max);
        expect(schema.parse(out)).toBe(out);
      }),
      { numRuns: 3000 },
    );
  });

  const cleanChar = fc.oneof(
    fc.constantFrom(...'梧桐里居委会王秀英老年食堂通知办公时间社区活动阅览室'.split('')),
    fc.constantFrom(...'，。！？、：；“”‘’（）《》—…·'.split('')),
    fc.constantFrom('🎉', '👍🏻', '👨‍👩‍👧', '❤️', '🇨🇳', '𠮷'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  );
  const cleanText = fc.array(cleanChar, { minLength: 1, maxLength: 15 }).map((parts) => parts.join('').trim());
  const badChar = fc.oneof(
    fc.constantFrom(
      ...controls.filter((c) => c !== 0x0a && c !== 0x09).map((c) => [String.fromCodePoint(c), textMessages.control]),
    ),
    fc.constantFrom(...bidi.map((c) => [String.fromCodePoint(c), textMessages.bidi])),
    loneSurrogate.map((s) => [s, textMessages.surrogate]),
  );

  it('ordinary Chinese text with punctuation and emoji is accepted as typed (after trim and NFC)', () => {
    const schema = text({ min: 1, max: 200 });
    fc.assert(
      fc.property(cleanText, (input) => {
        fc.pre(input !== '' && /[^\s]/.test(input));
        expect(schema.parse(input)).toBe(input.normalize('NFC'));
      }),
      { numRuns: 1000 },
    );
  });

  it('one refused character anywhere in good text is refused with its message, in text and secret fields alike', () => {
    const schema = text({ min: 1, max: 200 });
    const password = secret({ min: 1, max: 200 });
    fc.assert(
      fc.property(cleanText, badChar, fc.nat(), (input, [bad, message], at) => {
        const chars = [...input];
        const i = at % (chars.length + 1);
        // Whitespace controls (\v, \f) at the very ends are trimmed like spaces, not refused.
        fc.pre(!/\s/.test(bad) || (i > 0 && i < chars.length));
        const spoiled = [...chars.slice(0, i), bad, ...chars.slice(i)].join('');
        // A lone high surrogate just before a low one would make a pair; that is not a refusal case.
        fc.pre(textProblem(spoiled) !== null);
        expect(issue(schema, spoiled)).toBe(message);
        expect(issue(password, spoiled)).toBe(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('a secret is never changed: accepted means returned as is', () => {
    const password = secret({ min: 0, max: 40 });
    fc.assert(
      fc.property(anyText, (input) => {
        const result = password.safeParse(input);
        if (result.success) expect(result.data).toBe(input);
        else expect(isChinese(result.error.issues[0].message)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
