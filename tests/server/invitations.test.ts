import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationView } from '../../shared/contracts/invitations';
import { useTestApp } from '../helpers/app';
import { auditRows, pendingUser, wechatUser, wechatUsers, world } from '../helpers/fixtures';

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
describe('invitations', () => {
  async function invite(body: { householdId: number; maxUses?: number; expiresInDays?: number }, community = w.a) {
    const token = community.id === w.a.id ? w.moderatorA.token : w.moderatorB.token;
    const res = await t.app.call('POST', `/api/committees/${community.id}/invitations`, { token, body });
    expect(res.status).toBe(201);
    return res.body as InvitationView;
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

  it('GET /api/committees/:id/invitations says who used each code: nickname, room and when, never the real name', async () => {
    const code = await invite({ householdId: w.a.householdIds[5], maxUses: 3 });
    const first = await wechatUser(t.app);
    await t.app.database.sql`update users set nickname = '小陈' where id = ${first.userId}`;
    const second = await wechatUser(t.app);
    for (const [u, name] of [
      [first, '陈真名'],
      [second, '李真名'],
    ] as const) {
      const res = await t.app.call('POST', '/api/invitations/redeem', {
        token: u.token,
        body: { code: code.code, realName: name, phone: '13600001111' },
      });
      expect(res.status).toBe(201);
      t.app.clock.advance(60_000);
    }
    const list = await t.app.call('GET', `/api/committees/${w.a.id}/invitations`, { token: w.moderatorA.token });
    const item = list.body.items.find((i: { id: number }) => i.id === code.id);
    expect(item.usedBy).toEqual([
      { membershipId: expect.any(Number), name: '小陈', room: '1号楼 1单元 302室', usedAt: expect.any(String) },
      {
        membershipId: expect.any(Number),
        name: '没有昵称的居民',
        room: '1号楼 1单元 302室',
        usedAt: expect.any(String),
      },
    ]);
    expect(Date.parse(item.usedBy[0].usedAt)).toBeLessThan(Date.parse(item.usedBy[1].usedAt));
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('陈真名');
    expect(text).not.toContain('13600001111');
    // A fresh code has no uses.
    const fresh = await invite({ householdId: w.a.householdIds[5] });
    expect(fresh.usedBy).toEqual([]);
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
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe('INVITATION_INVALID');
      expect(r.body.error.details).toEqual({ reason: 'used_up' });
      expect(r.body.error.message).toBe('这个邀请码的次数已经用完了，请找居委要一个新的');
    }
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
    expect(res.body.error.details).toEqual({ reason: 'expired' });
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
    expect(res.body.error.details).toEqual({ reason: 'revoked' });
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
    expect(unknown.body.error).toMatchObject({ message: '邀请码不对，请核对后再输入', details: { reason: 'unknown' } });
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
