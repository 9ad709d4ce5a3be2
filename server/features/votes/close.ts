import { and, asc, eq, lte, max, sql } from 'drizzle-orm';
import { outcomeText, ruleText } from '../../../shared/domain/tally';
import type { TallyResult, Threshold } from '../../../shared/domain/tally-types';
import { ballotChannelLabels } from '../../../shared/enums';
import { systemContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { houseRules, topics, votes } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { notifyUser } from '../../platform/notify';
import { publishSystemNotice } from '../notices/system';
import { applyTopicMove } from '../topics/stages';
import type { VoteRow } from './access';
import { openVote } from './create';
import { tallyOf } from './tally-input';

const BATCH = 20;
const SYSTEM = { actorId: null, role: 'system' as const };

export const votePath = (communityId: number, voteId: number) =>
  `/packages/agora/vote/index?id=${voteId}&communityId=${communityId}`;

const pct = (num: number, den: number) => (den === 0 ? '0%' : `${((num * 100) / den).toFixed(1)}%`);
const ratio = (t: Threshold) =>
  `${t.value.num}/${t.value.den}（要求${t.strict ? '超过' : '达到'}${t.required.num}/${t.required.den}）`;

/** The 公示 body: participation, each option, the rule and each threshold met or not, in plain text. */
export function publicityBody(vote: VoteRow, r: TallyResult): string {
  const lines = [
    `投票：${vote.title}`,
    `结果：${outcomeText(r)}`,
    '',
    `应参与：${r.electors.count}户，实际参与：${r.participated.count}户（${pct(r.participated.count, r.electors.count)}）`,
    `其中本人投票${r.byChannel.self}，${ballotChannelLabels.proxy}${r.byChannel.proxy}，${ballotChannelLabels.paper}${r.byChannel.paper}`,
    '',
    '各选项：',
    ...r.options.map((o) => `${o.label}：${o.ballots}票${o.approved ? '（通过）' : ''}`),
    '',
    '计票规则：',
    ...ruleText(vote.rule, vote.electorate, vote.quorumPercent, vote.silentMajority),
    ...[...r.participation, ...r.options.flatMap((o) => o.approval)].map(
      (t) => `${t.label}：${ratio(t)}，${t.met ? '已达到' : '未达到'}`,
    ),
  ];
  if (vote.silentMajority && vote.silentMajorityBasis) lines.push(`依据：${vote.silentMajorityBasis}`);
  return lines.join('\n');
}

/** Closes one due vote (row already locked): freeze the tally, 公示, 住户守则, tell who took part. */
async function closeOne(tx: Tx, _deps: AppDeps, vote: VoteRow, now: Date, requestId: string) {
  const result = await tallyOf(tx, vote);
  const [closed] = await tx
    .update(votes)
    .set({ status: 'closed', closedAt: now, result: result as unknown as Record<string, unknown>, updatedAt: now })
    .where(and(eq(votes.id, vote.id), eq(votes.status, 'open')))
    .returning();
  if (!closed) return null;
  if (closed.topicId !== null) {
    const [topic] = await tx.select().from(topics).where(eq(topics.id, closed.topicId)).for('update');
    if (topic && topic.stage === 'voting' && topic.voteId === closed.id) {
      const noticeId = await publishSystemNotice(tx, {
        communityId: closed.communityId,
        title: `【投票结果公示】${closed.title}`.slice(0, 60),
        body: publicityBody(closed, result),
        category: 'publicity',
        now,
        requestId,
      });
      await applyTopicMove(tx, topic, 'vote_close', 'vote', SYSTEM, now, {
        refId: closed.id,
        note: outcomeText(result),
        set: { resultNoticeId: noticeId },
      });
      if (topic.kind === 'house_rules' && result.outcome === 'passed') {
        const [{ last }] = await tx
          .select({ last: max(houseRules.version) })
          .from(houseRules)
          .where(eq(houseRules.communityId, closed.communityId));
        await tx.insert(houseRules).values({
          communityId: closed.communityId,
          version: (last ?? 0) + 1,
          title: topic.title,
          body: topic.body,
          topicId: topic.id,
          voteId: closed.id,
          adoptedAt: now,
          figures: {
            rule: result.rule,
            electors: result.electors,
            participated: result.participated,
            approved: result.winners,
          },
        });
      }
    }
  }
  // Everyone who took part hears of the result (members of households with a ballot).
  const takers = await participants(tx, closed);
  for (const userId of takers)
    await notifyUser(tx, {
      userId,
      communityId: closed.communityId,
      kind: 'vote.closed',
      title: `投票结束：${closed.title}`.slice(0, 100),
      body: `您参与的投票已结束，结果：${outcomeText(result)}。点开看详细结果。`,
      link: votePath(closed.communityId, closed.id),
      key: `vote.closed.${closed.id}`,
    });
  return closed;
}

/** Approved members of electors that have a ballot (the user for a resident electorate). */
async function participants(tx: Tx, vote: VoteRow): Promise<number[]> {
  const rows = await tx.execute<{ user_id: number }>(sql`
    select distinct m.user_id from vote_electors e
    join ballots b on b.elector_id = e.id
    join memberships m on m.community_id = ${vote.communityId} and m.status = 'approved'
      and (case when e.head_key like 'u:%' then m.user_id = e.user_id else m.household_id = e.household_id end)
    where e.vote_id = ${vote.id}`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { user_id: number }[] }).rows;
  return list.map((r) => Number(r.user_id));
}

