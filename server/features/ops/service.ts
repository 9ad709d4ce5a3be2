import { eq, sql } from 'drizzle-orm';
import { DEMO_RESIDENT_CODE } from '../../../shared/contracts/health';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { users } from '../../db/schema';
import { localOpenid } from '../../wechat/local';

/**
 * Up, and the database answers. `demo` says whether the app may offer "示范居民体验": only with
 * the local sign-in adapter (never with real WeChat) and when the seeded demo resident exists.
 */
export async function health(ctx: ServiceContext) {
  const { database, wechat } = ctx.deps;
  let demo = false;
  try {
    await database.db.execute(sql`select 1`);
    if (wechat.kind === 'local') {
      const [row] = await database.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.openid, localOpenid(DEMO_RESIDENT_CODE)))
        .limit(1);
      demo = Boolean(row);
    }
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE');
  }
  return { status: 'ok' as const, database: 'ok' as const, engine: database.engine, demo };
}
