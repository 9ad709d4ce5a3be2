import type { VoteElectorate, VoteRule } from '../enums';
import type { Ratio, TallyOutcome, TallyResult } from './tally-types';

/*
 * The tally in words for voters (many of them elderly): the rule of a vote, one short line
 * per test, and the outcome. Kept next to shared/domain/tally.ts so the words follow the
 * thresholds it applies.
 */

const who: Record<VoteElectorate, string> = { resident: '居民', household: '住户', owner: '业主' };

/** The rule of a vote in plain Chinese, one line per test (shown on the ballot and the result). */
export function ruleText(
  rule: VoteRule,
  electorate: VoteElectorate,
  quorumPercent: number | null,
  silentMajority: boolean,
): string[] {
  const noun = who[electorate];
  const majority = '得票最多的选项当选；赞成 / 反对事项，赞成票多于反对票才通过';
  switch (rule) {
    case 'simple':
      return ['不要求参加投票的人数', majority, '得票相同时不作决定'];
    case 'quorum':
      return [
        `需至少${quorumPercent ?? 0}%的${noun}参加投票（正好${quorumPercent ?? 0}%也算）`,
        majority,
        '得票相同时不作决定',
      ];
    case 'residents_meeting':
      return [
        `需超过一半的${noun}参加投票（正好一半不够）`,
        `参加投票的${noun}中超过一半选择同意才通过（正好一半不够）`,
      ];
    case 'civil_278':
    case 'civil_278_major': {
      const lines = [
        '业主人数和专有面积都要有三分之二以上参与表决（正好三分之二也算）',
        rule === 'civil_278'
          ? '参与表决的业主人数和专有面积都要超过一半同意才通过（正好一半不够）'
          : '参与表决的业主人数和专有面积都要有四分之三以上同意才通过（正好四分之三也算）',
        '一位业主有多套房只算一人；开发商未售出的房屋合起来算一人',
        '没有投票不算同意；同一业主的几套房意见不一致，不算同意',
      ];
      if (silentMajority) lines.push('表决票已送达、到期没有投票的业主，按多数人的意见计入');
      return lines;
    }
  }
}

const outcomeWords: Record<TallyOutcome, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '参与人数不足，未形成决定',
  tie: '票数相同',
  empty: '无人投票',
};

/** The outcome in one phrase: 通过 / 未通过 / 参与人数不足，未形成决定 / 票数相同 / 无人投票. */
export function outcomeText(result: Pick<TallyResult, 'outcome'>): string {
  return outcomeWords[result.outcome];
}

/** An area in centi-m² as square metres with two decimals: 123450 → '1234.50㎡'. */
export function areaText(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(centi));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}㎡`;
}

/**
 * A ratio as a fraction ('2/3') or as a percent with two decimals, rounded half up by integer
 * arithmetic ('66.67%'); a zero denominator reads '0.00%'.
 */
export function ratioText(r: Ratio, style: 'fraction' | 'percent' = 'fraction'): string {
  if (style === 'fraction') return `${r.num}/${r.den}`;
  if (r.den === 0) return '0.00%';
  const two = BigInt(2);
  const hundredths = (BigInt(r.num) * BigInt(20000) + BigInt(r.den)) / (BigInt(r.den) * two);
  const whole = hundredths / BigInt(100);
  const frac = hundredths % BigInt(100);
  return `${whole}.${frac.toString().padStart(2, '0')}%`;
}
