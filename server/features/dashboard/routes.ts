import * as c from '../../../shared/contracts/memberships';
import type { Mount } from '../../http/route';
import * as dashboard from './service';

export function register(mount: Mount) {
  mount(c.getDashboard, ({ params }, ctx) => dashboard.summary(ctx, params.communityId));
}
