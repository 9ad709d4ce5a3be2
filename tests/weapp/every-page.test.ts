/**
 * Every page of the production WeChat build, opened one by one as a reviewer does: a cold start at
 * the page (with the query it needs, real ids from the server's demo seed), as the person the page
 * is for. Resident pages open as the demo resident and as someone brand new; staff pages as the
 * demo moderator (梧桐里居委 周敏), 街镇管理 also as the street admin. Each page must render without
 * an error from page code, show text, and never show "undefined", "null" or "NaN".
 *
 * The page list is read from dist/weapp/app.json, so a new page is visited without a change here
 * (a page that needs a query gets one in `queryFor`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../server/db/seed';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, HERE, startMiniProgram, TOKEN_KEY } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const DEMO_COMMUNITY = '梧桐里居委会';
const DEMO_MODERATOR = 'wutong';
const ADMIN_ROOT = 'packages/admin/';

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
}

const appJson = JSON.parse(readFileSync(path.join(inject('weappDir'), 'app.json'), 'utf8')) as AppJson;
const ALL_PAGES = [
  ...appJson.pages,
  ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
];
const RESIDENT_PAGES = ALL_PAGES.filter((p) => !p.startsWith(ADMIN_ROOT));
const STAFF_PAGES = ALL_PAGES.filter((p) => p.startsWith(ADMIN_ROOT));

let server: Awaited<ReturnType<typeof startServer>>;
/** Real ids from the server's API. */
const ids = {
  communityId: 0,
  noticeId: 0,
  eventNoticeId: 0,
  postId: 0,
  matterId: 0,
  topicId: 0,
  voteId: 0,
  agoraTopicId: 0,
  openVoteId: 0,
  closedVoteId: 0,
  rentalItemId: 0,
  rentalBookingId: 0,
  rentalStaffBookingId: 0,
  rentalUnitId: 0,
  neighbourCardId: 0,
  neighbourContactId: 0,
};

interface SessionReply {
  token: string;
  expiresAt: string;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `POST ${url}`).toBe(200);
  return (await res.json()) as T;
}

async function get<T>(url: string, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(res.status, `GET ${url}`).toBe(200);
  return (await res.json()) as T;
}

/** A staff session, stored the way the app stores one after 工作人员登录 (api/token.ts, hooks/admin.ts). */
let moderatorSession: SessionReply;
let adminSession: SessionReply;

