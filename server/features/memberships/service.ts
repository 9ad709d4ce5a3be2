import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { MyMembership } from '../../../shared/contracts/common';
import {
  type InvitationRefusal,
  invitationRefusalMessages,
  type MembershipAdmin,
} from '../../../shared/contracts/memberships';
import type { MembershipStatus } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext, SignedIn } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { isLive } from '../../db/live';
import { communities, households, invitationCodes, memberships } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { membershipEnded } from '../../platform/membership-end';
import { requireCommunity } from '../committees/queries';
import { tellDecision } from './messages';
import { getMine, listForModerators, listMine } from './queries';

interface Applicant {
  realName: string;
  phone?: string | null;
}

/** The caller's live membership of a community, if any. */
async function liveMembership(db: Tx, userId: number, communityId: number) {
  const [live] = await db
    .select({ id: memberships.id, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.communityId, communityId), isLive(memberships.status)));
  return live ?? null;
}

/** Why a code could not be claimed: unknown, revoked (or its household retired), expired or used up. */
async function refusedCode(db: Tx, codeText: string, now: Date): Promise<AppError> {
  const [row] = await db
    .select({
      revokedAt: invitationCodes.revokedAt,
      expiresAt: invitationCodes.expiresAt,
      usedCount: invitationCodes.usedCount,
      maxUses: invitationCodes.maxUses,
      retiredAt: households.retiredAt,
    })
    .from(invitationCodes)
    .leftJoin(households, eq(households.id, invitationCodes.householdId))
    .where(eq(invitationCodes.code, codeText));
  const reason: InvitationRefusal = !row
    ? 'unknown'
    : row.revokedAt || row.retiredAt
      ? 'revoked'
      : row.expiresAt <= now
        ? 'expired'
        : 'used_up';
  return new AppError('INVITATION_INVALID', invitationRefusalMessages[reason], { reason });
}

/** The 409 a second live request gets: already in, or still waiting. */
async function conflictFor(db: Tx, userId: number, communityId: number): Promise<AppError | null> {
  const live = await liveMembership(db, userId, communityId);
  if (!live) return null;
  return new AppError(live.status === 'approved' ? 'ALREADY_MEMBER' : 'JOIN_PENDING');
}

async function householdOf(db: Tx, communityId: number, householdId: number) {
  const [row] = await db
    .select({ id: households.id })
    .from(households)
    // A retired household is offered to nobody (its members stay).
    .where(and(eq(households.id, householdId), eq(households.communityId, communityId), isNull(households.retiredAt)));
  return row ?? null;
}

export async function listMyMemberships(ctx: SignedIn) {
  return { items: await listMine(ctx.deps.database.db, ctx.actor.userId) };
}

export async function join(
  ctx: ServiceContext,
  communityId: number,
  input: Applicant & { householdId: number },
): Promise<MyMembership> {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'join:community', { communityId });
  const db = deps.database.db;
  await requireCommunity(db, communityId);
  if (!(await householdOf(db, communityId, input.householdId))) throw new AppError('NOT_FOUND');
  const existing = await conflictFor(db, actor.userId, communityId);
  if (existing) throw existing;
  try {
    const id = await audited(ctx, 'membership.join', async (tx) => {
      const [row] = await tx
        .insert(memberships)
        .values({
          communityId,
          userId: actor.userId,
          householdId: input.householdId,
          role: 'resident',
          status: 'pending',
          realNameEnc: deps.cipher.encrypt(input.realName),
          phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null,
        })
        .returning({ id: memberships.id });
      return {
        result: row.id,
        audit: { communityId, targetId: row.id, after: { status: 'pending', householdId: input.householdId } },
      };
    });
    return (await getMine(db, id)) as MyMembership;
  } catch (error) {
    // Two requests raced past the check: the partial unique index let one through.
    if (isUniqueViolation(error))
      throw (await conflictFor(db, actor.userId, communityId)) ?? new AppError('JOIN_PENDING');
    throw error;
  }
}

