import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../server/db/client';
import { withDatabase } from './global-setup';

let counter = 0;

/**
 * A database of the suite's own, migrated: a PGlite started from the migrated dump,
 * or on a real server a fresh database copied from the migrated template.
 */
export async function createTestDatabase(): Promise<Database> {
  if (inject('dbEngine') === 'pglite') return openDatabase({ dumpPath: inject('pgliteDump') });
  const templateUrl = inject('pgTemplateUrl');
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `sqy_t${counter++}_${template.slice('sqy_tpl_'.length)}_${process.pid}`;
  const admin = postgres(withDatabase(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    // CREATE DATABASE … TEMPLATE needs the template idle; retry briefly if another suite is copying it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        if (attempt > 40) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: withDatabase(templateUrl, name), max: 10 });
  const close = db.close;
  return {
    ...db,
    async close() {
      await close();
      const cleanup = postgres(withDatabase(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A second handle on the same database, as a second server instance would have: its
 * own connection pool on a real server. The embedded engine serves one connection, so
 * there the handle is shared (its close does nothing).
 */
export async function openSecondHandle(database: Database): Promise<Database> {
  if (database.engine === 'pglite') return { ...database, close: async () => {} };
  const o = database.sql.options;
  const url = `postgres://${encodeURIComponent(o.user)}@${o.host[0]}:${o.port[0]}/${o.database}`;
  return openDatabase({ url, max: 10 });
}
