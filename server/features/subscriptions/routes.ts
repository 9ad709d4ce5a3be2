import * as c from '../../../shared/contracts/subscriptions';
import type { AppDeps } from '../../deps';
import type { Mount } from '../../http/route';
import * as subscriptions from './service';

export function register(mount: Mount, deps: AppDeps) {
  const limiter = subscriptions.createSubscriptionLimiter(deps);
  mount(c.listMySubscriptions, (_, ctx) => subscriptions.listMine(ctx));
  mount(c.recordSubscriptions, ({ body }, ctx) => subscriptions.record(ctx, limiter, body.accepted));
}
