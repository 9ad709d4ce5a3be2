import { and, desc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { NOTICE_MAX_IMAGES, NOTICE_MAX_PDFS, type NoticeInput } from '../../../shared/contracts/notices';
import type { NoticeStatus } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, noticeBuildings, notices, noticeUploads, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { attachUploads } from '../../platform/files';
import { requireCommunity } from '../committees/queries';
import { hasLiveSignups, moveUp, tellWithdrawn } from '../signups/service';
import { signupOpen } from '../signups/summary';
import { announce } from './announce';
import { adminViews, type NoticeRow } from './views';

/** The facts of a notice the audit log keeps (each edit's before and after: its versions). */
function facts(n: NoticeRow, buildingIds: number[], uploadIds: number[]) {
  return {
    title: n.title,
    body: n.body,
    category: n.category,
    isPublic: n.isPublic,
    audience: n.audience,
    buildingIds,
    pinnedUntil: n.pinnedUntil?.toISOString() ?? null,
    expiresAt: n.expiresAt?.toISOString() ?? null,
    signup:
      n.signupCapacity === null
        ? null
        : { capacity: n.signupCapacity, deadline: n.signupDeadline?.toISOString(), maxPeople: n.signupMaxPeople },
    uploadIds,
    version: n.version,
  };
}

async function requireNotice(tx: Tx, communityId: number, noticeId: number): Promise<NoticeRow> {
  const [n] = await tx
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)))
    .for('update');
  if (!n) throw new AppError('NOT_FOUND');
  return n;
}

const invalid = (message: string, path: string) =>
  new AppError('VALIDATION_FAILED', message, [{ in: 'body', path, message }]);

/** Audience buildings and attachments: the community's own, within the limits. */
async function setParts(ctx: SignedIn, tx: Tx, n: NoticeRow, input: NoticeInput) {
  const buildingIds = input.audience === 'buildings' ? [...new Set(input.buildingIds)] : [];
  if (buildingIds.length > 0) {
    const found = await tx
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.communityId, n.communityId), inArray(buildings.id, buildingIds)));
    if (found.length !== buildingIds.length) throw invalid('选的楼栋不在本社区，请刷新后再选', 'buildingIds');
  }
  await tx.delete(noticeBuildings).where(eq(noticeBuildings.noticeId, n.id));
  if (buildingIds.length > 0)
    await tx.insert(noticeBuildings).values(buildingIds.map((buildingId) => ({ noticeId: n.id, buildingId })));

  const rows = await attachUploads(tx, {
    communityId: n.communityId,
    ids: input.uploadIds,
    isPublic: n.isPublic,
    now: ctx.deps.clock(),
  });
  if (rows.length !== input.uploadIds.length) throw invalid('有附件找不到了，请重新上传', 'uploadIds');
  if (rows.filter((r) => r.kind === 'image').length > NOTICE_MAX_IMAGES)
    throw invalid(`图片最多${NOTICE_MAX_IMAGES}张`, 'uploadIds');
  if (rows.filter((r) => r.kind === 'pdf').length > NOTICE_MAX_PDFS)
    throw invalid(`PDF 附件最多${NOTICE_MAX_PDFS}个`, 'uploadIds');
  const dropped = (
    await tx.delete(noticeUploads).where(eq(noticeUploads.noticeId, n.id)).returning({ id: noticeUploads.uploadId })
  )
    .map((r) => r.id)
    .filter((id) => !input.uploadIds.includes(id));
  // A file taken off the notice is an orphan again (the job removes it), unless another notice has it.
  if (dropped.length > 0)
    await tx
      .update(uploads)
      .set({ attachedAt: null })
      .where(
        and(
          inArray(uploads.id, dropped),
          notExists(tx.select({ one: sql`1` }).from(noticeUploads).where(eq(noticeUploads.uploadId, uploads.id))),
        ),
      );
  if (input.uploadIds.length > 0)
    await tx
      .insert(noticeUploads)
      .values(input.uploadIds.map((uploadId, position) => ({ noticeId: n.id, uploadId, position })));
  return { buildingIds: buildingIds.sort((a, b) => a - b), uploadIds: input.uploadIds };
}

