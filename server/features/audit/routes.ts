import * as c from '../../../shared/contracts/audit';
import type { Mount } from '../../app';
import * as audit from './service';

export function register(mount: Mount) {
  mount(c.listCommunityAudit, ({ params, query }, scope) => audit.listCommunityAudit(scope, params.communityId, query));
  mount(c.listAllAudit, ({ query }, scope) => audit.listAllAudit(scope, query));
}
