/**
 * The production WeChat build (dist/weapp, built by global-setup.ts when stale) executed headless in
 * miniprogram-simulate against the real server with the demo seed. See shim.ts for what stands in
 * for the WeChat client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/security/crypto';
import { localOpenid } from '../../server/wechat/local';
import { formatDistance } from '../../shared/domain/geo';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, HERE, HOME, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const COMMITTEES = 'pages/committees/index';
const CARD = 'packages/committee/card/index';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

interface CommitteeRow {
  id: number;
  name: string;
  address: string;
  phone: string | null;
  distanceM: number | null;
}

/** The server's own answer for the list the page should show. */
async function committeesNear(position: typeof HERE): Promise<CommitteeRow[]> {
  const res = await fetch(`${server.url}/api/committees?lat=${position.latitude}&lng=${position.longitude}&limit=50`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: CommitteeRow[] }).items;
}

function start(code: string, options: { privacyAgreed?: boolean } = {}): MiniProgram {
  return startMiniProgram(server.url, code, options);
}

describe('demo resident (wx.login code "demo-resident")', () => {
  let mp: MiniProgram;

  beforeAll(() => {
    mp = start(DEMO_CODE);
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('launches: App() registered, the home page is open', () => {
    const page = mp.launch();
    expect(mp.app).toBeTruthy();
    expect(page.route).toBe(HOME);
    expect(mp.pages()).toHaveLength(1);
  });

  it('registers its privacy listener at launch, before any page asks for the location', async () => {
    await waitFor(() => mp.callsOf('onNeedPrivacyAuthorization').length === 1);
    expect(mp.callsOf('getLocation')).toHaveLength(0);
  });

  it('signs in: wx.login → POST /api/auth/wechat; the server keeps a session for that openid; the token is stored', async () => {
    const token = await waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
    expect(mp.callsOf('login').length).toBeGreaterThanOrEqual(1);

    const signIns = mp.requests.filter((r) => r.method === 'POST' && r.url === `${server.url}/api/auth/wechat`);
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ status: 200, body: { code: DEMO_CODE } });

    const { sql } = server.deps.database;
    const users = await sql<{ id: number; session_key_enc: string | null }[]>`
      select id, session_key_enc from users where openid = ${localOpenid(DEMO_CODE)}`;
    expect(users).toHaveLength(1);
    // The seed has no WeChat session key; the sign-in stored one.
    expect(users[0].session_key_enc).toBeTruthy();
    const sessions = await sql<{ user_id: number; kind: string; revoked_at: Date | null }[]>`
      select user_id, kind, revoked_at from sessions where token_hash = ${sha256(token)}`;
    expect(sessions).toEqual([{ user_id: users[0].id, kind: 'wechat', revoked_at: null }]);
    expect(mp.storage.get('sqy.sessionKind')).toBe('wechat');
  });

  it("home shows the resident's current community from the server", async () => {
    const { sql } = server.deps.database;
    const [current] = await sql<{ name: string }[]>`
      select c.name from memberships m join communities c on c.id = m.community_id
      join users u on u.id = m.user_id
      where u.openid = ${localOpenid(DEMO_CODE)} and m.status = 'approved'`;
    expect(current.name).toBe('梧桐里居委会');

    await waitForText(mp, '#home-community-name', current.name);
    expect(textOf(mp, '#home-community')).toContain('我的社区');
    expect(mp.find('#home-my-committee')).toBeTruthy();
    // The service grid rendered too (a render error would leave the page empty).
    expect(textOf(mp, '#home-features')).toContain('找居委');
    // A production build shows only what exists: no 即将上线 tiles for WeChat's reviewers.
    expect(textOf(mp, '#home-features')).not.toContain('即将上线');
    expect(mp.find('#feature-neighbours')).toBeTruthy();
    expect(mp.find('#feature-rentals')).toBeTruthy();
    expect(mp.find('#feature-board')).toBeTruthy();
    expect(mp.find('#feature-proposals')).toBeTruthy();
  });

  it('找居委 lists committees from the server nearest-first for the phone location, with distances', async () => {
    mp.tap('#feature-committees');
    await waitForRoute(mp, COMMITTEES);
    expect(mp.callsOf('switchTab')).toHaveLength(1);

    const expected = await committeesNear(HERE);
    expect(expected[0].name).toBe('梧桐里居委会');

    await waitForText(mp, '#location-tip', '按离您的距离排列');
    const page = mp.currentPage();
    const column = (selector: string) => page.root.querySelectorAll(selector).map((n) => n.dom.textContent);
    await waitFor(() => column('.committee-item').length === expected.length, {
      describe: () => mp.text(),
    });

    expect(mp.callsOf('getLocation')[0].options).toMatchObject({ type: 'gcj02' });
    const listRequest = mp.requests.find((r) => r.url.startsWith(`${server.url}/api/committees?`));
    expect(listRequest?.url).toContain(`lat=${HERE.latitude}&lng=${HERE.longitude}`);

    // Shown in the server's order, each with its distance, nearest first.
    expect(column('.committee-name')).toEqual(expected.map((c) => c.name));
    expect(column('.committee-distance')).toEqual(expected.map((c) => formatDistance(c.distanceM as number)));
    const metres = expected.map((c) => c.distanceM as number);
    expect(metres).toEqual([...metres].sort((a, b) => a - b));
    for (const c of expected) {
      expect(textOf(mp, `#committee-item-${c.id} .committee-name`)).toBe(c.name);
      expect(textOf(mp, `#committee-item-${c.id}`)).toContain(c.address);
    }
    expect(column('.committee-name')[0]).toBe('梧桐里居委会');
    // Her own community is marked.
    expect(textOf(mp, `#committee-item-${expected[0].id}`)).toContain('我的社区');
  });

  it('a tap on a committee opens its card (committee subpackage) with address and phone from the server', async () => {
    const [, second] = await committeesNear(HERE);
    const { sql } = server.deps.database;
    const [row] = await sql<{ address: string; phone: string }[]>`
      select address, phone from communities where id = ${second.id}`;

    mp.tap(`#committee-item-${second.id}`);
    await waitForRoute(mp, CARD);
    const card = mp.currentPage();
    expect(card.query).toMatchObject({ id: String(second.id) });
    expect(mp.pages().map((p) => p.route)).toEqual([COMMITTEES, CARD]);

    await waitForText(mp, '#card-name', second.name);
    expect(textOf(mp, '#card-address')).toContain(row.address);
    expect(textOf(mp, '#card-phone-text')).toContain(row.phone);
    expect(mp.requests.some((r) => r.url.startsWith(`${server.url}/api/committees/${second.id}`))).toBe(true);
    await waitFor(() => mp.callsOf('setNavigationBarTitle').some((c) => c.options.title === second.name));

    // 打电话 dials the committee's number.
    mp.tap('#card-call');
    await waitFor(() => mp.callsOf('makePhoneCall').length === 1);
    expect(mp.callsOf('makePhoneCall')[0].options).toMatchObject({ phoneNumber: row.phone });
  });

  it("the card's onShareTimeline shares the committee id as the query", async () => {
    const card = mp.currentPage();
    expect(card.route).toBe(CARD);
    const share = card.instance.onShareTimeline?.() as { title: string; query: string };
    expect(share.query).toBe(`id=${card.query.id}`);
    expect(share.title).toContain(textOf(mp, '#card-name'));
  });

  it("the card's onShareAppMessage shares a path with the committee id, and that path opens the card", async () => {
    const card = mp.currentPage();
    expect(card.route).toBe(CARD);
    const id = card.query.id;
    const name = textOf(mp, '#card-name');
    expect(name).not.toBe('');

    const share = card.instance.onShareAppMessage({ from: 'menu' }) as { title: string; path: string };
    expect(share.path).toMatch(new RegExp(`^/${CARD}\\?(.*&)?id=${id}(&|$)`));
    expect(share.title).toContain(name);

    // A friend opens the shared card: it is the only page, and offers the way home.
    mp.nav.reLaunch(share.path);
    await waitForText(mp, '#card-name', name);
    const reopened = mp.currentPage();
    expect(reopened.route).toBe(CARD);
    expect(reopened.query.id).toBe(id);
    await waitFor(() => mp.find('#card-back-home'));
    mp.tap('#card-back-home');
    await waitForRoute(mp, HOME);
    await waitForText(mp, '#home-community-name', '梧桐里居委会');
  });
});

