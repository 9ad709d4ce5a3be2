import * as c from '../../../shared/contracts/rentals';
import type { Mount } from '../../http/route';
import * as catalogue from './catalogue';
import * as items from './items';
import * as points from './points';
import * as units from './units';

/** The catalogue residents read; points, item types and units the staff keep; the platform's points. */
export function registerStockRoutes(mount: Mount) {
  mount(c.listRentalItems, ({ params, query }, ctx) => catalogue.listRentalItems(ctx, params.communityId, query));
  mount(c.getRentalItem, ({ params }, ctx) => catalogue.getRentalItem(ctx, params.communityId, params.itemId));

  mount(c.listRentalPoints, ({ params }, ctx) => points.listRentalPoints(ctx, params.communityId));
  mount(c.createRentalPoint, ({ params, body }, ctx) => points.createRentalPoint(ctx, params.communityId, body));
  mount(c.updateRentalPoint, ({ params, body }, ctx) =>
    points.updateRentalPoint(ctx, params.communityId, params.pointId, body),
  );

  mount(c.listRentalItemTypes, ({ params, query }, ctx) => items.listRentalItemTypes(ctx, params.communityId, query));
  mount(c.createRentalItemType, ({ params, body }, ctx) => items.createRentalItemType(ctx, params.communityId, body));
  mount(c.updateRentalItemType, ({ params, body }, ctx) =>
    items.updateRentalItemType(ctx, params.communityId, params.itemId, body),
  );

  mount(c.listRentalUnits, ({ params, query }, ctx) => units.listRentalUnits(ctx, params.communityId, query));
  mount(c.createRentalUnits, ({ params, body }, ctx) => units.createRentalUnits(ctx, params.communityId, body));
  mount(c.getRentalUnit, ({ params }, ctx) => units.getRentalUnit(ctx, params.communityId, params.unitId));
  mount(c.updateRentalUnit, ({ params, body }, ctx) =>
    units.updateRentalUnit(ctx, params.communityId, params.unitId, body),
  );
  mount(c.blockRentalUnit, ({ params, body }, ctx) =>
    units.blockRentalUnit(ctx, params.communityId, params.unitId, body),
  );
  mount(c.endRentalMaintenance, ({ params, body }, ctx) =>
    units.endRentalMaintenance(ctx, params.communityId, params.unitId, body),
  );
  mount(c.retireRentalUnit, ({ params, body }, ctx) =>
    units.retireRentalUnit(ctx, params.communityId, params.unitId, body.note),
  );

  mount(c.listAdminRentalPoints, (_input, ctx) => points.listAdminRentalPoints(ctx));
  mount(c.setRentalPointCommunities, ({ params, body }, ctx) =>
    points.setRentalPointCommunities(ctx, params.pointId, body.communityIds),
  );
}
