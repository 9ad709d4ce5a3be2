import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { MySignup } from '../../../shared/contracts/notices';
import type { mySignupItem } from '../../../shared/contracts/signups';
import { formatDateTime } from '../../../shared/domain/labels';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { communities, memberships, noticeSignups, notices } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';
import { canSee, type Viewer, viewerOf } from '../notices/access';
import { noticePath } from '../notices/announce';
import { buildingIdsOf, type NoticeRow } from '../notices/views';
import { countsOfNotice, positionSql, signupOpen } from './summary';

/**
 * 活动报名 (docs/decisions/015-signups.md): one live sign-up per household; places are
 * counted in people; the waiting list is the waitlisted rows in id order and moves up
 * strictly in that order. Every change to a notice's sign-ups holds the notice row's lock
 * (SELECT … FOR UPDATE), so counting places and taking one is one step.
 */

type SignupRow = typeof noticeSignups.$inferSelect;
type MySignupItem = z.infer<typeof mySignupItem>;

const JOIN_FIRST = '加入本社区后才能报名';
/** The 活动报名 WeChat message's fields (server/wechat/templates.ts). */
const reminder = (n: { title: string; signupDeadline: Date | null }, status: string) =>
  templateData('event_reminder', {
    name: n.title,
    status,
    deadline: n.signupDeadline ? wechatTime(n.signupDeadline) : '',
  });

/** The notice, locked for the rest of the transaction; drafts do not exist for residents. */
async function lockNotice(tx: Tx, communityId: number, noticeId: number): Promise<NoticeRow> {
  const [n] = await tx
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)))
    .for('update');
  if (!n || n.status === 'draft') throw new AppError('NOT_FOUND');
  return n;
}

/** The caller may see the notice, or the refusal getNotice would give (as FORBIDDEN / NOT_FOUND). */
async function requireVisible(tx: Tx, viewer: Viewer, n: NoticeRow) {
  const buildingIds = (await buildingIdsOf(tx, [n.id])).get(n.id) ?? [];
  if (canSee(viewer, n, buildingIds)) return;
  // A possible resident is told how to get in; a member outside the audience and another
  // committee's staff are not (for them the notice does not exist).
  if (viewer.kind === 'outsider' && !viewer.staffElsewhere) throw new AppError('FORBIDDEN', JOIN_FIRST);
  throw new AppError('NOT_FOUND');
}

async function liveSignupOf(tx: Tx, noticeId: number, householdId: number): Promise<SignupRow | undefined> {
  const [row] = await tx
    .select()
    .from(noticeSignups)
    .where(
      and(
        eq(noticeSignups.noticeId, noticeId),
        eq(noticeSignups.householdId, householdId),
        ne(noticeSignups.status, 'cancelled'),
      ),
    );
  return row;
}

const mine = (s: SignupRow, userId: number, position: number | null): MySignup => ({
  id: s.id,
  status: s.status,
  people: s.people,
  position,
  byMe: s.userId === userId,
  createdAt: s.createdAt.toISOString(),
});

/**
 * Moves the waiting list up while its head fits in the places left: strictly in order, so
 * a household needing 3 places is not passed by one needing 1 behind it. Each one moved up
 * is told. The caller holds the notice's lock. Returns the sign-ups moved up.
 */
export async function moveUp(tx: Tx, n: NoticeRow, now: Date): Promise<SignupRow[]> {
  if (n.signupCapacity === null) return [];
  let { taken } = await countsOfNotice(tx, n.id);
  const waiting = await tx
    .select()
    .from(noticeSignups)
    .where(and(eq(noticeSignups.noticeId, n.id), eq(noticeSignups.status, 'waitlisted')))
    .orderBy(asc(noticeSignups.id));
  const fits: SignupRow[] = [];
  for (const w of waiting) {
    if (taken + w.people > n.signupCapacity) break;
    taken += w.people;
    fits.push(w);
  }
  if (fits.length === 0) return [];
  const moved = await tx
    .update(noticeSignups)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(
      inArray(
        noticeSignups.id,
        fits.map((w) => w.id),
      ),
    )
    .returning();
  for (const s of moved) {
    await notifyUser(tx, {
      userId: s.userId,
      communityId: n.communityId,
      kind: 'signup.promoted',
      title: `候补成功，您已报上名：${n.title}`,
      body: `有人取消了报名，您家（${s.people}人）已从候补转为报名成功。请按时参加；如不能参加，请在${formatDateTime(n.signupDeadline?.toISOString())}前取消。`,
      link: noticePath(n.communityId, n.id),
      key: `signup.${s.id}.promoted`,
      wechat: { template: 'event_reminder', data: reminder(n, '候补成功') },
    });
  }
  return moved.sort((a, b) => a.id - b.id);
}

/** The caller's household as a member of the community, or the refusal. */
function householdOf(viewer: Viewer): { userId: number; householdId: number } {
  if (viewer.kind === 'staff') throw new AppError('FORBIDDEN', '只有本社区的居民可以报名');
  if (viewer.kind !== 'member' || viewer.householdId === null) throw new AppError('FORBIDDEN', JOIN_FIRST);
  return { userId: viewer.userId, householdId: viewer.householdId };
}

