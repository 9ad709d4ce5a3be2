/**
 * Behaviour that must hold when several instances of the server run side by side on
 * one database and one Redis (tests/helpers/instances.ts starts them).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { redisRateLimits } from '../../server/core/rate-limit';
import { createJobRunner, defineJob, platformJobs } from '../../server/platform/jobs';
import { appendOutbox } from '../../server/platform/outbox';
import { decoyPasswordHash, verifyPassword } from '../../server/security/crypto';
import type { TestApp } from '../helpers/app';
import { STAFF_PASSWORD, staff, wechatUser } from '../helpers/fixtures';
import { type Instances, useInstances } from '../helpers/instances';

const PER_IP = 6;
const PER_OPENID = 3;
const MAX_FAILURES = 3;

/** Password checks against real hashes, per instance. */
const realChecks = [0, 0];

// Behind a proxy each test can come from an address of its own, so counters never mix.
const config = {
  TRUST_PROXY: true,
  SIGNIN_LIMIT_PER_IP: PER_IP,
  SIGNIN_LIMIT_PER_OPENID: PER_OPENID,
  PASSWORD_MAX_FAILURES: MAX_FAILURES,
};
const shared = useInstances({
  config,
  deps: (index) => ({
    verifyPassword: (password, stored) => {
      if (stored !== decoyPasswordHash) realChecks[index]++;
      return verifyPassword(password, stored);
    },
  }),
});

let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

const wechatSignIn = (app: TestApp, code: string, ip: string) =>
  app.call('POST', '/api/auth/wechat', { body: { code }, headers: { 'x-forwarded-for': ip } });
const passwordSignIn = (app: TestApp, username: string, password: string, ip: string) =>
  app.call('POST', '/api/auth/password', { body: { username, password }, headers: { 'x-forwarded-for': ip } });

const statuses = (replies: { status: number }[]) => replies.map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe('two instances on one database and one Redis', () => {
  it('share the sign-in limit per IP: sign-ins split across both stop at the configured total', async () => {
    const g: Instances = shared.group;
    expect(g.apps).toHaveLength(2);
    expect(g.apps[0].deps.rateLimits?.kind).toBe('redis');
    const ip = freshIp();
    const total = PER_IP + 4;
    const replies = await Promise.all(
      Array.from({ length: total }, (_, i) => wechatSignIn(g.roundRobin(i), `per-ip-${ip}-${i}`, ip)),
    );
    const list = statuses(replies);
    expect(count(list, 200)).toBe(PER_IP);
    expect(count(list, 429)).toBe(total - PER_IP);
    for (const r of replies.filter((r) => r.status === 429)) expect(r.body.error.code).toBe('RATE_LIMITED');

    // Either instance now refuses this address, and another address is not held back.
    for (const app of g.apps) expect((await wechatSignIn(app, `per-ip-late-${app.url}`, ip)).status).toBe(429);
    expect((await wechatSignIn(g.apps[1], 'per-ip-other', freshIp())).status).toBe(200);

    // The next minute, both count from zero again.
    g.clock.advance(61_000);
    expect((await wechatSignIn(g.apps[0], 'per-ip-next-minute', ip)).status).toBe(200);
  });

  it('share the limit per WeChat user: one person signing in through both stops at the configured total', async () => {
    const g = shared.group;
    const replies: number[] = [];
    // One after another, alternating, from different addresses: only the openid is common.
    for (let i = 0; i < PER_OPENID + 2; i++) {
      replies.push((await wechatSignIn(g.roundRobin(i), 'same-person-everywhere', freshIp())).status);
    }
    expect(replies).toEqual([...Array.from({ length: PER_OPENID }, () => 200), 429, 429]);
  });

  it('share the lockout of an unknown username: failures on both count toward one lock', async () => {
    const g = shared.group;
    const ghost = `ghost_${Date.now()}`;
    const codes: string[] = [];
    for (let i = 0; i < MAX_FAILURES + 1; i++) {
      const res = await passwordSignIn(g.roundRobin(i), ghost, `guess ${i}`, freshIp());
      codes.push(res.body.error.code);
    }
    expect(codes).toEqual([
      ...Array.from({ length: MAX_FAILURES - 1 }, () => 'BAD_CREDENTIALS'),
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
    ]);
  });

  it('check at most PASSWORD_MAX_FAILURES passwords of one account between them, however a burst is split', async () => {
    const g = shared.group;
    const s = await staff(g.apps[0], {});
    const before = realChecks[0] + realChecks[1];
    const burst = 20;
    const replies = await Promise.all(
      Array.from({ length: burst }, (_, i) => passwordSignIn(g.roundRobin(i), s.username, `guess ${i}`, freshIp())),
    );
    expect(realChecks[0] + realChecks[1] - before).toBe(MAX_FAILURES);
    const list = statuses(replies);
    expect(count(list, 401)).toBe(MAX_FAILURES - 1);
    expect(count(list, 429)).toBe(burst - MAX_FAILURES + 1);
    for (const app of g.apps) {
      expect((await passwordSignIn(app, s.username, STAFF_PASSWORD, freshIp())).status).toBe(429);
    }
  });
});

