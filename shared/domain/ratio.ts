import type { Ratio } from './tally-types';

/*
 * Exact fractions for the tally (shared/domain/tally.ts). Every comparison is an integer
 * cross-multiplication in BigInt, so 2/3 is 2/3 and never 0.6666…; no float decides anything.
 * No BigInt literals (`1n`): the mini-program's compiler target may not parse them.
 */

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** num/den reduced to lowest terms (den > 0; num ≥ 0). */
export function reduced(num: number, den: number): Ratio {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num < 0 || den <= 0) {
    throw new RangeError(`bad ratio ${num}/${den}`);
  }
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

/** -1, 0 or 1 as a/b is less than, equal to or greater than c/d (denominators > 0). */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = BigInt(a.num) * BigInt(b.den);
  const right = BigInt(b.num) * BigInt(a.den);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** value > required when strict (超过, 过半数), value ≥ required otherwise (以上). */
export function meets(value: Ratio, required: Ratio, strict: boolean): boolean {
  const c = compare(value, required);
  return strict ? c > 0 : c >= 0;
}