/**
 * Signs the caller's household up: a place when the places left hold all its people and
 * nobody is waiting (no jumping the queue), else the end of the waiting list.
 */
export async function signUp(ctx: SignedIn, communityId: number, noticeId: number, people: number): Promise<MySignup> {
  const db = ctx.deps.database.db;
  const viewer = await viewerOf(db, ctx.actor, communityId);
  try {
    return await audited(ctx, 'signup.create', async (tx) => {
      const n = await lockNotice(tx, communityId, noticeId);
      await requireVisible(tx, viewer, n);
      const { userId, householdId } = householdOf(viewer);
      const now = ctx.deps.clock();
      if (n.signupCapacity === null || n.signupMaxPeople === null)
        throw new AppError('SIGNUP_CLOSED', '这个活动不需要报名');
      if (!signupOpen(n, now)) throw new AppError('SIGNUP_CLOSED');
      if (people > n.signupMaxPeople)
        throw new AppError('SIGNUP_TOO_MANY_PEOPLE', `这个活动每户最多报名${n.signupMaxPeople}人`);
      if (await liveSignupOf(tx, n.id, householdId)) throw new AppError('SIGNUP_EXISTS');
      // A place freed by a raised capacity goes to those already waiting first.
      await moveUp(tx, n, now);
      const { taken, waiting } = await countsOfNotice(tx, n.id);
      const confirmed = waiting === 0 && taken + people <= n.signupCapacity;
      const [s] = await tx
        .insert(noticeSignups)
        .values({
          noticeId: n.id,
          communityId,
          userId,
          householdId,
          people,
          status: confirmed ? 'confirmed' : 'waitlisted',
          createdAt: now,
          confirmedAt: confirmed ? now : null,
        })
        .returning();
      const position = confirmed ? null : waiting + 1;
      const deadline = formatDateTime(n.signupDeadline?.toISOString());
      await notifyUser(tx, {
        userId,
        communityId,
        kind: confirmed ? 'signup.confirmed' : 'signup.waitlisted',
        title: confirmed ? `报名成功：${n.title}` : `已进入候补第${position}位：${n.title}`,
        body: confirmed
          ? `您家${people}人已报上名。请按时参加；如不能参加，请在${deadline}前取消。`
          : `名额已满，您家（${people}人）排在候补第${position}位。有人取消时按顺序递补，递补成功会通知您。`,
        link: noticePath(communityId, n.id),
        key: `signup.${s.id}.${s.status}`,
        wechat: { template: 'event_reminder', data: reminder(n, confirmed ? '报名成功' : '候补中') },
      });
      return {
        result: mine(s, userId, position),
        audit: {
          communityId,
          targetId: n.id,
          after: { signupId: s.id, householdId, people, status: s.status, position },
        },
      };
    });
  } catch (error) {
    // Two requests of one household raced past the check: the partial unique index let one through.
    if (isUniqueViolation(error)) throw new AppError('SIGNUP_EXISTS');
    throw error;
  }
}

/**
 * Cancels the caller's household's sign-up before the deadline. It is the household's
 * sign-up, so any approved member of the household may cancel it, not only the one who
 * signed up. The freed places go to the head of the waiting list, who is told.
 */
export function cancelMySignup(ctx: SignedIn, communityId: number, noticeId: number): Promise<void> {
  return audited(ctx, 'signup.cancel', async (tx) => {
    const viewer = await viewerOf(tx, ctx.actor, communityId);
    if (viewer.kind !== 'member' || viewer.householdId === null) throw new AppError('NOT_FOUND');
    const n = await lockNotice(tx, communityId, noticeId);
    await requireVisible(tx, viewer, n);
    const s = await liveSignupOf(tx, n.id, viewer.householdId);
    if (!s) throw new AppError('NOT_FOUND', '您家还没有报名这个活动');
    const now = ctx.deps.clock();
    if (!signupOpen(n, now)) throw new AppError('SIGNUP_CLOSED', '报名已截止，不能再取消了');
    await tx.update(noticeSignups).set({ status: 'cancelled', cancelledAt: now }).where(eq(noticeSignups.id, s.id));
    const moved = await moveUp(tx, n, now);
    return {
      result: undefined,
      audit: {
        communityId,
        targetId: n.id,
        before: { signupId: s.id, status: s.status, people: s.people },
        after: { signupId: s.id, status: 'cancelled', movedUp: moved.map((m) => m.id) },
      },
    };
  });
}

export async function hasLiveSignups(tx: Tx, noticeId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: noticeSignups.id })
    .from(noticeSignups)
    .where(and(eq(noticeSignups.noticeId, noticeId), ne(noticeSignups.status, 'cancelled')))
    .limit(1);
  return row !== undefined;
}

