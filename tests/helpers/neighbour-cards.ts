import { neighbourCards } from '../../server/db/schema';
import { NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import type { TestApp } from './app';
import type { CommunityFixture } from './fixtures';

/**
 * A card written straight into the table (listed, name and building shown), for tests that must
 * not depend on the card routes. Returns its id.
 */
export async function insertCard(
  app: TestApp,
  community: CommunityFixture,
  userId: number,
  householdIndex: number,
  overrides: Partial<typeof neighbourCards.$inferInsert> = {},
): Promise<number> {
  const [row] = await app.database.db
    .insert(neighbourCards)
    .values({
      communityId: community.id,
      userId,
      householdId: community.householdIds[householdIndex],
      buildingId: community.buildingId,
      listed: true,
      displayName: '邻居',
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
      ...overrides,
    })
    .returning({ id: neighbourCards.id });
  return row.id;
}
