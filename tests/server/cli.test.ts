import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { verifyPassword } from '../../server/security/crypto';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sqy-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...clean, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run admin:create', () => {
  it('creates a platform admin in the configured database, who can then sign in with that password', async () => {
    const res = run('server/cli/admin-create.ts', ['--username', 'ops_lead', '--password', 'a-strong-password-1']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('created platform admin "ops_lead"');
    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.sql`select is_admin, password_hash from users where username = 'ops_lead'`;
      expect(row.is_admin).toBe(true);
      expect(await verifyPassword('a-strong-password-1', row.password_hash)).toBe(true);
      const audit = await db.sql`select action from audit_log where action = 'admin.create_cli'`;
      expect(audit).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 90_000);

  it('refuses a bad username with a message naming the option', () => {
    const res = run('server/cli/admin-create.ts', ['--username', 'X Y']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--username');
  }, 60_000);
});

describe('server/main.ts', () => {
  it('stops at boot with a message naming a bad variable', () => {
    const res = run('server/main.ts', [], { PORT: 'not-a-port' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/PORT/);
  }, 60_000);

  it('refuses to start in production without WeChat credentials', () => {
    const res = run('server/main.ts', [], { NODE_ENV: 'production' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/WECHAT_APPID/);
  }, 60_000);
});

describe('the embedded data folder', () => {
  it('is locked while a server runs on it: a second process is refused instead of silently losing writes', async () => {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...clean,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        SERVE_H5: 'false',
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('"msg":"listening"')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
      });
      const second = run('server/cli/admin-create.ts', [
        '--username',
        'second_admin',
        '--password',
        'a-strong-password-2',
      ]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`in use by process ${server.pid}`);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // Once the server has stopped, the folder is free again.
    const after = run('server/cli/admin-create.ts', [
      '--username',
      'second_admin',
      '--password',
      'a-strong-password-2',
    ]);
    expect(after.status).toBe(0);
  }, 120_000);

  it.runIf(existsSync('/proc/self/stat'))(
    'a lock left by a crashed server whose PID now belongs to another process does not block the start',
    () => {
      // As after a crash in a container: the lock names PID 1, alive, but started at another time.
      const bootId = '/proc/sys/kernel/random/boot_id';
      const boot = existsSync(bootId) ? readFileSync(bootId, 'utf8').trim() : null;
      writeFileSync(path.join(dataDir, 'pglite.lock'), JSON.stringify({ pid: 1, start: '1', boot }));
      const res = run('server/cli/admin-create.ts', ['--username', 'third_admin', '--password', 'a-strong-password-3']);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    },
    60_000,
  );
});
