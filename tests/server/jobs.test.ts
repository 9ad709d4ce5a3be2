import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../server/core/logger';
import type { Database } from '../../server/db/client';
import { jobs } from '../../server/db/schema';
import type { AppDeps } from '../../server/deps';
import {
  createJobRunner,
  defineJob,
  enqueue,
  type JobRegistry,
  PermanentJobError,
  type RunnerOptions,
} from '../../server/platform/jobs';
import { useTestApp } from '../helpers/app';
import { openSecondHandle } from '../helpers/db';
import { auditRows, staff, wechatUser } from '../helpers/fixtures';

const t = useTestApp();
let second: Database;
let seq = 0;
/** Job names are unique per test: a runner only claims the names it knows. */
const uniq = (label: string) => `test.${label}.${seq++}`;

beforeAll(async () => {
  second = await openSecondHandle(t.app.database);
});
afterAll(async () => {
  await second?.close();
});

const LEASE = 60_000;
const BASE = 10_000;

function runner(registry: JobRegistry, options: Partial<RunnerOptions> & { deps?: AppDeps } = {}) {
  const { deps = t.app.deps, ...rest } = options;
  return createJobRunner(deps, registry, {
    workerId: `w${seq++}`,
    leaseMs: LEASE,
    backoff: { baseMs: BASE, maxMs: 3_600_000 },
    ...rest,
  });
}

/** The same app, as a second instance: its own pool on a real server. */
const secondInstance = (): AppDeps => ({ ...t.app.deps, database: second });

async function job(id: number | null) {
  const [row] = await t.app.database.db
    .select()
    .from(jobs)
    .where(eq(jobs.id, id ?? 0));
  return row;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A handler that counts its calls and records payloads. */
function recorder() {
  const calls: unknown[] = [];
  return { calls, run: async (payload: unknown) => void calls.push(payload) };
}

describe('enqueue and runDue', () => {
  it('a job enqueued in a transaction that rolls back does not exist; a committed one runs once', async () => {
    const name = uniq('tx');
    const r = recorder();
    const runs = runner({ [name]: defineJob({ run: r.run }) });
    await t.app.database.db
      .transaction(async (tx) => {
        await enqueue(tx, { name, payload: { n: 'rolled back' } });
        throw new Error('abort');
      })
      .catch(() => {});
    const id = await t.app.database.db.transaction((tx) => enqueue(tx, { name, payload: { n: 'kept' } }));

    expect(await runs.runDue()).toEqual({ done: 1, failed: 0 });
    expect(r.calls).toEqual([{ n: 'kept' }]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, leaseUntil: null });
    expect((await job(id)).finishedAt).toEqual(t.app.clock());
    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    expect(r.calls).toHaveLength(1);
  });

  it('a second enqueue with the same key is ignored', async () => {
    const name = uniq('key');
    const r = recorder();
    const first = await enqueue(t.app.database.db, { name, payload: { n: 1 }, key: `${name}:42` });
    const again = await enqueue(t.app.database.db, { name, payload: { n: 2 }, key: `${name}:42` });
    expect(first).toEqual(expect.any(Number));
    expect(again).toBeNull();
    await runner({ [name]: defineJob({ run: r.run }) }).runDue();
    expect(r.calls).toEqual([{ n: 1 }]);
  });

  it('a runner leaves alone jobs whose name it does not know', async () => {
    const known = uniq('known');
    const unknown = uniq('unknown');
    const id = await enqueue(t.app.database.db, { name: unknown });
    await runner({ [known]: defineJob({ run: async () => {} }) }).runDue();
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a scheduled job does not run before its time and runs once the clock passes it', async () => {
    const name = uniq('scheduled');
    const r = recorder();
    const runs = runner({ [name]: defineJob({ run: r.run }) });
    const runAt = new Date(t.app.clock().getTime() + 3_600_000);
    const id = await enqueue(t.app.database.db, { name, runAt });

    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    t.app.clock.advance(3_600_000 - 1);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 0 });
    t.app.clock.advance(1);
    expect(await runs.runDue()).toEqual({ done: 1, failed: 0 });
    expect(r.calls).toHaveLength(1);
  });
});

