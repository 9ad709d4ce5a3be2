import * as c from '../../../shared/contracts/committees';
import type { Mount } from '../../http/route';
import * as committees from './service';

export function register(mount: Mount) {
  mount(c.listDistricts, (_, ctx) => committees.listDistricts(ctx.deps.database.db));
  mount(c.listCommittees, ({ query }, ctx) => committees.list(ctx, query));
  mount(c.getCommittee, ({ params, query }, ctx) => committees.getCard(ctx, params.communityId, query));
  mount(c.updateCommittee, ({ params, body }, ctx) => committees.update(ctx, params.communityId, body));
}
