import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../server/db/schema';
import { tellDecision } from '../../server/features/memberships/messages';
import { deliverMessage } from '../../server/platform/messages';
import { useTestApp } from '../helpers/app';
import { pendingUser, resident, wechatUser, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

afterEach(() => {
  t.app.clock.set(new Date());
});

let keySeq = 0;
async function send(userId: number, title: string) {
  return t.app.database.db.transaction((tx) =>
    deliverMessage(tx, { userId, kind: 'test', title, body: `${title}的内容`, key: `test.${keySeq++}` }),
  );
}

const list = (token: string, query = '') => t.app.call('GET', `/api/me/messages${query}`, { token });
const unread = async (token: string) => (await t.app.call('GET', '/api/me/messages/unread', { token })).body.unread;

async function messagesOf(userId: number) {
  return t.app.database.db.select().from(messages).where(eq(messages.userId, userId));
}

describe('message centre', () => {
  it('lists my messages newest first with keyset paging, and nobody else’s', async () => {
    const me = await wechatUser(t.app, 'reader');
    const other = await wechatUser(t.app, 'other');
    for (const n of [1, 2, 3, 4, 5]) await send(me.userId, `消息${n}`);
    await send(other.userId, '别人的消息');
    const first = await list(me.token, '?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((m: { title: string }) => m.title)).toEqual(['消息5', '消息4']);
    expect(first.body.items[0]).toMatchObject({ body: '消息5的内容', link: null, kind: 'test', read: false });
    const second = await list(me.token, `?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((m: { title: string }) => m.title)).toEqual(['消息3', '消息2']);
    const last = await list(me.token, `?limit=2&before=${second.body.nextBefore}`);
    expect(last.body.items.map((m: { title: string }) => m.title)).toEqual(['消息1']);
    expect(last.body.nextBefore).toBeNull();
    const theirs = await list(other.token);
    expect(theirs.body.items.map((m: { title: string }) => m.title)).toEqual(['别人的消息']);
  });

  it('refuses a bad page size with a 400 in Chinese', async () => {
    const res = await list(w.residentA.token, '?limit=500');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/每页条数/);
  });

  it('counts unread, marks one read (once) and all read', async () => {
    const me = await wechatUser(t.app, 'reader');
    const ids = [await send(me.userId, '一'), await send(me.userId, '二'), await send(me.userId, '三')];
    expect(await unread(me.token)).toBe(3);
    const one = await t.app.call('POST', `/api/me/messages/${ids[0]}/read`, { token: me.token });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids[0], read: true });
    const [firstRead] = (await messagesOf(me.userId)).filter((m) => m.id === ids[0]);
    t.app.clock.advance(60_000);
    const again = await t.app.call('POST', `/api/me/messages/${ids[0]}/read`, { token: me.token });
    expect(again.body.read).toBe(true);
    const [stillFirst] = (await messagesOf(me.userId)).filter((m) => m.id === ids[0]);
    // The first read time is kept.
    expect(stillFirst.readAt).toEqual(firstRead.readAt);
    expect(await unread(me.token)).toBe(2);
    const all = await t.app.call('POST', '/api/me/messages/read-all', { token: me.token });
    expect(all.body).toEqual({ marked: 2 });
    expect(await unread(me.token)).toBe(0);
    expect((await list(me.token)).body.items.every((m: { read: boolean }) => m.read)).toBe(true);
  });

  it("marking another user's message read is a 404 and leaves it unread", async () => {
    const owner = await wechatUser(t.app, 'owner');
    const id = await send(owner.userId, '私人消息');
    const res = await t.app.call('POST', `/api/me/messages/${id}/read`, { token: w.residentA.token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await unread(owner.token)).toBe(1);
    // Read-all of someone else touches nothing of the owner's.
    await t.app.call('POST', '/api/me/messages/read-all', { token: w.residentA.token });
    expect(await unread(owner.token)).toBe(1);
  });
});

describe('membership decisions reach the resident', () => {
  const decide = (membershipId: number, decision: string, body?: unknown) =>
    t.app.call('POST', `/api/committees/${w.a.id}/memberships/${membershipId}/${decision}`, {
      token: w.moderatorA.token,
      body,
    });

  it('approve → one message, linking home; a repeated approve adds none', async () => {
    const p = await pendingUser(t.app, w.a, 2);
    expect((await decide(p.membershipId, 'approve')).status).toBe(200);
    expect((await decide(p.membershipId, 'approve')).status).toBe(409);
    const res = await list(p.token);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      kind: 'membership.approved',
      title: `你已通过${w.a.name}的审核`,
      link: '/pages/home/index',
      communityId: w.a.id,
      read: false,
    });
    expect(await unread(p.token)).toBe(1);
  });

  it('a duplicate delivery of the same decision is one message', async () => {
    const p = await pendingUser(t.app, w.a, 3);
    const decision = {
      membershipId: p.membershipId,
      userId: p.userId,
      communityId: w.a.id,
      communityName: w.a.name,
      status: 'approved' as const,
      reason: null,
      decidedAt: new Date('2026-01-02T03:04:05Z'),
    };
    const first = await t.app.database.db.transaction((tx) => tellDecision(tx, decision));
    const second = await t.app.database.db.transaction((tx) => tellDecision(tx, decision));
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(await messagesOf(p.userId)).toHaveLength(1);
  });

  it('a rejection carries the reason and what to do next; a refused decision sends nothing', async () => {
    const p = await pendingUser(t.app, w.a, 4);
    // Without a reason the rejection is refused, and nothing is sent.
    expect((await decide(p.membershipId, 'reject', {})).status).toBe(400);
    expect(await messagesOf(p.userId)).toHaveLength(0);
    expect((await decide(p.membershipId, 'reject', { reason: '房号与登记信息不符' })).status).toBe(200);
    const [m] = (await list(p.token)).body.items;
    expect(m.kind).toBe('membership.rejected');
    expect(m.body).toContain('房号与登记信息不符');
    expect(m.body).toContain('重新申请');
    expect(m.link).toBe(`/packages/committee/join/index?id=${w.a.id}`);
  });

  it('a revoke tells the former resident, with the reason', async () => {
    const r = await resident(t.app, w.a, 5);
    const [membership] = await t.app.database.sql<
      { id: number }[]
    >`select id from memberships where user_id = ${r.userId}`;
    expect((await decide(membership.id, 'revoke', { reason: '已搬离本小区' })).status).toBe(200);
    const [m] = (await list(r.token)).body.items;
    expect(m).toMatchObject({ kind: 'membership.revoked', title: `你已不再是${w.a.name}的居民` });
    expect(m.body).toContain('已搬离本小区');
  });
});
