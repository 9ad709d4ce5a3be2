/**
 * 找邻居 threads (issue 12, docs/decisions/024-neighbours.md): messages both ways with unread
 * counts and paging, photos, shares seen only by the other side while accepted (each a consent
 * row), silent blocks that close the thread, and reports of a message by the other side only.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardMutes, neighbourConsents, neighbourContacts, neighbourMessages } from '../../server/db/schema';
import { reviewTabs } from '../../shared/contracts/moderation';
import { NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { insertCard } from '../helpers/neighbour-cards';
import { contactMove, requestContact } from '../helpers/neighbours';

const t = useTestApp();
let c: CommunityFixture;

beforeAll(async () => {
  t.app.clock.set(new Date('2026-12-02T02:00:00Z'));
  c = await createCommunity(t.app, '聊天社区');
});

const api = (path: string) => `/api/committees/${c.id}/neighbours${path}`;
const call = (method: string, token: string, path: string, body?: unknown) =>
  t.app.call(method, api(path), { token, body });

/** An accepted contact between a requester (A) and a card owner (B). */
async function thread(name = '李师傅') {
  const a = await resident(t.app, c, 0);
  const b = await resident(t.app, c, 1);
  const aCard = await insertCard(t.app, c, a.userId, 0, { displayName: '张阿姨' });
  const bCard = await insertCard(t.app, c, b.userId, 1, { displayName: name });
  const id = await requestContact(t.app, c, a.token, bCard, '想请您帮忙修水管');
  expect((await contactMove(t.app, c, b.token, id, 'accept')).status).toBe(200);
  return { a, b, aCard, bCard, id };
}

const send = (token: string, id: number, body: string, photoIds: number[] = []) =>
  call('POST', token, `/contacts/${id}/messages`, { body, photoIds });

describe('messages', () => {
  it('go both ways, count as unread until opened, and page by `before` oldest first', async () => {
    const { a, b, id } = await thread();
    const first = await send(a.token, id, '您好，什么时候方便？');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ mine: true, isRequest: false, body: '您好，什么时候方便？', state: 'visible' });
    for (let i = 0; i < 4; i++) expect((await send(a.token, id, `第${i}条`)).status).toBe(201);
    const list = await call('GET', b.token, '/contacts?box=threads');
    const item = list.body.items.find((x: { id: number }) => x.id === id);
    // Not opened yet: the request and five messages are unread.
    expect(item).toMatchObject({ view: 'accepted', unread: 6, lastMessage: '第3条' });
    expect(item.other).toMatchObject({ displayName: '张阿姨' });
    const page = await call('GET', b.token, `/contacts/${id}?limit=3`);
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m: { body: string }) => m.body)).toEqual(['第1条', '第2条', '第3条']);
    expect(page.body.olderBefore).toBe(page.body.messages[0].id);
    const older = await call('GET', b.token, `/contacts/${id}?limit=3&before=${page.body.olderBefore}`);
    expect(older.body.messages.map((m: { body: string }) => m.body)).toEqual([
      '想请您帮忙修水管',
      '您好，什么时候方便？',
      '第0条',
    ]);
    expect(older.body.olderBefore).toBeNull();
    const after = await call('GET', b.token, '/contacts?box=threads');
    expect(after.body.items.find((x: { id: number }) => x.id === id).unread).toBe(0);
    // The reply counts for A only.
    expect((await send(b.token, id, '明天上午可以')).status).toBe(201);
    const aList = await call('GET', a.token, '/contacts?box=threads');
    expect(aList.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      unread: 1,
      lastMessage: '明天上午可以',
    });
    const bList = await call('GET', b.token, '/contacts?box=threads');
    expect(bList.body.items.find((x: { id: number }) => x.id === id).unread).toBe(0);
  });

  it('take photos uploaded by the sender (signed URLs), not someone else’s', async () => {
    const { a, b, id } = await thread();
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c84' } })
      .jpeg()
      .toBuffer();
    const upload = async (token: string) => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'IMG_1.jpg');
      const res = await t.app.call('POST', `/api/committees/${c.id}/photos`, { token, form: f });
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    const mine = await upload(a.token);
    const theirs = await upload(b.token);
    const wrong = await send(a.token, id, '看这张', [theirs]);
    expect(wrong.status).toBe(400);
    const ok = await send(a.token, id, '看这张', [mine]);
    expect(ok.status).toBe(201);
    expect(ok.body.photos).toEqual([
      { id: mine, url: expect.stringMatching(/^\/api\/files\//), thumbUrl: expect.any(String) },
    ]);
    const seen = await call('GET', b.token, `/contacts/${id}`);
    const msg = seen.body.messages.find((m: { id: number }) => m.id === ok.body.id);
    expect(msg.photos).toHaveLength(1);
    const img = await fetch(t.app.url + msg.photos[0].url);
    expect(img.status).toBe(200);
    // Used once only.
    expect((await send(a.token, id, '再看一次', [mine])).status).toBe(400);
  });

  it('cannot be written by a muted resident (403 BOARD_MUTED), nothing stored', async () => {
    const { a, id } = await thread();
    await t.app.database.db.insert(boardMutes).values({
      communityId: c.id,
      userId: a.userId,
      until: new Date(t.app.clock().getTime() + 86_400_000),
      reason: '辱骂',
    });
    const res = await send(a.token, id, '还在吗');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BOARD_MUTED');
    const rows = await t.app.database.db.select().from(neighbourMessages).where(eq(neighbourMessages.contactId, id));
    expect(rows.map((r) => r.isRequest)).toEqual([true]);
  });

  it('cannot be written before the request is accepted', async () => {
    const a = await resident(t.app, c, 2);
    const b = await resident(t.app, c, 3);
    const bCard = await insertCard(t.app, c, b.userId, 3, { displayName: '赵老师' });
    const id = await requestContact(t.app, c, a.token, bCard);
    const res = await send(a.token, id, '在吗');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONTACT_CLOSED');
  });
});

