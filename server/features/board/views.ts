import { asc, eq, sql } from 'drizzle-orm';
import type { CommentView, PostDetail } from '../../../shared/contracts/board';
import { EDIT_WINDOW_MINUTES } from '../../../shared/contracts/board';
import type { AuthorShownAs } from '../../../shared/enums';
import { hotSelect } from '../../db/prepared';
import { type postComments, postEvents, type posts, postUploads, uploads } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { type UploadView, uploadView } from '../../platform/files';

export type PostRow = typeof posts.$inferSelect;
export type CommentRow = typeof postComments.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What neighbours see as the author, fixed when written (never the user id; the room only if chosen). */
export function authorLabel(
  shown: AuthorShownAs,
  who: { nickname: string | null; buildingName: string; room: string },
): string {
  const nick = who.nickname?.trim() || '邻居';
  const room = who.room.endsWith('室') ? who.room : `${who.room}室`;
  switch (shown) {
    case 'anonymous':
      return '匿名邻居';
    case 'building':
      return `${who.buildingName}的邻居`;
    case 'room':
      return `${nick} · ${who.buildingName} ${room}`;
    default:
      return `${nick} · ${who.buildingName}`;
  }
}

/** The label of an account that no longer exists. */
export const DELETED_AUTHOR = '已注销的居民';

/** The author may edit within the window after posting. */
export const editableUntil = (createdAt: Date) => new Date(createdAt.getTime() + EDIT_WINDOW_MINUTES * 60_000);

/** Fields both the list and the detail carry, seen by `userId`. */
export type BaseFields = Pick<
  PostRow,
  | 'id'
  | 'communityId'
  | 'kind'
  | 'category'
  | 'matterCategory'
  | 'place'
  | 'route'
  | 'authorLabel'
  | 'authorId'
  | 'status'
  | 'state'
  | 'heldReason'
  | 'stateReason'
  | 'createdAt'
  | 'editedAt'
  | 'activityAt'
  | 'commentCount'
  | 'plusCount'
  | 'officialCount'
  | 'rating'
>;

export function baseView(p: BaseFields, userId: number, plusByMyHousehold: boolean) {
  const mine = p.authorId !== null && p.authorId === userId;
  return {
    id: p.id,
    communityId: p.communityId,
    kind: p.kind,
    category: p.category,
    matterCategory: p.matterCategory,
    place: p.place,
    route: p.route,
    authorLabel: p.authorLabel,
    mine,
    status: p.status,
    state: p.state,
    heldReason: mine ? p.heldReason : null,
    stateReason: mine ? p.stateReason : null,
    createdAt: p.createdAt.toISOString(),
    editedAt: iso(p.editedAt),
    activityAt: p.activityAt.toISOString(),
    commentCount: p.commentCount,
    plusCount: p.plusCount,
    plusByMyHousehold,
    hasOfficialReply: p.officialCount > 0,
    rating: p.rating,
  };
}

/**
 * The photos of a page of posts, in order: one statement whatever the page size (the ids go as
 * one array), so it is prepared once and never built again (server/db/prepared.ts).
 */
const photosOf = hotSelect(
  'board_photos',
  {
    postId: postUploads.postId,
    id: uploads.id,
    communityId: uploads.communityId,
    uploadedBy: uploads.uploadedBy,
    kind: uploads.kind,
    fileKey: uploads.fileKey,
    thumbKey: uploads.thumbKey,
    name: uploads.name,
    byteSize: uploads.byteSize,
    width: uploads.width,
    height: uploads.height,
    isPublic: uploads.isPublic,
    createdAt: uploads.createdAt,
    attachedAt: uploads.attachedAt,
  },
  (db, fields) =>
    db
      .select(fields)
      .from(postUploads)
      .innerJoin(uploads, eq(uploads.id, postUploads.uploadId))
      .where(sql`${postUploads.postId} = any(${sql.placeholder('ids')}::int[])`)
      .orderBy(asc(postUploads.postId), asc(postUploads.position)),
);

/** Photos of posts (a board page, a 小事快办 list) in their order, signed for members. */
export async function imagesOf(deps: AppDeps, db: Tx, postIds: number[]): Promise<Map<number, UploadView[]>> {
  const map = new Map<number, UploadView[]>();
  if (postIds.length === 0) return map;
  const rows = await photosOf.execute(db, { ids: postIds });
  const now = deps.clock();
  for (const { postId, ...u } of rows) map.set(postId, [...(map.get(postId) ?? []), uploadView(deps, u, now)]);
  return map;
}

/** Who moved a post, as residents may read it (never a name). */
const actorLabels = { moderator: '居委会', handler: '物业', resident: '发帖人', system: '系统' } as const;

export async function timelineOf(db: Tx, postId: number) {
  const rows = await db.select().from(postEvents).where(eq(postEvents.postId, postId)).orderBy(asc(postEvents.id));
  return rows.map((e) => ({
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorLabel: actorLabels[e.actorRole],
    note: e.note,
    at: e.createdAt.toISOString(),
  }));
}

export async function detailView(
  deps: AppDeps,
  db: Tx,
  p: PostRow,
  viewer: { userId: number; plusByMyHousehold: boolean },
): Promise<PostDetail> {
  const base = baseView(p, viewer.userId, viewer.plusByMyHousehold);
  const now = deps.clock();
  const [images, timeline] = await Promise.all([imagesOf(deps, db, [p.id]), timelineOf(db, p.id)]);
  return {
    ...base,
    body: p.body,
    images: images.get(p.id) ?? [],
    canEdit: base.mine && now < editableUntil(p.createdAt) && (p.state === 'visible' || p.state === 'held'),
    canAppeal: base.mine && p.state === 'hidden' && p.appealedAt === null,
    ratingComment: p.ratingComment,
    timeline,
  };
}

export function commentView(c: CommentRow, userId: number): CommentView {
  const mine = c.authorId !== null && c.authorId === userId;
  return {
    id: c.id,
    postId: c.postId,
    authorLabel: c.authorLabel,
    mine,
    isOfficial: c.isOfficial,
    body: c.body,
    state: c.state,
    heldReason: mine ? c.heldReason : null,
    stateReason: mine ? c.stateReason : null,
    canAppeal: mine && c.state === 'hidden' && c.appealedAt === null,
    createdAt: c.createdAt.toISOString(),
  };
}
