import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir, makeSocketDir } from './data-lock';
import type { PgliteWorkerData } from './pglite-worker';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  sql: postgres.Sql;
  engine: Engine;
  /** Writes a gzip tarball of the embedded database (PGlite only; used to seed test databases). */
  dump(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL of a real server; unset → embedded PGlite. */
  url?: string;
  /** Folder for the embedded database; unset → in memory. */
  dataDir?: string;
  /** Start the embedded database from a dump (tests). */
  dumpPath?: string;
  /** Pool size on a real server. */
  max?: number;
}

const quiet = { onnotice: () => {} };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // Two at least: migrations hold an advisory lock on one connection while the migrator uses another.
    const sql = postgres(options.url, { max: Math.max(2, options.max ?? 10), ...quiet });
    return {
      db: drizzle(preparing(sql), { schema }) as unknown as Db,
      sql,
      engine: 'postgres',
      dump: () => Promise.reject(new Error('dump is only for the embedded engine')),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  return openEmbedded(options);
}

async function openEmbedded(options: OpenOptions): Promise<Database> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const socketDir = makeSocketDir();
  const workerData: PgliteWorkerData = {
    dataDir: options.dataDir ? path.resolve(options.dataDir, 'pgdata') : undefined,
    dumpPath: options.dumpPath,
    socketPath: path.join(socketDir, '.s.PGSQL.5432'),
  };
  // The worker is TypeScript too: register tsx's loader in its thread, then load it.
  const entry = new URL('./pglite-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData });
  const request = (type: string, reply: string, extra: object = {}) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === reply) {
          worker.off('message', onMessage);
          resolve();
        } else if (m.type === 'error') {
          worker.off('message', onMessage);
          reject(new Error(`embedded database failed to start: ${m.message}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      if (type) worker.postMessage({ type, ...extra });
    });
  try {
    await request('', 'ready');
  } catch (error) {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    releaseLock();
    throw error;
  }
  // PGlite is one connection: transactions reserve it and other queries queue behind.
  const sql = postgres({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1, ...quiet });
  let closed = false;
  return {
    db: drizzle(preparing(sql), { schema }) as unknown as Db,
    sql,
    engine: 'pglite',
    dump: (file) => request('dump', 'dumped', { path: file }),
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
      await request('stop', 'stopped').catch(() => {});
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
      releaseLock();
    },
  };
}

/** The postgres.js client behind `preparing`'s proxy, for code that asks for `prepare: true` itself. */
export const UNWRAPPED = Symbol('postgres.js client without the preparing proxy');

/**
 * drizzle sends every query as an unnamed statement (`prepare: false` unless a query is
 * given a name), so Postgres parses and plans it on every call. postgres.js can cache
 * prepared statements per connection by their text; this hands drizzle a client that asks
 * for that, in transactions and savepoints too. See docs/decisions/005-prepared-statements.md.
 */
export function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === UNWRAPPED) return target;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: object) =>
          value.call(target, query, params, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: object) => unknown;
          return value.call(target, ...args, (tx: object) => callback(preparing(tx)));
        };
      }
      return value.bind(target);
    },
  });
}

export const randomSuffix = () => randomBytes(4).toString('hex');
