import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { chinaClock, monthDay } from '../../shared/domain/office-hours';
import type { TallyResult } from '../../shared/domain/tally-types';
import { type TopicCommentKind, type TopicStage, voteRuleLabels } from '../../shared/enums';
import type { AppDeps, Tx } from '../deps';
import type { ProcessedFile } from '../platform/files';
import {
  notices,
  topicComments,
  topicCosigns,
  topicEvents,
  topicMeetings,
  topicRatings,
  topics,
  topicUpdates,
  topicUploads,
  uploads,
  voteProxies,
} from './schema';
import {
  closeVote,
  type DemoBallot,
  type DemoHousehold,
  insertBallots,
  insertVote,
  paperSigner,
  publicityBody,
  type SeededVote,
  spread,
  type VoteSpec,
} from './seed-agora-votes';
import type { BoardNeighbour } from './seed-board';

/*
 * The building blocks of the demo 议事厅 (server/db/seed-agora.ts): topics with their timeline
 * lines written as server/features/topics/stages.ts writes them, co-signs, remarks, meetings,
 * progress, ratings (the topic's counts kept equal to its rows), and votes on topics with their
 * ballots, frozen result and 公示.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Co-signs a proposal needs in the demo (small, so a visitor can see a topic reach it). */
export const DEMO_COSIGN_THRESHOLD = 5;

export interface Person extends BoardNeighbour {}

export function nameLabel(p: Person): string {
  return `${p.nickname} · ${p.building}`;
}

/** The China-time calendar day of a moment. */
export function day(at: Date): string {
  return chinaClock(at).date;
}

export interface AgoraSeedInput {
  communityId: number;
  moderatorId: number;
  /** The demo resident first, then the other approved neighbours (seed.ts). */
  people: BoardNeighbour[];
  /** agoraPictures(), processed: the 委托书 photo, a paper ballot, the new lamps. */
  pictures: ProcessedFile[];
}

/* ---------- Topics ---------- */

export interface SeededTopic {
  id: number;
  stage: TopicStage;
}

export async function proposal(
  tx: Tx,
  t: { c: number; by: Person; title: string; body: string; place: string | null; created: Date },
): Promise<SeededTopic> {
  const [row] = await tx
    .insert(topics)
    .values({
      communityId: t.c,
      kind: 'proposal',
      authorId: t.by.userId,
      householdId: t.by.householdId,
      authorShown: 'name',
      authorLabel: nameLabel(t.by),
      title: t.title,
      body: t.body,
      place: t.place,
      stage: 'collecting',
      stageAt: t.created,
      cosignNeeded: DEMO_COSIGN_THRESHOLD,
      cosignUntil: new Date(t.created.getTime() + 30 * DAY),
      createdAt: t.created,
      updatedAt: t.created,
    })
    .returning({ id: topics.id });
  await tx.insert(topicEvents).values({
    topicId: row.id,
    kind: 'stage',
    toStage: 'collecting',
    actorId: t.by.userId,
    actorRole: 'resident',
    at: t.created,
  });
  return { id: row.id, stage: 'collecting' };
}

export async function committeeTopic(
  tx: Tx,
  t: {
    c: number;
    mod: number;
    kind: 'proposal' | 'house_rules';
    title: string;
    body: string;
    plan: string;
    created: Date;
  },
): Promise<SeededTopic> {
  const [row] = await tx
    .insert(topics)
    .values({
      communityId: t.c,
      kind: t.kind,
      authorId: t.mod,
      authorLabel: '居委会',
      byCommittee: true,
      title: t.title,
      body: t.body,
      plan: t.plan,
      stage: 'discussing',
      stageAt: t.created,
      cosignNeeded: 0,
      createdAt: t.created,
      updatedAt: t.created,
    })
    .returning({ id: topics.id });
  await tx.insert(topicEvents).values({
    topicId: row.id,
    kind: 'stage',
    toStage: 'discussing',
    actorId: t.mod,
    actorRole: 'moderator',
    note: t.plan,
    at: t.created,
  });
  return { id: row.id, stage: 'discussing' };
}

/** Co-signs one after another from `first`, `step` apart; the topic's count follows. */
export async function cosign(tx: Tx, topic: SeededTopic, who: Person[], first: Date, step: number) {
  await tx.insert(topicCosigns).values(
    who.map((w, i) => ({
      topicId: topic.id,
      householdId: w.householdId,
      userId: w.userId,
      createdAt: new Date(first.getTime() + i * step),
    })),
  );
  await recount(tx, topic);
}

export async function recount(tx: Tx, topic: SeededTopic) {
  const rows = await tx
    .select({ h: topicCosigns.householdId })
    .from(topicCosigns)
    .where(eq(topicCosigns.topicId, topic.id));
  await tx.update(topics).set({ cosignCount: rows.length }).where(eq(topics.id, topic.id));
}

