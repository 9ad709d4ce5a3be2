import { defineConfig } from 'vitest/config';

/**
 * Every suite `npm test` runs. The database engine is chosen once per run:
 * embedded PGlite by default, a real PostgreSQL when TEST_DATABASE_URL is set.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts', 'tests/shared/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      'tests/miniprogram/vitest.config.mts',
      'tests/weapp/vitest.config.mts',
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts', 'tests/e2e/global-setup.ts'],
          pool: 'forks',
          // Browsers are heavy on two cores: one E2E file at a time.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
