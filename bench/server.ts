/**
 * A child process that serves, started by bench/memberships.ts with
 * `node --import tsx bench/server.ts` and BENCH_ROLE = app | bare | both.
 *
 * - BENCH_DB_URL set (real Postgres, already created, migrated and seeded by the
 *   parent): one role per process, each with its own pool of POOL_MAX connections.
 * - BENCH_DB_URL unset (embedded PGlite): PGlite lives in one process only (it has
 *   one connection and no lock: a second process cannot share it), so this child
 *   opens it (openDatabase({}) → worker thread + Unix socket), migrates it, seeds
 *   it, and serves BOTH the Koa app and the bare handler on two ports over the one
 *   `Database` (the same postgres.js client). The parent loads one server at a time,
 *   so the idle one costs nothing but memory.
 */

import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createApp } from '../server/app';
import { defaultConfig } from '../server/config';
import { createLogger } from '../server/core/logger';
import { type Database, openDatabase } from '../server/db/client';
import { runMigrations } from '../server/db/migrate';
import type { AppDeps } from '../server/deps';
import { createLocalFileStore, fileSigningKey } from '../server/platform/files';
import { createFieldCipher } from '../server/security/crypto';
import { createLocalWechat } from '../server/wechat/local';
import { createBareServer } from './bare';
import {
  type CpuReply,
  type CpuRequest,
  type FailedMessage,
  POOL_MAX,
  procCpuMs,
  type ReadyMessage,
  type SeedReport,
  type ServerRole,
} from './common';
import { seedDistrict } from './seed';

const role = (process.env.BENCH_ROLE ?? 'both') as ServerRole;
const url = process.env.BENCH_DB_URL || undefined;
const FIXED_KEY = Buffer.alloc(32, 7).toString('base64');

const servers: Server[] = [];
const closers: Array<() => Promise<unknown>> = [];
let stopping: Promise<void> | null = null;

function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const close of closers.reverse()) await close().catch(() => {});
    process.exit(code);
  })();
  return stopping;
}

// Ctrl-C reaches the whole process group; the parent going away closes the IPC channel.
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
process.once('disconnect', () => void stop(0));

process.on('message', (m: CpuRequest) => {
  if (m.type !== 'cpu' || !process.connected) return;
  const usage = process.cpuUsage();
  process.send?.({
    type: 'cpu',
    id: m.id,
    mainMs: procCpuMs(`/proc/self/task/${process.pid}/stat`),
    processMs: (usage.user + usage.system) / 1000,
  } satisfies CpuReply);
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function main() {
  let embedded: Database | undefined;
  let seed: SeedReport | undefined;
  if (!url) {
    embedded = await openDatabase({});
    closers.push(() => (embedded as Database).close());
    await runMigrations(embedded);
    seed = await seedDistrict(embedded.sql);
  }
  const ports: ReadyMessage['ports'] = {};

  if (role === 'app' || role === 'both') {
    let database = embedded;
    if (!database) {
      const opened = await openDatabase({ url, max: POOL_MAX });
      closers.push(() => opened.close());
      database = opened;
    }
    const deps: AppDeps = {
      database,
      config: defaultConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_POOL_MAX: POOL_MAX }),
      wechat: createLocalWechat(),
      cipher: createFieldCipher(FIXED_KEY),
      logger: createLogger('silent'),
      files: {
        store: createLocalFileStore(mkdtempSync(path.join(tmpdir(), 'sqy-bench-files-'))),
        signingKey: fileSigningKey(FIXED_KEY),
      },
      clock: () => new Date(),
    };
    const { app } = createApp(deps);
    ports.app = await listen(createServer(app.callback()));
  }

  if (role === 'bare' || role === 'both') {
    let sql = embedded?.sql;
    if (!sql) {
      const client = postgres(url as string, { max: POOL_MAX, onnotice: () => {} });
      closers.push(() => client.end({ timeout: 5 }));
      sql = client;
    }
    ports.bare = await listen(createBareServer(sql, { prepare: process.env.BENCH_BARE_PREPARE !== '0' }));
  }

  process.send?.({ type: 'ready', ports, seed } satisfies ReadyMessage);
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.connected) process.send?.({ type: 'failed', message } satisfies FailedMessage);
  await stop(1);
});
