import type { BallotChannel, MotionRole, VoteKind, VoteRule } from '../enums';

/*
 * The shapes of the tally (shared/domain/tally.ts): what goes in (the electorate fixed when
 * the vote opened, the ballots) and what comes out (every figure and every threshold with
 * its fraction, so a result page can show the rule applied). Pure data, JSON-safe: a
 * closed vote stores its TallyResult as is.
 */

/** An exact fraction: numerator / denominator, both non-negative integers (den > 0). */
export interface Ratio {
  num: number;
  den: number;
}

/** One who may vote (a household, a unit for owners, or a resident). */
export interface TallyElector {
  /** vote_electors.id */
  id: number;
  buildingId: number | null;
  /** Owners' votes: exclusive area in centi-m² (an integer: 89.50 m² → 8950); 0 otherwise. */
  areaCenti: number;
  /** Electors sharing a head key count once by head (one owner of several units; all developer units). */
  headKey: string;
  /** Ballot served with the warning (送达), for the silent-majority rule. */
  served: boolean;
}

export interface TallyBallot {
  electorId: number;
  optionIds: readonly number[];
  channel: BallotChannel;
}

export interface TallyOption {
  id: number;
  label: string;
  motionRole: MotionRole | null;
}

export interface TallyInput {
  kind: VoteKind;
  rule: VoteRule;
  /** rule quorum: percent of electors (heads) that must take part, inclusive. */
  quorumPercent: number | null;
  maxChoices: number;
  options: readonly TallyOption[];
  electors: readonly TallyElector[];
  ballots: readonly TallyBallot[];
  /** Owners' votes only: served, silent electors follow the majority of those who voted. */
  silentMajority: boolean;
}

export type ThresholdKey =
  | 'participation_heads'
  | 'participation_area'
  | 'quorum'
  | 'approval_heads'
  | 'approval_area'
  | 'approval_ballots';

/** One test the rule applies: value compared with required, ≥ (inclusive) or > (strict). */
export interface Threshold {
  key: ThresholdKey;
  /** Plain Chinese: 参与人数 ≥ 总人数的2/3 */
  label: string;
  /** What was reached: e.g. participating heads / all heads. */
  value: Ratio;
  /** The fraction required (2/3, 1/2, 3/4, quorum%). */
  required: Ratio;
  /** true: value must exceed required (过半数); false: value ≥ required (以上). */
  strict: boolean;
  met: boolean;
}

export interface OptionFigures {
  optionId: number;
  label: string;
  motionRole: MotionRole | null;
  /** Ballots that chose it (each elector once). */
  ballots: number;
  /** Heads that chose it (a head counts only when all its ballots chose it). */
  heads: number;
  areaCenti: number;
  /** Silent electors counted with it under the silent-majority rule (included above). */
  silentHeads: number;
  silentAreaCenti: number;
  approval: Threshold[];
  approved: boolean;
}

export type TallyOutcome =
  /** The motion passed / the winners are decided. */
  | 'passed'
  /** Enough took part, but no option reached approval (or the motion failed). */
  | 'rejected'
  /** Not enough took part: nothing decided. */
  | 'no_quorum'
  /** Equal top counts where one winner (or the last place) is needed. */
  | 'tie'
  /** No ballots. */
  | 'empty';

export interface BuildingFigures {
  buildingId: number;
  ballots: number;
  options: { optionId: number; ballots: number }[];
}

export interface TallyResult {
  rule: VoteRule;
  electors: { count: number; heads: number; areaCenti: number };
  participated: { count: number; heads: number; areaCenti: number };
  /** Of those, served-and-silent electors counted (silent-majority rule). */
  silent: { count: number; heads: number; areaCenti: number };
  byChannel: Record<BallotChannel, number>;
  /** Participation tests (the quorum, 2/3 of heads and of area, more than half of households). */
  participation: Threshold[];
  participationMet: boolean;
  options: OptionFigures[];
  /** Option ids decided (the motion's 'yes' when it passed). */
  winners: number[];
  outcome: TallyOutcome;
  /** Per building, only where a building has at least BUILDING_MIN_BALLOTS ballots. */
  byBuilding: BuildingFigures[];
}

/** A building's figures are shown only from this many ballots (a neighbour's choice cannot be deduced). */
export const BUILDING_MIN_BALLOTS = 5;
