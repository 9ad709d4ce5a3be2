/**
 * E2E: the H5 page under its real CSP in Chromium. The inline script of index.html runs
 * (allowed by its hash), any other inline script is refused, and the bundles arrive compressed.
 * (eval cannot be tried from here: code the test evaluates through DevTools is exempt from the
 * CSP's eval rule, so the header is checked for 'unsafe-eval' instead.) The flows in the other files check that no page hits the CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openBrowser, requireChromiumInCi, see, startServer } from './harness';

requireChromiumInCi();

describe.runIf(hasChromium)('the H5 page under its CSP', () => {
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

  it('runs its own inline script by hash and refuses any other inline script', async () => {
    const page = await browser.context.newPage();
    const scripts: Array<{ url: string; encoding: string | undefined }> = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script')
        scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'] });
    });
    const reply = await page.goto(`${server.url}/`);
    const csp = reply?.headers()['content-security-policy'] ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/]+=*'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');

    // The app started (its bundles loaded under script-src 'self') …
    await see(page, '#home #home-community-name', '还没有加入社区');
    // … and index.html's inline script set the root font size Taro's rem units rest on.
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/^\d+(\.\d+)?px$/);

    // Bundles come compressed (koa-compress) and Chromium reads them.
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s.encoding, s.url).toMatch(/^(br|gzip)$/);

    // Script injected into the page (what an XSS would do) does not run, and the browser says why.
    const injected = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const w = window as unknown as { injectedRan?: boolean };
      const el = document.createElement('script');
      el.textContent = 'window.injectedRan = true';
      document.head.appendChild(el);
      await new Promise((r) => setTimeout(r, 100));
      return { inlineRan: w.injectedRan === true, violations };
    });
    expect(injected.inlineRan).toBe(false);
    expect(injected.violations).toEqual(expect.arrayContaining(['script-src-elem']));
    // The harness saw the refusal too: that is what keeps the flows honest.
    await expect.poll(() => browser.problems.some((p) => p.startsWith('CSP:')), { timeout: 5_000 }).toBe(true);
    await page.close();
  });
});
