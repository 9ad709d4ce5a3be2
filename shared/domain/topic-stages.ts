import type { TopicStage } from '../enums';

/**
 * 议事厅's stage machine as data (docs/decisions/021-agora.md): which move takes a topic
 * from which stage to which, and who makes it. The topics and votes features look their
 * move up here (server/features/topics/stages.ts applies it, compare-and-set); the admin
 * pages use it to show only the buttons that would work.
 *
 * Who: `moderator` — the committee's staff; `system` — the job runner at a deadline
 * (co-signing lapses, rating window ends) or on the threshold reached; `vote` — a vote
 * opening or closing on the topic.
 */
export type TopicMover = 'moderator' | 'system' | 'vote';

export type TopicMove =
  | 'threshold' // 附议 reached: to the committee's review
  | 'lapse' // 征集 ended short of co-signers
  | 'accept' // 审: accepted (also adopts a topic still collecting)
  | 'decline'
  | 'merge'
  | 'vote_open'
  | 'vote_close' // the vote closed: 公示
  | 'vote_cancel' // the vote was cancelled: back to 议事
  | 'implement' // 公示 → 实施, or 议事 → 实施 without a vote
  | 'done' // 实施 → 成效评价
  | 'close'; // 成效评价 → 已完成 (moderator, or the system when the rating window ends)

export interface TopicTransition {
  move: TopicMove;
  from: TopicStage;
  to: TopicStage;
  by: readonly TopicMover[];
}

export const topicTransitions: readonly TopicTransition[] = [
  { move: 'threshold', from: 'collecting', to: 'reviewing', by: ['system'] },
  { move: 'lapse', from: 'collecting', to: 'lapsed', by: ['system'] },
  { move: 'accept', from: 'collecting', to: 'discussing', by: ['moderator'] },
  { move: 'accept', from: 'reviewing', to: 'discussing', by: ['moderator'] },
  { move: 'decline', from: 'collecting', to: 'declined', by: ['moderator'] },
  { move: 'decline', from: 'reviewing', to: 'declined', by: ['moderator'] },
  { move: 'merge', from: 'collecting', to: 'merged', by: ['moderator'] },
  { move: 'merge', from: 'reviewing', to: 'merged', by: ['moderator'] },
  { move: 'merge', from: 'discussing', to: 'merged', by: ['moderator'] },
  { move: 'vote_open', from: 'discussing', to: 'voting', by: ['vote'] },
  { move: 'vote_close', from: 'voting', to: 'publicized', by: ['vote'] },
  { move: 'vote_cancel', from: 'voting', to: 'discussing', by: ['vote'] },
  { move: 'implement', from: 'publicized', to: 'implementing', by: ['moderator'] },
  { move: 'implement', from: 'discussing', to: 'implementing', by: ['moderator'] },
  // A vote that did not pass: the topic may be discussed again (a revote) or closed.
  { move: 'accept', from: 'publicized', to: 'discussing', by: ['moderator'] },
  { move: 'close', from: 'publicized', to: 'closed', by: ['moderator'] },
  { move: 'done', from: 'implementing', to: 'rating', by: ['moderator'] },
  { move: 'close', from: 'rating', to: 'closed', by: ['moderator', 'system'] },
];

/** Stages nothing moves out of. */
export const finalTopicStages: readonly TopicStage[] = ['closed', 'declined', 'merged', 'lapsed'];

/** The transition for a move from a stage by a mover, or null when there is none. */
export function topicTransition(move: TopicMove, from: TopicStage, by: TopicMover): TopicTransition | null {
  return topicTransitions.find((t) => t.move === move && t.from === from && t.by.includes(by)) ?? null;
}

/**
 * 审's own moves (POST …/review): accepting a topic that is collecting or waiting for review,
 * declining, merging. Sending a failed vote's topic back to 议事 (publicized → discussing) is a
 * plain stage move, not a review.
 */
function isReviewMove(t: TopicTransition): boolean {
  return (
    t.move === 'decline' ||
    t.move === 'merge' ||
    (t.move === 'accept' && (t.from === 'collecting' || t.from === 'reviewing'))
  );
}

/** The moves a moderator may make from a stage (the admin page's buttons), review moves aside. */
export function moderatorMovesFrom(from: TopicStage): TopicTransition[] {
  return topicTransitions.filter((t) => t.from === from && t.by.includes('moderator') && !isReviewMove(t));
}

/** A moderator's plain move to a stage (POST …/stage {to}): the transition, or null. */
export function moderatorMoveTo(from: TopicStage, to: TopicStage): TopicTransition | null {
  return moderatorMovesFrom(from).find((t) => t.to === to) ?? null;
}