/**
 * Closes every open vote whose closes_at has passed, FOR UPDATE SKIP LOCKED and a
 * compare-and-set on the status: several instances never close one twice.
 */
export async function closeDue(deps: AppDeps, requestId?: string): Promise<number> {
  const ctx = systemContext(deps, requestId);
  let total = 0;
  for (;;) {
    const now = deps.clock();
    const n = await audited(ctx, 'vote.closed', async (tx) => {
      const due = await tx
        .select()
        .from(votes)
        .where(and(eq(votes.status, 'open'), lte(votes.closesAt, now)))
        .orderBy(asc(votes.closesAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const closed: VoteRow[] = [];
      for (const v of due) {
        const c = await closeOne(tx, deps, v, now, ctx.requestId);
        if (c) closed.push(c);
      }
      return {
        result: due.length,
        audit: closed.map((v) => ({
          communityId: v.communityId,
          targetId: v.id,
          before: { status: 'open' },
          after: { status: 'closed', outcome: (v.result as { outcome?: string } | null)?.outcome ?? null },
        })),
      };
    });
    total += n;
    if (n < BATCH) return total;
  }
}

/** Opens drafts whose opensAt has come (the electorate is fixed then). */
export async function openDue(deps: AppDeps, requestId?: string): Promise<number> {
  const ctx = systemContext(deps, requestId);
  let total = 0;
  for (;;) {
    const now = deps.clock();
    const n = await audited(ctx, 'vote.opened', async (tx) => {
      const due = await tx
        .select()
        .from(votes)
        .where(and(eq(votes.status, 'draft'), lte(votes.opensAt, now)))
        .orderBy(asc(votes.opensAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const opened: VoteRow[] = [];
      for (const v of due) {
        // A savepoint each: a draft that cannot open (a unit's area was removed meanwhile) is
        // cancelled instead of blocking the others at every round.
        try {
          opened.push(await tx.transaction((sp) => openVote(sp, v, null, now)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          deps.logger.warn('a scheduled vote could not open; cancelled', { voteId: v.id, code: error.code });
          await tx.update(votes).set({ status: 'cancelled', updatedAt: now }).where(eq(votes.id, v.id));
        }
      }
      return {
        result: due.length,
        audit: opened.map((v) => ({
          communityId: v.communityId,
          targetId: v.id,
          before: { status: 'draft' },
          after: { status: 'open' },
        })),
      };
    });
    total += n;
    if (n < BATCH) return total;
  }
}
