import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TopicDetail, TopicListItem } from '../../../shared/contracts/topics';
import { finalTopicStages } from '../../../shared/domain/topic-stages';
import type { TopicEventKind, VoteStatus } from '../../../shared/enums';
import {
  topicCosigns,
  topicEvents,
  topicMeetings,
  topicRatings,
  topics,
  topicUpdates,
  topicUploads,
  uploads,
  votes,
} from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { type UploadView, uploadView } from '../../platform/files';
import { excerptOf } from '../board/subjects';
import type { Member, TopicRow } from './access';

/** A topic's page in the mini-program (miniprogram/lib/routes.ts mirrors it). */
export const topicPath = (communityId: number, topicId: number) =>
  `/packages/agora/topic/index?id=${topicId}&communityId=${communityId}`;

export const topicExcerpt = (body: string) => excerptOf(body, 60);

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Average of ratings to one decimal, from integer sums; null before any. */
export const ratingAverage = (sum: number, count: number) => (count > 0 ? Math.round((sum * 10) / count) / 10 : null);

export const isFinal = (t: Pick<TopicRow, 'stage'>) => finalTopicStages.includes(t.stage);

export function baseView(t: TopicRow, viewer: Member, cosigned: boolean) {
  const mine = t.authorId !== null && t.authorId === viewer.userId;
  return {
    id: t.id,
    communityId: t.communityId,
    kind: t.kind,
    title: t.title,
    place: t.place,
    stage: t.stage,
    stageAt: t.stageAt.toISOString(),
    authorLabel: t.authorLabel,
    byCommittee: t.byCommittee,
    mine,
    state: t.state,
    heldReason: mine || viewer.staff ? t.heldReason : null,
    cosignNeeded: t.cosignNeeded,
    cosignCount: t.cosignCount,
    cosignUntil: iso(t.cosignUntil),
    cosignedByMyHousehold: cosigned,
    commentCount: t.commentCount,
    ratingCount: t.ratingCount,
    ratingAverage: ratingAverage(t.ratingSum, t.ratingCount),
    createdAt: t.createdAt.toISOString(),
  };
}

export type VoteSummary = NonNullable<TopicListItem['vote']>;

const voteColumns = {
  id: votes.id,
  topicId: votes.topicId,
  title: votes.title,
  status: votes.status,
  closesAt: votes.closesAt,
  outcome: sql<string | null>`${votes.result}->>'outcome'`,
};
const summary = (v: { id: number; title: string; status: VoteStatus; closesAt: Date; outcome: string | null }) => ({
  id: v.id,
  title: v.title,
  status: v.status,
  closesAt: v.closesAt.toISOString(),
  outcome: v.status === 'closed' ? v.outcome : null,
});

/** The deciding votes of a page of topics, by vote id. */
export async function votesById(db: Tx, voteIds: number[]): Promise<Map<number, VoteSummary>> {
  if (voteIds.length === 0) return new Map();
  const rows = await db.select(voteColumns).from(votes).where(inArray(votes.id, voteIds));
  return new Map(rows.map((v) => [v.id, summary(v)]));
}

/** The topic's own photos (not a meeting's or an update's) of a page of topics. */
export async function topicImages(deps: AppDeps, db: Tx, topicIds: number[]): Promise<Map<number, UploadView[]>> {
  const map = new Map<number, UploadView[]>();
  if (topicIds.length === 0) return map;
  const rows = await db
    .select({ topicId: topicUploads.topicId, u: uploads })
    .from(topicUploads)
    .innerJoin(uploads, eq(uploads.id, topicUploads.uploadId))
    .where(and(inArray(topicUploads.topicId, topicIds), isNull(topicUploads.meetingId), isNull(topicUploads.updateId)))
    .orderBy(asc(topicUploads.topicId), asc(topicUploads.position));
  const now = deps.clock();
  for (const { topicId, u } of rows) map.set(topicId, [...(map.get(topicId) ?? []), uploadView(deps, u, now)]);
  return map;
}

/** Which of these topics the household co-signed. */
export async function cosignedBy(db: Tx, householdId: number | null, topicIds: number[]): Promise<Set<number>> {
  if (householdId === null || topicIds.length === 0) return new Set();
  const rows = await db
    .select({ id: topicCosigns.topicId })
    .from(topicCosigns)
    .where(and(eq(topicCosigns.householdId, householdId), inArray(topicCosigns.topicId, topicIds)));
  return new Set(rows.map((r) => r.id));
}

export async function listItems(deps: AppDeps, db: Tx, rows: TopicRow[], viewer: Member): Promise<TopicListItem[]> {
  const ids = rows.map((t) => t.id);
  const [images, voteMap, cosigned] = await Promise.all([
    topicImages(deps, db, ids),
    votesById(
      db,
      rows.map((t) => t.voteId).filter((v): v is number => v !== null),
    ),
    cosignedBy(db, viewer.householdId, ids),
  ]);
  return rows.map((t) => ({
    ...baseView(t, viewer, cosigned.has(t.id)),
    excerpt: topicExcerpt(t.body),
    images: images.get(t.id) ?? [],
    vote: (t.voteId !== null && voteMap.get(t.voteId)) || null,
  }));
}

