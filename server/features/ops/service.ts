import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';

/** Up, and the database answers. */
export async function health(ctx: ServiceContext) {
  const { database } = ctx.deps;
  try {
    await database.db.execute(sql`select 1`);
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE');
  }
  return { status: 'ok' as const, database: 'ok' as const, engine: database.engine };
}
