import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from '../core/logger';
import type { Database } from '../db/client';
import { wechatTokens } from '../db/schema';
import type { FieldCipher } from '../security/crypto';

/** A token as WeChat handed it out. */
export interface IssuedToken {
  token: string;
  expiresInSec: number;
}

/** Where instances share the token: a row per appid, the token encrypted. */
export interface TokenStore {
  database: Database;
  cipher: FieldCipher;
}

export interface TokenHolderOptions {
  appid: string;
  /** Asks WeChat (`POST /cgi-bin/stable_token`); throws when it refuses. */
  fetchToken(forceRefresh: boolean): Promise<IssuedToken>;
  clock: () => Date;
  logger: Logger;
  /** Without a store the token lives in this process only. */
  store?: TokenStore;
  /** Refresh this long before expiry (WeChat renews a stable token in its last 5 minutes). */
  marginMs?: number;
}

export interface TokenHolder {
  /** A valid token: from memory, else from the shared row, else from WeChat. */
  get(): Promise<string>;
  /** A business API said `stale` is no longer valid: a newer one (refreshed once across instances). */
  replaceStale(stale: string): Promise<string>;
}

/** WeChat allows a forced refresh at most every 30 s (and 20 a day). */
const FORCE_SPACING_MS = 30_000;
/** Arbitrary class for pg_advisory_xact_lock(class, key): one lock per appid. */
const LOCK_CLASS = 72_616_002;

interface Entry {
  token: string;
  expiresAt: number;
  refreshedAt: number;
}

const lockKey = (appid: string) => createHash('sha256').update(appid).digest().readInt32BE(0);

/**
 * Holds the access token WeChat advises keeping in one central place: cached in memory,
 * refreshed before it expires, shared through Postgres so several instances make one
 * request (the refresher holds an advisory lock; the others wait for it, then read its
 * row). Callers in one process share one request in flight.
 */
export function createTokenHolder(o: TokenHolderOptions): TokenHolder {
  const marginMs = o.marginMs ?? 5 * 60_000;
  let cached: Entry | null = null;
  let inflight: Promise<string> | null = null;

  /** Fresh until `margin` before expiry (or half its life, for a token given out short). */
  const fresh = (e: Entry | null): e is Entry =>
    e !== null && o.clock().getTime() < e.expiresAt - Math.min(marginMs, (e.expiresAt - e.refreshedAt) / 2);

  function single(load: () => Promise<string>): Promise<string> {
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /**
   * A new token from WeChat. For a stale one, the plain call first (it returns the new
   * token if WeChat already rotated it); a forced refresh only if that gives the stale
   * token back and the last forced one is 30 s old.
   */
  async function obtain(stale: string | null, lastForcedAt: number | null) {
    const now = o.clock().getTime();
    let issued = await o.fetchToken(false);
    let forced = false;
    if (stale !== null && issued.token === stale) {
      if (lastForcedAt === null || now - lastForcedAt >= FORCE_SPACING_MS) {
        issued = await o.fetchToken(true);
        forced = true;
      } else {
        o.logger.warn('wechat token reported stale again within 30 s; not forcing a refresh', { appid: o.appid });
      }
    }
    const entry: Entry = { token: issued.token, expiresAt: now + issued.expiresInSec * 1000, refreshedAt: now };
    return { entry, forced };
  }

  let lastForcedLocal: number | null = null;

  async function loadLocal(stale: string | null): Promise<string> {
    if (fresh(cached) && cached.token !== stale) return cached.token;
    const { entry, forced } = await obtain(stale, lastForcedLocal);
    if (forced) lastForcedLocal = entry.refreshedAt;
    cached = entry;
    return entry.token;
  }

  async function loadShared(store: TokenStore, stale: string | null): Promise<string> {
    return store.database.db.transaction(async (tx) => {
      // One refresher per appid across instances; the others queue here and then find its row.
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${lockKey(o.appid)})`);
      const [row] = await tx.select().from(wechatTokens).where(eq(wechatTokens.appid, o.appid));
      if (row) {
        const stored: Entry = {
          token: store.cipher.decrypt(row.tokenEnc),
          expiresAt: row.expiresAt.getTime(),
          refreshedAt: row.refreshedAt.getTime(),
        };
        if (fresh(stored) && stored.token !== stale) {
          cached = stored;
          return stored.token;
        }
      }
      const { entry, forced } = await obtain(stale, row?.forcedAt?.getTime() ?? null);
      const values = {
        tokenEnc: store.cipher.encrypt(entry.token),
        expiresAt: new Date(entry.expiresAt),
        refreshedAt: new Date(entry.refreshedAt),
        forcedAt: forced ? new Date(entry.refreshedAt) : (row?.forcedAt ?? null),
      };
      await tx
        .insert(wechatTokens)
        .values({ appid: o.appid, ...values })
        .onConflictDoUpdate({ target: wechatTokens.appid, set: values });
      o.logger.info('wechat access token refreshed', {
        appid: o.appid,
        forced,
        expiresAt: values.expiresAt.toISOString(),
      });
      cached = entry;
      return entry.token;
    });
  }

  const load = (stale: string | null) => (o.store ? loadShared(o.store, stale) : loadLocal(stale));

  return {
    async get() {
      if (fresh(cached)) return cached.token;
      return single(() => load(null));
    },
    async replaceStale(stale) {
      // Someone in this process may be refreshing already: their token may be the answer.
      if (inflight) await inflight.catch(() => {});
      if (fresh(cached) && cached.token !== stale) return cached.token;
      return single(() => load(stale));
    },
  };
}
