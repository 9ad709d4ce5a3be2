import { and, count, eq, gt, isNull, lt } from 'drizzle-orm';
import type { MembershipStatus } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { households, invitationCodes, memberships } from '../../db/schema';
import type { Tx } from '../../deps';
import { requireCommunity } from '../committees/queries';
import { matterFigures } from '../matters/figures';
import { queueCounts } from '../moderation/queue';
import { noticeFigures } from '../notices/reads';

/** 工作台: the figures a moderator sees first. */
export async function summary(ctx: ServiceContext, communityId: number) {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'read:dashboard', { communityId });
  const db = deps.database.db;
  const now = deps.clock();
  const community = await requireCommunity(db, communityId);
  const byStatus = await db
    .select({ status: memberships.status, n: count() })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'resident')))
    .groupBy(memberships.status);
  const [householdCount] = await db
    .select({ n: count() })
    .from(households)
    // Retired households are history, not part of the community any more.
    .where(and(eq(households.communityId, communityId), isNull(households.retiredAt)));
  const [invitations] = await db
    .select({ n: count() })
    .from(invitationCodes)
    .where(
      and(
        eq(invitationCodes.communityId, communityId),
        isNull(invitationCodes.revokedAt),
        gt(invitationCodes.expiresAt, now),
        lt(invitationCodes.usedCount, invitationCodes.maxUses),
      ),
    );
  const n = (s: MembershipStatus) => byStatus.find((r) => r.status === s)?.n ?? 0;
  return {
    communityId,
    communityName: community.name,
    pendingMemberships: n('pending'),
    residents: n('approved'),
    households: householdCount?.n ?? 0,
    activeInvitations: invitations?.n ?? 0,
    notices: await noticeFigures(db, communityId, now),
    matters: await matterFigures(db, communityId, now),
    moderation: await moderationFigures(db, communityId),
  };
}

async function moderationFigures(db: Tx, communityId: number) {
  const { reported, held, appealed } = await queueCounts(db, communityId);
  return { reported, held, appealed };
}
