/**
 * 找邻居 contact requests (issue 12, docs/decisions/024-neighbours.md): request → accept → thread;
 * a refusal reads 对方暂时不方便; 30 days' cooling; one live contact per pair; the daily limit
 * exact under a burst; accept and withdraw racing settle to one; strangers get 404; mutes and
 * screened words refuse and store nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/core/logger';
import { boardMutes, messages, neighbourCards, neighbourContacts, neighbourMessages } from '../../server/db/schema';
import { createRealWechat } from '../../server/wechat/real';
import { NEIGHBOUR_DAILY_REQUESTS } from '../../shared/contracts/neighbours';
import { startTestApp, type TestApp, testClock, useTestApp } from '../helpers/app';
import { type FakeWechat, secVerdict, startFakeWechat } from '../helpers/fake-wechat';
import { type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { insertCard } from '../helpers/neighbour-cards';
import { contactMove, requestContact } from '../helpers/neighbours';

const t = useTestApp();
const DAY = 86_400_000;
let c: CommunityFixture;
let other: CommunityFixture;

beforeAll(async () => {
  t.app.clock.set(new Date('2026-12-02T02:00:00Z'));
  c = await createCommunity(t.app, '邻里社区');
  other = await createCommunity(t.app, '别的社区');
});

const api = (path: string, community: CommunityFixture = c) => `/api/committees/${community.id}/neighbours${path}`;

/** Two residents of the community, the second with a listed card. */
async function pair(name = '李师傅') {
  const asker = await resident(t.app, c, 0);
  const owner = await resident(t.app, c, 1);
  const cardId = await insertCard(t.app, c, owner.userId, 1, { displayName: name });
  return { asker, owner, cardId };
}

const post = (token: string, path: string, body?: unknown) => t.app.call('POST', api(path), { token, body });
const get = (token: string, path: string) => t.app.call('GET', api(path), { token });

