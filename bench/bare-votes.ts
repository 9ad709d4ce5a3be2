/**
 * The bare handler's 议事厅 routes (bench/bare.ts mounts them): casting a ballot and reading a
 * vote with its live tally, statement for statement as server/features/votes runs them
 * (ballots.ts castBallot, views.ts voteDetailFor, tally-input.ts; the texts as captured from
 * PostgreSQL's statement log), and the same JSON.
 * Only the happy path the bench sends: an approved member voting for their own household in
 * a household vote without a topic, scope or proxies; anything else answers 501.
 */
import type postgres from 'postgres';
import { ruleText, tally } from '../shared/domain/tally';
import type { BallotChannel, MotionRole, VoteKind, VoteRule } from '../shared/enums';

const VOTE_COLUMNS =
  '"id", "community_id", "topic_id", "title", "description", "kind", "max_choices", "electorate", "rule", "quorum_percent", "civil_item", "building_ids", "results_shown", "anonymous", "proxy_cap", "silent_majority", "silent_majority_basis", "status", "opens_at", "closes_at", "closed_at", "result", "reminded_at", "created_by", "created_at", "updated_at"';
const BALLOT_COLUMNS =
  '"id", "vote_id", "elector_id", "option_ids", "channel", "cast_by", "proxy_id", "recorded_by", "paper_signer", "paper_signed_on", "paper_upload_id", "version", "created_at", "updated_at"';

export const VOTE_SQL = {
  // access.ts requireVote, with and without the lock.
  vote: `select ${VOTE_COLUMNS} from "votes" where ("votes"."id" = $1 and "votes"."community_id" = $2)`,
  voteForShare: `select ${VOTE_COLUMNS} from "votes" where ("votes"."id" = $1 and "votes"."community_id" = $2) for share`,
  // access.ts membershipOf and ownElector (household electorate).
  membership:
    'select "memberships"."household_id", "households"."owner_occupied" from "memberships" left join "households" on "households"."id" = "memberships"."household_id" where ("memberships"."user_id" = $1 and "memberships"."community_id" = $2 and "memberships"."status" = $3)',
  elector:
    'select "id", "vote_id", "household_id", "user_id", "building_id", "area", "head_key", "served_at", "served_note", "served_upload_id" from "vote_electors" where ("vote_electors"."vote_id" = $1 and "vote_electors"."household_id" = $2)',
  // ballots.ts checkOptions (one option: a single choice).
  ownOptions: 'select "id" from "vote_options" where ("vote_options"."vote_id" = $1 and "vote_options"."id" in ($2))',
  // ballots.ts writeBallot: the upsert bumping the version, and its history row.
  upsert: `insert into "ballots" (${BALLOT_COLUMNS}) values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict ("vote_id","elector_id") do update set "option_ids" = $14, "channel" = $15, "cast_by" = $16, "proxy_id" = $17, "recorded_by" = $18, "paper_signer" = $19, "paper_signed_on" = $20, "paper_upload_id" = $21, "version" = "ballots"."version" + 1, "updated_at" = $22 returning ${BALLOT_COLUMNS}`,
  change:
    'insert into "ballot_changes" ("id", "ballot_id", "version", "option_ids", "channel", "cast_by", "recorded_by", "at") values (default, $1, $2, $3, $4, $5, $6, $7)',
  // views.ts voteDetailFor: turnout, options, the caller's ballot, proxies.
  electorCount:
    'select "vote_id", count(*) from "vote_electors" where "vote_electors"."vote_id" in ($1) group by "vote_electors"."vote_id"',
  ballotCount:
    'select "vote_id", "channel", count(*) from "ballots" where "ballots"."vote_id" in ($1) group by "ballots"."vote_id", "ballots"."channel"',
  options:
    'select "id", "label", "motion_role" from "vote_options" where "vote_options"."vote_id" = $1 order by "vote_options"."position" asc',
  mine: `select ${BALLOT_COLUMNS} from "ballots" where "ballots"."elector_id" = $1`,
  delegated: `select "vote_proxies"."elector_id", concat_ws(' ', "buildings"."name", "households"."unit", "households"."room"), ${BALLOT_COLUMNS.replaceAll(
    '"',
    '',
  )
    .split(', ')
    .map((c) => `"ballots"."${c}"`)
    .join(
      ', ',
    )} from "vote_proxies" inner join "vote_electors" on "vote_electors"."id" = "vote_proxies"."elector_id" left join "households" on "households"."id" = "vote_electors"."household_id" left join "buildings" on "buildings"."id" = "households"."building_id" left join "ballots" on "ballots"."elector_id" = "vote_proxies"."elector_id" where ("vote_proxies"."vote_id" = $1 and "vote_proxies"."delegate_id" = $2 and "vote_proxies"."status" = $3)`,
  // (The app's text, captured, reads `where "proxy_id" = "id"` here: drizzle drops the table
  // names in a one-table select, so both name ballots' columns. The bench has no proxies.)
  proxy:
    'select "id", "status", exists (select 1 from "ballots" where "ballots"."proxy_id" = "vote_proxies"."id") from "vote_proxies" where ("vote_proxies"."elector_id" = $1 and "vote_proxies"."status" <> $2)',
  // tally-input.ts: what the live tally reads.
  tallyElectors:
    'select "id", "building_id", coalesce(("area" * 100)::int, 0), "head_key", "served_at" is not null from "vote_electors" where "vote_electors"."vote_id" = $1',
  tallyBallots: 'select "elector_id", "option_ids", "channel" from "ballots" where "ballots"."vote_id" = $1',
} as const;