beforeAll(async () => {
  // Someone brand new signs in on every resident page, all from this one address: more than the
  // 30 a minute one address may (the limit is for one phone's network, not this test's).
  server = await startServer({ SIGNIN_LIMIT_PER_IP: 1_000 });

  const near = await get<{ items: Array<{ id: number; name: string }> }>(
    `/api/committees?lat=${HERE.latitude}&lng=${HERE.longitude}&limit=50`,
  );
  const home = near.items.find((c) => c.name === DEMO_COMMUNITY);
  expect(home, `${DEMO_COMMUNITY} in /api/committees`).toBeTruthy();
  ids.communityId = (home as { id: number }).id;

  const resident = await post<SessionReply>('/api/auth/wechat', { code: DEMO_CODE });
  const notices = await get<{ items: Array<{ id: number; category: string; isPublic: boolean }> }>(
    `/api/committees/${ids.communityId}/notices?limit=50`,
    resident.token,
  );
  const event = notices.items.find((n) => n.category === 'event');
  expect(event, 'the demo seed has an 活动 notice with sign-ups').toBeTruthy();
  ids.eventNoticeId = (event as { id: number }).id;
  // The detail page opens the first one of the list (the pinned urgent notice), as a tap would.
  ids.noticeId = notices.items[0].id;

  // The board's detail page opens the newest post of the demo board, as a tap in the list would.
  const board = await get<{ items: Array<{ id: number }> }>(
    `/api/committees/${ids.communityId}/posts?limit=1`,
    resident.token,
  );
  expect(board.items.length, 'the demo seed has board posts').toBeGreaterThan(0);
  ids.postId = board.items[0].id;
  // A 小事快办 the committee works (the demo's fire-lane report is routed to the committee).
  const [matter] = await server.deps.database.sql<{ id: number }[]>`
    select id from posts where community_id = ${ids.communityId} and kind = 'matter' and route = 'committee' limit 1`;
  ids.matterId = matter.id;
  // 议事厅: a topic and a vote of the demo community (the seed has one topic at each stage).
  const [topic] = await server.deps.database.sql<{ id: number }[]>`
    select id from topics where community_id = ${ids.communityId} order by id limit 1`;
  ids.topicId = topic?.id ?? 0;
  const [vote] = await server.deps.database.sql<{ id: number }[]>`
    select id from votes where community_id = ${ids.communityId} order by id limit 1`;
  ids.voteId = vote?.id ?? 0;
  // The residents' 议事厅 pages: a visible topic (the one voting, else the newest), an open vote, a closed one (公示).
  const [agoraTopic] = await server.deps.database.sql<{ id: number }[]>`
    select id from topics where community_id = ${ids.communityId} and state = 'visible'
    order by (stage = 'voting') desc, id desc limit 1`;
  const [openVote] = await server.deps.database.sql<{ id: number }[]>`
    select id from votes where community_id = ${ids.communityId} and status = 'open' order by id desc limit 1`;
  const [closedVote] = await server.deps.database.sql<{ id: number }[]>`
    select id from votes where community_id = ${ids.communityId} and status = 'closed' order by id desc limit 1`;
  ids.agoraTopicId = agoraTopic?.id ?? 0;
  ids.openVoteId = openVote?.id ?? 0;
  ids.closedVoteId = closedVote?.id ?? 0;
  // 社区租赁: the demo's wheelchair; the demo resident's returned walker (its receipt); a booking
  // the desk has not looked at yet; a unit on loan (its holds and history).
  const [rentalItem] = await server.deps.database.sql<{ id: number }[]>`
    select id from rental_item_types where community_id = ${ids.communityId} and category = 'wheelchair'
    order by id limit 1`;
  const past = await get<{ items: Array<{ id: number; settlement: unknown }> }>(
    `/api/committees/${ids.communityId}/rentals/bookings?scope=past&limit=50`,
    resident.token,
  );
  const rentalBooking = past.items.find((b) => b.settlement !== null);
  expect(rentalBooking, 'the demo resident has a returned booking with its receipt').toBeTruthy();
  const [staffBooking] = await server.deps.database.sql<{ id: number }[]>`
    select id from rental_bookings where community_id = ${ids.communityId} and status = 'pending' order by id limit 1`;
  const [rentalUnit] = await server.deps.database.sql<{ id: number }[]>`
    select id from rental_units where community_id = ${ids.communityId} and status = 'on_loan' order by id limit 1`;
  expect(rentalItem && staffBooking && rentalUnit, 'the demo seed has 社区租赁 stock and bookings').toBeTruthy();
  ids.rentalItemId = rentalItem.id;
  ids.rentalBookingId = (rentalBooking as { id: number }).id;
  ids.rentalStaffBookingId = staffBooking.id;
  ids.rentalUnitId = rentalUnit.id;

  // 找邻居: the demo resident's accepted contact (its thread) and the card of the neighbour on the
  // other side (李师傅), as her 聊天 list and a tap on his name would open them.
  const threads = await get<{ items: Array<{ id: number; view: string }> }>(
    `/api/committees/${ids.communityId}/neighbours/contacts?box=threads`,
    resident.token,
  );
  const accepted = threads.items.find((c) => c.view === 'accepted');
  expect(accepted, 'the demo resident has an accepted 找邻居 contact').toBeTruthy();
  const thread = await get<{ contact: { other: { id: number } | null } }>(
    `/api/committees/${ids.communityId}/neighbours/contacts/${(accepted as { id: number }).id}`,
    resident.token,
  );
  expect(thread.contact.other, 'the other side of her contact has a card').toBeTruthy();
  ids.neighbourContactId = (accepted as { id: number }).id;
  ids.neighbourCardId = (thread.contact.other as { id: number }).id;

  moderatorSession = await post<SessionReply>('/api/auth/password', {
    username: DEMO_MODERATOR,
    password: DEMO_PASSWORD,
  });
  adminSession = await post<SessionReply>('/api/auth/password', DEMO_ADMIN);
});

