import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { topicStageLabels } from '../../../shared/enums';
import { ballots, memberships, topicCosigns, voteElectors, votes } from '../../db/schema';
import type { Tx } from '../../deps';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';
import type { TopicRow } from './access';
import { topicPath } from './views';

/**
 * Messages about a topic's progress (template topic_progress). One key per event, so that a
 * household member told twice by two paths (author and co-signer) gets it once.
 */
export interface Progress {
  /** Stage word for WeChat's phrase field (≤ 5 characters). */
  stage: string;
  title: string;
  body: string;
  /** Unique per event; the message key is topic.<key>. */
  key: string;
}

export async function tellUsers(tx: Tx, userIds: Iterable<number>, t: TopicRow, p: Progress, now: Date) {
  for (const userId of new Set(userIds))
    await notifyUser(tx, {
      userId,
      communityId: t.communityId,
      kind: 'topic.progress',
      title: p.title,
      body: p.body,
      link: topicPath(t.communityId, t.id),
      key: `topic.${p.key}`,
      wechat: {
        template: 'topic_progress',
        data: templateData('topic_progress', { topic: t.title, stage: p.stage, note: p.body, time: wechatTime(now) }),
      },
    });
}

export const stageWord = (t: Pick<TopicRow, 'stage'>) => topicStageLabels[t.stage];

/** The community's moderators (approved). */
export async function moderatorsOf(tx: Tx, communityId: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.communityId, communityId),
        eq(memberships.role, 'moderator'),
        eq(memberships.status, 'approved'),
      ),
    );
  return rows.map((r) => r.userId);
}

/** The approved residents of these households in the community. */
async function membersOf(tx: Tx, communityId: number, householdIds: number[]): Promise<number[]> {
  if (householdIds.length === 0) return [];
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.communityId, communityId),
        eq(memberships.status, 'approved'),
        eq(memberships.role, 'resident'),
        inArray(memberships.householdId, householdIds),
      ),
    );
  return rows.map((r) => r.userId);
}

/** The author and the co-signing households' members (for accept, merge). */
export async function authorAndCosigners(tx: Tx, t: TopicRow): Promise<number[]> {
  const cos = await tx
    .select({ householdId: topicCosigns.householdId })
    .from(topicCosigns)
    .where(eq(topicCosigns.topicId, t.id));
  const users = await membersOf(
    tx,
    t.communityId,
    cos.map((c) => c.householdId),
  );
  return t.authorId !== null ? [t.authorId, ...users] : users;
}

/**
 * Everyone in a household that took part: the author (and their household), co-signers,
 * and households with a ballot in one of the topic's votes.
 */
export async function participants(tx: Tx, t: TopicRow): Promise<number[]> {
  const households = new Set<number>();
  if (t.householdId !== null) households.add(t.householdId);
  const cos = await tx
    .select({ householdId: topicCosigns.householdId })
    .from(topicCosigns)
    .where(eq(topicCosigns.topicId, t.id));
  for (const c of cos) households.add(c.householdId);
  const voted = await tx
    .selectDistinct({ householdId: voteElectors.householdId })
    .from(ballots)
    .innerJoin(voteElectors, eq(voteElectors.id, ballots.electorId))
    .innerJoin(votes, eq(votes.id, ballots.voteId))
    .where(and(eq(votes.topicId, t.id), isNotNull(voteElectors.householdId)));
  for (const v of voted) if (v.householdId !== null) households.add(v.householdId);
  // Resident-electorate votes: the voter's own household.
  const people = await tx
    .selectDistinct({ userId: voteElectors.userId })
    .from(ballots)
    .innerJoin(voteElectors, eq(voteElectors.id, ballots.electorId))
    .innerJoin(votes, eq(votes.id, ballots.voteId))
    .where(and(eq(votes.topicId, t.id), isNotNull(voteElectors.userId)));
  const users = await membersOf(tx, t.communityId, [...households]);
  const extra = people.map((p) => p.userId).filter((u): u is number => u !== null);
  return [...(t.authorId !== null ? [t.authorId] : []), ...users, ...extra];
}
