import { and, count, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { proposeTopic as proposeContract, TopicDetail } from '../../../shared/contracts/topics';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { agoraSettings, households, topicCosigns, topicEvents, topics, topicUploads, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { attachUploads } from '../../platform/files';
import { queueImageChecks, screenText } from '../../platform/screening';
import { normalizedHash, refuseMuted } from '../board/limits';
import { authorLabel } from '../board/views';
import { type BodyOut, type Resident, requireResident, seenTopic } from './access';
import { moderatorsOf, tellUsers } from './notify';
import { applyTopicMove } from './stages';
import { detailView } from './views';

/** 提 and 附议 (docs/decisions/021-agora.md). */

const DAY_MS = 86_400_000;
/** Proposals a household may make in a rolling day. */
export const PROPOSALS_PER_DAY = 3;
/** Serialises one household's proposals so the limit and duplicates are counted exactly. */
const HOUSEHOLD_LOCK = 0x41474f52;

/** Households (not retired) of the community. */
export async function householdCount(db: Tx, communityId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(households)
    .where(and(eq(households.communityId, communityId), isNull(households.retiredAt)));
  return n;
}

export interface AgoraRules {
  cosignThreshold: number | null;
  cosignDays: number;
  ratingDays: number;
  silentMajority: boolean;
  silentMajorityBasis: string | null;
}

export async function rulesOf(db: Tx, communityId: number): Promise<AgoraRules> {
  const [s] = await db.select().from(agoraSettings).where(eq(agoraSettings.communityId, communityId));
  return {
    cosignThreshold: s?.cosignThreshold ?? null,
    cosignDays: s?.cosignDays ?? 30,
    ratingDays: s?.ratingDays ?? 30,
    silentMajority: s?.silentMajority ?? false,
    silentMajorityBasis: s?.silentMajorityBasis ?? null,
  };
}

/** The threshold today: the setting, or one fifth of the households (at least 1). */
export const cosignNeeded = (rules: AgoraRules, households: number) =>
  rules.cosignThreshold ?? Math.max(1, Math.ceil(households / 5));

async function refuseWrite(db: Tx, r: Resident, communityId: number, hash: string, now: Date) {
  await refuseMuted(db, communityId, r.userId, now);
  const since = new Date(now.getTime() - DAY_MS);
  const [{ n }] = await db
    .select({ n: count() })
    .from(topics)
    .where(and(eq(topics.householdId, r.householdId), eq(topics.byCommittee, false), gt(topics.createdAt, since)));
  if (n >= PROPOSALS_PER_DAY)
    throw new AppError('RATE_LIMITED', `每户每天最多提${PROPOSALS_PER_DAY}个议题，明天再来吧`, {
      limit: PROPOSALS_PER_DAY,
    });
  const recent = await db
    .select({ body: topics.body })
    .from(topics)
    .where(and(eq(topics.authorId, r.userId), gt(topics.createdAt, since), ne(topics.state, 'deleted')));
  if (recent.some((t) => normalizedHash(t.body) === hash))
    throw new AppError('DUPLICATE_CONTENT', '刚才已经提过一样的议题了');
}

const BAD_PHOTO = '照片不对，请重新上传';
const badPhoto = () =>
  new AppError('VALIDATION_FAILED', BAD_PHOTO, [{ in: 'body', path: 'uploadIds', message: BAD_PHOTO }]);

/**
 * Takes uploads of the community into a topic (or one of its meetings or updates), in the
 * order given: images only, not yet attached, uploaded by `by` (any staff member of the
 * community when `by` is null).
 */
export async function attachTopicPhotos(
  tx: Tx,
  input: {
    communityId: number;
    topicId: number;
    ids: number[];
    by: number | null;
    now: Date;
    meetingId?: number;
    updateId?: number;
  },
) {
  const { ids, communityId } = input;
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: uploads.id, kind: uploads.kind, by: uploads.uploadedBy, attachedAt: uploads.attachedAt })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.communityId, communityId)))
    .for('update');
  const ok = rows.filter(
    (u) => u.kind === 'image' && u.attachedAt === null && (input.by === null || u.by === input.by),
  );
  if (ok.length !== ids.length) throw badPhoto();
  await attachUploads(tx, { communityId, ids, isPublic: false, now: input.now });
  const [{ n }] = await tx.select({ n: count() }).from(topicUploads).where(eq(topicUploads.topicId, input.topicId));
  await tx.insert(topicUploads).values(
    ids.map((uploadId, i) => ({
      topicId: input.topicId,
      uploadId,
      position: n + i,
      meetingId: input.meetingId ?? null,
      updateId: input.updateId ?? null,
    })),
  );
}

