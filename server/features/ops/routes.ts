import * as c from '../../../shared/contracts/health';
import type { Mount } from '../../http/route';
import * as ops from './service';

export function register(mount: Mount) {
  mount(c.health, (_, ctx) => ops.health(ctx));
}
