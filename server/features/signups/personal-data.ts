import { desc, eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { noticeSignups, notices } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';
import { eraseSignupsOf } from './service';

/** The 活动 a person signed their household up to: theirs to copy; deleted with the account. */
export const signupData: PersonalData<MyData['signups']> = {
  table: noticeSignups,
  columns: [noticeSignups.userId, noticeSignups.householdId, noticeSignups.attendedAt],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        title: notices.title,
        people: noticeSignups.people,
        status: noticeSignups.status,
        createdAt: noticeSignups.createdAt,
      })
      .from(noticeSignups)
      .innerJoin(notices, eq(notices.id, noticeSignups.noticeId))
      .where(eq(noticeSignups.userId, ctx.actor.userId))
      .orderBy(desc(noticeSignups.id));
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  },
  async erase(tx, ctx, now) {
    // A place the person held goes to the waiting list while sign-ups are open.
    await eraseSignupsOf(tx, ctx.actor.userId, now);
    return [];
  },
};
