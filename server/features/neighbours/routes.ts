import type { Mount } from '../../http/route';
import { registerAdminRoutes } from './routes-admin';
import { registerCardRoutes } from './routes-cards';
import { registerContactRoutes } from './routes-contacts';
import './subjects';
import './membership';

/**
 * 找邻居's routes, by part: my card, the directory and consents; contacts, threads and blocks;
 * the committee's figures, tags and 能人库.
 */
export function register(mount: Mount) {
  registerCardRoutes(mount);
  registerContactRoutes(mount);
  registerAdminRoutes(mount);
}
