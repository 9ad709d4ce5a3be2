import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PostDetail, postInput } from '../../../shared/contracts/board';
import type { MatterCategory, MatterRoute } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { boardSettings, postEvents, postPlusOnes, posts, postUploads, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { attachUploads } from '../../platform/files';
import { queueImageChecks, screenText } from '../../platform/screening';
import { type Reader, requireReader, requireWriter, type Writer } from './access';
import { normalizedHash, refuseDuplicate, refuseMuted, refuseOverLimit } from './limits';
import { initialStatus } from './status';
import { authorLabel, detailView, editableUntil, type PostRow } from './views';

/** Serialises one author's writes, so that limits and duplicates are counted exactly. */
const WRITER_LOCK = 0x424f5244;
export const lockWriter = (tx: Tx, userId: number) =>
  tx.execute(sql`select pg_advisory_xact_lock(${WRITER_LOCK}, ${userId})`);

/**
 * A post of the community the caller may see: visible, or their own in any state but
 * deleted. Everything else (another community's, someone's held post, a deleted one) is 404.
 */
export async function visiblePost(db: Tx, reader: Reader, communityId: number, postId: number, lock = false) {
  const q = db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.communityId, communityId)));
  const [p] = lock ? await q.for('update') : await q;
  if (!p || !(p.state === 'visible' || (p.authorId === reader.userId && p.state !== 'deleted')))
    throw new AppError('NOT_FOUND');
  return p;
}

/** Which of these posts the household said 我也遇到了 to: one prepared statement, the ids as an array. */
const plusedBy = hotSelect('board_plused_by', { postId: postPlusOnes.postId }, (db, fields) =>
  db
    .select(fields)
    .from(postPlusOnes)
    .where(
      and(
        eq(postPlusOnes.householdId, sql.placeholder('householdId')),
        sql`${postPlusOnes.postId} = any(${sql.placeholder('ids')}::int[])`,
      ),
    ),
);

export async function plusedByHousehold(db: Tx, householdId: number | null, postIds: number[]): Promise<Set<number>> {
  if (householdId === null || postIds.length === 0) return new Set();
  const rows = await plusedBy.execute(db, { householdId, ids: postIds });
  return new Set(rows.map((r) => r.postId));
}

export async function detailFor(ctx: ServiceContext, db: Tx, reader: Reader, p: PostRow): Promise<PostDetail> {
  const plus = await plusedByHousehold(db, reader.householdId, [p.id]);
  return detailView(ctx.deps, db, p, { userId: reader.userId, plusByMyHousehold: plus.has(p.id) });
}

async function matterRoute(db: Tx, communityId: number, category: MatterCategory): Promise<MatterRoute> {
  const [s] = await db
    .select({ routes: boardSettings.matterRoutes })
    .from(boardSettings)
    .where(eq(boardSettings.communityId, communityId));
  return s?.routes[category] ?? 'committee';
}

const BAD_PHOTO = '照片不对，请重新上传';

/** Takes the author's own unattached photos of the community into the post, in the order given. */
async function attachPhotos(tx: Tx, writer: Writer, communityId: number, postId: number, ids: number[], now: Date) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: uploads.id, kind: uploads.kind, by: uploads.uploadedBy, attachedAt: uploads.attachedAt })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.communityId, communityId)))
    .for('update');
  const ok = rows.filter((u) => u.kind === 'image' && u.by === writer.userId && u.attachedAt === null);
  if (ok.length !== ids.length)
    throw new AppError('VALIDATION_FAILED', BAD_PHOTO, [{ in: 'body', path: 'uploadIds', message: BAD_PHOTO }]);
  await attachUploads(tx, { communityId, ids, isPublic: false, now });
  await tx.insert(postUploads).values(ids.map((uploadId, position) => ({ postId, uploadId, position })));
}

/** Limits, duplicates and mutes, checked before screening and again under the author's lock. */
async function refuseWrite(db: Tx, writer: Writer, communityId: number, hash: string, now: Date) {
  await refuseMuted(db, communityId, writer.userId, now);
  await refuseOverLimit(db, 'post', writer, now);
  await refuseDuplicate(db, 'post', writer.userId, hash, now);
}

