import * as c from '../../../shared/contracts/uploads';
import type { Mount } from '../../http/route';
import { serveFile, uploadForCommunity } from './service';

export function register(mount: Mount) {
  mount(c.uploadFile, ({ params, query, file, fileName }, ctx) =>
    uploadForCommunity(ctx, params.communityId, { bytes: file, fileName, visibility: query.visibility }),
  );
  mount(c.getFile, ({ params, query }, ctx) => serveFile(ctx, params.name, query));
}