describe('two instances share the job runner', () => {
  /** Each instance runs its own runner on its own dependencies, as `npm start` does. */
  const runners = (g: Instances, registry: Parameters<typeof createJobRunner>[1]) =>
    g.apps.map((app, i) => createJobRunner(app.deps, registry, { workerId: `instance-${i}`, concurrency: 2 }));

  it('a periodic job runs once per period, however many rounds both instances run', async () => {
    const g = shared.group;
    let runs = 0;
    const name = `instances.tick.${Date.now()}`;
    const [a, b] = runners(g, { [name]: defineJob({ everyMinutes: 10, run: async () => void runs++ }) });
    const period = 10 * 60_000;
    g.clock.set(new Date(Math.ceil(g.clock().getTime() / period) * period + 1000));
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    g.clock.advance(5 * 60_000);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(runs).toBe(1);
    g.clock.advance(5 * 60_000);
    await Promise.all([a.runDue(), b.runDue(), b.runDue()]);
    expect(runs).toBe(2);
  });

  it('an outbox row written by one instance is delivered once while both deliver', async () => {
    const g = shared.group;
    const user = await wechatUser(g.apps[0], 'outbox-instances');
    const keys = Array.from({ length: 12 }, (_, n) => `instances-${user.userId}-${n}`);
    await g.database.db.transaction(async (tx) => {
      for (const key of keys) {
        await appendOutbox(tx, {
          kind: 'message',
          key,
          payload: { userId: user.userId, kind: 'test.instances', title: '测试消息', body: '两台服务器', link: null },
        });
      }
    });
    const [a, b] = runners(g, platformJobs());
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    const delivered = await g.database.sql<{ key: string }[]>`
      select key from messages where user_id = ${user.userId} order by key`;
    expect(delivered.map((m) => m.key)).toEqual([...keys].sort());
    const pending = await g.database.sql<{ n: number }[]>`
      select count(*)::int as n from outbox where key = any(${keys}) and delivered_at is null`;
    expect(pending[0].n).toBe(0);
  });
});

describe('two instances counting in their own memory (no Redis)', () => {
  const separate = useInstances({ config, store: 'memory' });

  it('each allows the full limit, so together they allow twice as many: what Redis prevents', async () => {
    const g = separate.group;
    const ip = freshIp();
    const total = PER_IP * 2 + 2;
    const list: number[] = [];
    for (let i = 0; i < total; i++) list.push((await wechatSignIn(g.roundRobin(i), `memory-${i}`, ip)).status);
    expect(count(list, 200)).toBe(PER_IP * 2);
  });
});

describe('REDIS_URL', () => {
  it('a Redis that cannot be reached stops the start with a message naming the variable', async () => {
    await expect(redisRateLimits('redis://127.0.0.1:1', 'sqy-test:')).rejects.toThrow(/REDIS_URL/);
  });

  it('must be a redis:// URL', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_KEY_PREFIX).toBe('sqy:');
  });
});
