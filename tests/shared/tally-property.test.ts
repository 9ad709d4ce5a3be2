import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally } from '../../shared/domain/tally';
import type { TallyBallot, TallyElector, TallyInput, TallyOption } from '../../shared/domain/tally-types';
import { ballotChannels, type VoteKind, type VoteRule, voteKinds, voteRules } from '../../shared/enums';

/*
 * The tally against a brute-force oracle written from the rules (../shared/DOMAIN-RULES.md and
 * the doc comment of shared/domain/tally.ts), not from the code: fractions as BigInt pairs,
 * every figure recomputed head by head.
 */

/** A fraction of BigInts; compared by cross-multiplication only. */
class Frac {
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
  static of(n: number, d: number) {
    return new Frac(BigInt(n), BigInt(d));
  }
  /** this > o */
  above(o: Frac) {
    return this.n * o.d > o.n * this.d;
  }
  /** this ≥ o */
  atLeast(o: Frac) {
    return this.n * o.d >= o.n * this.d;
  }
}
const half = Frac.of(1, 2);
const twoThirds = Frac.of(2, 3);
const threeQuarters = Frac.of(3, 4);

interface Expected {
  outcome: string;
  winners: number[];
  participationMet: boolean;
  participated: { count: number; heads: number; areaCenti: number };
  options: { optionId: number; ballots: number; heads: number; areaCenti: number; approved: boolean }[];
}