describe('a request', () => {
  it('request → accept → thread, with the words, a message to each side and the views', async () => {
    const { asker, owner, cardId } = await pair();
    const res = await post(asker.token, `/cards/${cardId}/contact`, { message: '想请您帮忙看看洗衣机' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), view: 'waiting' });
    const id = res.body.id as number;
    // The requester got an unlisted card with the defaults.
    const [mine] = await t.app.database.db.select().from(neighbourCards).where(eq(neighbourCards.userId, asker.userId));
    expect(mine).toMatchObject({ listed: false, showName: true, showBuilding: true, showIntro: false });
    const told = await t.app.database.db.select().from(messages).where(eq(messages.userId, owner.userId));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: '有邻居想联系您',
      link: `/packages/neighbours/contacts/index?communityId=${c.id}&box=requests`,
    });

    const inbox = await get(owner.token, '/contacts?box=requests');
    expect(inbox.status).toBe(200);
    expect(inbox.body.toAnswer).toBe(1);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ id, view: 'to_answer', request: '想请您帮忙看看洗衣机', unread: 1 }),
    ]);
    const sent = await get(asker.token, '/contacts?box=requests');
    expect(sent.body.items).toEqual([
      expect.objectContaining({
        id,
        view: 'waiting',
        other: expect.objectContaining({ id: cardId, displayName: '李师傅' }),
      }),
    ]);

    const ok = await contactMove(t.app, c, owner.token, id, 'accept');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id, view: 'accepted' });
    const back = await t.app.database.db.select().from(messages).where(eq(messages.userId, asker.userId));
    expect(back.map((m) => m.title)).toEqual(['邻居同意了您的请求']);
    const threads = await get(asker.token, '/contacts?box=threads');
    expect(threads.body.items).toEqual([expect.objectContaining({ id, view: 'accepted' })]);
    const thread = await get(owner.token, `/contacts/${id}`);
    expect(thread.status).toBe(200);
    expect(thread.body.canSend).toBe(true);
    expect(thread.body.messages).toEqual([
      expect.objectContaining({ isRequest: true, mine: false, body: '想请您帮忙看看洗衣机', state: 'visible' }),
    ]);
    // The owner sees the requester's unlisted default card (name and building switches on).
    expect(thread.body.contact.other).toMatchObject({ id: mine.id });
    // A second accept lost: nothing is pending any more.
    const again = await contactMove(t.app, c, owner.token, id, 'accept');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    // The requester cannot answer their own request.
    const wrongSide = await contactMove(t.app, c, asker.token, id, 'decline');
    expect(wrongSide.status).toBe(409);
  });

  it('a decline reads 对方暂时不方便 to the requester and is told to nobody; 30 days of cooling', async () => {
    const { asker, owner, cardId } = await pair();
    const id = await requestContact(t.app, c, asker.token, cardId);
    const before = await t.app.database.db.select().from(messages).where(eq(messages.userId, asker.userId));
    const no = await contactMove(t.app, c, owner.token, id, 'decline');
    expect(no.body).toEqual({ id, view: 'declined' });
    const sent = await get(asker.token, '/contacts?box=requests');
    expect(sent.body.items).toEqual([expect.objectContaining({ id, view: 'unavailable' })]);
    expect(JSON.stringify(sent.body)).not.toContain('declined');
    const one = await get(asker.token, `/contacts/${id}`);
    expect(one.body.contact.view).toBe('unavailable');
    expect(one.body.canSend).toBe(false);
    const after = await t.app.database.db.select().from(messages).where(eq(messages.userId, asker.userId));
    expect(after).toHaveLength(before.length);

    const soon = await post(asker.token, `/cards/${cardId}/contact`, { message: '再问一次' });
    expect(soon.status).toBe(409);
    expect(soon.body.error.code).toBe('CONTACT_COOLING');
    t.app.clock.advance(29 * DAY);
    try {
      // Sessions last less than a month: sign in again with the same WeChat account.
      const token = (await t.app.call('POST', '/api/auth/wechat', { body: { code: asker.code } })).body.token;
      const still = await post(token, `/cards/${cardId}/contact`, { message: '再问一次' });
      expect(still.body.error.code).toBe('CONTACT_COOLING');
      t.app.clock.advance(2 * DAY);
      const later = await post(token, `/cards/${cardId}/contact`, { message: '再问一次' });
      expect(later.status).toBe(201);
    } finally {
      t.app.clock.advance(-31 * DAY);
    }
  });

  it('one live contact per pair, either direction; withdraw frees the pair', async () => {
    const { asker, owner, cardId } = await pair();
    const askerCard = await insertCard(t.app, c, asker.userId, 0, { displayName: '张阿姨' });
    const id = await requestContact(t.app, c, asker.token, cardId);
    const twice = await post(asker.token, `/cards/${cardId}/contact`, { message: '在吗' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CONTACT_EXISTS');
    const reverse = await post(owner.token, `/cards/${askerCard}/contact`, { message: '在吗' });
    expect(reverse.status).toBe(409);
    expect(reverse.body.error.code).toBe('CONTACT_EXISTS');
    // Concurrent requests both ways: exactly one live contact.
    expect((await contactMove(t.app, c, asker.token, id, 'withdraw')).body).toEqual({ id, view: 'withdrawn' });
    const both = await Promise.all([
      post(asker.token, `/cards/${cardId}/contact`, { message: '你好' }),
      post(owner.token, `/cards/${askerCard}/contact`, { message: '你好' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)?.body.error.code).toBe('CONTACT_EXISTS');
    const live = await t.app.database.db
      .select()
      .from(neighbourContacts)
      .where(and(eq(neighbourContacts.communityId, c.id), eq(neighbourContacts.state, 'pending')));
    expect(live.filter((x) => [x.requesterId, x.addresseeId].includes(asker.userId))).toHaveLength(1);
  });

  it('the daily limit is exact: 10 requests at once to 10 cards, 5 succeed', async () => {
    const asker = await resident(t.app, c, 2);
    const cards: number[] = [];
    for (let i = 0; i < 10; i++) {
      const o = await resident(t.app, c, i % 6);
      cards.push(await insertCard(t.app, c, o.userId, i % 6, { displayName: `邻居${i}` }));
    }
    const replies = await Promise.all(
      cards.map((id) => post(asker.token, `/cards/${id}/contact`, { message: '您好，想认识一下' })),
    );
    const ok = replies.filter((r) => r.status === 201);
    expect(ok).toHaveLength(NEIGHBOUR_DAILY_REQUESTS);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 429 && r.body.error.code === 'CONTACT_LIMIT')).toBe(true);
    const rows = await t.app.database.db
      .select()
      .from(neighbourContacts)
      .where(eq(neighbourContacts.requesterId, asker.userId));
    expect(rows).toHaveLength(NEIGHBOUR_DAILY_REQUESTS);
    // The next China day starts afresh.
    t.app.clock.advance(DAY);
    try {
      const next = await post(asker.token, `/cards/${cards[9]}/contact`, { message: '您好，想认识一下' });
      expect([201, 409]).toContain(next.status);
      if (next.status === 409) expect(next.body.error.code).toBe('CONTACT_EXISTS');
      const fresh = refused.length ? cards.find((_, i) => replies[i].status !== 201) : undefined;
      if (fresh !== undefined)
        expect((await post(asker.token, `/cards/${fresh}/contact`, { message: '您好，想认识一下' })).status).toBe(201);
    } finally {
      t.app.clock.advance(-DAY);
    }
  });

  it('accept and withdraw at once: exactly one wins, 20 rounds', async () => {
    for (let round = 0; round < 20; round++) {
      const { asker, owner, cardId } = await pair(`师傅${round}`);
      const id = await requestContact(t.app, c, asker.token, cardId);
      const [acc, wd] = await Promise.all([
        contactMove(t.app, c, owner.token, id, 'accept'),
        contactMove(t.app, c, asker.token, id, 'withdraw'),
      ]);
      const wins = [acc, wd].filter((r) => r.status === 200);
      expect(wins).toHaveLength(1);
      const loser = acc.status === 200 ? wd : acc;
      expect(loser.status).toBe(409);
      expect(loser.body.error.code).toBe('INVALID_STATE');
      const [row] = await t.app.database.db.select().from(neighbourContacts).where(eq(neighbourContacts.id, id));
      expect(row.state).toBe(acc.status === 200 ? 'accepted' : 'withdrawn');
      const told = await t.app.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, asker.userId), eq(messages.kind, 'neighbour.accepted')));
      expect(told).toHaveLength(acc.status === 200 ? 1 : 0);
    }
  });
});