export async function reachThreshold(tx: Tx, topic: SeededTopic, at: Date) {
  await tx.insert(topicEvents).values({ topicId: topic.id, kind: 'cosign_reached', actorRole: 'system', at });
  await move(tx, topic, 'collecting', 'reviewing', 'system', null, at);
}

/** A stage move with its timeline line, as server/features/topics/stages.ts writes it. */
export async function move(
  tx: Tx,
  topic: SeededTopic,
  from: TopicStage,
  to: TopicStage,
  role: 'moderator' | 'system',
  actorId: number | null,
  at: Date,
  o: { note?: string; refId?: number; set?: Partial<typeof topics.$inferInsert> } = {},
) {
  if (topic.stage !== from) throw new Error(`demo topic ${topic.id}: ${topic.stage}, not ${from}`);
  await tx
    .update(topics)
    .set({ ...o.set, stage: to, stageAt: at, updatedAt: at })
    .where(eq(topics.id, topic.id));
  await tx.insert(topicEvents).values({
    topicId: topic.id,
    kind: 'stage',
    fromStage: from,
    toStage: to,
    actorId,
    actorRole: role,
    note: o.note ?? null,
    refId: o.refId ?? null,
    at,
  });
  topic.stage = to;
}

export async function mergeInto(
  tx: Tx,
  from: SeededTopic,
  into: SeededTopic,
  mod: number,
  at: Date,
  carried: Person[],
) {
  const [target] = await tx.select({ title: topics.title }).from(topics).where(eq(topics.id, into.id));
  const note = `和「${target.title}」是同一件事，合并到一起讨论，您的附议已经一并转过去。`;
  await move(tx, from, 'collecting', 'merged', 'moderator', mod, at, {
    note,
    refId: into.id,
    set: { mergedIntoId: into.id, decision: note },
  });
  await tx
    .insert(topicCosigns)
    .values(carried.map((w) => ({ topicId: into.id, householdId: w.householdId, userId: w.userId, createdAt: at })))
    .onConflictDoNothing();
  await recount(tx, into);
  await tx.insert(topicEvents).values({
    topicId: into.id,
    kind: 'merged_in',
    actorId: mod,
    actorRole: 'moderator',
    refId: from.id,
    note: '合并了「3号楼1单元也想装电梯」',
    at,
  });
}

export interface DemoComment {
  by?: Person;
  official?: boolean;
  kind?: TopicCommentKind;
  body: string;
  at: Date;
  answer?: { body: string; at: Date };
}

export async function comments(tx: Tx, topic: SeededTopic, list: DemoComment[]) {
  const [row] = await tx.select({ c: topics.communityId }).from(topics).where(eq(topics.id, topic.id));
  let count = 0;
  for (const item of list) {
    const [comment] = await tx
      .insert(topicComments)
      .values({
        topicId: topic.id,
        communityId: row.c,
        kind: item.kind ?? 'comment',
        authorId: item.by?.userId ?? null,
        householdId: item.by?.householdId ?? null,
        authorLabel: item.by ? nameLabel(item.by) : '居委会',
        official: item.official ?? false,
        body: item.body,
        createdAt: item.at,
      })
      .returning({ id: topicComments.id });
    count++;
    if (item.answer) {
      await tx.insert(topicComments).values({
        topicId: topic.id,
        communityId: row.c,
        kind: 'comment',
        authorLabel: '居委会',
        official: true,
        answersId: comment.id,
        body: item.answer.body,
        createdAt: item.answer.at,
      });
      count++;
    }
  }
  const [current] = await tx.select({ n: topics.commentCount }).from(topics).where(eq(topics.id, topic.id));
  await tx
    .update(topics)
    .set({ commentCount: current.n + count })
    .where(eq(topics.id, topic.id));
}

export async function meeting(
  tx: Tx,
  topic: SeededTopic,
  mod: number,
  m: {
    heldOn: string;
    place: string;
    attendees: string;
    attendeeCount: number;
    minutes: string;
    createdAt: Date;
  },
) {
  const [row] = await tx
    .insert(topicMeetings)
    .values({ topicId: topic.id, ...m, createdBy: mod })
    .returning({ id: topicMeetings.id });
  await tx.insert(topicEvents).values({
    topicId: topic.id,
    kind: 'meeting',
    actorId: mod,
    actorRole: 'moderator',
    note: `召开线下议事会（${monthDay(m.heldOn)}，${m.attendeeCount}人参加）`,
    refId: row.id,
    at: m.createdAt,
  });
}