describe('a first-time user who has not yet agreed to the privacy guide', () => {
  const code = `weapp-newcomer-${process.pid}`;
  let mp: MiniProgram;

  beforeAll(() => {
    mp = start(code, { privacyAgreed: false });
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('signs in as a new user: the server creates the users row for the openid of the wx.login code', async () => {
    const { sql } = server.deps.database;
    const before = await sql`select id from users where openid = ${localOpenid(code)}`;
    expect(before).toHaveLength(0);

    mp.launch();
    const token = await waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
    const after = await sql<{ id: number }[]>`select id from users where openid = ${localOpenid(code)}`;
    expect(after).toHaveLength(1);
    const [session] = await sql<
      { user_id: number }[]
    >`select user_id from sessions where token_hash = ${sha256(token)}`;
    expect(session.user_id).toBe(after[0].id);

    await waitForText(mp, '#home-community-name', '您还没有加入社区');
  });

  it("找居委 asks through the app's own privacy dialog; agreeing lets wx.getLocation answer", async () => {
    mp.tap('#home-find');
    await waitForRoute(mp, COMMITTEES);
    await waitFor(() => mp.find('#privacy-dialog'));
    // The dialog names what asked: the location.
    expect(textOf(mp, '#privacy-what')).toContain('获取您的位置');
    expect(textOf(mp, '#location-tip')).toContain('正在获取您的位置');

    mp.agreePrivacy('#privacy-agree');
    await waitForText(mp, '#location-tip', '按离您的距离排列');
    expect(mp.privacyAnswers).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }]);
    expect(mp.privacyAgreed).toBe(true);
    await waitFor(() => !mp.find('#privacy-dialog'));

    const expected = await committeesNear(HERE);
    await waitFor(() => mp.currentPage().root.querySelectorAll('.committee-item').length === expected.length);
    const names = mp
      .currentPage()
      .root.querySelectorAll('.committee-name')
      .map((n) => n.dom.textContent);
    expect(names).toEqual(expected.map((c) => c.name));
  });
});