function oracle(input: TallyInput): Expected {
  const { rule, kind, options } = input;
  const choice = new Map<number, Set<number>>();
  for (const b of input.ballots) choice.set(b.electorId, new Set(b.optionIds));
  const voted = (e: TallyElector) => choice.has(e.id);

  // heads as groups of electors
  const keys = [...new Set(input.electors.map((e) => e.headKey))];
  const groups = keys.map((key) => input.electors.filter((e) => e.headKey === key));
  const sumArea = (es: readonly TallyElector[]) => es.reduce((s, e) => s + e.areaCenti, 0);

  const perOption = options.map((o) => {
    const chose = input.electors.filter((e) => choice.get(e.id)?.has(o.id));
    const heads = groups.filter((g) => {
      const inP = g.filter(voted);
      return inP.length > 0 && inP.every((e) => choice.get(e.id)!.has(o.id));
    }).length;
    return { o, ballots: chose.length, heads, area: sumArea(chose) };
  });

  let pElectors = input.electors.filter(voted);
  let pGroups = groups.filter((g) => g.some(voted));

  const owners = rule === 'civil_278' || rule === 'civil_278_major';
  if (input.silentMajority && owners && pElectors.length > 0) {
    const sides = perOption.filter((x) => kind !== 'motion' || x.o.motionRole === 'yes' || x.o.motionRole === 'no');
    const sorted = [...sides].sort((a, b) => b.heads - a.heads || b.area - a.area);
    const top = sorted[0];
    const second = sorted[1];
    const unique = !second || second.heads !== top.heads || second.area !== top.area;
    if (top && unique && top.ballots > 0) {
      const silent = input.electors.filter((e) => e.served && !voted(e));
      const newGroups = groups.filter((g) => !g.some(voted) && g.some((e) => silent.includes(e)));
      top.heads += newGroups.length;
      top.area += sumArea(silent);
      pElectors = [...pElectors, ...silent];
      pGroups = [...pGroups, ...newGroups];
    }
  }
  const participated = { count: pElectors.length, heads: pGroups.length, areaCenti: sumArea(pElectors) };

  const ok = (n: number, d: number, req: Frac, strict: boolean) =>
    d > 0 && (strict ? Frac.of(n, d).above(req) : Frac.of(n, d).atLeast(req));

  let participationMet = true;
  if (rule === 'quorum') {
    participationMet = ok(participated.count, input.electors.length, Frac.of(input.quorumPercent!, 100), false);
  } else if (rule === 'residents_meeting') {
    participationMet = ok(participated.heads, groups.length, half, true);
  } else if (owners) {
    participationMet =
      ok(participated.heads, groups.length, twoThirds, false) &&
      ok(participated.areaCenti, sumArea(input.electors), twoThirds, false);
  }

  const approves = (x: (typeof perOption)[number]) => {
    if (rule === 'residents_meeting') return ok(x.ballots, participated.count, half, true);
    if (rule === 'civil_278')
      return ok(x.heads, participated.heads, half, true) && ok(x.area, participated.areaCenti, half, true);
    if (rule === 'civil_278_major')
      return (
        ok(x.heads, participated.heads, threeQuarters, false) &&
        ok(x.area, participated.areaCenti, threeQuarters, false)
      );
    throw new Error('no approval tests for this rule');
  };

  let outcome: string;
  let winners: number[] = [];
  if (participated.count === 0) outcome = 'empty';
  else if (!participationMet) outcome = 'no_quorum';
  else if (kind === 'motion') {
    const yes = perOption.find((x) => x.o.motionRole === 'yes')!;
    const no = perOption.find((x) => x.o.motionRole === 'no');
    const passed = rule === 'simple' || rule === 'quorum' ? yes.ballots > (no?.ballots ?? 0) : approves(yes);
    outcome = passed ? 'passed' : 'rejected';
    if (passed) winners = [yes.o.id];
  } else if (rule === 'simple' || rule === 'quorum') {
    const k = kind === 'single' ? 1 : input.maxChoices;
    // an option wins when fewer than k options have more ballots, and it has ballots;
    // a tie when an option with ballots has exactly k-1 options above it... and another equal
    const above = (x: (typeof perOption)[number]) => perOption.filter((y) => y.ballots > x.ballots).length;
    const equal = (x: (typeof perOption)[number]) => perOption.filter((y) => y.ballots === x.ballots).length;
    const inTop = perOption.filter((x) => x.ballots > 0 && above(x) < k);
    const crossing = inTop.some((x) => above(x) + equal(x) > k);
    const chosen = crossing ? inTop.filter((x) => above(x) + equal(x) <= k) : inTop;
    winners = chosen.sort((a, b) => b.ballots - a.ballots || a.o.id - b.o.id).map((x) => x.o.id);
    outcome = crossing ? 'tie' : winners.length > 0 ? 'passed' : 'rejected';
  } else {
    winners = perOption
      .filter(approves)
      .sort((a, b) => b.ballots - a.ballots || a.o.id - b.o.id)
      .map((x) => x.o.id);
    outcome = winners.length > 0 ? 'passed' : 'rejected';
  }

  return {
    outcome,
    winners,
    participationMet,
    participated,
    options: perOption.map((x) => ({
      optionId: x.o.id,
      ballots: x.ballots,
      heads: x.heads,
      areaCenti: x.area,
      approved: winners.includes(x.o.id),
    })),
  };
}

const motionOptions: TallyOption[] = [
  { id: 7, label: '赞成', motionRole: 'yes' },
  { id: 3, label: '反对', motionRole: 'no' },
  { id: 5, label: '弃权', motionRole: 'abstain' },
];

interface Draft {
  kind: VoteKind;
  rule: VoteRule;
  quorumPercent: number;
  nOptions: number;
  maxChoices: number;
  silentMajority: boolean;
  electors: {
    head: number;
    area: number;
    building: number | null;
    served: boolean;
    vote: { picks: number[]; channel: (typeof ballotChannels)[number] } | null;
  }[];
}

function build(d: Draft): TallyInput {
  const options: TallyOption[] =
    d.kind === 'motion'
      ? motionOptions
      : Array.from({ length: d.nOptions }, (_, i) => ({ id: 100 - i * 3, label: `第${i + 1}项`, motionRole: null }));
  const maxChoices = d.kind === 'multiple' ? Math.min(d.maxChoices, options.length) : 1;
  const electors: TallyElector[] = d.electors.map((e, i) => ({
    id: 1000 + i * 7,
    buildingId: e.building,
    areaCenti: e.area,
    headKey: e.head === 0 ? 'dev' : `owner-${e.head}`,
    served: e.served,
  }));
  const ballots: TallyBallot[] = [];
  d.electors.forEach((e, i) => {
    if (!e.vote) return;
    const ids = [...new Set(e.vote.picks.map((p) => options[p % options.length].id))].slice(0, maxChoices);
    ballots.push({ electorId: electors[i].id, optionIds: ids, channel: e.vote.channel });
  });
  // ballots in a shuffled-looking order: the tally must not depend on it
  ballots.reverse();
  return {
    kind: d.kind,
    rule: d.rule,
    quorumPercent: d.rule === 'quorum' ? d.quorumPercent : null,
    maxChoices,
    options,
    electors,
    ballots,
    silentMajority: d.silentMajority,
  };
}

