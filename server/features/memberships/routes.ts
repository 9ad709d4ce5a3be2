import * as c from '../../../shared/contracts/memberships';
import type { Mount } from '../../app';
import * as memberships from './service';

export function register(mount: Mount) {
  mount(c.listMyMemberships, (_, scope) => memberships.listMyMemberships(scope));
  mount(c.joinCommunity, ({ params, body }, scope) => memberships.join(scope, params.communityId, body));
  mount(c.redeemInvitation, ({ body }, scope) => memberships.redeem(scope, body));
  mount(c.leaveMembership, ({ params }, scope) => memberships.leave(scope, params.membershipId));
  mount(c.listCommunityMemberships, ({ params, query }, scope) =>
    memberships.listForCommunity(scope, params.communityId, query),
  );
  mount(c.approveMembership, ({ params }, scope) =>
    memberships.decide(scope, params.communityId, params.membershipId, 'approve'),
  );
  mount(c.rejectMembership, ({ params, body }, scope) =>
    memberships.decide(scope, params.communityId, params.membershipId, 'reject', body.reason),
  );
  mount(c.revokeMembership, ({ params, body }, scope) =>
    memberships.decide(scope, params.communityId, params.membershipId, 'revoke', body.reason),
  );
  mount(c.getDashboard, ({ params }, scope) => memberships.dashboard(scope, params.communityId));
}