/** Tells every household with a live sign-up that the 活动 was withdrawn, and why. */
export async function tellWithdrawn(tx: Tx, n: NoticeRow, reason: string): Promise<void> {
  if (n.signupCapacity === null) return;
  const live = await tx
    .select()
    .from(noticeSignups)
    .where(and(eq(noticeSignups.noticeId, n.id), ne(noticeSignups.status, 'cancelled')));
  for (const s of live)
    await notifyUser(tx, {
      userId: s.userId,
      communityId: n.communityId,
      kind: 'signup.withdrawn',
      title: `活动已取消：${n.title}`,
      body: `居委会撤回了这个活动，原因：${reason}。您家的报名不用再处理。`,
      link: noticePath(n.communityId, n.id),
      key: `signup.${s.id}.withdrawn`,
    });
}

/**
 * The committee cancels a household's sign-up (a resident who phoned in, or cannot come),
 * with a reason the household is told; open or not, and the waiting list moves up while
 * sign-ups are still open.
 */
export function cancelSignupByStaff(
  ctx: SignedIn,
  communityId: number,
  noticeId: number,
  signupId: number,
  reason: string,
): Promise<void> {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  return audited(ctx, 'signup.cancel', async (tx) => {
    const n = await lockNotice(tx, communityId, noticeId);
    const [s] = await tx
      .select()
      .from(noticeSignups)
      .where(and(eq(noticeSignups.id, signupId), eq(noticeSignups.noticeId, n.id)));
    if (!s) throw new AppError('NOT_FOUND');
    if (s.status === 'cancelled') throw new AppError('INVALID_STATE', '这个报名已经取消了');
    const now = ctx.deps.clock();
    await tx.update(noticeSignups).set({ status: 'cancelled', cancelledAt: now }).where(eq(noticeSignups.id, s.id));
    await notifyUser(tx, {
      userId: s.userId,
      communityId,
      kind: 'signup.cancelled',
      title: `居委会取消了您家的报名：${n.title}`,
      body: `原因：${reason}。如有疑问，请联系居委会。`,
      link: noticePath(communityId, n.id),
      key: `signup.${s.id}.cancelled`,
    });
    const moved = signupOpen(n, now) ? await moveUp(tx, n, now) : [];
    return {
      result: undefined,
      audit: {
        communityId,
        targetId: n.id,
        before: { signupId: s.id, status: s.status, people: s.people },
        after: { signupId: s.id, status: 'cancelled', reason, movedUp: moved.map((m) => m.id) },
      },
    };
  });
}

/**
 * 我的报名: the live sign-ups of the households the caller is an approved member of (by
 * whichever member of the household signed up), in every community, newest first.
 */
export async function listMySignups(
  ctx: SignedIn,
  query: { before?: number; limit: number },
): Promise<{ items: MySignupItem[]; nextBefore: number | null }> {
  const db = ctx.deps.database.db;
  const userId = ctx.actor.userId;
  const rows = await db
    .select({
      s: noticeSignups,
      position: positionSql,
      title: notices.title,
      deadline: notices.signupDeadline,
      noticeStatus: notices.status,
      communityName: communities.name,
    })
    .from(noticeSignups)
    .innerJoin(
      memberships,
      and(
        eq(memberships.householdId, noticeSignups.householdId),
        eq(memberships.communityId, noticeSignups.communityId),
        eq(memberships.userId, userId),
        eq(memberships.status, 'approved'),
      ),
    )
    .innerJoin(notices, eq(notices.id, noticeSignups.noticeId))
    .innerJoin(communities, eq(communities.id, noticeSignups.communityId))
    .where(and(ne(noticeSignups.status, 'cancelled'), query.before ? lt(noticeSignups.id, query.before) : undefined))
    .orderBy(desc(noticeSignups.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      ...mine(r.s, userId, r.position === null ? null : Number(r.position)),
      noticeId: r.s.noticeId,
      communityId: r.s.communityId,
      communityName: r.communityName,
      title: r.title,
      deadline: (r.deadline ?? r.s.createdAt).toISOString(),
      withdrawn: r.noticeStatus === 'withdrawn',
    })),
    nextBefore: rows.length > query.limit ? page[page.length - 1].s.id : null,
  };
}

/**
 * An account being deleted: its sign-ups go (they name the person), and while sign-ups are
 * still open the waiting list moves up (into a freed place, or past a head that left). Inside the deletion's
 * transaction; the notices are locked in id order.
 */
export async function eraseSignupsOf(tx: Tx, userId: number, now: Date) {
  const live = await tx
    .select({ noticeId: noticeSignups.noticeId })
    .from(noticeSignups)
    .where(and(eq(noticeSignups.userId, userId), ne(noticeSignups.status, 'cancelled')));
  const noticeIds = [...new Set(live.map((r) => r.noticeId))].sort((a, b) => a - b);
  const locked =
    noticeIds.length === 0
      ? []
      : await tx.select().from(notices).where(inArray(notices.id, noticeIds)).orderBy(asc(notices.id)).for('update');
  await tx.delete(noticeSignups).where(eq(noticeSignups.userId, userId));
  for (const n of locked) if (signupOpen(n, now)) await moveUp(tx, n, now);
}