/** Who moved a topic, as residents read it (never a name). */
function actorLabel(role: string, actorId: number | null, authorId: number | null): string {
  if (role === 'moderator' || role === 'handler') return '居委会';
  if (role === 'system') return '系统';
  return actorId !== null && actorId === authorId ? '提议人' : '居民';
}

async function attachedImages(deps: AppDeps, db: Tx, topicId: number) {
  const rows = await db
    .select({ meetingId: topicUploads.meetingId, updateId: topicUploads.updateId, u: uploads })
    .from(topicUploads)
    .innerJoin(uploads, eq(uploads.id, topicUploads.uploadId))
    .where(eq(topicUploads.topicId, topicId))
    .orderBy(asc(topicUploads.position));
  const now = deps.clock();
  const meetings = new Map<number, UploadView[]>();
  const updates = new Map<number, UploadView[]>();
  for (const r of rows) {
    const [map, key] = r.meetingId !== null ? [meetings, r.meetingId] : [updates, r.updateId];
    if (key === null) continue;
    map.set(key, [...(map.get(key) ?? []), uploadView(deps, r.u, now)]);
  }
  return { meetings, updates };
}

export async function detailView(deps: AppDeps, db: Tx, t: TopicRow, viewer: Member): Promise<TopicDetail> {
  const [images, attached, allVotes, cosigned, mergedFrom, mergedInto, meetings, updates, events, rating] =
    await Promise.all([
      topicImages(deps, db, [t.id]),
      attachedImages(deps, db, t.id),
      db.select(voteColumns).from(votes).where(eq(votes.topicId, t.id)).orderBy(desc(votes.id)),
      cosignedBy(db, viewer.householdId, [t.id]),
      db
        .select({ id: topics.id, title: topics.title })
        .from(topics)
        .where(and(eq(topics.mergedIntoId, t.id), eq(topics.state, 'visible')))
        .orderBy(asc(topics.id)),
      t.mergedIntoId === null
        ? Promise.resolve([])
        : db.select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, t.mergedIntoId)),
      db.select().from(topicMeetings).where(eq(topicMeetings.topicId, t.id)).orderBy(asc(topicMeetings.id)),
      db.select().from(topicUpdates).where(eq(topicUpdates.topicId, t.id)).orderBy(asc(topicUpdates.id)),
      db.select().from(topicEvents).where(eq(topicEvents.topicId, t.id)).orderBy(asc(topicEvents.id)),
      viewer.householdId === null
        ? Promise.resolve([])
        : db
            .select({ score: topicRatings.score })
            .from(topicRatings)
            .where(and(eq(topicRatings.topicId, t.id), eq(topicRatings.householdId, viewer.householdId))),
    ]);
  const base = baseView(t, viewer, cosigned.has(t.id));
  const current = allVotes.find((v) => v.id === t.voteId) ?? null;
  const resident = !viewer.staff && viewer.householdId !== null;
  const visible = t.state === 'visible';
  const myRating = rating[0]?.score ?? null;
  return {
    ...base,
    body: t.body,
    images: images.get(t.id) ?? [],
    plan: t.plan,
    decision: t.decision,
    mergedInto: mergedInto[0] ?? null,
    mergedFrom,
    vote: current ? summary(current) : null,
    pastVotes: allVotes.filter((v) => v.id !== t.voteId).map(summary),
    resultNoticeId: t.resultNoticeId,
    meetings: meetings.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      place: m.place,
      attendees: m.attendees,
      attendeeCount: m.attendeeCount,
      minutes: m.minutes,
      images: attached.meetings.get(m.id) ?? [],
      createdAt: m.createdAt.toISOString(),
    })),
    updates: updates.map((u) => ({
      id: u.id,
      body: u.body,
      happenedOn: u.happenedOn,
      images: attached.updates.get(u.id) ?? [],
      createdAt: u.createdAt.toISOString(),
    })),
    ratingUntil: iso(t.ratingUntil),
    myRating,
    canCosign:
      resident &&
      visible &&
      t.stage === 'collecting' &&
      !base.cosignedByMyHousehold &&
      t.householdId !== viewer.householdId,
    canComment: resident && visible && !isFinal(t),
    canRate: resident && visible && t.stage === 'rating' && myRating === null,
    timeline: events.map((e) => ({
      kind: e.kind as TopicEventKind,
      fromStage: e.fromStage,
      toStage: e.toStage,
      actorLabel: actorLabel(e.actorRole, e.actorId, t.authorId),
      note: e.note,
      refId: e.refId,
      at: e.at.toISOString(),
    })),
  };
}
