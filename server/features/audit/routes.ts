import * as c from '../../../shared/contracts/audit';
import type { Mount } from '../../http/route';
import * as audit from './service';

export function register(mount: Mount) {
  mount(c.listCommunityAudit, ({ params, query }, ctx) => audit.listCommunityAudit(ctx, params.communityId, query));
  mount(c.listCommunityAuditActors, ({ params }, ctx) => audit.listCommunityAuditActors(ctx, params.communityId));
  mount(c.listAllAudit, ({ query }, ctx) => audit.listAllAudit(ctx, query));
}
