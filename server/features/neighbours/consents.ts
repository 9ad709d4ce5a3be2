import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { consentEntry } from '../../../shared/contracts/neighbours';
import {
  type CardSwitch,
  cardSwitches,
  NEIGHBOUR_CONSENT_VERSION,
  neighbourConsentTexts,
} from '../../../shared/domain/neighbour-card';
import type { SignedIn } from '../../core/context';
import { communities, type neighbourCards, neighbourConsents } from '../../db/schema';
import type { Tx } from '../../deps';

/*
 * The consent log of 找邻居 (docs/decisions/024-neighbours.md, PIPL arts. 14, 15): every switch
 * turned on or off is a row with the version of the words shown beside it.
 */

type CardRecord = typeof neighbourCards.$inferSelect;

/** A card is gone (taken down, its owner left): every switch that was on is logged off. */
export async function logSwitchesOff(tx: Tx, card: CardRecord, now: Date) {
  const on = (Object.keys(cardSwitches) as CardSwitch[]).filter((k) => card[k]);
  if (on.length === 0) return;
  await tx.insert(neighbourConsents).values(
    on.map((k) => ({
      communityId: card.communityId,
      userId: card.userId,
      field: cardSwitches[k],
      granted: false,
      textVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: now,
    })),
  );
}

type Reply = { items: z.infer<typeof consentEntry>[] };

/** The caller's consent log, every community, newest first. */
export async function myConsents(ctx: SignedIn): Promise<Reply> {
  const rows = await ctx.deps.database.db
    .select({ c: neighbourConsents, communityName: communities.name })
    .from(neighbourConsents)
    .innerJoin(communities, eq(communities.id, neighbourConsents.communityId))
    .where(eq(neighbourConsents.userId, ctx.actor.userId))
    .orderBy(desc(neighbourConsents.id));
  return {
    items: rows.map(({ c, communityName }) => ({
      id: c.id,
      communityName,
      field: c.field,
      granted: c.granted,
      textVersion: c.textVersion,
      text: c.textVersion === NEIGHBOUR_CONSENT_VERSION ? neighbourConsentTexts[c.field] : null,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}