const draft = (rules: readonly VoteRule[], kinds: readonly VoteKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    rule: fc.constantFrom(...rules),
    quorumPercent: fc.oneof(fc.constantFrom(25, 50, 60), fc.integer({ min: 1, max: 100 })),
    nOptions: fc.integer({ min: 1, max: 5 }),
    maxChoices: fc.integer({ min: 1, max: 5 }),
    silentMajority: fc.boolean(),
    electors: fc.array(
      fc.record({
        head: fc.integer({ min: 0, max: 7 }),
        // equal areas often, so area thresholds are hit exactly
        area: fc.oneof(fc.constantFrom(5000, 10000, 20000), fc.integer({ min: 1, max: 20000 })),
        building: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 4 }),
        served: fc.boolean(),
        vote: fc.option(
          fc.record({
            picks: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }),
            channel: fc.constantFrom(...ballotChannels),
          }),
          { freq: 2 },
        ),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  });

describe('tally against the oracle (fast-check)', () => {
  it('every rule and kind: outcome, winners, participation and each option agree', () => {
    fc.assert(
      fc.property(draft(voteRules, voteKinds).map(build), (input) => {
        const got = tally(input);
        const want = oracle(input);
        expect(got.outcome).toBe(want.outcome);
        expect(got.winners).toEqual(want.winners);
        expect(got.participationMet).toBe(want.participationMet);
        expect(got.participated).toEqual(want.participated);
        expect(
          got.options.map(({ optionId, ballots, heads, areaCenti, approved }) => ({
            optionId,
            ballots,
            heads,
            areaCenti,
            approved,
          })),
        ).toEqual(want.options);
        // the figures add up
        expect(got.byChannel.self + got.byChannel.proxy + got.byChannel.paper).toBe(input.ballots.length);
        expect(got.participated.count).toBe(input.ballots.length + got.silent.count);
        for (const b of got.byBuilding) expect(b.ballots).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 400 },
    );
  });

  it('the owners’ rules with the silent majority on: the oracle agrees', () => {
    fc.assert(
      fc.property(
        draft(['civil_278', 'civil_278_major'], voteKinds).map((d) => build({ ...d, silentMajority: true })),
        (input) => {
          const got = tally(input);
          const want = oracle(input);
          expect(got.outcome).toBe(want.outcome);
          expect(got.winners).toEqual(want.winners);
          expect(got.participated).toEqual(want.participated);
          expect(got.options.map((o) => [o.heads, o.areaCenti, o.approved])).toEqual(
            want.options.map((o) => [o.heads, o.areaCenti, o.approved]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('monotonicity: one more yes from someone who had not voted keeps a passed 278 motion passed', () => {
    fc.assert(
      fc.property(
        draft(['civil_278', 'civil_278_major'], ['motion']).map(build),
        fc.nat(),
        fc.constantFrom(...ballotChannels),
        (input, pick, channel) => {
          const before = tally(input);
          fc.pre(before.outcome === 'passed');
          const voted = new Set(input.ballots.map((b) => b.electorId));
          const idle = input.electors.filter((e) => !voted.has(e.id));
          fc.pre(idle.length > 0);
          const who = idle[pick % idle.length];
          const after = tally({
            ...input,
            ballots: [...input.ballots, { electorId: who.id, optionIds: [7], channel }],
          });
          expect(after.outcome).toBe('passed');
          expect(after.winners).toEqual([7]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