afterAll(async () => {
  await server?.close();
});

/** The query each page is opened with (none for the rest). */
function queryFor(route: string): Record<string, number | string> {
  switch (route) {
    case 'packages/committee/card/index':
    case 'packages/committee/join/index':
      return { id: ids.communityId };
    case 'packages/notices/list/index':
      return { communityId: ids.communityId };
    case 'packages/notices/detail/index':
      return { communityId: ids.communityId, id: ids.noticeId };
    case 'packages/board/list/index':
      return { communityId: ids.communityId };
    case 'packages/board/compose/index':
      return { communityId: ids.communityId, kind: 'post' };
    case 'packages/board/detail/index':
      return { communityId: ids.communityId, id: ids.postId };
    case 'packages/board/moderation-log/index':
      return { communityId: ids.communityId };
    case 'packages/admin/matter-detail/index':
      return { id: ids.matterId };
    case 'packages/admin/topic-detail/index':
      return { id: ids.topicId };
    case 'packages/admin/vote-detail/index':
      return { id: ids.voteId };
    case 'packages/agora/index':
    case 'packages/agora/propose/index':
    case 'packages/agora/rules/index':
      return { communityId: ids.communityId };
    case 'packages/agora/topic/index':
      return { id: ids.agoraTopicId, communityId: ids.communityId };
    case 'packages/agora/vote/index':
      return { id: ids.openVoteId, communityId: ids.communityId };
    case 'packages/agora/result/index':
      return { id: ids.closedVoteId, communityId: ids.communityId };
    case 'packages/rentals/index':
    case 'packages/rentals/mine/index':
      return { communityId: ids.communityId };
    case 'packages/rentals/item/index':
    case 'packages/rentals/book/index':
      return { communityId: ids.communityId, id: ids.rentalItemId };
    case 'packages/rentals/booking/index':
      return { communityId: ids.communityId, id: ids.rentalBookingId };
    case 'packages/admin/rental-booking/index':
      return { id: ids.rentalStaffBookingId };
    case 'packages/admin/rental-item/index':
      return { id: ids.rentalItemId };
    case 'packages/admin/rental-unit/index':
      return { id: ids.rentalUnitId };
    case 'packages/neighbours/index':
    case 'packages/neighbours/me/index':
    case 'packages/neighbours/contacts/index':
    case 'packages/neighbours/blocks/index':
      return { communityId: ids.communityId };
    case 'packages/neighbours/card/index':
      return { communityId: ids.communityId, id: ids.neighbourCardId };
    case 'packages/neighbours/thread/index':
      return { communityId: ids.communityId, id: ids.neighbourContactId };
    case 'packages/admin/notice-edit/index':
    case 'packages/admin/notice-reads/index':
    case 'packages/admin/notice-signups/index':
      return { id: ids.eventNoticeId };
    default:
      return {};
  }
}

function urlOf(route: string, query: Record<string, number | string>): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return qs ? `/${route}?${qs}` : `/${route}`;
}

/** Text a person would see: no nodes hidden by `hidden` or an inline display:none. */
function visibleText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const el = node as HTMLElement;
  if (el.hasAttribute('hidden') || el.style?.display === 'none') return '';
  let text = '';
  for (const child of Array.from(el.childNodes)) text += visibleText(child);
  return text;
}

const LOADING = ['#state-loading', '#list-loading'];

function stillLoading(mp: MiniProgram): string | null {
  for (const selector of LOADING) if (mp.find(selector)) return selector;
  if (mp.text().includes('正在加载')) return '"正在加载"';
  return null;
}

function inFlight(mp: MiniProgram): number {
  return mp.callsOf('request').length - mp.requests.length;
}

/**
 * Settled: no request in flight, no loading state, and the same text over several polls. A page
 * still loading after the timeout is looked at as it is (the assertions then say what is wrong).
 */
