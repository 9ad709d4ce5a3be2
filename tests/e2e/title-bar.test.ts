/**
 * E2E: the H5 title bar. A committee card opened from a link (nothing under it) offers 首页;
 * going on to the join page offers 返回 there, and coming back the card still offers 首页;
 * 首页 leads to the home tab, whose title bar has neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  settle,
  startServer,
} from './harness';

requireChromiumInCi();

describe.runIf(hasChromium)('the H5 title bar', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps a shared card’s way home after going forward and back', async () => {
    const [community] = await server.deps.database.sql<
      { id: number }[]
    >`select id from communities order by id limit 1`;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/packages/committee/card/index?id=${community.id}`);
    await see(page, '#committee-card #title-text', '居委会');
    expect(await page.locator('#committee-card #title-home').isVisible()).toBe(true);
    expect(await page.locator('#committee-card #title-back').count()).toBe(0);

    await page.locator('#card-join').click();
    await see(page, '#join #title-text', '申请加入');
    expect(await page.locator('#join #title-back').isVisible()).toBe(true);
    await page.locator('#join #title-back').click();
    await settle(page);
    await see(page, '#committee-card #title-text', '居委会');
    expect(await page.locator('#committee-card #title-home').isVisible()).toBe(true);

    await page.locator('#committee-card #title-home').click();
    await see(page, '#home #title-text', '社区云');
    expect(await page.locator('#home #title-back').count()).toBe(0);
    expect(await page.locator('#home #title-home').count()).toBe(0);
    expectNoPageProblems(browser);
  });
});
