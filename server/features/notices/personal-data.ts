import { desc, eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { communities, noticeReads, notices } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/** Which notices a person opened, and when: theirs to copy; deleted with the account. */
export const noticeReadData: PersonalData<MyData['noticeReads']> = {
  table: noticeReads,
  columns: [noticeReads.userId, noticeReads.householdId, noticeReads.readAt],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ title: notices.title, communityName: communities.name, readAt: noticeReads.readAt })
      .from(noticeReads)
      .innerJoin(notices, eq(notices.id, noticeReads.noticeId))
      .innerJoin(communities, eq(communities.id, notices.communityId))
      .where(eq(noticeReads.userId, ctx.actor.userId))
      .orderBy(desc(noticeReads.id));
    return rows.map((r) => ({ communityName: r.communityName, title: r.title, readAt: r.readAt.toISOString() }));
  },
  async erase(tx, ctx) {
    await tx.delete(noticeReads).where(eq(noticeReads.userId, ctx.actor.userId));
    return [];
  },
};
