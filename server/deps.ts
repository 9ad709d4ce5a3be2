import type { Config } from './config';
import type { Logger } from './core/logger';
import type { RateLimitStore } from './core/rate-limit';
import type { Database, Db } from './db/client';
import type { Files } from './platform/files';
import type { FieldCipher } from './security/crypto';
import type { WechatAdapter } from './wechat/adapter';

/** Everything the app needs from outside; createApp(deps) reads no globals. */
export interface AppDeps {
  database: Database;
  config: Config;
  wechat: WechatAdapter;
  cipher: FieldCipher;
  logger: Logger;
  /** Uploaded files: the store (local disk under DATA_DIR by default) and the URL-signing key. */
  files: Files;
  clock: () => Date;
  /** Where rate-limit counters live; unset = this app's own memory. */
  rateLimits?: RateLimitStore;
  /** Checks a password against its stored hash; unset = scrypt (tests count checks through it). */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
}

/** A database handle or an open transaction: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
