/**
 * Behaviour that must hold when several instances of the server run side by side on
 * one database and one Redis (tests/helpers/instances.ts starts them).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { redisRateLimits } from '../../server/core/rate-limit';
import { decoyPasswordHash, verifyPassword } from '../../server/security/crypto';
import type { TestApp } from '../helpers/app';
import { STAFF_PASSWORD, staff } from '../helpers/fixtures';
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