export async function redeem(ctx: ServiceContext, input: Applicant & { code: string }): Promise<MyMembership> {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'join:community');
  const db = deps.database.db;
  const now = deps.clock();
  try {
    const id = await audited(ctx, 'membership.redeem_invitation', async (tx) => {
      // Claim one use atomically: the row is locked by the update, so concurrent
      // redemptions queue here and the count can never pass max_uses.
      const [code] = await tx
        .update(invitationCodes)
        .set({ usedCount: sql`${invitationCodes.usedCount} + 1` })
        .where(
          and(
            eq(invitationCodes.code, input.code),
            isNull(invitationCodes.revokedAt),
            gt(invitationCodes.expiresAt, now),
            lt(invitationCodes.usedCount, invitationCodes.maxUses),
            // A code for a household retired since it was issued no longer lets anyone in.
            sql`not exists (select 1 from ${households} where ${households.id} = ${invitationCodes.householdId} and ${households.retiredAt} is not null)`,
          ),
        )
        .returning();
      if (!code) throw await refusedCode(tx, input.code, now);
      const live = await liveMembership(tx, actor.userId, code.communityId);
      if (live?.status === 'approved') throw new AppError('ALREADY_MEMBER');
      const values = {
        householdId: code.householdId,
        status: 'approved' as const,
        realNameEnc: deps.cipher.encrypt(input.realName),
        invitationId: code.id,
        decidedAt: now,
        updatedAt: now,
      };
      const phoneEnc = input.phone ? deps.cipher.encrypt(input.phone) : undefined;
      let membershipId: number;
      if (live) {
        // A pending request is settled by the code.
        const [row] = await tx
          .update(memberships)
          // A phone given with the earlier request is kept unless a new one is given.
          .set(phoneEnc ? { ...values, phoneEnc } : values)
          .where(and(eq(memberships.id, live.id), eq(memberships.status, 'pending')))
          .returning({ id: memberships.id });
        if (!row) throw new AppError('INVALID_STATE');
        membershipId = row.id;
      } else {
        const [row] = await tx
          .insert(memberships)
          .values({ ...values, phoneEnc, communityId: code.communityId, userId: actor.userId, role: 'resident' })
          .returning({ id: memberships.id });
        membershipId = row.id;
      }
      return {
        result: membershipId,
        audit: {
          communityId: code.communityId,
          targetId: membershipId,
          before: live ? { status: live.status } : null,
          after: { status: 'approved', invitationId: code.id, householdId: code.householdId },
        },
      };
    });
    return (await getMine(db, id)) as MyMembership;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_MEMBER');
    throw error;
  }
}

export async function leave(ctx: ServiceContext, membershipId: number): Promise<MyMembership> {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  await audited(ctx, 'membership.leave', async (tx) => {
    const [m] = await tx
      .select({ userId: memberships.userId, status: memberships.status, communityId: memberships.communityId })
      .from(memberships)
      .where(eq(memberships.id, membershipId));
    requireAllowed(actor, 'own:membership', { ownerId: m?.userId });
    // Compare-and-set: only a live membership can be left, and only once.
    const [row] = await tx
      .update(memberships)
      .set({ status: 'left', updatedAt: deps.clock() })
      .where(and(eq(memberships.id, membershipId), isLive(memberships.status)))
      .returning({ id: memberships.id });
    if (!row) throw new AppError('INVALID_STATE');
    await membershipEnded(tx, { communityId: m.communityId, userId: m.userId, now: deps.clock() });
    return {
      result: null,
      audit: {
        communityId: m.communityId,
        targetId: membershipId,
        before: { status: m.status },
        after: { status: 'left' },
      },
    };
  });
  return (await getMine(db, membershipId)) as MyMembership;
}

/** The moderators' state machine: which decision moves a membership from which state to which. */
const transitions = {
  approve: { from: 'pending', to: 'approved', action: 'membership.approve' },
  reject: { from: 'pending', to: 'rejected', action: 'membership.reject' },
  revoke: { from: 'approved', to: 'revoked', action: 'membership.revoke' },
} as const satisfies Record<string, { from: MembershipStatus; to: MembershipStatus; action: string }>;

export async function transition(
  ctx: ServiceContext,
  communityId: number,
  membershipId: number,
  decision: keyof typeof transitions,
  reason: string | null = null,
): Promise<MembershipAdmin> {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'manage:memberships', { communityId });
  const t = transitions[decision];
  const db = deps.database.db;
  await audited(ctx, t.action, async (tx) => {
    const [m] = await tx
      .select({
        status: memberships.status,
        role: memberships.role,
        reason: memberships.reason,
        userId: memberships.userId,
        communityName: communities.name,
      })
      .from(memberships)
      .innerJoin(communities, eq(communities.id, memberships.communityId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.communityId, communityId)));
    if (!m) throw new AppError('NOT_FOUND');
    requireAllowed(actor, 'decide:membership', { communityId, targetRole: m.role });
    if (m.status !== t.from) throw new AppError('INVALID_STATE');
    const now = deps.clock();
    const [row] = await tx
      .update(memberships)
      .set({ status: t.to, reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
      .where(and(eq(memberships.id, membershipId), eq(memberships.status, t.from)))
      .returning({ id: memberships.id });
    // Another moderator decided first.
    if (!row) throw new AppError('INVALID_STATE');
    if (t.to === 'revoked') await membershipEnded(tx, { communityId, userId: m.userId, now });
    await tellDecision(tx, {
      membershipId,
      userId: m.userId,
      communityId,
      communityName: m.communityName,
      status: t.to,
      reason,
      decidedAt: now,
    });
    return {
      result: null,
      audit: {
        communityId,
        targetId: membershipId,
        before: { status: m.status, reason: m.reason },
        after: { status: t.to, reason },
      },
    };
  });
  const [view] = await listForModerators(db, deps.cipher, { communityId, ids: [membershipId] });
  return view;
}

export async function listForCommunity(
  ctx: ServiceContext,
  communityId: number,
  query: { status: MembershipStatus; limit: number; offset: number },
) {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'manage:memberships', { communityId });
  await requireCommunity(deps.database.db, communityId);
  const rows = await listForModerators(
    deps.database.db,
    deps.cipher,
    // Residents only: the committee's own moderators are no one to verify.
    { communityId, status: query.status, role: 'resident' },
    { limit: query.limit + 1, offset: query.offset },
  );
  return {
    items: rows.slice(0, query.limit),
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
  };
}
