import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { InvitationView } from '../../../shared/contracts/invitations';
import { householdLabel } from '../../../shared/domain/labels';
import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { buildings, households, invitationCodes, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { personName } from '../audit/names';
import { requireCommunity } from '../committees/queries';
import { householdColumns } from '../households/queries';

/** No 0/O, 1/I/L: codes are read aloud and typed by elderly residents. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newInvitationCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

function stateOf(row: { usedCount: number; maxUses: number; expiresAt: Date; revokedAt: Date | null }, now: Date) {
  if (row.revokedAt) return 'revoked' as const;
  if (row.usedCount >= row.maxUses) return 'used_up' as const;
  if (row.expiresAt <= now) return 'expired' as const;
  return 'active' as const;
}

async function load(db: Tx, now: Date, communityId: number, id?: number): Promise<InvitationView[]> {
  const rows = await db
    .select({ invitation: invitationCodes, household: householdColumns })
    .from(invitationCodes)
    .innerJoin(households, eq(households.id, invitationCodes.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(invitationCodes.communityId, communityId), id ? eq(invitationCodes.id, id) : undefined))
    .orderBy(desc(invitationCodes.id))
    .limit(200);
  const uses = await usesOf(
    db,
    communityId,
    rows.map((r) => r.invitation.id),
  );
  return rows.map(({ invitation: i, household }) => ({
    id: i.id,
    code: i.code,
    household,
    maxUses: i.maxUses,
    usedCount: i.usedCount,
    expiresAt: i.expiresAt.toISOString(),
    revokedAt: i.revokedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    state: stateOf(i, now),
    usedBy: uses.get(i.id) ?? [],
  }));
}

/** Who joined with each code, in one query for the whole list. */
async function usesOf(db: Tx, communityId: number, invitationIds: number[]) {
  const result = new Map<number, InvitationView['usedBy']>();
  if (invitationIds.length === 0) return result;
  const rows = await db
    .select({
      membershipId: memberships.id,
      invitationId: memberships.invitationId,
      decidedAt: memberships.decidedAt,
      nickname: users.nickname,
      username: users.username,
      openid: users.openid,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(memberships.communityId, communityId), inArray(memberships.invitationId, invitationIds)))
    .orderBy(asc(memberships.decidedAt), asc(memberships.id));
  for (const r of rows) {
    if (r.invitationId === null) continue;
    const list = result.get(r.invitationId) ?? [];
    list.push({
      membershipId: r.membershipId,
      name: personName(r),
      room:
        r.buildingName !== null && r.unit !== null && r.room !== null
          ? householdLabel({ buildingName: r.buildingName, unit: r.unit, room: r.room })
          : null,
      usedAt: r.decidedAt?.toISOString() ?? null,
    });
    result.set(r.invitationId, list);
  }
  return result;
}

export async function list(ctx: ServiceContext, communityId: number) {
  requireAllowed(ctx.actor, 'manage:invitations', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
  return { items: await load(ctx.deps.database.db, ctx.deps.clock(), communityId) };
}

export async function create(
  ctx: ServiceContext,
  communityId: number,
  input: { householdId: number; maxUses: number; expiresInDays: number },
) {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'manage:invitations', { communityId });
  const db = deps.database.db;
  const now = deps.clock();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const id = await audited(ctx, 'invitation.create', async (tx) => {
        const [h] = await tx
          .select({ id: households.id })
          .from(households)
          .where(
            and(
              eq(households.id, input.householdId),
              eq(households.communityId, communityId),
              isNull(households.retiredAt),
            ),
          );
        if (!h) throw new AppError('NOT_FOUND');
        const [row] = await tx
          .insert(invitationCodes)
          .values({
            communityId,
            householdId: input.householdId,
            code: newInvitationCode(),
            maxUses: input.maxUses,
            expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
            createdBy: actor.userId,
          })
          .returning({ id: invitationCodes.id });
        return { result: row.id, audit: { communityId, targetId: row.id, after: { ...input } } };
      });
      const [view] = await load(db, now, communityId, id);
      return view;
    } catch (error) {
      // A code collision (1 in 31^8 per pair): draw again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError('INTERNAL');
}

export async function revoke(ctx: ServiceContext, communityId: number, invitationId: number) {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'manage:invitations', { communityId });
  const db = deps.database.db;
  const now = deps.clock();
  await audited(ctx, 'invitation.revoke', async (tx) => {
    const [row] = await tx
      .select()
      .from(invitationCodes)
      .where(and(eq(invitationCodes.id, invitationId), eq(invitationCodes.communityId, communityId)));
    if (!row) throw new AppError('NOT_FOUND');
    // Compare-and-set: of two revocations at once, one wins and the other is told.
    const [changed] = await tx
      .update(invitationCodes)
      .set({ revokedAt: now })
      .where(and(eq(invitationCodes.id, invitationId), isNull(invitationCodes.revokedAt)))
      .returning({ id: invitationCodes.id });
    if (!changed) throw new AppError('INVALID_STATE');
    return {
      result: null,
      audit: { communityId, targetId: invitationId, before: { state: stateOf(row, now) }, after: { state: 'revoked' } },
    };
  });
  const [view] = await load(db, now, communityId, invitationId);
  return view;
}
