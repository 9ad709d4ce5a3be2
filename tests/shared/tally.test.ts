import { describe, expect, it } from 'vitest';
import { compare, meets, reduced } from '../../shared/domain/ratio';
import { areaText, outcomeText, ratioText, ruleText, tally } from '../../shared/domain/tally';
import type { TallyBallot, TallyElector, TallyInput, TallyOption } from '../../shared/domain/tally-types';
import type { BallotChannel, VoteKind, VoteRule } from '../../shared/enums';

const YES = 1;
const NO = 2;
const ABSTAIN = 3;
const motionOptions: TallyOption[] = [
  { id: YES, label: '赞成', motionRole: 'yes' },
  { id: NO, label: '反对', motionRole: 'no' },
  { id: ABSTAIN, label: '弃权', motionRole: 'abstain' },
];
const choices = (n: number): TallyOption[] =>
  Array.from({ length: n }, (_, i) => ({ id: 11 + i, label: `选项${i + 1}`, motionRole: null }));

/** Electors 1..n, each its own head, area 100.00 m² unless given. */
function electors(n: number, over: (i: number) => Partial<TallyElector> = () => ({})): TallyElector[] {
  return Array.from({ length: n }, (_, k) => {
    const id = k + 1;
    return { id, buildingId: null, areaCenti: 10000, headKey: `h${id}`, served: false, ...over(id) };
  });
}

