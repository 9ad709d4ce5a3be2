import { and, asc, eq, gt, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { TopicCommentView } from '../../../shared/contracts/topics';
import type { TopicCommentKind } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { topicComments, topics } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { screenText } from '../../platform/screening';
import { isNewMember, limits, normalizedHash, refuseMuted } from '../board/limits';
import { lockWriter } from '../board/posts';
import { authorLabel } from '../board/views';
import { type Member, type Resident, requireMember, requireResident, requireStaff, seenTopic } from './access';
import { tellUsers } from './notify';
import { isFinal, topicExcerpt } from './views';

/**
 * 议: remarks and questions, one level; the committee's official remarks listed apart on
 * top and its answers embedded in their question. comment_count counts visible comments
 * (official ones included); the content subject keeps it right when moderation acts.
 */

type CommentRow = typeof topicComments.$inferSelect;
const DAY_MS = 86_400_000;

const seenBy = (viewer: Member): SQL =>
  or(
    eq(topicComments.state, 'visible'),
    and(eq(topicComments.authorId, viewer.userId), ne(topicComments.state, 'deleted')),
  ) as SQL;

export function commentView(c: CommentRow, userId: number, answers: CommentRow[] = []): TopicCommentView {
  const mine = c.authorId !== null && c.authorId === userId;
  return {
    id: c.id,
    topicId: c.topicId,
    kind: c.kind,
    authorLabel: c.authorLabel,
    mine,
    isOfficial: c.official,
    body: c.body,
    state: c.state,
    heldReason: mine ? c.heldReason : null,
    createdAt: c.createdAt.toISOString(),
    answers: answers.map((a) => ({
      id: a.id,
      authorLabel: a.authorLabel,
      body: a.body,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export async function countComment(tx: Tx, topicId: number, delta: 1 | -1) {
  await tx
    .update(topics)
    .set({ commentCount: sql`${topics.commentCount} + ${delta}` })
    .where(eq(topics.id, topicId));
}

export async function listTopicComments(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  query: { questions?: boolean; after?: number; limit: number },
) {
  const viewer = await requireMember(ctx, communityId);
  const db = ctx.deps.database.db;
  await seenTopic(db, viewer, communityId, topicId);
  const rows = await db
    .select()
    .from(topicComments)
    .where(
      and(
        eq(topicComments.topicId, topicId),
        eq(topicComments.official, false),
        query.questions ? eq(topicComments.kind, 'question') : undefined,
        seenBy(viewer),
        query.after !== undefined ? gt(topicComments.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(topicComments.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const questionIds = page.filter((c) => c.kind === 'question').map((c) => c.id);
  const answers =
    questionIds.length > 0
      ? await db
          .select()
          .from(topicComments)
          .where(
            and(
              eq(topicComments.official, true),
              inArray(topicComments.answersId, questionIds),
              eq(topicComments.state, 'visible'),
            ),
          )
          .orderBy(asc(topicComments.id))
      : [];
  const official =
    query.after === undefined && !query.questions
      ? await db
          .select()
          .from(topicComments)
          .where(
            and(
              eq(topicComments.topicId, topicId),
              eq(topicComments.official, true),
              isNull(topicComments.answersId),
              seenBy(viewer),
            ),
          )
          .orderBy(asc(topicComments.id))
      : [];
  const last = page[page.length - 1];
  return {
    official: official.map((c) => commentView(c, viewer.userId)),
    items: page.map((c) =>
      commentView(
        c,
        viewer.userId,
        answers.filter((a) => a.answersId === c.id),
      ),
    ),
    nextAfter: rows.length > query.limit && last ? last.id : null,
  };
}

async function openTopic(tx: Tx, viewer: Member, communityId: number, topicId: number, lock: boolean) {
  const t = await seenTopic(tx, viewer, communityId, topicId, lock);
  if (t.state !== 'visible' || isFinal(t)) throw new AppError('INVALID_STATE', '这个议题现在不能发言');
  return t;
}

async function refuseComment(db: Tx, r: Resident, communityId: number, hash: string, now: Date) {
  await refuseMuted(db, communityId, r.userId, now);
  const since = new Date(now.getTime() - DAY_MS);
  const recent = await db
    .select({ body: topicComments.body, state: topicComments.state })
    .from(topicComments)
    .where(and(eq(topicComments.authorId, r.userId), gt(topicComments.createdAt, since)));
  const fresh = isNewMember(r, now);
  const max = fresh ? limits.comment.newMember : limits.comment.member;
  if (recent.length >= max)
    throw new AppError('RATE_LIMITED', `${fresh ? '新加入的居民' : ''}每天最多发${max}条意见，明天再来吧`, {
      limit: max,
    });
  if (recent.some((c) => c.state !== 'deleted' && normalizedHash(c.body) === hash))
    throw new AppError('DUPLICATE_CONTENT', '刚才已经发过一样的意见了');
}

export async function commentOnTopic(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: { body: string; kind: TopicCommentKind },
): Promise<TopicCommentView> {
  const r = await requireResident(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const hash = normalizedHash(input.body);
  await openTopic(db, r, communityId, topicId, false);
  await refuseComment(db, r, communityId, hash, now);
  const verdict = await screenText(ctx, { communityId, userId: r.userId, texts: [input.body] });
  const row = await db.transaction(async (tx) => {
    await lockWriter(tx, r.userId);
    await refuseComment(tx, r, communityId, hash, now);
    await openTopic(tx, r, communityId, topicId, true);
    const [c] = await tx
      .insert(topicComments)
      .values({
        topicId,
        communityId,
        kind: input.kind,
        authorId: r.userId,
        householdId: r.householdId,
        authorLabel: authorLabel('name', r),
        body: input.body,
        state: verdict.state,
        heldReason: verdict.heldReason,
        createdAt: now,
      })
      .returning();
    if (c.state === 'visible') await countComment(tx, topicId, 1);
    return c;
  });
  return commentView(row, r.userId);
}

export async function deleteTopicComment(ctx: ServiceContext, communityId: number, topicId: number, commentId: number) {
  const viewer = await requireMember(ctx, communityId);
  const db = ctx.deps.database.db;
  await db.transaction(async (tx) => {
    await seenTopic(tx, viewer, communityId, topicId, true);
    const [c] = await tx
      .select()
      .from(topicComments)
      .where(and(eq(topicComments.id, commentId), eq(topicComments.topicId, topicId), seenBy(viewer)))
      .for('update');
    if (!c) throw new AppError('NOT_FOUND');
    if (c.authorId !== viewer.userId) throw new AppError('FORBIDDEN', '只能删除自己的发言');
    await tx
      .update(topicComments)
      .set({ state: 'deleted', heldReason: null, stateReason: '作者删除' })
      .where(eq(topicComments.id, c.id));
    if (c.state === 'visible') await countComment(tx, topicId, -1);
  });
  return null;
}

export async function answerTopic(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: { body: string; answersId?: number },
): Promise<TopicCommentView> {
  const actor = await requireStaff(ctx, communityId);
  const now = ctx.deps.clock();
  const viewer: Member = { userId: actor.userId, staff: true, householdId: null };
  const row = await audited(ctx, 'topic.answer', async (tx) => {
    const t = await openTopic(tx, viewer, communityId, topicId, true);
    let question: CommentRow | null = null;
    if (input.answersId !== undefined) {
      const [q] = await tx
        .select()
        .from(topicComments)
        .where(and(eq(topicComments.id, input.answersId), eq(topicComments.topicId, topicId)));
      if (!q || q.state === 'deleted') throw new AppError('NOT_FOUND', '要答复的问题不存在');
      if (q.kind !== 'question' || q.official) throw new AppError('INVALID_STATE', '只能答复居民的提问');
      question = q;
    }
    const [c] = await tx
      .insert(topicComments)
      .values({
        topicId,
        communityId,
        kind: 'comment',
        authorId: actor.userId,
        authorLabel: '居委会',
        official: true,
        answersId: question?.id ?? null,
        body: input.body,
        createdAt: now,
      })
      .returning();
    await countComment(tx, topicId, 1);
    if (question?.authorId != null)
      await tellUsers(
        tx,
        [question.authorId],
        t,
        {
          stage: '已答复',
          title: `居委会答复了您在议题“${t.title}”里的提问`,
          body: topicExcerpt(input.body),
          key: `answer.${c.id}`,
        },
        now,
      );
    return { result: c, audit: { communityId, targetId: topicId, after: { body: input.body } } };
  });
  return commentView(row, actor.userId);
}
