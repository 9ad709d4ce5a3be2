import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './core/logger';

/** The newest modification time of any file below a folder (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Sources the H5 build depends on: the app, its build config and the shared contracts. */
const sources = ['miniprogram', 'config', 'shared'];

/**
 * Whether a build stamped with its sources' time (below) is as new as they are. utimes takes whole
 * milliseconds while the file system keeps nanoseconds, so a stamp copied from a source falls up to
 * 1 ms short of it: without the allowance every run rebuilt (two minutes each).
 */
export const buildIsCurrent = (builtMs: number, sourcesMs: number) => builtMs > 0 && builtMs + 1 > sourcesMs;

/** Builds the H5 app when it is missing or older than its sources (so `npm start` just works). */
export async function ensureH5Build(outDir: string, logger: Logger): Promise<void> {
  const index = path.join(outDir, 'index.html');
  if (!existsSync('miniprogram')) return;
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const changed = Math.max(...sources.map(newestMtime));
  if (buildIsCurrent(built, changed)) return;
  logger.info(built ? 'H5 build is older than its sources: rebuilding' : 'no H5 build yet: building (about a minute)');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.resolve('node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`H5 build failed (exit ${code})`))));
    child.on('error', reject);
  });
  // The build is as new as the sources it started from: a file edited while it ran makes it stale.
  if (existsSync(index)) utimesSync(index, new Date(changed), new Date(changed));
}
