/** Builds the H5 app once per run when it is missing or older than its sources. */

import { createLogger } from '../../server/core/logger';
import { ensureH5Build } from '../../server/h5-build';
import { H5_DIR, hasChromium } from './harness';

export default async function setup() {
  if (!hasChromium) return;
  await ensureH5Build(H5_DIR, createLogger('info'));
}
