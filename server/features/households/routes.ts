import * as c from '../../../shared/contracts/committees';
import type { Mount } from '../../http/route';
import * as households from './service';

export function register(mount: Mount) {
  mount(c.listBuildings, ({ params }, ctx) => households.listBuildings(ctx, params.communityId));
  mount(c.listHouseholds, ({ params }, ctx) => households.listHouseholds(ctx, params.communityId, params.buildingId));
  mount(c.createBuilding, ({ params, body }, ctx) => households.createBuilding(ctx, params.communityId, body.name));
  mount(c.createHousehold, ({ params, body }, ctx) => households.createHousehold(ctx, params.communityId, body));
}
