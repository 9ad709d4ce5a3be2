import type { JobRegistry } from '../jobs';
import { screeningJobs } from './images';
import { verdictJobs } from './verdicts';

/**
 * Screening of user-written text and images before others see them (docs/decisions/018-screening.md).
 * Every feature that publishes what a user wrote calls these two and nothing else:
 *
 * - screenText(ctx, {communityId, userId, texts}) → {state:'visible'} | {state:'held', heldReason},
 *   or throws AppError CONTENT_REJECTED (422, the listed words named in its message and details,
 *   or WeChat's verdict as a plain reason). Step 1, local: the platform's and the community's word
 *   lists, matched after normalising. Step 2, WeChat msgSecCheck v2 (scene 3) with the author's
 *   openid; held (not refused) when WeChat asks for review, is down or over its limits, or the
 *   community's daily ceiling of checks is used up. Call it before the item's transaction: it may
 *   wait for WeChat (SCREENING_TIMEOUT_MS at most).
 * - queueImageChecks(tx, ctx, {…}) in the item's transaction, after it is written: true when the
 *   item must wait (held with images_pending) for WeChat's verdicts by push; screening then makes
 *   it visible (all pass), rejected (one risky) or leaves it to a moderator (review), through the
 *   subject's registered definition (server/platform/content.ts).
 *
 * The local adapter runs step 1 only.
 */
export { type ImageCheckRequest, queueImageChecks } from './images';
export { type ScreenTextRequest, type ScreenVerdict, screenText } from './text';

/** The jobs screening runs: sending images to WeChat, applying the verdicts it pushes. */
export function screeningPlatformJobs(): JobRegistry {
  return { ...screeningJobs(), ...verdictJobs() };
}
