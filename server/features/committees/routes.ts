import * as c from '../../../shared/contracts/committees';
import type { Mount } from '../../app';
import * as committees from './service';

export function register(mount: Mount) {
  mount(c.listDistricts, (_, scope) => committees.listDistricts(scope.deps.database.db));
  mount(c.listCommittees, ({ query }, scope) => committees.list(scope, query));
  mount(c.getCommittee, ({ params, query }, scope) => committees.getCard(scope, params.communityId, query));
  mount(c.updateCommittee, ({ params, body }, scope) => committees.update(scope, params.communityId, body));
  mount(c.listBuildings, ({ params }, scope) => committees.listBuildings(scope, params.communityId));
  mount(c.listHouseholds, ({ params }, scope) =>
    committees.listHouseholds(scope, params.communityId, params.buildingId),
  );
  mount(c.createBuilding, ({ params, body }, scope) => committees.createBuilding(scope, params.communityId, body.name));
  mount(c.createHousehold, ({ params, body }, scope) => committees.createHousehold(scope, params.communityId, body));
}
