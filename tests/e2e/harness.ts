import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../../server/app';
import { type Config, defaultConfig } from '../../server/config';
import { createLogger } from '../../server/core/logger';
import { seedDemo } from '../../server/db/seed';
import type { AppDeps } from '../../server/deps';
import { createFieldCipher } from '../../server/security/crypto';
import { createLocalWechat } from '../../server/wechat/local';
import { TEST_KEY, testFiles } from '../helpers/app';
import { createTestDatabase } from '../helpers/db';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const H5_DIR = path.resolve('dist/h5');
export const ARTIFACTS = path.resolve('test-results/e2e');

if (!hasChromium) {
  // One line, as README promises; CI installs Chromium and fails instead (see the test files).
  console.warn(`E2E skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`);
}

/** CI installs Chromium: there a missing browser is a failure, not a skip. */
export function requireChromiumInCi() {
  if (process.env.CI && !hasChromium) throw new Error('E2E: Chromium is required in CI (apt-get install -y chromium)');
}

/**
 * The real server on 127.0.0.1 with a fresh database, the demo seed and the H5 build; `config`
 * overrides settings (a test that signs many people in from the one local address raises
 * SIGNIN_LIMIT_PER_IP, say).
 */
export async function startServer(config: Partial<Config> = {}) {
  const database = await createTestDatabase();
  const deps: AppDeps = {
    database,
    config: defaultConfig({ LOG_LEVEL: 'silent', ...config }),
    wechat: createLocalWechat(),
    cipher: createFieldCipher(TEST_KEY),
    logger: createLogger('silent'),
    files: testFiles(),
    clock: () => new Date(),
  };
  await seedDemo(deps);
  const { app } = createApp(deps, { h5Dir: H5_DIR });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await database.close();
    },
  };
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh browser profile; one per person in a flow. The agreement and privacy policy count as
 * accepted unless `firstOpen` (the H5 app asks before it makes an account).
 */
export async function openBrowser(
  options: { geolocation?: { latitude: number; longitude: number }; wide?: boolean; firstOpen?: boolean } = {},
) {
  const profile = mkdtempSync(path.join(tmpdir(), 'sqy-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.wide ? { width: 1280, height: 860 } : { width: 414, height: 860 },
    deviceScaleFactor: 1,
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  await context.addInitScript(countRequests);
  if (!options.firstOpen) {
    await context.addInitScript(() => {
      // Runs in every document, about:blank included, where storage is off limits.
      if (!location.protocol.startsWith('http')) return;
      try {
        localStorage.setItem('sqy.termsAccepted', JSON.stringify({ data: '2025-01-01' }));
      } catch {
        // no storage in this document
      }
    });
  }
  // What must never happen on any page of this profile: an uncaught error, or anything the
  // page's CSP blocked (Chromium reports each refusal as a console error naming the policy).
  const problems: string[] = [];
  context.on('weberror', (e) => problems.push(`uncaught: ${e.error().message} (${e.page()?.url() ?? '?'})`));
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) {
      problems.push(`CSP: ${m.text()} (${m.page()?.url() ?? '?'})`);
    }
  });
  return {
    context,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** No uncaught error and no CSP refusal on any page these profiles opened. */
export function expectNoPageProblems(...browsers: Array<{ problems: string[] } | undefined>) {
  expect(browsers.flatMap((b) => b?.problems ?? [])).toEqual([]);
}

/**
 * Runs in every document before the app: counts the page's fetch and XHR requests in flight and
 * when the count last moved, so settle() knows the page has its data without Playwright's
 * 'networkidle' (which always waits a further half second of silence).
 */
type NetCounter = { inflight: number; last: number };

function countRequests() {
  const w = window as unknown as { __sqyNet?: NetCounter };
  if (w.__sqyNet) return;
  const net = { inflight: 0, last: performance.now() };
  w.__sqyNet = net;
  const start = () => {
    net.inflight++;
    net.last = performance.now();
  };
  const end = () => {
    net.inflight--;
    net.last = performance.now();
  };
  const realFetch = window.fetch;
  window.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    start();
    return realFetch.apply(this, args).finally(end);
  } as typeof fetch;
  const realSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['send']>) {
    start();
    this.addEventListener('loadend', end, { once: true });
    return realSend.apply(this, args);
  };
}

/** Waits until Taro's page transition has finished, and the page has its data and pictures. */
export async function settle(page: Page) {
  // Pages left behind stay in the DOM (hidden, or under the new one): wait until every page on
  // screen has finished sliding in.
  await page
    .waitForFunction(
      () => {
        const shown = [...document.querySelectorAll('.taro_page')].filter((p) => p.getBoundingClientRect().width > 0);
        return (
          shown.length > 0 &&
          shown.every((p) => p.classList.contains('taro_page_stationed') && p.getBoundingClientRect().left === 0)
        );
      },
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => {});
  // No request in flight for 150 ms (a reply often starts the next request) and every image in.
  await page
    .waitForFunction(
      () => {
        const net = (window as unknown as { __sqyNet?: NetCounter }).__sqyNet;
        if (!net) return true;
        return (
          net.inflight === 0 && performance.now() - net.last > 150 && [...document.images].every((img) => img.complete)
        );
      },
      undefined,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => {});
}

export async function snap(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await settle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The visible text of the first element matching. */
export async function text(page: Page, selector: string) {
  await page.waitForSelector(selector, { state: 'visible', timeout: 20_000 });
  return (await page.locator(selector).first().innerText()).trim();
}

/** Waits until the element's text matches (pages render "loading" first), then returns it. */
export async function see(page: Page, selector: string, expected: string | RegExp) {
  const matches = (t: string) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
  let last = '';
  await expect
    .poll(
      async () => {
        last = await text(page, selector).catch(() => '');
        return matches(last);
      },
      { timeout: 20_000, message: `${selector} should show ${expected}` },
    )
    .toBe(true);
  return last;
}

/** The staff sign-in page of the admin view. */
export async function staffSignIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/#/packages/admin/login/index`);
  await page.fill('#admin-login #admin-username input', username);
  await page.fill('#admin-login #admin-password input', password);
  await page.click('#admin-login #admin-login-submit');
  // Signed in once the app has left the login page (the token is stored by then): going on
  // earlier could be overtaken by the login's own redirect, or lose the session.
  await page.waitForFunction(() => !location.hash.includes('/admin/login/'), undefined, { timeout: 30_000 });
  // …and the page it lands on (工作台, or 小事快办 for a handler) has drawn its shell. The side
  // menu is hidden on a phone-wide page: waiting for it to be visible there cost 30 s a sign-in.
  await page.waitForSelector('#admin-menu', { state: 'attached', timeout: 30_000 }).catch(() => {});
  await settle(page);
}
