import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import type { TopicStage } from '../../../shared/enums';
import {
  communities,
  topicComments,
  topicCosigns,
  topicEvents,
  topicRatings,
  topics,
  topicUploads,
  uploads,
} from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';
import { DELETED_AUTHOR } from '../board/views';
import { countComment } from './comments';

/**
 * What 议事厅 holds about a person. As the board does, deletion erases what they wrote
 * (emptied, deleted, labelled 已注销的居民, photos detached) — except a topic the committee
 * took up (discussing onwards): that is now the community's business (co-signers, votes,
 * the 公示 refer to it), so its text stays and only the link to the person goes.
 * Co-signs and ratings stay with the household, without the member.
 */
const ERASED_REASON = '作者注销了账号';
/** Stages before the committee took the topic up, or ended without it. */
const PRIVATE_STAGES: TopicStage[] = ['collecting', 'reviewing', 'declined', 'lapsed', 'merged'];

export const topicData: PersonalData<MyData['topics']> = {
  table: topics,
  columns: [topics.authorId, topics.householdId, topics.authorLabel, topics.title, topics.body, topics.appealText],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ t: topics, communityName: communities.name })
      .from(topics)
      .innerJoin(communities, eq(communities.id, topics.communityId))
      .where(and(eq(topics.authorId, ctx.actor.userId), eq(topics.byCommittee, false)))
      .orderBy(desc(topics.id));
    return rows.map(({ t, communityName }) => ({
      communityName,
      title: t.title,
      body: t.body,
      place: t.place,
      authorLabel: t.authorLabel,
      stage: t.stage,
      state: t.state,
      createdAt: t.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx, now) {
    const mine = and(eq(topics.authorId, ctx.actor.userId), eq(topics.byCommittee, false));
    const erased = await tx
      .update(topics)
      .set({
        authorId: null,
        householdId: null,
        authorLabel: DELETED_AUTHOR,
        title: '（已删除）',
        body: '',
        place: null,
        state: 'deleted',
        heldReason: null,
        stateReason: ERASED_REASON,
        appealText: null,
        updatedAt: now,
      })
      .where(and(mine, inArray(topics.stage, PRIVATE_STAGES)))
      .returning({ id: topics.id });
    await tx
      .update(topics)
      .set({ authorId: null, authorLabel: DELETED_AUTHOR, appealText: null, updatedAt: now })
      .where(and(mine, notInArray(topics.stage, PRIVATE_STAGES)));
    const ids = erased.map((t) => t.id);
    if (ids.length > 0) {
      const detached = await tx
        .delete(topicUploads)
        .where(inArray(topicUploads.topicId, ids))
        .returning({ uploadId: topicUploads.uploadId });
      if (detached.length > 0)
        await tx
          .update(uploads)
          .set({ attachedAt: null })
          .where(
            inArray(
              uploads.id,
              detached.map((d) => d.uploadId),
            ),
          );
    }
    return [];
  },
};

export const topicCommentData: PersonalData<MyData['topicComments']> = {
  table: topicComments,
  columns: [topicComments.authorId, topicComments.householdId, topicComments.authorLabel, topicComments.body],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ c: topicComments, communityName: communities.name })
      .from(topicComments)
      .innerJoin(communities, eq(communities.id, topicComments.communityId))
      .where(and(eq(topicComments.authorId, ctx.actor.userId), eq(topicComments.official, false)))
      .orderBy(desc(topicComments.id));
    return rows.map(({ c, communityName }) => ({
      communityName,
      topicId: c.topicId,
      kind: c.kind,
      body: c.body,
      state: c.state,
      createdAt: c.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    const mine = and(eq(topicComments.authorId, ctx.actor.userId), eq(topicComments.official, false));
    const gone = await tx
      .select({ topicId: topicComments.topicId, state: topicComments.state })
      .from(topicComments)
      .where(mine)
      .for('update');
    await tx
      .update(topicComments)
      .set({
        authorId: null,
        householdId: null,
        authorLabel: DELETED_AUTHOR,
        body: '',
        state: 'deleted',
        heldReason: null,
        stateReason: ERASED_REASON,
        appealText: null,
      })
      .where(mine);
    for (const c of gone) if (c.state === 'visible') await countComment(tx, c.topicId, -1);
    return [];
  },
};

export const topicRatingData: PersonalData<MyData['topicRatings']> = {
  table: topicRatings,
  columns: [topicRatings.userId, topicRatings.comment],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ r: topicRatings, communityName: communities.name })
      .from(topicRatings)
      .innerJoin(communities, eq(communities.id, topicRatings.communityId))
      .where(eq(topicRatings.userId, ctx.actor.userId))
      .orderBy(desc(topicRatings.id));
    return rows.map(({ r, communityName }) => ({
      communityName,
      topicId: r.topicId,
      score: r.score,
      comment: r.comment,
      state: r.state,
      createdAt: r.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    // The household's stars stay (one per household); the words and the member go.
    await tx
      .update(topicRatings)
      .set({ userId: null, comment: null, appealText: null })
      .where(eq(topicRatings.userId, ctx.actor.userId));
    return [];
  },
};

export const topicCosignData: PersonalData<MyData['topicCosigns']> = {
  table: topicCosigns,
  columns: [topicCosigns.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ topicId: topicCosigns.topicId, createdAt: topicCosigns.createdAt, communityName: communities.name })
      .from(topicCosigns)
      .innerJoin(topics, eq(topics.id, topicCosigns.topicId))
      .innerJoin(communities, eq(communities.id, topics.communityId))
      .where(eq(topicCosigns.userId, ctx.actor.userId))
      .orderBy(desc(topicCosigns.createdAt));
    return rows.map((r) => ({
      communityName: r.communityName,
      topicId: r.topicId,
      createdAt: r.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.update(topicCosigns).set({ userId: null }).where(eq(topicCosigns.userId, ctx.actor.userId));
    return [];
  },
};

export const topicEventData: PersonalData<MyData['topicEvents']> = {
  table: topicEvents,
  columns: [topicEvents.actorId],
  async exportFor(db, ctx) {
    const rows = await db
      .select()
      .from(topicEvents)
      .where(eq(topicEvents.actorId, ctx.actor.userId))
      .orderBy(desc(topicEvents.id));
    return rows.map((e) => ({
      topicId: e.topicId,
      fromStage: e.fromStage,
      toStage: e.toStage,
      at: e.at.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.update(topicEvents).set({ actorId: null }).where(eq(topicEvents.actorId, ctx.actor.userId));
    return [];
  },
};
