import { and, asc, eq, lte } from 'drizzle-orm';
import type { TopicMove } from '../../../shared/domain/topic-stages';
import type { TopicStage } from '../../../shared/enums';
import { topics } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { defineJob, type JobRegistry } from '../../platform/jobs';
import { participants, tellUsers } from './notify';
import { applyTopicMove } from './stages';

/**
 * Deadlines (docs/decisions/021-agora.md): a proposal still collecting after cosign_until
 * lapses (its author told); a topic in 成效评价 after rating_until closes. FOR UPDATE SKIP
 * LOCKED and the stage's compare-and-set: several instances never move one twice; a row
 * locked elsewhere (a co-signer, a moderator) is done in the next round.
 */
export const TOPIC_DEADLINES_JOB = 'topics.deadlines';
const BATCH = 100;
const SYSTEM = { actorId: null, role: 'system' as const };

async function sweep(
  deps: AppDeps,
  stage: TopicStage,
  column: typeof topics.cosignUntil | typeof topics.ratingUntil,
  move: TopicMove,
  note: string,
  tell: 'author' | 'participants',
): Promise<number> {
  const db = deps.database.db;
  let total = 0;
  for (;;) {
    const now = deps.clock();
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(topics)
        .where(and(eq(topics.stage, stage), lte(column, now)))
        .orderBy(asc(column))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const t of due) {
        const moved = await applyTopicMove(tx, t, move, 'system', SYSTEM, now, { note });
        const who = tell === 'author' ? (t.authorId !== null ? [t.authorId] : []) : await participants(tx, t);
        await tellUsers(
          tx,
          who,
          moved,
          {
            stage: move === 'lapse' ? '附议不足' : '已完成',
            title: `议题“${t.title}”${move === 'lapse' ? '附议不足，已结束征集' : '评价结束，已完成'}`,
            body: note,
            key: `${move}.${t.id}`,
          },
          now,
        );
      }
      return due.length;
    });
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

export async function runTopicDeadlines(deps: AppDeps): Promise<{ lapsed: number; closed: number }> {
  const lapsed = await sweep(
    deps,
    'collecting',
    topics.cosignUntil,
    'lapse',
    '征集期内附议户数不够，议题没有进入审核',
    'author',
  );
  const closed = await sweep(deps, 'rating', topics.ratingUntil, 'close', '评价期结束，议题已完成', 'participants');
  return { lapsed, closed };
}

export function topicJobs(): JobRegistry {
  return {
    [TOPIC_DEADLINES_JOB]: defineJob({
      everyMinutes: 60,
      async run(_payload, ctx) {
        const done = await runTopicDeadlines(ctx.deps);
        if (done.lapsed + done.closed > 0) ctx.deps.logger.info('topics moved at their deadlines', done);
      },
    }),
  };
}
