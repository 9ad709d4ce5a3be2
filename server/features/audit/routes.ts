import * as c from '../../../shared/contracts/audit';
import type { Mount } from '../../app';
import { requireAllowed } from '../../auth/guards';
import { listAudit } from './service';

export function register(mount: Mount) {
  mount(c.listCommunityAudit, ({ params, query }, scope) => {
    requireAllowed(scope.actor, 'read:audit', { communityId: params.communityId });
    return listAudit(scope.deps.database.db, { ...query, communityId: params.communityId });
  });
  mount(c.listAllAudit, ({ query }, scope) => {
    requireAllowed(scope.actor, 'admin:platform');
    return listAudit(scope.deps.database.db, query);
  });
}
