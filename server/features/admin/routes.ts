import * as c from '../../../shared/contracts/admin';
import type { Mount } from '../../app';
import * as admin from './service';

export function register(mount: Mount) {
  mount(c.createDistrict, ({ body }, scope) => admin.createDistrict(scope, body.name));
  mount(c.createStreet, ({ body }, scope) => admin.createStreet(scope, body));
  mount(c.createCommunity, ({ body }, scope) => admin.createCommunity(scope, body));
  mount(c.createStaff, ({ body }, scope) => admin.createStaff(scope, body));
  mount(c.listStaff, (_, scope) => admin.listStaff(scope));
  mount(c.disableStaff, ({ params }, scope) => admin.disableStaff(scope, params.userId));
  mount(c.resetStaffPassword, ({ params, body }, scope) =>
    admin.resetStaffPassword(scope, params.userId, body.password),
  );
  mount(c.appointModerator, ({ params, body }, scope) =>
    admin.appointModerator(scope, params.communityId, body.userId),
  );
}
