import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decoyPasswordHash, sha256, verifyPassword } from '../../server/security/crypto';
import { errorCatalog } from '../../shared/errors';
import { startTestApp, type TestApp, useTestApp } from '../helpers/app';
import { createCommunity, pendingUser, resident, STAFF_PASSWORD, staff, wechatUser } from '../helpers/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const t = useTestApp({ config: { PASSWORD_MAX_FAILURES: 3, PASSWORD_LOCK_MINUTES: 15, SESSION_TTL_HOURS: 24 } });

const passwordSignIn = (username: string, password: string, app: TestApp = t.app) =>
  app.call('POST', '/api/auth/password', { body: { username, password } });

const me = (token: string | null) => t.app.call('GET', '/api/me', { token });

/** Signs the same WeChat user in again (the local adapter keeps the openid per code). */
async function signInAgain(code: string) {
  const res = await t.app.call('POST', '/api/auth/wechat', { body: { code } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

async function sessionRow(token: string) {
  const [row] = await t.app.database.sql<
    { id: number; user_id: number; revoked_at: Date | null; token_hash: string }[]
  >`
    select id, user_id, revoked_at, token_hash from sessions where token_hash = ${sha256(token)}`;
  return row;
}

describe('POST /api/auth/password', () => {
  it('signs a staff account in with a token, the user and a password session', async () => {
    const s = await staff(t.app, {});
    const res = await passwordSignIn(s.username, STAFF_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({ id: s.userId, isStaff: true, isAdmin: false });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt/);
    expect(Date.parse(res.body.expiresAt)).toBe(t.app.clock().getTime() + 24 * HOUR);

    const row = await sessionRow(res.body.token);
    expect(row.user_id).toBe(s.userId);
    const [kind] = await t.app.database.sql`select kind from sessions where id = ${row.id}`;
    expect(kind.kind).toBe('password');
  });

  it('accepts the username in any letter case', async () => {
    const s = await staff(t.app, {});
    const res = await passwordSignIn(s.username.toUpperCase(), STAFF_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(s.userId);
  });

  it('a wrong password and an unknown username get the same 401 BAD_CREDENTIALS', async () => {
    const s = await staff(t.app, {});
    const wrong = await passwordSignIn(s.username, 'not the password');
    const unknown = await passwordSignIn('nobody_by_this_name', STAFF_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 'BAD_CREDENTIALS', message: errorCatalog.BAD_CREDENTIALS.message, details: { remaining: 2 } },
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('a WeChat-only user cannot be signed in with a password', async () => {
    const u = await wechatUser(t.app);
    await t.app.database.sql`update users set username = ${`wx_${u.userId}`} where id = ${u.userId}`;
    const res = await passwordSignIn(`wx_${u.userId}`, '');
    expect(res.status).toBe(400);
    const res2 = await passwordSignIn(`wx_${u.userId}`, 'anything');
    expect(res2.status).toBe(401);
    expect(res2.body.error.code).toBe('BAD_CREDENTIALS');
  });

  it('locks the account after PASSWORD_MAX_FAILURES wrong passwords, even for the right one, until the lock ends', async () => {
    const s = await staff(t.app, {});
    for (let i = 0; i < 2; i++) {
      const res = await passwordSignIn(s.username, `wrong ${i}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('BAD_CREDENTIALS');
      // How many tries are left before the lock.
      expect(res.body.error.details).toEqual({ remaining: 2 - i });
    }
    const third = await passwordSignIn(s.username, 'wrong 2');
    expect(third.status).toBe(429);
    // The failure that takes the lock says until when.
    expect(third.body).toEqual({
      error: {
        code: 'ACCOUNT_LOCKED',
        message: errorCatalog.ACCOUNT_LOCKED.message,
        details: { lockedUntil: new Date(t.app.clock().getTime() + 15 * MINUTE).toISOString() },
      },
    });
    const [lock] = await t.app.database.sql`select locked_until from users where id = ${s.userId}`;
    expect(new Date(lock.locked_until).getTime()).toBe(t.app.clock().getTime() + 15 * MINUTE);

    const locked = await passwordSignIn(s.username, STAFF_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.error).not.toHaveProperty('details');
    expect(locked.headers.get('retry-after')).toBeTruthy();

    t.app.clock.advance(14 * MINUTE);
    expect((await passwordSignIn(s.username, STAFF_PASSWORD)).status).toBe(429);

    t.app.clock.advance(2 * MINUTE);
    const after = await passwordSignIn(s.username, STAFF_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body.user.id).toBe(s.userId);
    const [row] = await t.app.database.sql`select failed_logins, locked_until from users where id = ${s.userId}`;
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a successful sign-in clears the count of wrong passwords', async () => {
    const s = await staff(t.app, {});
    expect((await passwordSignIn(s.username, 'wrong')).status).toBe(401);
    expect((await passwordSignIn(s.username, 'wrong')).status).toBe(401);
    expect((await passwordSignIn(s.username, STAFF_PASSWORD)).status).toBe(200);
    expect((await passwordSignIn(s.username, 'wrong')).status).toBe(401);
    expect((await passwordSignIn(s.username, 'wrong')).status).toBe(401);
    expect((await passwordSignIn(s.username, STAFF_PASSWORD)).status).toBe(200);
  });

  it('an unknown username locks after as many failures as a real one, so lockout reveals nothing', async () => {
    const real = await staff(t.app, {});
    const ghost = `nobody_${Date.now()}`;
    const replies = async (username: string) => {
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) codes.push((await passwordSignIn(username, `guess ${i}`)).body.error.code);
      return codes;
    };
    const forReal = await replies(real.username);
    expect(forReal).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
    expect(await replies(ghost)).toEqual(forReal);
  });

  it('many wrong passwords at once still lock the account', async () => {
    const s = await staff(t.app, {});
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => passwordSignIn(s.username, `guess ${i}`)));
    expect(replies.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(replies.some((r) => r.body.error.code === 'ACCOUNT_LOCKED')).toBe(true);
    const right = await passwordSignIn(s.username, STAFF_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
  });
});

/**
 * A password check tests can count and hold: while the gate is closed, checks against
 * a real hash wait until it opens; checks against the decoy (unknown or locked
 * accounts) never wait.
 */
function gatedCheck() {
  const checks = { real: 0, decoy: 0 };
  let waiting: (() => void)[] = [];
  let closed = false;
  let onWait = () => {};
  return {
    checks,
    async verify(password: string, stored: string) {
      if (stored === decoyPasswordHash) checks.decoy++;
      else {
        checks.real++;
        if (closed) {
          const released = new Promise<void>((resolve) => waiting.push(resolve));
          onWait();
          await released;
        }
      }
      return verifyPassword(password, stored);
    },
    waiting: () => waiting.length,
    /** Holds real checks from now on; `whenWaiting` runs each time one starts waiting. */
    close(whenWaiting: () => void) {
      closed = true;
      onWait = whenWaiting;
    },
    open() {
      closed = false;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}

describe('password sign-in under a burst of attempts', () => {
  const MAX = 5;
  const BURST = 30;
  let app: TestApp;
  const gate = gatedCheck();
  beforeAll(async () => {
    app = await startTestApp({
      database: t.app.database,
      config: { PASSWORD_MAX_FAILURES: MAX, PASSWORD_LOCK_MINUTES: 15 },
      deps: { verifyPassword: (password, stored) => gate.verify(password, stored) },
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  const signIn = (username: string, password: string) => passwordSignIn(username, password, app);

  it(`${BURST} wrong passwords at once: exactly ${MAX} are checked, the rest are refused, the account locks`, async () => {
    const s = await staff(app, {});
    const before = { ...gate.checks };
    const replies = await Promise.all(Array.from({ length: BURST }, (_, i) => signIn(s.username, `guess ${i}`)));
    expect(gate.checks.real - before.real).toBe(MAX);
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((x) => x === 401)).toHaveLength(MAX - 1);
    expect(statuses.filter((x) => x === 429)).toHaveLength(BURST - MAX + 1);
    for (const r of replies.filter((r) => r.status === 429)) expect(r.body.error.code).toBe('ACCOUNT_LOCKED');
    // Every refused attempt still cost a (decoy) check, like any other attempt.
    expect(gate.checks.decoy - before.decoy).toBe(BURST - MAX);
    const [row] = await app.database.sql`select locked_until from users where id = ${s.userId}`;
    expect(new Date(row.locked_until).getTime()).toBe(app.clock().getTime() + 15 * MINUTE);
    expect((await signIn(s.username, STAFF_PASSWORD)).status).toBe(429);
  });

  it('the right password inside the burst gets 429 too, and does not lift the lock', async () => {
    const s = await staff(app, {});
    const before = gate.checks.real;
    // Hold the checks until every attempt is either answered or waiting to be checked,
    // so the burst is complete before any check (the right one included) can finish.
    let answered = 0;
    const openWhenAllArrived = () => {
      if (answered + gate.waiting() === BURST) gate.open();
    };
    gate.close(openWhenAllArrived);
    const passwords = Array.from({ length: BURST }, (_, i) => (i === BURST - 1 ? STAFF_PASSWORD : `guess ${i}`));
    const replies = await Promise.all(
      passwords.map((password) =>
        signIn(s.username, password).finally(() => {
          answered++;
          openWhenAllArrived();
        }),
      ),
    ).finally(() => gate.open());

    expect(gate.checks.real - before).toBe(MAX);
    const right = replies[BURST - 1];
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(replies.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(replies.filter((r) => r.status === 401).length).toBeLessThan(MAX);

    const [row] = await app.database.sql`select locked_until from users where id = ${s.userId}`;
    expect(new Date(row.locked_until).getTime()).toBe(app.clock().getTime() + 15 * MINUTE);
    expect((await signIn(s.username, STAFF_PASSWORD)).status).toBe(429);
    const [sessions] = await app.database.sql`select count(*)::int as n from sessions where user_id = ${s.userId}`;
    expect(sessions.n).toBe(1); // only the fixture's own
  });

  it('a locked account and an unknown username give identical replies after the same work', async () => {
    const real = await staff(app, {});
    const ghost = `nobody_${Date.now()}`;
    for (let i = 0; i < MAX; i++) {
      const r = await signIn(real.username, `wrong ${i}`);
      const g = await signIn(ghost, `wrong ${i}`);
      // Tries left and the lock time read the same for both, failure by failure.
      expect(g.status).toBe(r.status);
      expect(g.body).toEqual(r.body);
    }
    const checked = async (username: string) => {
      const before = { ...gate.checks };
      const res = await signIn(username, STAFF_PASSWORD);
      return { res, real: gate.checks.real - before.real, decoy: gate.checks.decoy - before.decoy };
    };
    const a = await checked(real.username);
    const b = await checked(ghost);
    expect(a.res.status).toBe(429);
    expect(b.res.status).toBe(429);
    expect(a.res.body).toEqual({ error: { code: 'ACCOUNT_LOCKED', message: errorCatalog.ACCOUNT_LOCKED.message } });
    expect(b.res.body).toEqual(a.res.body);
    expect(b.res.headers.get('retry-after')).toBe(a.res.headers.get('retry-after'));
    expect(b.res.headers.get('content-type')).toBe(a.res.headers.get('content-type'));
    // The same work: one scrypt against the decoy hash each.
    expect([a.real, a.decoy]).toEqual([0, 1]);
    expect([b.real, b.decoy]).toEqual([0, 1]);
  });
});

describe('sign-in rate limits per IP', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ database: t.app.database, config: { SIGNIN_LIMIT_PER_IP: 3 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 RATE_LIMITED past SIGNIN_LIMIT_PER_IP sign-ins a minute, for WeChat and password alike', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await limited.call('POST', '/api/auth/wechat', { body: { code: `ip-limit-${i}` } });
      expect(res.status).toBe(200);
    }
    const over = await limited.call('POST', '/api/auth/wechat', { body: { code: 'ip-limit-3' } });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toBe('60');

    const s = await staff(t.app, {});
    const password = await passwordSignIn(s.username, STAFF_PASSWORD, limited);
    expect(password.status).toBe(429);
    expect(password.body.error.code).toBe('RATE_LIMITED');

    // A forged X-Forwarded-For does not buy a fresh allowance while TRUST_PROXY is off.
    const forged = await limited.call('POST', '/api/auth/wechat', {
      body: { code: 'ip-limit-4' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forged.status).toBe(429);

    limited.clock.advance(61_000);
    expect((await passwordSignIn(s.username, STAFF_PASSWORD, limited)).status).toBe(200);
  });
});

describe('sign-in rate limits per openid', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ database: t.app.database, config: { SIGNIN_LIMIT_PER_OPENID: 2 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 RATE_LIMITED when one WeChat user signs in more than SIGNIN_LIMIT_PER_OPENID times a minute', async () => {
    const signIn = (code: string) => limited.call('POST', '/api/auth/wechat', { body: { code } });
    expect((await signIn('same-person')).status).toBe(200);
    expect((await signIn('same-person')).status).toBe(200);
    const over = await signIn('same-person');
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');

    // Someone else from the same place is not held back.
    expect((await signIn('another-person')).status).toBe(200);
    limited.clock.advance(61_000);
    expect((await signIn('same-person')).status).toBe(200);
  });
});

describe('bearer tokens', () => {
  it('GET /api/me without a token is 401 UNAUTHENTICATED', async () => {
    const res = await me(null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['an unknown token', { authorization: `Bearer ${'x'.repeat(43)}` }],
    ['a short token', { authorization: 'Bearer abc' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['characters outside base64url', { authorization: `Bearer ${'x'.repeat(30)}';--` }],
  ])('GET /api/me with %s is 401 UNAUTHENTICATED', async (_label, headers) => {
    const res = await t.app.call('GET', '/api/me', { headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('stores only the SHA-256 of the token in sessions.token_hash', async () => {
    const u = await wechatUser(t.app);
    const rows = await t.app.database.sql<{ token_hash: string }[]>`
      select token_hash from sessions where user_id = ${u.userId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(u.token));
    expect(rows[0].token_hash).not.toContain(u.token);
    const everything = JSON.stringify(await t.app.database.sql`select * from sessions where user_id = ${u.userId}`);
    expect(everything).not.toContain(u.token);
  });

  it('a session expires SESSION_TTL_HOURS after sign-in: 401 SESSION_EXPIRED', async () => {
    const u = await wechatUser(t.app);
    t.app.clock.advance(23 * HOUR);
    expect((await me(u.token)).status).toBe(200);
    t.app.clock.advance(1 * HOUR + 1000);
    const res = await me(u.token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');

    // A new sign-in works and the expired session is no longer listed.
    const fresh = await signInAgain(u.code);
    const list = await t.app.call('GET', '/api/auth/sessions', { token: fresh });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].current).toBe(true);
  });
});

describe('sessions', () => {
  it('GET /api/auth/sessions lists both sessions of a user signed in twice, marking the current one', async () => {
    const u = await wechatUser(t.app);
    const second = await signInAgain(u.code);
    const res = await t.app.call('GET', '/api/auth/sessions', { token: second });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const current = res.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].id).toBe((await sessionRow(second)).id);
    expect(current[0].kind).toBe('wechat');
    expect(res.body.items.map((s: { id: number }) => s.id).sort()).toEqual(
      [(await sessionRow(u.token)).id, (await sessionRow(second)).id].sort(),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/token|hash|"ip"/i);
  });

  it('POST /api/auth/logout ends this session only', async () => {
    const u = await wechatUser(t.app);
    const other = await signInAgain(u.code);
    const res = await t.app.call('POST', '/api/auth/logout', { token: u.token });
    expect(res.status).toBe(204);
    expect((await me(u.token)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
    expect((await sessionRow(u.token)).revoked_at).not.toBeNull();
    const list = await t.app.call('GET', '/api/auth/sessions', { token: other });
    expect(list.body.items).toHaveLength(1);
  });

  it('DELETE /api/auth/sessions/:id revokes another of my sessions', async () => {
    const u = await wechatUser(t.app);
    const phone = await signInAgain(u.code);
    const target = await sessionRow(phone);
    const res = await t.app.call('DELETE', `/api/auth/sessions/${target.id}`, { token: u.token });
    expect(res.status).toBe(204);
    expect((await me(phone)).status).toBe(401);
    expect((await me(u.token)).status).toBe(200);
    // Revoking it again finds nothing.
    const again = await t.app.call('DELETE', `/api/auth/sessions/${target.id}`, { token: u.token });
    expect(again.status).toBe(404);
  });

  it("DELETE /api/auth/sessions/:id of someone else's session is 404 and leaves it alive", async () => {
    const mine = await wechatUser(t.app);
    const theirs = await wechatUser(t.app);
    const target = await sessionRow(theirs.token);
    const res = await t.app.call('DELETE', `/api/auth/sessions/${target.id}`, { token: mine.token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await sessionRow(theirs.token)).revoked_at).toBeNull();
    expect((await me(theirs.token)).status).toBe(200);

    const missing = await t.app.call('DELETE', '/api/auth/sessions/99999999', { token: mine.token });
    expect(missing.status).toBe(404);
  });

  it('POST /api/auth/logout-all ends every session of mine and nobody else’s', async () => {
    const u = await wechatUser(t.app);
    const tokens = [u.token, await signInAgain(u.code), await signInAgain(u.code)];
    const bystander = await wechatUser(t.app);
    const res = await t.app.call('POST', '/api/auth/logout-all', { token: tokens[1] });
    expect(res.status).toBe(204);
    for (const token of tokens) expect((await me(token)).status).toBe(401);
    expect((await me(bystander.token)).status).toBe(200);
    const [alive] = await t.app.database.sql`
      select count(*)::int as n from sessions where user_id = ${u.userId} and revoked_at is null`;
    expect(alive.n).toBe(0);
  });
});

describe('PUT /api/me/current-community', () => {
  it('switches to a community where I am approved, and GET /api/me reflects it', async () => {
    const a = await createCommunity(t.app, '当前甲社区');
    const b = await createCommunity(t.app, '当前乙社区');
    const u = await resident(t.app, a);
    await t.app.database.sql`
      insert into memberships (community_id, user_id, household_id, status)
      values (${b.id}, ${u.userId}, ${b.householdIds[0]}, 'approved')`;

    // With no choice stored, the newest approved membership is current.
    expect((await me(u.token)).body.currentCommunityId).toBe(b.id);
    const res = await t.app.call('PUT', '/api/me/current-community', { token: u.token, body: { communityId: a.id } });
    expect(res.status).toBe(200);
    expect(res.body.currentCommunityId).toBe(a.id);
    expect((await me(u.token)).body.currentCommunityId).toBe(a.id);
    const [row] = await t.app.database.sql`select current_community_id from users where id = ${u.userId}`;
    expect(row.current_community_id).toBe(a.id);

    // When that membership ends, the choice falls back to a community still approved.
    await t.app.database
      .sql`update memberships set status = 'left' where user_id = ${u.userId} and community_id = ${a.id}`;
    expect((await me(u.token)).body.currentCommunityId).toBe(b.id);
  });

  it('is 404 for a community where I am not a member, only pending, or that does not exist', async () => {
    const mine = await createCommunity(t.app, '我的社区');
    const elsewhere = await createCommunity(t.app, '别人的社区');
    const u = await resident(t.app, mine);
    const p = await pendingUser(t.app, elsewhere);

    for (const [token, communityId] of [
      [u.token, elsewhere.id],
      [p.token, elsewhere.id],
      [u.token, 99999999],
    ] as const) {
      const res = await t.app.call('PUT', '/api/me/current-community', { token, body: { communityId } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const [row] = await t.app.database.sql`select current_community_id from users where id = ${u.userId}`;
    expect(row.current_community_id).toBeNull();
    expect((await me(u.token)).body.currentCommunityId).toBe(mine.id);
  });

  it('an admin may pick any community that exists; one that does not is 404', async () => {
    const c = await createCommunity(t.app, '管理员看的社区');
    const admin = await staff(t.app, { admin: true });
    const res = await t.app.call('PUT', '/api/me/current-community', {
      token: admin.token,
      body: { communityId: c.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.currentCommunityId).toBe(c.id);
    expect((await me(admin.token)).body.currentCommunityId).toBe(c.id);

    const missing = await t.app.call('PUT', '/api/me/current-community', {
      token: admin.token,
      body: { communityId: 99999999 },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('is 401 without a token', async () => {
    const res = await t.app.call('PUT', '/api/me/current-community', { body: { communityId: 1 } });
    expect(res.status).toBe(401);
  });
});
