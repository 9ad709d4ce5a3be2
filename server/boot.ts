import path from 'node:path';
import type { Config } from './config';
import { createLogger, type Logger } from './core/logger';
import { openRateLimits } from './core/rate-limit';
import { type Database, openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import type { AppDeps } from './deps';
import { createLocalFileStore, fileSigningKey } from './platform/files';
import { createFieldCipher } from './security/crypto';
import { resolveFieldKey } from './security/keys';
import { createLocalWechat } from './wechat/local';
import { createRealWechat } from './wechat/real';

/** Opens the database, migrates it and assembles the app's dependencies from config. */
export async function boot(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<AppDeps> {
  const database: Database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    max: config.DATABASE_POOL_MAX,
  });
  try {
    await runMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  let rateLimits: Awaited<ReturnType<typeof openRateLimits>>;
  try {
    rateLimits = await openRateLimits(config);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { key, generated } = resolveFieldKey(config.FIELD_ENCRYPTION_KEY, config.DATA_DIR);
  if (generated) logger.warn('generated a development field-encryption key', { dir: config.DATA_DIR });
  const cipher = createFieldCipher(key);
  const files = { store: createLocalFileStore(path.join(config.DATA_DIR, 'files')), signingKey: fileSigningKey(key) };
  const clock = () => new Date();
  const wechat =
    config.WECHAT_APPID && config.WECHAT_SECRET
      ? createRealWechat({
          appid: config.WECHAT_APPID,
          secret: config.WECHAT_SECRET,
          baseUrl: config.WECHAT_API_BASE,
          logger,
          clock,
          miniprogramState: config.WECHAT_MINIPROGRAM_STATE,
          // Every instance shares one access token through the database.
          tokenStore: { database, cipher },
        })
      : createLocalWechat({ logger });
  return { database, config, wechat, cipher, logger, files, clock, rateLimits };
}

/** Closes what boot opened. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.rateLimits?.close();
  await deps.database.close();
}