export async function proposeTopic(
  ctx: ServiceContext,
  communityId: number,
  input: BodyOut<typeof proposeContract>,
): Promise<TopicDetail> {
  const r = await requireResident(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const hash = normalizedHash(input.body);
  await refuseWrite(db, r, communityId, hash, now);
  const place = input.place ?? null;
  const verdict = await screenText(ctx, {
    communityId,
    userId: r.userId,
    texts: [input.title, input.body, ...(place ? [place] : [])],
  });
  const rules = await rulesOf(db, communityId);
  const needed = cosignNeeded(rules, await householdCount(db, communityId));
  const row = await audited(ctx, 'topic.propose', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${HOUSEHOLD_LOCK}, ${r.householdId})`);
    await refuseWrite(tx, r, communityId, hash, now);
    const [t] = await tx
      .insert(topics)
      .values({
        communityId,
        kind: 'proposal',
        authorId: r.userId,
        householdId: r.householdId,
        authorShown: input.authorShown,
        authorLabel: authorLabel(input.authorShown, r),
        title: input.title,
        body: input.body,
        place,
        stage: 'collecting',
        stageAt: now,
        state: verdict.state,
        heldReason: verdict.heldReason,
        cosignNeeded: needed,
        cosignUntil: new Date(now.getTime() + rules.cosignDays * DAY_MS),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await attachTopicPhotos(tx, { communityId, topicId: t.id, ids: input.uploadIds, by: r.userId, now });
    const wait = await queueImageChecks(tx, ctx, {
      communityId,
      userId: r.userId,
      subject: 'topic',
      subjectId: t.id,
      uploadIds: input.uploadIds,
    });
    let result = t;
    if (wait && t.state === 'visible')
      [result] = await tx
        .update(topics)
        .set({ state: 'held', heldReason: 'images_pending' })
        .where(eq(topics.id, t.id))
        .returning();
    await tx.insert(topicEvents).values({
      topicId: t.id,
      kind: 'stage',
      fromStage: null,
      toStage: 'collecting',
      actorId: r.userId,
      actorRole: 'resident',
      at: now,
    });
    return {
      result,
      audit: {
        communityId,
        targetId: t.id,
        after: { title: t.title, stage: t.stage, cosignNeeded: needed, uploadIds: input.uploadIds },
      },
    };
  });
  return detailView(ctx.deps, db, row, r);
}

const OWN_HOUSEHOLD = '这是您家提的议题，不能再附议';

export async function cosignTopic(ctx: ServiceContext, communityId: number, topicId: number): Promise<TopicDetail> {
  const r = await requireResident(ctx, communityId);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  const first = await seenTopic(db, r, communityId, topicId);
  if (first.householdId === r.householdId) throw new AppError('FORBIDDEN', OWN_HOUSEHOLD);
  if (first.stage !== 'collecting' || first.state !== 'visible')
    throw new AppError('INVALID_STATE', '这个议题现在不能附议');
  const row = await audited(ctx, 'topic.cosign', async (tx) => {
    const inserted = await tx
      .insert(topicCosigns)
      .values({ topicId, householdId: r.householdId, userId: r.userId, createdAt: now })
      .onConflictDoNothing()
      .returning({ topicId: topicCosigns.topicId });
    if (inserted.length === 0) throw new AppError('ALREADY_COSIGNED');
    // The row lock of this update orders concurrent co-signers: exactly one reaches the threshold.
    const [t] = await tx
      .update(topics)
      .set({ cosignCount: sql`${topics.cosignCount} + 1`, updatedAt: now })
      .where(and(eq(topics.id, topicId), eq(topics.stage, 'collecting'), eq(topics.state, 'visible')))
      .returning();
    if (!t) throw new AppError('INVALID_STATE', '这个议题现在不能附议');
    let result = t;
    if (t.cosignCount === t.cosignNeeded) {
      await tx.insert(topicEvents).values({
        topicId,
        kind: 'cosign_reached',
        actorId: null,
        actorRole: 'system',
        note: `${t.cosignCount}户附议`,
        at: now,
      });
      result = await applyTopicMove(tx, t, 'threshold', 'system', { actorId: null, role: 'system' }, now);
      await tellUsers(
        tx,
        await moderatorsOf(tx, communityId),
        result,
        {
          stage: '待审核',
          title: `议题“${t.title}”附议已满，请审核`,
          body: `${t.cosignCount}户居民附议了这个议题，请在议事厅管理里审核。`,
          key: `review.${t.id}`,
        },
        now,
      );
    }
    return {
      result,
      audit: { communityId, targetId: topicId, after: { householdId: r.householdId, cosignCount: t.cosignCount } },
    };
  });
  return detailView(ctx.deps, db, row, r);
}
