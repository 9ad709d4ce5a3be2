import * as c from '../../../shared/contracts/invitations';
import type { Mount } from '../../app';
import * as invitations from './service';

export function register(mount: Mount) {
  mount(c.listInvitations, ({ params }, scope) => invitations.list(scope, params.communityId));
  mount(c.createInvitation, ({ params, body }, scope) => invitations.create(scope, params.communityId, body));
  mount(c.revokeInvitation, ({ params }, scope) => invitations.revoke(scope, params.communityId, params.invitationId));
}
