import { type BallotChannel, ballotChannels, type VoteRule } from '../enums';
import { meets, reduced } from './ratio';
import {
  BUILDING_MIN_BALLOTS,
  type BuildingFigures,
  type OptionFigures,
  type Ratio,
  type TallyBallot,
  type TallyElector,
  type TallyInput,
  type TallyOption,
  type TallyOutcome,
  type TallyResult,
  type Threshold,
  type ThresholdKey,
} from './tally-types';

export { areaText, outcomeText, ratioText, ruleText } from './tally-text';

/**
 * The tally of a vote: the electorate fixed when it opened and its ballots → every figure,
 * every threshold with its fraction, and the outcome (../shared/DOMAIN-RULES.md: 民法典 第278条,
 * 法释〔2009〕7号 arts. 8–9, 城市居民委员会组织法 arts. 9–10). Pure and exact: no I/O, no Node API,
 * every fraction compared by integer cross-multiplication (shared/domain/ratio.ts), no float.
 *
 * Input checks (throws RangeError): an elector id twice, a ballot for an unknown elector or a
 * second ballot of one elector, an unknown or repeated option id in a ballot, more options in a
 * ballot than the kind allows (single and motion: 1; multiple: maxChoices), a motion without a
 * 'yes' option, rule 'quorum' without a percent in 1..100, an area that is not a non-negative
 * integer.
 *
 * Figures:
 * - electors: count; heads = distinct headKey (one owner of several units, all developer units:
 *   one head); areaCenti = sum.
 * - P = electors with a ballot. byChannel: P's ballots by channel. A ballot naming no option
 *   still takes part (and approves nothing).
 * - Per option: ballots = P's ballots naming it; areaCenti = area of those electors; heads = heads
 *   with an elector in P whose electors in P ALL named it (split ballots of one owner approve
 *   nothing: ballots not cast or not clear are not approvals).
 * - Silent majority (only with input.silentMajority and rule civil_278 / civil_278_major):
 *   S = served electors without a ballot. The majority side m = the option (a motion: only 'yes'
 *   or 'no') with the most heads in P, a tie broken by more area; m must be unique and named by
 *   at least one ballot, else there is no m and S is ignored entirely. With m, S takes part:
 *   silent = {count of S, heads of S not already in P, area of S}; those heads and that area are
 *   added to m (heads, areaCenti) and recorded in m.silentHeads / m.silentAreaCenti.
 * - participated = P ∪ counted S (count, heads, areaCenti).
 *
 * Participation (participationMet = all met):
 * - simple: none. quorum: 'quorum' participated.count / electors.count ≥ quorumPercent/100.
 * - residents_meeting: 'participation_heads' participated.heads / electors.heads > 1/2.
 * - civil_278(_major): 'participation_heads' and 'participation_area' ≥ 2/3 each.
 * Approval per option:
 * - residents_meeting: 'approval_ballots' ballots / participated.count > 1/2.
 * - civil_278: 'approval_heads' heads / participated.heads > 1/2 and 'approval_area'
 *   areaCenti / participated.areaCenti > 1/2. civil_278_major: the same two, ≥ 3/4.
 * - simple, quorum: no tests.
 * A ratio's value is as reached; with a zero denominator it is n/1 and the test is not met.
 *
 * Outcome and winners (an option is `approved` iff it is among the winners):
 * - 'empty' when nobody took part (or there are no electors); 'no_quorum' when participation is
 *   not met. Both: no winners.
 * - motion: the 'yes' option decides. Rule-based sets (residents_meeting, 278): passed iff 'yes'
 *   meets every approval test; simple / quorum: passed iff yes.ballots > no.ballots (abstain
 *   takes part but counts for neither). winners = [yes] when passed, else 'rejected'.
 * - single / multiple, rule-based sets: winners = options meeting every approval test, by
 *   ballots desc then id; 'passed' when any, else 'rejected'.
 * - single / multiple (k = 1 for single, maxChoices for multiple), simple / quorum: options with
 *   ballots > 0 ranked by ballots desc then id; the top k win. When the k-th and the (k+1)-th
 *   have equal ballots: 'tie', and the winners are only those strictly above that tied group.
 *   Else 'passed' (some winner) or 'rejected' (no ballot named any option).
 * - byBuilding: P's ballots (never the silent) by buildingId (null left out), only buildings with
 *   at least BUILDING_MIN_BALLOTS ballots, every option listed in input order; by buildingId.
 */
