/**
 * E2E: a moderator turns a request down with a reason; the resident reads the reason in
 * 我的, then joins with the invitation code the committee gave them.
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
} from './harness';

requireChromiumInCi();

describe.runIf(hasChromium)('a rejected applicant joins with an invitation code', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let phone: Awaited<ReturnType<typeof openBrowser>>;
  let desk: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    phone = await openBrowser();
    desk = await openBrowser({ wide: true });
  }, 120_000);

  afterEach(() => expectNoPageProblems(phone, desk));

  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await server?.close();
  });

  it('shows the reason to the resident and lets the code settle it', async () => {
    const sql = server.deps.database.sql;
    const [wutong] = await sql`select id from communities where name = '梧桐里居委会'`;
    const [household] = await sql`select id from households where community_id = ${wutong.id} order by id limit 1`;
    // The resident asked to join earlier (through the API, as the join page does).
    const code = 'e2e-rejected-resident';
    const signIn = await fetch(`${server.url}/api/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }).then((r) => r.json());
    const join = await fetch(`${server.url}/api/committees/${wutong.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signIn.token}` },
      body: JSON.stringify({ householdId: household.id, realName: '孙建华' }),
    }).then((r) => r.json());

    // The moderator turns it down, with a reason the applicant will read.
    const admin = await desk.context.newPage();
    await staffSignIn(admin, server.url, 'wutong', 'shequyun-demo');
    await admin.waitForSelector('#admin-dashboard #count-pending', { timeout: 20_000 });
    await admin.click('#admin-dashboard #admin-nav-memberships');
    await admin.waitForSelector(`#admin-memberships #reject-${join.id}`, { timeout: 20_000 });
    await admin.click(`#admin-memberships #reject-${join.id}`);
    await admin.fill(`#admin-memberships #reason-${join.id} textarea`, '房号和登记的不一致，请到居委核对');
    await snap(admin, 'flow4-01-reject-with-reason');
    await admin.click(`#admin-memberships #reject-confirm-${join.id}`);
    await expect
      .poll(() => admin.locator(`#admin-memberships #membership-admin-${join.id}`).count(), { timeout: 20_000 })
      .toBe(0);

    // The resident reads the reason in 我的.
    const page = await phone.context.newPage();
    await page.addInitScript((c) => localStorage.setItem('sqy.deviceCode', JSON.stringify({ data: c })), code);
    await page.goto(`${server.url}/#/pages/mine/index`);
    await see(page, `#mine #membership-reason-${join.id}`, '房号和登记的不一致');
    await snap(page, 'flow4-02-resident-sees-reason');

    // 大字模式: one switch makes the text bigger, on this page and the next.
    const size = () =>
      page
        .locator(`#mine #membership-reason-${join.id}`)
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.click('#mine #large-text-switch');
    await expect.poll(size, { timeout: 10_000 }).toBeGreaterThan(before * 1.1);
    await snap(page, 'flow4-02b-large-text');

    // The committee gave them a code at the office: they join with it.
    await page.click('#mine #mine-invite');
    await page.waitForSelector('#invite #invite-code', { timeout: 20_000 });
    await page.fill('#invite #invite-code input', 'wutong88');
    await page.fill('#invite #invite-realname input', '孙建华');
    await page.click('#invite #invite-agree');
    await page.click('#invite #invite-submit');
    await see(page, '#invite #invite-result-community', '梧桐里居委会');
    // The setting carried over to the next page.
    expect(
      await page
        .locator('#invite')
        .evaluate((el) => el.closest('.page--large') !== null || el.classList.contains('page--large')),
    ).toBe(true);
    await snap(page, 'flow4-03-joined-with-code');
    await page.click('#invite #invite-home');
    await settle(page);
    await see(page, '#home #home-community-name', '梧桐里居委会');

    const [code88] = await sql`select used_count from invitation_codes where code = 'WUTONG88'`;
    expect(code88.used_count).toBe(1);
    // Every step is on record, the resident's own ones too (they are the actor of join and redeem).
    const actions = (await sql`select action from audit_log order by id`).map((r) => r.action);
    expect(actions).toEqual(['membership.join', 'membership.reject', 'membership.redeem_invitation']);

    // The committee sees who used the code, and the 已通过 tab says the code let them in.
    await admin.goto(`${server.url}/#/packages/admin/invitations/index`);
    const used = admin.locator('#admin-invitations .invitation-item', { hasText: 'WUTONG88' });
    await used.waitFor({ timeout: 20_000 });
    await expect.poll(() => used.innerText(), { timeout: 20_000 }).toContain('用这个码加入的');
    expect(await used.innerText()).toContain('3号楼 1单元 302室');
    await snap(admin, 'flow4-04-invitation-used-by');
    await admin.goto(`${server.url}/#/packages/admin/memberships/index`);
    await admin.click('#admin-memberships #status-approved');
    const joined = admin.locator('#admin-memberships .membership-admin-item', { hasText: '孙建华' });
    await joined.waitFor({ timeout: 20_000 });
    expect(await joined.innerText()).toContain('邀请码加入');
  });
});
