import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { formatDateTime } from '../../../shared/domain/labels';
import { AppError } from '../../core/errors';
import { boardMutes, postComments, posts, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import type { Writer } from './access';

/**
 * What keeps the board usable (docs/decisions/017-board.md): mutes, per-user limits counted
 * from the rows themselves over a rolling 24 hours (no counter table to drift; the author
 * indexes serve the counts), and the same text twice within 24 hours refused.
 */

const DAY_MS = 24 * 3_600_000;
/** A member approved less than this long ago has the lower limits. */
export const NEW_MEMBER_DAYS = 7;

export const limits = {
  post: { member: 10, newMember: 3 },
  comment: { member: 50, newMember: 20 },
  /** Photos a resident may upload a day (a post takes at most 6). */
  photo: 30,
} as const;

export const isNewMember = (w: Pick<Writer, 'memberSince'>, now: Date) =>
  now.getTime() - w.memberSince.getTime() < NEW_MEMBER_DAYS * DAY_MS;

/** Refuses a muted member, saying until when. */
export async function refuseMuted(db: Tx, communityId: number, userId: number, now: Date) {
  const [mute] = await db
    .select({ until: boardMutes.until })
    .from(boardMutes)
    .where(
      and(
        eq(boardMutes.communityId, communityId),
        eq(boardMutes.userId, userId),
        gt(boardMutes.until, now),
        isNull(boardMutes.liftedAt),
      ),
    )
    .orderBy(desc(boardMutes.until))
    .limit(1);
  if (mute)
    throw new AppError('BOARD_MUTED', `您已被暂停发言，到${formatDateTime(mute.until.toISOString())}后可以再发`, {
      until: mute.until.toISOString(),
    });
}

/** The rolling day's count of the user's posts or comments (any state: a deleted one still counts). */
export async function refuseOverLimit(db: Tx, what: 'post' | 'comment', writer: Writer, now: Date) {
  const since = new Date(now.getTime() - DAY_MS);
  const table = what === 'post' ? posts : postComments;
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(eq(table.authorId, writer.userId), gt(table.createdAt, since)));
  const fresh = isNewMember(writer, now);
  const max = fresh ? limits[what].newMember : limits[what].member;
  if (n >= max) {
    const noun = what === 'post' ? '条留言' : '条评论';
    const who = fresh ? '新加入的居民' : '';
    throw new AppError('RATE_LIMITED', `${who}每天最多发${max}${noun}，明天再来吧`, { limit: max });
  }
}

export async function refuseTooManyPhotos(db: Tx, userId: number, now: Date) {
  const since = new Date(now.getTime() - DAY_MS);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(uploads)
    .where(and(eq(uploads.uploadedBy, userId), gt(uploads.createdAt, since)));
  if (n >= limits.photo)
    throw new AppError('RATE_LIMITED', `每天最多上传${limits.photo}张照片，明天再来吧`, { limit: limits.photo });
}

/**
 * The text as compared for duplicates: Unicode-compatible forms folded (full-width letters,
 * digits), lower case, without spaces and punctuation.
 */
export function normalizedHash(body: string): string {
  const norm = body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return createHash('sha256').update(norm).digest('hex');
}

/** The same text by the same author within 24 hours. */
export async function refuseDuplicate(db: Tx, what: 'post' | 'comment', userId: number, hash: string, now: Date) {
  const since = new Date(now.getTime() - DAY_MS);
  const table = what === 'post' ? posts : postComments;
  const [dup] = await db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.authorId, userId),
        eq(table.bodyHash, hash),
        gt(table.createdAt, since),
        // What the author deleted may be written again.
        ne(table.state, 'deleted'),
      ),
    )
    .limit(1);
  if (dup) throw new AppError('DUPLICATE_CONTENT', what === 'post' ? undefined : '刚才已经发过一样的评论了');
}