describe('shares', () => {
  it('are seen only by the other side and only while accepted; each change is a consent row', async () => {
    const { a, b, id } = await thread();
    const share = await call('PUT', a.token, `/contacts/${id}/share`, {
      phone: '13800001111',
      wechatId: 'zhang_ayi',
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
    });
    expect(share.status).toBe(200);
    expect(share.body).toEqual({ phone: '13800001111', wechatId: 'zhang_ayi' });
    const [row] = await t.app.database.db.select().from(neighbourContacts).where(eq(neighbourContacts.id, id));
    expect(row.requesterPhoneEnc).not.toContain('13800001111');
    const aView = await call('GET', a.token, `/contacts/${id}`);
    expect(aView.body.myShare).toEqual({ phone: '13800001111', wechatId: 'zhang_ayi' });
    expect(aView.body.theirShare).toEqual({ phone: null, wechatId: null });
    const bView = await call('GET', b.token, `/contacts/${id}`);
    expect(bView.body.theirShare).toEqual({ phone: '13800001111', wechatId: 'zhang_ayi' });
    expect(bView.body.myShare).toEqual({ phone: null, wechatId: null });

    const stale = await call('PUT', a.token, `/contacts/${id}/share`, {
      phone: null,
      wechatId: null,
      consentVersion: '2000-01-v0',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('INVALID_STATE');
    const back = await call('PUT', a.token, `/contacts/${id}/share`, {
      phone: null,
      wechatId: 'zhang_ayi',
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
    });
    expect(back.body).toEqual({ phone: null, wechatId: 'zhang_ayi' });
    const log = await t.app.database.db
      .select()
      .from(neighbourConsents)
      .where(eq(neighbourConsents.userId, a.userId))
      .orderBy(neighbourConsents.id);
    expect(log.map((x) => [x.field, x.granted, x.contactId, x.textVersion])).toEqual([
      ['share_phone', true, id, NEIGHBOUR_CONSENT_VERSION],
      ['share_wechat', true, id, NEIGHBOUR_CONSENT_VERSION],
      ['share_phone', false, id, NEIGHBOUR_CONSENT_VERSION],
    ]);

    // Once closed (B blocks A), B no longer sees the share and A cannot change it.
    expect((await call('POST', b.token, `/contacts/${id}/block`)).status).toBe(201);
    const closed = await call('GET', b.token, `/contacts/${id}`);
    expect(closed.body.theirShare).toEqual({ phone: null, wechatId: null });
    const late = await call('PUT', a.token, `/contacts/${id}/share`, {
      phone: '13800001111',
      wechatId: null,
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONTACT_CLOSED');
  });
});

describe('blocks', () => {
  it('close the thread for both, hide the blocker from the blocked, are idempotent, and lift without reopening', async () => {
    const { a, b, aCard, bCard, id } = await thread('王师傅');
    expect((await send(a.token, id, '您好')).status).toBe(201);
    const first = await call('POST', b.token, `/cards/${aCard}/block`);
    expect(first.status).toBe(201);
    const twice = await call('POST', b.token, `/contacts/${id}/block`);
    expect(twice.body.blockId).toBe(first.body.blockId);
    for (const who of [a, b]) {
      const res = await send(who.token, id, '还在吗');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONTACT_CLOSED');
    }
    // A, the blocked one, sees 对方暂时不方便 and no card; B sees whom they blocked.
    const aList = await call('GET', a.token, '/contacts?box=threads');
    expect(aList.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      view: 'unavailable',
      other: null,
    });
    const aThread = await call('GET', a.token, `/contacts/${id}`);
    expect(aThread.body).toMatchObject({ canSend: false, contact: { view: 'unavailable', other: null } });
    const bList = await call('GET', b.token, '/contacts?box=threads');
    expect(bList.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      view: 'ended',
      other: expect.objectContaining({ displayName: '张阿姨' }),
    });
    // A cannot ask B again while blocked (B's card does not exist for A).
    const ask = await call('POST', a.token, `/cards/${bCard}/contact`, { message: '你好' });
    expect(ask.status).toBe(404);
    const blocks = await call('GET', b.token, '/blocks');
    expect(blocks.body.items).toEqual([{ id: first.body.blockId, label: '张阿姨', createdAt: expect.any(String) }]);
    // Only one's own block can be lifted.
    expect((await call('DELETE', a.token, `/blocks/${first.body.blockId}`)).status).toBe(404);
    expect((await call('DELETE', b.token, `/blocks/${first.body.blockId}`)).status).toBe(204);
    expect((await call('GET', b.token, '/blocks')).body.items).toEqual([]);
    const [row] = await t.app.database.db.select().from(neighbourContacts).where(eq(neighbourContacts.id, id));
    expect(row.state).toBe('closed');
    expect((await send(b.token, id, '还在吗')).body.error.code).toBe('CONTACT_CLOSED');
    // A may ask again now (a new contact).
    expect((await call('POST', a.token, `/cards/${bCard}/contact`, { message: '你好' })).status).toBe(201);
  });

  it('cannot target one’s own card or a stranger’s contact', async () => {
    const { a, id } = await thread();
    const own = await t.app.database.db.select().from(neighbourContacts).where(eq(neighbourContacts.id, id));
    expect(own).toHaveLength(1);
    const x = await resident(t.app, c, 4);
    const xCard = await insertCard(t.app, c, x.userId, 4);
    expect((await call('POST', x.token, `/cards/${xCard}/block`)).status).toBe(404);
    expect((await call('POST', x.token, `/contacts/${id}/block`)).status).toBe(404);
    void a;
  });
});

describe('reports', () => {
  it('only the other side may report a message; the reported one reaches the queue, others never', async () => {
    const mod = await staff(t.app, { community: c });
    const { a, b, id } = await thread();
    const bad = await send(a.token, id, '这条是要被举报的话');
    const quiet = await send(a.token, id, '这条没人举报的私密话');
    const outsider = await resident(t.app, c, 5);
    const report = (token: string, subjectId: number) =>
      t.app.call('POST', `/api/committees/${c.id}/reports`, {
        token,
        body: { subject: 'neighbour_message', subjectId, reason: 'abuse' },
      });
    expect((await report(outsider.token, bad.body.id)).status).toBe(404);
    expect((await report(a.token, bad.body.id)).status).toBe(404);
    const ok = await report(b.token, bad.body.id);
    expect(ok.status).toBe(201);
    const queue = await t.app.call('GET', `/api/committees/${c.id}/review?tab=reported`, { token: mod.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ subject: 'neighbour_message', subjectId: bad.body.id, body: '这条是要被举报的话' }),
    ]);
    for (const tab of reviewTabs) {
      const res = await t.app.call('GET', `/api/committees/${c.id}/review?tab=${tab}`, { token: mod.token });
      expect(JSON.stringify(res.body)).not.toContain('没人举报的私密话');
      expect(JSON.stringify(res.body)).not.toContain('想请您帮忙修水管');
    }
    void quiet;
  });
});

