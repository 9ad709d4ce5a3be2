import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Unit tests of the mini-program's pages, hooks and api client, in jsdom.
 * `@tarojs/components` becomes plain DOM elements and `@tarojs/taro` an in-memory fake
 * (tests/miniprogram/stubs), so no Taro runtime or build is needed.
 * Run alone: npx vitest run --config tests/miniprogram/vitest.config.mts
 */
export default defineConfig({
  root,
  define: {
    API_BASE: JSON.stringify('http://api.test'),
    'process.env.TARO_ENV': JSON.stringify('h5'),
  },
  resolve: {
    alias: [
      { find: /^@tarojs\/components$/, replacement: here('./stubs/components.tsx') },
      { find: /^@tarojs\/taro$/, replacement: here('./stubs/taro.ts') },
    ],
  },
  test: {
    name: 'miniprogram',
    // As a project of the root config, vitest roots a project at its config folder: scan from the repo root.
    dir: root,
    include: ['tests/miniprogram/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: [here('./setup.ts')],
    css: false,
    restoreMocks: false,
  },
});
