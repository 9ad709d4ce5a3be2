import * as c from '../../../shared/contracts/committees';
import type { Mount } from '../../http/route';
import * as committees from './service';

export function register(mount: Mount) {
  mount(c.listDistricts, (_, ctx) => committees.listDistricts(ctx.deps.database.db));
  mount(c.listCommittees, ({ query }, ctx) => committees.list(ctx, query));
  mount(c.getCommittee, ({ params, query }, ctx) => committees.getCard(ctx, params.communityId, query));
  mount(c.updateCommittee, ({ params, body }, ctx) => committees.update(ctx, params.communityId, body));
  mount(c.listBuildings, ({ params }, ctx) => committees.listBuildings(ctx, params.communityId));
  mount(c.listHouseholds, ({ params }, ctx) => committees.listHouseholds(ctx, params.communityId, params.buildingId));
  mount(c.createBuilding, ({ params, body }, ctx) => committees.createBuilding(ctx, params.communityId, body.name));
  mount(c.createHousehold, ({ params, body }, ctx) => committees.createHousehold(ctx, params.communityId, body));
}
