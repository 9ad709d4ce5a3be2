import { and, eq, sql } from 'drizzle-orm';
import { type MatterTransition, matterTransitions } from '../../../shared/domain/matter-transitions';
import type { PostKind, PostStatus } from '../../../shared/enums';
import { AppError } from '../../core/errors';
import { postEvents, posts } from '../../db/schema';
import type { Tx } from '../../deps';
import type { PostRow } from './views';

/**
 * The status machines residents drive, as data (docs/decisions/017-board.md). Board posts:
 * 待回复 → 已回复 by an official reply; 已回复 → 已解决 when the author confirms or 7 days
 * later by itself; 已回复 → 待回复 when the author reopens with a reason; 已解决 is final.
 * Matters: the committee or 物业 move 已受理 → 处理中 → 已办结 (server/features/matters);
 * from 已办结 the author confirms (→ 已解决), reopens with a reason (→ 处理中), or it closes
 * by itself after 7 days.
 */
export type Move = 'reply' | 'resolve' | 'reopen' | 'auto_close';
/** Who makes a move: the post's author, staff by an official reply, or the system's job. */
export type Mover = 'author' | 'official' | 'system';

export interface Transition {
  kind: PostKind;
  move: Move;
  from: PostStatus;
  to: PostStatus;
  by: Mover;
  /** The move needs a reason (kept on the timeline). */
  reason?: true;
}

/** The matter steps residents and the system take, by the board's name for them (staff steps are the matters feature's). */
const matterMoves: Partial<Record<MatterTransition['step'], Move>> = {
  confirm: 'resolve',
  reopen: 'reopen',
  close: 'auto_close',
};

export const transitions: readonly Transition[] = [
  { kind: 'post', move: 'reply', from: 'awaiting_reply', to: 'replied', by: 'official' },
  { kind: 'post', move: 'resolve', from: 'replied', to: 'resolved', by: 'author' },
  { kind: 'post', move: 'reopen', from: 'replied', to: 'awaiting_reply', by: 'author', reason: true },
  { kind: 'post', move: 'auto_close', from: 'replied', to: 'resolved', by: 'system' },
  // A matter's resident and system steps, from its one table (shared/domain/matter-transitions.ts).
  ...matterTransitions.flatMap((t): Transition[] => {
    const move = matterMoves[t.step];
    if (!move) return [];
    const by: Mover = t.by.includes('system') ? 'system' : 'author';
    return [{ kind: 'matter', move, from: t.from, to: t.to, by, ...(t.noteRequired ? { reason: true as const } : {}) }];
  }),
];

/** The transition a move makes from a status, or null when it is not allowed there. */
export function transitionFor(kind: PostKind, move: Move, from: PostStatus, by: Mover): Transition | null {
  return transitions.find((t) => t.kind === kind && t.move === move && t.from === from && t.by === by) ?? null;
}

/** The status a new post starts in. */
export const initialStatus = (kind: PostKind): PostStatus => (kind === 'post' ? 'awaiting_reply' : 'accepted');

/** Statuses that close by themselves 7 days after they were entered. */
export const closingStatuses: readonly PostStatus[] = transitions
  .filter((t) => t.move === 'auto_close')
  .map((t) => t.from);

export interface MoveActor {
  /** Null for the system. */
  actorId: number | null;
  role: (typeof postEvents.$inferInsert)['actorRole'];
}

/**
 * Makes a move on a post, compare-and-set on its status (a concurrent move wins once), with
 * its timeline row. Throws INVALID_STATE when the post is not (or no longer) where the move starts.
 */
export async function applyMove(
  tx: Tx,
  post: Pick<PostRow, 'id' | 'kind' | 'status' | 'communityId'>,
  move: Move,
  by: Mover,
  actor: MoveActor,
  now: Date,
  note: string | null = null,
): Promise<PostRow> {
  const t = transitionFor(post.kind, move, post.status, by);
  if (!t) throw new AppError('INVALID_STATE');
  const [row] = await tx
    .update(posts)
    .set({
      status: t.to,
      statusAt: now,
      // A new spell of 已回复 / 已办结 gets its own warning.
      closeWarnedAt: null,
      updatedAt: now,
      ...(t.to === 'resolved' ? { resolvedAt: now } : {}),
      ...(t.move === 'reopen' ? { reopenCount: sql`${posts.reopenCount} + 1`, resolvedAt: null } : {}),
    })
    .where(and(eq(posts.id, post.id), eq(posts.status, t.from)))
    .returning();
  if (!row) throw new AppError('INVALID_STATE');
  await tx.insert(postEvents).values({
    postId: post.id,
    communityId: post.communityId,
    actorId: actor.actorId,
    actorRole: actor.role,
    fromStatus: t.from,
    toStatus: t.to,
    note,
    createdAt: now,
  });
  return row;
}
