import { desc, eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { boardMutes, communities, contentReports } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/** The reports a person made: theirs to copy; deleted with the account (the item's count stays). */
export const reportData: PersonalData<MyData['reports']> = {
  table: contentReports,
  columns: [contentReports.reporterId, contentReports.note],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        communityName: communities.name,
        subject: contentReports.subject,
        reason: contentReports.reason,
        note: contentReports.note,
        createdAt: contentReports.createdAt,
      })
      .from(contentReports)
      .innerJoin(communities, eq(communities.id, contentReports.communityId))
      .where(eq(contentReports.reporterId, ctx.actor.userId))
      .orderBy(desc(contentReports.id));
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  },
  async erase(tx, ctx) {
    await tx.delete(contentReports).where(eq(contentReports.reporterId, ctx.actor.userId));
    return [];
  },
};

/**
 * 禁言 about a person: theirs to copy, deleted with the account. A mute a moderator
 * gave keeps its row with the moderator's id taken off (created_by).
 */
export const boardMuteData: PersonalData<MyData['boardMutes']> = {
  table: boardMutes,
  columns: [boardMutes.userId, boardMutes.createdBy, boardMutes.reason],
  async exportFor(db, ctx) {
    const rows = await db
      .select({
        communityName: communities.name,
        until: boardMutes.until,
        reason: boardMutes.reason,
        liftedAt: boardMutes.liftedAt,
      })
      .from(boardMutes)
      .innerJoin(communities, eq(communities.id, boardMutes.communityId))
      .where(eq(boardMutes.userId, ctx.actor.userId))
      .orderBy(desc(boardMutes.id));
    return rows.map((r) => ({
      communityName: r.communityName,
      until: r.until.toISOString(),
      reason: r.reason,
      liftedAt: r.liftedAt?.toISOString() ?? null,
    }));
  },
  async erase(tx, ctx) {
    await tx.delete(boardMutes).where(eq(boardMutes.userId, ctx.actor.userId));
    await tx.update(boardMutes).set({ createdBy: null }).where(eq(boardMutes.createdBy, ctx.actor.userId));
    return [];
  },
};
