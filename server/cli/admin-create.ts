/**
 * Creates a platform admin (or makes an existing staff account an admin):
 *   npm run admin:create -- --username alice [--password …] [--name 张三]
 * The password comes from --password, else ADMIN_PASSWORD, else a random one printed once.
 * Goes through the same admin service as 街镇管理, as the console operator.
 * Uses the same configuration as `npm start` (DATABASE_URL or the embedded DATA_DIR;
 * stop a running embedded server first, its data folder is locked).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createStaff } from '../../shared/contracts/admin';
import { boot, closeDeps } from '../boot';
import { ConfigError, loadConfig } from '../config';
import { operatorContext } from '../core/context';
import { createLogger } from '../core/logger';
import { createPlatformAdmin } from '../features/admin/service';

async function main() {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const generated = !values.password && !process.env.ADMIN_PASSWORD;
  const input = createStaff.body!.safeParse({
    username: values.username,
    password: values.password ?? process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url'),
    displayName: values.name ?? '平台管理员',
  });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error('usage: npm run admin:create -- --username NAME [--password PASSWORD] [--name 显示名]');
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await boot(config, createLogger(config.LOG_LEVEL));
  try {
    const { created } = await createPlatformAdmin(operatorContext(deps), input.data);
    console.log(`${created ? 'created' : 'updated'} platform admin "${input.data.username}"`);
    if (generated) console.log(`password (shown once): ${input.data.password}`);
  } finally {
    await closeDeps(deps);
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
