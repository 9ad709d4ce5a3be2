/**
 * E2E: 适老化 measured on every H5 page. Each page of ELDERLY_PAGES is opened as each person it
 * lists, at 320 and 390 CSS px wide, in normal and in large text (大字模式); on each, every visible
 * text's font size, every tap target's size and every text's contrast are measured against the
 * floors (tests/e2e/elderly.ts). One confirm dialog (退出登录) is measured too. Screenshots of each
 * page and mode go to test-results/e2e/elderly/ (in CI only of a page that falls short: ELDERLY_SHOTS).
 *
 * A new page: add a row to ELDERLY_PAGES. It is then held to the same floors.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_RESIDENT_CODE } from '../../server/db/seed';
import { localOpenid } from '../../server/wechat/local';
import { type ElderlyProblem, formatProblems, measureElderly } from './elderly';
import {
  ARTIFACTS,
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  settle,
  staffSignIn,
  startServer,
} from './harness';

requireChromiumInCi();

/** Who looks at a page: signed out, the demo resident, the demo moderator, the platform admin. */
type Person = 'guest' | 'resident' | 'moderator' | 'admin';

/** Ids a page address may need, read from the seeded database. */
interface SeedIds {
  /** 梧桐里居委会: the demo resident's and the demo moderator's community. */
  wutong: number;
  /** 晨光苑居委会: a community the demo resident has not joined (the join form). */
  chenguang: number;
  /** 梧桐里's public 紧急 notice (with a phone number in its body). */
  urgentNotice: number;
  /** 重阳节敬老茶话会: a published 活动 notice of 梧桐里 (its reads and roster); members-only (the join prompt). */
  eventNotice: number;
  /** A visible post of 梧桐里's board with an official reply (the demo seed's lively board). */
  boardPost: number;
  /** A 小事快办 of 梧桐里 the committee works. */
  matter: number;
  /** A 议事厅 topic and a vote of 梧桐里 (0 before the demo seed has them: the page says it is not found). */
  topic: number;
  vote: number;
  /** The residents' 议事厅 pages: a visible topic (the one voting, else the newest), an open vote, a closed one (公示). */
  agoraTopic: number;
  openVote: number;
  closedVote: number;
  /** 社区租赁: the demo's wheelchair; the demo resident's returned walker (its receipt); a booking
   * the desk has not confirmed yet; a unit out on loan. */
  rentalItem: number;
  rentalBooking: number;
  rentalStaffBooking: number;
  rentalUnit: number;
  /** 找邻居: the card of 李师傅 (the demo resident's accepted contact) and that contact (their
   * thread); 0 before the demo seed has them (the pages say they are not found). */
  neighbourCard: number;
  neighbourContact: number;
}

interface ElderlyPage {
  name: string;
  /** The page's address (hash route). */
  path: string | ((ids: SeedIds) => string);
  /** The id of the page's <PageShell>. */
  root: string;
  as: Person[];
}

const ALL_STAFF: Person[] = ['moderator', 'admin'];

