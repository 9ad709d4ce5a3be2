import * as c from '../../../shared/contracts/admin';
import type { Mount } from '../../http/route';
import * as admin from './service';

export function register(mount: Mount) {
  mount(c.createDistrict, ({ body }, ctx) => admin.createDistrict(ctx, body.name));
  mount(c.createStreet, ({ body }, ctx) => admin.createStreet(ctx, body));
  mount(c.createCommunity, ({ body }, ctx) => admin.createCommunity(ctx, body));
  mount(c.createStaff, ({ body }, ctx) => admin.createStaff(ctx, body));
  mount(c.listStaff, (_, ctx) => admin.listStaff(ctx));
  mount(c.disableStaff, ({ params }, ctx) => admin.disableStaff(ctx, params.userId));
  mount(c.resetStaffPassword, ({ params, body }, ctx) => admin.resetStaffPassword(ctx, params.userId, body.password));
  mount(c.appointModerator, ({ params, body }, ctx) =>
    admin.appointModerator(ctx, params.communityId, body.userId, body.role),
  );
}
