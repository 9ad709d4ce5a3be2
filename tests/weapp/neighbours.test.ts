/**
 * 找邻居 in the production WeChat build, headless (see shim.ts), against the real server with the
 * demo seed, as the demo resident (王秀英, who has a card, an accepted contact with 李师傅 and a
 * request waiting): 我的邻居名片 renders her card and saves a change the server stores (a switch, the
 * intro, a tag); 找邻居 renders the server's cards in its order and its tag filter narrows the list
 * to the server's answer for that tag; the thread with 李师傅 renders the server's messages and
 * sends one the server stores.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MyCard } from '../../shared/contracts/neighbours';
import { NEIGHBOUR_NO_NAME } from '../../shared/domain/neighbour-card';
import { neighbourTags } from '../../shared/enums';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const ME = 'packages/neighbours/me/index';
const INDEX = 'packages/neighbours/index';
const THREAD = 'packages/neighbours/thread/index';
const INTRO = '住了二十多年，喜欢养花，会说沪语。';
const MESSAGE = '李师傅，洗衣机好了，谢谢您！';

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

async function get<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${server.url}/api/committees/${communityId}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** The texts of every node matching `selector` on the current page, in document order. */
function column(mp: MiniProgram, selector: string): string[] {
  return mp
    .currentPage()
    .root.querySelectorAll(selector)
    .map((n) => (n.dom.textContent ?? '').trim());
}

