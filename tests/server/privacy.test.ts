import { describe, expect, it } from 'vitest';
import { deliverMessage } from '../../server/platform/messages';
import { useTestApp } from '../helpers/app';
import { createCommunity, staff, wechatUser } from '../helpers/fixtures';

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