describe('who may', () => {
  it('another community’s member, an outsider and a stranger to the contact get 404 on every route', async () => {
    const { asker, owner, cardId } = await pair();
    const id = await requestContact(t.app, c, asker.token, cardId);
    const foreigner = await resident(t.app, other, 0);
    const stranger = await resident(t.app, c, 3);
    const routes: [string, string, unknown?][] = [
      ['POST', `/cards/${cardId}/contact`, { message: '你好' }],
      ['GET', '/contacts'],
      ['GET', `/contacts/${id}`],
      ['POST', `/contacts/${id}/accept`],
      ['POST', `/contacts/${id}/decline`],
      ['POST', `/contacts/${id}/withdraw`],
      ['PUT', `/contacts/${id}/share`, { phone: '13800000000', wechatId: null, consentVersion: '2026-12-v1' }],
      ['POST', `/contacts/${id}/messages`, { body: '你好' }],
      ['POST', `/cards/${cardId}/block`],
      ['POST', `/contacts/${id}/block`],
      ['GET', '/blocks'],
      ['DELETE', '/blocks/1'],
    ];
    for (const [method, path, body] of routes) {
      const res = await t.app.call(method, api(path), { token: foreigner.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      // The same object through the foreigner's own community does not exist either.
      if (path.includes(`${id}`) || path.includes(`${cardId}`)) {
        const there = await t.app.call(method, api(path, other), { token: foreigner.token, body });
        expect(there.status, `${method} ${path} (own community)`).toBe(404);
      }
    }
    const anonymous = await t.app.call('GET', api('/contacts'));
    expect(anonymous.status).toBe(401);
    for (const [method, path, body] of routes.filter(([, p]) => p.includes(`/contacts/${id}`))) {
      const res = await t.app.call(method, api(path), { token: stranger.token, body });
      expect(res.status, `stranger ${method} ${path}`).toBe(404);
    }
    expect((await get(owner.token, `/contacts/${id}`)).status).toBe(200);
  });

  it('an unlisted card, one’s own card and a card of someone who left cannot be asked', async () => {
    const asker = await resident(t.app, c, 0);
    const hidden = await resident(t.app, c, 1);
    const unlisted = await insertCard(t.app, c, hidden.userId, 1, { listed: false });
    expect((await post(asker.token, `/cards/${unlisted}/contact`, { message: '你好' })).status).toBe(404);
    const own = await insertCard(t.app, c, asker.userId, 0);
    expect((await post(asker.token, `/cards/${own}/contact`, { message: '你好' })).status).toBe(404);
  });

  it('a muted resident is refused (403 BOARD_MUTED) and nothing is stored', async () => {
    const { asker, cardId } = await pair();
    await t.app.database.db.insert(boardMutes).values({
      communityId: c.id,
      userId: asker.userId,
      until: new Date(t.app.clock().getTime() + DAY),
      reason: '辱骂',
    });
    const res = await post(asker.token, `/cards/${cardId}/contact`, { message: '你好' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BOARD_MUTED');
    const rows = await t.app.database.db
      .select()
      .from(neighbourContacts)
      .where(eq(neighbourContacts.requesterId, asker.userId));
    expect(rows).toHaveLength(0);
  });

  it('screened words are refused (422) and nothing is stored', async () => {
    const mod = await staff(t.app, { community: c });
    const add = await t.app.call('POST', `/api/committees/${c.id}/screening-words`, {
      token: mod.token,
      body: { words: '邻居禁词' },
    });
    expect(add.status).toBe(201);
    const { asker, cardId } = await pair();
    const res = await post(asker.token, `/cards/${cardId}/contact`, { message: '这里有邻居禁词' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONTENT_REJECTED');
    const rows = await t.app.database.db
      .select()
      .from(neighbourContacts)
      .where(eq(neighbourContacts.requesterId, asker.userId));
    expect(rows).toHaveLength(0);
    const words = await t.app.database.db
      .select()
      .from(neighbourMessages)
      .where(eq(neighbourMessages.authorId, asker.userId));
    expect(words).toHaveLength(0);
  });
});

describe('a request WeChat would hold for a person', () => {
  const APPID = 'wxneighbourstest01';
  const SECRET = 'fake-secret-neighbours';
  const clock = testClock(new Date('2026-12-02T02:00:00Z'));
  let fake: FakeWechat;
  let app: TestApp;
  beforeAll(async () => {
    fake = await startFakeWechat({ appid: APPID, secret: SECRET, now: () => clock().getTime() });
    const impl = createRealWechat({
      appid: APPID,
      secret: SECRET,
      baseUrl: fake.url,
      logger: createLogger('silent'),
      clock,
      timeoutMs: 2000,
    });
    app = await startTestApp({
      clock,
      wechat: {
        kind: 'real',
        code2Session: (code) => impl.code2Session(code),
        sendSubscribeMessage: (...a) => impl.sendSubscribeMessage(...a),
        msgSecCheck: (...a) => impl.msgSecCheck(...a),
        mediaCheckAsync: (...a) => impl.mediaCheckAsync(...a),
      },
      config: { SCREENING_TIMEOUT_MS: 400, PUBLIC_BASE_URL: 'https://sqy.example.cn/' },
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('is refused (422 CONTENT_REJECTED, asking to rephrase) and nothing is stored', async () => {
    const community = await createCommunity(app, '审核社区');
    const asker = await resident(app, community, 0);
    const owner = await resident(app, community, 1);
    const cardId = await insertCard(app, community, owner.userId, 1, { displayName: '刘老师' });
    fake.scriptSecCheck('这句话需要人工审核', secVerdict('review'));
    const res = await app.call('POST', `/api/committees/${community.id}/neighbours/cards/${cardId}/contact`, {
      token: asker.token,
      body: { message: '这句话需要人工审核' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONTENT_REJECTED');
    expect(res.body.error.message).toContain('换个说法');
    const rows = await app.database.db
      .select()
      .from(neighbourMessages)
      .where(eq(neighbourMessages.authorId, asker.userId));
    expect(rows).toHaveLength(0);
    // A passing one goes through.
    const ok = await app.call('POST', `/api/committees/${community.id}/neighbours/cards/${cardId}/contact`, {
      token: asker.token,
      body: { message: '您好，想请教一下' },
    });
    expect(ok.status).toBe(201);
  });
});
