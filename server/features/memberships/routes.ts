import * as c from '../../../shared/contracts/memberships';
import type { Mount } from '../../http/route';
import * as memberships from './service';

export function register(mount: Mount) {
  mount(c.listMyMemberships, (_, ctx) => memberships.listMyMemberships(ctx));
  mount(c.joinCommunity, ({ params, body }, ctx) => memberships.join(ctx, params.communityId, body));
  mount(c.redeemInvitation, ({ body }, ctx) => memberships.redeem(ctx, body));
  mount(c.leaveMembership, ({ params }, ctx) => memberships.leave(ctx, params.membershipId));
  mount(c.listCommunityMemberships, ({ params, query }, ctx) =>
    memberships.listForCommunity(ctx, params.communityId, query),
  );
  mount(c.approveMembership, ({ params }, ctx) =>
    memberships.transition(ctx, params.communityId, params.membershipId, 'approve'),
  );
  mount(c.rejectMembership, ({ params, body }, ctx) =>
    memberships.transition(ctx, params.communityId, params.membershipId, 'reject', body.reason),
  );
  mount(c.revokeMembership, ({ params, body }, ctx) =>
    memberships.transition(ctx, params.communityId, params.membershipId, 'revoke', body.reason),
  );
}
