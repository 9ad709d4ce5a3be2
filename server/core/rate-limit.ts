import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** One counted hit: whether it is within the limit, and how many hits the window holds with it. */
export interface Hit {
  allowed: boolean;
  count: number;
}

/** Counts hits per key in fixed windows (docs/decisions/003-sessions-and-rate-limits.md). */
export interface RateLimiter {
  hit(key: string): Promise<Hit>;
}

export interface LimiterOptions {
  /** Names the counter in the store: `signin-ip`, `signin-openid`, … */
  name: string;
  limit: number;
  windowMs: number;
  /** The app's clock: windows follow it, so a test can move time. */
  now?: () => number;
}

/**
 * Where counters live: in this process's memory, or in Redis so that every instance
 * of the server counts against the same limit.
 */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  limiter(options: LimiterOptions): RateLimiter;
  close(): Promise<void>;
}

/**
 * Fixed windows numbered by the app's clock: the window's number is part of the key,
 * so every instance (and a test clock) agrees on which window a hit falls in, and a
 * window's counter expires in the store by itself soon after the window ends.
 */
function windowed(limiter: RateLimiterAbstract, options: LimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  return {
    async hit(key) {
      const window = Math.floor(now() / options.windowMs);
      try {
        const res = await limiter.consume(`${key}:${window}`, 1);
        return { allowed: true, count: res.consumedPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) return { allowed: false, count: error.consumedPoints };
        throw error;
      }
    },
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counters in this process only: the default, right for a single instance. */
export function memoryRateLimits(prefix = 'sqy:'): RateLimitStore {
  return {
    kind: 'memory',
    limiter: (options) =>
      windowed(
        new RateLimiterMemory({
          keyPrefix: `${prefix}rl:${options.name}`,
          points: options.limit,
          duration: seconds(options.windowMs),
        }),
        options,
      ),
    close: async () => {},
  };
}

/**
 * Counters in Redis under `<prefix>rl:<name>:…`, shared by every instance pointed at
 * the same Redis. Connects before returning, so a wrong REDIS_URL stops the boot.
 * While Redis is unreachable later, each instance falls back to counting in its own
 * memory (the limit then holds per instance) rather than refusing every sign-in.
 */
export async function redisRateLimits(url: string, prefix = 'sqy:'): Promise<RateLimitStore> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    // Keep retrying in the background after an outage; the first connect is awaited below.
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  // ioredis reports connection errors as events; without a listener Node would print each one.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`REDIS_URL: cannot connect to Redis (${error instanceof Error ? error.message : String(error)})`);
  }
  return {
    kind: 'redis',
    limiter(options) {
      const keyPrefix = `${prefix}rl:${options.name}`;
      const points = options.limit;
      const duration = seconds(options.windowMs);
      return windowed(
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix,
          points,
          duration,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        }),
        options,
      );
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The store the configuration asks for. */
export function openRateLimits(config: { REDIS_URL?: string; REDIS_KEY_PREFIX: string }): Promise<RateLimitStore> {
  return config.REDIS_URL
    ? redisRateLimits(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    : Promise.resolve(memoryRateLimits(config.REDIS_KEY_PREFIX));
}
