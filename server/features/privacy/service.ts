import { eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { users } from '../../db/schema';
import { audited } from '../../platform/audited';
import { erasureOrder, personalData } from './registry';

/** A resident's copy of everything the registry says we hold about them. */
export async function exportMyData(ctx: SignedIn): Promise<MyData> {
  const db = ctx.deps.database.db;
  const sections = await Promise.all(
    Object.entries(personalData).map(async ([name, entry]) => [name, await entry.exportFor(db, ctx)] as const),
  );
  return { exportedAt: ctx.deps.clock().toISOString(), ...Object.fromEntries(sections) } as MyData;
}

/**
 * Deletes the caller's personal data in one transaction, table by table as the
 * registry declares: memberships end as "left" without names or phones, every
 * session ends, the WeChat identity and nickname go. The user row stays, emptied, so
 * the audit log keeps pointing at an id. Staff accounts are closed by an admin.
 */
export async function deleteMyAccount(ctx: SignedIn): Promise<void> {
  const now = ctx.deps.clock();
  await audited(ctx, 'membership.deleted_by_resident', async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
    if (!user) throw new AppError('UNAUTHENTICATED');
    requireAllowed(ctx.actor, 'delete:own-account', { ownerId: user.id, staffAccount: user.username !== null });
    const audit = [];
    for (const section of erasureOrder) audit.push(...(await personalData[section].erase(tx, ctx, now)));
    return { result: null, audit };
  });
}
