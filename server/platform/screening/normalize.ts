import { lookalikes, traditionalToSimplified } from './variants';

/**
 * What a screening word and a text are compared as (docs/decisions/018-screening.md):
 * - NFKC: full-width letters, digits and punctuation become half-width; circled and
 *   compatibility forms (①, ㊙, Kangxi radicals) become the plain character;
 * - lower case;
 * - look-alikes (Cyrillic а, Greek ο, 〇 …) and the traditional forms of common characters
 *   folded into one form (variants.ts);
 * - everything that is not a letter or a digit dropped: spaces, ASCII and CJK punctuation,
 *   symbols and emoji put between characters, combining marks, zero-width and other invisible
 *   characters. So 「法 轮·功」, 「ＦＡＬＵＮ」 and 「法\u200b輪功」 all read 法轮功 / falun.
 */
export function normalizeForScreening(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFKC').toLowerCase()) {
    const folded = lookalikes.get(ch) ?? traditionalToSimplified.get(ch) ?? ch;
    if (keep.test(folded)) out += folded;
  }
  return out;
}

/** Letters (every script, CJK included) and digits; the rest is what people put between characters. */
const keep = /^[\p{L}\p{N}]$/u;
