import { readFileSync } from 'node:fs';

/** What the parent (load generator) and the child (servers) agree on. */

export const DATASET = {
  streets: 10,
  communities: 200,
  buildingsPerCommunity: 10,
  householdsPerBuilding: 50, // 200 × 10 × 50 = 100,000 households
  users: 30_000,
  /** Every fifth user also lives in a second community. */
  secondMembershipEvery: 5,
  sessions: 2_000,
  noticesPerCommunity: 500, // 100,000 notices
  /** Notices each membership has opened: 36,000 memberships × 28 ≈ 1,000,000 read rows. */
  readsPerMembership: 28,
  /** Where the deep page starts: after this many notices of the list. */
  deepOffset: 200,
  /** 留言板: 200 × 5,000 = 1,000,000 posts, each with 3 comments (3,000,000). */
  postsPerCommunity: 5_000,
  commentsPerPost: 3,
  /** Where the board's deep page starts: after this many posts of the feed. */
  boardDeepOffset: 1_000,
} as const;

/**
 * 议事厅: one more community of 5,000 households (50 buildings × 100), two approved members
 * each (10,000 voters, each with a session), and two open household votes of two options on
 * it, each with 3,000 ballots already cast: one showing results after the close (the ballot
 * scenario writes to it) and one showing them live (the tally scenario reads it).
 */
export const VOTES = {
  buildings: 50,
  householdsPerBuilding: 100,
  membersPerHousehold: 2,
  /** Households (of 5,000) that have voted in each vote before the run. */
  ballotsPerVote: 3_000,
} as const;
export const VOTE_HOUSEHOLDS = VOTES.buildings * VOTES.householdsPerBuilding;
export const VOTERS = VOTE_HOUSEHOLDS * VOTES.membersPerHousehold;

/** The bearer token of voter n (1-based) of the 议事厅 community. */
export const voterToken = (n: number) => `bench-voter-token-${String(n).padStart(6, '0')}`;

/**
 * 社区租赁, in the 议事厅 community (its 10,000 voters are the renters): a point with an item type
 * of 50 units and 10,000 bookings whose holds are spread over the past year and the next 60 days
 * (the calendar reads it), a self-service item of 3 units booked under contention (nearly every
 * answer a 409 once its days fill), and one of 1,000 units whose bookings keep succeeding.
 */
export const RENTALS = {
  calendarUnits: 50,
  calendarBookings: 10_000,
  pastDays: 365,
  futureDays: 60,
  bookUnits: 3,
  /** A self-service item with so many units that bookings succeed throughout a run (rental-book-free). */
  freeUnits: 1_000,
} as const;

/**
 * 找邻居: 2,000 listed residents with cards in each of the 200 communities (400,000 cards, their
 * users and approved memberships, four to a household), a realistic mix of tags (about 1 in 10
 * 会修电器) and switches, a few hidden cards, hidden tags and blocks. Every tenth of them has a
 * session and browses the directory: 40,000 viewers, so the daily ceiling of 200 cards each
 * (NEIGHBOUR_DAILY_CARDS) is far away in any run. BENCH_NEIGHBOURS (per community) seeds fewer,
 * e.g. to try the embedded engine at a smaller scale.
 */
export const NEIGHBOURS = {
  perCommunity: Number(process.env.BENCH_NEIGHBOURS ?? 2_000),
  /** Every n-th resident of a community has a session (a viewer). */
  viewerEvery: 10,
} as const;
/** The bearer token of 找邻居 resident i (1-based; resident i lives in community (i-1) mod 200 + 1). */
export const neighbourToken = (i: number) => `bench-neighbour-token-${String(i).padStart(7, '0')}`;

/**
 * Which scenarios run (BENCH_SCENARIOS, comma-separated keys; all by default). The 通知 and
 * 留言板 rows (4,000,000 of them) are seeded only when one of their scenarios runs.
 */
export const SCENARIO_KEYS = [
  'memberships',
  'notices',
  'notices-deep',
  'board',
  'board-deep',
  'card',
  'ballot',
  'tally',
  'rental-calendar',
  'rental-book',
  'rental-book-free',
  'neighbour-tag',
  'neighbour-building',
] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export function selectedScenarios(env = process.env.BENCH_SCENARIOS): Set<ScenarioKey> {
  if (!env) return new Set(SCENARIO_KEYS);
  const keys = env
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = keys.filter((k) => !(SCENARIO_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0 || keys.length === 0)
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')}; choose from ${SCENARIO_KEYS.join(', ')}`);
  return new Set(keys as ScenarioKey[]);
}

/** Whether the scenarios need the notices and board content. */
export const needsContent = (s: Set<ScenarioKey>) =>
  ['notices', 'notices-deep', 'board', 'board-deep'].some((k) => s.has(k as ScenarioKey));

/** Whether the scenarios need the 找邻居 cards (400,000 rows and their users). */
export const needsNeighbours = (s: Set<ScenarioKey>) => s.has('neighbour-tag') || s.has('neighbour-building');

/** The bearer token of seeded session n (1-based). The seed computes the same text in SQL and stores its sha256. */
export const sessionToken = (n: number) => `bench-session-token-${String(n).padStart(6, '0')}`;

/** Pool size for each server on a real Postgres: the app's default DATABASE_POOL_MAX. */
export const POOL_MAX = 10;

export type ServerRole = 'app' | 'bare' | 'both';

export interface SeedReport {
  serverVersion: string;
  seedMs: number;
  vacuumMs: number;
  counts: Record<string, number>;
  communityIds: number[];
  /** Per session (index n-1): the session user's first community, and the cursors of a deep page of its notices and of its board. */
  noticeTargets: Array<{ communityId: number; deepCursor: string; boardCursor: string }>;
  /** The 议事厅 community and its two open votes with their option ids. */
  vote: { communityId: number; castVoteId: number; castOptionIds: number[]; liveVoteId: number };
  /** 社区租赁 in the 议事厅 community: the calendar's item type and the self-service one booked. */
  rental: { communityId: number; calendarItemId: number; bookItemId: number; freeItemId: number };
  /** 找邻居 (when seeded): the 200 communities in id order with their buildings' ids, and the residents per community. */
  neighbours: { communities: Array<{ id: number; buildingIds: number[] }>; perCommunity: number } | null;
}

/** The one message a child sends when its servers listen. */
export interface ReadyMessage {
  type: 'ready';
  ports: { app?: number; bare?: number };
  /** Present when the child seeded (embedded engine). */
  seed?: SeedReport;
}

/** The parent asks a child for its CPU counters. */
export interface CpuRequest {
  type: 'cpu';
  id: number;
}

/** CPU milliseconds used so far: the main (event loop) thread, and the whole process. */
export interface CpuReply {
  type: 'cpu';
  id: number;
  mainMs: number;
  processMs: number;
}

/** utime + stime of one thread or process from /proc (Linux), in ms; NaN elsewhere. */
export function procCpuMs(statPath: string): number {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5); the slice starts at field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ: 100 on every Linux Node runs on in practice. */
const CLOCK_TICKS = 100;

export interface FailedMessage {
  type: 'failed';
  message: string;
}
