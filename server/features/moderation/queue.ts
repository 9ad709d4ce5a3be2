import { and, desc, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { ReviewItem, ReviewTab } from '../../../shared/contracts/moderation';
import { reviewTabs } from '../../../shared/contracts/moderation';
import { type ContentState, type ContentSubject, contentSubjects } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { buildings, contentReports, households, memberships, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { type QueueSource, queueSources } from './sources';

type Row = {
  id: number;
  authorId: number | null;
  householdId: number | null;
  body: string;
  state: ContentState;
  heldReason: ReviewItem['heldReason'];
  stateReason: string | null;
  reportCount: number;
  appealText: string | null;
  appealedAt: Date | null;
  appealDecidedAt: Date | null;
  createdAt: Date;
};

const openReportsOf = (s: QueueSource, communityId: number) =>
  sql`${s.c.id} in (select ${contentReports.subjectId} from ${contentReports} where ${contentReports.communityId} = ${communityId} and ${contentReports.subject} = ${s.subject} and ${contentReports.settledAt} is null)`;

/** Each tab as a condition on one kind's table (the community is added by the caller). */
function tabWhere(s: QueueSource, tab: ReviewTab, communityId: number): SQL {
  switch (tab) {
    // Visible ones waiting for a look, and those the reports hid by themselves.
    case 'reported':
      return and(inArray(s.c.state, ['visible', 'hidden']), openReportsOf(s, communityId)) as SQL;
    case 'held':
      return s.private
        ? (and(eq(s.c.state, 'held'), ne(s.c.heldReason, 'images_pending')) as SQL)
        : eq(s.c.state, 'held');
    case 'appealed':
      return and(
        inArray(s.c.state, ['hidden', 'rejected']),
        isNotNull(s.c.appealedAt),
        isNull(s.c.appealDecidedAt),
      ) as SQL;
    case 'hidden':
      return eq(s.c.state, 'hidden');
    case 'deleted':
      return eq(s.c.state, 'deleted');
  }
}

const fieldsOf = (s: QueueSource) => ({
  id: s.c.id,
  authorId: s.c.authorId,
  householdId: s.c.householdId,
  body: s.c.body,
  state: s.c.state,
  heldReason: s.c.heldReason,
  stateReason: s.c.stateReason,
  reportCount: s.c.reportCount,
  appealText: s.c.appealText,
  appealedAt: s.c.appealedAt,
  appealDecidedAt: s.c.appealDecidedAt,
  createdAt: s.c.createdAt,
});

/** How many items wait in each tab (the reported / held / appealed ones are the 工作台's figures). */
export async function queueCounts(db: Tx, communityId: number): Promise<Record<ReviewTab, number>> {
  const counts = Object.fromEntries(reviewTabs.map((t) => [t, 0])) as Record<ReviewTab, number>;
  for (const s of Object.values(queueSources)) {
    const filters = reviewTabs.map((t) =>
      sql<number>`(count(*) filter (where ${tabWhere(s, t, communityId)}))::int`.as(t),
    );
    const [row] = (await db
      .select(Object.fromEntries(reviewTabs.map((t, i) => [t, filters[i]])))
      .from(s.table)
      .where(
        and(eq(s.c.communityId, communityId), sql`(${s.c.state} <> 'visible' or ${openReportsOf(s, communityId)})`),
      )) as Record<ReviewTab, number>[];
    for (const t of reviewTabs) counts[t] += Number(row?.[t] ?? 0);
  }
  return counts;
}

/** One page of a tab, newest first across kinds. */
export async function reviewQueue(
  ctx: SignedIn,
  communityId: number,
  q: { tab: ReviewTab; limit: number; offset: number },
) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  const db = ctx.deps.database.db;
  const found: { subject: ContentSubject; row: Row }[] = [];
  for (const subject of contentSubjects) {
    const s = queueSources[subject];
    const rows = (await db
      .select(fieldsOf(s))
      .from(s.table)
      .where(and(eq(s.c.communityId, communityId), tabWhere(s, q.tab, communityId)))
      .orderBy(desc(s.c.createdAt), desc(s.c.id))
      .limit(q.offset + q.limit + 1)) as Row[];
    for (const row of rows) found.push({ subject, row });
  }
  found.sort((a, b) => b.row.createdAt.getTime() - a.row.createdAt.getTime() || b.row.id - a.row.id);
  const page = found.slice(q.offset, q.offset + q.limit);
  return {
    counts: await queueCounts(db, communityId),
    items: await describe(ctx, db, communityId, page),
    nextOffset: found.length > q.offset + q.limit ? q.offset + q.limit : null,
  };
}

/** One item as the queue shows it (after a decision). */
export async function reviewItemOf(ctx: SignedIn, db: Tx, communityId: number, subject: ContentSubject, id: number) {
  const s = queueSources[subject];
  const rows = (await db.select(fieldsOf(s)).from(s.table).where(eq(s.c.id, id))) as Row[];
  const [item] = await describe(
    ctx,
    db,
    communityId,
    rows.map((row) => ({ subject, row })),
  );
  return item;
}

/** Authors (name, building, room: staff may see who) and open reports, in batches. */
async function describe(
  ctx: SignedIn,
  db: Tx,
  communityId: number,
  page: { subject: ContentSubject; row: Row }[],
): Promise<ReviewItem[]> {
  if (page.length === 0) return [];
  const authorIds = [...new Set(page.map((p) => p.row.authorId).filter((id): id is number => id !== null))];
  const people =
    authorIds.length === 0
      ? []
      : await db
          .select({
            userId: users.id,
            nickname: users.nickname,
            realNameEnc: memberships.realNameEnc,
            householdId: memberships.householdId,
            building: buildings.name,
            room: households.room,
          })
          .from(users)
          .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.communityId, communityId)))
          .leftJoin(households, eq(households.id, memberships.householdId))
          .leftJoin(buildings, eq(buildings.id, households.buildingId))
          .where(inArray(users.id, authorIds))
          .orderBy(desc(memberships.id));
  const byUser = new Map<number, (typeof people)[number]>();
  for (const p of people) if (!byUser.has(p.userId)) byUser.set(p.userId, p);

  const reports = await db
    .select({
      subject: contentReports.subject,
      subjectId: contentReports.subjectId,
      reason: contentReports.reason,
      note: contentReports.note,
      createdAt: contentReports.createdAt,
    })
    .from(contentReports)
    .where(
      and(
        eq(contentReports.communityId, communityId),
        isNull(contentReports.settledAt),
        inArray(
          contentReports.subjectId,
          page.map((p) => p.row.id),
        ),
      ),
    )
    .orderBy(contentReports.id);

  const { cipher } = ctx.deps;
  return page.map(({ subject, row }) => {
    const p = row.authorId === null ? undefined : byUser.get(row.authorId);
    return {
      subject,
      subjectId: row.id,
      body: row.body,
      state: row.state,
      heldReason: row.heldReason,
      stateReason: row.stateReason,
      createdAt: row.createdAt.toISOString(),
      author: p
        ? {
            userId: p.userId,
            name: (p.realNameEnc ? cipher.decrypt(p.realNameEnc) : null) ?? p.nickname ?? '居民',
            building: p.building,
            room: p.room,
          }
        : null,
      reportCount: row.reportCount,
      reports: reports
        .filter((r) => r.subject === subject && r.subjectId === row.id)
        .map((r) => ({ reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString() })),
      appeal: row.appealedAt
        ? { text: row.appealText ?? '', at: row.appealedAt.toISOString(), decided: row.appealDecidedAt !== null }
        : null,
    };
  });
}
