import * as c from '../../../shared/contracts/households';
import type { Mount } from '../../http/route';
import { importRoster } from './import';
import * as households from './service';
import { rosterTemplate } from './template';

export function register(mount: Mount) {
  mount(c.listBuildings, ({ params }, ctx) => households.listBuildings(ctx, params.communityId));
  mount(c.listHouseholds, ({ params }, ctx) => households.listHouseholds(ctx, params.communityId, params.buildingId));
  mount(c.createBuilding, ({ params, body }, ctx) => households.createBuilding(ctx, params.communityId, body.name));
  mount(c.renameBuilding, ({ params, body }, ctx) =>
    households.renameBuilding(ctx, params.communityId, params.buildingId, body.name),
  );
  mount(c.mergeBuilding, ({ params, body }, ctx) =>
    households.mergeBuilding(ctx, params.communityId, params.buildingId, body.intoBuildingId),
  );
  mount(c.removeBuilding, ({ params }, ctx) => households.removeBuilding(ctx, params.communityId, params.buildingId));
  mount(c.listHouseholdsAdmin, ({ params, query }, ctx) =>
    households.listHouseholdsAdmin(ctx, params.communityId, query.buildingId),
  );
  mount(c.createHousehold, ({ params, body }, ctx) => households.createHousehold(ctx, params.communityId, body));
  mount(c.updateHousehold, ({ params, body }, ctx) =>
    households.updateHousehold(ctx, params.communityId, params.householdId, body),
  );
  mount(c.removeHousehold, ({ params }, ctx) =>
    households.removeHousehold(ctx, params.communityId, params.householdId),
  );
  mount(c.restoreHousehold, ({ params }, ctx) =>
    households.restoreHousehold(ctx, params.communityId, params.householdId),
  );
  mount(c.importHouseholds, ({ params, query, file }, ctx) => importRoster(ctx, params.communityId, query.step, file));
  mount(c.householdTemplate, ({ params }, ctx) => rosterTemplate(ctx, params.communityId));
}
