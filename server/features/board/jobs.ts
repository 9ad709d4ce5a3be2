import { and, asc, eq, inArray, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import { AUTO_CLOSE_DAYS } from '../../../shared/contracts/board';
import { postKindLabels } from '../../../shared/enums';
import { posts } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { defineJob, type JobRegistry } from '../../platform/jobs';
import { notifyUser } from '../../platform/notify';
import { applyMove, closingStatuses } from './status';
import { excerptOf, postPath } from './subjects';

/**
 * 已回复 (board) and 已办结 (matter) close by themselves AUTO_CLOSE_DAYS after they were
 * entered, with a message to the author a day before. A post is closed only once it was
 * warned: a warning sent late (the job was down) still gives the author their day.
 * FOR UPDATE SKIP LOCKED: several instances, or an author confirming right now, never
 * close one twice; a skipped row is done in the next round.
 */
export const AUTO_CLOSE_JOB = 'board.auto_close';
const BATCH = 100;
const DAY_MS = 86_400_000;

export async function autoClose(deps: AppDeps): Promise<{ warned: number; closed: number }> {
  const db = deps.database.db;
  let warned = 0;
  let closed = 0;
  for (;;) {
    const now = deps.clock();
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(posts)
        .where(
          and(
            inArray(posts.status, [...closingStatuses]),
            lte(posts.statusAt, new Date(now.getTime() - (AUTO_CLOSE_DAYS - 1) * DAY_MS)),
            isNull(posts.closeWarnedAt),
            ne(posts.state, 'deleted'),
          ),
        )
        .orderBy(asc(posts.statusAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const p of due) {
        await tx.update(posts).set({ closeWarnedAt: now }).where(eq(posts.id, p.id));
        if (p.authorId === null) continue;
        const what = postKindLabels[p.kind];
        await notifyUser(tx, {
          userId: p.authorId,
          communityId: p.communityId,
          kind: 'board.closing',
          title: `您的${what}将在1天后自动标为已解决`,
          body: `“${excerptOf(p.body)}”${p.kind === 'post' ? '已回复' : '已办结'}快7天了。如果问题还没解决，请打开它点“还没解决”；不用处理的话，明天会自动标为已解决。`,
          link: postPath(p.communityId, p.id),
          key: `board.closing.${p.id}.${p.statusAt.getTime()}`,
        });
      }
      return due.length;
    });
    warned += n;
    if (n < BATCH) break;
  }
  for (;;) {
    const now = deps.clock();
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(posts)
        .where(
          and(
            inArray(posts.status, [...closingStatuses]),
            lte(posts.statusAt, new Date(now.getTime() - AUTO_CLOSE_DAYS * DAY_MS)),
            isNotNull(posts.closeWarnedAt),
            lte(posts.closeWarnedAt, new Date(now.getTime() - DAY_MS + 60_000)),
            ne(posts.state, 'deleted'),
          ),
        )
        .orderBy(asc(posts.statusAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const p of due)
        await applyMove(
          tx,
          p,
          'auto_close',
          'system',
          { actorId: null, role: 'system' },
          now,
          `${AUTO_CLOSE_DAYS}天内没有新情况，自动标为已解决`,
        );
      return due.length;
    });
    closed += n;
    if (n < BATCH) break;
  }
  return { warned, closed };
}

export function boardJobs(): JobRegistry {
  return {
    [AUTO_CLOSE_JOB]: defineJob({
      everyMinutes: 60,
      async run(_payload, ctx) {
        const done = await autoClose(ctx.deps);
        if (done.warned + done.closed > 0) ctx.deps.logger.info('board posts closing by themselves', done);
      },
    }),
  };
}
