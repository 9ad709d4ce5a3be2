import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app';
import { type Config, defaultConfig } from '../../server/config';
import { createLogger } from '../../server/core/logger';
import type { Database } from '../../server/db/client';
import type { AppDeps } from '../../server/deps';
import { listen } from '../../server/http/server';
import { createLocalFileStore, type Files, fileSigningKey } from '../../server/platform/files';
import { createFieldCipher } from '../../server/security/crypto';
import type { WechatAdapter } from '../../server/wechat/adapter';
import { createLocalWechat } from '../../server/wechat/local';
import { createTestDatabase } from './db';

export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

/** A clock tests can move. */
export function testClock(start = new Date()) {
  let now = start.getTime();
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (d: Date) => {
    now = d.getTime();
  };
  return clock;
}

/** A file service on a fresh temporary folder (remove `dir` when done). */
export function testFiles(): Files & { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sqy-files-'));
  return { dir, store: createLocalFileStore(dir), signingKey: fileSigningKey(TEST_KEY) };
}

export interface TestApp {
  url: string;
  deps: AppDeps;
  database: Database;
  clock: ReturnType<typeof testClock>;
  routes: ReturnType<typeof createApp>['routes'];
  /** fetch against the app with JSON in and out. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Raw body text (sent as is, with a JSON content type). */
  raw?: string;
  /** A file as the raw body (application/octet-stream unless headers say otherwise). */
  bytes?: Uint8Array;
  /** A multipart form (fetch sets its content type with the boundary). */
  form?: FormData;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are asserted field by field in tests
  body: any;
  headers: Headers;
}

export interface TestAppOptions {
  config?: Partial<Config>;
  wechat?: WechatAdapter;
  /** A database another app already uses (not closed with this app). */
  database?: Database;
  /** A clock shared with another app, so both see the same time. */
  clock?: ReturnType<typeof testClock>;
  /** Extra dependencies: a shared rate-limit store, a counting password check, a logger. */
  deps?: Partial<Pick<AppDeps, 'rateLimits' | 'verifyPassword' | 'logger'>>;
  /** Serve an H5 build (or a fixture folder) at `/`. */
  h5Dir?: string;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? testClock();
  const files = testFiles();
  const deps: AppDeps = {
    database,
    config: defaultConfig({
      LOG_LEVEL: 'silent',
      SIGNIN_LIMIT_PER_IP: 10_000,
      SIGNIN_LIMIT_PER_OPENID: 10_000,
      ...options.config,
    }),
    wechat: options.wechat ?? createLocalWechat(),
    cipher: createFieldCipher(TEST_KEY),
    logger: createLogger('silent'),
    files,
    clock,
    ...options.deps,
  };
  const { app, routes } = createApp(deps, { h5Dir: options.h5Dir });
  const server = await listen(app, deps.logger, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    database,
    clock,
    routes,
    async call(method, path, { token, body, raw, bytes, form, headers = {} } = {}) {
      const res = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bytes !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body:
          form ??
          (bytes ? new Blob([new Uint8Array(bytes)]) : undefined) ??
          raw ??
          (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      if (!options.database) await database.close();
      rmSync(files.dir, { recursive: true, force: true });
    },
  };
}

/** One app per test file, started before its tests and closed after. */
export function useTestApp(options?: Parameters<typeof startTestApp>[0]) {
  const holder = {} as { app: TestApp };
  beforeAll(async () => {
    holder.app = await startTestApp(options);
  }, 60_000);
  afterAll(async () => {
    await holder.app?.close();
  });
  return holder;
}
