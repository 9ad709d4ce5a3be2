import { and, count, desc, eq, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { TopicDetail, topicListFilters } from '../../../shared/contracts/topics';
import { type TopicKind, type TopicStage, topicStages } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { topics } from '../../db/schema';
import { type Member, requireMember, requireStaff, seenTopic } from './access';
import { baseView, detailView, listItems, topicExcerpt, votesById } from './views';

/** The lists of topics and one topic (docs/decisions/021-agora.md). */

type Filter = (typeof topicListFilters)[number];
const filterStages: Record<Exclude<Filter, 'all'>, TopicStage[]> = {
  collecting: ['collecting'],
  in_progress: ['reviewing', 'discussing', 'publicized', 'implementing', 'rating'],
  voting: ['voting'],
  done: ['closed', 'declined', 'merged', 'lapsed'],
};

const seenBy = (viewer: Member): SQL =>
  or(eq(topics.state, 'visible'), and(eq(topics.authorId, viewer.userId), ne(topics.state, 'deleted'))) as SQL;

export async function listTopics(
  ctx: ServiceContext,
  communityId: number,
  query: { filter: Filter; kind?: TopicKind; mine?: boolean; before?: number; limit: number },
) {
  const viewer = await requireMember(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(topics)
    .where(
      and(
        eq(topics.communityId, communityId),
        seenBy(viewer),
        query.filter === 'all' ? undefined : inArray(topics.stage, filterStages[query.filter]),
        query.kind ? eq(topics.kind, query.kind) : undefined,
        query.mine ? eq(topics.authorId, viewer.userId) : undefined,
        query.before !== undefined ? lt(topics.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(topics.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await listItems(ctx.deps, db, page, viewer),
    nextBefore: rows.length > query.limit && last ? last.id : null,
  };
}

export async function getTopic(ctx: ServiceContext, communityId: number, topicId: number): Promise<TopicDetail> {
  const viewer = await requireMember(ctx, communityId);
  const db = ctx.deps.database.db;
  return detailView(ctx.deps, db, await seenTopic(db, viewer, communityId, topicId), viewer);
}

/** What a stage waits for, in the committee's words. */
export const nextSteps: Record<TopicStage, string | null> = {
  collecting: '居民附议中，也可以直接采纳',
  reviewing: '等待审核',
  discussing: '议事中：可以发起投票或直接实施',
  voting: '投票进行中',
  publicized: '结果公示中：可以开始实施',
  implementing: '该发布进展',
  rating: '居民评价中',
  closed: null,
  declined: null,
  merged: null,
  lapsed: null,
};

export async function listStaffTopics(
  ctx: ServiceContext,
  communityId: number,
  query: { stage?: TopicStage; before?: number; limit: number },
) {
  const actor = await requireStaff(ctx, communityId);
  const viewer: Member = { userId: actor.userId, staff: true, householdId: null };
  const db = ctx.deps.database.db;
  const [rows, grouped] = await Promise.all([
    db
      .select()
      .from(topics)
      .where(
        and(
          eq(topics.communityId, communityId),
          query.stage ? eq(topics.stage, query.stage) : undefined,
          query.before !== undefined ? lt(topics.id, query.before) : undefined,
        ),
      )
      .orderBy(desc(topics.id))
      .limit(query.limit + 1),
    db
      .select({ stage: topics.stage, n: count() })
      .from(topics)
      .where(eq(topics.communityId, communityId))
      .groupBy(topics.stage),
  ]);
  const page = rows.slice(0, query.limit);
  const voteMap = await votesById(
    db,
    page.map((t) => t.voteId).filter((v): v is number => v !== null),
  );
  const counts = Object.fromEntries(topicStages.map((s) => [s, 0])) as Record<TopicStage, number>;
  for (const g of grouped) counts[g.stage] = g.n;
  const last = page[page.length - 1];
  return {
    items: page.map((t) => ({
      ...baseView(t, viewer, false),
      excerpt: topicExcerpt(t.body),
      vote: (t.voteId !== null && voteMap.get(t.voteId)) || null,
      nextStep: nextSteps[t.stage],
    })),
    nextBefore: rows.length > query.limit && last ? last.id : null,
    counts,
  };
}
