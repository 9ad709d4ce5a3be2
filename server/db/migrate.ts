import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Arbitrary constant: the advisory lock every starting instance queues on. */
const MIGRATION_LOCK = 72_616_001;

/**
 * Applies pending migrations. drizzle's migrator takes no lock, so concurrent
 * starts against a fresh Postgres would collide: on a real server, hold a session
 * advisory lock on one reserved connection while the migrator runs on the pool.
 * The embedded engine needs none: its data folder is locked to one process.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migrate(database.db as never, { migrationsFolder });
    return;
  }
  const lock = await database.sql.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(database.db as never, { migrationsFolder });
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    lock.release();
  }
}
