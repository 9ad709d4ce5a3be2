import { and, eq } from 'drizzle-orm';
import { type TopicMove, type TopicMover, topicTransition } from '../../../shared/domain/topic-stages';
import type { TopicStage } from '../../../shared/enums';
import { AppError } from '../../core/errors';
import { topicEvents, topics } from '../../db/schema';
import type { Tx } from '../../deps';

export type TopicRow = typeof topics.$inferSelect;

export interface TopicMoveActor {
  /** Null for the system. */
  actorId: number | null;
  role: (typeof topicEvents.$inferInsert)['actorRole'];
}

export interface TopicMoveOptions {
  note?: string | null;
  /** The vote, meeting or merged topic the move is about. */
  refId?: number | null;
  /** Other columns set with the stage (plan, decision, vote_id, rating_until…). */
  set?: Partial<typeof topics.$inferInsert>;
}

/**
 * Moves a topic along shared/domain/topic-stages.ts, compare-and-set on its stage (of two
 * concurrent moves one wins, the other gets INVALID_STATE), with its timeline line. The
 * caller audits the move (audited()) in the same transaction.
 */
export async function applyTopicMove(
  tx: Tx,
  topic: Pick<TopicRow, 'id' | 'stage'>,
  move: TopicMove,
  by: TopicMover,
  actor: TopicMoveActor,
  now: Date,
  options: TopicMoveOptions = {},
): Promise<TopicRow> {
  const t = topicTransition(move, topic.stage, by);
  if (!t) throw new AppError('INVALID_STATE');
  return setTopicStage(tx, topic.id, t.from, t.to, actor, now, options);
}

/** The compare-and-set itself (for a move already checked against the table). */
export async function setTopicStage(
  tx: Tx,
  topicId: number,
  from: TopicStage,
  to: TopicStage,
  actor: TopicMoveActor,
  now: Date,
  options: TopicMoveOptions = {},
): Promise<TopicRow> {
  const [row] = await tx
    .update(topics)
    .set({ ...options.set, stage: to, stageAt: now, updatedAt: now })
    .where(and(eq(topics.id, topicId), eq(topics.stage, from)))
    .returning();
  if (!row) throw new AppError('INVALID_STATE');
  await tx.insert(topicEvents).values({
    topicId,
    kind: 'stage',
    fromStage: from,
    toStage: to,
    actorId: actor.actorId,
    actorRole: actor.role,
    note: options.note ?? null,
    refId: options.refId ?? null,
    at: now,
  });
  return row;
}
