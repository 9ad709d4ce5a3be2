/** What the weapp test files share: starting the build against the test server, and reading pages. */
import { inject } from 'vitest';
import { BUILT_API_ORIGIN } from './build';
import { createMiniProgram, type MiniProgram, type MiniProgramOptions, waitFor } from './shim';

/** The phone's position: at 梧桐里居委会 (GCJ-02, like the seed's coordinates). */
export const HERE = { latitude: 31.2412, longitude: 121.4983 };
export const DEMO_CODE = 'demo-resident';
export const TOKEN_KEY = 'sqy.token';

export const HOME = 'pages/home/index';

/** A fresh mini-program (the build snapshot of global-setup.ts) talking to `serverUrl`, signing in with `code`. */
export function startMiniProgram(
  serverUrl: string,
  code: string,
  options: Pick<MiniProgramOptions, 'privacyAgreed' | 'location'> = {},
): MiniProgram {
  return createMiniProgram({
    root: inject('weappDir'),
    builtApiOrigin: BUILT_API_ORIGIN,
    serverUrl,
    loginCode: code,
    location: HERE,
    ...options,
  });
}

/** Text of one node, by id. */
export function textOf(mp: MiniProgram, selector: string): string {
  return mp.find(selector)?.dom.textContent ?? '';
}

export function waitForText(mp: MiniProgram, selector: string, expected: string | RegExp, timeout = 10_000) {
  return waitFor(
    () => {
      const text = textOf(mp, selector);
      return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    },
    {
      timeout,
      describe: () => `${selector} on ${mp.currentPage().route}: "${textOf(mp, selector)}"\npage: ${mp.text()}`,
    },
  );
}

export function waitForRoute(mp: MiniProgram, route: string) {
  return waitFor(() => mp.currentPage().route === route, {
    describe: () =>
      `pages: ${mp
        .pages()
        .map((p) => p.route)
        .join(' > ')}; nav failures: ${mp.navFailures.join('; ')}`,
  });
}