export function tally(input: TallyInput): TallyResult {
  const { kind, rule, options, electors } = input;
  const ruleBased = rule === 'residents_meeting' || rule === 'civil_278' || rule === 'civil_278_major';
  const is278 = rule === 'civil_278' || rule === 'civil_278_major';

  // --- input checks
  const electorById = new Map<number, TallyElector>();
  for (const e of electors) {
    if (electorById.has(e.id)) throw new RangeError(`elector ${e.id} listed twice`);
    if (!Number.isSafeInteger(e.areaCenti) || e.areaCenti < 0) throw new RangeError(`elector ${e.id}: bad area`);
    electorById.set(e.id, e);
  }
  const optionIds = new Set<number>();
  for (const o of options) {
    if (optionIds.has(o.id)) throw new RangeError(`option ${o.id} listed twice`);
    optionIds.add(o.id);
  }
  const maxPerBallot = kind === 'multiple' ? input.maxChoices : 1;
  if (!Number.isSafeInteger(maxPerBallot) || maxPerBallot < 1) throw new RangeError('bad maxChoices');
  const yes = options.find((o) => o.motionRole === 'yes');
  const no = options.find((o) => o.motionRole === 'no');
  if (kind === 'motion' && !yes) throw new RangeError("a motion needs a 'yes' option");
  const quorumPercent = input.quorumPercent;
  if (
    rule === 'quorum' &&
    (quorumPercent === null || !Number.isSafeInteger(quorumPercent) || quorumPercent < 1 || quorumPercent > 100)
  ) {
    throw new RangeError('rule quorum needs a percent in 1..100');
  }
  const ballotOf = new Map<number, TallyBallot>();
  for (const b of input.ballots) {
    if (!electorById.has(b.electorId)) throw new RangeError(`ballot of unknown elector ${b.electorId}`);
    if (ballotOf.has(b.electorId)) throw new RangeError(`two ballots of elector ${b.electorId}`);
    const seen = new Set<number>();
    for (const id of b.optionIds) {
      if (!optionIds.has(id)) throw new RangeError(`ballot of elector ${b.electorId} names unknown option ${id}`);
      if (seen.has(id)) throw new RangeError(`ballot of elector ${b.electorId} names option ${id} twice`);
      seen.add(id);
    }
    if (seen.size > maxPerBallot) throw new RangeError(`ballot of elector ${b.electorId} names too many options`);
    ballotOf.set(b.electorId, b);
  }

  // --- the electorate
  const allHeads = new Set<string>();
  let allArea = 0;
  for (const e of electors) {
    allHeads.add(e.headKey);
    allArea += e.areaCenti;
  }
  const electorFigures = { count: electors.length, heads: allHeads.size, areaCenti: allArea };

  // --- P: those with a ballot, by head
  const byChannel = Object.fromEntries(ballotChannels.map((c) => [c, 0])) as Record<BallotChannel, number>;
  const pHeads = new Map<string, TallyElector[]>();
  let pCount = 0;
  let pArea = 0;
  for (const e of electors) {
    const b = ballotOf.get(e.id);
    if (!b) continue;
    pCount++;
    pArea += e.areaCenti;
    byChannel[b.channel]++;
    const list = pHeads.get(e.headKey);
    if (list) list.push(e);
    else pHeads.set(e.headKey, [e]);
  }

  const figures = options.map((o) => {
    let ballots = 0;
    let areaCenti = 0;
    for (const e of electors) {
      const b = ballotOf.get(e.id);
      if (b?.optionIds.includes(o.id)) {
        ballots++;
        areaCenti += e.areaCenti;
      }
    }
    let heads = 0;
    for (const members of pHeads.values()) {
      if (members.every((e) => ballotOf.get(e.id)!.optionIds.includes(o.id))) heads++;
    }
    return { option: o, ballots, heads, areaCenti, silentHeads: 0, silentAreaCenti: 0 };
  });

  // --- silent majority
  const silent = { count: 0, heads: 0, areaCenti: 0 };
  if (input.silentMajority && is278 && pCount > 0) {
    const sides = figures.filter((f) =>
      kind === 'motion' ? f.option.motionRole === 'yes' || f.option.motionRole === 'no' : true,
    );
    const better = (a: (typeof figures)[number], b: (typeof figures)[number]) =>
      a.heads !== b.heads ? a.heads - b.heads : a.areaCenti - b.areaCenti;
    let best: (typeof figures)[number] | null = null;
    let tied = false;
    for (const f of sides) {
      if (!best || better(f, best) > 0) {
        best = f;
        tied = false;
      } else if (better(f, best) === 0) tied = true;
    }
    if (best && !tied && best.ballots > 0) {
      const silentHeads = new Set<string>();
      for (const e of electors) {
        if (!e.served || ballotOf.has(e.id)) continue;
        silent.count++;
        silent.areaCenti += e.areaCenti;
        if (!pHeads.has(e.headKey)) silentHeads.add(e.headKey);
      }
      silent.heads = silentHeads.size;
      best.heads += silent.heads;
      best.areaCenti += silent.areaCenti;
      best.silentHeads = silent.heads;
      best.silentAreaCenti = silent.areaCenti;
    }
  }
  const participated = {
    count: pCount + silent.count,
    heads: pHeads.size + silent.heads,
    areaCenti: pArea + silent.areaCenti,
  };

  // --- participation
  const participation: Threshold[] = [];
  if (rule === 'quorum') {
    participation.push(
      test(
        'quorum',
        `参与的票数 ≥ 总票数的${quorumPercent}%`,
        participated.count,
        electorFigures.count,
        reduced(quorumPercent!, 100),
        false,
      ),
    );
  } else if (rule === 'residents_meeting') {
    participation.push(
      test('participation_heads', '参与的票数 > 总票数的一半', participated.heads, electorFigures.heads, HALF, true),
    );
  } else if (is278) {
    participation.push(
      test(
        'participation_heads',
        '参与表决的业主人数 ≥ 总人数的三分之二',
        participated.heads,
        electorFigures.heads,
        TWO_THIRDS,
        false,
      ),
      test(
        'participation_area',
        '参与表决的专有面积 ≥ 总面积的三分之二',
        participated.areaCenti,
        electorFigures.areaCenti,
        TWO_THIRDS,
        false,
      ),
    );
  }
  const participationMet = participation.every((t) => t.met);

  // --- approval tests
  const approvals = figures.map((f) => approvalTests(rule, f, participated));
  const meetsApproval = (i: number) => approvals[i].every((t) => t.met);

  // --- outcome and winners
  let outcome: TallyOutcome;
  let winners: number[] = [];
  if (electors.length === 0 || participated.count === 0) {
    outcome = 'empty';
  } else if (!participationMet) {
    outcome = 'no_quorum';
  } else if (kind === 'motion') {
    const yi = options.indexOf(yes!);
    const passed = ruleBased
      ? meetsApproval(yi)
      : figures[yi].ballots > (no ? figures[options.indexOf(no)].ballots : 0);
    outcome = passed ? 'passed' : 'rejected';
    winners = passed ? [yes!.id] : [];
  } else if (ruleBased) {
    winners = figures
      .filter((_, i) => meetsApproval(i))
      .sort(byBallotsThenId)
      .map((f) => f.option.id);
    outcome = winners.length > 0 ? 'passed' : 'rejected';
  } else {
    const k = kind === 'single' ? 1 : maxPerBallot;
    const ranked = figures.filter((f) => f.ballots > 0).sort(byBallotsThenId);
    if (ranked.length > k && ranked[k - 1].ballots === ranked[k].ballots) {
      const tiedAt = ranked[k].ballots;
      winners = ranked.filter((f) => f.ballots > tiedAt).map((f) => f.option.id);
      outcome = 'tie';
    } else {
      winners = ranked.slice(0, k).map((f) => f.option.id);
      outcome = winners.length > 0 ? 'passed' : 'rejected';
    }
  }

  const optionFigures: OptionFigures[] = figures.map((f, i) => ({
    optionId: f.option.id,
    label: f.option.label,
    motionRole: f.option.motionRole,
    ballots: f.ballots,
    heads: f.heads,
    areaCenti: f.areaCenti,
    silentHeads: f.silentHeads,
    silentAreaCenti: f.silentAreaCenti,
    approval: approvals[i],
    approved: winners.includes(f.option.id),
  }));

  return {
    rule,
    electors: electorFigures,
    participated,
    silent,
    byChannel,
    participation,
    participationMet,
    options: optionFigures,
    winners,
    outcome,
    byBuilding: buildings(electors, ballotOf, options),
  };
}

