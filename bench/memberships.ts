/**
 * `npm run bench`: the Koa app against a bare node:http handler running the same SQL,
 * on a district-sized dataset, for GET /api/memberships, a resident's notices and 留言板 (first and
 * deep page), GET /api/committees/:id, and 议事厅 on a 5,000-household vote: casting a ballot
 * (PUT …/votes/:v/ballot, a write) and reading a vote with its live tally.
 *
 * This process only seeds (real Postgres) and generates load; the servers run in
 * child processes (bench/server.ts) so they do not share its event loop. See that
 * file for why the embedded engine gets one child serving both.
 *
 *   DATABASE_URL        unset → embedded PGlite in memory; set → a fresh database
 *                       sqy_bench_<pid> on that server, dropped at the end
 *   BENCH_SECONDS       measured seconds per run (default 10)
 *   BENCH_ROUNDS        rounds per scenario (default 3): app and bare alternate, ABBA,
 *                       so neither always runs first; each figure is the median run's
 *   BENCH_WARMUP        unmeasured seconds before each run (default 2)
 *   BENCH_CONNECTIONS   concurrent keep-alive connections (default 50)
 *   BENCH_BARE_PREPARE  0 → the bare handler sends its statements unprepared (default: prepared, like the app)
 *   BENCH_SCENARIOS     comma-separated keys of the scenarios to run (default all): memberships,
 *                       notices, notices-deep, board, board-deep, card, ballot, tally,
 *                       rental-calendar, rental-book, rental-book-free, neighbour-tag, neighbour-building; the
 *                       notices and board rows, and the 找邻居 cards, are seeded only when one of theirs runs
 *   BENCH_NEIGHBOURS    找邻居 residents (listed cards) per community (default 2,000)
 *   BENCH_NODE_ARGS     extra Node flags for the server children, e.g.
 *                       "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them
 *
 * Besides req/s and latency it prints CPU milliseconds per request, read from the
 * kernel's counters over the measured window: the server's event-loop thread, the
 * database (PGlite: the server process's other threads, i.e. the PGlite worker plus
 * V8/libuv helpers; Postgres: the bench database's backends), and this load
 * generator. On a shared 2-core machine those move less than req/s does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../server/db/client';
import { runMigrations } from '../server/db/migrate';
import { addDays, chinaClock } from '../shared/domain/office-hours';
import {
  type CpuReply,
  type CpuRequest,
  DATASET,
  type FailedMessage,
  NEIGHBOURS,
  neighbourToken,
  POOL_MAX,
  procCpuMs,
  type ReadyMessage,
  type ScenarioKey,
  type SeedReport,
  type ServerRole,
  selectedScenarios,
  sessionToken,
  VOTERS,
  voterToken,
} from './common';
import { type LoadResult, runLoad, type Target } from './load';
import { seedDistrict } from './seed';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const barePrepared = process.env.BENCH_BARE_PREPARE !== '0';
const url = process.env.DATABASE_URL || undefined;
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const root = fileURLToPath(new URL('..', import.meta.url));

for (const [name, value] of [
  ['BENCH_SECONDS', seconds],
  ['BENCH_WARMUP', warmup],
  ['BENCH_CONNECTIONS', connections],
  ['BENCH_ROUNDS', rounds],
] as const) {
  if (!Number.isFinite(value) || value < 0 || (name !== 'BENCH_WARMUP' && value <= 0)) {
    console.error(`${name} must be a positive number`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- cleanup

const children = new Set<ChildProcess>();
let admin: postgres.Sql | undefined;
let benchDb: string | undefined;
let cleaning: Promise<void> | undefined;

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops our children (by handle) and drops our database; safe to call more than once. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(
      [...children].map(async (child) => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        if (!(await waitExit(child, 10_000))) {
          child.kill('SIGKILL');
          await waitExit(child, 5_000);
        }
      }),
    );
    if (admin) {
      if (benchDb) {
        try {
          await admin.unsafe(`drop database if exists "${benchDb}" with (force)`);
        } catch (error) {
          console.error(`could not drop database ${benchDb}: ${(error as Error).message}`);
        }
      }
      await admin.end({ timeout: 5 }).catch(() => {});
    }
  })();
  return cleaning;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers${benchDb ? ` and dropping ${benchDb}` : ''}…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- children

interface Child {
  process: ChildProcess;
  ready: ReadyMessage;
}

function startChild(role: ServerRole, dbUrl: string | undefined): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_ROLE: role, BENCH_DB_URL: dbUrl ?? '' },
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    // The embedded engine's child seeds the district first: minutes with the 找邻居 cards.
    const limitS = role === 'both' ? 1_200 : 180;
    const timer = setTimeout(() => reject(new Error(`${role} server did not start within ${limitS} s`)), limitS * 1000);
    const onMessage = (m: ReadyMessage | FailedMessage | CpuReply) => {
      if (m.type === 'cpu') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (m.type === 'ready') resolve({ process: child, ready: m });
      else reject(new Error(`${role} server failed:\n${m.message}`));
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} server exited (${signal ?? code}) before it was ready`));
    });
  });
}

// ---------------------------------------------------------------- database (real Postgres)

async function prepareDatabase(serverUrl: string): Promise<{ dbUrl: string; seed: SeedReport }> {
  admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `sqy_bench_${process.pid}`;
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  benchDb = name;
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const dbUrl = target.toString();
  const database = await openDatabase({ url: dbUrl, max: 2 });
  try {
    await runMigrations(database);
    return { dbUrl, seed: await seedDistrict(database.sql) };
  } finally {
    await database.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- CPU accounting

interface Sample {
  loadgenMs: number;
  mainMs: number;
  processMs: number;
  /** Postgres backend pid → CPU ms (real Postgres only). */
  backends: Map<number, number> | null;
}

