import type { Config } from './config';
import type { Logger } from './core/logger';
import type { Database, Db } from './db/client';
import type { FieldCipher } from './security/crypto';
import type { WechatAdapter } from './wechat/adapter';

/** Everything the app needs from outside; createApp(deps) reads no globals. */
export interface AppDeps {
  database: Database;
  config: Config;
  wechat: WechatAdapter;
  cipher: FieldCipher;
  logger: Logger;
  clock: () => Date;
}

/** A database handle or an open transaction: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
