import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { votes } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { defineJob, type JobRegistry } from '../../platform/jobs';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';
import { closeDue, openDue, votePath } from './close';

export const VOTES_CLOSE_JOB = 'votes.close_due';
export const VOTES_OPEN_JOB = 'votes.open_due';
export const VOTES_REMIND_JOB = 'votes.remind';
const DAY_MS = 86_400_000;

/**
 * A day before the close: approved members of electors without a ballot are told once
 * (reminded_at compare-and-set per vote; the message key per vote and user).
 */
export async function remindDue(deps: AppDeps): Promise<number> {
  const db = deps.database.db;
  const now = deps.clock();
  let sent = 0;
  const due = await db
    .select({ id: votes.id })
    .from(votes)
    .where(
      and(
        eq(votes.status, 'open'),
        isNull(votes.remindedAt),
        gt(votes.closesAt, now),
        lte(votes.closesAt, new Date(now.getTime() + DAY_MS)),
      ),
    );
  for (const { id: voteId } of due) {
    // The compare-and-set and the messages in one transaction: once, and never lost.
    await db.transaction(async (tx) => {
      const [v] = await tx
        .update(votes)
        .set({ remindedAt: now })
        .where(and(eq(votes.id, voteId), isNull(votes.remindedAt), eq(votes.status, 'open')))
        .returning();
      if (!v) return;
      const rows = await tx.execute<{ user_id: number }>(sql`
        select distinct m.user_id from vote_electors e
        join memberships m on m.community_id = ${v.communityId} and m.status = 'approved'
          and (case when e.head_key like 'u:%' then m.user_id = e.user_id else m.household_id = e.household_id end)
        where e.vote_id = ${v.id}
          and not exists (select 1 from ballots b where b.elector_id = e.id)`);
      const list = Array.isArray(rows) ? rows : (rows as { rows: { user_id: number }[] }).rows;
      for (const r of list) {
        const id = await notifyUser(tx, {
          userId: Number(r.user_id),
          communityId: v.communityId,
          kind: 'vote.reminder',
          title: `投票快截止了：${v.title}`.slice(0, 100),
          body: `“${v.title}”将在${wechatTime(v.closesAt)}截止，您家还没有投票。`,
          link: votePath(v.communityId, v.id),
          key: `vote.reminder.${v.id}`,
          wechat: {
            template: 'vote_reminder',
            data: templateData('vote_reminder', {
              title: v.title,
              deadline: wechatTime(v.closesAt),
              hint: '您家还没有投票，请在截止前投票',
            }),
          },
        });
        if (id !== null) sent++;
      }
    });
  }
  return sent;
}

export function voteJobs(): JobRegistry {
  return {
    [VOTES_CLOSE_JOB]: defineJob({
      everyMinutes: 1,
      async run(_payload, ctx) {
        const n = await closeDue(ctx.deps);
        if (n > 0) ctx.deps.logger.info('votes closed', { n });
      },
    }),
    [VOTES_OPEN_JOB]: defineJob({
      everyMinutes: 1,
      async run(_payload, ctx) {
        const n = await openDue(ctx.deps);
        if (n > 0) ctx.deps.logger.info('scheduled votes opened', { n });
      },
    }),
    [VOTES_REMIND_JOB]: defineJob({
      everyMinutes: 15,
      async run(_payload, ctx) {
        const n = await remindDue(ctx.deps);
        if (n > 0) ctx.deps.logger.info('vote reminders sent', { n });
      },
    }),
  };
}
