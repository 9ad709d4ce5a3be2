import { and, desc, eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { isLive } from '../../db/live';
import { buildings, communities, households, memberships } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/** Memberships: which community and household, the real name and phone given to the committee. */
export const membershipData: PersonalData<MyData['memberships']> = {
  table: memberships,
  columns: [memberships.userId, memberships.householdId, memberships.realNameEnc, memberships.phoneEnc],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        communityName: communities.name,
        role: memberships.role,
        status: memberships.status,
        buildingName: buildings.name,
        unit: households.unit,
        room: households.room,
        realNameEnc: memberships.realNameEnc,
        phoneEnc: memberships.phoneEnc,
        reason: memberships.reason,
        createdAt: memberships.createdAt,
        decidedAt: memberships.decidedAt,
      })
      .from(memberships)
      .innerJoin(communities, eq(communities.id, memberships.communityId))
      .leftJoin(households, eq(households.id, memberships.householdId))
      .leftJoin(buildings, eq(buildings.id, households.buildingId))
      .where(eq(memberships.userId, ctx.actor.userId))
      .orderBy(desc(memberships.id));
    const { cipher } = ctx.deps;
    // Decrypted: it is the resident's own.
    return rows.map((r) => ({
      communityName: r.communityName,
      role: r.role,
      status: r.status,
      household: r.buildingName ? `${r.buildingName} ${r.unit} ${r.room}` : null,
      realName: r.realNameEnc ? cipher.decrypt(r.realNameEnc) : null,
      phone: r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  },
  async erase(tx, ctx, now) {
    const userId = ctx.actor.userId;
    // Live memberships end as "left" (the committee sees who left, in the audit log)...
    const ended = await tx
      .update(memberships)
      .set({ status: 'left', updatedAt: now })
      .where(and(eq(memberships.userId, userId), isLive(memberships.status)))
      .returning({ id: memberships.id, communityId: memberships.communityId });
    // ...and no membership, past or present, keeps a name or a phone.
    await tx
      .update(memberships)
      .set({ realNameEnc: null, phoneEnc: null, updatedAt: now })
      .where(eq(memberships.userId, userId));
    return ended.map((m) => ({ communityId: m.communityId, targetId: m.id, after: { status: 'left' } }));
  },
};
