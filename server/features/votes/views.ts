import { and, asc, count, desc, eq, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/votes';
import { outcomeText, ruleText } from '../../../shared/domain/tally';
import type { TallyResult } from '../../../shared/domain/tally-types';
import type { VoteStatus } from '../../../shared/enums';
import { approvedRole } from '../../auth/policy';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { ballots, buildings, communities, households, topics, voteElectors, voteProxies, votes } from '../../db/schema';
import type { Tx } from '../../deps';
import {
  householdLabel,
  membershipOf,
  ownElector,
  requireParticipant,
  requireStaff,
  requireVote,
  type VoteRow,
} from './access';
import { groupHouseholds } from './group';
import { tallyOf, voteOptionsOf } from './tally-input';

type Detail = z.infer<typeof c.voteDetail>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isStaff = (ctx: SignedIn, communityId: number) =>
  ctx.actor.isAdmin || approvedRole(ctx.actor, communityId) === 'moderator';

function base(v: VoteRow, turnout: { ballots: number; electors: number }) {
  return {
    id: v.id,
    communityId: v.communityId,
    topicId: v.topicId,
    title: v.title,
    kind: v.kind,
    maxChoices: v.maxChoices,
    electorate: v.electorate,
    rule: v.rule,
    status: v.status,
    opensAt: iso(v.opensAt),
    closesAt: v.closesAt.toISOString(),
    closedAt: iso(v.closedAt),
    turnout,
  };
}

/** Ballots and electors of each vote, and ballots by channel. */
async function turnouts(db: Tx, ids: number[]) {
  const map = new Map<number, { ballots: number; electors: number; self: number; proxy: number; paper: number }>();
  if (ids.length === 0) return map;
  for (const id of ids) map.set(id, { ballots: 0, electors: 0, self: 0, proxy: 0, paper: 0 });
  const [e, b] = await Promise.all([
    db
      .select({ voteId: voteElectors.voteId, n: count() })
      .from(voteElectors)
      .where(inArray(voteElectors.voteId, ids))
      .groupBy(voteElectors.voteId),
    db
      .select({ voteId: ballots.voteId, channel: ballots.channel, n: count() })
      .from(ballots)
      .where(inArray(ballots.voteId, ids))
      .groupBy(ballots.voteId, ballots.channel),
  ]);
  for (const r of e) (map.get(r.voteId) as { electors: number }).electors = r.n;
  for (const r of b) {
    const t = map.get(r.voteId);
    if (!t) continue;
    t[r.channel] += r.n;
    t.ballots += r.n;
  }
  return map;
}

const ballotView = (b: typeof ballots.$inferSelect | null) =>
  b
    ? {
        electorId: b.electorId,
        optionIds: b.optionIds,
        channel: b.channel,
        version: b.version,
        updatedAt: b.updatedAt.toISOString(),
      }
    : null;

/** The figures the caller may see: frozen when closed, live when the vote says so (never anonymous). */
async function visibleResult(db: Tx, v: VoteRow): Promise<TallyResult | null> {
  if (v.status === 'closed') return v.result as unknown as TallyResult;
  if (v.status === 'open' && v.resultsShown === 'live' && !v.anonymous) return tallyOf(db, v);
  return null;
}

export async function voteDetailFor(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  group?: string,
): Promise<Detail> {
  const db = ctx.deps.database.db;
  const userId = ctx.actor.userId;
  const v = await requireVote(db, communityId, voteId);
  if (v.status === 'draft' && !isStaff(ctx, communityId)) throw new AppError('NOT_FOUND');
  const [turnout, options, own, topic, scoped, result] = await Promise.all([
    turnouts(db, [v.id]),
    voteOptionsOf(db, v.id),
    ownElector(db, v, userId),
    v.topicId === null
      ? Promise.resolve(null)
      : db
          .select({ title: topics.title, resultNoticeId: topics.resultNoticeId })
          .from(topics)
          .where(eq(topics.id, v.topicId))
          .then((r) => r[0] ?? null),
    v.buildingIds?.length
      ? db
          .select({ id: buildings.id, name: buildings.name })
          .from(buildings)
          .where(inArray(buildings.id, v.buildingIds))
          .orderBy(asc(buildings.sort), asc(buildings.name))
      : Promise.resolve(null),
    visibleResult(db, v),
  ]);
  const ownId = own.elector?.id ?? null;
  const [mine] = ownId ? await db.select().from(ballots).where(eq(ballots.electorId, ownId)) : [];
  const delegated = await db
    .select({ electorId: voteProxies.electorId, label: householdLabel, ballot: ballots })
    .from(voteProxies)
    .innerJoin(voteElectors, eq(voteElectors.id, voteProxies.electorId))
    .leftJoin(households, eq(households.id, voteElectors.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(ballots, eq(ballots.electorId, voteProxies.electorId))
    .where(and(eq(voteProxies.voteId, v.id), eq(voteProxies.delegateId, userId), eq(voteProxies.status, 'active')));
  const [proxy] = ownId
    ? await db
        .select({
          id: voteProxies.id,
          status: voteProxies.status,
          // Spelled with their tables: drizzle writes a one-table select's own columns bare, and a
          // bare "id" inside the subquery would be the ballot's own.
          used: sql<boolean>`exists (select 1 from ballots b where b.proxy_id = "vote_proxies"."id")`,
        })
        .from(voteProxies)
        .where(and(eq(voteProxies.electorId, ownId), ne(voteProxies.status, 'revoked')))
    : [];
  const t = turnout.get(v.id) ?? { ballots: 0, electors: 0 };
  return {
    ...base(v, { ballots: t.ballots, electors: t.electors }),
    description: v.description,
    topicTitle: topic?.title ?? null,
    options,
    quorumPercent: v.quorumPercent,
    civilItem: v.civilItem,
    buildings: scoped,
    resultsShown: v.resultsShown,
    anonymous: v.anonymous,
    proxyCap: v.proxyCap,
    silentMajority: v.silentMajority,
    silentMajorityBasis: v.silentMajorityBasis,
    ruleText: ruleText(v.rule, v.electorate, v.quorumPercent, v.silentMajority),
    ineligibleReason: own.reason,
    myBallot: ballotView(mine ?? null),
    proxyFor: delegated.map((d) => ({
      electorId: d.electorId,
      householdLabel: d.label ?? '',
      ballot: ballotView(d.ballot),
    })),
    myProxy: proxy
      ? { id: proxy.id, status: proxy.status, delegateAccepted: proxy.status === 'active', used: Boolean(proxy.used) }
      : null,
    result,
    groupHouseholds: group ? await groupHouseholds(db, v, group, userId) : null,
    resultNoticeId: topic?.resultNoticeId ?? null,
  };
}

export async function getVote(ctx: SignedIn, communityId: number, voteId: number, group?: string) {
  await requireParticipant(ctx, communityId);
  return voteDetailFor(ctx, communityId, voteId, group);
}

function page(communityId: number, q: { status?: VoteStatus; before?: number }, staff: boolean): SQL {
  return and(
    eq(votes.communityId, communityId),
    q.status ? eq(votes.status, q.status) : staff ? undefined : ne(votes.status, 'draft'),
    q.before ? lt(votes.id, q.before) : undefined,
  ) as SQL;
}

const outcomeOf = (v: VoteRow) =>
  v.status === 'closed' && v.result ? outcomeText(v.result as unknown as TallyResult) : null;

export async function listVotes(
  ctx: SignedIn,
  communityId: number,
  q: { status?: VoteStatus; before?: number; limit: number },
) {
  await requireParticipant(ctx, communityId);
  const db = ctx.deps.database.db;
  if (q.status === 'draft' && !isStaff(ctx, communityId)) return { items: [], nextBefore: null };
  const rows = await db
    .select()
    .from(votes)
    .where(page(communityId, q, false))
    .orderBy(desc(votes.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const list = rows.slice(0, q.limit);
  const ids = list.map((v) => v.id);
  const t = await turnouts(db, ids);
  const m = await membershipOf(db, ctx.actor.userId, communityId);
  const mine = ids.length
    ? await db
        .select({
          voteId: voteElectors.voteId,
          headKey: voteElectors.headKey,
          userId: voteElectors.userId,
          ballot: ballots.id,
        })
        .from(voteElectors)
        .leftJoin(ballots, eq(ballots.electorId, voteElectors.id))
        .where(
          and(
            inArray(voteElectors.voteId, ids),
            sql`(${voteElectors.userId} = ${ctx.actor.userId} or (${voteElectors.householdId} = ${m?.householdId ?? 0} and ${voteElectors.headKey} not like 'u:%'))`,
          ),
        )
    : [];
  const items = list.map((v) => {
    const e = mine.find((x) => x.voteId === v.id);
    const eligible = Boolean(e) && (v.electorate !== 'owner' || Boolean(m?.ownerOccupied));
    const tt = t.get(v.id) ?? { ballots: 0, electors: 0 };
    return {
      ...base(v, { ballots: tt.ballots, electors: tt.electors }),
      eligible,
      voted: Boolean(e?.ballot),
      outcome: outcomeOf(v),
    };
  });
  // Open votes first, then the others, each newest first.
  items.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  return { items, nextBefore: more ? list[list.length - 1].id : null };
}

export async function listStaffVotes(
  ctx: SignedIn,
  communityId: number,
  q: { status?: VoteStatus; before?: number; limit: number },
) {
  await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(votes)
    .where(page(communityId, q, true))
    .orderBy(desc(votes.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const list = rows.slice(0, q.limit);
  const t = await turnouts(
    db,
    list.map((v) => v.id),
  );
  const items = list.map((v) => {
    const tt = t.get(v.id) ?? { ballots: 0, electors: 0, self: 0, proxy: 0, paper: 0 };
    return {
      ...base(v, { ballots: tt.ballots, electors: tt.electors }),
      outcome: outcomeOf(v),
      byChannel: { self: tt.self, proxy: tt.proxy, paper: tt.paper },
    };
  });
  return { items, nextBefore: more ? list[list.length - 1].id : null };
}

export async function getVoteResult(ctx: SignedIn, communityId: number, voteId: number) {
  await requireParticipant(ctx, communityId);
  const db = ctx.deps.database.db;
  const v = await requireVote(db, communityId, voteId);
  if (v.status !== 'closed' || !v.result) throw new AppError('INVALID_STATE', '投票结束后才有公示结果');
  const vote = await voteDetailFor(ctx, communityId, voteId);
  const result = v.result as unknown as TallyResult;
  const ids = result.byBuilding.map((b) => b.buildingId);
  const [community] = await db
    .select({ name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  const names = ids.length
    ? await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, ids))
    : [];
  return {
    vote,
    communityName: community.name,
    buildingNames: Object.fromEntries(names.map((b) => [String(b.id), b.name])),
    outcomeText: outcomeText(result),
  };
}
