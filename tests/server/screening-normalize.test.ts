/**
 * The normaliser and the matcher of screening's step 1 (docs/decisions/018-screening.md),
 * as a table: what a listed word written another way reads as, and what innocent text does
 * not match.
 */
import { describe, expect, it } from 'vitest';
import { compileWords } from '../../server/platform/screening/matcher';
import { normalizeForScreening } from '../../server/platform/screening/normalize';
import { secCheckChunks } from '../../server/platform/screening/text';
import { lookalikes, traditionalToSimplified } from '../../server/platform/screening/variants';

describe('normalizeForScreening', () => {
  it.each([
    ['法 轮 功', '法轮功'],
    ['法\t轮\n功', '法轮功'],
    ['ＦＡＬＵＮ　Ｇｏｎｇ', 'falungong'],
    ['F.a-L_u*N', 'falun'],
    ['法，轮。功！', '法轮功'],
    ['法「轮」功《》', '法轮功'],
    ['法🙂轮❤️功★', '法轮功'],
    ['法\u200b轮\u200c功\ufeff', '法轮功'],
    ['法\u0301轮\u0332功', '法轮功'],
    ['我學法輪功', '我学法轮功'],
    ['代開發票', '代开发票'],
    ['fаlun', 'falun'], // Cyrillic а
    ['ΟΚ', 'ok'], // Greek capitals, case-folded then mapped
    ['二〇二六', '二零二六'],
    ['①②③', '123'],
    ['⼈民', '人民'], // Kangxi radical
    ['  ', ''],
    ['！？…', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForScreening(input)).toBe(expected);
  });

  it('the variant tables are one character to one other character each', () => {
    for (const [from, to] of [...traditionalToSimplified, ...lookalikes]) {
      expect(Array.from(from)).toHaveLength(1);
      expect(Array.from(to)).toHaveLength(1);
      expect(from).not.toBe(to);
    }
    expect(traditionalToSimplified.size).toBeGreaterThan(300);
  });
});

describe('compileWords', () => {
  const m = compileWords(['法轮功', '代开发票', 'ＦＡＬＵＮ', 'falun', '刷单']);

  it('finds listed words however they are written, named as listed, each once', () => {
    expect(m.find('学 法．輪 功，找代開發票的，fa lun，FALUN')).toEqual(['法轮功', '代开发票', 'ＦＡＬＵＮ', 'falun']);
    expect(m.find('刷单刷单刷单')).toEqual(['刷单']);
  });

  it('finds nothing in innocent text', () => {
    expect(m.find('楼道的灯坏了，请物业来修一下，谢谢！')).toEqual([]);
    expect(m.find('车轮功能正常')).toEqual([]);
    expect(m.find('')).toEqual([]);
  });

  it('an empty list, or words that normalise to nothing, match nothing', () => {
    expect(compileWords([]).find('任何内容')).toEqual([]);
    expect(compileWords(['！！', '  ']).find('！！')).toEqual([]);
  });
});

describe('secCheckChunks', () => {
  it('joins the texts and cuts them into pieces of at most 2,500 characters', () => {
    expect(secCheckChunks(['标题', '', '正文'])).toEqual(['标题\n正文']);
    const long = '字'.repeat(6000);
    const chunks = secCheckChunks([long]);
    expect(chunks.map((c) => c.length)).toEqual([2500, 2500, 1000]);
    expect(secCheckChunks(['  '])).toEqual([]);
  });
});
