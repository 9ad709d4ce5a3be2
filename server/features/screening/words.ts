import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ScreeningWordView } from '../../../shared/contracts/screening';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { screeningWords } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { normalizeForScreening } from '../../platform/screening/normalize';

/**
 * The screening word lists (docs/decisions/018-screening.md): the platform's (community null,
 * admins) and each community's (its moderators). Words are added and removed, never edited:
 * the matcher cache relies on it (server/platform/screening/matcher.ts).
 */

type Skip = { word: string; reason: 'duplicate' | 'platform' | 'empty' };

const listOf = (communityId: number | null) =>
  communityId === null ? isNull(screeningWords.communityId) : eq(screeningWords.communityId, communityId);

const view = (r: { id: number; word: string; createdAt: Date }): ScreeningWordView => ({
  id: r.id,
  word: r.word,
  createdAt: r.createdAt.toISOString(),
});

async function wordsOf(tx: Tx, communityId: number | null): Promise<ScreeningWordView[]> {
  const rows = await tx
    .select({ id: screeningWords.id, word: screeningWords.word, createdAt: screeningWords.createdAt })
    .from(screeningWords)
    .where(listOf(communityId))
    .orderBy(asc(screeningWords.normalized), asc(screeningWords.id));
  return rows.map(view);
}

/** A community's list, and the platform's that applies to it too (read-only for moderators). */
export async function listCommunityWords(ctx: SignedIn, communityId: number) {
  requireAllowed(ctx.actor, 'manage:screening-words', { communityId });
  const db = ctx.deps.database.db;
  const [community, platform] = await Promise.all([wordsOf(db, communityId), wordsOf(db, null)]);
  return { community, platform };
}

export async function listPlatformWords(ctx: SignedIn) {
  requireAllowed(ctx.actor, 'manage:screening-words', {});
  return { items: await wordsOf(ctx.deps.database.db, null) };
}

async function listedAlready(tx: Tx, communityId: number | null, normalized: string[]): Promise<Set<string>> {
  if (normalized.length === 0) return new Set();
  const rows = await tx
    .select({ normalized: screeningWords.normalized })
    .from(screeningWords)
    .where(and(listOf(communityId), inArray(screeningWords.normalized, normalized)));
  return new Set(rows.map((r) => r.normalized));
}

/**
 * Adds words to one list (null: the platform's). A word that normalises to one already on
 * the list (or, for a community, on the platform's), or twice in the input, is skipped and
 * reported; when nothing is left to add, DUPLICATE. One audit row per word added.
 */
export async function addWords(ctx: SignedIn, communityId: number | null, words: string[]) {
  requireAllowed(ctx.actor, 'manage:screening-words', communityId === null ? {} : { communityId });
  return audited(ctx, communityId === null ? 'platform_screening_word.add' : 'screening_word.add', async (tx) => {
    const skipped: Skip[] = [];
    const fresh = new Map<string, string>();
    for (const word of words) {
      const normalized = normalizeForScreening(word);
      if (!normalized) skipped.push({ word, reason: 'empty' });
      else if (fresh.has(normalized)) skipped.push({ word, reason: 'duplicate' });
      else fresh.set(normalized, word);
    }
    const own = await listedAlready(tx, communityId, [...fresh.keys()]);
    const platform = communityId === null ? new Set<string>() : await listedAlready(tx, null, [...fresh.keys()]);
    const toAdd = [...fresh].filter(([normalized, word]) => {
      if (own.has(normalized)) skipped.push({ word, reason: 'duplicate' });
      else if (platform.has(normalized)) skipped.push({ word, reason: 'platform' });
      else return true;
      return false;
    });
    const rows =
      toAdd.length === 0
        ? []
        : await tx
            .insert(screeningWords)
            .values(toAdd.map(([normalized, word]) => ({ communityId, word, normalized, createdBy: actorId(ctx) })))
            // Someone else adding the same word at the same moment: theirs stands, ours is a duplicate.
            .onConflictDoNothing()
            .returning({
              id: screeningWords.id,
              word: screeningWords.word,
              normalized: screeningWords.normalized,
              createdAt: screeningWords.createdAt,
            });
    const inserted = new Set(rows.map((r) => r.normalized));
    for (const [normalized, word] of toAdd) if (!inserted.has(normalized)) skipped.push({ word, reason: 'duplicate' });
    if (rows.length === 0) {
      throw new AppError(
        'DUPLICATE',
        skipped.every((s) => s.reason === 'empty') ? '去掉符号后没有文字，请填写要屏蔽的词' : '这些词已经在词表里了',
        { skipped },
      );
    }
    return {
      result: { added: rows.map(view), skipped },
      audit: rows.map((r) => ({ communityId, targetId: r.id, after: { word: r.word } })),
    };
  });
}

const actorId = (ctx: SignedIn) => (ctx.actor.operator ? null : ctx.actor.userId);

/** Removes a word from one list; a word of another list is not found. */
export async function removeWord(ctx: SignedIn, communityId: number | null, wordId: number) {
  requireAllowed(ctx.actor, 'manage:screening-words', communityId === null ? {} : { communityId });
  await audited(ctx, communityId === null ? 'platform_screening_word.remove' : 'screening_word.remove', async (tx) => {
    const [row] = await tx
      .delete(screeningWords)
      .where(and(eq(screeningWords.id, wordId), listOf(communityId)))
      .returning({ id: screeningWords.id, word: screeningWords.word });
    if (!row) throw new AppError('NOT_FOUND', '这个词不在词表里');
    return { result: null, audit: { communityId, targetId: row.id, before: { word: row.word } } };
  });
}