/** Every H5 page, and who is measured on it. */
const ELDERLY_PAGES: ElderlyPage[] = [
  { name: 'home', path: '/pages/home/index', root: 'home', as: ['guest', 'resident'] },
  { name: 'committees', path: '/pages/committees/index', root: 'committees', as: ['guest', 'resident'] },
  { name: 'mine', path: '/pages/mine/index', root: 'mine', as: ['guest', 'resident'] },
  {
    name: 'committee-card',
    path: (ids) => `/packages/committee/card/index?id=${ids.wutong}`,
    root: 'committee-card',
    as: ['guest', 'resident'],
  },
  { name: 'join', path: (ids) => `/packages/committee/join/index?id=${ids.chenguang}`, root: 'join', as: ['resident'] },
  { name: 'invite', path: '/packages/committee/invite/index', root: 'invite', as: ['resident'] },
  { name: 'agreement', path: '/packages/legal/agreement/index', root: 'agreement', as: ['guest'] },
  { name: 'privacy', path: '/packages/legal/privacy/index', root: 'privacy', as: ['guest'] },
  { name: 'my-data', path: '/packages/legal/my-data/index', root: 'my-data', as: ['resident'] },
  { name: 'messages', path: '/packages/messages/index', root: 'messages', as: ['resident'] },
  { name: 'message-settings', path: '/packages/messages/settings/index', root: 'message-settings', as: ['resident'] },
  {
    name: 'notices',
    path: (ids) => `/packages/notices/list/index?communityId=${ids.wutong}`,
    root: 'notices',
    as: ['guest', 'resident'],
  },
  {
    name: 'notice',
    path: (ids) => `/packages/notices/detail/index?communityId=${ids.wutong}&id=${ids.urgentNotice}`,
    root: 'notice-detail',
    as: ['guest', 'resident'],
  },
  {
    name: 'notice-members-only',
    path: (ids) => `/packages/notices/detail/index?communityId=${ids.wutong}&id=${ids.eventNotice}`,
    root: 'notice-detail',
    as: ['guest', 'resident'],
  },
  { name: 'my-signups', path: '/packages/notices/signups/index', root: 'my-signups', as: ['resident'] },
  { name: 'admin-login', path: '/packages/admin/login/index', root: 'admin-login', as: ['guest'] },
  { name: 'admin-dashboard', path: '/packages/admin/dashboard/index', root: 'admin-dashboard', as: ALL_STAFF },
  { name: 'admin-memberships', path: '/packages/admin/memberships/index', root: 'admin-memberships', as: ALL_STAFF },
  { name: 'admin-households', path: '/packages/admin/households/index', root: 'admin-households', as: ALL_STAFF },
  { name: 'admin-invitations', path: '/packages/admin/invitations/index', root: 'admin-invitations', as: ALL_STAFF },
  { name: 'admin-card', path: '/packages/admin/card/index', root: 'admin-card', as: ALL_STAFF },
  { name: 'admin-audit', path: '/packages/admin/audit/index', root: 'admin-audit', as: ALL_STAFF },
  { name: 'admin-platform', path: '/packages/admin/platform/index', root: 'admin-platform', as: ['admin'] },
  { name: 'admin-notices', path: '/packages/admin/notices/index', root: 'admin-notices', as: ALL_STAFF },
  { name: 'admin-notice-edit', path: '/packages/admin/notice-edit/index', root: 'admin-notice-edit', as: ALL_STAFF },
  {
    name: 'admin-notice-reads',
    path: (ids) => `/packages/admin/notice-reads/index?id=${ids.eventNotice}`,
    root: 'admin-notice-reads',
    as: ALL_STAFF,
  },
  {
    name: 'admin-notice-signups',
    path: (ids) => `/packages/admin/notice-signups/index?id=${ids.eventNotice}`,
    root: 'admin-notice-signups',
    as: ALL_STAFF,
  },
  {
    name: 'board',
    path: (ids) => `/packages/board/list/index?communityId=${ids.wutong}`,
    root: 'board',
    as: ['guest', 'resident'],
  },
  {
    name: 'my-posts',
    path: (ids) => `/packages/board/list/index?communityId=${ids.wutong}&mine=1`,
    root: 'board',
    as: ['resident'],
  },
  {
    name: 'board-compose',
    path: (ids) => `/packages/board/compose/index?communityId=${ids.wutong}&kind=post`,
    root: 'board-compose',
    as: ['resident'],
  },
  {
    name: 'board-compose-matter',
    path: (ids) => `/packages/board/compose/index?communityId=${ids.wutong}&kind=matter`,
    root: 'board-compose',
    as: ['resident'],
  },
  {
    name: 'board-detail',
    path: (ids) => `/packages/board/detail/index?communityId=${ids.wutong}&id=${ids.boardPost}`,
    root: 'board-detail',
    as: ['guest', 'resident', 'moderator'],
  },
  {
    name: 'moderation-log',
    path: (ids) => `/packages/board/moderation-log/index?communityId=${ids.wutong}`,
    root: 'moderation-log',
    as: ['guest', 'resident'],
  },
  {
    name: 'agora',
    path: (ids) => `/packages/agora/index?communityId=${ids.wutong}`,
    root: 'agora',
    as: ['guest', 'resident'],
  },
  {
    name: 'agora-propose',
    path: (ids) => `/packages/agora/propose/index?communityId=${ids.wutong}`,
    root: 'agora-propose',
    as: ['resident'],
  },
  {
    name: 'agora-topic',
    path: (ids) => `/packages/agora/topic/index?id=${ids.agoraTopic}&communityId=${ids.wutong}`,
    root: 'agora-topic',
    as: ['guest', 'resident', 'moderator'],
  },
  {
    name: 'agora-vote',
    path: (ids) => `/packages/agora/vote/index?id=${ids.openVote}&communityId=${ids.wutong}`,
    root: 'agora-vote',
    as: ['guest', 'resident'],
  },
  {
    name: 'agora-result',
    path: (ids) => `/packages/agora/result/index?id=${ids.closedVote}&communityId=${ids.wutong}`,
    root: 'agora-result',
    as: ['resident'],
  },
  {
    name: 'agora-rules',
    path: (ids) => `/packages/agora/rules/index?communityId=${ids.wutong}`,
    root: 'agora-rules',
    as: ['guest', 'resident'],
  },
  {
    name: 'rentals',
    path: (ids) => `/packages/rentals/index?communityId=${ids.wutong}`,
    root: 'rentals',
    as: ['guest', 'resident'],
  },
  {
    name: 'rental-item',
    path: (ids) => `/packages/rentals/item/index?id=${ids.rentalItem}&communityId=${ids.wutong}`,
    root: 'rental-item',
    as: ['guest', 'resident'],
  },
  {
    name: 'rental-book',
    path: (ids) => `/packages/rentals/book/index?id=${ids.rentalItem}&communityId=${ids.wutong}`,
    root: 'rental-book',
    as: ['resident'],
  },
  {
    name: 'my-rentals',
    path: (ids) => `/packages/rentals/mine/index?communityId=${ids.wutong}`,
    root: 'my-rentals',
    as: ['resident'],
  },
  {
    name: 'rental-booking',
    path: (ids) => `/packages/rentals/booking/index?id=${ids.rentalBooking}&communityId=${ids.wutong}`,
    root: 'rental-booking',
    as: ['resident'],
  },
  { name: 'admin-rentals', path: '/packages/admin/rentals/index', root: 'admin-rentals', as: ALL_STAFF },
  {
    name: 'admin-rental-bookings',
    path: '/packages/admin/rental-bookings/index',
    root: 'admin-rental-bookings',
    as: ALL_STAFF,
  },
  {
    name: 'admin-rental-booking',
    path: (ids) => `/packages/admin/rental-booking/index?id=${ids.rentalStaffBooking}`,
    root: 'admin-rental-booking',
    as: ALL_STAFF,
  },
  {
    name: 'admin-rental-booking-receipt',
    path: (ids) => `/packages/admin/rental-booking/index?id=${ids.rentalBooking}`,
    root: 'admin-rental-booking',
    as: ['moderator'],
  },
  { name: 'admin-rental-stock', path: '/packages/admin/rental-stock/index', root: 'admin-rental-stock', as: ALL_STAFF },
  {
    name: 'admin-rental-item',
    path: (ids) => `/packages/admin/rental-item/index?id=${ids.rentalItem}`,
    root: 'admin-rental-item',
    as: ALL_STAFF,
  },
  {
    name: 'admin-rental-unit',
    path: (ids) => `/packages/admin/rental-unit/index?id=${ids.rentalUnit}`,
    root: 'admin-rental-unit',
    as: ALL_STAFF,
  },
  { name: 'admin-rental-stats', path: '/packages/admin/rental-stats/index', root: 'admin-rental-stats', as: ALL_STAFF },
  {
    name: 'neighbours',
    path: (ids) => `/packages/neighbours/index?communityId=${ids.wutong}`,
    root: 'neighbours',
    as: ['guest', 'resident'],
  },
  {
    name: 'neighbours-by-tag',
    path: (ids) => `/packages/neighbours/index?communityId=${ids.wutong}&tag=${encodeURIComponent('会修电器')}`,
    root: 'neighbours',
    as: ['resident'],
  },
  {
    name: 'neighbour-card',
    path: (ids) => `/packages/neighbours/card/index?id=${ids.neighbourCard}&communityId=${ids.wutong}`,
    root: 'neighbour-card-page',
    as: ['guest', 'resident'],
  },
  {
    name: 'my-neighbour-card',
    path: (ids) => `/packages/neighbours/me/index?communityId=${ids.wutong}`,
    root: 'my-neighbour-card',
    as: ['resident'],
  },
  {
    name: 'neighbour-contacts',
    path: (ids) => `/packages/neighbours/contacts/index?communityId=${ids.wutong}`,
    root: 'neighbour-contacts',
    as: ['resident'],
  },
  {
    name: 'neighbour-requests',
    path: (ids) => `/packages/neighbours/contacts/index?communityId=${ids.wutong}&box=requests`,
    root: 'neighbour-contacts',
    as: ['resident'],
  },
  {
    name: 'neighbour-thread',
    path: (ids) => `/packages/neighbours/thread/index?id=${ids.neighbourContact}&communityId=${ids.wutong}`,
    root: 'neighbour-thread',
    as: ['resident'],
  },
  {
    name: 'neighbour-blocks',
    path: (ids) => `/packages/neighbours/blocks/index?communityId=${ids.wutong}`,
    root: 'neighbour-blocks',
    as: ['resident'],
  },
  {
    name: 'neighbour-consents',
    path: '/packages/neighbours/consents/index',
    root: 'neighbour-consents',
    as: ['resident'],
  },
  { name: 'admin-neighbours', path: '/packages/admin/neighbours/index', root: 'admin-neighbours', as: ALL_STAFF },
  {
    name: 'admin-neighbour-talents',
    path: '/packages/admin/neighbour-talents/index',
    root: 'admin-neighbour-talents',
    as: ALL_STAFF,
  },
  { name: 'admin-review', path: '/packages/admin/review/index', root: 'admin-review', as: ALL_STAFF },
  { name: 'admin-mutes', path: '/packages/admin/mutes/index', root: 'admin-mutes', as: ALL_STAFF },
  {
    name: 'admin-board-settings',
    path: '/packages/admin/board-settings/index',
    root: 'admin-board-settings',
    as: ALL_STAFF,
  },
  { name: 'admin-matters', path: '/packages/admin/matters/index', root: 'admin-matters', as: ALL_STAFF },
  {
    name: 'admin-matter-detail',
    path: (ids) => `/packages/admin/matter-detail/index?id=${ids.matter}`,
    root: 'admin-matter-detail',
    as: ALL_STAFF,
  },
  { name: 'admin-matter-stats', path: '/packages/admin/matter-stats/index', root: 'admin-matter-stats', as: ALL_STAFF },
  { name: 'admin-topics', path: '/packages/admin/topics/index', root: 'admin-topics', as: ALL_STAFF },
  {
    name: 'admin-topic-detail',
    path: (ids) => `/packages/admin/topic-detail/index?id=${ids.topic}`,
    root: 'admin-topic-detail',
    as: ALL_STAFF,
  },
  { name: 'admin-votes', path: '/packages/admin/votes/index', root: 'admin-votes', as: ALL_STAFF },
  { name: 'admin-vote-new', path: '/packages/admin/vote-new/index', root: 'admin-vote-new', as: ALL_STAFF },
  {
    name: 'admin-vote-detail',
    path: (ids) => `/packages/admin/vote-detail/index?id=${ids.vote}`,
    root: 'admin-vote-detail',
    as: ALL_STAFF,
  },
  {
    name: 'admin-agora-settings',
    path: '/packages/admin/agora-settings/index',
    root: 'admin-agora-settings',
    as: ALL_STAFF,
  },
  {
    name: 'admin-screening-words',
    path: '/packages/admin/screening-words/index',
    root: 'admin-screening-words',
    as: ALL_STAFF,
  },
];

