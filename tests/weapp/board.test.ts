/**
 * 留言板 in the production WeChat build, headless (see shim.ts), against the real server with the
 * demo seed: the 首页 tile opens the board with the server's posts in its order, a post opens with
 * its 居委回复 above the neighbours' comments, and the compose page posts a 求助 that the server
 * stores and the board then shows first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const LIST = 'packages/board/list/index';
const DETAIL = 'packages/board/detail/index';
const COMPOSE = 'packages/board/compose/index';

let server: Awaited<ReturnType<typeof startServer>>;
let communityId: number;

beforeAll(async () => {
  server = await startServer();
  const [row] = await server.deps.database.sql<{ id: number }[]>`
    select id from communities where name = '梧桐里居委会'`;
  communityId = row.id;
});

afterAll(async () => {
  await server?.close();
});

interface PostRow {
  id: number;
  hasOfficialReply: boolean;
  commentCount: number;
  excerpt: string;
}

async function postsFor(token: string): Promise<PostRow[]> {
  const res = await fetch(`${server.url}/api/committees/${communityId}/posts?limit=50`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: PostRow[] }).items;
}

/** The texts of every node matching `selector` on the current page, in document order. */
function column(mp: MiniProgram, selector: string): string[] {
  return mp
    .currentPage()
    .root.querySelectorAll(selector)
    .map((n) => n.dom.textContent ?? '');
}

/** Types into a Taro input or textarea of the WeChat build, as WeChat's input event does. */
function type(mp: MiniProgram, selector: string, value: string) {
  const target = mp.find(selector);
  if (!target) throw new Error(`nothing matches ${selector} on ${mp.currentPage().route}`);
  target.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

describe('the demo resident on the 留言板 (wx.login code "demo-resident")', () => {
  let mp: MiniProgram;
  let token: string;

  beforeAll(async () => {
    mp = startMiniProgram(server.url, DEMO_CODE);
    mp.launch();
    token = await waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('the 首页 tile opens the board: the posts the server gives, in its order', async () => {
    mp.tap('#feature-board');
    await waitForRoute(mp, LIST);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId) });
    const items = await postsFor(token);
    // The demo seed: a dozen posts and four 小事快办 are visible; the reported one is hidden.
    expect(items.length).toBeGreaterThanOrEqual(16);
    const firstPage = items.slice(0, 20);
    await waitFor(() => column(mp, '.board-excerpt').length === firstPage.length, { describe: () => mp.text() });
    expect(column(mp, '.board-excerpt')).toEqual(firstPage.map((p) => p.excerpt));
    expect(mp.text()).not.toContain('听说下个月整个小区都要拆迁');
  });

  it('a post opens with its 居委回复 first, marked, above the neighbours’ comments', async () => {
    const items = await postsFor(token);
    const answered = items.find((p) => p.hasOfficialReply && p.commentCount > 0) as PostRow;
    expect(answered).toBeDefined();
    mp.tap(`#post-${answered.id}`);
    await waitForRoute(mp, DETAIL);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId), id: String(answered.id) });
    const [official] = await server.deps.database.sql<{ id: number; body: string }[]>`
      select id, body from post_comments where post_id = ${answered.id} and is_official`;
    await waitForText(mp, `#comment-${official.id}`, official.body);
    expect(textOf(mp, `#comment-${official.id}`)).toContain('居委回复');
    const comments = column(mp, '.board-official, .board-comment');
    expect(comments[0]).toContain(official.body);
    expect(comments.length).toBe(1 + answered.commentCount);
  });

  it('composes a 求助 that the server stores and the board shows first', async () => {
    mp.nav.navigateBack();
    await waitForRoute(mp, LIST);
    mp.tap('#board-compose');
    await waitFor(() => mp.find('#board-compose-post'), { describe: () => mp.text() });
    mp.tap('#board-compose-post');
    await waitForRoute(mp, COMPOSE);
    await waitFor(() => mp.find('#compose-category-help'), { describe: () => mp.text() });
    mp.tap('#compose-category-help');
    const body = '请问周末社区活动室开门吗？想借用一下开个家庭会。';
    type(mp, '#compose-body', body);
    await waitForText(mp, '#compose-count', String([...body].length));
    mp.setModalAnswer({ confirm: false, cancel: true });
    mp.tap('#compose-submit');
    const row = await waitFor(
      async () => {
        const [p] = await server.deps.database.sql<{ id: number; status: string; category: string }[]>`
          select id, status, category from posts where body = ${body}`;
        return p;
      },
      { describe: () => mp.text() },
    );
    expect(row).toMatchObject({ status: 'awaiting_reply', category: 'help' });
    await waitForRoute(mp, DETAIL);
    await waitForText(mp, '#post-body', '活动室');
    const items = await postsFor(token);
    expect(items[0].id).toBe(row.id);
  });
});
