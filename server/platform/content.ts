import type { ContentState, ContentSubject, HeldReason } from '../../shared/enums';
import type { Tx } from '../deps';

/**
 * User-written items that screening and moderation act on (a post, a comment; later a
 * topic, a neighbour card, a private message). Each feature registers how to lock one of
 * its items and change its state, so that screening's late verdicts, reports and the
 * review queue work on every kind the same way (docs/decisions/017-board.md).
 */
export interface ContentItem {
  id: number;
  communityId: number;
  /** Null once the author deleted their account. */
  authorId: number | null;
  state: ContentState;
  heldReason: HeldReason | null;
}

export interface StateChange {
  state: ContentState;
  heldReason: HeldReason | null;
  /** Why (hidden, deleted, rejected); null when made visible again. */
  stateReason: string | null;
}

export interface ContentSubjectDef {
  subject: ContentSubject;
  /** Locks the item (FOR UPDATE) in `tx`; null when it does not exist. */
  lock(tx: Tx, id: number): Promise<ContentItem | null>;
  /** Writes the new state (and anything that follows from it: counts, activity). */
  setState(tx: Tx, item: ContentItem, change: StateChange, now: Date): Promise<void>;
  /** Where the item opens in the mini-program (for messages to its author). */
  path(tx: Tx, item: ContentItem): Promise<string>;
  /** A few words of the item for its author's messages and the moderators' queue. */
  excerpt(tx: Tx, item: ContentItem): Promise<string>;
  /**
   * Adds one to the item's report count (the lock is held). Optional: moderation falls
   * back to its own update for the kinds it knows (server/features/moderation/sources.ts).
   */
  countReport?(tx: Tx, item: ContentItem): Promise<void>;
  /**
   * Whether `userId` may see the item at all (and so report it). Optional: without it every
   * member of the item's community may (a post, a comment). A private message answers for the
   * other side of its thread only; a card not for someone it blocked or who blocked its owner.
   */
  visibleTo?(tx: Tx, item: ContentItem, userId: number): Promise<boolean>;
}

const subjects = new Map<ContentSubject, ContentSubjectDef>();

/** Called once per kind at module load by the feature that owns it. */
export function defineContentSubject(def: ContentSubjectDef): ContentSubjectDef {
  subjects.set(def.subject, def);
  return def;
}

export function contentSubject(subject: ContentSubject): ContentSubjectDef {
  const def = subjects.get(subject);
  if (!def) throw new Error(`content subject ${subject} is not registered`);
  return def;
}
