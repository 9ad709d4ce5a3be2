/**
 * E2E on the H5 build in Debian's Chromium, against the real server on 127.0.0.1 with a
 * fresh database and the demo seed. Screenshots of each step go to test-results/e2e/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  settle,
  snap,
  staffSignIn,
  startServer,
  text,
} from './harness';

requireChromiumInCi();

const WUTONG = { lat: 31.2412, lng: 121.4983 };

describe.runIf(hasChromium)('resident applies to join, moderator approves', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let resident: Awaited<ReturnType<typeof openBrowser>>;
  let moderator: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    resident = await openBrowser({ geolocation: { latitude: WUTONG.lat, longitude: WUTONG.lng }, firstOpen: true });
    moderator = await openBrowser({ wide: true });
  }, 120_000);

  afterEach(() => expectNoPageProblems(resident, moderator));

  afterAll(async () => {
    await resident?.close();
    await moderator?.close();
    await server?.close();
  });

  it('walks the whole flow in the browser', async () => {
    const page = await resident.context.newPage();

    // 1. A new resident opens the app: the agreement and privacy policy first, then signed in,
    //    not yet in a community.
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#consent-dialog', { timeout: 20_000 });
    await page.click('#consent-accept');
    await see(page, '#home #home-community-name', '还没有加入社区');
    await snap(page, 'flow1-01-resident-home');

    // 2. 找居委: nearest committee first, with its distance.
    await page.click('#home-find');
    await page.waitForSelector('#committees .committee-item', { timeout: 20_000 });
    const first = page.locator('#committees .committee-item').first();
    await expect.poll(async () => (await first.innerText()).includes('梧桐里居委会'), { timeout: 15_000 }).toBe(true);
    expect(await first.locator('.committee-distance').innerText()).toMatch(/\d+(米|公里)/);
    await snap(page, 'flow1-02-nearest-committees');

    // 3. The committee card.
    await first.click();
    await see(page, '#committee-card #card-name', '梧桐里居委会');
    await see(page, '#committee-card #card-address', '梧桐路188弄');
    // The position 找居委 already had gives the distance, without asking again.
    await see(page, '#committee-card #card-address', /离您\d+(米|公里)/);
    await see(page, '#committee-card #office-status', /办公中|午休中|已下班|今日休息/);
    await snap(page, 'flow1-03-committee-card');

    // 4. Apply to join: building, unit, room, real name.
    await page.click('#committee-card #card-join');
    await page.waitForSelector('#join [id^="building-"]', { timeout: 20_000 });
    await page.locator('#join [id^="building-"]').nth(2).click();
    await page.waitForSelector('#join [id^="unit-"]', { timeout: 20_000 });
    await page.locator('#join [id^="unit-"]').first().click();
    await page.waitForSelector('#join [id^="household-"]', { timeout: 20_000 });
    await page.locator('#join [id^="household-"]').nth(3).click();
    await page.fill('#join #join-realname input', '赵春花');
    await page.fill('#join #join-phone input', '13911112222');
    await page.click('#join #join-agree');
    await snap(page, 'flow1-04-join-form');
    await page.click('#join #join-submit');
    await see(page, '#join #join-status-title', '审核中');
    await snap(page, 'flow1-05-join-pending');

    // 5. The moderator signs in on a desktop browser and sees the request waiting.
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
    await expect
      .poll(async () => Number(await text(desk, '#admin-dashboard #count-pending .count-value')), { timeout: 20_000 })
      .toBe(3);
    await snap(desk, 'flow1-06-moderator-dashboard');

    // 6. The queue shows the applicant's real name (residents never see it); approve.
    await desk.click('#admin-dashboard #admin-nav-memberships');
    const item = desk.locator('#admin-memberships .membership-admin-item', { hasText: '赵春花' });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.innerText()).toContain('3号楼');
    await snap(desk, 'flow1-07-verification-queue');
    const itemId = (await item.getAttribute('id'))?.replace('membership-admin-', '');
    await desk.click(`#admin-memberships #approve-${itemId}`);
    await expect
      .poll(() => desk.locator(`#admin-memberships #membership-admin-${itemId}`).count(), { timeout: 20_000 })
      .toBe(0);
    await snap(desk, 'flow1-08-approved');

    // 6b. 操作记录 says it in words: who approved whom, which room, the status change.
    await desk.goto(`${server.url}/#/packages/admin/audit/index`);
    const entry = desk.locator('#admin-audit .audit-item', { hasText: '通过加入申请' }).first();
    await entry.waitFor({ timeout: 20_000 });
    const said = await entry.innerText();
    expect(said).toContain('3号楼');
    expect(said).toContain('状态：待审核 → 已通过');
    expect(said).not.toContain('赵春花');
    await snap(desk, 'flow1-08b-audit-log');

    // 7. Back on the phone, the resident now sees the community home.
    await page.goto(`${server.url}/`);
    await expect.poll(() => text(page, '#home #home-community-name'), { timeout: 20_000 }).toBe('梧桐里居委会');
    await snap(page, 'flow1-09-resident-community-home');

    // 8. 消息: the decision reached the resident in the app, unread, with no WeChat consent asked.
    await see(page, '#home #home-messages-unread', '1 条未读');
    await page.click('#home #home-messages');
    const message = page.locator('#messages .message', { hasText: '你已通过梧桐里居委会的审核' });
    await message.waitFor({ timeout: 20_000 });
    expect(await message.locator('.tag', { hasText: '未读' }).count()).toBe(1);
    await snap(page, 'flow1-10-resident-messages');
    // Tapping it marks it read and opens its link: the community home, with nothing unread.
    await message.click();
    await see(page, '#home #home-messages', '没有未读');
    await snap(page, 'flow1-11-resident-home-read');
    const [read] = await server.deps.database.sql`
      select read_at from messages where kind = 'membership.approved' and title like '%梧桐里%'
      and user_id = (select user_id from memberships where status = 'approved' order by id desc limit 1)`;
    expect(read.read_at).not.toBeNull();

    // The decision is on record.
    const audit = await server.deps.database.sql`select action from audit_log where action = 'membership.approve'`;
    expect(audit).toHaveLength(1);
  });
});

describe.runIf(hasChromium)("someone of another community cannot reach 梧桐里's admin pages", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ wide: true });
  }, 120_000);

  afterEach(() => expectNoPageProblems(browser));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a resident of 晨光苑 is turned away from the admin view, and the API answers 404', async () => {
    // A resident of 晨光苑, known to the local WeChat adapter by the code below.
    const signIn = await fetch(`${server.url}/api/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'e2e-chenguang-resident' }),
    }).then((r) => r.json());
    const [chenguang] = await server.deps.database.sql`select id from communities where name = '晨光苑居委会'`;
    const [wutong] = await server.deps.database.sql`select id from communities where name = '梧桐里居委会'`;
    const [household] = await server.deps.database
      .sql`select id from households where community_id = ${chenguang.id} limit 1`;
    await server.deps.database.sql`insert into memberships (community_id, user_id, household_id, role, status)
      values (${chenguang.id}, ${signIn.user.id}, ${household.id}, 'resident', 'approved')`;

    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      localStorage.setItem('sqy.deviceCode', JSON.stringify({ data: 'e2e-chenguang-resident' }));
    });
    await page.goto(`${server.url}/`);
    await see(page, '#home #home-community-name', '晨光苑居委会');

    for (const path of ['dashboard', 'memberships']) {
      await page.goto(`${server.url}/#/packages/admin/${path}/index`);
      await settle(page);
      await see(page, '#admin-denied', '工作人员');
      expect(await page.locator('#count-pending, .membership-admin-item').count()).toBe(0);
      await snap(page, `flow2-${path}-denied`);
    }
    // Whatever the page does, the server refuses: another community's queue does not exist for them.
    const direct = await page.evaluate(
      async ([id, token]) => {
        const res = await fetch(`/api/committees/${id}/memberships?status=pending`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: res.status, body: await res.text() };
      },
      [wutong.id, signIn.token] as const,
    );
    expect(direct.status).toBe(404);
    expect(direct.body).not.toContain('陈志明');
  });

  it("a moderator of 晨光苑 pointed at 梧桐里's queue sees no names from it", async () => {
    const [wutong] = await server.deps.database.sql`select id from communities where name = '梧桐里居委会'`;
    const page = await browser.context.newPage();
    await staffSignIn(page, server.url, 'chenguang', 'shequyun-demo');
    await page.waitForSelector('#admin-dashboard #count-pending', { timeout: 20_000 });
    const seen: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes(`/api/committees/${wutong.id}/`)) seen.push(r.status());
    });
    // Force the admin view onto the other committee, as a tampered client would.
    await page.evaluate((id) => localStorage.setItem('sqy.adminCommunityId', JSON.stringify({ data: id })), wutong.id);
    await page.goto(`${server.url}/#/packages/admin/memberships/index`);
    await settle(page);
    await page.waitForTimeout(1000);
    await snap(page, 'flow2-moderator-other-community');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('陈志明');
    expect(body).not.toContain('刘美华');
    expect(seen.every((s) => s === 404)).toBe(true);
  });
});
