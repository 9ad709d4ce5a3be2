import { sql } from 'drizzle-orm';
import * as c from '../../../shared/contracts/health';
import { AppError } from '../../core/errors';
import type { Mount } from '../../http/route';

export function register(mount: Mount) {
  mount(c.health, async (_, { deps }) => {
    try {
      await deps.database.db.execute(sql`select 1`);
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE');
    }
    return { status: 'ok' as const, database: 'ok' as const, engine: deps.database.engine };
  });
}
