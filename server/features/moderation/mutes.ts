import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { muteInput } from '../../../shared/contracts/moderation';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { boardMutes, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';

const DAY = 86_400_000;

const running = (communityId: number, now: Date) =>
  and(eq(boardMutes.communityId, communityId), isNull(boardMutes.liftedAt), gt(boardMutes.until, now));

/** Mutes a member for `days` from now; a running mute is replaced (lifted) by the new one. */
export async function muteUser(
  tx: Tx,
  m: { communityId: number; userId: number; days: number; reason: string; by: number | null; now: Date },
) {
  await tx
    .update(boardMutes)
    .set({ liftedAt: m.now })
    .where(and(running(m.communityId, m.now), eq(boardMutes.userId, m.userId)));
  const [row] = await tx
    .insert(boardMutes)
    .values({
      communityId: m.communityId,
      userId: m.userId,
      until: new Date(m.now.getTime() + m.days * DAY),
      reason: m.reason,
      createdBy: m.by,
      createdAt: m.now,
    })
    .returning();
  return row;
}

async function nameOf(tx: Tx, communityId: number, userId: number, ctx: SignedIn) {
  const [p] = await tx
    .select({ nickname: users.nickname, realNameEnc: memberships.realNameEnc })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.communityId, communityId)))
    .where(eq(users.id, userId))
    .orderBy(desc(memberships.id))
    .limit(1);
  return (p?.realNameEnc ? ctx.deps.cipher.decrypt(p.realNameEnc) : null) ?? p?.nickname ?? '居民';
}

type MuteRow = typeof boardMutes.$inferSelect;
const view = (r: MuteRow, name: string) => ({
  id: r.id,
  userId: r.userId,
  name,
  until: r.until.toISOString(),
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
});

export async function listMutes(ctx: SignedIn, communityId: number) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(boardMutes)
    .where(running(communityId, ctx.deps.clock()))
    .orderBy(asc(boardMutes.until), asc(boardMutes.id));
  const items = [];
  for (const r of rows) items.push(view(r, await nameOf(db, communityId, r.userId, ctx)));
  return { items };
}

export function mute(ctx: SignedIn, communityId: number, input: z.infer<typeof muteInput>) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  return audited(ctx, 'moderation.mute', async (tx) => {
    // Only the community's own members: anyone else does not exist here.
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.communityId, communityId),
          eq(memberships.userId, input.userId),
          eq(memberships.status, 'approved'),
        ),
      );
    if (!member) throw new AppError('NOT_FOUND');
    const row = await muteUser(tx, {
      communityId,
      userId: input.userId,
      days: input.days,
      reason: input.reason,
      by: ctx.actor.operator ? null : ctx.actor.userId,
      now: ctx.deps.clock(),
    });
    return {
      result: view(row, await nameOf(tx, communityId, input.userId, ctx)),
      audit: {
        communityId,
        targetId: input.userId,
        after: { muteDays: input.days, until: row.until.toISOString(), reason: input.reason },
      },
    };
  });
}

export function lift(ctx: SignedIn, communityId: number, muteId: number) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  return audited(ctx, 'moderation.unmute', async (tx) => {
    const now = ctx.deps.clock();
    const [row] = await tx
      .update(boardMutes)
      .set({ liftedAt: now })
      .where(and(eq(boardMutes.id, muteId), running(communityId, now)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND');
    return {
      result: null,
      audit: { communityId, targetId: row.userId, before: { until: row.until.toISOString(), reason: row.reason } },
    };
  });
}