const columnsOf = (input: NoticeInput) => ({
  title: input.title,
  body: input.body,
  category: input.category,
  isPublic: input.isPublic,
  audience: input.audience,
  pinnedUntil: input.pinnedUntil ? new Date(input.pinnedUntil) : null,
  expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
  signupCapacity: input.signup?.capacity ?? null,
  signupDeadline: input.signup ? new Date(input.signup.deadline) : null,
  signupMaxPeople: input.signup?.maxPeople ?? null,
});

export function createNotice(ctx: SignedIn, communityId: number, input: NoticeInput) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  return audited(ctx, 'notice.create', async (tx) => {
    await requireCommunity(tx, communityId);
    const now = ctx.deps.clock();
    const [n] = await tx
      .insert(notices)
      .values({
        communityId,
        authorId: ctx.actor.operator ? null : ctx.actor.userId,
        ...columnsOf(input),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const parts = await setParts(ctx, tx, n, input);
    const [view] = await adminViews(ctx.deps, tx, [n]);
    return {
      result: view,
      audit: { communityId, targetId: n.id, after: facts(n, parts.buildingIds, parts.uploadIds) },
    };
  });
}

export function updateNotice(ctx: SignedIn, communityId: number, noticeId: number, input: NoticeInput) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  return audited(ctx, 'notice.update', async (tx) => {
    const before = await requireNotice(tx, communityId, noticeId);
    if (before.status === 'withdrawn') throw new AppError('INVALID_STATE', '已撤回的通知不能再修改，可以复制成新通知');
    // Households have signed up: the sign-ups cannot be taken away by an edit (withdraw it instead).
    if (input.signup === null && before.signupCapacity !== null && (await hasLiveSignups(tx, noticeId)))
      throw new AppError('INVALID_STATE', '已经有居民报名了，不能去掉报名；如果活动取消了，请撤回这条通知');
    const [beforeParts] = await Promise.all([partsOf(tx, noticeId)]);
    const now = ctx.deps.clock();
    const published = before.status === 'published';
    const [n] = await tx
      .update(notices)
      .set({
        ...columnsOf(input),
        updatedAt: now,
        ...(published ? { editedAt: now, version: before.version + 1 } : {}),
      })
      .where(eq(notices.id, noticeId))
      .returning();
    const parts = await setParts(ctx, tx, n, input);
    // More places: the waiting list moves up (and is told) at once.
    if (signupOpen(n, now)) await moveUp(tx, n, now);
    const [view] = await adminViews(ctx.deps, tx, [n]);
    return {
      result: view,
      audit: {
        communityId,
        targetId: noticeId,
        before: facts(before, beforeParts.buildingIds, beforeParts.uploadIds),
        after: facts(n, parts.buildingIds, parts.uploadIds),
      },
    };
  });
}

async function partsOf(tx: Tx, noticeId: number) {
  const [b, u] = await Promise.all([
    tx.select().from(noticeBuildings).where(eq(noticeBuildings.noticeId, noticeId)),
    tx.select().from(noticeUploads).where(eq(noticeUploads.noticeId, noticeId)),
  ]);
  return {
    buildingIds: b.map((r) => r.buildingId).sort((x, y) => x - y),
    uploadIds: u.sort((x, y) => x.position - y.position).map((r) => r.uploadId),
  };
}

/**
 * Publishes a draft now, or sets it to go out at `at` (定时发布: it stays a draft with
 * publishAt, and the scheduled-notices job publishes it through publishDue).
 */
