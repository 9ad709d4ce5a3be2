import * as c from '../../../shared/contracts/invitations';
import type { Mount } from '../../http/route';
import * as invitations from './service';

export function register(mount: Mount) {
  mount(c.listInvitations, ({ params }, ctx) => invitations.list(ctx, params.communityId));
  mount(c.createInvitation, ({ params, body }, ctx) => invitations.create(ctx, params.communityId, body));
  mount(c.revokeInvitation, ({ params }, ctx) => invitations.revoke(ctx, params.communityId, params.invitationId));
}
