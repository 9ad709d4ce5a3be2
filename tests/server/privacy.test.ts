import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, rentalBookings } from '../../server/db/schema';
import { deliverMessage } from '../../server/platform/messages';
import { useTestApp } from '../helpers/app';
import { createCommunity, staff, wechatUser } from '../helpers/fixtures';
import { rentalSetup } from '../helpers/rentals';

const t = useTestApp();

async function joinedResident() {
  const c = await createCommunity(t.app, `隐私社区${Math.random().toString(36).slice(2, 7)}`);
  const u = await wechatUser(t.app, 'privacy');
  const join = await t.app.call('POST', `/api/committees/${c.id}/join`, {
    token: u.token,
    body: { householdId: c.householdIds[0], realName: '钱桂芳', phone: '13600001234' },
  });
  expect(join.status).toBe(201);
  return { c, u, membershipId: join.body.id as number };
}

describe('GET /api/me/data', () => {
  it('gives the resident a copy of their own data, real name and phone included', async () => {
    const { c, u } = await joinedResident();
    const res = await t.app.call('GET', '/api/me/data', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: u.userId, hasWechatIdentity: true });
    expect(res.body.memberships).toEqual([
      expect.objectContaining({
        communityName: c.name,
        status: 'pending',
        realName: '钱桂芳',
        phone: '13600001234',
        household: '1号楼 1单元 101',
      }),
    ]);
    expect(res.body.sessions.length).toBeGreaterThanOrEqual(1);
    // Nothing internal: no openid, no session key, no token hashes.
    expect(JSON.stringify(res.body)).not.toMatch(/local_|session_?key|token/i);
  });
});

describe('POST /api/me/delete', () => {
  it('needs the confirmation word', async () => {
    const { u } = await joinedResident();
    const res = await t.app.call('POST', '/api/me/delete', { token: u.token, body: { confirm: 'yes' } });
    expect(res.status).toBe(400);
    expect((await t.app.call('GET', '/api/me', { token: u.token })).status).toBe(200);
  });

  it('erases the personal data, ends the memberships and every session, and keeps an audit trail', async () => {
    const { c, u, membershipId } = await joinedResident();
    const second = await t.app.call('POST', '/api/auth/wechat', { body: { code: u.code } });
    const res = await t.app.call('POST', '/api/me/delete', { token: u.token, body: { confirm: '删除' } });
    expect(res.status).toBe(204);

    for (const token of [u.token, second.body.token]) {
      expect((await t.app.call('GET', '/api/me', { token })).status).toBe(401);
    }
    const [user] = await t.app.database
      .sql`select openid, unionid, nickname, session_key_enc from users where id = ${u.userId}`;
    expect(user).toEqual({ openid: null, unionid: null, nickname: null, session_key_enc: null });
    const [m] = await t.app.database
      .sql`select status, real_name_enc, phone_enc from memberships where id = ${membershipId}`;
    expect(m).toEqual({ status: 'left', real_name_enc: null, phone_enc: null });
    const audit = await t.app.database.sql`
      select action from audit_log where community_id = ${c.id} and target_id = ${membershipId}`;
    expect(audit.map((a) => a.action)).toContain('membership.deleted_by_resident');

    // The same WeChat user signing in again starts afresh, with nothing of the old account.
    const again = await t.app.call('POST', '/api/auth/wechat', { body: { code: u.code } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).not.toBe(u.userId);
    expect(again.body.memberships).toEqual([]);
  });

  it('is refused for staff accounts, which an admin closes instead', async () => {
    const s = await staff(t.app, {});
    const res = await t.app.call('POST', '/api/me/delete', { token: s.token, body: { confirm: '删除' } });
    expect(res.status).toBe(403);
    expect((await t.app.call('GET', '/api/me', { token: s.token })).status).toBe(200);
  });
});

describe('messages in the copy and the deletion', () => {
  it('the copy lists the messages the app sent, and deleting the account deletes them', async () => {
    const { u } = await joinedResident();
    await deliverMessage(t.app.database.db, {
      userId: u.userId,
      kind: 'membership.approved',
      title: '您已通过审核',
      body: '欢迎加入社区',
      key: `approved-${u.userId}`,
    });
    const copy = await t.app.call('GET', '/api/me/data', { token: u.token });
    expect(copy.body.messages).toEqual([expect.objectContaining({ title: '您已通过审核', readAt: null })]);
    expect((await t.app.call('POST', '/api/me/delete', { token: u.token, body: { confirm: '删除' } })).status).toBe(
      204,
    );
    const left = await t.app.database.sql`select count(*)::int as n from messages where user_id = ${u.userId}`;
    expect(left[0].n).toBe(0);
  });
});

describe('rental bookings in the copy and the deletion', () => {
  it('the copy lists the bookings; deletion keeps them for the point but erases the person, the member, the note and the address', async () => {
    const { c, u } = await joinedResident();
    await t.app.database.db.update(memberships).set({ status: 'approved' }).where(eq(memberships.userId, u.userId));
    const s = await rentalSetup(t.app, c, { units: 1 });
    const quote = {
      feeKind: 'per_day',
      days: 3,
      periods: 0,
      rentFen: 1500,
      subsidyPercent: 0,
      subsidyFen: 0,
      payableFen: 1500,
      depositFen: 10000,
      upfrontFen: 11500,
      overdueFeePerDayFen: 500,
    };
    const [b] = await t.app.database.db
      .insert(rentalBookings)
      .values({
        communityId: c.id,
        pointId: s.pointId,
        itemTypeId: s.itemTypeId,
        unitId: s.unitIds[0],
        householdId: c.householdIds[0],
        userId: u.userId,
        forName: '王阿姨',
        forRelation: '母亲',
        eligibility: 'elderly',
        startOn: '2027-01-04',
        endOn: '2027-01-06',
        handover: 'delivery',
        deliveryAddress: '1号楼1单元101',
        note: '腿脚不便',
        status: 'on_loan',
        quote,
        rentPaidFen: 1500,
        depositTakenFen: 10000,
      })
      .returning();
    const copy = await t.app.call('GET', '/api/me/data', { token: u.token });
    expect(copy.status).toBe(200);
    expect(copy.body.rentals).toEqual([
      {
        communityName: c.name,
        pointName: `${c.name}辅具站`,
        itemName: '手动轮椅',
        startOn: '2027-01-04',
        endOn: '2027-01-06',
        status: 'on_loan',
        forName: '王阿姨',
        forRelation: '母亲',
        eligibility: 'elderly',
        handover: 'delivery',
        deliveryAddress: '1号楼1单元101',
        note: '腿脚不便',
        returnedOn: null,
        payableFen: 1500,
        depositFen: 10000,
        rentPaidFen: 1500,
        depositTakenFen: 10000,
        refundFen: null,
        owedFen: null,
        createdAt: expect.any(String),
      },
    ]);
    expect((await t.app.call('POST', '/api/me/delete', { token: u.token, body: { confirm: '删除' } })).status).toBe(
      204,
    );
    const [after] = await t.app.database.db.select().from(rentalBookings).where(eq(rentalBookings.id, b.id));
    expect(after).toMatchObject({
      userId: null,
      forName: null,
      forRelation: null,
      note: null,
      deliveryAddress: null,
      status: 'on_loan',
      householdId: c.householdIds[0],
      eligibility: 'elderly',
      rentPaidFen: 1500,
      depositTakenFen: 10000,
      quote,
    });
  });
});
