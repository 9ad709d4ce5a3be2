import { and, eq } from 'drizzle-orm';
import type { MatterDetail } from '../../../shared/contracts/matters';
import { checkMatterStep, otherRoute, reassignableStatuses } from '../../../shared/domain/matter-transitions';
import type { MatterCategory, MatterRoute } from '../../../shared/enums';
import { matterRouteLabels } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import { type Actor, can } from '../../auth/policy';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { postEvents, posts } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { tellProgress } from './messages';
import { matterDetailOf, matterItems, matterRows, workable } from './views';

/** The committee's staff (and platform admins) work every matter; anyone else here is the property handler. */
const sideOf = (actor: Actor, communityId: number) =>
  can(actor, 'moderate:board', { communityId }) ? ('moderator' as const) : ('handler' as const);

/** Handlers see only what is routed to 物业; the filter is part of the query. */
const routesFor = (actor: Actor, communityId: number): readonly MatterRoute[] | undefined =>
  sideOf(actor, communityId) === 'moderator' ? undefined : ['property'];

export async function listMatters(
  ctx: SignedIn,
  communityId: number,
  q: {
    status?: MatterDetail['status'];
    matterCategory?: MatterCategory;
    route?: MatterRoute;
    before?: number;
    limit: number;
  },
) {
  requireAllowed(ctx.actor, 'handle:matters', { communityId });
  const db = ctx.deps.database.db;
  const rows = await matterRows(db, { communityId, ...q, routes: routesFor(ctx.actor, communityId) }, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: await matterItems(ctx.deps, db, page),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.p.id ?? null) : null,
  };
}

/** One matter the caller may work: a foreign community's, or a committee one to a handler, is a 404. */
async function requireMatter(ctx: SignedIn, db: Tx, communityId: number, postId: number) {
  const [row] = await matterRows(db, { communityId, ids: [postId] });
  if (!row) throw new AppError('NOT_FOUND');
  requireAllowed(ctx.actor, 'handle:matters', { communityId, matterRoute: row.p.route as MatterRoute });
  return row;
}

export async function getMatter(ctx: SignedIn, communityId: number, postId: number) {
  const db = ctx.deps.database.db;
  return matterDetailOf(ctx.deps, db, await requireMatter(ctx, db, communityId, postId));
}

const stepMessages = {
  invalid_state: '这件事的状态已经变了，请刷新后再看',
  forbidden: '只有报告的居民可以确认或重新打开',
} as const;

/**
 * 开始处理 / 标记办结: the step is looked up in the transitions table, then made by a
 * compare-and-set on the status (and route), with the timeline row, the audit row and the
 * reporter's message in the same transaction. The first staff step is the first reply.
 */
export async function moveMatter(
  ctx: SignedIn,
  communityId: number,
  postId: number,
  input: { to: 'in_progress' | 'done'; note?: string },
) {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  const note = input.note ?? null;
  await audited(ctx, input.to === 'done' ? 'matter.finish' : 'matter.start', async (tx) => {
    const m = (await requireMatter(ctx, tx, communityId, postId)).p;
    const side = sideOf(actor, communityId);
    const step = checkMatterStep(m.status, input.to, side);
    if (!step.ok)
      throw new AppError(step.refusal === 'forbidden' ? 'FORBIDDEN' : 'INVALID_STATE', stepMessages[step.refusal]);
    const now = deps.clock();
    const [row] = await tx
      .update(posts)
      .set({
        status: input.to,
        statusAt: now,
        handledBy: actor.userId,
        firstReplyAt: m.firstReplyAt ?? now,
        ...(input.to === 'done' ? { doneAt: now } : {}),
        closeWarnedAt: null,
        updatedAt: now,
      })
      .where(and(eq(posts.id, postId), eq(posts.status, m.status), eq(posts.route, m.route as MatterRoute), workable))
      .returning({ id: posts.id });
    // Someone else moved or handed it on first.
    if (!row) throw new AppError('INVALID_STATE', stepMessages.invalid_state);
    await tx.insert(postEvents).values({
      postId,
      communityId,
      actorId: actor.userId,
      actorRole: side,
      fromStatus: m.status,
      toStatus: input.to,
      note,
      createdAt: now,
    });
    if (m.authorId)
      await tellProgress(tx, {
        postId,
        communityId,
        authorId: m.authorId,
        matterCategory: m.matterCategory as MatterCategory,
        place: m.place ?? '',
        status: input.to,
        route: m.route as MatterRoute,
        note,
        at: now,
      });
    return {
      result: null,
      audit: { communityId, targetId: postId, before: { status: m.status }, after: { status: input.to, note } },
    };
  });
  return getMatter(ctx, communityId, postId);
}

/** 转给物业 / 转给居委: a moderator hands an open matter to the other side, with a note. */
export async function reassignMatter(
  ctx: SignedIn,
  communityId: number,
  postId: number,
  input: { route: MatterRoute; note: string },
) {
  const { deps, actor } = ctx;
  await audited(ctx, 'matter.reassign', async (tx) => {
    const m = (await requireMatter(ctx, tx, communityId, postId)).p;
    requireAllowed(actor, 'moderate:board', { communityId });
    const from = m.route as MatterRoute;
    if (!reassignableStatuses.includes(m.status as never) || input.route !== otherRoute(from))
      throw new AppError('INVALID_STATE', '这件事现在不能转交，请刷新后再看');
    const now = deps.clock();
    const [row] = await tx
      .update(posts)
      .set({ route: input.route, updatedAt: now })
      .where(and(eq(posts.id, postId), eq(posts.status, m.status), eq(posts.route, from), workable))
      .returning({ id: posts.id });
    if (!row) throw new AppError('INVALID_STATE', stepMessages.invalid_state);
    const note = `转给${matterRouteLabels[input.route]}：${input.note}`;
    await tx.insert(postEvents).values({
      postId,
      communityId,
      actorId: actor.userId,
      actorRole: 'moderator',
      fromStatus: m.status,
      toStatus: m.status,
      note,
      createdAt: now,
    });
    if (m.authorId)
      await tellProgress(tx, {
        postId,
        communityId,
        authorId: m.authorId,
        matterCategory: m.matterCategory as MatterCategory,
        place: m.place ?? '',
        status: null,
        route: input.route,
        note: input.note,
        at: now,
      });
    return {
      result: null,
      audit: {
        communityId,
        targetId: postId,
        before: { route: from },
        after: { route: input.route, note: input.note },
      },
    };
  });
  return getMatter(ctx, communityId, postId);
}
