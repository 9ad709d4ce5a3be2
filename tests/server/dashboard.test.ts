import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';
import { createCommunity, pendingUser, resident, staff, wechatUser, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

afterEach(() => {
  // Tests that move the clock put it back, so sessions and codes made later behave normally.
  t.app.clock.set(new Date());
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
      notices: { publishedThisMonth: 0, averageReadRate: null, openSignups: 0 },
      matters: { open: 0, doneThisMonth: 0, averageRating: null },
      moderation: { reported: 0, held: 0, appealed: 0 },
    });

    // A week later the 7-day code has expired.
    t.app.clock.advance(8 * 86_400_000);
    const later = await t.app.call('GET', `/api/committees/${c.id}/dashboard`, { token: mod.token });
    expect(later.body.activeInvitations).toBe(1);
  });

  it('counts notices published this month (China time), their average read rate and the 活动 taking sign-ups', async () => {
    const c = await createCommunity(t.app, '通知看板社区');
    const mod = await staff(t.app, { community: c });
    const r1 = await resident(t.app, c, 0);
    await resident(t.app, c, 1);
    // 2026-11-30 16:30Z is 2026-12-01 00:30 in Shanghai: already December there.
    t.app.clock.set(new Date('2026-11-30T15:30:00Z'));
    const post = async (body: Record<string, unknown>) => {
      const created = await t.app.call('POST', `/api/committees/${c.id}/notices`, {
        token: mod.token,
        body: { title: '看板通知', body: '正文', category: 'notice', isPublic: false, audience: 'all', ...body },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as number;
      await t.app.call('POST', `/api/committees/${c.id}/notices/${id}/publish`, { token: mod.token });
      return id;
    };
    await post({}); // November in Shanghai (23:30): not this month
    t.app.clock.set(new Date('2026-11-30T16:30:00Z'));
    const read = await post({});
    await post({
      category: 'event',
      signup: { capacity: 10, deadline: '2026-12-10T10:00:00+08:00', maxPeople: 2 },
    });
    await post({ category: 'event', signup: { capacity: 10, deadline: '2026-12-01T00:00:00+08:00', maxPeople: 1 } });
    await t.app.call('GET', `/api/committees/${c.id}/notices/${read}`, { token: r1.token });
    const res = await t.app.call('GET', `/api/committees/${c.id}/dashboard`, { token: mod.token });
    // Three this month, two households each: one read 1/2, two read 0/2 → average 1/6.
    expect(res.body.notices).toEqual({ publishedThisMonth: 3, averageReadRate: 0.167, openSignups: 1 });
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