export async function progress(
  tx: Tx,
  topic: SeededTopic,
  mod: number,
  list: Array<{ body: string; on: Date; uploadId?: number }>,
) {
  for (const u of list) {
    const [row] = await tx
      .insert(topicUpdates)
      .values({ topicId: topic.id, body: u.body, happenedOn: day(u.on), createdBy: mod, createdAt: u.on })
      .returning({ id: topicUpdates.id });
    if (u.uploadId !== undefined)
      await tx.insert(topicUploads).values({ topicId: topic.id, uploadId: u.uploadId, updateId: row.id, position: 0 });
    await tx.insert(topicEvents).values({
      topicId: topic.id,
      kind: 'update',
      actorId: mod,
      actorRole: 'moderator',
      note: u.body,
      refId: row.id,
      at: u.on,
    });
  }
}

export async function ratings(
  tx: Tx,
  topic: SeededTopic,
  list: Array<{ by: Person; score: number; comment: string | null; at: Date }>,
) {
  const [row] = await tx.select({ c: topics.communityId }).from(topics).where(eq(topics.id, topic.id));
  await tx.insert(topicRatings).values(
    list.map((r) => ({
      topicId: topic.id,
      communityId: row.c,
      householdId: r.by.householdId,
      userId: r.by.userId,
      authorLabel: nameLabel(r.by),
      score: r.score,
      comment: r.comment,
      createdAt: r.at,
    })),
  );
  await tx
    .update(topics)
    .set({ ratingCount: list.length, ratingSum: list.reduce((s, r) => s + r.score, 0) })
    .where(eq(topics.id, topic.id));
}

/* ---------- Votes on topics ---------- */

/**
 * A vote on a topic: opened (the topic moves to 投票中), its ballots, and when the spec says
 * closed, the frozen tally, the 公示 notice and the move to 结果公示.
 */
export async function runVote(
  tx: Tx,
  homes: DemoHousehold[],
  topic: SeededTopic,
  mod: number,
  v: { spec: VoteSpec; ballots: (vote: SeededVote) => DemoBallot[] },
): Promise<{ vote: SeededVote; result: TallyResult | null }> {
  const vote = await insertVote(tx, v.spec, homes);
  await move(tx, topic, 'discussing', 'voting', 'moderator', mod, v.spec.opensAt, {
    note: `开始投票：${v.spec.title}`,
    refId: vote.id,
    set: { voteId: vote.id },
  });
  const list = v.ballots(vote);
  await insertBallots(tx, vote.id, list);
  if (v.spec.status !== 'closed') return { vote, result: null };
  const closedAt = v.spec.closesAt;
  const result = await closeVote(tx, vote, v.spec, list, closedAt);
  const [notice] = await tx
    .insert(notices)
    .values({
      communityId: v.spec.communityId,
      authorId: mod,
      title: `【投票结果公示】${v.spec.title}`,
      body: publicityBody(
        v.spec.title,
        voteRuleLabels[v.spec.rule],
        result,
        v.spec.electorate === 'owner',
        monthDay(day(closedAt)),
      ),
      category: 'publicity',
      isPublic: false,
      status: 'published',
      publishedAt: closedAt,
      createdAt: closedAt,
      updatedAt: closedAt,
    })
    .returning({ id: notices.id });
  await move(tx, topic, 'voting', 'publicized', 'system', null, closedAt, {
    note: `投票结束：${result.outcome === 'passed' ? '通过' : '未通过'}`,
    refId: vote.id,
    set: { resultNoticeId: notice.id },
  });
  return { vote, result };
}

/**
 * Ballots of a household or owners' vote: the demo's app users vote themselves when they take
 * part (for an owners' vote only where they live in the unit they own); every other ballot is a
 * paper ballot the committee recorded (代录), as most are in a community of older residents.
 */
export function householdBallots(
  vote: SeededVote,
  homes: DemoHousehold[],
  people: Person[],
  mod: number,
  o: {
    takePart: (i: number, h: DemoHousehold) => boolean;
    choose: (i: number) => 'yes' | 'no' | 'abstain';
    opensAt: Date;
    days: number;
    paperEvery: number;
    ownersOnly?: boolean;
  },
): DemoBallot[] {
  const byRole = new Map(vote.options.map((x) => [x.motionRole, x.id]));
  const homeById = new Map(homes.map((h) => [h.id, h]));
  const userOf = new Map(people.map((x) => [x.householdId, x.userId]));
  // One owner of several units chooses the same for each (their first unit's choice).
  const firstOfHead = new Map<string, number>();
  for (const [i, e] of vote.electors.entries()) if (!firstOfHead.has(e.headKey)) firstOfHead.set(e.headKey, i);
  const list: DemoBallot[] = [];
  for (const [i, e] of vote.electors.entries()) {
    const h = homeById.get(e.householdId as number) as DemoHousehold;
    if (!o.takePart(i, h)) continue;
    const at = new Date(o.opensAt.getTime() + HOUR + Math.floor((spread(i, 31) * (o.days * DAY - 2 * HOUR)) / 1000));
    const optionId = byRole.get(o.choose(firstOfHead.get(e.headKey) ?? i)) as number;
    const user = userOf.get(h.id);
    if (user !== undefined && (!o.ownersOnly || h.ownerOccupied)) {
      list.push({ electorId: e.id, optionIds: [optionId], channel: 'self', castBy: user, at });
    } else {
      list.push({
        electorId: e.id,
        optionIds: [optionId],
        channel: 'paper',
        castBy: null,
        recordedBy: mod,
        paperSigner: paperSigner(i),
        paperSignedOn: day(at),
        at,
      });
    }
  }
  return list;
}

