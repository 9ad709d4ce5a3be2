import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ContentSubject } from '../../../shared/enums';
import {
  neighbourCards,
  neighbourMessages,
  postComments,
  posts,
  topicComments,
  topicRatings,
  topics,
} from '../../db/schema';
import type { Tx } from '../../deps';
import type { ContentItem, ContentSubjectDef } from '../../platform/content';

/**
 * Where the review queue reads each kind of item from. Moderation changes an item only
 * through the content registry (lock, setState); what the registry has no verb for — the
 * queue's listing, the one appeal, the report count when a kind has no countReport — is
 * read and written here, one entry per kind (docs/decisions/019-moderation.md). A later
 * kind (a topic, a neighbour card) adds its entry with the same columns.
 */
export interface QueueSource {
  subject: ContentSubject;
  table: PgTable;
  /**
   * Private between two people (a 找邻居 message): moderators see one only once it is reported, or
   * when WeChat's image check left it to a person — never while it merely waits for that check.
   */
  private?: true;
  c: {
    id: PgColumn;
    communityId: PgColumn;
    authorId: PgColumn;
    householdId: PgColumn;
    body: PgColumn;
    state: PgColumn;
    heldReason: PgColumn;
    stateReason: PgColumn;
    reportCount: PgColumn;
    appealText: PgColumn;
    appealedAt: PgColumn;
    appealDecidedAt: PgColumn;
    createdAt: PgColumn;
  };
}

const columnsOf = (
  t: typeof posts | typeof postComments | typeof topics | typeof topicComments | typeof neighbourMessages,
): QueueSource['c'] => ({
  id: t.id,
  communityId: t.communityId,
  authorId: t.authorId,
  householdId: t.householdId,
  body: t.body,
  state: t.state,
  heldReason: t.heldReason,
  stateReason: t.stateReason,
  reportCount: t.reportCount,
  appealText: t.appealText,
  appealedAt: t.appealedAt,
  appealDecidedAt: t.appealDecidedAt,
  createdAt: t.createdAt,
});

export const queueSources: Record<ContentSubject, QueueSource> = {
  post: { subject: 'post', table: posts, c: columnsOf(posts) },
  comment: { subject: 'comment', table: postComments, c: columnsOf(postComments) },
  topic: { subject: 'topic', table: topics, c: columnsOf(topics) },
  topic_comment: { subject: 'topic_comment', table: topicComments, c: columnsOf(topicComments) },
  neighbour_message: {
    subject: 'neighbour_message',
    table: neighbourMessages,
    c: columnsOf(neighbourMessages),
    private: true,
  },
  // A card's text is its introduction (its tags and help lists are shown beside it in the queue).
  neighbour_card: { subject: 'neighbour_card', table: neighbourCards, c: cardColumns() },
  // A rating's text is its comment, and its author the rating household's member.
  topic_rating: {
    subject: 'topic_rating',
    table: topicRatings,
    c: ratingColumns(),
  },
};

function cardColumns(): QueueSource['c'] {
  const t = neighbourCards;
  return {
    id: t.id,
    communityId: t.communityId,
    authorId: t.userId,
    householdId: t.householdId,
    body: t.intro,
    state: t.state,
    heldReason: t.heldReason,
    stateReason: t.stateReason,
    reportCount: t.reportCount,
    appealText: t.appealText,
    appealedAt: t.appealedAt,
    appealDecidedAt: t.appealDecidedAt,
    createdAt: t.createdAt,
  };
}

function ratingColumns(): QueueSource['c'] {
  const t = topicRatings;
  return {
    id: t.id,
    communityId: t.communityId,
    authorId: t.userId,
    householdId: t.householdId,
    body: t.comment,
    state: t.state,
    heldReason: t.heldReason,
    stateReason: t.stateReason,
    reportCount: t.reportCount,
    appealText: t.appealText,
    appealedAt: t.appealedAt,
    appealDecidedAt: t.appealDecidedAt,
    createdAt: t.createdAt,
  };
}

/*
 * Updates below name the columns by their drizzle keys, which every source's table shares
 * (reportCount, appealText, appealedAt, appealDecidedAt).
 */

/** One more report on a locked item: through the kind's own hook when it has one. */
export async function countReport(tx: Tx, def: ContentSubjectDef, item: ContentItem) {
  if (def.countReport) return def.countReport(tx, item);
  const { table, c } = queueSources[def.subject];
  await tx
    .update(table)
    .set({ reportCount: sql`${c.reportCount} + 1` } as never)
    .where(eq(c.id, item.id));
}

export interface AppealFacts {
  text: string | null;
  at: Date | null;
  decidedAt: Date | null;
}

export async function appealOf(tx: Tx, subject: ContentSubject, id: number): Promise<AppealFacts> {
  const { table, c } = queueSources[subject];
  const [row] = await tx
    .select({ text: c.appealText, at: c.appealedAt, decidedAt: c.appealDecidedAt })
    .from(table)
    .where(eq(c.id, id));
  return (row as AppealFacts | undefined) ?? { text: null, at: null, decidedAt: null };
}

/** Writes the appeal (text and time), or its decision time. */
export async function setAppeal(
  tx: Tx,
  subject: ContentSubject,
  id: number,
  change: { text: string; at: Date } | { decidedAt: Date },
) {
  const { table, c } = queueSources[subject];
  const set =
    'text' in change ? { appealText: change.text, appealedAt: change.at } : { appealDecidedAt: change.decidedAt };
  await tx
    .update(table)
    .set(set as never)
    .where(eq(c.id, id));
}
