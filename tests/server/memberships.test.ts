import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import {
  auditRows,
  createCommunity,
  pendingUser,
  resident,
  staff,
  wechatUser,
  wechatUsers,
  world,
} from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

afterEach(() => {
  // Tests that move the clock put it back, so sessions and codes made later behave normally.
  t.app.clock.set(new Date());
});

const statuses = (replies: Array<{ status: number }>) => replies.map((r) => r.status).sort();
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

async function liveRows(userId: number, communityId: number) {
  return t.app.database.sql<{ id: number; status: string; household_id: number; invitation_id: number | null }[]>`
    select id, status, household_id, invitation_id from memberships
    where user_id = ${userId} and community_id = ${communityId} and status in ('pending', 'approved')`;
}

describe('POST /api/committees/:id/join', () => {
  it('creates a pending membership for a household of that community', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.a.householdIds[2], realName: '张建国', phone: '13912345678' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      communityId: w.a.id,
      communityName: w.a.name,
      role: 'resident',
      status: 'pending',
      reason: null,
      decidedAt: null,
      household: {
        id: w.a.householdIds[2],
        buildingId: w.a.buildingId,
        buildingName: '1号楼',
        unit: '1单元',
        room: '201',
      },
    });
    const rows = await liveRows(u.userId, w.a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.id, status: 'pending', household_id: w.a.householdIds[2] });
  });

  it('stores the real name and phone encrypted at rest', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.a.householdIds[3], realName: '李秀英', phone: '13587654321' },
    });
    expect(res.status).toBe(201);
    const [row] = await t.app.database.sql<{ real_name_enc: string; phone_enc: string }[]>`
      select real_name_enc, phone_enc from memberships where id = ${res.body.id}`;
    expect(row.real_name_enc).not.toContain('李秀英');
    expect(row.phone_enc).not.toContain('13587654321');
    expect(t.app.deps.cipher.decrypt(row.real_name_enc)).toBe('李秀英');
    expect(t.app.deps.cipher.decrypt(row.phone_enc)).toBe('13587654321');
  });

  it('is a 404 for a household of another community, and writes nothing', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.b.householdIds[0], realName: '王五' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await liveRows(u.userId, w.a.id)).toHaveLength(0);
    expect(await liveRows(u.userId, w.b.id)).toHaveLength(0);
  });

  it('is a 404 for a community that does not exist', async () => {
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', '/api/committees/999999/join', {
      token: u.token,
      body: { householdId: w.a.householdIds[0], realName: '王五' },
    });
    expect(res.status).toBe(404);
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      body: { householdId: w.a.householdIds[0], realName: '王五' },
    });
    expect(res.status).toBe(401);
  });

  it('refuses a second request while the first is pending with 409 JOIN_PENDING', async () => {
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: w.pending.token,
      body: { householdId: w.a.householdIds[0], realName: '待审居民' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('JOIN_PENDING');
    expect(await liveRows(w.pending.userId, w.a.id)).toHaveLength(1);
  });

  it('refuses an approved resident with 409 ALREADY_MEMBER', async () => {
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: w.residentA.token,
      body: { householdId: w.a.householdIds[0], realName: '测试居民' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_MEMBER');
  });

  it('rejects a phone that is not an 11-digit mobile number with 400', async () => {
    const u = await wechatUser(t.app);
    for (const phone of ['12345', '02112345678', '1381234567a']) {
      const res = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
        token: u.token,
        body: { householdId: w.a.householdIds[0], realName: '赵六', phone },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'phone' })]));
    }
    expect(await liveRows(u.userId, w.a.id)).toHaveLength(0);
  });

  it('lets the same user in only once when 10 requests arrive at the same time', async () => {
    const u = await wechatUser(t.app);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.call('POST', `/api/committees/${w.a.id}/join`, {
          token: u.token,
          body: { householdId: w.a.householdIds[4], realName: '并发居民' },
        }),
      ),
    );
    const codes = statuses(replies);
    expect(count(codes, 201)).toBe(1);
    expect(count(codes, 409)).toBe(9);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('JOIN_PENDING');
    const rows = await liveRows(u.userId, w.a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
  });

  it('accepts 10 different users asking for the same household at once (a household has several residents)', async () => {
    const people = await wechatUsers(t.app, 10, 'family');
    const replies = await Promise.all(
      people.map((p, i) =>
        t.app.call('POST', `/api/committees/${w.a.id}/join`, {
          token: p.token,
          body: { householdId: w.a.householdIds[5], realName: `家人${i}号` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from memberships
      where household_id = ${w.a.householdIds[5]} and status = 'pending'
        and user_id in ${t.app.database.sql(people.map((p) => p.userId))}`;
    expect(n).toBe(10);
  });
});

describe('moderating join requests', () => {
  it('GET /api/committees/:id/memberships?status=pending shows the real name, phone and household to its moderator', async () => {
    const c = await createCommunity(t.app, '审核社区');
    const mod = await staff(t.app, { community: c });
    const u = await wechatUser(t.app);
    const joined = await t.app.call('POST', `/api/committees/${c.id}/join`, {
      token: u.token,
      body: { householdId: c.householdIds[1], realName: '陈美华', phone: '13700001111' },
    });
    expect(joined.status).toBe(201);
    const res = await t.app.call('GET', `/api/committees/${c.id}/memberships?status=pending`, { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: joined.body.id,
        userId: u.userId,
        status: 'pending',
        realName: '陈美华',
        phone: '13700001111',
        household: expect.objectContaining({ id: c.householdIds[1], room: '102', buildingName: '1号楼' }),
        viaInvitation: false,
        decidedBy: null,
      }),
    ]);
    expect(res.body.nextOffset).toBeNull();
  });

  it('GET /api/committees/:id/memberships is a 404 for a moderator of another community and a 403 for a resident', async () => {
    const foreign = await t.app.call('GET', `/api/committees/${w.a.id}/memberships`, { token: w.moderatorB.token });
    expect(foreign.status).toBe(404);
    const residentReply = await t.app.call('GET', `/api/committees/${w.a.id}/memberships`, {
      token: w.residentA.token,
    });
    expect(residentReply.status).toBe(403);
    const applicant = await t.app.call('GET', `/api/committees/${w.a.id}/memberships`, { token: w.pending.token });
    expect(applicant.status).toBe(404);
  });

  it('approve turns a pending request into a membership, records who decided, and writes an audit row', async () => {
    const p = await pendingUser(t.app, w.a, 2);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${p.membershipId}/approve`, {
      token: w.moderatorA.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: p.membershipId, status: 'approved', realName: '待审居民' });
    expect(res.body.decidedBy).toEqual(expect.any(String));
    expect(res.body.decidedAt).toEqual(expect.any(String));
    const [row] = await t.app.database.sql<{ status: string; decided_by: number }[]>`
      select status, decided_by from memberships where id = ${p.membershipId}`;
    expect(row).toEqual({ status: 'approved', decided_by: w.moderatorA.userId });
    const audit = await auditRows(t.app, 'membership.approve', p.membershipId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      community_id: w.a.id,
      actor_id: w.moderatorA.userId,
      before: { status: 'pending' },
      after: { status: 'approved' },
    });
    // Personal data stays out of the audit log.
    expect(JSON.stringify(audit[0])).not.toContain('待审居民');
    // The newly approved resident now reads the community as a member.
    const mine = await t.app.call('GET', '/api/memberships', { token: p.token });
    expect(mine.body.items[0]).toMatchObject({ id: p.membershipId, status: 'approved' });
  });

  it('approving the same request twice is a 409 INVALID_STATE and writes one audit row', async () => {
    const p = await pendingUser(t.app, w.a, 3);
    const path = `/api/committees/${w.a.id}/memberships/${p.membershipId}/approve`;
    expect((await t.app.call('POST', path, { token: w.moderatorA.token })).status).toBe(200);
    const again = await t.app.call('POST', path, { token: w.moderatorA.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await auditRows(t.app, 'membership.approve', p.membershipId)).toHaveLength(1);
  });

  it("a moderator of another community gets 404 for this community's request, and nothing changes", async () => {
    const p = await pendingUser(t.app, w.a, 3);
    const viaOwn = await t.app.call('POST', `/api/committees/${w.b.id}/memberships/${p.membershipId}/approve`, {
      token: w.moderatorB.token,
    });
    expect(viaOwn.status).toBe(404);
    const viaForeign = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${p.membershipId}/approve`, {
      token: w.moderatorB.token,
    });
    expect(viaForeign.status).toBe(404);
    expect((await liveRows(p.userId, w.a.id))[0].status).toBe('pending');
  });

  it('reject with a reason shows the applicant the rejection and the reason in GET /api/memberships', async () => {
    const p = await pendingUser(t.app, w.a, 4);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${p.membershipId}/reject`, {
      token: w.moderatorA.token,
      body: { reason: '房号与登记信息不符' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', reason: '房号与登记信息不符' });
    const mine = await t.app.call('GET', '/api/memberships', { token: p.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: p.membershipId, status: 'rejected', reason: '房号与登记信息不符' }),
    ]);
    expect(await auditRows(t.app, 'membership.reject', p.membershipId)).toHaveLength(1);
    // A rejected applicant may ask again.
    const retry = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: p.token,
      body: { householdId: w.a.householdIds[4], realName: '待审居民' },
    });
    expect(retry.status).toBe(201);
    // The live request is listed before the history.
    const after = await t.app.call('GET', '/api/memberships', { token: p.token });
    expect(after.body.items.map((m: { status: string }) => m.status)).toEqual(['pending', 'rejected']);
  });

  it('reject without a reason is a 400 and leaves the request pending', async () => {
    const p = await pendingUser(t.app, w.a, 4);
    const path = `/api/committees/${w.a.id}/memberships/${p.membershipId}/reject`;
    for (const body of [undefined, {}, { reason: ' ' }]) {
      const res = await t.app.call('POST', path, { token: w.moderatorA.token, body });
      expect(res.status).toBe(400);
    }
    expect((await liveRows(p.userId, w.a.id))[0].status).toBe('pending');
    expect(await auditRows(t.app, 'membership.reject', p.membershipId)).toHaveLength(0);
  });

  it('revoke ends an approved resident’s membership', async () => {
    const r = await resident(t.app, w.a, 1);
    const [{ id }] = await liveRows(r.userId, w.a.id);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${id}/revoke`, {
      token: w.moderatorA.token,
      body: { reason: '已搬离本小区' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'revoked', reason: '已搬离本小区' });
    expect(await liveRows(r.userId, w.a.id)).toHaveLength(0);
    expect(await auditRows(t.app, 'membership.revoke', id)).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ status: 'approved' }),
        after: expect.objectContaining({ status: 'revoked' }),
      }),
    ]);
    // The revoked resident has no current community any more.
    const me = await t.app.call('GET', '/api/me', { token: r.token });
    expect(me.body.currentCommunityId).toBeNull();
  });

  it('revoking a pending request is a 409 INVALID_STATE', async () => {
    const p = await pendingUser(t.app, w.a, 2);
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${p.membershipId}/revoke`, {
      token: w.moderatorA.token,
      body: { reason: '测试原因' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });

  it('a moderator cannot revoke another moderator (403), but a platform admin can', async () => {
    const other = await staff(t.app, { community: w.a });
    const [{ id }] = await liveRows(other.userId, w.a.id);
    const path = `/api/committees/${w.a.id}/memberships/${id}/revoke`;
    const byModerator = await t.app.call('POST', path, { token: w.moderatorA.token, body: { reason: '岗位调整' } });
    expect(byModerator.status).toBe(403);
    expect(byModerator.body.error.code).toBe('FORBIDDEN');
    expect((await liveRows(other.userId, w.a.id))[0].status).toBe('approved');
    const byAdmin = await t.app.call('POST', path, { token: w.admin.token, body: { reason: '岗位调整' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ id, role: 'moderator', status: 'revoked' });
    // The former moderator has lost the moderator pages.
    const dash = await t.app.call('GET', `/api/committees/${w.a.id}/dashboard`, { token: other.token });
    expect(dash.status).toBe(404);
  });

  it('is a 404 for an admin asking about a community that does not exist', async () => {
    const res = await t.app.call('GET', '/api/committees/999999/memberships', { token: w.admin.token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('lists the queue oldest first and pages it with nextOffset', async () => {
    const c = await createCommunity(t.app, '排队社区');
    const mod = await staff(t.app, { community: c });
    const queue = [];
    for (const i of [0, 1, 2, 3, 4]) queue.push((await pendingUser(t.app, c, i)).membershipId);
    const path = `/api/committees/${c.id}/memberships?status=pending&limit=2`;
    const first = await t.app.call('GET', path, { token: mod.token });
    expect(first.body.items.map((m: { id: number }) => m.id)).toEqual(queue.slice(0, 2));
    expect(first.body.nextOffset).toBe(2);
    const last = await t.app.call('GET', `${path}&offset=4`, { token: mod.token });
    expect(last.body.items.map((m: { id: number }) => m.id)).toEqual(queue.slice(4));
    expect(last.body.nextOffset).toBeNull();
    const approved = await t.app.call('GET', `/api/committees/${c.id}/memberships?status=approved`, {
      token: mod.token,
    });
    expect(approved.body.items.map((m: { userId: number }) => m.userId)).toEqual([mod.userId]);
  });

  it('lets only one of two moderators approving the same request at the same time succeed', async () => {
    const second = await staff(t.app, { community: w.a });
    const requests = await Promise.all([0, 1, 2, 3, 4].map((i) => pendingUser(t.app, w.a, i)));
    for (const p of requests) {
      const path = `/api/committees/${w.a.id}/memberships/${p.membershipId}/approve`;
      const replies = await Promise.all([
        t.app.call('POST', path, { token: w.moderatorA.token }),
        t.app.call('POST', path, { token: second.token }),
      ]);
      expect(statuses(replies)).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('INVALID_STATE');
      expect(await auditRows(t.app, 'membership.approve', p.membershipId)).toHaveLength(1);
      expect(await liveRows(p.userId, w.a.id)).toEqual([expect.objectContaining({ status: 'approved' })]);
    }
  });
});

describe('POST /api/memberships/:id/leave', () => {
  it('lets a resident leave their own membership', async () => {
    const r = await resident(t.app, w.a, 2);
    const [{ id }] = await liveRows(r.userId, w.a.id);
    const res = await t.app.call('POST', `/api/memberships/${id}/leave`, { token: r.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'left' });
    expect(await liveRows(r.userId, w.a.id)).toHaveLength(0);
    const again = await t.app.call('POST', `/api/memberships/${id}/leave`, { token: r.token });
    expect(again.status).toBe(409);
  });

  it('lets an applicant withdraw a pending request', async () => {
    const p = await pendingUser(t.app, w.a, 2);
    const res = await t.app.call('POST', `/api/memberships/${p.membershipId}/leave`, { token: p.token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('left');
  });

  it("is a 404 for someone else's membership, and for one that does not exist, and changes nothing", async () => {
    const r = await resident(t.app, w.a, 2);
    const [{ id }] = await liveRows(r.userId, w.a.id);
    for (const caller of [w.residentA, w.residentB, w.moderatorA, w.admin]) {
      const res = await t.app.call('POST', `/api/memberships/${id}/leave`, { token: caller.token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await liveRows(r.userId, w.a.id)).toHaveLength(1);
    for (const caller of [w.residentA, w.admin]) {
      const missing = await t.app.call('POST', '/api/memberships/987654/leave', { token: caller.token });
      expect(missing.status).toBe(404);
    }
  });
});

describe('personal data in resident-facing replies', () => {
  it('GET /api/memberships and GET /api/me never carry the real name or phone', async () => {
    const u = await wechatUser(t.app);
    const joined = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.a.householdIds[0], realName: '欧阳明月', phone: '13611112222' },
    });
    expect(joined.status).toBe(201);
    expect(JSON.stringify(joined.body)).not.toMatch(/欧阳明月|13611112222/);
    for (const stage of ['pending', 'approved']) {
      if (stage === 'approved') {
        const ok = await t.app.call('POST', `/api/committees/${w.a.id}/memberships/${joined.body.id}/approve`, {
          token: w.moderatorA.token,
        });
        expect(ok.status).toBe(200);
      }
      for (const path of ['/api/memberships', '/api/me']) {
        const res = await t.app.call('GET', path, { token: u.token });
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        expect(text).toContain(`"status":"${stage}"`);
        expect(text).not.toContain('欧阳明月');
        expect(text).not.toContain('13611112222');
        expect(text).not.toMatch(/realName|phone|real_name/);
      }
    }
  });
});

describe('invitations', () => {
  async function invite(body: { householdId: number; maxUses?: number; expiresInDays?: number }, community = w.a) {
    const token = community.id === w.a.id ? w.moderatorA.token : w.moderatorB.token;
    const res = await t.app.call('POST', `/api/committees/${community.id}/invitations`, { token, body });
    expect(res.status).toBe(201);
    return res.body as { id: number; code: string; usedCount: number; maxUses: number; state: string };
  }

  const usedCount = async (id: number) =>
    (await t.app.database.sql<{ used_count: number }[]>`select used_count from invitation_codes where id = ${id}`)[0]
      .used_count;

  it('POST /api/committees/:id/invitations issues an 8-character active code bound to a household', async () => {
    const res = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: w.moderatorA.token,
      body: { householdId: w.a.householdIds[1], maxUses: 2, expiresInDays: 7 },
    });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(res.body).toMatchObject({ state: 'active', maxUses: 2, usedCount: 0, revokedAt: null });
    expect(res.body.household.id).toBe(w.a.householdIds[1]);
    const expires = new Date(res.body.expiresAt).getTime() - t.app.clock().getTime();
    expect(Math.abs(expires - 7 * 86_400_000)).toBeLessThan(60_000);
    expect(await auditRows(t.app, 'invitation.create', res.body.id)).toHaveLength(1);
    const list = await t.app.call('GET', `/api/committees/${w.a.id}/invitations`, { token: w.moderatorA.token });
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, code: res.body.code });
  });

  it('POST /api/committees/:id/invitations refuses a household of another community, residents and foreign moderators', async () => {
    const foreignHousehold = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: w.moderatorA.token,
      body: { householdId: w.b.householdIds[0] },
    });
    expect(foreignHousehold.status).toBe(404);
    const byResident = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: w.residentA.token,
      body: { householdId: w.a.householdIds[0] },
    });
    expect(byResident.status).toBe(403);
    const byForeignModerator = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: w.moderatorB.token,
      body: { householdId: w.a.householdIds[0] },
    });
    expect(byForeignModerator.status).toBe(404);
  });

  it('POST /api/invitations/redeem makes an approved membership of that household at once', async () => {
    const code = await invite({ householdId: w.a.householdIds[2], maxUses: 1 });
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: code.code, realName: '邀请居民', phone: '13822223333' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      communityId: w.a.id,
      status: 'approved',
      role: 'resident',
      household: { id: w.a.householdIds[2] },
    });
    expect(await usedCount(code.id)).toBe(1);
    const rows = await liveRows(u.userId, w.a.id);
    expect(rows).toEqual([expect.objectContaining({ status: 'approved', invitation_id: code.id })]);
    const me = await t.app.call('GET', '/api/me', { token: u.token });
    expect(me.body.currentCommunityId).toBe(w.a.id);
    // The moderator sees it came through a code.
    const roll = await t.app.call('GET', `/api/committees/${w.a.id}/memberships?status=approved&limit=100`, {
      token: w.moderatorA.token,
    });
    expect(roll.body.items.find((m: { id: number }) => m.id === res.body.id)).toMatchObject({
      viaInvitation: true,
      realName: '邀请居民',
    });
    // Used up now.
    const list = await t.app.call('GET', `/api/committees/${w.a.id}/invitations`, { token: w.moderatorA.token });
    expect(list.body.items.find((i: { id: number }) => i.id === code.id).state).toBe('used_up');
  });

  it('POST /api/invitations/redeem accepts the code typed in lower case with spaces around it', async () => {
    const code = await invite({ householdId: w.a.householdIds[3] });
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: `  ${code.code.toLowerCase()} `, realName: '小写居民' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('approved');
  });

  it('POST /api/invitations/redeem never redeems a code past its use limit when 12 people redeem at once', async () => {
    const code = await invite({ householdId: w.a.householdIds[4], maxUses: 3 });
    const people = await wechatUsers(t.app, 12, 'redeemer');
    const replies = await Promise.all(
      people.map((p, i) =>
        t.app.call('POST', '/api/invitations/redeem', {
          token: p.token,
          body: { code: code.code, realName: `抢码居民${i}` },
        }),
      ),
    );
    const codes = statuses(replies);
    expect(count(codes, 201)).toBe(3);
    expect(count(codes, 409)).toBe(9);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('INVITATION_INVALID');
    expect(await usedCount(code.id)).toBe(3);
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from memberships where invitation_id = ${code.id} and status = 'approved'`;
    expect(n).toBe(3);
    expect(
      await t.app.database
        .sql`select id from audit_log where action = 'membership.redeem_invitation' and (after->>'invitationId')::int = ${code.id}`,
    ).toHaveLength(3);
  });

  it('POST /api/invitations/redeem refuses an expired code with 409', async () => {
    const code = await invite({ householdId: w.a.householdIds[0], expiresInDays: 1 });
    const u = await wechatUser(t.app);
    t.app.clock.advance(86_400_000 + 60_000);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: code.code, realName: '过期居民' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVITATION_INVALID');
    expect(await usedCount(code.id)).toBe(0);
    expect(await liveRows(u.userId, w.a.id)).toHaveLength(0);
    const list = await t.app.call('GET', `/api/committees/${w.a.id}/invitations`, { token: w.moderatorA.token });
    expect(list.body.items.find((i: { id: number }) => i.id === code.id).state).toBe('expired');
  });

  it('POST /api/invitations/redeem refuses a revoked code with 409', async () => {
    const code = await invite({ householdId: w.a.householdIds[0], maxUses: 5 });
    const revoked = await t.app.call('POST', `/api/committees/${w.a.id}/invitations/${code.id}/revoke`, {
      token: w.moderatorA.token,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const u = await wechatUser(t.app);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: code.code, realName: '撤销居民' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVITATION_INVALID');
    expect(await usedCount(code.id)).toBe(0);
  });

  it('POST /api/invitations/redeem refuses an unknown code with 409 and a malformed one with 400', async () => {
    const u = await wechatUser(t.app);
    const unknown = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: 'ZZZZZZZZ', realName: '无码居民' },
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.code).toBe('INVITATION_INVALID');
    const malformed = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: 'AB%CD', realName: '无码居民' },
    });
    expect(malformed.status).toBe(400);
  });

  it('a double tap on redeem uses the code once and makes one membership', async () => {
    const code = await invite({ householdId: w.a.householdIds[1], maxUses: 5 });
    const u = await wechatUser(t.app);
    const replies = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.app.call('POST', '/api/invitations/redeem', {
          token: u.token,
          body: { code: code.code, realName: '连点居民' },
        }),
      ),
    );
    expect(statuses(replies)).toEqual([201, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('ALREADY_MEMBER');
    expect(await usedCount(code.id)).toBe(1);
    expect(await liveRows(u.userId, w.a.id)).toEqual([
      expect.objectContaining({ status: 'approved', invitation_id: code.id }),
    ]);
  });

  it('revoking a code twice is a 409 INVALID_STATE; listing codes is for the moderators of that community', async () => {
    const code = await invite({ householdId: w.a.householdIds[1] });
    const path = `/api/committees/${w.a.id}/invitations/${code.id}/revoke`;
    expect((await t.app.call('POST', path, { token: w.moderatorA.token })).status).toBe(200);
    const again = await t.app.call('POST', path, { token: w.moderatorA.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await auditRows(t.app, 'invitation.revoke', code.id)).toHaveLength(1);
    const list = `/api/committees/${w.a.id}/invitations`;
    expect((await t.app.call('GET', list, { token: w.moderatorB.token })).status).toBe(404);
    expect((await t.app.call('GET', list, { token: w.residentA.token })).status).toBe(403);
  });

  it('an invitation code of one community cannot be revoked through another', async () => {
    const code = await invite({ householdId: w.a.householdIds[0] });
    const res = await t.app.call('POST', `/api/committees/${w.b.id}/invitations/${code.id}/revoke`, {
      token: w.moderatorB.token,
    });
    expect(res.status).toBe(404);
    expect(
      await t.app.database.sql`select id from invitation_codes where id = ${code.id} and revoked_at is null`,
    ).toHaveLength(1);
  });

  it('an approved resident redeeming a code gets 409 ALREADY_MEMBER and the code keeps its use', async () => {
    const code = await invite({ householdId: w.a.householdIds[0], maxUses: 2 });
    const before = await liveRows(w.residentA.userId, w.a.id);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: w.residentA.token,
      body: { code: code.code, realName: '测试居民' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_MEMBER');
    expect(await usedCount(code.id)).toBe(0);
    expect(await liveRows(w.residentA.userId, w.a.id)).toEqual(before);
    expect(
      await t.app.database
        .sql`select id from audit_log where action = 'membership.redeem_invitation' and (after->>'invitationId')::int = ${code.id}`,
    ).toHaveLength(0);
  });

  it('a pending applicant redeeming a code has their request settled as approved (still one live membership)', async () => {
    const p = await pendingUser(t.app, w.a, 1);
    const code = await invite({ householdId: w.a.householdIds[5] });
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: p.token,
      body: { code: code.code, realName: '转正居民' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: p.membershipId, status: 'approved', household: { id: w.a.householdIds[5] } });
    const rows = await liveRows(p.userId, w.a.id);
    expect(rows).toEqual([
      expect.objectContaining({
        id: p.membershipId,
        status: 'approved',
        invitation_id: code.id,
        household_id: w.a.householdIds[5],
      }),
    ]);
    expect(await usedCount(code.id)).toBe(1);
    const [row] = await t.app.database.sql<{ real_name_enc: string }[]>`
      select real_name_enc from memberships where id = ${p.membershipId}`;
    expect(t.app.deps.cipher.decrypt(row.real_name_enc)).toBe('转正居民');
  });

  it('a pending applicant who redeems a code without a phone keeps the phone of the earlier request', async () => {
    const u = await wechatUser(t.app);
    const join = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.a.householdIds[0], realName: '有电话', phone: '13700001111' },
    });
    expect(join.status).toBe(201);
    const code = await invite({ householdId: w.a.householdIds[0] });
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: code.code, realName: '有电话' },
    });
    expect(res.status).toBe(201);
    const [row] = await t.app.database.sql<{ phone_enc: string | null }[]>`
      select phone_enc from memberships where id = ${join.body.id}`;
    expect(row.phone_enc && t.app.deps.cipher.decrypt(row.phone_enc)).toBe('13700001111');
  });

  it('a code of community B makes a resident of A a resident of B as well', async () => {
    const code = await invite({ householdId: w.b.householdIds[1] }, w.b);
    const res = await t.app.call('POST', '/api/invitations/redeem', {
      token: w.residentA.token,
      body: { code: code.code, realName: '测试居民' },
    });
    expect(res.status).toBe(201);
    expect(res.body.communityId).toBe(w.b.id);
    expect(await liveRows(w.residentA.userId, w.a.id)).toHaveLength(1);
  });
});

describe('GET /api/committees/:id/dashboard', () => {
  it('counts pending requests, residents, households and active invitations of that community only', async () => {
    const c = await createCommunity(t.app, '看板社区');
    const mod = await staff(t.app, { community: c });
    await staff(t.app, { community: c });
    await Promise.all([pendingUser(t.app, c, 0), pendingUser(t.app, c, 1), resident(t.app, c, 2)]);
    const decided = await pendingUser(t.app, c, 3);
    await t.app.call('POST', `/api/committees/${c.id}/memberships/${decided.membershipId}/approve`, {
      token: mod.token,
    });
    const rejected = await pendingUser(t.app, c, 3);
    await t.app.call('POST', `/api/committees/${c.id}/memberships/${rejected.membershipId}/reject`, {
      token: mod.token,
      body: { reason: '信息不全' },
    });
    const issue = (body: object) =>
      t.app.call('POST', `/api/committees/${c.id}/invitations`, { token: mod.token, body }).then((r) => r.body);
    await issue({ householdId: c.householdIds[0], maxUses: 2 });
    await issue({ householdId: c.householdIds[1], expiresInDays: 30 });
    const revoked = await issue({ householdId: c.householdIds[2] });
    await t.app.call('POST', `/api/committees/${c.id}/invitations/${revoked.id}/revoke`, { token: mod.token });
    const usedUp = await issue({ householdId: c.householdIds[4], maxUses: 1 });
    const redeemer = await wechatUser(t.app);
    const redeemed = await t.app.call('POST', '/api/invitations/redeem', {
      token: redeemer.token,
      body: { code: usedUp.code, realName: '用码居民' },
    });
    expect(redeemed.status).toBe(201);

    const res = await t.app.call('GET', `/api/committees/${c.id}/dashboard`, { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      communityId: c.id,
      communityName: '看板社区',
      pendingMemberships: 2,
      residents: 3,
      households: 6,
      activeInvitations: 2,
    });

    // A week later the 7-day code has expired.
    t.app.clock.advance(8 * 86_400_000);
    const later = await t.app.call('GET', `/api/committees/${c.id}/dashboard`, { token: mod.token });
    expect(later.body.activeInvitations).toBe(1);
  });

  it('is a 403 for a resident and a 404 for a moderator of another community', async () => {
    expect((await t.app.call('GET', `/api/committees/${w.a.id}/dashboard`, { token: w.residentA.token })).status).toBe(
      403,
    );
    expect((await t.app.call('GET', `/api/committees/${w.a.id}/dashboard`, { token: w.moderatorB.token })).status).toBe(
      404,
    );
    expect((await t.app.call('GET', `/api/committees/${w.a.id}/dashboard`, { token: w.admin.token })).status).toBe(200);
  });
});
