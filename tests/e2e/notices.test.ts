/**
 * E2E of 通知公告 on the H5 build in Chromium, against the real server with the demo seed:
 * the moderator publishes an urgent notice with a photo to the demo resident's building, the
 * resident sees it on top and opens it, the moderator sees 已读 1 / N 户 and the unread
 * households; shared links in fresh browsers; an 活动 with 2 places, its waiting list and the
 * 候补成功 message. Screenshots of each step go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localOpenid } from '../../server/wechat/local';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import { formatProblems, measureElderly } from './elderly';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  snap,
  staffSignIn,
  startServer,
  text,
} from './harness';

requireChromiumInCi();

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const DEMO_OPENID = localOpenid(DEMO_RESIDENT_CODE);
const URGENT = '紧急：燃气管道抢修，今天下午停气';
const EVENT = '周末包饺子活动';

/** 2026-12-05 in China time, `days` from now. */
function chinaDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

/**
 * 适老化 of what the page shows now: states the page-by-page test (elderly-friendly) does not
 * reach, such as a photo on the compose form, the sign-up fields, the waiting list.
 */
async function expectElderly(page: Page, where: string, large = false) {
  await page.evaluate(() => document.fonts.ready);
  // A toast fading out is measured half transparent: wait until it has gone (see measureToast).
  await page.waitForFunction(
    () => [...document.querySelectorAll('.taro__toast')].every((el) => getComputedStyle(el).display === 'none'),
    undefined,
    { timeout: 10_000 },
  );
  expect(await page.evaluate(() => document.body.classList.contains('large-text'))).toBe(large);
  const problems = await measureElderly(page, { large });
  const failures = formatProblems(where, problems);
  expect(failures, failures.join('\n')).toEqual([]);
}

/** The toast shown now, once fully faded in (Taro shows it 1.5 to 2.5 s, then fades it in 0.1 s). */
async function expectToastElderly(page: Page, where: string) {
  await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLElement>('.taro__toast');
      return el !== null && getComputedStyle(el).display !== 'none' && getComputedStyle(el).opacity === '1';
    },
    undefined,
    { timeout: 5_000 },
  );
  const failures = formatProblems(where, await measureElderly(page, { large: false, root: '.taro__toast' }));
  expect(failures, failures.join('\n')).toEqual([]);
}

/** Clicks 确定 on Taro's H5 modal (Taro.showModal) once it is shown. */
async function confirmModal(page: Page) {
  await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'visible', timeout: 10_000 });
  await page.click('.taro__modal .taro-model__confirm');
}

