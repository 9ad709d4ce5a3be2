import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemContext } from '../../core/context';
import { communities, households, memberships, noticeBuildings, notices } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { defineJob, enqueue, type JobRegistry } from '../../platform/jobs/queue';
import { notifyUser } from '../../platform/notify';
import { appendFeatureOutbox, defineOutboxKind, type OutboxKind, type OutboxKinds } from '../../platform/outbox';
import { templateData, wechatTime } from '../../wechat/templates';
import type { NoticeRow } from './views';

/**
 * What happens when a notice goes out (docs/decisions/016-subscribe-messages.md):
 * - 定时发布: a job publishes due drafts every minute;
 * - an urgent notice (category `urgent`) tells every approved member of its audience,
 *   in the message centre and by WeChat subscribe message (template urgent_notice) where
 *   they consented. Other categories send nothing: the list's unread dot covers them.
 */

/** The path of a notice in the mini-program (the same as miniprogram/lib/routes.ts `notice`). */
export const noticePath = (communityId: number, noticeId: number) =>
  `/packages/notices/detail/index?communityId=${communityId}&id=${noticeId}`;

const noticePublishedPayload = z.object({ noticeId: z.number().int().positive() });

/** Members told per transaction; a larger audience continues in follow-up jobs. */
export const FANOUT_BATCH = 200;
export const NOTICE_PUBLISHED = 'notice.published';
export const URGENT_FANOUT_JOB = 'notices.urgent_fanout';
export const PUBLISH_DUE_JOB = 'notices.publish_due';

const noticePublished: OutboxKind<z.infer<typeof noticePublishedPayload>> = {
  payload: noticePublishedPayload,
  async deliver(tx, p, _d, deps) {
    await fanOut(tx, deps, p.noticeId, 0);
  },
};

/** The notices feature's outbox receivers, for the app's job registry (server/jobs.ts). */
export const noticeOutboxKinds: OutboxKinds = { [NOTICE_PUBLISHED]: defineOutboxKind(noticePublished) };

/**
 * Called in the transaction that publishes a notice: an urgent one gets ONE outbox row
 * (`notice.published:<id>`, so publishing twice or a delivery repeated tells nobody twice).
 */
export async function announce(tx: Tx, n: NoticeRow, requestId: string | null): Promise<void> {
  if (n.category !== 'urgent' || n.status !== 'published') return;
  await appendFeatureOutbox(
    tx,
    { name: NOTICE_PUBLISHED, definition: noticePublished },
    { key: `${NOTICE_PUBLISHED}:${n.id}`, communityId: n.communityId, requestId, payload: { noticeId: n.id } },
  );
}

const excerpt = (body: string, max = 60) => {
  const chars = [...body.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
};

/**
 * Tells the next FANOUT_BATCH members of the notice's audience (user ids above `after`),
 * and leaves a job for the rest. Each member's message has the key `notice.urgent:<id>`,
 * so a batch run twice tells nobody twice.
 */
async function fanOut(tx: Tx, deps: AppDeps, noticeId: number, after: number): Promise<void> {
  const [n] = await tx
    .select({ notice: notices, communityName: communities.name })
    .from(notices)
    .innerJoin(communities, eq(communities.id, notices.communityId))
    .where(eq(notices.id, noticeId));
  // Withdrawn (or never published) before its turn came: nobody is told.
  if (n?.notice.status !== 'published' || n.notice.category !== 'urgent') return;
  const notice = n.notice;
  const forBuildings =
    notice.audience === 'all'
      ? sql`true`
      : sql`exists (select 1 from ${noticeBuildings} where ${noticeBuildings.noticeId} = ${notice.id} and ${noticeBuildings.buildingId} = ${households.buildingId})`;
  const members = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .leftJoin(households, eq(households.id, memberships.householdId))
    .where(
      and(
        eq(memberships.communityId, notice.communityId),
        eq(memberships.status, 'approved'),
        gt(memberships.userId, after),
        forBuildings,
      ),
    )
    .orderBy(asc(memberships.userId))
    .limit(FANOUT_BATCH);
  const link = noticePath(notice.communityId, notice.id);
  const title = `紧急通知：${notice.title}`;
  const body = excerpt(notice.body);
  const data = templateData('urgent_notice', {
    title: notice.title,
    publisher: n.communityName,
    time: wechatTime(notice.publishedAt ?? deps.clock()),
    excerpt: body,
  });
  for (const m of members) {
    await notifyUser(tx, {
      userId: m.userId,
      communityId: notice.communityId,
      kind: 'notice.urgent',
      title: title.slice(0, 100),
      body,
      link,
      key: `notice.urgent:${notice.id}`,
      wechat: { template: 'urgent_notice', data },
    });
  }
  if (members.length === FANOUT_BATCH) {
    const last = members[members.length - 1].userId;
    await enqueue(tx, {
      name: URGENT_FANOUT_JOB,
      payload: { noticeId, after: last },
      key: `${URGENT_FANOUT_JOB}:${noticeId}:${last}`,
    });
  }
  deps.logger.info('urgent notice: members told', { noticeId, after, told: members.length });
}

/** Drafts published per transaction by the schedule job. */
const DUE_BATCH = 50;

/**
 * Publishes every draft whose publishAt has come (定时发布), as the system (audited with
 * no actor). FOR UPDATE SKIP LOCKED: several instances (or a moderator editing the draft
 * right now) never publish one twice; a skipped row goes out in the next round.
 * publishedAt is the scheduled moment, so the list orders it where the committee meant.
 */
export async function publishDue(deps: AppDeps, requestId?: string): Promise<number> {
  const ctx = systemContext(deps, requestId);
  let total = 0;
  for (;;) {
    const now = deps.clock();
    const published = await audited(ctx, 'notice.publish_scheduled', async (tx) => {
      const due = await tx
        .select({ id: notices.id, publishAt: notices.publishAt })
        .from(notices)
        .where(and(eq(notices.status, 'draft'), lte(notices.publishAt, now)))
        .orderBy(asc(notices.publishAt), asc(notices.id))
        .limit(DUE_BATCH)
        .for('update', { skipLocked: true });
      const rows: NoticeRow[] = [];
      for (const d of due) {
        const [n] = await tx
          .update(notices)
          .set({ status: 'published', publishedAt: d.publishAt ?? now, publishAt: null, updatedAt: now })
          .where(eq(notices.id, d.id))
          .returning();
        await announce(tx, n, ctx.requestId);
        rows.push(n);
      }
      return {
        result: rows.length,
        audit: rows.map((n, i) => ({
          communityId: n.communityId,
          targetId: n.id,
          before: { status: 'draft', publishAt: due[i].publishAt?.toISOString() ?? null },
          after: { status: 'published', publishedAt: n.publishedAt?.toISOString() ?? null },
        })),
      };
    });
    total += published;
    if (published < DUE_BATCH) return total;
  }
}

/** The notices feature's jobs, for the app's job registry (server/jobs.ts). */
export function noticeJobs(): JobRegistry {
  return {
    [PUBLISH_DUE_JOB]: defineJob({
      everyMinutes: 1,
      async run(_payload, ctx) {
        const published = await publishDue(ctx.deps, ctx.requestId);
        if (published > 0) ctx.deps.logger.info('scheduled notices published', { published });
      },
    }),
    [URGENT_FANOUT_JOB]: defineJob({
      payload: z.object({ noticeId: z.number().int().positive(), after: z.number().int().min(0) }),
      async run(p, ctx) {
        await ctx.deps.database.db.transaction((tx) => fanOut(tx, ctx.deps, p.noticeId, p.after));
      },
    }),
  };
}
