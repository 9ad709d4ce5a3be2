import * as c from '../../../shared/contracts/matters';
import type { Mount } from '../../http/route';
import * as matters from './service';
import { matterStats } from './stats';
import { mattersXlsx } from './xlsx';

export function register(mount: Mount) {
  mount(c.exportMatters, ({ params }, ctx) => mattersXlsx(ctx, params.communityId));
  // Before `:postId`, which `stats` would otherwise match.
  mount(c.matterStats, ({ params, query }, ctx) => matterStats(ctx, params.communityId, query.months));
  mount(c.listMatters, ({ params, query }, ctx) => matters.listMatters(ctx, params.communityId, query));
  mount(c.getMatter, ({ params }, ctx) => matters.getMatter(ctx, params.communityId, params.postId));
  mount(c.moveMatter, ({ params, body }, ctx) => matters.moveMatter(ctx, params.communityId, params.postId, body));
  mount(c.reassignMatter, ({ params, body }, ctx) =>
    matters.reassignMatter(ctx, params.communityId, params.postId, body),
  );
}