/** Ballots from a list: [electorId, optionIds] (channel self unless given). */
function ballots(list: [number, number[], BallotChannel?][]): TallyBallot[] {
  return list.map(([electorId, optionIds, channel]) => ({ electorId, optionIds, channel: channel ?? 'self' }));
}
const votes = (ids: number[], option: number) => ids.map((id) => [id, [option]] as [number, number[]]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function run(
  rule: VoteRule,
  es: TallyElector[],
  bs: TallyBallot[],
  more: Partial<Omit<TallyInput, 'rule' | 'electors' | 'ballots'>> = {},
) {
  const kind: VoteKind = more.kind ?? 'motion';
  return tally({
    kind,
    rule,
    quorumPercent: null,
    maxChoices: 1,
    options: kind === 'motion' ? motionOptions : choices(4),
    silentMajority: false,
    ...more,
    electors: es,
    ballots: bs,
  });
}
const option = (r: ReturnType<typeof tally>, id: number) => r.options.find((o) => o.optionId === id)!;
const threshold = (list: { key: string; met: boolean }[], key: string) => list.find((t) => t.key === key)!;

describe('ratio helpers', () => {
  it('compares by cross-multiplication, exactly at 2/3', () => {
    expect(compare({ num: 2, den: 3 }, { num: 200, den: 300 })).toBe(0);
    expect(compare({ num: 666_666_666, den: 1_000_000_000 }, { num: 2, den: 3 })).toBe(-1);
    expect(meets({ num: 2, den: 3 }, { num: 2, den: 3 }, false)).toBe(true);
    expect(meets({ num: 1, den: 2 }, { num: 1, den: 2 }, true)).toBe(false);
    expect(meets({ num: 2_000_000_001, den: 4_000_000_000 }, { num: 1, den: 2 }, true)).toBe(true);
    expect(reduced(30, 100)).toEqual({ num: 3, den: 10 });
  });
});

describe('tally: 民法典 278 participation (≥ 2/3 of heads and of area)', () => {
  it('exactly 2/3 of heads and area takes part: met; one head less: not', () => {
    const r = run('civil_278', electors(3), ballots(votes([1, 2], YES)));
    expect(r.participation.map((t) => [t.key, t.value, t.required, t.strict, t.met])).toEqual([
      ['participation_heads', { num: 2, den: 3 }, { num: 2, den: 3 }, false, true],
      ['participation_area', { num: 20000, den: 30000 }, { num: 2, den: 3 }, false, true],
    ]);
    expect(r.outcome).toBe('passed');
    expect(r.winners).toEqual([YES]);
    const less = run('civil_278', electors(3), ballots(votes([1], YES)));
    expect(less.participationMet).toBe(false);
    expect(less.outcome).toBe('no_quorum');
    expect(less.winners).toEqual([]);
    expect(option(less, YES).approved).toBe(false);
  });

  it('area one centi-m² under 2/3 fails even with 2/3 of heads', () => {
    // 6 heads of 100 m², except elector 5 (100.01) and 6 (99.99): total 600.00 m², 2/3 = 400.00.
    const areas = [10000, 10000, 10000, 10000, 10001, 9999];
    const es = electors(6, (id) => ({ areaCenti: areas[id - 1] }));
    const under = run('civil_278', es, ballots(votes([1, 2, 3, 6], YES)));
    expect(threshold(under.participation, 'participation_heads').met).toBe(true);
    expect(threshold(under.participation, 'participation_area').met).toBe(false);
    expect(under.participation[1].value).toEqual({ num: 39999, den: 60000 });
    expect(under.outcome).toBe('no_quorum');
    const at = run('civil_278', es, ballots(votes([1, 2, 3, 5], YES)));
    expect(at.participationMet).toBe(true);
    expect(at.outcome).toBe('passed');
  });
});

describe('tally: 民法典 278 approval', () => {
  it('ordinary: exactly half of heads is not enough, one more is', () => {
    const half = run('civil_278', electors(4), ballots([...votes([1, 2], YES), ...votes([3, 4], NO)]));
    expect(half.participationMet).toBe(true);
    expect(option(half, YES).approval.map((t) => [t.key, t.value, t.required, t.strict, t.met])).toEqual([
      ['approval_heads', { num: 2, den: 4 }, { num: 1, den: 2 }, true, false],
      ['approval_area', { num: 20000, den: 40000 }, { num: 1, den: 2 }, true, false],
    ]);
    expect(half.outcome).toBe('rejected');
    expect(half.winners).toEqual([]);
    const more = run('civil_278', electors(4), ballots([...votes([1, 2, 3], YES), ...votes([4], NO)]));
    expect(more.outcome).toBe('passed');
    expect(option(more, YES).approved).toBe(true);
    expect(option(more, NO).approved).toBe(false);
  });

  it('ordinary: more than half of heads but exactly half of area is not enough', () => {
    const areas = [5000, 5000, 10000, 20000];
    const es = electors(4, (id) => ({ areaCenti: areas[id - 1] }));
    const r = run('civil_278', es, ballots([...votes([1, 2, 3], YES), ...votes([4], NO)]));
    expect(threshold(option(r, YES).approval, 'approval_heads').met).toBe(true);
    expect(threshold(option(r, YES).approval, 'approval_area').met).toBe(false);
    expect(r.outcome).toBe('rejected');
    const es2 = electors(4, (id) => ({ areaCenti: [5000, 5001, 10000, 20000][id - 1] }));
    expect(run('civil_278', es2, ballots([...votes([1, 2, 3], YES), ...votes([4], NO)])).outcome).toBe('passed');
  });

  it('major: exactly 3/4 is enough, less is not', () => {
    const at = run('civil_278_major', electors(8), ballots([...votes(range(1, 6), YES), ...votes([7, 8], NO)]));
    expect(option(at, YES).approval.every((t) => t.met && !t.strict)).toBe(true);
    expect(option(at, YES).approval[0].required).toEqual({ num: 3, den: 4 });
    expect(at.outcome).toBe('passed');
    const under = run('civil_278_major', electors(8), ballots([...votes(range(1, 5), YES), ...votes([6, 7, 8], NO)]));
    expect(under.outcome).toBe('rejected');
    // 5/8 would pass an ordinary matter
    expect(run('civil_278', electors(8), ballots([...votes(range(1, 5), YES), ...votes([6, 7, 8], NO)])).outcome).toBe(
      'passed',
    );
  });

  it('motion: abstain takes part but does not approve', () => {
    // 4 of 4 take part; 2 yes, 1 no, 1 abstain: yes has 2/4 heads, not more than half.
    const r = run('civil_278', electors(4), ballots([...votes([1, 2], YES), [3, [NO]], [4, [ABSTAIN]]]));
    expect(r.participated).toEqual({ count: 4, heads: 4, areaCenti: 40000 });
    expect(option(r, ABSTAIN).ballots).toBe(1);
    expect(r.outcome).toBe('rejected');
    // residents' meeting: the same
    const m = run('residents_meeting', electors(4), ballots([...votes([1, 2], YES), [3, [ABSTAIN]]]));
    expect(m.participationMet).toBe(true);
    expect(option(m, YES).approval[0].value).toEqual({ num: 2, den: 3 });
    expect(m.outcome).toBe('passed');
    const m2 = run('residents_meeting', electors(4), ballots([...votes([1, 2], YES), ...votes([3, 4], ABSTAIN)]));
    expect(m2.outcome).toBe('rejected');
    // simple: abstain ignored, yes > no decides
    const s = run('simple', electors(5), ballots([[1, [YES]], ...votes([2, 3, 4], ABSTAIN)]));
    expect(s.outcome).toBe('passed');
    expect(s.winners).toEqual([YES]);
    expect(option(s, YES).approved).toBe(true);
    const s2 = run('simple', electors(5), ballots([[1, [YES]], [2, [NO]], ...votes([3, 4], ABSTAIN)]));
    expect(s2.outcome).toBe('rejected');
    expect(option(s2, YES).approved).toBe(false);
  });
});

describe('tally: heads by owner (法释〔2009〕7号 arts. 8–9)', () => {
  it("all developer units ('dev') count as one head", () => {
    // 3 owners + 3 developer units: 4 heads.
    const es = electors(6, (id) => (id > 3 ? { headKey: 'dev' } : {}));
    const r = run('civil_278', es, ballots(votes([4, 5, 6], YES)));
    expect(r.electors).toEqual({ count: 6, heads: 4, areaCenti: 60000 });
    expect(r.participated.heads).toBe(1);
    expect(option(r, YES).heads).toBe(1);
    expect(r.outcome).toBe('no_quorum');
    const r2 = run('civil_278', es, ballots(votes([1, 2, 4, 5, 6], YES)));
    expect(r2.participated.heads).toBe(3);
    expect(r2.outcome).toBe('passed');
  });

  it('one owner with several units counts once by head; split ballots approve nothing', () => {
    // owner A holds units 1, 2, 3; owners B (4), C (5): 3 heads, 5 units.
    const es = electors(5, (id) => (id <= 3 ? { headKey: 'A' } : {}));
    const all = run('civil_278', es, ballots([...votes([1, 2, 3, 4], YES), [5, [NO]]]));
    expect(all.electors.heads).toBe(3);
    expect(option(all, YES).heads).toBe(2);
    expect(option(all, YES).ballots).toBe(4);
    expect(all.outcome).toBe('passed');
    // A splits: unit 3 says no. A approves nothing; yes has only B: 1/3 heads.
    const split = run('civil_278', es, ballots([...votes([1, 2, 4], YES), ...votes([3, 5], NO)]));
    expect(option(split, YES).heads).toBe(1);
    expect(option(split, NO).heads).toBe(1);
    expect(option(split, YES).areaCenti).toBe(30000);
    expect(split.participated.heads).toBe(3);
    expect(split.outcome).toBe('rejected');
    // A votes with only one unit: that head chose yes (the others simply did not vote).
    const partial = run('civil_278', es, ballots([...votes([1, 4], YES), [5, [NO]]]));
    expect(option(partial, YES).heads).toBe(2);
    expect(partial.participated).toEqual({ count: 3, heads: 3, areaCenti: 30000 });
    // heads 3/3 but area 300/500 < 2/3
    expect(partial.outcome).toBe('no_quorum');
  });
});

describe('tally: quorum and residents meeting participation', () => {
  it('quorum exactly at the percent is met, one less is not', () => {
    const at = run('quorum', electors(10), ballots(votes([1, 2, 3], YES)), { quorumPercent: 30 });
    expect(at.participation).toEqual([
      expect.objectContaining({ key: 'quorum', value: { num: 3, den: 10 }, required: { num: 3, den: 10 }, met: true }),
    ]);
    expect(at.outcome).toBe('passed');
    const under = run('quorum', electors(10), ballots(votes([1, 2], YES)), { quorumPercent: 30 });
    expect(under.outcome).toBe('no_quorum');
    expect(option(under, YES).approved).toBe(false);
  });

  it('residents meeting: exactly half of households is not enough', () => {
    const half = run('residents_meeting', electors(4), ballots(votes([1, 2], YES)));
    expect(half.participation[0]).toMatchObject({ key: 'participation_heads', strict: true, met: false });
    expect(half.outcome).toBe('no_quorum');
    const more = run('residents_meeting', electors(4), ballots(votes([1, 2, 3], YES)));
    expect(more.outcome).toBe('passed');
    const exactlyHalfYes = run(
      'residents_meeting',
      electors(4),
      ballots([...votes([1, 2], YES), ...votes([3, 4], NO)]),
    );
    expect(exactlyHalfYes.outcome).toBe('rejected');
  });

  it('simple has no participation test; no ballots is empty', () => {
    const one = run('simple', electors(100), ballots([[1, [YES]]]));
    expect(one.participation).toEqual([]);
    expect(one.participationMet).toBe(true);
    expect(one.outcome).toBe('passed');
    const none = run('civil_278', electors(3), []);
    expect(none.outcome).toBe('empty');
    expect(none.winners).toEqual([]);
    expect(run('simple', [], []).outcome).toBe('empty');
    // a zero denominator: n/1 and not met
    expect(
      run(
        'civil_278',
        electors(3, () => ({ areaCenti: 0 })),
        ballots(votes([1, 2, 3], YES)),
      ).participation[1],
    ).toEqual(expect.objectContaining({ value: { num: 0, den: 1 }, met: false }));
  });
});

describe('tally: silent majority (served and silent follow the majority)', () => {
  // 6 owners; 1, 2 yes, 3 no; 4, 5 served and silent; 6 silent, not served.
  const es = electors(6, (id) => ({ served: id === 4 || id === 5 }));
  const bs = ballots([...votes([1, 2], YES), [3, [NO]]]);

  it('off: silent electors are not counted', () => {
    const r = run('civil_278', es, bs);
    expect(r.participated.heads).toBe(3);
    expect(r.silent).toEqual({ count: 0, heads: 0, areaCenti: 0 });
    expect(r.outcome).toBe('no_quorum');
  });

  it('on (278): served silent electors take part and count for the majority side', () => {
    const r = run('civil_278', es, bs, { silentMajority: true });
    expect(r.silent).toEqual({ count: 2, heads: 2, areaCenti: 20000 });
    expect(r.participated).toEqual({ count: 5, heads: 5, areaCenti: 50000 });
    expect(option(r, YES)).toMatchObject({ heads: 4, areaCenti: 40000, silentHeads: 2, silentAreaCenti: 20000 });
    expect(option(r, YES).ballots).toBe(2);
    expect(option(r, NO)).toMatchObject({ heads: 1, silentHeads: 0 });
    expect(r.outcome).toBe('passed');
    expect(run('civil_278_major', es, bs, { silentMajority: true }).outcome).toBe('passed');
  });

  it('a silent unit of an owner who voted adds area but not a head', () => {
    const own = electors(4, (id) => (id === 4 ? { headKey: 'h1', served: true } : {}));
    const r = run('civil_278', own, ballots([...votes([1, 2], YES), [3, [NO]]]), { silentMajority: true });
    expect(r.silent).toEqual({ count: 1, heads: 0, areaCenti: 10000 });
    expect(option(r, YES)).toMatchObject({ heads: 2, areaCenti: 30000, silentHeads: 0, silentAreaCenti: 10000 });
  });

  it('ignored for other rules', () => {
    for (const rule of ['simple', 'residents_meeting'] as const) {
      const r = run(rule, es, bs, { silentMajority: true });
      expect(r.silent.count).toBe(0);
      expect(r.participated.count).toBe(3);
    }
    expect(run('quorum', es, bs, { silentMajority: true, quorumPercent: 50 }).participated.count).toBe(3);
  });

  it('ignored without a majority side (a tie in heads and area, or no ballots)', () => {
    const tie = run(
      'civil_278',
      es,
      ballots([
        [1, [YES]],
        [2, [NO]],
        [3, [ABSTAIN]],
      ]),
      { silentMajority: true },
    );
    expect(tie.silent.count).toBe(0);
    expect(tie.participated.count).toBe(3);
    // equal heads, more area: the larger side is the majority
    const bigger = electors(6, (id) => ({ served: id >= 4, areaCenti: id === 2 ? 20000 : 10000 }));
    const byArea = run(
      'civil_278',
      bigger,
      ballots([
        [1, [YES]],
        [2, [NO]],
      ]),
      { silentMajority: true },
    );
    expect(option(byArea, NO).silentHeads).toBe(3);
    // an abstain majority does not make a side: yes and no are the sides of a motion
    const abst = run('civil_278', es, ballots([[1, [YES]], ...votes([2, 3], ABSTAIN)]), { silentMajority: true });
    expect(option(abst, YES).silentHeads).toBe(2);
    expect(option(abst, ABSTAIN).silentHeads).toBe(0);
    expect(run('civil_278', es, [], { silentMajority: true }).outcome).toBe('empty');
  });
});

describe('tally: single and multiple choice', () => {
  const [a, b, c, d] = choices(4).map((o) => o.id);

  it('single: most ballots wins; a tie at the top decides nothing', () => {
    const win = run('simple', electors(5), ballots([...votes([1, 2], a), [3, [b]], [4, [c]]]), { kind: 'single' });
    expect(win.outcome).toBe('passed');
    expect(win.winners).toEqual([a]);
    expect(win.options.filter((o) => o.approved).map((o) => o.optionId)).toEqual([a]);
    const tie = run('simple', electors(5), ballots([...votes([1, 2], a), ...votes([3, 4], b), [5, [c]]]), {
      kind: 'single',
    });
    expect(tie.outcome).toBe('tie');
    expect(tie.winners).toEqual([]);
    expect(tie.options.some((o) => o.approved)).toBe(false);
  });

  it('single under 278: the option approved by both majorities wins', () => {
    const r = run('civil_278', electors(5), ballots([...votes([1, 2, 3], b), [4, [a]]]), { kind: 'single' });
    expect(r.outcome).toBe('passed');
    expect(r.winners).toEqual([b]);
    const none = run('civil_278', electors(6), ballots([...votes([1, 2], b), ...votes([3, 4], a)]), { kind: 'single' });
    expect(none.outcome).toBe('rejected');
    expect(none.options[0].approval[0].label).toBe('选择「选项1」的业主人数 > 参与人数的一半');
  });

  it('multiple: the top k win; a tie across the boundary keeps only those above it', () => {
    const k2 = { kind: 'multiple' as const, maxChoices: 2 };
    const clear = run(
      'simple',
      electors(5),
      ballots([
        [1, [a, b]],
        [2, [a, b]],
        [3, [a, c]],
        [4, [d]],
      ]),
      k2,
    );
    expect(clear.outcome).toBe('passed');
    expect(clear.winners).toEqual([a, b]);
    const tie = run(
      'simple',
      electors(5),
      ballots([
        [1, [a, b]],
        [2, [a, c]],
        [3, [a, d]],
      ]),
      k2,
    );
    expect(tie.outcome).toBe('tie');
    expect(tie.winners).toEqual([a]);
    expect(option(tie, a).approved).toBe(true);
    expect(option(tie, b).approved).toBe(false);
    // fewer options with ballots than k: they all win; zero never wins
    const few = run('simple', electors(5), ballots([[1, [c]]]), { kind: 'multiple', maxChoices: 3 });
    expect(few.winners).toEqual([c]);
    expect(few.outcome).toBe('passed');
    const blank = run('simple', electors(5), ballots([[1, []]]), { kind: 'multiple', maxChoices: 3 });
    expect(blank.outcome).toBe('rejected');
    expect(blank.participated.count).toBe(1);
  });

  it('multiple under the residents meeting: approved options by ballots', () => {
    const r = run(
      'residents_meeting',
      electors(4),
      ballots([
        [1, [a, b]],
        [2, [a, b]],
        [3, [b, c]],
      ]),
      { kind: 'multiple', maxChoices: 2 },
    );
    expect(r.winners).toEqual([b, a]);
    expect(r.outcome).toBe('passed');
  });
});

describe('tally: by building and by channel', () => {
  it('a building with 4 ballots is hidden; one with 5 is shown', () => {
    const es = electors(12, (id) => ({ buildingId: id <= 5 ? 20 : id <= 10 ? 10 : null }));
    const r = run(
      'simple',
      es,
      ballots([...votes([1, 2, 3], YES), ...votes([4, 5], NO), ...votes(range(6, 9), YES), ...votes([11, 12], YES)]),
    );
    expect(r.byBuilding).toEqual([
      {
        buildingId: 20,
        ballots: 5,
        options: [
          { optionId: YES, ballots: 3 },
          { optionId: NO, ballots: 2 },
          { optionId: ABSTAIN, ballots: 0 },
        ],
      },
    ]);
    const both = run('simple', es, ballots(votes(range(1, 10), YES)));
    expect(both.byBuilding.map((b) => [b.buildingId, b.ballots])).toEqual([
      [10, 5],
      [20, 5],
    ]);
  });

  it('counts ballots by channel', () => {
    const r = run(
      'simple',
      electors(5),
      ballots([
        [1, [YES], 'self'],
        [2, [YES], 'proxy'],
        [3, [NO], 'paper'],
        [4, [NO], 'paper'],
      ]),
    );
    expect(r.byChannel).toEqual({ self: 1, proxy: 1, paper: 2 });
  });
});

describe('tally: bad input throws', () => {
  it.each([
    ['unknown elector', () => run('simple', electors(2), ballots([[9, [YES]]]))],
    ['unknown option', () => run('simple', electors(2), ballots([[1, [99]]]))],
    [
      'two ballots of one elector',
      () =>
        run(
          'simple',
          electors(2),
          ballots([
            [1, [YES]],
            [1, [NO]],
          ]),
        ),
    ],
    ['two options on a motion', () => run('simple', electors(2), ballots([[1, [YES, NO]]]))],
    ['quorum without percent', () => run('quorum', electors(2), [])],
  ])('%s', (_, f) => {
    expect(f).toThrow(RangeError);
  });
});

describe('tally in words', () => {
  it('areaText, ratioText, outcomeText', () => {
    expect(areaText(123450)).toBe('1234.50㎡');
    expect(areaText(5)).toBe('0.05㎡');
    expect(ratioText({ num: 2, den: 3 })).toBe('2/3');
    expect(ratioText({ num: 2, den: 3 }, 'percent')).toBe('66.67%');
    expect(ratioText({ num: 1, den: 8 }, 'percent')).toBe('12.50%');
    expect(ratioText({ num: 1, den: 200 }, 'percent')).toBe('0.50%');
    expect(outcomeText({ outcome: 'no_quorum' })).toBe('参与人数不足，未形成决定');
    expect(outcomeText(run('civil_278', electors(3), ballots(votes([1, 2, 3], YES))))).toBe('通过');
  });

  it('ruleText: one line per test, silent line only for 278', () => {
    expect(ruleText('residents_meeting', 'household', null, false)).toEqual([
      '需超过一半的住户参加投票（正好一半不够）',
      '参加投票的住户中超过一半选择同意才通过（正好一半不够）',
    ]);
    expect(ruleText('quorum', 'resident', 30, false)[0]).toBe('需至少30%的居民参加投票（正好30%也算）');
    const major = ruleText('civil_278_major', 'owner', null, true);
    expect(major[1]).toContain('四分之三');
    expect(major.at(-1)).toContain('按多数人的意见计入');
    expect(ruleText('civil_278', 'owner', null, false).some((l) => l.includes('多数人的意见'))).toBe(false);
    expect(ruleText('simple', 'household', null, true).some((l) => l.includes('多数人的意见'))).toBe(false);
  });
});