/**
 * The open vote's ballots so far: six neighbours voted themselves, 吴阿姨's household by her
 * delegate 小郑 (委托, with the signed authorisation's photo), one paper ballot recorded by the
 * committee with its photo. The demo resident has not voted yet.
 */
export async function openVoteBallots(
  tx: Tx,
  vote: SeededVote,
  o: {
    people: Person[];
    mod: number;
    homes: DemoHousehold[];
    authorisationPic: number;
    ballotPic: number;
    at: (hoursAgo: number) => Date;
  },
) {
  const p = o.people;
  const electorOf = (householdId: number) => {
    const e = vote.electors.find((x) => x.householdId === householdId);
    if (!e) throw new Error('demo vote: household not in the electorate');
    return e.id;
  };
  const opt = (i: number) => [vote.options[i].id];
  const [proxy] = await tx
    .insert(voteProxies)
    .values({
      voteId: vote.id,
      electorId: electorOf(p[6].householdId),
      grantorId: p[6].userId,
      delegateId: p[7].userId,
      codeHash: createHash('sha256').update(`demo-proxy-${vote.id}`).digest('hex'),
      uploadId: o.authorisationPic,
      status: 'active',
      createdAt: o.at(40),
      acceptedAt: o.at(36),
    })
    .returning({ id: voteProxies.id });
  const paperHome = o.homes.find(
    (h) => h.buildingSort === 1 && h.unit === '2单元' && h.room === '101',
  ) as DemoHousehold;
  const self = (i: number, option: number, hoursAgo: number): DemoBallot => ({
    electorId: electorOf(p[i].householdId),
    optionIds: opt(option),
    channel: 'self',
    castBy: p[i].userId,
    at: o.at(hoursAgo),
  });
  await insertBallots(tx, vote.id, [
    self(1, 0, 44),
    self(3, 1, 40),
    self(5, 1, 30),
    self(2, 0, 26),
    self(4, 1, 20),
    self(7, 1, 12),
    {
      electorId: electorOf(p[6].householdId),
      optionIds: opt(2),
      channel: 'proxy',
      castBy: p[7].userId,
      proxyId: proxy.id,
      at: o.at(11),
    },
    {
      electorId: electorOf(paperHome.id),
      optionIds: opt(1),
      channel: 'paper',
      castBy: null,
      recordedBy: o.mod,
      paperSigner: '钱桂芳',
      paperSignedOn: day(o.at(30)),
      paperUploadId: o.ballotPic,
      at: o.at(6),
    },
  ]);
}

export function rulesFigures(result: TallyResult | null) {
  if (!result) throw new Error('demo house rules: the vote did not close');
  const yes = result.options.find((x) => x.motionRole === 'yes');
  return {
    rule: result.rule,
    electors: result.electors.count,
    participated: result.participated.count,
    approved: yes?.ballots ?? 0,
  };
}

/** The three pictures as uploads: the 委托书 (by its grantor), the paper ballot and the lamps (by the committee). */
export async function storePictures(deps: AppDeps, tx: Tx, at: AgoraSeedInput): Promise<number[]> {
  const owners = [at.people[6].userId, at.moderatorId, at.moderatorId];
  const names = ['委托书.jpg', '纸质表决票.jpg', '新换的楼道灯.jpg'];
  const ids: number[] = [];
  const now = new Date();
  for (const [i, file] of at.pictures.entries()) {
    const fileKey = await deps.files.store.put(file.file);
    const thumbKey = file.thumb ? await deps.files.store.put(file.thumb) : null;
    const [row] = await tx
      .insert(uploads)
      .values({
        communityId: at.communityId,
        uploadedBy: owners[i],
        kind: file.kind,
        fileKey,
        thumbKey,
        name: names[i],
        byteSize: file.file.length,
        width: file.width,
        height: file.height,
        isPublic: false,
        createdAt: now,
        attachedAt: now,
      })
      .returning({ id: uploads.id });
    ids.push(row.id);
  }
  return ids;
}
