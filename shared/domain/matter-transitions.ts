import type { MatterRoute, PostStatus } from '../enums';

/**
 * 小事快办's state machine as data (docs/decisions/020-matters.md): which step moves a
 * matter from which status to which, and who may take it. The staff routes
 * (server/features/matters) and the resident's confirm/reopen (server/features/board) both
 * look their step up here; the admin pages use it to show only the buttons that would work.
 *
 * Who: `moderator` — the committee's staff (and platform admins), any matter of the community;
 * `handler` — the property company's handler, only matters routed to 物业 (the policy's
 * `handle:matters` with the matter's route enforces that part); `author` — the resident who
 * reported it; `system` — the 7-day close after 已办结.
 */
export type MatterActor = 'moderator' | 'handler' | 'author' | 'system';
export type MatterStatus = Extract<PostStatus, 'accepted' | 'in_progress' | 'done' | 'resolved'>;

export interface MatterTransition {
  step: 'start' | 'finish' | 'confirm' | 'reopen' | 'close';
  from: MatterStatus;
  to: MatterStatus;
  by: readonly MatterActor[];
  /** A note must be given: what was done (finish), why it is not fixed (reopen). */
  noteRequired: boolean;
}

const staff = ['moderator', 'handler'] as const;

export const matterTransitions: readonly MatterTransition[] = [
  { step: 'start', from: 'accepted', to: 'in_progress', by: staff, noteRequired: false },
  // A small fix done on the spot goes straight to 已办结.
  { step: 'finish', from: 'accepted', to: 'done', by: staff, noteRequired: true },
  { step: 'finish', from: 'in_progress', to: 'done', by: staff, noteRequired: true },
  { step: 'confirm', from: 'done', to: 'resolved', by: ['author'], noteRequired: false },
  { step: 'reopen', from: 'done', to: 'in_progress', by: ['author'], noteRequired: true },
  { step: 'close', from: 'done', to: 'resolved', by: ['system'], noteRequired: false },
];

/** Statuses in which a moderator may hand a matter to the other side (居委 ↔ 物业). */
export const reassignableStatuses: readonly MatterStatus[] = ['accepted', 'in_progress'];

export type MatterStepCheck =
  | { ok: true; transition: MatterTransition }
  /** No such move from this status (someone else moved it first, or it never goes there). */
  | { ok: false; refusal: 'invalid_state' }
  /** The move exists, but not for this actor. */
  | { ok: false; refusal: 'forbidden' };

/** May `actor` move a matter from `from` to `to`? */
export function checkMatterStep(from: PostStatus, to: PostStatus, actor: MatterActor): MatterStepCheck {
  const moves = matterTransitions.filter((t) => t.from === from && t.to === to);
  if (moves.length === 0) return { ok: false, refusal: 'invalid_state' };
  const mine = moves.find((t) => t.by.includes(actor));
  return mine ? { ok: true, transition: mine } : { ok: false, refusal: 'forbidden' };
}

/** The staff steps open from a status (the detail page's buttons). */
export function staffStepsFrom(status: PostStatus, actor: 'moderator' | 'handler'): MatterTransition[] {
  return matterTransitions.filter((t) => t.from === status && t.by.includes(actor));
}

/** Who works a matter on the other side. */
export const otherRoute = (route: MatterRoute): MatterRoute => (route === 'committee' ? 'property' : 'committee');