let cpuRequestId = 0;
/** Asks a child for its counters; fails if it died or does not answer (a dead server must stop the run). */
function childCpu(child: ChildProcess): Promise<CpuReply> {
  const id = ++cpuRequestId;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: CpuReply) => {
      if (m.type !== 'cpu' || m.id !== id) return;
      done();
      resolve(m);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`server process ${child.pid} exited (${signal ?? code}) during the run`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server process ${child.pid} did not answer`));
    }, 10_000);
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (!child.connected) onExit(child.exitCode, child.signalCode);
    else child.send({ type: 'cpu', id } satisfies CpuRequest);
  });
}

async function backendsCpu(): Promise<Map<number, number> | null> {
  if (!admin || !benchDb) return null;
  const rows = await admin.unsafe('select pid from pg_stat_activity where datname = $1', [benchDb]);
  return new Map(rows.map((r) => [r.pid as number, procCpuMs(`/proc/${r.pid}/stat`)]));
}

async function sample(child: ChildProcess): Promise<Sample> {
  const [cpu, backends] = await Promise.all([childCpu(child), backendsCpu()]);
  const own = process.cpuUsage();
  return { loadgenMs: (own.user + own.system) / 1000, mainMs: cpu.mainMs, processMs: cpu.processMs, backends };
}

interface Cpu {
  /** ms of CPU per request. */
  server: number;
  db: number;
  loadgen: number;
}

function cpuPerRequest(result: LoadResult<Sample>): Cpu {
  const n = result.requests || Number.NaN;
  const [a, b] = result.samples as [Sample, Sample];
  let db: number;
  if (b.backends) {
    db = 0;
    for (const [pid, ms] of b.backends) db += ms - (a.backends?.get(pid) ?? 0);
  } else {
    db = b.processMs - a.processMs - (b.mainMs - a.mainMs);
  }
  return { server: (b.mainMs - a.mainMs) / n, db: db / n, loadgen: (b.loadgenMs - a.loadgenMs) / n };
}

// ---------------------------------------------------------------- reporting

/** The run with the median req/s (the lower middle one for an even count). */
function medianRun<T extends { load: LoadResult }>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.load.rps - b.load.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;

function line(result: LoadResult, cpu: Cpu) {
  const kinds = Object.entries(result.errorKinds)
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');
  return (
    `${lpad(result.rps.toFixed(0), 6)} req/s  p50 ${lpad(ms(result.p50), 6)}  p95 ${lpad(ms(result.p95), 6)}` +
    `  p99 ${lpad(ms(result.p99), 6)}  max ${lpad(ms(result.max), 6)} ms  n=${result.requests}` +
    `  errors ${result.errors}${kinds ? ` (${kinds})` : ''}` +
    `  | CPU ms/req: server ${cpu.server.toFixed(2)}, db ${cpu.db.toFixed(2)}, load ${cpu.loadgen.toFixed(2)}`
  );
}

const loadavg = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------- main

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

async function get(port: number, target: Target) {
  const res = await fetch(`http://127.0.0.1:${port}${target.path}`, {
    method: target.method ?? 'GET',
    headers: target.body ? { ...target.headers, 'content-type': 'application/json' } : target.headers,
    body: target.body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** A ballot reply without what differs between two casts in a row (the version and its time). */
function withoutVersion(reply: { status: number; body: unknown }) {
  const body = reply.body as { myBallot?: { version?: number; updatedAt?: string } | null };
  if (body?.myBallot) body.myBallot = { ...body.myBallot, version: 0, updatedAt: '' };
  // A booking: the second of two identical requests gets the next id and another unit, if one is free.
  const booking = reply.body as { id?: number; unitTag?: string; createdAt?: string; quote?: unknown };
  if (reply.status === 201 && booking?.quote) Object.assign(booking, { id: 0, unitTag: '', createdAt: '' });
  return reply;
}

/**
 * Two directory pages for one viewer, app then bare: both count towards the viewer's daily
 * ceiling, so the second says the cards of its own page fewer remain. Made comparable only when
 * it says exactly that.
 */
function sameAllowance(a: { status: number; body: unknown }, b: { status: number; body: unknown }) {
  const first = a.body as { remainingToday?: number };
  const second = b.body as { remainingToday?: number; items?: unknown[] };
  if (
    typeof first?.remainingToday === 'number' &&
    Array.isArray(second?.items) &&
    second.remainingToday === first.remainingToday - second.items.length
  )
    second.remainingToday = first.remainingToday;
  return [a, b];
}

/** Replies worth comparing: a success, or a 409 that carries the free windows. */
const ANSWERS = new Set([200, 201, 409]);

type ServerName = 'app' | 'bare';

async function main() {
  const engine = url ? 'postgres' : 'pglite';
  console.log(
    `社区云 bench: engine ${engine}, Node ${process.version}, ${os.cpus().length} CPUs, ` +
      `${connections} connections, ${warmup} s warm-up + ${seconds} s per run` +
      (barePrepared ? '' : ', bare with UNPREPARED statements'),
  );
  // Two cores are easily shared with other work: say how busy the machine was.
  console.log(`load average before: ${loadavg()}`);

  const servers = {} as Record<ServerName, { port: number; child: ChildProcess }>;
  let seed: SeedReport;
  const setupStarted = performance.now();
  if (url) {
    const prepared = await prepareDatabase(url);
    seed = prepared.seed;
    const [app, bare] = await Promise.all([startChild('app', prepared.dbUrl), startChild('bare', prepared.dbUrl)]);
    servers.app = { port: app.ready.ports.app as number, child: app.process };
    servers.bare = { port: bare.ready.ports.bare as number, child: bare.process };
    console.log(
      `database ${benchDb} on PostgreSQL ${seed.serverVersion}; app and bare in two processes, pool ${POOL_MAX} each`,
    );
  } else {
    const both = await startChild('both', undefined);
    seed = both.ready.seed as SeedReport;
    servers.app = { port: both.ready.ports.app as number, child: both.process };
    servers.bare = { port: both.ready.ports.bare as number, child: both.process };
    console.log(
      `embedded PGlite (Postgres ${seed.serverVersion}) in one child process serving app and bare over one connection`,
    );
  }
  const c = seed.counts;
  console.log(
    `seeded in ${(seed.seedMs / 1000).toFixed(1)} s (+ vacuum analyze ${(seed.vacuumMs / 1000).toFixed(1)} s; ` +
      `setup total ${((performance.now() - setupStarted) / 1000).toFixed(1)} s): ${c.communities} communities, ` +
      `${c.community_staff} staff, ${c.buildings} buildings, ${c.households} households, ${c.users} users, ` +
      `${c.memberships} memberships, ${c.sessions} sessions, ${c.notices} notices, ${c.notice_reads} notice reads, ` +
      `${c.posts} posts, ${c.post_comments} comments; 议事厅: ${c.votes} votes, ${c.vote_electors} electors, ${c.ballots} ballots; ` +
      `找邻居: ${c.neighbour_cards} cards, ${c.neighbour_blocks} blocks`,
  );

  const tokens = Array.from({ length: DATASET.sessions }, (_, i) => sessionToken(i + 1));
  const voter = () => `Bearer ${voterToken(1 + Math.floor(Math.random() * VOTERS))}`;
  const v = seed.vote;
  const all: Array<{ key: ScenarioKey; name: string; write?: boolean; allowance?: boolean; next: () => Target }> = [
    {
      key: 'memberships',
      name: 'GET /api/memberships',
      next: (): Target => ({ path: '/api/memberships', headers: { authorization: `Bearer ${pick(tokens)}` } }),
    },
    {
      // A resident's notice list in their community: the first page, with unread flags and count.
      key: 'notices',
      name: 'GET notices (first page)',
      next: (): Target => {
        const n = Math.floor(Math.random() * tokens.length);
        return {
          path: `/api/committees/${seed.noticeTargets[n].communityId}/notices`,
          headers: { authorization: `Bearer ${tokens[n]}` },
        };
      },
    },
    {
      key: 'notices-deep',
      name: 'GET notices (deep page)',
      next: (): Target => {
        const n = Math.floor(Math.random() * tokens.length);
        const t = seed.noticeTargets[n];
        return {
          path: `/api/committees/${t.communityId}/notices?cursor=${t.deepCursor}`,
          headers: { authorization: `Bearer ${tokens[n]}` },
        };
      },
    },
    {
      // A resident's 留言板, newest first: the first page, and a page after 1,000 posts.
      key: 'board',
      name: 'GET board (first page)',
      next: (): Target => {
        const n = Math.floor(Math.random() * tokens.length);
        return {
          path: `/api/committees/${seed.noticeTargets[n].communityId}/posts`,
          headers: { authorization: `Bearer ${tokens[n]}` },
        };
      },
    },
    {
      key: 'board-deep',
      name: 'GET board (deep page)',
      next: (): Target => {
        const n = Math.floor(Math.random() * tokens.length);
        const t = seed.noticeTargets[n];
        return {
          path: `/api/committees/${t.communityId}/posts?cursor=${t.boardCursor}`,
          headers: { authorization: `Bearer ${tokens[n]}` },
        };
      },
    },
    {
      // Anonymous, as the public card is usually read.
      key: 'card',
      name: 'GET /api/committees/:id',
      next: (): Target => ({ path: `/api/committees/${pick(seed.communityIds)}` }),
    },
    {
      // 议事厅: a household's ballot cast or changed by one of 10,000 residents (upsert + history).
      key: 'ballot',
      name: 'PUT vote ballot',
      write: true,
      next: (): Target => ({
        method: 'PUT',
        path: `/api/committees/${v.communityId}/votes/${v.castVoteId}/ballot`,
        headers: { authorization: voter() },
        body: JSON.stringify({ optionIds: [pick(v.castOptionIds)] }),
      }),
    },
    {
      // The same residents reading a vote whose results are live: the tally over 5,000 households.
      key: 'tally',
      name: 'GET vote (live tally)',
      next: (): Target => ({
        path: `/api/committees/${v.communityId}/votes/${v.liveVoteId}`,
        headers: { authorization: voter() },
      }),
    },
  ];
  const r = seed.rental;
  const inDays = (n: number) => addDays(chinaClock(new Date()).date, n).date;
  /** A booking of 1–5 days starting in the next 56 days by a random resident. */
  const booking = (itemTypeId: number): Target => {
    const start = 1 + Math.floor(Math.random() * 55);
    return {
      method: 'POST',
      path: `/api/committees/${r.communityId}/rentals/bookings`,
      headers: { authorization: voter() },
      body: JSON.stringify({
        itemTypeId,
        startOn: inDays(start),
        endOn: inDays(start + Math.floor(Math.random() * 5)),
      }),
    };
  };
  all.push(
    {
      // 社区租赁: the 60-day calendar of an item type with 50 units and 10,000 bookings.
      key: 'rental-calendar',
      name: 'GET rental calendar',
      next: (): Target => ({
        path: `/api/committees/${r.communityId}/rentals/items/${r.calendarItemId}/calendar`,
        headers: { authorization: voter() },
      }),
    },
    {
      // Booking a self-service item of 3 units for 1–5 days in the next 60: most answers are 409.
      key: 'rental-book',
      name: 'POST rental booking (full)',
      write: true,
      next: () => booking(r.bookItemId),
    },
    {
      // The same for an item of 1,000 units: the bookings succeed (a unit held, the booking confirmed).
      key: 'rental-book-free',
      name: 'POST rental booking (free)',
      write: true,
      next: () => booking(r.freeItemId),
    },
  );
  const nb = seed.neighbours;
  if (nb) {
    const communities = nb.communities.length;
    const viewersPerCommunity = Math.ceil(nb.perCommunity / NEIGHBOURS.viewerEvery);
    /** A viewer (rotated: the daily ceiling is per viewer) and their community. */
    const viewer = () => {
      const c = Math.floor(Math.random() * communities);
      const k = Math.floor(Math.random() * viewersPerCommunity) * NEIGHBOURS.viewerEvery;
      return { community: nb.communities[c], authorization: `Bearer ${neighbourToken(k * communities + c + 1)}` };
    };
    all.push(
      {
        // 找邻居: the directory by tag in a community of 2,000 listed cards (about 1 in 10 会修电器, tags shown on 3 in 4).
        key: 'neighbour-tag',
        name: 'GET neighbours ?tag=',
        allowance: true,
        next: (): Target => {
          const v = viewer();
          return {
            path: `/api/committees/${v.community.id}/neighbours?tag=${encodeURIComponent('会修电器')}`,
            headers: { authorization: v.authorization },
          };
        },
      },
      {
        // … by building (10 buildings, the building shown on 4 cards in 5).
        key: 'neighbour-building',
        name: 'GET neighbours ?buildingId=',
        allowance: true,
        next: (): Target => {
          const v = viewer();
          return {
            path: `/api/committees/${v.community.id}/neighbours?buildingId=${pick(v.community.buildingIds)}`,
            headers: { authorization: v.authorization },
          };
        },
      },
    );
  }
  const chosen = selectedScenarios();
  const scenarios = all.filter((x) => chosen.has(x.key));

  // The baseline is only a baseline if it answers the same: compare a sample.
  let same = 0;
  let checked = 0;
  for (const scenario of scenarios) {
    for (let i = 0; i < 5; i++) {
      const target = scenario.next();
      // A write goes to the app, then the same to bare: the second is the household's next version.
      const [a, b] = scenario.write
        ? [await get(servers.app.port, target), await get(servers.bare.port, target)].map(withoutVersion)
        : scenario.allowance
          ? sameAllowance(await get(servers.app.port, target), await get(servers.bare.port, target))
          : await Promise.all([get(servers.app.port, target), get(servers.bare.port, target)]);
      checked++;
      if (ANSWERS.has(a.status) && isDeepStrictEqual(a, b)) same++;
      else if (checked - same <= 2) {
        console.log(`  differs: ${target.path}\n    app  ${JSON.stringify(a)}\n    bare ${JSON.stringify(b)}`);
      }
    }
  }
  console.log(`check: app and bare gave identical 200/201/409 replies to ${same}/${checked} sample requests`);

  const label = (server: ServerName) => (server === 'bare' && !barePrepared ? 'bare-unprepared' : server);
  const results: Array<{ scenario: string } & Record<ServerName, { load: LoadResult; cpu: Cpu }>> = [];
  for (const scenario of scenarios) {
    console.log(`\n${scenario.name}   (latency in ms)`);
    const runs: Record<ServerName, Array<{ load: LoadResult; cpu: Cpu }>> = { app: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      const order: ServerName[] = round % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
      for (const server of order) {
        if (interrupted) return;
        const { port, child } = servers[server];
        const load = await runLoad({
          port,
          connections,
          warmupMs: warmup * 1000,
          durationMs: seconds * 1000,
          next: scenario.next,
          sample: () => sample(child),
        });
        runs[server].push({ load, cpu: cpuPerRequest(load) });
        console.log(`  ${pad(label(server), 5)} ${line(load, runs[server].at(-1)!.cpu)}`);
      }
    }
    const row = { app: medianRun(runs.app), bare: medianRun(runs.bare) };
    if (rounds > 1)
      console.log(
        `  median runs: app ${row.app.load.rps.toFixed(0)} req/s, bare ${row.bare.load.rps.toFixed(0)} req/s`,
      );
    const { app, bare } = row;
    console.log(
      `  app/bare: req/s ${ratio(app.load.rps, bare.load.rps)}, p99 ${ratio(app.load.p99, bare.load.p99)}, ` +
        `server CPU per request ${ratio(app.cpu.server, bare.cpu.server)}`,
    );
    results.push({ scenario: scenario.name, ...row });
  }

  const head =
    `${pad('engine', 9)}${pad('scenario', 25)}${pad('server', 7)}${lpad('req/s', 7)}${lpad('p50', 7)}${lpad('p95', 7)}` +
    `${lpad('p99', 7)}${lpad('errors', 7)}${lpad('srv cpu', 9)}${lpad('db cpu', 8)}`;
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const r of results) {
    for (const server of ['app', 'bare'] as const) {
      const { load: x, cpu } = r[server];
      console.log(
        `${pad(engine, 9)}${pad(r.scenario, 25)}${pad(label(server), 7)}${lpad(x.rps.toFixed(0), 7)}` +
          `${lpad(ms(x.p50), 7)}${lpad(ms(x.p95), 7)}${lpad(ms(x.p99), 7)}${lpad(String(x.errors), 7)}` +
          `${lpad(cpu.server.toFixed(2), 9)}${lpad(cpu.db.toFixed(2), 8)}`,
      );
    }
    console.log(
      `${pad(engine, 9)}${pad(r.scenario, 25)}${pad('ratio', 7)}${lpad(ratio(r.app.load.rps, r.bare.load.rps), 7)}` +
        `${lpad('', 14)}${lpad(ratio(r.app.load.p99, r.bare.load.p99), 7)}${lpad('', 7)}` +
        `${lpad(ratio(r.app.cpu.server, r.bare.cpu.server), 9)}${lpad(ratio(r.app.cpu.db, r.bare.cpu.db), 8)}`,
    );
  }
  console.log('(latency in ms; cpu = CPU ms per request; ratio = app/bare)');
  console.log(`load average after: ${loadavg()}`);
}

process.on('unhandledRejection', (error) => {
  console.error('unhandled rejection:', error);
  void cleanup().finally(() => process.exit(1));
});

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (!interrupted) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    exitCode = 1;
  }
} finally {
  await cleanup();
}
if (!interrupted) process.exit(exitCode);