const HALF: Ratio = { num: 1, den: 2 };
const TWO_THIRDS: Ratio = { num: 2, den: 3 };
const THREE_QUARTERS: Ratio = { num: 3, den: 4 };

function test(key: ThresholdKey, label: string, num: number, den: number, required: Ratio, strict: boolean): Threshold {
  if (den === 0) return { key, label, value: { num, den: 1 }, required, strict, met: false };
  const value = { num, den };
  return { key, label, value, required, strict, met: meets(value, required, strict) };
}

/** Who chose the option, in words: 同意 for a motion's yes, else 选择「…」. */
function chooser(o: TallyOption): string {
  if (o.motionRole === 'yes') return '同意';
  if (o.motionRole === 'no') return '反对';
  if (o.motionRole === 'abstain') return '弃权';
  return `选择「${o.label}」`;
}

function approvalTests(
  rule: VoteRule,
  f: { option: TallyOption; ballots: number; heads: number; areaCenti: number },
  participated: { count: number; heads: number; areaCenti: number },
): Threshold[] {
  const who = chooser(f.option);
  if (rule === 'residents_meeting') {
    return [test('approval_ballots', `${who}的票数 > 参与票数的一半`, f.ballots, participated.count, HALF, true)];
  }
  if (rule === 'civil_278') {
    return [
      test('approval_heads', `${who}的业主人数 > 参与人数的一半`, f.heads, participated.heads, HALF, true),
      test('approval_area', `${who}的专有面积 > 参与面积的一半`, f.areaCenti, participated.areaCenti, HALF, true),
    ];
  }
  if (rule === 'civil_278_major') {
    return [
      test(
        'approval_heads',
        `${who}的业主人数 ≥ 参与人数的四分之三`,
        f.heads,
        participated.heads,
        THREE_QUARTERS,
        false,
      ),
      test(
        'approval_area',
        `${who}的专有面积 ≥ 参与面积的四分之三`,
        f.areaCenti,
        participated.areaCenti,
        THREE_QUARTERS,
        false,
      ),
    ];
  }
  return [];
}

function byBallotsThenId(a: { ballots: number; option: TallyOption }, b: { ballots: number; option: TallyOption }) {
  return b.ballots - a.ballots || a.option.id - b.option.id;
}

function buildings(
  electors: readonly TallyElector[],
  ballotOf: Map<number, TallyBallot>,
  options: readonly TallyOption[],
): BuildingFigures[] {
  const groups = new Map<number, TallyBallot[]>();
  for (const e of electors) {
    const b = ballotOf.get(e.id);
    if (!b || e.buildingId === null) continue;
    const list = groups.get(e.buildingId);
    if (list) list.push(b);
    else groups.set(e.buildingId, [b]);
  }
  return [...groups.entries()]
    .filter(([, list]) => list.length >= BUILDING_MIN_BALLOTS)
    .sort(([a], [b]) => a - b)
    .map(([buildingId, list]) => ({
      buildingId,
      ballots: list.length,
      options: options.map((o) => ({ optionId: o.id, ballots: list.filter((b) => b.optionIds.includes(o.id)).length })),
    }));
}