describe('retries', () => {
  it('a failing job is retried after 10 s, then 20 s, and is dead with its last error after max attempts', async () => {
    const name = uniq('failing');
    let calls = 0;
    const runs = runner({
      [name]: defineJob({
        run: async () => {
          calls += 1;
          throw new Error(`门牌号不存在 (try ${calls})`);
        },
      }),
    });
    const id = await enqueue(t.app.database.db, { name, maxAttempts: 3 });

    expect(await runs.runDue()).toEqual({ done: 0, failed: 1 });
    let row = await job(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null });
    expect(row.lastError).toContain('门牌号不存在 (try 1)');
    expect(row.runAt?.getTime()).toBe(t.app.clock().getTime() + BASE);

    // Not before the backoff has passed.
    t.app.clock.advance(BASE - 1);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    t.app.clock.advance(1);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 1 });
    row = await job(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.runAt?.getTime()).toBe(t.app.clock().getTime() + 2 * BASE);

    t.app.clock.advance(2 * BASE - 1);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    t.app.clock.advance(1);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 1 });
    row = await job(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lockedBy: null });
    expect(row.lastError).toContain('门牌号不存在 (try 3)');
    expect(row.finishedAt).toEqual(t.app.clock());

    // Dead stays dead, whatever the time.
    t.app.clock.advance(86_400_000);
    expect(await runs.runDue()).toEqual({ done: 0, failed: 0 });
    expect(calls).toBe(3);
  });

  it('a job that succeeds on its second attempt ends done with 2 attempts', async () => {
    const name = uniq('flaky');
    let calls = 0;
    const runs = runner({
      [name]: defineJob({
        run: async (_p, _ctx, info) => {
          calls += 1;
          if (info.attempt === 1) throw new Error('busy');
        },
      }),
    });
    const id = await enqueue(t.app.database.db, { name });
    await runs.runDue();
    t.app.clock.advance(BASE);
    expect(await runs.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('a PermanentJobError or a payload that does not parse makes the job dead at once', async () => {
    const permanent = uniq('permanent');
    const typed = uniq('typed');
    let typedCalls = 0;
    const runs = runner({
      [permanent]: defineJob({
        run: async () => {
          throw new PermanentJobError('这个用户已注销');
        },
      }),
      [typed]: defineJob({
        payload: z.object({ userId: z.number().int() }),
        run: async () => {
          typedCalls += 1;
        },
      }),
    });
    const a = await enqueue(t.app.database.db, { name: permanent });
    const b = await enqueue(t.app.database.db, { name: typed, payload: { userId: 'not a number' } });
    expect(await runs.runDue()).toEqual({ done: 0, failed: 2 });
    expect(await job(a)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await job(a)).lastError).toContain('这个用户已注销');
    expect(await job(b)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(typedCalls).toBe(0);
  });
});

describe('leases', () => {
  it('a running job is not taken by a second runner while its lease holds, and is taken over once it expires', async () => {
    const name = uniq('lease');
    const lines: string[] = [];
    const hang = deferred();
    const started = deferred();
    let calls = 0;
    const definition = defineJob({
      run: async () => {
        calls += 1;
        if (calls === 1) {
          started.resolve();
          await hang.promise;
        }
      },
    });
    const a = runner(
      { [name]: definition },
      { deps: { ...t.app.deps, logger: createLogger('debug', (l) => lines.push(l)) }, workerId: 'runner-a' },
    );
    const b = runner({ [name]: definition }, { deps: secondInstance(), workerId: 'runner-b' });
    const id = await enqueue(t.app.database.db, { name });

    const roundA = a.runDue();
    await started.promise;
    expect(await job(id)).toMatchObject({ status: 'running', lockedBy: 'runner-a', attempts: 1 });
    expect((await job(id)).leaseUntil?.getTime()).toBe(t.app.clock().getTime() + LEASE);

    expect(await b.runDue()).toEqual({ done: 0, failed: 0 });
    t.app.clock.advance(LEASE - 1);
    expect(await b.runDue()).toEqual({ done: 0, failed: 0 });
    t.app.clock.advance(2);
    expect(await b.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });

    // Runner A comes back: its outcome is not written over B's.
    hang.resolve();
    await roundA;
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(lines.join('\n')).toContain('job lease lost');
    expect(calls).toBe(2);
  });

  it('a job whose last attempt lost its runner goes dead instead of running again', async () => {
    const name = uniq('last-lease');
    const hang = deferred();
    const started = deferred();
    let calls = 0;
    const definition = defineJob({
      run: async () => {
        calls += 1;
        started.resolve();
        await hang.promise;
      },
    });
    const a = runner({ [name]: definition });
    const b = runner({ [name]: definition }, { deps: secondInstance() });
    const id = await enqueue(t.app.database.db, { name, maxAttempts: 1 });
    const roundA = a.runDue();
    await started.promise;
    t.app.clock.advance(LEASE + 1);
    expect(await b.runDue()).toEqual({ done: 0, failed: 1 });
    const row = await job(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.lastError).toContain('never finished');
    hang.resolve();
    await roundA;
    expect(calls).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'dead' });
  });

  it('stop() waits for the job in hand and claims nothing after it', async () => {
    const name = uniq('stop');
    const release = deferred();
    const started = deferred();
    const ran: number[] = [];
    const runs = runner(
      {
        [name]: defineJob({
          payload: z.object({ n: z.number() }),
          run: async ({ n }) => {
            started.resolve();
            if (n === 1) await release.promise;
            ran.push(n);
          },
        }),
      },
      { pollMs: 60_000 },
    );
    const first = await enqueue(t.app.database.db, { name, payload: { n: 1 } });
    const next = await enqueue(t.app.database.db, { name, payload: { n: 2 } });
    runs.start();
    await started.promise;
    let stopped = false;
    const stopping = runs.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(ran).toEqual([1]);
    expect(await job(first)).toMatchObject({ status: 'done' });
    expect(await job(next)).toMatchObject({ status: 'queued', attempts: 0 });
  });
});

