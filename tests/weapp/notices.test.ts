/**
 * 通知公告 in the production WeChat build, headless (see shim.ts), against the real server with the
 * demo seed: the home tile's unread count, the list, the detail (which marks a notice read), sharing,
 * and a cold start at a shared notice's path.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, HOME, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, parseUrl, waitFor } from './shim';

const LIST = 'packages/notices/list/index';
const DETAIL = 'packages/notices/detail/index';
const DEMO_COMMUNITY = '梧桐里居委会';

let server: Awaited<ReturnType<typeof startServer>>;
let communityId: number;

beforeAll(async () => {
  server = await startServer();
  const [row] = await server.deps.database.sql<{ id: number }[]>`
    select id from communities where name = ${DEMO_COMMUNITY}`;
  communityId = row.id;
});

afterAll(async () => {
  await server?.close();
});

interface NoticeRow {
  id: number;
  communityId: number;
  title: string;
  category: string;
  isPublic: boolean;
  pinned: boolean;
  unread: boolean;
}

/** The server's resident list for this token (listing marks nothing read). */
async function noticesFor(token: string, limit = 50): Promise<{ items: NoticeRow[]; unreadCount: number | null }> {
  const res = await fetch(`${server.url}/api/committees/${communityId}/notices?limit=${limit}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: NoticeRow[]; unreadCount: number | null };
}

/** A notice's title and body paragraphs, read from the database (a GET as the resident would mark it read). */
async function stored(id: number): Promise<{ title: string; paragraphs: string[] }> {
  const [row] = await server.deps.database.sql<{ title: string; body: string }[]>`
    select title, body from notices where id = ${id}`;
  const paragraphs = row.body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return { title: row.title, paragraphs };
}

/** The texts of every node matching `selector` on the current page, in document order. */
function column(mp: MiniProgram, selector: string): string[] {
  return mp
    .currentPage()
    .root.querySelectorAll(selector)
    .map((n) => n.dom.textContent ?? '');
}

function detailRequests(mp: MiniProgram, id: number | string) {
  return mp.requests.filter(
    (r) => r.method === 'GET' && r.url === `${server.url}/api/committees/${communityId}/notices/${id}`,
  );
}

async function tokenOf(mp: MiniProgram): Promise<string> {
  return waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
}

/** Shared paths collected by the first describe, opened cold by the second. */
const shared: { publicPath?: string; publicId?: number; membersPath?: string; membersId?: number } = {};

describe('demo resident reads the notices (wx.login code "demo-resident")', () => {
  let mp: MiniProgram;
  let token: string;
  let opened: NoticeRow;
  let unreadBefore: number;

  beforeAll(async () => {
    mp = startMiniProgram(server.url, DEMO_CODE);
    mp.launch();
    token = await tokenOf(mp);
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('home shows the 通知公告 tile with the unread count the server gives', async () => {
    const { unreadCount } = await noticesFor(token, 1);
    expect(unreadCount).toBeGreaterThan(0);
    await waitForText(mp, '#home-notices-unread', `${unreadCount} 条未读`);
    expect(textOf(mp, '#feature-announcements')).toContain('通知公告');
  });

  it("the tile opens the list: the server's notices in the server's order, unread ones marked", async () => {
    mp.tap('#feature-announcements');
    await waitForRoute(mp, LIST);
    expect(mp.currentPage().query).toEqual({ communityId: String(communityId) });

    const { items } = await noticesFor(token);
    // The demo seed: four notices for this resident of 1号楼 and the two 投票结果公示 of 议事厅,
    // the urgent pinned one first.
    expect(items).toHaveLength(6);
    expect(items.filter((n) => n.title.startsWith('【投票结果公示】'))).toHaveLength(2);
    expect(items[0]).toMatchObject({ category: 'urgent', pinned: true, isPublic: true });
    expect(items.some((n) => !n.isPublic)).toBe(true);

    await waitFor(() => column(mp, '.notice-item').length === items.length, { describe: () => mp.text() });
    expect(column(mp, '.notice-item-title')).toEqual(items.map((n) => n.title));
    for (const n of items) {
      expect(textOf(mp, `#notice-${n.id} .notice-item-title`)).toBe(n.title);
      expect(Boolean(mp.find(`#notice-unread-${n.id}`))).toBe(n.unread);
    }
    expect(textOf(mp, `#notice-${items[0].id}`)).toContain('置顶');
    expect(items.filter((n) => n.unread).length).toBeGreaterThan(0);
  });

  it('a tap opens the detail: title and body paragraphs from the server; the server marks it read', async () => {
    const before = await noticesFor(token);
    unreadBefore = before.unreadCount as number;
    // The urgent public notice: the first one, unread.
    opened = before.items[0];
    expect(opened.unread).toBe(true);
    const expected = await stored(opened.id);

    mp.tap(`#notice-${opened.id}`);
    await waitForRoute(mp, DETAIL);
    expect(mp.currentPage().query).toEqual({ communityId: String(communityId), id: String(opened.id) });
    expect(mp.pages().map((p) => p.route)).toEqual([HOME, LIST, DETAIL]);

    await waitForText(mp, '#notice-title', expected.title);
    expect(textOf(mp, '#notice-title')).toBe(expected.title);
    expect(column(mp, '.notice-paragraph')).toEqual(expected.paragraphs);
    expect(textOf(mp, '#notice-meta')).toContain(DEMO_COMMUNITY);
    // Opened from the list: the way back is WeChat's own, no 回首页.
    expect(mp.find('#notice-back-home')).toBeFalsy();
    expect(detailRequests(mp, opened.id).map((r) => r.status)).toContain(200);

    const after = await waitFor(async () => {
      const list = await noticesFor(token);
      return list.unreadCount === unreadBefore - 1 ? list : null;
    });
    expect(after.items.find((n) => n.id === opened.id)?.unread).toBe(false);
  });

  it('the detail shares a path with communityId and id; a public notice offers 分享到朋友圈 with that query', async () => {
    const page = mp.currentPage();
    expect(page.route).toBe(DETAIL);

    const share = page.instance.onShareAppMessage({ from: 'menu' }) as { title: string; path: string };
    expect(parseUrl(share.path)).toEqual({
      route: DETAIL,
      query: { communityId: String(communityId), id: String(opened.id) },
    });
    expect(share.path.startsWith('/')).toBe(true);
    expect(share.title).toBe(opened.title);

    const timeline = page.instance.onShareTimeline() as { title: string; query: string };
    expect(timeline.query).toBe(`communityId=${communityId}&id=${opened.id}`);
    expect(timeline.title).toBe(opened.title);
    await waitFor(
      () =>
        mp.callsOf('showShareMenu').some((c) => (c.options.menus as string[] | undefined)?.includes('shareTimeline')),
      { describe: () => `share menu calls: ${JSON.stringify(mp.calls.filter((c) => /ShareMenu/.test(c.api)))}` },
    );
    expect(mp.callsOf('hideShareMenu')).toHaveLength(0);

    shared.publicPath = share.path;
    shared.publicId = opened.id;
  });

  it('back on the list the notice is no longer marked unread; back home the tile counts one less', async () => {
    mp.nav.navigateBack();
    await waitForRoute(mp, LIST);
    await waitFor(() => !mp.find(`#notice-unread-${opened.id}`));
    expect(mp.find(`#notice-${opened.id}`)).toBeTruthy();

    mp.nav.navigateBack();
    await waitForRoute(mp, HOME);
    const { unreadCount } = await noticesFor(token, 1);
    expect(unreadCount).toBe(unreadBefore - 1);
    await waitForText(mp, '#home-notices-unread', `${unreadCount} 条未读`);
  });

  it('a members-only notice shares with friends but offers no 分享到朋友圈', async () => {
    const { items } = await noticesFor(token);
    const membersOnly = items.find((n) => !n.isPublic) as NoticeRow;
    const expected = await stored(membersOnly.id);
    const shownBefore = mp.callsOf('showShareMenu').length;

    mp.tap('#feature-announcements');
    await waitForRoute(mp, LIST);
    await waitFor(() => mp.find(`#notice-${membersOnly.id}`), { describe: () => mp.text() });
    mp.tap(`#notice-${membersOnly.id}`);
    await waitForRoute(mp, DETAIL);
    await waitForText(mp, '#notice-title', expected.title);
    expect(column(mp, '.notice-paragraph')).toEqual(expected.paragraphs);

    const page = mp.currentPage();
    await waitFor(() => mp.callsOf('hideShareMenu').length === 1);
    expect(mp.callsOf('hideShareMenu')[0].options).toMatchObject({ menus: ['shareTimeline'] });
    expect(mp.callsOf('showShareMenu')).toHaveLength(shownBefore);
    const timeline = page.instance.onShareTimeline() as { query: string };
    expect(timeline.query).toBe('');

    const share = page.instance.onShareAppMessage({ from: 'menu' }) as { title: string; path: string };
    expect(parseUrl(share.path)).toEqual({
      route: DETAIL,
      query: { communityId: String(communityId), id: String(membersOnly.id) },
    });
    shared.membersPath = share.path;
    shared.membersId = membersOnly.id;
  });
});

