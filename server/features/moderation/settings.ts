import { eq } from 'drizzle-orm';
import type { BoardSettings } from '../../../shared/contracts/moderation';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { boardSettings } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireCommunity } from '../committees/queries';

export const DEFAULT_SETTINGS: BoardSettings = { reportThreshold: 3, secCheckDailyLimit: 2000, matterRoutes: {} };

/** A community's board settings, the defaults when it has no row (other features read board_settings too). */
export async function settingsOf(db: Tx, communityId: number): Promise<BoardSettings> {
  const [row] = await db
    .select({
      reportThreshold: boardSettings.reportThreshold,
      secCheckDailyLimit: boardSettings.secCheckDailyLimit,
      matterRoutes: boardSettings.matterRoutes,
    })
    .from(boardSettings)
    .where(eq(boardSettings.communityId, communityId));
  return row ?? DEFAULT_SETTINGS;
}

export async function getSettings(ctx: SignedIn, communityId: number) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  return settingsOf(ctx.deps.database.db, communityId);
}

export function putSettings(ctx: SignedIn, communityId: number, input: BoardSettings) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  return audited(ctx, 'board.settings', async (tx) => {
    await requireCommunity(tx, communityId);
    const before = await settingsOf(tx, communityId);
    const values = { ...input, updatedAt: ctx.deps.clock() };
    await tx
      .insert(boardSettings)
      .values({ communityId, ...values })
      .onConflictDoUpdate({ target: boardSettings.communityId, set: values });
    const after = await settingsOf(tx, communityId);
    return { result: after, audit: { communityId, targetId: communityId, before: { ...before }, after: { ...after } } };
  });
}
