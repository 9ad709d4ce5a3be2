/**
 * E2E: a platform admin creates a committee and its moderator account in the admin view;
 * a resident then finds the new committee in 找居委, and the new moderator can sign in to it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  snap,
  staffSignIn,
  startServer,
} from './harness';

requireChromiumInCi();

describe.runIf(hasChromium)('platform admin sets up a new committee', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: Awaited<ReturnType<typeof openBrowser>>;
  let resident: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await openBrowser({ wide: true });
    resident = await openBrowser();
  }, 120_000);

  afterEach(() => expectNoPageProblems(admin, resident));

  afterAll(async () => {
    await admin?.close();
    await resident?.close();
    await server?.close();
  });

  it('creates the committee and a moderator account, appoints it, and everyone sees the result', async () => {
    const sql = server.deps.database.sql;
    const [street] = await sql`select id from streets where name = '临江路街道'`;
    const page = await admin.context.newPage();

    await staffSignIn(page, server.url, 'admin', 'shequyun-admin');
    await page.locator('#admin-nav-platform >> visible=true').first().click();
    await page.waitForSelector('#admin-platform #community-form', { timeout: 20_000 });
    await snap(page, 'flow3-01-platform');

    // A new committee.
    await page.click(`#admin-platform #community-street-${street.id}`);
    await page.fill('#admin-platform #community-name input', '银杏坊居委会');
    await page.fill('#admin-platform #community-address input', '临江路街道银杏路9号');
    await page.fill('#admin-platform #community-phone input', '021-5555-0909');
    await page.click('#admin-platform #community-submit');
    await see(page, '#admin-platform #community-created-name', '银杏坊居委会');
    await snap(page, 'flow3-02-committee-created');

    // A staff account, appointed moderator of it.
    await page.fill('#admin-platform #staff-username input', 'yinxing');
    await page.fill('#admin-platform #staff-password input', 'yinxing-pass-2026');
    await page.fill('#admin-platform #staff-display-name input', '银杏坊 李娜');
    await page.click('#admin-platform #staff-submit');
    await expect
      .poll(async () => (await sql`select id from users where username = 'yinxing'`).length, { timeout: 20_000 })
      .toBe(1);
    const [account] = await sql`select id from users where username = 'yinxing'`;
    const [community] = await sql`select id from communities where name = '银杏坊居委会'`;
    await page.click(`#admin-platform #appoint-${account.id}`);
    await page.fill('#admin-platform #appoint-community-search input', '银杏');
    await page.click('#admin-platform #appoint-community-search-submit');
    await page.click(`#admin-platform #appoint-community-${community.id}`);
    await page.click('#admin-platform #appoint-confirm');
    await see(page, `#admin-platform #staff-communities-${account.id}`, '银杏坊居委会');
    await snap(page, 'flow3-03-moderator-appointed');

    const actions = (
      await sql`select action from audit_log where action in ('community.create', 'staff.create', 'moderator.appoint')`
    ).map((r) => r.action);
    expect(actions.sort()).toEqual(['community.create', 'moderator.appoint', 'staff.create']);

    // A resident finds it by name.
    const phone = await resident.context.newPage();
    await phone.goto(`${server.url}/#/pages/committees/index`);
    await phone.fill('#committees #committee-search input', '银杏');
    await phone.click('#committees #committee-search-submit');
    await see(phone, '#committees .committee-item', '银杏坊居委会');
    await snap(phone, 'flow3-04-resident-finds-it');

    // The new moderator signs in and lands on the new committee's dashboard.
    const moderator = await openBrowser({ wide: true });
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'yinxing', 'yinxing-pass-2026');
    await see(desk, '#admin-dashboard', '银杏坊居委会');
    await snap(desk, 'flow3-05-new-moderator-dashboard');
    await moderator.close();
    expectNoPageProblems(moderator);
  });
});
