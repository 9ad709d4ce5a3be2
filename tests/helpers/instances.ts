/**
 * Several instances of the server, as a deployment behind a load balancer runs them:
 * each its own app, HTTP server, dependencies and Redis connection, all on the same
 * database and the same Redis, with one clock. For behaviour that must hold across
 * instances (shared rate limits, a periodic job that runs once, an outbox row
 * delivered once).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../server/config';
import { memoryRateLimits, type RateLimitStore, redisRateLimits } from '../../server/core/rate-limit';
import type { Database } from '../../server/db/client';
import type { AppDeps } from '../../server/deps';
import { startTestApp, type TestApp, type TestAppOptions, testClock } from './app';
import { createTestDatabase } from './db';

/** The Redis the tests use; Redis 7 runs here on the default port. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Instances {
  /** The instances, in start order. */
  apps: TestApp[];
  database: Database;
  clock: ReturnType<typeof testClock>;
  /** Where shared state lives: 'redis' (the default) or each instance's own memory. */
  store: 'redis' | 'memory';
  /** This group's key prefix in Redis, unique per run so parallel runs never meet. */
  redisPrefix: string;
  /** The instance that serves request number `i` when requests go round-robin. */
  roundRobin(i: number): TestApp;
  close(): Promise<void>;
}

export interface InstancesOptions {
  /** How many instances; two by default. */
  count?: number;
  config?: Partial<Config>;
  /** 'memory' gives each instance counters of its own (to show what sharing changes). */
  store?: 'redis' | 'memory';
  /** A database already in use (not closed with the instances). */
  database?: Database;
  /** Extra dependencies per instance (a counting password check, a job runner's hooks). */
  deps?: (index: number) => TestAppOptions['deps'];
  /** Anything else an instance needs, per instance. */
  app?: (index: number) => Omit<TestAppOptions, 'database' | 'clock' | 'deps' | 'config'>;
}

export async function startInstances(options: InstancesOptions = {}): Promise<Instances> {
  const count = options.count ?? 2;
  const store = options.store ?? 'redis';
  const redisPrefix = `sqy-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const database = options.database ?? (await createTestDatabase());
  const clock = testClock();
  const stores: RateLimitStore[] = [];
  const apps: TestApp[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const rateLimits = store === 'redis' ? await connectRedis(redisPrefix) : memoryRateLimits(redisPrefix);
      stores.push(rateLimits);
      apps.push(
        await startTestApp({
          ...options.app?.(index),
          database,
          clock,
          config: {
            REDIS_URL: store === 'redis' ? TEST_REDIS_URL : undefined,
            REDIS_KEY_PREFIX: redisPrefix,
            ...options.config,
          },
          deps: { rateLimits, ...options.deps?.(index) } satisfies Partial<AppDeps>,
        }),
      );
    }
  } catch (error) {
    await closeAll(apps, stores, options.database ? null : database, store === 'redis' ? redisPrefix : null);
    throw error;
  }
  return {
    apps,
    database,
    clock,
    store,
    redisPrefix,
    roundRobin: (i) => apps[i % apps.length],
    close: () => closeAll(apps, stores, options.database ? null : database, store === 'redis' ? redisPrefix : null),
  };
}

async function connectRedis(prefix: string): Promise<RateLimitStore> {
  try {
    return await redisRateLimits(TEST_REDIS_URL, prefix);
  } catch (error) {
    throw new Error(
      `these tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL to use another): ${(error as Error).message}`,
    );
  }
}

async function closeAll(apps: TestApp[], stores: RateLimitStore[], database: Database | null, prefix: string | null) {
  for (const app of apps) await app.close();
  for (const store of stores) await store.close();
  if (prefix) await deleteKeys(prefix);
  await database?.close();
}

/** Removes this group's keys from Redis (they would also expire by themselves). */
async function deleteKeys(prefix: string) {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** One group of instances per test file (or describe block), started before its tests. */
export function useInstances(options?: InstancesOptions) {
  const holder = {} as { group: Instances };
  beforeAll(async () => {
    holder.group = await startInstances(options);
  }, 60_000);
  afterAll(async () => {
    await holder.group?.close();
  });
  return holder;
}