export function publishNotice(ctx: SignedIn, communityId: number, noticeId: number, at: string | null = null) {
  const when = at ? new Date(at) : null;
  if (when && when > ctx.deps.clock())
    return moveNotice(ctx, communityId, noticeId, {
      action: 'notice.schedule',
      from: 'draft',
      refusal: '只有草稿可以定时发布',
      set: () => ({ status: 'draft', publishAt: when }),
      audit: { publishAt: when.toISOString() },
    });
  return moveNotice(ctx, communityId, noticeId, {
    action: 'notice.publish',
    from: 'draft',
    refusal: '只有草稿可以发布',
    set: (now) => ({ status: 'published', publishedAt: now, publishAt: null }),
    // An urgent notice tells its audience (in the same transaction: one outbox row).
    after: (tx, n) => announce(tx, n, ctx.requestId),
  });
}

export function unscheduleNotice(ctx: SignedIn, communityId: number, noticeId: number) {
  return moveNotice(ctx, communityId, noticeId, {
    action: 'notice.unschedule',
    from: 'draft',
    refusal: '这条通知没有定时发布',
    when: (n) => n.publishAt !== null,
    set: () => ({ status: 'draft', publishAt: null }),
  });
}

export function withdrawNotice(ctx: SignedIn, communityId: number, noticeId: number, reason: string) {
  return moveNotice(ctx, communityId, noticeId, {
    action: 'notice.withdraw',
    from: 'published',
    refusal: '只有已发布的通知可以撤回',
    set: () => ({ status: 'withdrawn', withdrawReason: reason }),
    audit: { reason },
    // Households signed up to an 活动 are told it is off (their sign-ups stay, for the record).
    after: (tx, n) => tellWithdrawn(tx, n, reason),
  });
}

/** A schedule, for the audit row, only when there is one. */
const scheduleOf = (n: NoticeRow) => (n.publishAt ? { publishAt: n.publishAt.toISOString() } : {});

/** One step of a notice's life (draft → published → withdrawn), audited, from the one state it may follow. */
function moveNotice(
  ctx: SignedIn,
  communityId: number,
  noticeId: number,
  step: {
    action: 'notice.publish' | 'notice.withdraw' | 'notice.schedule' | 'notice.unschedule';
    from: NoticeStatus;
    refusal: string;
    /** A further condition on the row besides its status. */
    when?: (n: NoticeRow) => boolean;
    set: (now: Date) => Partial<typeof notices.$inferInsert> & { status: NoticeStatus };
    audit?: Record<string, unknown>;
    /** More work in the step's transaction, with the row as it now is. */
    after?: (tx: Tx, n: NoticeRow) => Promise<void>;
  },
) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  return audited(ctx, step.action, async (tx) => {
    const before = await requireNotice(tx, communityId, noticeId);
    if (before.status !== step.from || (step.when && !step.when(before)))
      throw new AppError('INVALID_STATE', step.refusal);
    const now = ctx.deps.clock();
    const [n] = await tx
      .update(notices)
      .set({ ...step.set(now), updatedAt: now })
      .where(eq(notices.id, noticeId))
      .returning();
    await step.after?.(tx, n);
    const [view] = await adminViews(ctx.deps, tx, [n]);
    return {
      result: view,
      audit: {
        communityId,
        targetId: noticeId,
        before: { status: before.status, ...scheduleOf(before) },
        after: { status: n.status, ...scheduleOf(n), ...step.audit },
      },
    };
  });
}

/** One notice of the community, in any state. */
export async function getForCommittee(ctx: SignedIn, communityId: number, noticeId: number) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const db = ctx.deps.database.db;
  const [n] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)));
  if (!n) throw new AppError('NOT_FOUND');
  const [view] = await adminViews(ctx.deps, db, [n]);
  return view;
}

/** Every notice of the community, newest first, paged by id. */
export async function listForCommittee(
  ctx: SignedIn,
  communityId: number,
  query: { status?: NoticeStatus; beforeId?: number; limit: number },
) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const rows = await db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.communityId, communityId),
        query.status ? eq(notices.status, query.status) : undefined,
        query.beforeId ? lt(notices.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(notices.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await adminViews(ctx.deps, db, page),
    nextBeforeId: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
