import { and, count, eq, isNull, max, sql } from 'drizzle-orm';
import AhoCorasick from 'modern-ahocorasick';
import type { Database } from '../../db/client';
import { screeningWords } from '../../db/schema';
import type { Tx } from '../../deps';
import { normalizeForScreening } from './normalize';

/**
 * The word lists as Aho–Corasick matchers (docs/decisions/018-screening.md): one for the
 * platform's list, shared by every community, and one per community for its own list. Each is
 * compiled once and kept until its list changes; "changed" is read from the database on every
 * check (`count(*)` and `max(id)` per list: words are only added and removed, never edited, so
 * the pair changes with every change), so an instance never screens with a list another
 * instance already changed.
 */
export interface WordMatcher {
  /** The listed words (as the list spells them) found in `text`, each once, in order of appearance. */
  find(text: string): string[];
}

interface Compiled {
  signature: string;
  matcher: WordMatcher;
}

const EMPTY: WordMatcher = { find: () => [] };

/** Compiles words (as listed) into a matcher over normalised text. */
export function compileWords(words: readonly string[]): WordMatcher {
  const byNormalized = new Map<string, string[]>();
  for (const word of words) {
    const normalized = normalizeForScreening(word);
    if (!normalized) continue;
    const listed = byNormalized.get(normalized);
    if (listed) listed.push(word);
    else byNormalized.set(normalized, [word]);
  }
  if (byNormalized.size === 0) return EMPTY;
  const ac = new AhoCorasick([...byNormalized].map(([pattern, data]) => ({ pattern, data })));
  return {
    find(text) {
      const found = new Set<string>();
      for (const match of ac.search(normalizeForScreening(text), { strategy: 'all' }))
        for (const word of match.data ?? []) found.add(word);
      return [...found];
    },
  };
}

/** Most communities' matchers kept at once; the least recently used goes first. */
const MAX_CACHED = 500;
/** Per database (tests run several in one process), list key → compiled matcher. */
const caches = new WeakMap<Database, Map<string, Compiled>>();

const listKey = (communityId: number | null) => (communityId === null ? 'platform' : `c${communityId}`);
const listFilter = (communityId: number | null) =>
  communityId === null ? isNull(screeningWords.communityId) : eq(screeningWords.communityId, communityId);

async function signatures(tx: Tx, communityId: number): Promise<Map<string, string>> {
  const rows = await tx
    .select({ communityId: screeningWords.communityId, n: count(), top: max(screeningWords.id) })
    .from(screeningWords)
    .where(sql`${screeningWords.communityId} is null or ${screeningWords.communityId} = ${communityId}`)
    .groupBy(screeningWords.communityId);
  const result = new Map<string, string>();
  for (const r of rows) result.set(listKey(r.communityId), `${r.n}:${r.top}`);
  return result;
}

async function load(
  cache: Map<string, Compiled>,
  tx: Tx,
  communityId: number | null,
  signature: string,
): Promise<WordMatcher> {
  const key = listKey(communityId);
  const hit = cache.get(key);
  if (hit && hit.signature === signature) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.matcher;
  }
  const rows =
    signature === 'empty'
      ? []
      : await tx
          .select({ word: screeningWords.word })
          .from(screeningWords)
          .where(and(listFilter(communityId)));
  const matcher = compileWords(rows.map((r) => r.word));
  cache.set(key, { signature, matcher });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return matcher;
}

/** The platform's and the community's matchers, current as of this call. */
export async function matchersFor(database: Database, communityId: number): Promise<WordMatcher[]> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  const tx = database.db;
  const sigs = await signatures(tx, communityId);
  return Promise.all([
    load(cache, tx, null, sigs.get('platform') ?? 'empty'),
    load(cache, tx, communityId, sigs.get(listKey(communityId)) ?? 'empty'),
  ]);
}

/** Every listed word (platform's or the community's) found in any of the texts. */
export async function findListedWords(
  database: Database,
  communityId: number,
  texts: readonly string[],
): Promise<string[]> {
  const matchers = await matchersFor(database, communityId);
  const found = new Set<string>();
  for (const text of texts) for (const m of matchers) for (const w of m.find(text)) found.add(w);
  return [...found];
}