async function settle(mp: MiniProgram, timeout = 8_000): Promise<void> {
  let last = '';
  let stable = 0;
  await waitFor(
    () => {
      const text = mp.text();
      // Behind the app's privacy dialog a page waits for the person's answer: that is its settled state.
      const waiting = Boolean(mp.find('#privacy-dialog'));
      const quiet = inFlight(mp) === 0 && (waiting || !stillLoading(mp)) && text.trim() !== '';
      stable = quiet && text === last ? stable + 1 : 0;
      last = text;
      return stable >= 5;
    },
    { timeout, interval: 40 },
  ).catch(() => undefined);
}

interface Person {
  who: string;
  code: string;
  /** A staff session to store before launch (as 工作人员登录 leaves it). */
  staff?: SessionReply;
  /** Whether the privacy guide was agreed to already (someone new has not). */
  privacyAgreed?: boolean;
  /** What the phone keeps from an earlier visit (the token of the first sign-in). */
  storage?: Map<string, unknown>;
}

interface Visit {
  route: string;
  url: string;
  text: string;
  /** Whether the page has a node with each of these ids (SHOWN_IDS). */
  shown: Record<string, boolean>;
  errors: unknown[];
  /** The phone's storage when the page had settled. */
  storage: Map<string, unknown>;
  /** Error states shown (ERROR_STATE_IDS present), toasts and dialogs raised while opening. */
  trouble: string[];
}

/** Nodes the assertions ask about. */
const SHOWN_IDS = ['privacy-dialog', 'admin-denied', 'admin-no-community', 'platform-denied', 'admin-platform'];
/** An error state's way out (components/StateView.tsx, ListState.tsx): the page could not load. */
const ERROR_STATE_IDS = ['state-retry', 'state-sign-in', 'list-more-retry'];

const pending: unknown[] = [];
const onRejection = (reason: unknown) => pending.push(reason);
const onException = (error: unknown) => pending.push(error);

/** A cold start at the page, as this person; resolves with what the page showed and threw. */
async function visit(route: string, person: Person, query = queryFor(route)): Promise<Visit> {
  const url = urlOf(route, query);
  const mp = startMiniProgram(server.url, person.code, { privacyAgreed: person.privacyAgreed ?? true });
  for (const [key, value] of person.storage ?? []) mp.storage.set(key, value);
  if (person.staff) {
    mp.storage.set(TOKEN_KEY, person.staff.token);
    mp.storage.set('sqy.tokenExpiresAt', person.staff.expiresAt);
    mp.storage.set('sqy.sessionKind', 'password');
    mp.storage.set('sqy.adminCommunityId', ids.communityId);
  }
  // Errors thrown by page code outside a lifecycle (an effect's promise, a render) reach the process.
  pending.length = 0;
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const consoleErrors: unknown[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
  };
  try {
    mp.launch(url);
    // Signed in (the resident silently by wx.login; staff with the stored token).
    await waitFor(() => mp.storage.get(TOKEN_KEY), { timeout: 10_000 }).catch(() => undefined);
    await settle(mp);
    const page = mp.currentPage();
    return {
      route: page.route,
      url,
      text: visibleText(page.root.dom).replace(/\s+/g, ' ').trim(),
      shown: Object.fromEntries(SHOWN_IDS.map((id) => [id, Boolean(mp.find(`#${id}`))])),
      // Loading behind the app's own privacy dialog waits for the person's answer (找居委, someone new).
      errors: [
        ...mp.errors,
        ...pending,
        ...consoleErrors,
        ...(stillLoading(mp) && !mp.find('#privacy-dialog') ? [`still ${stillLoading(mp)}`] : []),
      ],
      storage: new Map(mp.storage),
      trouble: [
        ...ERROR_STATE_IDS.filter((id) => mp.find(`#${id}`)).map((id) => `#${id}`),
        ...mp.calls.filter((c) => c.api === 'showToast' || c.api === 'showModal').map((c) => JSON.stringify(c)),
      ],
    };
  } finally {
    console.error = consoleError;
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    mp.close();
  }
}

function expectSensible(v: Visit, route: string) {
  const where = `${v.url}: "${v.text}"`;
  expect(v.route, `still on ${route}`).toBe(route);
  expect(v.storage.get(TOKEN_KEY), `signed in on ${v.url}`).toBeTruthy();
  expect(v.errors.map(String), `page code threw on ${where}`).toEqual([]);
  expect(v.trouble, `an error state, toast or dialog on ${where}`).toEqual([]);
  expect(v.text.length, `no visible text on ${v.url}`).toBeGreaterThan(0);
  expect(v.text, where).not.toMatch(/undefined|null|NaN/);
}

