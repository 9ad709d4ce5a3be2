import { and, eq, sql } from 'drizzle-orm';
import type { SubscriptionsReply } from '../../../shared/contracts/subscriptions';
import { type SubscribeTemplate, subscribeTemplateLabels, subscribeTemplates } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { memoryRateLimits, type RateLimiter } from '../../core/rate-limit';
import { subscribeConsents } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { templateId } from '../../wechat/templates';

/**
 * 消息设置: the user's one-time WeChat consents per template (docs/decisions/016-subscribe-messages.md).
 * Each `accept` from requestSubscribeMessage allows one message; the send job spends them.
 */

/** Consents kept per template at most: WeChat's own count is per tap, and nobody needs more. */
export const MAX_REMAINING = 50;
/** Recordings per user per minute: a tap asks for at most three templates. */
export const RECORD_LIMIT_PER_MINUTE = 10;

export function createSubscriptionLimiter(deps: AppDeps): RateLimiter {
  const store = deps.rateLimits ?? memoryRateLimits(deps.config.REDIS_KEY_PREFIX);
  return store.limiter({
    name: 'subscribe-record',
    limit: RECORD_LIMIT_PER_MINUTE,
    windowMs: 60_000,
    now: () => deps.clock().getTime(),
  });
}

async function listFor(ctx: SignedIn, db: Tx): Promise<SubscriptionsReply> {
  const rows = await db
    .select({ template: subscribeConsents.template, remaining: subscribeConsents.remaining })
    .from(subscribeConsents)
    .where(eq(subscribeConsents.userId, ctx.actor.userId));
  const left = new Map(rows.map((r) => [r.template, r.remaining]));
  return {
    items: subscribeTemplates.map((template) => ({
      template,
      templateId: templateId(ctx.deps.config, template),
      remaining: left.get(template) ?? 0,
    })),
  };
}

export function listMine(ctx: SignedIn): Promise<SubscriptionsReply> {
  return listFor(ctx, ctx.deps.database.db);
}

/** Adds one consent per accepted template (at most MAX_REMAINING kept); a template this server cannot send is refused. */
export async function record(
  ctx: SignedIn,
  limiter: RateLimiter,
  accepted: SubscribeTemplate[],
): Promise<SubscriptionsReply> {
  const templates = [...new Set(accepted)];
  for (const [i, template] of accepted.entries()) {
    if (!templateId(ctx.deps.config, template)) {
      const message = `暂时不能订阅“${subscribeTemplateLabels[template]}”消息`;
      throw new AppError('VALIDATION_FAILED', message, [{ in: 'body', path: `accepted.${i}`, message }]);
    }
  }
  if (!(await limiter.hit(`user:${ctx.actor.userId}`)).allowed) throw new AppError('RATE_LIMITED');
  return ctx.deps.database.db.transaction(async (tx) => {
    const now = ctx.deps.clock();
    for (const template of templates) {
      await tx
        .insert(subscribeConsents)
        .values({ userId: ctx.actor.userId, template, remaining: 1, acceptedTotal: 1, updatedAt: now })
        .onConflictDoUpdate({
          target: [subscribeConsents.userId, subscribeConsents.template],
          set: {
            remaining: sql`least(${subscribeConsents.remaining} + 1, ${MAX_REMAINING})`,
            acceptedTotal: sql`${subscribeConsents.acceptedTotal} + 1`,
            updatedAt: now,
          },
          where: and(eq(subscribeConsents.userId, ctx.actor.userId), eq(subscribeConsents.template, template)),
        });
    }
    return listFor(ctx, tx);
  });
}
