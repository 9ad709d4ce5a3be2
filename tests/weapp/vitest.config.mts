import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/**
 * The production WeChat build (dist/weapp) run headless in miniprogram-simulate against the real
 * server. Run alone: npx vitest run --project weapp
 */
export default defineConfig({
  root,
  test: {
    name: 'weapp',
    // As a project of the root config, vitest roots a project at its config folder: scan from the repo root.
    dir: root,
    include: ['tests/weapp/**/*.test.ts'],
    // Node, not jsdom: the real server runs in-process; shim.ts installs a DOM of its own for miniprogram-simulate.
    environment: 'node',
    globalSetup: [fromRoot('tests/helpers/global-setup.ts'), fromRoot('tests/weapp/global-setup.ts')],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
