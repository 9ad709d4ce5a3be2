import { eq } from 'drizzle-orm';
import { memberships, users } from '../../server/db/schema';
import type { TestApp } from './app';
import { type CommunityFixture, resident } from './fixtures';

const DAY = 86_400_000;

/**
 * A resident of the community for board tests: a nickname, and approved long enough ago
 * (30 days unless said) not to have the new members' lower limits.
 */
export async function boardMember(
  app: TestApp,
  community: CommunityFixture,
  householdIndex: number,
  opts: { nickname?: string; daysAgo?: number } = {},
) {
  const u = await resident(app, community, householdIndex);
  await app.database.db
    .update(users)
    .set({ nickname: opts.nickname ?? '张阿姨' })
    .where(eq(users.id, u.userId));
  await app.database.db
    .update(memberships)
    .set({ decidedAt: new Date(app.clock().getTime() - (opts.daysAgo ?? 30) * DAY) })
    .where(eq(memberships.userId, u.userId));
  return { ...u, householdId: community.householdIds[householdIndex] };
}

/** A property company's handler in the community. */
export async function handler(app: TestApp, community: CommunityFixture) {
  const u = await resident(app, community, 5);
  await app.database.db
    .update(memberships)
    .set({ role: 'handler', householdId: null })
    .where(eq(memberships.userId, u.userId));
  return u;
}
