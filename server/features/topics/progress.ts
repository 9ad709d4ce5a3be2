import { inArray } from 'drizzle-orm';
import type {
  MeetingView,
  addMeeting as meetingContract,
  UpdateView,
  addTopicUpdate as updateContract,
} from '../../../shared/contracts/topics';
import type { TopicStage } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { topicEvents, topicMeetings, topicUpdates, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { uploadView } from '../../platform/files';
import { type BodyOut, requireStaff, staffTopic } from './access';
import { participants, tellUsers } from './notify';
import { attachTopicPhotos } from './propose';
import { isFinal, topicExcerpt } from './views';

/** 线下议事会 records and 实施 progress, with the committee's photos (docs/decisions/021-agora.md). */

/** Meetings are recorded from 议事 on, until the topic ends. */
const BEFORE_DISCUSSION: readonly TopicStage[] = ['collecting', 'reviewing'];
const UPDATE_STAGES: readonly TopicStage[] = ['implementing', 'rating'];

async function imagesIn(ctx: ServiceContext, tx: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx.select().from(uploads).where(inArray(uploads.id, ids));
  const byId = new Map(rows.map((u) => [u.id, u]));
  const now = ctx.deps.clock();
  return ids.flatMap((id) => {
    const u = byId.get(id);
    return u ? [uploadView(ctx.deps, u, now)] : [];
  });
}

export async function addMeeting(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: BodyOut<typeof meetingContract>,
): Promise<MeetingView> {
  const actor = await requireStaff(ctx, communityId);
  const now = ctx.deps.clock();
  return audited(ctx, 'topic.meeting', async (tx) => {
    const t = await staffTopic(tx, communityId, topicId, true);
    if (isFinal(t) || BEFORE_DISCUSSION.includes(t.stage))
      throw new AppError('INVALID_STATE', '议题采纳后、结束前才能记录议事会');
    const [m] = await tx
      .insert(topicMeetings)
      .values({
        topicId,
        heldOn: input.heldOn,
        place: input.place ?? null,
        attendees: input.attendees,
        attendeeCount: input.attendeeCount ?? null,
        minutes: input.minutes,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await attachTopicPhotos(tx, { communityId, topicId, ids: input.uploadIds, by: actor.userId, now, meetingId: m.id });
    await tx.insert(topicEvents).values({
      topicId,
      kind: 'meeting',
      actorId: actor.userId,
      actorRole: 'moderator',
      note: `${input.heldOn} 议事会`,
      refId: m.id,
      at: now,
    });
    const view: MeetingView = {
      id: m.id,
      heldOn: m.heldOn,
      place: m.place,
      attendees: m.attendees,
      attendeeCount: m.attendeeCount,
      minutes: m.minutes,
      images: await imagesIn(ctx, tx, input.uploadIds),
      createdAt: m.createdAt.toISOString(),
    };
    return {
      result: view,
      audit: { communityId, targetId: topicId, after: { heldOn: m.heldOn, uploadIds: input.uploadIds } },
    };
  });
}

export async function addTopicUpdate(
  ctx: ServiceContext,
  communityId: number,
  topicId: number,
  input: BodyOut<typeof updateContract>,
): Promise<UpdateView> {
  const actor = await requireStaff(ctx, communityId);
  const now = ctx.deps.clock();
  return audited(ctx, 'topic.update', async (tx) => {
    const t = await staffTopic(tx, communityId, topicId, true);
    if (!UPDATE_STAGES.includes(t.stage)) throw new AppError('INVALID_STATE', '议题实施中才能发布进展');
    const [u] = await tx
      .insert(topicUpdates)
      .values({ topicId, body: input.body, happenedOn: input.happenedOn, createdBy: actor.userId, createdAt: now })
      .returning();
    await attachTopicPhotos(tx, { communityId, topicId, ids: input.uploadIds, by: actor.userId, now, updateId: u.id });
    await tx.insert(topicEvents).values({
      topicId,
      kind: 'update',
      actorId: actor.userId,
      actorRole: 'moderator',
      note: topicExcerpt(input.body),
      refId: u.id,
      at: now,
    });
    await tellUsers(
      tx,
      await participants(tx, t),
      t,
      {
        stage: '实施中',
        title: `议题“${t.title}”有新进展`,
        body: topicExcerpt(input.body),
        key: `update.${u.id}`,
      },
      now,
    );
    const view: UpdateView = {
      id: u.id,
      body: u.body,
      happenedOn: u.happenedOn,
      images: await imagesIn(ctx, tx, input.uploadIds),
      createdAt: u.createdAt.toISOString(),
    };
    return {
      result: view,
      audit: { communityId, targetId: topicId, after: { happenedOn: u.happenedOn, uploadIds: input.uploadIds } },
    };
  });
}
