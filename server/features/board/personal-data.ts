import { and, desc, eq, inArray } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { communities, postComments, postEvents, postPlusOnes, posts, postUploads, uploads } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';
import { countComment } from './subjects';
import { DELETED_AUTHOR } from './views';

/**
 * What the board holds about a person (docs/decisions/017-board.md). Their posts and
 * comments are theirs to copy. On deletion the text they wrote is erased, not only unlinked
 * (a post says who wrote it by its content as much as by its label): each post and comment
 * becomes deleted with an empty body, labelled 已注销的居民, its photos detached (the orphan
 * job removes them). What stays is what the committee's record needs: the rows' kind,
 * category, route, status and dates, the official replies and the matter's stars.
 * +1s stay with the household (one per household) without the member; timeline steps lose
 * their actor.
 */
const ERASED_REASON = '作者注销了账号';

export const boardPostData: PersonalData<MyData['boardPosts']> = {
  table: posts,
  columns: [posts.authorId, posts.householdId, posts.authorLabel, posts.body, posts.ratingComment, posts.appealText],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ p: posts, communityName: communities.name })
      .from(posts)
      .innerJoin(communities, eq(communities.id, posts.communityId))
      .where(eq(posts.authorId, ctx.actor.userId))
      .orderBy(desc(posts.id));
    return rows.map(({ p, communityName }) => ({
      communityName,
      kind: p.kind,
      authorLabel: p.authorLabel,
      place: p.place,
      body: p.body,
      status: p.status,
      state: p.state,
      rating: p.rating,
      ratingComment: p.ratingComment,
      createdAt: p.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx, now) {
    const mine = await tx
      .update(posts)
      .set({
        authorId: null,
        householdId: null,
        authorLabel: DELETED_AUTHOR,
        body: '',
        bodyHash: '',
        place: null,
        state: 'deleted',
        heldReason: null,
        stateReason: ERASED_REASON,
        ratingComment: null,
        appealText: null,
        updatedAt: now,
      })
      .where(eq(posts.authorId, ctx.actor.userId))
      .returning({ id: posts.id });
    const ids = mine.map((p) => p.id);
    if (ids.length > 0) {
      const detached = await tx
        .delete(postUploads)
        .where(inArray(postUploads.postId, ids))
        .returning({ uploadId: postUploads.uploadId });
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

export const boardCommentData: PersonalData<MyData['boardComments']> = {
  table: postComments,
  columns: [postComments.authorId, postComments.householdId, postComments.authorLabel, postComments.body],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ c: postComments, communityName: communities.name })
      .from(postComments)
      .innerJoin(communities, eq(communities.id, postComments.communityId))
      .where(eq(postComments.authorId, ctx.actor.userId))
      .orderBy(desc(postComments.id));
    return rows.map(({ c, communityName }) => ({
      communityName,
      authorLabel: c.authorLabel,
      body: c.body,
      official: c.isOfficial,
      state: c.state,
      createdAt: c.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    // A visible comment leaves its post's count; official replies (staff accounts) are not erased here.
    const gone = await tx
      .select({ postId: postComments.postId, isOfficial: postComments.isOfficial, state: postComments.state })
      .from(postComments)
      .where(eq(postComments.authorId, ctx.actor.userId))
      .for('update');
    await tx
      .update(postComments)
      .set({
        authorId: null,
        householdId: null,
        authorLabel: DELETED_AUTHOR,
        body: '',
        bodyHash: '',
        state: 'deleted',
        heldReason: null,
        stateReason: ERASED_REASON,
        appealText: null,
      })
      .where(eq(postComments.authorId, ctx.actor.userId));
    for (const c of gone) if (c.state === 'visible') await countComment(tx, c.postId, c.isOfficial, -1);
    return [];
  },
};

export const boardPlusOneData: PersonalData<MyData['boardPlusOnes']> = {
  table: postPlusOnes,
  columns: [postPlusOnes.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ createdAt: postPlusOnes.createdAt, communityName: communities.name, postId: postPlusOnes.postId })
      .from(postPlusOnes)
      .innerJoin(posts, eq(posts.id, postPlusOnes.postId))
      .innerJoin(communities, eq(communities.id, posts.communityId))
      .where(eq(postPlusOnes.userId, ctx.actor.userId))
      .orderBy(desc(postPlusOnes.createdAt));
    return rows.map((r) => ({
      communityName: r.communityName,
      postId: r.postId,
      createdAt: r.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.update(postPlusOnes).set({ userId: null }).where(eq(postPlusOnes.userId, ctx.actor.userId));
    return [];
  },
};

export const boardEventData: PersonalData<MyData['boardEvents']> = {
  table: postEvents,
  columns: [postEvents.actorId, postEvents.note],
  async exportFor(db, ctx) {
    const rows = await db
      .select()
      .from(postEvents)
      .where(eq(postEvents.actorId, ctx.actor.userId))
      .orderBy(desc(postEvents.id));
    return rows.map((e) => ({
      postId: e.postId,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    // A reopen's reason is the resident's words: erased with the link to them.
    await tx
      .update(postEvents)
      .set({ actorId: null, note: null })
      .where(and(eq(postEvents.actorId, ctx.actor.userId), eq(postEvents.actorRole, 'resident')));
    await tx.update(postEvents).set({ actorId: null }).where(eq(postEvents.actorId, ctx.actor.userId));
    return [];
  },
};
