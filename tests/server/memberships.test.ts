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
  });

  it('the 已通过 tab lists residents only, never the moderators; a code-joined resident has no decider', async () => {
    const c = await createCommunity(t.app, '已通过社区');
    const mod = await staff(t.app, { community: c });
    const p = await pendingUser(t.app, c, 0);
    expect(
      (await t.app.call('POST', `/api/committees/${c.id}/memberships/${p.membershipId}/approve`, { token: mod.token }))
        .status,
    ).toBe(200);
    const code = await t.app.call('POST', `/api/committees/${c.id}/invitations`, {
      token: mod.token,
      body: { householdId: c.householdIds[3] },
    });
    const invited = await wechatUser(t.app);
    const redeemed = await t.app.call('POST', '/api/invitations/redeem', {
      token: invited.token,
      body: { code: code.body.code, realName: '邀请居民' },
    });
    expect(redeemed.status).toBe(201);

    const approved = await t.app.call('GET', `/api/committees/${c.id}/memberships?status=approved`, {
      token: mod.token,
    });
    const items = approved.body.items as Array<{
      userId: number;
      role: string;
      viaInvitation: boolean;
      decidedBy: string | null;
    }>;
    expect(items.map((m) => m.userId)).toEqual([invited.userId, p.userId]);
    expect(items.every((m) => m.role === 'resident')).toBe(true);
    expect(items[0]).toMatchObject({ viaInvitation: true, decidedBy: null });
    expect(items[1]).toMatchObject({ viaInvitation: false, decidedBy: expect.any(String) });
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

describe('what residents do is in the audit log, with the resident as actor', () => {
  it('joining, leaving and redeeming a code each leave one row naming the resident', async () => {
    const u = await wechatUser(t.app, 'audited');
    const join = await t.app.call('POST', `/api/committees/${w.a.id}/join`, {
      token: u.token,
      body: { householdId: w.a.householdIds[5], realName: '周文华', phone: '13800001111' },
    });
    expect(join.status).toBe(201);
    const [joined] = await auditRows(t.app, 'membership.join', join.body.id);
    expect(joined).toMatchObject({ community_id: w.a.id, actor_id: u.userId, after: { status: 'pending' } });
    // Personal data never goes into the log.
    expect(JSON.stringify(joined)).not.toMatch(/周文华|13800001111/);

    const code = await t.app.call('POST', `/api/committees/${w.a.id}/invitations`, {
      token: w.moderatorA.token,
      body: { householdId: w.a.householdIds[5], maxUses: 1, expiresInDays: 3 },
    });
    const redeem = await t.app.call('POST', '/api/invitations/redeem', {
      token: u.token,
      body: { code: code.body.code, realName: '周文华' },
    });
    expect(redeem.status).toBe(201);
    expect(await auditRows(t.app, 'membership.redeem_invitation', redeem.body.id)).toEqual([
      expect.objectContaining({ actor_id: u.userId, before: { status: 'pending' } }),
    ]);

    const leave = await t.app.call('POST', `/api/memberships/${redeem.body.id}/leave`, { token: u.token });
    expect(leave.status).toBe(200);
    expect(await auditRows(t.app, 'membership.leave', redeem.body.id)).toEqual([
      expect.objectContaining({ actor_id: u.userId, before: { status: 'approved' }, after: { status: 'left' } }),
    ]);
  });

  it('a refused leave writes nothing', async () => {
    const r = await resident(t.app, w.a, 2);
    const [{ id }] = await liveRows(r.userId, w.a.id);
    expect((await t.app.call('POST', `/api/memberships/${id}/leave`, { token: w.residentB.token })).status).toBe(404);
    expect(await auditRows(t.app, 'membership.leave', id)).toEqual([]);
  });
});