describe('several runners on one database', () => {
  it('two runners racing run each of 40 jobs exactly once', async () => {
    const name = uniq('race');
    const seen: number[] = [];
    const definition = defineJob({
      payload: z.object({ n: z.number() }),
      run: async ({ n }) => {
        seen.push(n);
      },
    });
    for (let n = 0; n < 40; n++) await enqueue(t.app.database.db, { name, payload: { n } });
    const a = runner({ [name]: definition }, { concurrency: 3 });
    const b = runner({ [name]: definition }, { concurrency: 3, deps: secondInstance() });
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra.done + rb.done).toBe(40);
    expect(seen.toSorted((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from jobs where name = ${name} and status = 'done' and attempts = 1`;
    expect(n).toBe(40);
  });

  it('a periodic job runs once per period while two runners race, and again in the next period', async () => {
    const name = uniq('periodic');
    let runs = 0;
    const definition = defineJob({
      everyMinutes: 5,
      run: async () => {
        runs += 1;
      },
    });
    const a = runner({ [name]: definition });
    const b = runner({ [name]: definition }, { deps: secondInstance() });
    // Start at the beginning of a period so that moving 4 minutes stays inside it.
    const period = 5 * 60_000;
    t.app.clock.set(new Date(Math.ceil(t.app.clock().getTime() / period) * period));

    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(runs).toBe(1);
    t.app.clock.advance(4 * 60_000);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(runs).toBe(1);
    t.app.clock.advance(60_000);
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(runs).toBe(2);
    const rows = await t.app.database.sql<{ key: string; status: string }[]>`
      select key, status from jobs where name = ${name} order by id`;
    expect(rows.map((r) => r.status)).toEqual(['done', 'done']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});

describe('GET /api/admin/jobs and POST /api/admin/jobs/:jobId/retry', () => {
  async function deadJob(name: string, payload: unknown = {}) {
    const runs = runner({
      [name]: defineJob({
        run: async () => {
          throw new PermanentJobError('模板不存在');
        },
      }),
    });
    const id = await enqueue(t.app.database.db, { name, payload });
    await runs.runDue();
    return id as number;
  }

  it('lists dead jobs newest first with their last error and without their payload', async () => {
    const admin = await staff(t.app, { admin: true });
    const older = await deadJob(uniq('dead'), { phone: '13800138000' });
    const newer = await deadJob(uniq('dead'), { phone: '13900139000' });
    await enqueue(t.app.database.db, { name: uniq('queued') });

    const res = await t.app.call('GET', '/api/admin/jobs?status=dead&limit=2', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((j: { id: number }) => j.id)).toEqual([newer, older]);
    expect(res.body.items[0]).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: expect.stringContaining('模板不存在'),
    });
    expect(Object.keys(res.body.items[0]).sort()).toEqual([
      'attempts',
      'createdAt',
      'finishedAt',
      'id',
      'lastError',
      'maxAttempts',
      'name',
      'runAt',
      'status',
      'updatedAt',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('138001');
    expect(res.body.items.every((j: { status: string }) => j.status === 'dead')).toBe(true);

    const page2 = await t.app.call('GET', `/api/admin/jobs?status=dead&before=${older}&limit=100`, {
      token: admin.token,
    });
    expect(page2.body.items.every((j: { id: number }) => j.id < older)).toBe(true);
    const all = await t.app.call('GET', '/api/admin/jobs', { token: admin.token });
    expect(all.body.items.some((j: { status: string }) => j.status === 'queued')).toBe(true);
  });

  it('a resident may not list jobs (403), and an unknown status is a 400', async () => {
    const admin = await staff(t.app, { admin: true });
    const resident = await wechatUser(t.app);
    expect((await t.app.call('GET', '/api/admin/jobs', { token: resident.token })).status).toBe(403);
    expect((await t.app.call('GET', '/api/admin/jobs?status=lost', { token: admin.token })).status).toBe(400);
  });

  it('retry puts a dead job back in the queue with fresh attempts, audited, and the runner runs it again', async () => {
    const admin = await staff(t.app, { admin: true });
    const name = uniq('retry');
    const id = await deadJob(name);

    const res = await t.app.call('POST', `/api/admin/jobs/${id}/retry`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'queued', attempts: 0, runAt: t.app.clock().toISOString() });
    const audit = await auditRows(t.app, 'job.retry', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.userId,
      community_id: null,
      before: { status: 'dead', attempts: 1, name },
      after: { status: 'queued', attempts: 0 },
    });

    const r = recorder();
    expect(await runner({ [name]: defineJob({ run: r.run }) }).runDue()).toEqual({ done: 1, failed: 0 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });

    // Only a dead job can be retried; an unknown one is a 404.
    const again = await t.app.call('POST', `/api/admin/jobs/${id}/retry`, { token: admin.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await auditRows(t.app, 'job.retry', id)).toHaveLength(1);
    const missing = await t.app.call('POST', '/api/admin/jobs/2147483000/retry', { token: admin.token });
    expect(missing.status).toBe(404);
  });
});
