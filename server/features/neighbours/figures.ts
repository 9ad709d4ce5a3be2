import { type AnyColumn, and, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { addDays, chinaClock } from '../../../shared/domain/office-hours';
import type { NeighbourField } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { contentReports, neighbourBlocks, neighbourCards, neighbourContacts, neighbourMessages } from '../../db/schema';
import { requireNeighbourStaff } from './access';
import { ownerIsApprovedMember } from './views';

/*
 * 找邻居 in figures for the committee (docs/decisions/024-neighbours.md): how many residents
 * have a card, list it, turn each switch on, offer themselves to 能人库; the tags shown most;
 * requests, acceptances and messages per China week; blocks and open reports. Counts only:
 * never a card's words or a thread's content.
 */

/** Weeks the figures go back, the current one included. */
export const FIGURE_WEEKS = 8;
const TOP_TAGS = 10;
const WEEK_MS = 7 * 86_400_000;

const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

/** The Mondays (China dates) of the last `weeks` weeks, oldest first, the current week last. */
export function chinaWeekStarts(now: Date, weeks = FIGURE_WEEKS): string[] {
  const today = chinaClock(now);
  const monday = addDays(today.date, 1 - today.weekday).date;
  return Array.from({ length: weeks }, (_, i) => addDays(monday, -7 * (weeks - 1 - i)).date);
}

const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

export async function neighbourFigures(ctx: SignedIn, communityId: number) {
  await requireNeighbourStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const c = neighbourCards;

  const [cards] = await db
    .select({
      cards: sql<number>`count(*)::int`,
      listed: countWhere(sql`${c.listed}`),
      name: countWhere(sql`${c.showName}`),
      avatar: countWhere(sql`${c.showAvatar}`),
      building: countWhere(sql`${c.showBuilding}`),
      room: countWhere(sql`${c.showRoom}`),
      intro: countWhere(sql`${c.showIntro}`),
      tags: countWhere(sql`${c.showTags}`),
      help: countWhere(sql`${c.showHelp}`),
      serve: countWhere(sql`${c.serve}`),
    })
    .from(c)
    .where(and(eq(c.communityId, communityId), ownerIsApprovedMember));

  const k = neighbourContacts;
  const [shares] = await db
    .select({
      phone: countWhere(sql`${k.requesterPhoneEnc} is not null or ${k.addresseePhoneEnc} is not null`),
      wechat: countWhere(sql`${k.requesterWechatEnc} is not null or ${k.addresseeWechatEnc} is not null`),
    })
    .from(k)
    .where(and(eq(k.communityId, communityId), eq(k.state, 'accepted')));

  const switchesOn: Record<NeighbourField, number> = {
    listed: Number(cards.listed),
    name: Number(cards.name),
    avatar: Number(cards.avatar),
    building: Number(cards.building),
    room: Number(cards.room),
    intro: Number(cards.intro),
    tags: Number(cards.tags),
    help: Number(cards.help),
    serve: Number(cards.serve),
    share_phone: Number(shares.phone),
    share_wechat: Number(shares.wechat),
  };

  // The tags neighbours can see: listed, visible cards that show their tags, less the hidden ones.
  const topTags = rowsOf<{ tag: string; count: number }>(
    await db.execute(sql`
      select t.tag, count(*)::int as count
      from ${c} cross join lateral unnest(${c.tags}) as t(tag)
      where ${c.communityId} = ${communityId} and ${c.listed} and ${c.state} = 'visible' and ${c.showTags}
        and not (t.tag = any(${c.hiddenTags})) and ${ownerIsApprovedMember}
      group by t.tag
      order by count(*) desc, t.tag
      limit ${TOP_TAGS}`),
  ).map((r) => ({ tag: r.tag, count: Number(r.count) }));

  const starts = chinaWeekStarts(ctx.deps.clock());
  const from = chinaMidnight(starts[0]);
  const until = new Date(from.getTime() + starts.length * WEEK_MS);
  const weekOf = (column: AnyColumn) =>
    sql<number>`floor(extract(epoch from (${column} - ${from.toISOString()}::timestamptz)) / ${WEEK_MS / 1000})::int`;
  const inWeeks = (column: AnyColumn) =>
    sql`${column} >= ${from.toISOString()}::timestamptz and ${column} < ${until.toISOString()}::timestamptz`;

  const byWeek = async (query: Promise<{ week: number; n: number }[]>) => {
    const counts = new Array<number>(starts.length).fill(0);
    for (const r of await query) if (r.week >= 0 && r.week < starts.length) counts[r.week] = Number(r.n);
    return counts;
  };
  const requestWeek = weekOf(k.createdAt);
  const requests = await byWeek(
    db
      .select({ week: requestWeek, n: count() })
      .from(k)
      .where(and(eq(k.communityId, communityId), inWeeks(k.createdAt)))
      .groupBy(sql`1`),
  );
  const acceptedWeek = weekOf(k.decidedAt);
  // A contact accepted then closed was still accepted that week: anything but pending,
  // declined and withdrawn that was decided had been accepted.
  const accepted = await byWeek(
    db
      .select({ week: acceptedWeek, n: count() })
      .from(k)
      .where(and(eq(k.communityId, communityId), inArray(k.state, ['accepted', 'closed']), inWeeks(k.decidedAt)))
      .groupBy(sql`1`),
  );
  const m = neighbourMessages;
  const messageWeek = weekOf(m.createdAt);
  const messages = await byWeek(
    db
      .select({ week: messageWeek, n: count() })
      .from(m)
      .where(and(eq(m.communityId, communityId), eq(m.isRequest, false), inWeeks(m.createdAt)))
      .groupBy(sql`1`),
  );

  const [blocks] = await db
    .select({ n: count() })
    .from(neighbourBlocks)
    .where(eq(neighbourBlocks.communityId, communityId));
  const [reports] = await db
    .select({ n: count() })
    .from(contentReports)
    .where(
      and(
        eq(contentReports.communityId, communityId),
        inArray(contentReports.subject, ['neighbour_card', 'neighbour_message']),
        isNull(contentReports.settledAt),
      ),
    );

  return {
    cards: Number(cards.cards),
    listed: Number(cards.listed),
    serve: Number(cards.serve),
    switchesOn,
    topTags,
    weeks: starts.map((weekStart, i) => ({
      weekStart,
      requests: requests[i],
      accepted: accepted[i],
      messages: messages[i],
    })),
    blocks: Number(blocks.n),
    openReports: Number(reports.n),
  };
}