describe('a cold start at a shared notice path', () => {
  let mp: MiniProgram | undefined;

  afterEach(() => {
    try {
      expect(mp?.errors ?? []).toEqual([]);
    } finally {
      mp?.close();
      mp = undefined;
    }
  });

  function signIns(app: MiniProgram) {
    return app.requests.filter((r) => r.method === 'POST' && r.url === `${server.url}/api/auth/wechat`);
  }

  it('the demo resident: WeChat opens the detail page first, it signs in and shows exactly that notice, with 回首页', async () => {
    expect(shared.publicPath).toBeTruthy();
    const expected = await stored(shared.publicId as number);

    const app = startMiniProgram(server.url, DEMO_CODE);
    mp = app;
    const page = app.launch(shared.publicPath);
    expect(page.route).toBe(DETAIL);
    expect(page.query).toEqual({ communityId: String(communityId), id: String(shared.publicId) });
    expect(app.pages()).toHaveLength(1);

    await tokenOf(app);
    expect(app.callsOf('login').length).toBeGreaterThanOrEqual(1);
    expect(signIns(app)).toHaveLength(1);
    expect(signIns(app)[0]).toMatchObject({ status: 200, body: { code: DEMO_CODE } });

    await waitForText(app, '#notice-title', expected.title);
    expect(textOf(app, '#notice-title')).toBe(expected.title);
    expect(column(app, '.notice-paragraph')).toEqual(expected.paragraphs);
    expect(app.pages().map((p) => p.route)).toEqual([DETAIL]);

    // Alone in the stack: the page offers the way home.
    await waitForText(app, '#notice-back-home', '回首页');
    app.tap('#notice-back-home');
    await waitForRoute(app, HOME);
    expect(app.callsOf('switchTab')).toHaveLength(1);
    await waitForText(app, '#home-community-name', DEMO_COMMUNITY);
  });

  it('the demo resident opens the members-only notice cold: signed in quietly, she sees it', async () => {
    expect(shared.membersPath).toBeTruthy();
    const expected = await stored(shared.membersId as number);

    const app = startMiniProgram(server.url, DEMO_CODE);
    mp = app;
    app.launch(shared.membersPath);
    await tokenOf(app);
    await waitForText(app, '#notice-title', expected.title);
    expect(column(app, '.notice-paragraph')).toEqual(expected.paragraphs);
    expect(app.find('#notice-members-only')).toBeFalsy();
    expect(app.find('#notice-back-home')).toBeTruthy();
  });

  it('someone new (not a member) opening the members-only notice cold is asked to join, not shown an error', async () => {
    const code = `weapp-notices-stranger-${process.pid}`;
    const app = startMiniProgram(server.url, code);
    mp = app;
    const page = app.launch(shared.membersPath);
    expect(page.route).toBe(DETAIL);

    await tokenOf(app);
    expect(signIns(app)[0]).toMatchObject({ status: 200, body: { code } });
    await waitForText(app, '#notice-members-only', '加入本社区后可查看');
    expect(textOf(app, '#notice-members-only-text')).toContain(DEMO_COMMUNITY);
    expect(app.find('#notice-join')).toBeTruthy();
    // Signed in already: no 登录查看 button.
    await waitFor(() => !app.find('#notice-sign-in'));
    expect(app.find('#notice-title')).toBeFalsy();
    expect(app.find('#state-error')).toBeFalsy();
    expect(app.find('#notice-missing')).toBeFalsy();
    expect(app.text()).not.toContain((await stored(shared.membersId as number)).title);
    // The server said why: members only.
    const statuses = detailRequests(app, shared.membersId as number).map((r) => r.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 403)).toBe(true);
  });

  it('a bogus id shows the not-found words', async () => {
    const bogus = 987_654;
    const app = startMiniProgram(server.url, DEMO_CODE);
    mp = app;
    app.launch(`/${DETAIL}?communityId=${communityId}&id=${bogus}`);
    await waitForText(app, '#notice-missing', '没有找到这条通知');
    expect(app.find('#notice-missing-home')).toBeTruthy();
    expect(app.find('#notice-title')).toBeFalsy();
    expect(app.find('#state-error')).toBeFalsy();
    await waitFor(() => detailRequests(app, bogus).some((r) => r.status === 404));
  });
});
