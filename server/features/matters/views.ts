import { and, asc, desc, eq, inArray, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { MatterDetail, MatterItem } from '../../../shared/contracts/matters';
import type { MatterCategory, MatterRoute, PostStatus } from '../../../shared/enums';
import { buildings, households, postComments, postEvents, posts, postUploads, uploads, users } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { imagesOf } from '../board/views';

/** A matter's timeline names the side that acted, never a resident's name. */
const actorLabels: Record<string, string> = {
  moderator: '居委会',
  handler: '物业',
  resident: '报告人',
  system: '系统',
};

const EXCERPT = 60;
const LIST_IMAGES = 3;

/** Matters moderation removed (deleted, rejected at screening) are nobody's work any more. */
export const workable = notInArray(posts.state, ['deleted', 'rejected']);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The reporter's name as they gave it when joining this community (their latest membership). */
const reporterNameEnc = sql<string | null>`(
  select m.real_name_enc from memberships m
  where m.user_id = ${posts.authorId} and m.community_id = ${posts.communityId}
  order by m.id desc limit 1)`;

const columns = {
  p: posts,
  building: buildings.name,
  unit: households.unit,
  room: households.room,
  nameEnc: reporterNameEnc,
  handledByName: users.nickname,
};

function baseQuery(db: Tx) {
  return db
    .select(columns)
    .from(posts)
    .leftJoin(households, eq(households.id, posts.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(users, eq(users.id, posts.handledBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['where']>>[number];

export interface MatterFilter {
  communityId: number;
  status?: PostStatus;
  matterCategory?: MatterCategory;
  route?: MatterRoute;
  /** Handlers: only these routes (in SQL, never after the fact). */
  routes?: readonly MatterRoute[];
  before?: number;
  ids?: number[];
}

export async function matterRows(db: Tx, f: MatterFilter, limit?: number): Promise<Row[]> {
  const where: Array<SQL | undefined> = [
    eq(posts.communityId, f.communityId),
    eq(posts.kind, 'matter'),
    workable,
    f.status ? eq(posts.status, f.status) : undefined,
    f.matterCategory ? eq(posts.matterCategory, f.matterCategory) : undefined,
    f.route ? eq(posts.route, f.route) : undefined,
    f.routes ? inArray(posts.route, [...f.routes]) : undefined,
    f.before ? lt(posts.id, f.before) : undefined,
    f.ids ? inArray(posts.id, f.ids) : undefined,
  ];
  const q = baseQuery(db)
    .where(and(...where))
    .orderBy(desc(posts.id));
  return limit === undefined ? q : q.limit(limit);
}

interface Step {
  fromStatus: PostStatus | null;
  toStatus: PostStatus;
  actorLabel: string;
  actorName: string | null;
  note: string | null;
  at: string;
}

async function stepsOf(db: Tx, ids: number[]): Promise<Map<number, Step[]>> {
  const map = new Map<number, Step[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ e: postEvents, name: users.nickname })
    .from(postEvents)
    .leftJoin(users, eq(users.id, postEvents.actorId))
    .where(inArray(postEvents.postId, ids))
    .orderBy(asc(postEvents.postId), asc(postEvents.id));
  for (const { e, name } of rows) {
    const staff = e.actorRole === 'moderator' || e.actorRole === 'handler';
    map.set(e.postId, [
      ...(map.get(e.postId) ?? []),
      {
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorLabel: actorLabels[e.actorRole] ?? e.actorRole,
        actorName: staff ? name : null,
        note: e.note,
        at: e.createdAt.toISOString(),
      },
    ]);
  }
  return map;
}

function base(deps: AppDeps, r: Row) {
  const p = r.p;
  return {
    id: p.id,
    matterCategory: p.matterCategory as MatterCategory,
    place: p.place ?? '',
    route: p.route as MatterRoute,
    status: p.status as MatterItem['status'],
    reporter: {
      name: r.nameEnc ? deps.cipher.decrypt(r.nameEnc) : null,
      building: r.building,
      unit: r.unit,
      room: r.room,
    },
    plusCount: p.plusCount,
    commentCount: p.commentCount,
    reopenCount: p.reopenCount,
    createdAt: p.createdAt.toISOString(),
    statusAt: p.statusAt.toISOString(),
    firstReplyAt: iso(p.firstReplyAt),
    doneAt: iso(p.doneAt),
    handledBy: r.handledByName,
    rating: p.rating,
  };
}

export async function matterItems(deps: AppDeps, db: Tx, rows: Row[]): Promise<MatterItem[]> {
  const ids = rows.map((r) => r.p.id);
  const [steps, images] = await Promise.all([stepsOf(db, ids), imagesOf(deps, db, ids)]);
  return rows.map((r) => {
    const all = images.get(r.p.id) ?? [];
    const s = steps.get(r.p.id) ?? [];
    const body = [...r.p.body];
    return {
      ...base(deps, r),
      excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT).join('')}…` : r.p.body,
      images: all.slice(0, LIST_IMAGES),
      imageCount: all.length,
      lastStep: s.at(-1) ?? null,
    };
  });
}

export async function matterDetailOf(deps: AppDeps, db: Tx, r: Row): Promise<MatterDetail> {
  const id = r.p.id;
  const [steps, images, replies] = await Promise.all([
    stepsOf(db, [id]),
    imagesOf(deps, db, [id]),
    db
      .select()
      .from(postComments)
      .where(and(eq(postComments.postId, id), eq(postComments.isOfficial, true), eq(postComments.state, 'visible')))
      .orderBy(asc(postComments.id)),
  ]);
  return {
    ...base(deps, r),
    body: r.p.body,
    images: images.get(id) ?? [],
    ratingComment: r.p.ratingComment,
    timeline: steps.get(id) ?? [],
    replies: replies.map((c) => ({
      id: c.id,
      authorLabel: c.authorLabel,
      body: c.body,
      at: c.createdAt.toISOString(),
    })),
  };
}
