/** Process entry: the only place that reads the environment. */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { createApp } from './app';
import { boot, closeDeps } from './boot';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './core/logger';
import { seedDemo } from './db/seed';
import { ensureH5Build } from './h5-build';
import { listen } from './http/server';
import { appJobs } from './jobs';
import { createJobRunner } from './platform/jobs';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const deps = await boot(config, logger);
  const seed = config.SEED_DEMO ?? (!config.DATABASE_URL && config.NODE_ENV !== 'production');
  if (seed) {
    const demo = await seedDemo(deps);
    if (demo) {
      logger.info('demo community seeded', { credentials: demo.credentials });
      console.log(
        `\n  Demo sign-in (staff page, 工作人员登录):\n${demo.credentials.map((c) => `    ${c.role.padEnd(10)} ${c.username} / ${c.password}   ${c.community ?? ''}`).join('\n')}\n`,
      );
    }
  }
  let h5Dir: string | undefined;
  if (config.SERVE_H5) {
    await ensureH5Build(config.H5_DIR, logger);
    h5Dir = existsSync(config.H5_DIR) ? config.H5_DIR : undefined;
  }
  const { app } = createApp(deps, { h5Dir });
  // After migrations (boot ran them): the runner's tables exist.
  const runner = createJobRunner(deps, appJobs(), {
    workerId: `${hostname()}:${process.pid}`,
    pollMs: config.JOBS_POLL_MS,
    leaseMs: config.JOBS_LEASE_SECONDS * 1000,
  });
  if (config.JOBS_ENABLED) runner.start();
  const server = await listen(app, logger, config.PORT, config.HOST);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info('listening', {
    port,
    engine: deps.database.engine,
    wechat: deps.wechat.kind,
    rateLimits: deps.rateLimits?.kind ?? 'memory',
    h5: Boolean(h5Dir),
  });
  console.log(`\n  社区云 is running: http://127.0.0.1:${port}/  (API: /api, docs: /api/openapi.json)\n`);
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    server.close();
    server.closeAllConnections();
    // Lets the job in hand finish (10 s at most); a job cut short here is taken over
    // by another runner when its lease ends.
    await Promise.race([runner.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    await closeDeps(deps);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