/** Types into a Taro input or textarea of the WeChat build, as WeChat's input event does. */
function type(mp: MiniProgram, selector: string, value: string) {
  const target = mp.find(selector);
  if (!target) throw new Error(`nothing matches ${selector} on ${mp.currentPage().route}`);
  target.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

/** Turns a Taro switch of the WeChat build, as WeChat's change event does. */
function turn(mp: MiniProgram, selector: string, value: boolean) {
  const target = mp.find(selector);
  if (!target) throw new Error(`nothing matches ${selector} on ${mp.currentPage().route}`);
  target.dispatchEvent('change', { detail: { value } });
}

interface DirectoryCard {
  id: number;
  displayName: string | null;
  tags: string[];
}
interface Thread {
  contact: { id: number; view: string };
  messages: Array<{ id: number; body: string; mine: boolean }>;
  canSend: boolean;
}

describe('the demo resident in 找邻居 (wx.login code "demo-resident")', () => {
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

  it('我的邻居名片 renders her card and saves a change the server stores', async () => {
    const before = await get<MyCard>('/neighbours/me', token);
    expect(before.id, 'the demo seed has a card for 王秀英').not.toBeNull();
    mp.nav.navigateTo(`/${ME}?communityId=${communityId}`);
    await waitForRoute(mp, ME);
    await waitFor(() => mp.find('#card-save'), { describe: () => mp.text() });
    // Her card as the server has it: the name in the field, the preview as neighbours see it.
    await waitForText(mp, '#card-preview-card-name', before.displayName);
    for (const t of before.showTags ? before.tags : []) expect(textOf(mp, '#card-preview-card-tags')).toContain(t);

    // Turn on 自我介绍 with words, and add (or take off) 会电脑.
    const tag = '会电脑';
    const tagIndex = neighbourTags.indexOf(tag as (typeof neighbourTags)[number]);
    expect(tagIndex).toBeGreaterThanOrEqual(0);
    const hadTag = before.tags.includes(tag);
    turn(mp, '#card-show-intro', true);
    type(mp, '#card-intro', INTRO);
    mp.tap(`#card-tag-${tagIndex}`);
    // The preview follows the form before anything is saved.
    await waitForText(mp, '#card-preview-card-intro', INTRO);
    mp.tap('#card-save');

    await waitFor(
      async () => {
        const after = await get<MyCard>('/neighbours/me', token);
        return after.intro === INTRO && after.showIntro && after.tags.includes(tag) !== hadTag;
      },
      { describe: () => mp.text() },
    );
    const after = await get<MyCard>('/neighbours/me', token);
    expect(after.id).toBe(before.id);
    expect(after.listed).toBe(before.listed);
    expect(after.displayName).toBe(before.displayName);
    // The consent log has the intro switch turned on, at the words' version.
    const res = await fetch(`${server.url}/api/me/neighbour-consents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const consents = (await res.json()) as { items: Array<{ field: string; granted: boolean }> };
    expect(consents.items).toContainEqual(expect.objectContaining({ field: 'intro', granted: true }));
    // What she sees now is the server's own preview.
    await waitForText(mp, '#card-preview-card-intro', INTRO);
  });

  it('找邻居 renders the server’s cards in its order; the tag filter narrows to the server’s answer', async () => {
    mp.nav.navigateTo(`/${INDEX}?communityId=${communityId}`);
    await waitForRoute(mp, INDEX);
    await waitFor(() => mp.find('#neighbours-list'), { describe: () => mp.text() });
    const all = await get<{ items: DirectoryCard[] }>('/neighbours', token);
    expect(all.items.length).toBeGreaterThan(1);
    const names = (items: DirectoryCard[]) => items.map((c) => c.displayName ?? NEIGHBOUR_NO_NAME);
    await waitFor(() => column(mp, '.neighbour-name').length === all.items.length, { describe: () => mp.text() });
    expect(column(mp, '.neighbour-name')).toEqual(names(all.items));
    for (const c of all.items) expect(mp.find(`#neighbour-${c.id}`), `card ${c.id}`).toBeTruthy();

    const facets = await get<{ tags: Array<{ tag: string; count: number }> }>('/neighbours/facets', token);
    const i = facets.tags.findIndex((t) => t.tag === '会修电器');
    expect(i, 'the demo has cards with 会修电器').toBeGreaterThanOrEqual(0);
    expect(textOf(mp, `#neighbours-tag-${i}`)).toBe(`会修电器（${facets.tags[i].count}）`);
    const byTag = await get<{ items: DirectoryCard[] }>(`/neighbours?tag=${encodeURIComponent('会修电器')}`, token);
    expect(byTag.items.length).toBeGreaterThan(0);
    expect(byTag.items.length).toBeLessThan(all.items.length);
    mp.tap(`#neighbours-tag-${i}`);
    await waitFor(() => column(mp, '.neighbour-name').join('|') === names(byTag.items).join('|'), {
      describe: () => mp.text(),
    });
    for (const c of byTag.items) expect(textOf(mp, `#neighbour-${c.id}-tags`)).toContain('会修电器');
    expect(mp.find(`#neighbours-tag-${i}`)?.dom.className ?? '').toContain('chip--on');
  });

  it('the thread with 李师傅 renders the server’s messages and sends one the server stores', async () => {
    const threads = await get<{ items: Array<{ id: number; view: string }> }>(
      '/neighbours/contacts?box=threads',
      token,
    );
    const accepted = threads.items.find((c) => c.view === 'accepted');
    expect(accepted, 'the demo resident has an accepted contact').toBeTruthy();
    const id = (accepted as { id: number }).id;
    const before = await get<Thread>(`/neighbours/contacts/${id}`, token);
    expect(before.canSend).toBe(true);
    expect(before.messages.length).toBeGreaterThan(1);

    mp.nav.navigateTo(`/${THREAD}?id=${id}&communityId=${communityId}`);
    await waitForRoute(mp, THREAD);
    await waitFor(() => mp.find('#thread-input'), { describe: () => mp.text() });
    for (const m of before.messages) {
      await waitForText(mp, `#message-${m.id}-body`, m.body);
      expect(mp.find(`#message-${m.id}`)?.dom.className ?? '').toContain(
        m.mine ? 'neighbour-msg--mine' : 'neighbour-msg--theirs',
      );
    }

    type(mp, '#thread-input', MESSAGE);
    mp.tap('#thread-send');
    const sent = await waitFor(
      async () => (await get<Thread>(`/neighbours/contacts/${id}`, token)).messages.find((m) => m.body === MESSAGE),
      { describe: () => mp.text() },
    );
    expect(sent.mine).toBe(true);
    await waitForText(mp, `#message-${sent.id}-body`, MESSAGE);
    const [row] = await server.deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from neighbour_messages where contact_id = ${id} and body = ${MESSAGE}`;
    expect(row.n).toBe(1);
  });
});
