import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import { pendingUser, STAFF_PASSWORD, staff, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

const asAdmin = (method: string, path: string, body?: unknown) =>
  t.app.call(method, path, { token: w.admin.token, body });

interface AuditItem {
  id: number;
  communityId: number | null;
  actorId: number | null;
  actorName: string | null;
  action: string;
  targetId: number | null;
}

describe('setting up a new committee', () => {
  /** The ids made along the way, in the order the admin made them. */
  const made = {} as { districtId: number; streetId: number; communityId: number; staffId: number; username: string };

  it('POST /api/admin/districts and /api/admin/streets create the hierarchy, listed by GET /api/districts', async () => {
    const district = await asAdmin('POST', '/api/admin/districts', { name: '长宁区' });
    expect(district.status).toBe(201);
    expect(district.body).toEqual({ id: expect.any(Number), name: '长宁区', streets: [] });
    const street = await asAdmin('POST', '/api/admin/streets', { districtId: district.body.id, name: '新华路街道' });
    expect(street.status).toBe(201);
    expect(street.body).toEqual({ id: expect.any(Number), name: '新华路街道' });
    made.districtId = district.body.id;
    made.streetId = street.body.id;

    const list = await t.app.call('GET', '/api/districts');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      id: made.districtId,
      name: '长宁区',
      streets: [{ id: made.streetId, name: '新华路街道' }],
    });
  });

  it('POST /api/admin/communities creates a committee with weekday office hours that GET /api/committees finds', async () => {
    const res = await asAdmin('POST', '/api/admin/communities', {
      streetId: made.streetId,
      name: '番禺路居委会',
      address: '长宁区番禺路100号',
      phone: '021-62801234',
      lat: 31.205,
      lng: 121.43,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '番禺路居委会',
      districtName: '长宁区',
      streetName: '新华路街道',
      address: '长宁区番禺路100号',
      phone: '021-62801234',
      intro: '',
      staff: [],
    });
    expect(res.body.officeHours.weekly.map((d: { weekday: number }) => d.weekday)).toEqual([1, 2, 3, 4, 5]);
    made.communityId = res.body.id;

    const found = await t.app.call('GET', `/api/committees?q=${encodeURIComponent('番禺路')}`);
    expect(found.body.items).toEqual([expect.objectContaining({ id: made.communityId, name: '番禺路居委会' })]);
    const card = await t.app.call('GET', `/api/committees/${made.communityId}`);
    expect(card.status).toBe(200);
  });

  it('POST /api/admin/staff creates an account that can then sign in with its password', async () => {
    const res = await asAdmin('POST', '/api/admin/staff', {
      username: 'xinhua.wang',
      password: 'a long enough password',
      displayName: '王老师',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'xinhua.wang', displayName: '王老师', isAdmin: false, communities: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    made.staffId = res.body.id;
    made.username = res.body.username;

    const [row] = await t.app.database.sql<{ password_hash: string }[]>`
      select password_hash from users where id = ${made.staffId}`;
    expect(row.password_hash).not.toContain('a long enough password');

    const signIn = await t.app.call('POST', '/api/auth/password', {
      body: { username: 'xinhua.wang', password: 'a long enough password' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ id: made.staffId, isStaff: true, isAdmin: false });
    const wrong = await t.app.call('POST', '/api/auth/password', {
      body: { username: 'xinhua.wang', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('POST /api/admin/communities/:id/moderators appoints the staff, who then reads the dashboard', async () => {
    const signIn = await t.app.call('POST', '/api/auth/password', {
      body: { username: made.username, password: 'a long enough password' },
    });
    const token = signIn.body.token as string;
    const before = await t.app.call('GET', `/api/committees/${made.communityId}/dashboard`, { token });
    expect(before.status).toBe(404);

    const res = await asAdmin('POST', `/api/admin/communities/${made.communityId}/moderators`, {
      userId: made.staffId,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ communityId: made.communityId, role: 'moderator', status: 'approved' });

    const dashboard = await t.app.call('GET', `/api/committees/${made.communityId}/dashboard`, { token });
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({
      communityId: made.communityId,
      communityName: '番禺路居委会',
      households: 0,
    });
    const me = await t.app.call('GET', '/api/me', { token });
    expect(me.body.currentCommunityId).toBe(made.communityId);

    const staffList = await asAdmin('GET', '/api/admin/staff');
    expect(staffList.body.items.find((s: { id: number }) => s.id === made.staffId).communities).toEqual([
      { id: made.communityId, name: '番禺路居委会', role: 'moderator' },
    ]);

    const again = await asAdmin('POST', `/api/admin/communities/${made.communityId}/moderators`, {
      userId: made.staffId,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE');
  });

  it('appointing a user with a pending request turns that request into the moderator membership', async () => {
    const p = await pendingUser(t.app, w.a, 0);
    const res = await asAdmin('POST', `/api/admin/communities/${w.a.id}/moderators`, { userId: p.userId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: p.membershipId, role: 'moderator', status: 'approved' });
    const rows = await t.app.database.sql`
      select id from memberships where user_id = ${p.userId} and community_id = ${w.a.id} and status in ('pending', 'approved')`;
    expect(rows).toHaveLength(1);
  });

  it('appointing to a community or user that does not exist is a 404', async () => {
    expect((await asAdmin('POST', '/api/admin/communities/999999/moderators', { userId: made.staffId })).status).toBe(
      404,
    );
    expect(
      (await asAdmin('POST', `/api/admin/communities/${made.communityId}/moderators`, { userId: 999999 })).status,
    ).toBe(404);
  });

  it('a duplicate district name is a 409 DUPLICATE, and so is a duplicate street in one district', async () => {
    const res = await asAdmin('POST', '/api/admin/districts', { name: '长宁区' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    const street = await asAdmin('POST', '/api/admin/streets', { districtId: made.districtId, name: '新华路街道' });
    expect(street.status).toBe(409);
    const community = await asAdmin('POST', '/api/admin/communities', {
      streetId: made.streetId,
      name: '番禺路居委会',
      address: '别的地址',
    });
    expect(community.status).toBe(409);
    const [{ n }] = await t.app.database.sql<
      { n: number }[]
    >`select count(*)::int as n from districts where name = '长宁区'`;
    expect(n).toBe(1);
  });

  it('a street in a district that does not exist, or a community on a missing street, is a 404', async () => {
    expect((await asAdmin('POST', '/api/admin/streets', { districtId: 999999, name: '无主街道' })).status).toBe(404);
    const res = await asAdmin('POST', '/api/admin/communities', {
      streetId: 999999,
      name: '无主居委',
      address: '无处',
    });
    expect(res.status).toBe(404);
    expect(await t.app.database.sql`select id from communities where name = '无主居委'`).toHaveLength(0);
  });

  it('a duplicate username is a 409 USERNAME_TAKEN; an upper-case or short one is a 400', async () => {
    const res = await asAdmin('POST', '/api/admin/staff', {
      username: made.username,
      password: 'another long password',
      displayName: '冒名',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USERNAME_TAKEN');
    for (const username of ['Xinhua.Wang', 'ab', 'has space']) {
      const bad = await asAdmin('POST', '/api/admin/staff', {
        username,
        password: 'another long password',
        displayName: '某',
      });
      expect(bad.status).toBe(400);
    }
    const short = await asAdmin('POST', '/api/admin/staff', {
      username: 'short.pw',
      password: 'short',
      displayName: '某',
    });
    expect(short.status).toBe(400);
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from users where username in ('xinhua.wang', 'short.pw')`;
    expect(n).toBe(1);
  });

  describe('GET /api/admin/audit', () => {
    it('lists the setup actions newest first', async () => {
      const res = await asAdmin('GET', `/api/admin/audit?actorId=${w.admin.userId}&limit=100`);
      expect(res.status).toBe(200);
      const items = res.body.items as AuditItem[];
      const ids = items.map((i) => i.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const setup = items
        .filter((i) =>
          ['district.create', 'street.create', 'community.create', 'staff.create', 'moderator.appoint'].includes(
            i.action,
          ),
        )
        .reverse();
      expect(setup.map((i) => [i.action, i.targetId])).toEqual([
        ['district.create', made.districtId],
        ['street.create', made.streetId],
        ['community.create', made.communityId],
        ['staff.create', made.staffId],
        ['moderator.appoint', expect.any(Number)],
        ['moderator.appoint', expect.any(Number)],
      ]);
      expect(setup[2]).toMatchObject({ communityId: made.communityId, actorId: w.admin.userId });
      expect(setup[0].communityId).toBeNull();
      expect(items[0].actorName).toEqual(expect.any(String));
      // Refused and failed attempts left no rows.
      expect(items.filter((i) => i.action === 'district.create')).toHaveLength(1);
      expect(items.filter((i) => i.action === 'staff.create')).toHaveLength(1);
    });

    it('pages with before/nextBefore (keyset) without gaps or repeats', async () => {
      const all = (await asAdmin('GET', '/api/admin/audit?limit=100')).body.items as AuditItem[];
      expect(all.length).toBeGreaterThanOrEqual(6);
      const seen: number[] = [];
      let before: number | null = null;
      for (let page = 0; page < 50; page++) {
        const res = await asAdmin('GET', `/api/admin/audit?limit=2${before === null ? '' : `&before=${before}`}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: AuditItem) => i.id));
        before = res.body.nextBefore;
        if (before === null) break;
        expect(before).toBe(res.body.items.at(-1).id);
      }
      expect(seen).toEqual(all.map((i) => i.id));
    });

    it('filters by action', async () => {
      const res = await asAdmin('GET', '/api/admin/audit?action=street.create');
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((i: AuditItem) => i.action === 'street.create')).toBe(true);
      expect(res.body.items[0].targetId).toBe(made.streetId);
      // Only actions of the catalogue can be asked for.
      const unknown = await asAdmin('GET', '/api/admin/audit?action=nothing.happened');
      expect(unknown.status).toBe(400);
      const none = await asAdmin('GET', '/api/admin/audit?action=job.retry');
      expect(none.body).toEqual({ items: [], nextBefore: null });
    });

    it('filters by community', async () => {
      const res = await asAdmin('GET', `/api/admin/audit?communityId=${made.communityId}`);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((i: AuditItem) => i.communityId === made.communityId)).toBe(true);
    });
  });
});

describe('a colleague leaves: disabling a staff account and setting a new password', () => {
  const signIn = (username: string, password: string) =>
    t.app.call('POST', '/api/auth/password', { body: { username, password } });

  it('disable ends every session and refuses sign-in; a new password from an admin enables it again', async () => {
    const leaver = await staff(t.app, { community: w.a });
    const second = await signIn(leaver.username, STAFF_PASSWORD);
    expect(second.status).toBe(200);

    const disabled = await asAdmin('POST', `/api/admin/staff/${leaver.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: leaver.userId, disabled: true });
    for (const token of [leaver.token, second.body.token]) {
      expect((await t.app.call('GET', '/api/me', { token })).status).toBe(401);
    }
    const refused = await signIn(leaver.username, STAFF_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('BAD_CREDENTIALS');
    const listed = await asAdmin('GET', '/api/admin/staff');
    expect(listed.body.items.find((s: { id: number }) => s.id === leaver.userId)).toMatchObject({ disabled: true });

    const reset = await asAdmin('POST', `/api/admin/staff/${leaver.userId}/password`, {
      password: 'the-new-password-1',
    });
    expect(reset.status).toBe(200);
    expect(reset.body.disabled).toBe(false);
    expect((await signIn(leaver.username, STAFF_PASSWORD)).status).toBe(401);
    expect((await signIn(leaver.username, 'the-new-password-1')).status).toBe(200);

    const audit = await t.app.database.sql`
      select action, before, after from audit_log where target_type = 'user' and target_id = ${leaver.userId} order by id`;
    expect(audit.map((a) => a.action)).toEqual(['staff.disable', 'staff.reset_password']);
    expect(audit[0].after).toEqual({ disabled: true });
  });

  it('a new password unlocks an account locked by wrong passwords', async () => {
    const locked = await staff(t.app, {});
    for (let i = 0; i < 5; i++) await signIn(locked.username, `wrong ${i}`);
    expect((await signIn(locked.username, STAFF_PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');
    await asAdmin('POST', `/api/admin/staff/${locked.userId}/password`, { password: 'fresh-password-22' });
    expect((await signIn(locked.username, 'fresh-password-22')).status).toBe(200);
  });

  it('an admin cannot disable their own account; a resident id or a missing id is a 404; a short password a 400', async () => {
    expect((await asAdmin('POST', `/api/admin/staff/${w.admin.userId}/disable`)).status).toBe(403);
    expect((await asAdmin('POST', `/api/admin/staff/${w.residentA.userId}/disable`)).status).toBe(404);
    expect((await asAdmin('POST', '/api/admin/staff/999999/disable')).status).toBe(404);
    const short = await asAdmin('POST', `/api/admin/staff/${w.moderatorB.userId}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect((await t.app.call('GET', '/api/me', { token: w.admin.token })).status).toBe(200);
  });
});

describe('GET /api/committees/:id/audit', () => {
  it("shows a moderator only their own community's rows", async () => {
    const mod = w.moderatorA.token;
    // Actions in A and in B.
    const inA = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: mod,
      body: { householdId: w.a.householdIds[0] },
    });
    expect(inA.status).toBe(201);
    const inB = await t.app.call('POST', `/api/committees/${w.b.id}/invitations`, {
      token: w.moderatorB.token,
      body: { householdId: w.b.householdIds[0] },
    });
    expect(inB.status).toBe(201);
    const approve = await t.app.call(
      'POST',
      `/api/committees/${w.a.id}/memberships/${w.pending.membershipId}/approve`,
      {
        token: mod,
      },
    );
    expect(approve.status).toBe(200);

    const res = await t.app.call('GET', `/api/committees/${w.a.id}/audit`, { token: mod });
    expect(res.status).toBe(200);
    const items = res.body.items as AuditItem[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.communityId === w.a.id)).toBe(true);
    expect(items[0]).toMatchObject({ action: 'membership.approve', targetId: w.pending.membershipId });
    expect(items.map((i) => i.targetId)).toContain(inA.body.id);
    expect(items.find((i) => i.action === 'invitation.create' && i.targetId === inB.body.id)).toBeUndefined();

    // The action filter works here too, still inside the community.
    const filtered = await t.app.call('GET', `/api/committees/${w.a.id}/audit?action=invitation.create`, {
      token: mod,
    });
    expect(filtered.body.items.map((i: AuditItem) => i.targetId)).toEqual([inA.body.id]);
  });

  it('is a 404 for a moderator of another community and a 403 for a resident', async () => {
    expect((await t.app.call('GET', `/api/committees/${w.b.id}/audit`, { token: w.moderatorA.token })).status).toBe(
      404,
    );
    expect((await t.app.call('GET', `/api/committees/${w.a.id}/audit`, { token: w.residentA.token })).status).toBe(403);
  });
});

describe('admin routes refuse everyone but platform admins', () => {
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/api/admin/districts', { name: '越权区' }],
    ['POST', '/api/admin/streets', { districtId: 1, name: '越权街道' }],
    ['POST', '/api/admin/communities', { streetId: 1, name: '越权居委', address: '越权地址' }],
    ['POST', '/api/admin/staff', { username: 'sneaky', password: 'a long enough password', displayName: '越权' }],
    ['GET', '/api/admin/staff', undefined],
    ['POST', '/api/admin/communities/1/moderators', { userId: 1 }],
    ['GET', '/api/admin/audit', undefined],
  ];

  it('a moderator gets 403 on every admin route, and nothing is written', async () => {
    const [{ n: auditBefore }] = await t.app.database.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
    for (const [method, path, body] of routes) {
      const res = await t.app.call(method, path, { token: w.moderatorA.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const [{ n: auditAfter }] = await t.app.database.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
    expect(auditAfter).toBe(auditBefore);
    expect(await t.app.database.sql`select id from users where username = 'sneaky'`).toHaveLength(0);
    expect(await t.app.database.sql`select id from districts where name = '越权区'`).toHaveLength(0);
  });

  it('a resident gets 403 and a signed-out caller 401', async () => {
    for (const [method, path, body] of routes) {
      expect((await t.app.call(method, path, { token: w.residentA.token, body })).status, `${method} ${path}`).toBe(
        403,
      );
      expect((await t.app.call(method, path, { body })).status, `${method} ${path}`).toBe(401);
    }
  });
});