describe('a message held for its photos', () => {
  it('is not in the review queue while it only waits for the check; it is once WeChat leaves it to a person', async () => {
    const mod = await staff(t.app, { community: c });
    const { a, id } = await thread();
    const sent = await send(a.token, id, '等图片检查的私密话');
    expect(sent.status).toBe(201);
    const held = (reason: 'images_pending' | 'wechat_review') =>
      t.app.database.db
        .update(neighbourMessages)
        .set({ state: 'held', heldReason: reason })
        .where(eq(neighbourMessages.id, sent.body.id));
    const queueText = async () => {
      const res = await t.app.call('GET', `/api/committees/${c.id}/review?tab=held`, { token: mod.token });
      expect(res.status).toBe(200);
      return { text: JSON.stringify(res.body.items), held: res.body.counts.held as number };
    };
    await held('images_pending');
    const waiting = await queueText();
    expect(waiting.text).not.toContain('等图片检查的私密话');
    await held('wechat_review');
    const review = await queueText();
    expect(review.text).toContain('等图片检查的私密话');
    expect(review.held).toBe(waiting.held + 1);
  });
});

describe('leaving the community', () => {
  it('closes the threads at once: the other side reads 对方暂时不方便 and no card, and cannot write', async () => {
    const { a, b, id } = await thread('要搬走的邻居');
    const [m] = await t.app.database.sql<{ id: number }[]>`
      select id from memberships where user_id = ${b.userId} and community_id = ${c.id} and status = 'approved'`;
    const left = await t.app.call('POST', `/api/memberships/${m.id}/leave`, { token: b.token });
    expect(left.status).toBe(200);
    const seen = await call('GET', a.token, `/contacts/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.contact.view).toBe('unavailable');
    expect(seen.body.contact.other).toBeNull();
    expect(seen.body.canSend).toBe(false);
    expect(JSON.stringify(seen.body)).not.toContain('要搬走的邻居');
    expect((await send(a.token, id, '还在吗')).body.error.code).toBe('CONTACT_CLOSED');
    const [contact] = await t.app.database.db.select().from(neighbourContacts).where(eq(neighbourContacts.id, id));
    expect(contact.state).toBe('closed');
    expect(contact.closedBy).toBe(b.userId);
  });
});