describe('every page of app.json', () => {
  it('has pages for residents and for staff', () => {
    expect(RESIDENT_PAGES).toContain('pages/home/index');
    expect(STAFF_PAGES).toContain('packages/admin/dashboard/index');
    expect(ALL_PAGES.length).toBe(new Set(ALL_PAGES).size);
  });
});

describe('resident pages, as the demo resident (王秀英, 梧桐里居委会)', () => {
  // The first visit signs her in with wx.login; later ones reopen the app with the token it kept
  // (as a phone does; the server allows one openid 10 sign-ins a minute).
  let kept: Map<string, unknown> | undefined;

  it.each(RESIDENT_PAGES)('%s', async (route) => {
    const v = await visit(route, { who: 'demo resident', code: DEMO_CODE, storage: kept });
    if (!kept && v.storage.get(TOKEN_KEY)) kept = v.storage;
    expectSensible(v, route);
    expect(v.shown['privacy-dialog'], 'she agreed to the privacy guide').toBe(false);
  });
});

describe('the 活动 notice with its sign-up, opened cold', () => {
  const route = 'packages/notices/detail/index';

  it('by the demo resident', async () => {
    const query = { communityId: ids.communityId, id: ids.eventNoticeId };
    // A fresh sign-in as her would count against her openid's limit: her token, from the server.
    const session = await post<SessionReply>('/api/auth/wechat', { code: DEMO_CODE });
    const storage = new Map<string, unknown>([
      [TOKEN_KEY, session.token],
      ['sqy.tokenExpiresAt', session.expiresAt],
      ['sqy.sessionKind', 'wechat'],
    ]);
    expectSensible(await visit(route, { who: 'demo resident', code: DEMO_CODE, storage }, query), route);
  });

  it('by someone brand new', async () => {
    const query = { communityId: ids.communityId, id: ids.eventNoticeId };
    const code = `weapp-every-page-event-new-${process.pid}`;
    expectSensible(await visit(route, { who: 'newcomer', code, privacyAgreed: false }, query), route);
  });
});

describe('resident pages, as someone brand new (a new wx.login code, no community)', () => {
  it.each(RESIDENT_PAGES)('%s', async (route) => {
    const code = `weapp-every-page-${process.pid}-${route.replace(/\W+/g, '-')}`;
    expectSensible(await visit(route, { who: 'newcomer', code, privacyAgreed: false }), route);
  });
});

describe('staff pages, as the demo moderator (wutong, signed in with the password)', () => {
  it.each(STAFF_PAGES)('%s', async (route) => {
    const v = await visit(route, {
      who: 'moderator',
      code: `weapp-every-page-moderator-${process.pid}`,
      staff: moderatorSession,
    });
    expectSensible(v, route);
    // Signed in as staff, with her committee chosen: the page itself, not the gate's refusal.
    expect(v.shown['admin-denied'], v.text).toBe(false);
    expect(v.shown['admin-no-community'], v.text).toBe(false);
    expect(v.storage.get('sqy.sessionKind')).toBe('password');
  });

  it('写通知 opened blank (a new draft) and as a copy of the 活动', async () => {
    const route = 'packages/admin/notice-edit/index';
    const staff = { who: 'moderator', code: `weapp-every-page-moderator-${process.pid}`, staff: moderatorSession };
    expectSensible(await visit(route, staff, {}), route);
    expectSensible(await visit(route, staff, { copy: ids.eventNoticeId }), route);
  });

  it('街镇管理 as the street admin shows the districts, not the refusal', async () => {
    const route = 'packages/admin/platform/index';
    const v = await visit(route, { who: 'admin', code: `weapp-every-page-admin-${process.pid}`, staff: adminSession });
    expectSensible(v, route);
    expect(v.shown['platform-denied'], v.text).toBe(false);
    expect(v.shown['admin-platform'], v.text).toBe(true);
  });
});