type Row = unknown[];
type Param = string | number | boolean | null;
export type Query = (text: string, params: Param[]) => Promise<Row[]>;
type Reply = [status: number, body: unknown];

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
const iso = (v: unknown) => (v === null ? null : toDate(v).toISOString());
/** int[] as an array, or as its text when the shared PGlite client's parsers are swapped. */
const ints = (v: unknown): number[] =>
  Array.isArray(v) ? v.map(Number) : String(v).replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
const notImplemented = (what: string): Reply => [501, { error: { code: 'NOT_IMPLEMENTED', message: what } }];

export interface VoteHandlers {
  getVote(userId: number, communityId: number, voteId: number): Promise<Reply>;
  castBallot(userId: number, communityId: number, voteId: number, body: unknown): Promise<Reply>;
}

export function createVoteHandlers(sql: postgres.Sql, prepare: boolean, q: Query): VoteHandlers {
  const ballotView = (b: Row | undefined) =>
    b ? { electorId: b[2], optionIds: ints(b[3]), channel: b[4], version: b[11], updatedAt: iso(b[13]) } : null;

  async function liveTally(vote: Row) {
    const [options, electors, cast] = await Promise.all([
      q(VOTE_SQL.options, [vote[0] as number]),
      q(VOTE_SQL.tallyElectors, [vote[0] as number]),
      q(VOTE_SQL.tallyBallots, [vote[0] as number]),
    ]);
    return tally({
      kind: vote[5] as VoteKind,
      rule: vote[8] as VoteRule,
      quorumPercent: vote[9] as number | null,
      maxChoices: vote[6] as number,
      options: options.map((o) => ({ id: o[0] as number, label: o[1] as string, motionRole: o[2] as MotionRole })),
      electors: electors.map((e) => ({
        id: e[0] as number,
        buildingId: e[1] as number | null,
        areaCenti: Number(e[2]),
        headKey: e[3] as string,
        served: e[4] as boolean,
      })),
      ballots: cast.map((b) => ({ electorId: b[0] as number, optionIds: ints(b[1]), channel: b[2] as BallotChannel })),
      silentMajority: vote[15] as boolean,
    });
  }

  /** views.ts voteDetailFor for the bench's caller (own household, no topic, no scope, no proxies). */
  async function detail(userId: number, communityId: number, voteId: number): Promise<Reply> {
    const [vote] = await q(VOTE_SQL.vote, [voteId, communityId]);
    if (!vote) return [404, { error: { code: 'NOT_FOUND', message: 'not found' } }];
    if (vote[2] !== null || vote[11] !== null)
      return notImplemented('the bare handler serves votes without a topic or scope');
    const live = vote[17] === 'open' && vote[12] === 'live' && !vote[13];
    const [electorCount, ballotCount, options, own, result] = await Promise.all([
      q(VOTE_SQL.electorCount, [voteId]),
      q(VOTE_SQL.ballotCount, [voteId]),
      q(VOTE_SQL.options, [voteId]),
      ownElector(q, vote, userId),
      vote[17] === 'closed' ? Promise.resolve(vote[21]) : live ? liveTally(vote) : Promise.resolve(null),
    ]);
    if (!own) return notImplemented('the bare handler serves electors only');
    const [mine] = await q(VOTE_SQL.mine, [own[0] as number]);
    const delegated = await q(VOTE_SQL.delegated, [voteId, userId, 'active']);
    const [proxy] = await q(VOTE_SQL.proxy, [own[0] as number, 'revoked']);
    if (delegated.length > 0 || proxy) return notImplemented('the bare handler serves votes without proxies');
    const ballots = ballotCount.reduce((n, r) => n + Number(r[2]), 0);
    return [
      200,
      {
        id: vote[0],
        communityId: vote[1],
        topicId: null,
        title: vote[3],
        kind: vote[5],
        maxChoices: vote[6],
        electorate: vote[7],
        rule: vote[8],
        status: vote[17],
        opensAt: iso(vote[18]),
        closesAt: iso(vote[19]),
        closedAt: iso(vote[20]),
        turnout: { ballots, electors: Number(electorCount[0]?.[1] ?? 0) },
        description: vote[4],
        topicTitle: null,
        options: options.map((o) => ({ id: o[0], label: o[1], motionRole: o[2] })),
        quorumPercent: vote[9],
        civilItem: vote[10],
        buildings: null,
        resultsShown: vote[12],
        anonymous: vote[13],
        proxyCap: vote[14],
        silentMajority: vote[15],
        silentMajorityBasis: vote[16],
        ruleText: ruleText(vote[8] as VoteRule, vote[7] as never, vote[9] as number | null, vote[15] as boolean),
        ineligibleReason: null,
        myBallot: ballotView(mine),
        proxyFor: [],
        myProxy: null,
        result,
        groupHouseholds: null,
        resultNoticeId: null,
      },
    ];
  }

  /** access.ts ownElector for a household vote: the caller's household's elector row. */
  async function ownElector(run: Query, vote: Row, userId: number): Promise<Row | null> {
    if (vote[7] !== 'household') return null;
    const [m] = await run(VOTE_SQL.membership, [userId, vote[1] as number, 'approved']);
    if (!m || m[0] === null) return null;
    const [e] = await run(VOTE_SQL.elector, [vote[0] as number, m[0] as number]);
    return e ?? null;
  }

  async function castBallot(userId: number, communityId: number, voteId: number, body: unknown): Promise<Reply> {
    const optionIds = (body as { optionIds?: unknown })?.optionIds;
    if (!Array.isArray(optionIds) || optionIds.length !== 1 || !Number.isInteger(optionIds[0]))
      return notImplemented('the bare handler takes one option');
    const refused = await sql.begin(async (tx) => {
      const t: Query = (text, params) => tx.unsafe(text, params as never, { prepare }).values() as never;
      const [vote] = await t(VOTE_SQL.voteForShare, [voteId, communityId]);
      if (!vote) return notImplemented('no such vote');
      const open = () => vote[17] === 'open' && Date.now() < toDate(vote[19]).getTime();
      if (!open()) return notImplemented('the vote is not open');
      const elector = await ownElector(t, vote, userId);
      if (!elector) return notImplemented('the bare handler serves electors only');
      const own = await t(VOTE_SQL.ownOptions, [voteId, optionIds[0] as number]);
      if (own.length !== 1) return notImplemented('not an option of the vote');
      const now = new Date().toISOString();
      if (!open()) return notImplemented('the vote closed');
      // As drizzle sends them: an int[] as its array literal, a timestamp as ISO text.
      const ids = `{${optionIds[0] as number}}`;
      const channel: BallotChannel = 'self';
      const [b] = await t(VOTE_SQL.upsert, [
        voteId,
        elector[0] as number,
        ids,
        channel,
        userId,
        null,
        null,
        null,
        null,
        null,
        1,
        now,
        now,
        ids,
        channel,
        userId,
        null,
        null,
        null,
        null,
        null,
        now,
      ]);
      await t(VOTE_SQL.change, [b[0] as number, b[11] as number, ids, channel, userId, null, now]);
      return null;
    });
    return refused ?? detail(userId, communityId, voteId);
  }

  return {
    castBallot,
    getVote: (userId, communityId, voteId) => detail(userId, communityId, voteId),
  };
}
