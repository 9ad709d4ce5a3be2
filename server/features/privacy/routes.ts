import * as c from '../../../shared/contracts/privacy';
import type { Mount } from '../../http/route';
import * as privacy from './service';
import { myDataWorkbook } from './workbook';

export function register(mount: Mount) {
  mount(c.exportMyData, (_, ctx) => privacy.exportMyData(ctx));
  mount(c.exportMyDataXlsx, (_, ctx) => myDataWorkbook(ctx));
  mount(c.deleteMyAccount, async (_, ctx) => privacy.deleteMyAccount(ctx).then(() => null));
}