/** ELDERLY_ONLY=<regexp>: measure only the pages whose name matches (a new feature's rows). */
const ONLY = process.env.ELDERLY_ONLY ? new RegExp(process.env.ELDERLY_ONLY) : null;
const WIDTHS = [320, 390] as const;
const MODES = ['normal', 'large'] as const;
const SHOTS = path.join(ARTIFACTS, 'elderly');
/**
 * ELDERLY_SHOTS=all keeps a screenshot of every page and mode, =failures only of the pages that
 * fall short. Default: all on a developer's machine, failures in CI (nobody looks at CI's pictures).
 */
const SHOOT_ALL = (process.env.ELDERLY_SHOTS ?? (process.env.CI ? 'failures' : 'all')) === 'all';
/** Texts a page shows while it is still loading: measuring waits until they are gone. */
const LOADING = /正在加载…|正在登录…/;

/** Storage as Taro's H5 setStorageSync writes it. */
const stored = (value: unknown) => JSON.stringify({ data: value });

describe.runIf(hasChromium)('适老化 on every H5 page', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const browsers: Partial<Record<Person, Awaited<ReturnType<typeof openBrowser>>>> = {};
  let ids: SeedIds;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const sql = server.deps.database.sql;
    const [wutong] = await sql`select id from communities where name = '梧桐里居委会'`;
    const [chenguang] = await sql`select id from communities where name = '晨光苑居委会'`;
    const [eventNotice] =
      await sql`select id from notices where title = '重阳节敬老茶话会' and community_id = ${wutong.id}`;
    const [urgent] = await sql`select id from notices where community_id = ${wutong.id} and category = 'urgent'`;
    const [boardPost] = await sql`
      select p.id from posts p
      where p.community_id = ${wutong.id} and p.state = 'visible' and p.kind = 'post'
        and exists (select 1 from post_comments c where c.post_id = p.id and c.is_official)
      order by p.id limit 1`;
    expect(boardPost, 'the demo seed has a board post with a 居委回复').toBeTruthy();
    const [matter] = await sql`
      select id from posts where community_id = ${wutong.id} and kind = 'matter' and route = 'committee' limit 1`;
    const [topic] = await sql`select id from topics where community_id = ${wutong.id} order by id limit 1`;
    const [vote] = await sql`select id from votes where community_id = ${wutong.id} order by id limit 1`;
    const [agoraTopic] = await sql`
      select id from topics where community_id = ${wutong.id} and state = 'visible'
      order by (stage = 'voting') desc, id desc limit 1`;
    const [openVote] =
      await sql`select id from votes where community_id = ${wutong.id} and status = 'open' order by id desc limit 1`;
    const [closedVote] =
      await sql`select id from votes where community_id = ${wutong.id} and status = 'closed' order by id desc limit 1`;
    const [rentalItem] = await sql`
      select id from rental_item_types where community_id = ${wutong.id} and category = 'wheelchair'
      order by id limit 1`;
    const [rentalBooking] = await sql`
      select b.id from rental_bookings b
      where b.community_id = ${wutong.id} and b.settlement is not null and b.household_id = (
        select m.household_id from memberships m join users u on u.id = m.user_id
        where m.community_id = ${wutong.id} and m.status = 'approved' and u.openid = ${localOpenid(DEMO_RESIDENT_CODE)})
      order by b.id limit 1`;
    const [rentalStaffBooking] = await sql`
      select id from rental_bookings where community_id = ${wutong.id} and status = 'pending' order by id limit 1`;
    const [rentalUnit] = await sql`
      select id from rental_units where community_id = ${wutong.id} and status = 'on_loan' order by id limit 1`;
    expect(rentalItem && rentalBooking && rentalStaffBooking && rentalUnit, 'the demo seed has 社区租赁').toBeTruthy();
    // 找邻居: 王秀英's accepted contact and the other side's card.
    const [neighbourContact] = await sql`
      select c.id, case when c.requester_id = u.id then c.addressee_id else c.requester_id end as other
      from neighbour_contacts c join users u on u.id in (c.requester_id, c.addressee_id)
      where c.community_id = ${wutong.id} and c.state = 'accepted' and u.openid = ${localOpenid(DEMO_RESIDENT_CODE)}
      order by c.id limit 1`;
    const [neighbourCard] = neighbourContact
      ? await sql`select id from neighbour_cards where community_id = ${wutong.id} and user_id = ${neighbourContact.other}`
      : [];
    ids = {
      neighbourCard: neighbourCard?.id ?? 0,
      neighbourContact: neighbourContact?.id ?? 0,
      rentalItem: rentalItem.id,
      rentalBooking: rentalBooking.id,
      rentalStaffBooking: rentalStaffBooking.id,
      rentalUnit: rentalUnit.id,
      topic: topic?.id ?? 0,
      vote: vote?.id ?? 0,
      agoraTopic: agoraTopic?.id ?? 0,
      openVote: openVote?.id ?? 0,
      closedVote: closedVote?.id ?? 0,
      wutong: wutong.id,
      chenguang: chenguang.id,
      eventNotice: eventNotice.id,
      urgentNotice: urgent.id,
      boardPost: boardPost.id,
      matter: matter.id,
    };
  }, 120_000);

  afterAll(async () => {
    for (const b of Object.values(browsers)) await b?.close();
    await server?.close();
  });

  /** One browser profile per person, signed in (or out) once. */
  async function browserFor(person: Person) {
    const existing = browsers[person];
    if (existing) return existing;
    const browser = await openBrowser();
    browsers[person] = browser;
    const seed: Record<string, string> = {};
    if (person === 'guest') seed['sqy.signedOut'] = stored(true);
    if (person === 'resident') seed['sqy.deviceCode'] = stored(DEMO_RESIDENT_CODE);
    if (person === 'moderator' || person === 'admin') seed['sqy.adminCommunityId'] = stored(ids.wutong);
    // Written before every load: signing in, for one, forgets the chosen community.
    await browser.context.addInitScript((entries) => {
      if (!location.protocol.startsWith('http')) return; // about:blank has no storage
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, seed);
    if (person === 'moderator' || person === 'admin') {
      const page = await browser.context.newPage();
      const [username, password] =
        person === 'admin' ? [DEMO_ADMIN.username, DEMO_ADMIN.password] : ['wutong', DEMO_PASSWORD];
      await staffSignIn(page, server.url, username, password);
      await page.waitForSelector('#admin-dashboard', { timeout: 20_000 });
      await page.close();
    }
    return browser;
  }

  /** 大字模式 on or off in this profile, as the switch on 我的 would leave it. */
  async function setMode(page: Page, large: boolean) {
    await page.goto(`${server.url}/#/pages/mine/index`);
    await page.evaluate((v) => localStorage.setItem('sqy.largeText', v), stored(large));
  }

  /** A fresh load of the page (the app reads 大字模式 at launch), settled and loaded. */
  async function open(page: Page, target: ElderlyPage) {
    await page.goto('about:blank', { waitUntil: 'commit' });
    await page.goto(`${server.url}/#${typeof target.path === 'function' ? target.path(ids) : target.path}`, {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForSelector(`#${target.root}`, { state: 'visible', timeout: 20_000 });
    await settle(page);
    await page
      .waitForFunction((re) => !new RegExp(re).test(document.body.innerText), LOADING.source, { timeout: 15_000 })
      .catch(() => {});
    await page.evaluate(() => document.fonts.ready);
  }

  /**
   * The whole page in one picture. Taro scrolls inside its own panel (a full-page screenshot would
   * stop at the viewport), so the viewport grows to the page's height for the shot.
   */
  async function shoot(page: Page, target: ElderlyPage, name: string) {
    const viewport = page.viewportSize() ?? { width: 390, height: 760 };
    const height = await page.evaluate((root) => {
      const el = document.getElementById(root);
      return el ? Math.ceil(el.getBoundingClientRect().top + el.scrollHeight) : 0;
    }, target.root);
    const tall = Math.min(Math.max(viewport.height, height + 160), 6000);
    await page.setViewportSize({ width: viewport.width, height: tall });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    await page.setViewportSize(viewport);
  }

  it('the measurement finds what is too small, too faint or too hard to tap (and passes what is not)', async () => {
    const browser = await browserFor('guest');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 760 });
    await page.setContent(`
      <body style="background:#fff;font-size:16px;color:#1a1a1a">
        <p id="small" style="font-size:15px">小字</p>
        <p id="ok">正常的字</p>
        <span class="tag" id="tag-small" style="font-size:13px">标签</span>
        <span class="tag" id="tag-ok" style="font-size:14px">标签</span>
        <p id="faint" style="color:#999">浅灰的字</p>
        <p id="faint-on-grey" style="background:#ddd"><span style="color:#777">灰底上的灰字</span></p>
        <p id="big-faint" style="color:#888;font-size:24px">大号的灰字</p>
        <button id="tiny" style="width:40px;height:48px;font-size:16px">点</button>
        <button id="big" style="width:48px;height:48px;font-size:16px">点</button>
        <div id="clicky" style="height:30px"></div>
        <button disabled id="off" style="width:60px;height:60px;opacity:.4;font-size:16px">停用</button>
      </body>`);
    await page.evaluate(() => {
      (document.getElementById('clicky') as HTMLElement).onclick = () => undefined;
    });
    const found = (await measureElderly(page, { large: false })).map((p) => `${p.kind} ${p.element.split(' ')[0]}`);
    expect(found.sort()).toEqual(
      [
        'font-size p#small',
        'font-size span#tag-small.tag',
        'contrast p#faint',
        'contrast span',
        'tap-target button#tiny',
        'tap-target div#clicky',
      ].sort(),
    );
    // In large text the same page falls short everywhere below 20 / 18 px.
    const large = (await measureElderly(page, { large: true })).filter((p) => p.kind === 'font-size');
    expect(large.map((p) => p.element.split(' ')[0])).toContain('p#ok');
    await page.close();
  });

  for (const person of ['guest', 'resident', 'moderator', 'admin'] as const) {
    for (const width of WIDTHS) {
      for (const mode of MODES) {
        const pages = ELDERLY_PAGES.filter((p) => p.as.includes(person) && (!ONLY || ONLY.test(p.name)));
        if (!pages.length) continue;
        it(`${person}, ${width}px, ${mode} text: ${pages.map((p) => p.name).join(', ')}`, {
          timeout: 300_000,
        }, async () => {
          const browser = await browserFor(person);
          const page = await browser.context.newPage();
          await page.setViewportSize({ width, height: 760 });
          await setMode(page, mode === 'large');
          const failures: string[] = [];
          for (const target of pages) {
            const where = `${target.name} (${person}, ${width}px, ${mode})`;
            await open(page, target);
            const problems: ElderlyProblem[] = await measureElderly(page, { large: mode === 'large' });
            if (SHOOT_ALL || problems.length > 0)
              await shoot(page, target, `${target.name}-${person}-${width}-${mode}`);
            failures.push(...formatProblems(where, problems));
          }
          await page.close();
          expect(failures, failures.join('\n')).toEqual([]);
          expectNoPageProblems(browser);
        });
      }
    }
  }

  it('大字模式 is a labelled switch; turning it on makes the text and the tab bar larger', async () => {
    const browser = await browserFor('resident');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 760 });
    await setMode(page, false);
    await open(page, ELDERLY_PAGES.find((p) => p.name === 'mine') as ElderlyPage);
    const toggle = page.getByRole('switch', { name: '大字模式' });
    await expect.poll(() => toggle.isChecked()).toBe(false);
    const size = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = { body: await size('#mine .t-body'), tab: await size('.weui-tabbar__label') };
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(() => size('#mine .t-body')).toBeGreaterThan(before.body * 1.15);
    await expect.poll(() => size('.weui-tabbar__label')).toBeGreaterThan(before.tab * 1.15);
    expect(await page.evaluate(() => document.body.classList.contains('large-text'))).toBe(true);
    await toggle.click();
    await expect.poll(() => size('#mine .t-body')).toBe(before.body);
    await page.close();
  });

  it('the first-open consent dialog is readable and easy to tap, in both modes', { timeout: 120_000 }, async () => {
    const newcomer = await openBrowser({ firstOpen: true });
    const failures: string[] = [];
    try {
      const page = await newcomer.context.newPage();
      await page.setViewportSize({ width: 320, height: 760 });
      for (const mode of MODES) {
        await setMode(page, mode === 'large');
        await open(page, ELDERLY_PAGES.find((p) => p.name === 'home') as ElderlyPage);
        await page.waitForSelector('#consent-dialog .dialog', { state: 'visible', timeout: 20_000 });
        const problems = await measureElderly(page, { large: mode === 'large', root: '#consent-dialog .dialog' });
        await page.screenshot({ path: path.join(SHOTS, `dialog-consent-320-${mode}.png`) });
        failures.push(...formatProblems(`consent dialog (newcomer, 320px, ${mode})`, problems));
      }
      expectNoPageProblems(newcomer);
    } finally {
      await newcomer.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('a confirm dialog (退出登录) is readable and easy to tap, in both modes', { timeout: 120_000 }, async () => {
    const browser = await browserFor('resident');
    const page = await browser.context.newPage();
    const failures: string[] = [];
    for (const mode of MODES) {
      await page.setViewportSize({ width: 320, height: 760 });
      await setMode(page, mode === 'large');
      await open(page, ELDERLY_PAGES.find((p) => p.name === 'mine') as ElderlyPage);
      await page.click('#mine #sign-out');
      await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'visible', timeout: 10_000 });
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('.taro__modal') as Element).opacity === '1',
      );
      const problems = await measureElderly(page, {
        large: mode === 'large',
        root: '.taro__modal .taro-modal__content',
      });
      await page.screenshot({ path: path.join(SHOTS, `dialog-sign-out-320-${mode}.png`) });
      failures.push(...formatProblems(`退出登录 dialog (resident, 320px, ${mode})`, problems));
      // Keep the resident signed in: cancel.
      await page.click('.taro__modal .taro-model__cancel');
    }
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