export async function createPost(
  ctx: ServiceContext,
  communityId: number,
  input: z.output<typeof postInput>,
): Promise<PostDetail> {
  const writer = await requireWriter(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const body = input.body;
  const hash = normalizedHash(body);
  await refuseWrite(db, writer, communityId, hash, now);
  // The contract's check made the kind's own fields present; the other kind's are dropped.
  const isMatter = input.kind === 'matter';
  const place = isMatter ? (input.place ?? null) : null;
  const category = isMatter ? null : (input.category ?? null);
  const matterCategory = isMatter ? (input.matterCategory ?? null) : null;
  const verdict = await screenText(ctx, {
    communityId,
    userId: writer.userId,
    texts: place ? [body, place] : [body],
  });
  const route = matterCategory ? await matterRoute(db, communityId, matterCategory) : null;
  const uploadIds = input.uploadIds;
  const shown = input.authorShown;
  const row = await db.transaction(async (tx) => {
    await lockWriter(tx, writer.userId);
    await refuseWrite(tx, writer, communityId, hash, now);
    const status = initialStatus(input.kind);
    const [p] = await tx
      .insert(posts)
      .values({
        communityId,
        kind: input.kind,
        category,
        matterCategory,
        place,
        route,
        authorId: writer.userId,
        householdId: writer.householdId,
        authorShown: shown,
        authorLabel: authorLabel(shown, writer),
        body,
        bodyHash: hash,
        status,
        state: verdict.state,
        heldReason: verdict.heldReason,
        createdAt: now,
        activityAt: now,
        statusAt: now,
        updatedAt: now,
      })
      .returning();
    await attachPhotos(tx, writer, communityId, p.id, uploadIds, now);
    const wait = await queueImageChecks(tx, ctx, {
      communityId,
      userId: writer.userId,
      subject: 'post',
      subjectId: p.id,
      uploadIds,
    });
    let result = p;
    if (wait && p.state === 'visible')
      [result] = await tx
        .update(posts)
        .set({ state: 'held', heldReason: 'images_pending' })
        .where(eq(posts.id, p.id))
        .returning();
    await tx.insert(postEvents).values({
      postId: p.id,
      communityId,
      actorId: writer.userId,
      actorRole: 'resident',
      fromStatus: null,
      toStatus: status,
      createdAt: now,
    });
    return result;
  });
  return detailFor(ctx, db, writer, row);
}

export async function getPost(ctx: ServiceContext, communityId: number, postId: number): Promise<PostDetail> {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  return detailFor(ctx, db, reader, await visiblePost(db, reader, communityId, postId));
}

/** The author's own post, locked: someone else's visible post is 403, anything unseen 404. */
export async function ownPost(tx: Tx, reader: Reader, communityId: number, postId: number) {
  const p = await visiblePost(tx, reader, communityId, postId, true);
  if (p.authorId !== reader.userId) throw new AppError('FORBIDDEN', '只有发帖人可以这样做');
  return p;
}

export async function editPost(ctx: ServiceContext, communityId: number, postId: number, body: string) {
  const writer = await requireWriter(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const before = await ownPost(db, writer, communityId, postId);
  if (now >= editableUntil(before.createdAt)) throw new AppError('EDIT_WINDOW_CLOSED');
  await refuseMuted(db, communityId, writer.userId, now);
  const verdict = await screenText(ctx, {
    communityId,
    userId: writer.userId,
    texts: before.place ? [body, before.place] : [body],
  });
  const row = await db.transaction(async (tx) => {
    const p = await ownPost(tx, writer, communityId, postId);
    if (p.state !== 'visible' && p.state !== 'held') throw new AppError('INVALID_STATE');
    // Images still waiting keep the post held; a text verdict of held holds it too.
    const imagesWait = p.heldReason === 'images_pending';
    const held = verdict.state === 'held' ? verdict.heldReason : imagesWait ? 'images_pending' : null;
    const [updated] = await tx
      .update(posts)
      .set({
        body,
        bodyHash: normalizedHash(body),
        editedAt: now,
        updatedAt: now,
        state: held ? 'held' : 'visible',
        heldReason: held,
      })
      .where(eq(posts.id, p.id))
      .returning();
    return updated;
  });
  return detailFor(ctx, db, writer, row);
}

export const AUTHOR_DELETED = '作者删除';

export async function deletePost(ctx: ServiceContext, communityId: number, postId: number) {
  const reader = await requireReader(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    await ownPost(tx, reader, communityId, postId);
    await tx
      .update(posts)
      .set({ state: 'deleted', heldReason: null, stateReason: AUTHOR_DELETED, updatedAt: now })
      .where(eq(posts.id, postId));
  });
  return null;
}