describe.runIf(hasChromium)('通知公告: urgent notice, reads, shared links, sign-up with a waiting list', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let moderator: Browser;
  let resident: Browser;
  const fresh: Browser[] = [];
  let communityId: number;
  let building: { id: number; name: string };

  const sql = () => server.deps.database.sql;

  async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${raw}`);
    return (raw ? JSON.parse(raw) : null) as T;
  }

  /** A resident's token: the local WeChat adapter maps the code to a stable user. */
  const wechat = async (code: string) =>
    (await api<{ token: string }>('POST', '/api/auth/wechat', null, { code })).token;

  beforeAll(async () => {
    server = await startServer();
    const [community] = await sql()`select id from communities where name = '梧桐里居委会'`;
    communityId = community.id;
    // The demo resident's building plays "building 3": the notice goes to it only.
    const [home] = await sql()`
      select b.id, b.name from memberships m join users u on u.id = m.user_id
      join households h on h.id = m.household_id join buildings b on b.id = h.building_id
      where u.openid = ${DEMO_OPENID} and m.community_id = ${communityId} and m.status = 'approved'`;
    building = { id: home.id, name: home.name };
    // A neighbour in the same building joined too, so that one household stays unread.
    const signIn = await api<{ user: { id: number } }>('POST', '/api/auth/wechat', null, { code: 'e2e-neighbour' });
    const [room] = await sql()`
      select id from households where building_id = ${building.id}
      and id not in (select household_id from memberships where household_id is not null) order by id limit 1`;
    await sql()`insert into memberships (community_id, user_id, household_id, role, status)
      values (${communityId}, ${signIn.user.id}, ${room.id}, 'resident', 'approved')`;

    moderator = await openBrowser({ wide: true });
    resident = await openBrowser();
    await resident.context.addInitScript((code) => {
      if (!location.protocol.startsWith('http')) return;
      localStorage.setItem('sqy.deviceCode', JSON.stringify({ data: code }));
    }, DEMO_RESIDENT_CODE);
  }, 120_000);

  afterEach(() => expectNoPageProblems(moderator, resident, ...fresh));

  afterAll(async () => {
    for (const b of fresh) await b.close();
    await resident?.close();
    await moderator?.close();
    await server?.close();
  });

  it('walks the whole flow in the browser', async () => {
    const modToken = (
      await api<{ token: string }>('POST', '/api/auth/password', null, {
        username: 'wutong',
        password: 'shequyun-demo',
      })
    ).token;

    // What the demo resident has not read yet, before the new notice.
    const demoToken = await wechat(DEMO_RESIDENT_CODE);
    const unreadCount = async () =>
      (await api<{ unreadCount: number | null }>('GET', `/api/committees/${communityId}/notices?limit=1`, demoToken))
        .unreadCount ?? 0;
    const unreadBefore = await unreadCount();

    // 1. The moderator composes an urgent, public notice with a photo for the resident's building.
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
    await desk.goto(`${server.url}/#/packages/admin/notices/index`);
    await desk.click('#admin-notices #notice-new');
    await desk.waitForSelector('#admin-notice-edit #notice-form', { timeout: 20_000 });
    await desk.fill('#notice-form #notice-title input', URGENT);
    await desk.fill(
      '#notice-form #notice-body textarea',
      '今天下午燃气公司抢修管道，14点到18点停气。\n请关好燃气阀门，有问题打 021-62345678。',
    );
    await desk.click('#notice-form #category-urgent');
    await desk.click('#notice-form #notice-public-switch');
    await see(desk, '#notice-form #notice-public-state', '所有人可见');
    await desk.click('#notice-form #audience-buildings');
    await desk.click(`#notice-form #notice-building-${building.id}`);
    // 置顶 for two days (紧急 alone already sorts on top; the tag says it).
    await desk.fill('#notice-form #notice-pin input', chinaDay(2));
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 220, g: 60, b: 40 } },
    })
      .png()
      .toBuffer();
    const [chooser] = await Promise.all([
      desk.waitForEvent('filechooser', { timeout: 20_000 }),
      desk.click('#notice-form #attachment-add-image'),
    ]);
    await chooser.setFiles({ name: '抢修现场.png', mimeType: 'image/png', buffer: photo });
    await see(desk, '#notice-form #attachment-done', '已添加1个');
    expect(await desk.locator('#notice-form .attachment-row').count()).toBe(1);
    await snap(desk, 'notices-01-compose-urgent');
    await expectElderly(desk, 'compose with a photo and buildings');
    await desk.click('#notice-form #notice-publish');
    await modalSays(desk, building.name);
    await confirmModal(desk);
    await desk.waitForSelector('#admin-notices', { timeout: 20_000 });
    const [urgent] = await sql()`select id, status, is_public, pinned_until from notices where title = ${URGENT}`;
    expect(urgent.status).toBe('published');
    expect(urgent.pinned_until).not.toBeNull();
    expect(urgent.is_public).toBe(true);
    const audience = await sql()`select building_id from notice_buildings where notice_id = ${urgent.id}`;
    expect(audience.map((a) => a.building_id)).toEqual([building.id]);
    await see(desk, `#admin-notices #notice-title-${urgent.id}`, URGENT);
    await snap(desk, 'notices-02-published');

    // 2. The resident: the home tile counts it; the list has it first, 紧急, 置顶 and unread.
    const phone = await resident.context.newPage();
    await phone.goto(`${server.url}/`);
    await see(phone, '#home #home-community-name', '梧桐里居委会');
    expect(await unreadCount()).toBe(unreadBefore + 1);
    await see(phone, '#home #home-notices-unread', `${unreadBefore + 1} 条未读`);
    await phone.click('#home #feature-announcements');
    await phone.waitForSelector('#notices .notice-item', { timeout: 20_000 });
    const first = phone.locator('#notices .notice-item').first();
    await expect.poll(async () => (await first.innerText()).includes(URGENT), { timeout: 20_000 }).toBe(true);
    expect(await first.getAttribute('id')).toBe(`notice-${urgent.id}`);
    const firstText = await first.innerText();
    expect(firstText).toContain('紧急');
    expect(firstText).toContain('置顶');
    expect(await first.getAttribute('class')).toContain('notice-item--urgent');
    expect(await phone.locator(`#notices #notice-unread-${urgent.id} .notice-dot`).count()).toBe(1);
    await snap(phone, 'notices-03-resident-list');
    await expectElderly(phone, 'list with a new urgent notice');

    // 3. Opens it: the words, the photo (loaded), and the read is recorded.
    await first.click();
    await see(phone, '#notice-detail #notice-title', URGENT);
    await see(phone, '#notice-detail #notice-category', '紧急');
    await phone.waitForSelector('#notice-detail #notice-image-0 img', { state: 'attached', timeout: 20_000 });
    await expect
      .poll(
        () =>
          phone
            .locator('#notice-detail #notice-image-0 img')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await phone.locator('#notice-detail #notice-image-0 img').getAttribute('src')).toMatch(/\/api\/files\//);
    await snap(phone, 'notices-04-resident-detail');
    await expectElderly(phone, 'detail with a photo');
    await expect
      .poll(
        async () => (await sql()`select count(*)::int as n from notice_reads where notice_id = ${urgent.id}`)[0].n,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    // 复制链接 copies the page's address (Taro's H5 clipboard keeps what it copied in storage too).
    await phone.click('#notice-detail #notice-copy-link');
    let sharedUrgent = '';
    await expect
      .poll(
        async () => {
          const raw = await phone.evaluate(() => localStorage.getItem('taro_clipboard'));
          sharedUrgent = raw ? (JSON.parse(raw) as { data: string }).data : '';
          return sharedUrgent;
        },
        { timeout: 10_000 },
      )
      .toBe(phone.url());
    expect(sharedUrgent).toContain(`/packages/notices/detail/index?communityId=${communityId}&id=${urgent.id}`);
    // Back in the list it is no longer unread.
    await phone.goBack();
    await phone.waitForSelector(`#notices #notice-${urgent.id}`, { timeout: 20_000 });
    await expect.poll(() => phone.locator(`#notices #notice-unread-${urgent.id}`).count(), { timeout: 10_000 }).toBe(0);

    // 4. 阅读情况: 已读 1 / N 户, N the building's households with an approved member, and the
    //    unread households the server lists (the neighbour's).
    const [{ n: households }] = await sql()`
      select count(distinct m.household_id)::int as n from memberships m join households h on h.id = m.household_id
      where h.building_id = ${building.id} and m.status = 'approved'`;
    // The resident's and her neighbour's at least (the 找邻居 demo adds more people to the building).
    expect(households).toBeGreaterThanOrEqual(2);
    const reads = await api<{
      overall: { read: number; total: number };
      unreadHouseholds: Array<{ id: number; buildingName: string; unit: string; room: string }>;
    }>('GET', `/api/committees/${communityId}/notices/${urgent.id}/reads`, modToken);
    expect(reads.overall).toMatchObject({ read: 1, total: households });
    expect(reads.unreadHouseholds).toHaveLength(households - 1);
    // A resident of another building may read the public notice; it is not meant for them and
    // does not count.
    const li = await wechat('seed-resident-1');
    await api('GET', `/api/committees/${communityId}/notices/${urgent.id}`, li);
    const again = await api<typeof reads>('GET', `/api/committees/${communityId}/notices/${urgent.id}/reads`, modToken);
    expect(again.overall).toEqual(reads.overall);
    await desk.click(`#admin-notices #notice-reads-open-${urgent.id}`);
    await see(desk, '#notice-reads #reads-overall', `已读 1 / ${households} 户`);
    await see(desk, `#notice-reads #reads-building-figure-${building.id}`, `1 / ${households} 户`);
    const unreadRows = desk.locator('#notice-reads #reads-unread .reads-unread-row');
    await expect.poll(() => unreadRows.count(), { timeout: 10_000 }).toBe(reads.unreadHouseholds.length);
    for (const h of reads.unreadHouseholds) {
      const row = await text(desk, `#notice-reads #reads-unread-${h.id}`);
      expect(row).toContain(h.buildingName);
      expect(row).toContain(h.room);
    }
    await snap(desk, 'notices-05-reads');
    await expectElderly(desk, 'reads with unread households');

    // 5. The link shared into a chat, opened in a fresh browser (nothing stored): a public notice
    //    shows without signing in, and reading it counts for nobody.
    const stranger = await openBrowser({ firstOpen: true });
    fresh.push(stranger);
    const look = await stranger.context.newPage();
    await look.goto(sharedUrgent);
    await see(look, '#notice-detail #notice-title', URGENT);
    await snap(look, 'notices-06-shared-public-link');
    const readRows = async () =>
      (await sql()`select count(*)::int as n from notice_reads where notice_id = ${urgent.id}`)[0].n as number;
    expect(await readRows()).toBe(2); // the demo resident and 李建国, nobody else
    const afterStranger = await api<typeof reads>(
      'GET',
      `/api/committees/${communityId}/notices/${urgent.id}/reads`,
      modToken,
    );
    expect(afterStranger.overall).toEqual(reads.overall);

    // 6. An 活动 for the whole community, residents only: 2 places, 1 person per household.
    await desk.goto(`${server.url}/#/packages/admin/notices/index`);
    await desk.click('#admin-notices #notice-new');
    await desk.waitForSelector('#admin-notice-edit #notice-form', { timeout: 20_000 });
    await desk.fill('#notice-form #notice-title input', EVENT);
    await desk.fill('#notice-form #notice-body textarea', '本周六上午9点在居委会活动室包饺子，名额有限，请报名。');
    await desk.click('#notice-form #category-event');
    await desk.click('#notice-form #notice-signup-switch');
    await desk.waitForSelector('#notice-form #notice-capacity input', { timeout: 10_000 });
    await desk.fill('#notice-form #notice-capacity input', '2');
    await desk.fill('#notice-form #notice-deadline-date input', chinaDay(3));
    await desk.fill('#notice-form #notice-deadline-time input', '18:00');
    await desk.fill('#notice-form #notice-max-people input', '1');
    await see(desk, '#notice-form #notice-public-state', '仅本社区居民可见');
    await snap(desk, 'notices-07-compose-event');
    await expectElderly(desk, 'compose with sign-up fields');
    await desk.click('#notice-form #notice-publish');
    await modalSays(desk, '全社区');
    await confirmModal(desk);
    await desk.waitForSelector('#admin-notices', { timeout: 20_000 });
    // The sign-up fields on a phone-wide screen in 大字模式 (the page-by-page test sees the empty form only).
    const small = await moderator.context.newPage();
    await small.setViewportSize({ width: 320, height: 760 });
    await small.goto(`${server.url}/#/packages/admin/notices/index`);
    await small.evaluate(() => localStorage.setItem('sqy.largeText', JSON.stringify({ data: true })));
    await small.goto(`${server.url}/#/packages/admin/notice-edit/index`);
    await small.reload();
    await small.waitForSelector('#admin-notice-edit #notice-form', { timeout: 20_000 });
    await small.click('#notice-form #category-event');
    await small.click('#notice-form #notice-signup-switch');
    await small.click('#notice-form #audience-buildings');
    await small.waitForSelector('#notice-form #notice-capacity input', { timeout: 10_000 });
    await expectElderly(small, 'compose with sign-up fields, 320px, 大字模式', true);
    await snap(small, 'notices-07b-compose-event-320-large');
    await small.evaluate(() => localStorage.setItem('sqy.largeText', JSON.stringify({ data: false })));
    await small.close();
    const [event] = await sql()`
      select id, status, is_public, signup_capacity, signup_max_people from notices where title = ${EVENT}`;
    expect(event).toMatchObject({ status: 'published', is_public: false, signup_capacity: 2, signup_max_people: 1 });

    // 7. Two other residents take both places through the API.
    const signupsPath = `/api/committees/${communityId}/notices/${event.id}/signups`;
    const zhang = await wechat('seed-resident-2');
    for (const token of [li, zhang]) {
      const mine = await api<{ status: string }>('POST', signupsPath, token, { people: 1 });
      expect(mine.status).toBe('confirmed');
    }

    // 8. Its link, opened in another fresh browser: residents only, so the page offers to join;
    //    the demo resident signs in (H5 demo sign-in on 首页) and the same link shows the notice.
    const eventLink = `${server.url}/#/packages/notices/detail/index?communityId=${communityId}&id=${event.id}`;
    const newcomer = await openBrowser({ firstOpen: true });
    fresh.push(newcomer);
    const tab = await newcomer.context.newPage();
    await tab.goto(eventLink);
    await tab.waitForSelector('#consent-dialog', { timeout: 20_000 });
    await tab.click('#consent-accept');
    await see(tab, '#notice-detail #notice-members-only', '加入本社区后可查看');
    expect(await tab.locator('#notice-detail #notice-title').count()).toBe(0);
    await snap(tab, 'notices-08-shared-members-only');
    await tab.click('#notice-detail #notice-back-home');
    await tab.waitForSelector('#home #home-demo-resident', { timeout: 20_000 });
    await tab.click('#home #home-demo-resident');
    await confirmModal(tab);
    await see(tab, '#home #home-community-name', '梧桐里居委会');
    await tab.goto(eventLink);
    await tab.reload();
    await see(tab, '#notice-detail #notice-title', EVENT);
    await see(tab, '#notice-detail #signup-counts', '已报 2 / 名额 2 人');
    await snap(tab, 'notices-09-shared-signed-in');
    await expectElderly(tab, 'detail with the sign-up form, full');

    // 9. Full: the demo resident queues, first on the waiting list.
    await see(tab, '#notice-detail #signup-submit', '排队报名');
    await tab.click('#notice-detail #signup-submit');
    await expectToastElderly(tab, 'toast 已排队');
    await see(tab, '#notice-detail #signup-status', /排队第\s*1\s*位/);
    await snap(tab, 'notices-10-waiting-list');
    await expectElderly(tab, 'detail, on the waiting list');
    // The same in 大字模式 (read at launch).
    await tab.evaluate(() => localStorage.setItem('sqy.largeText', JSON.stringify({ data: true })));
    await tab.reload();
    await see(tab, '#notice-detail #signup-status', /排队第\s*1\s*位/);
    await expectElderly(tab, 'detail, on the waiting list, 大字模式', true);
    await snap(tab, 'notices-10b-waiting-list-large');
    await tab.evaluate(() => localStorage.setItem('sqy.largeText', JSON.stringify({ data: false })));
    const [queued] = await sql()`
      select s.status from notice_signups s join users u on u.id = s.user_id
      where s.notice_id = ${event.id} and u.openid = ${DEMO_OPENID}`;
    expect(queued?.status).toBe('waitlisted');

    // 10. One of the confirmed cancels: the place goes to the demo resident, who is told.
    await api('DELETE', `${signupsPath}/mine`, li);
    await tab.reload();
    await see(tab, '#notice-detail #signup-status', '已报名');
    await see(tab, '#notice-detail #signup-counts', '已报 2 / 名额 2 人');
    await snap(tab, 'notices-11-promoted');
    await expectElderly(tab, 'detail, promoted');
    await tab.goto(`${server.url}/#/packages/messages/index`);
    const message = tab.locator('#messages .message', { hasText: '候补成功' });
    await message.waitFor({ timeout: 20_000 });
    expect(await message.innerText()).toContain(EVENT);
    await snap(tab, 'notices-12-promoted-message');
  });
});

/** The publish confirmation names whom it goes to. */
async function modalSays(page: Page, words: string) {
  await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'visible', timeout: 10_000 });
  expect(await page.locator('.taro__modal .taro-modal__content').innerText()).toContain(words);
}
