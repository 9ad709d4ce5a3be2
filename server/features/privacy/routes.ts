import * as c from '../../../shared/contracts/privacy';
import type { Mount } from '../../app';
import * as privacy from './service';

export function register(mount: Mount) {
  mount(c.exportMyData, (_, scope) => privacy.exportMyData(scope));
  mount(c.deleteMyAccount, async (_, scope) => privacy.deleteMyAccount(scope).then(() => null));
}
