/**
 * The WeChat build the weapp suite runs: rebuilt when dist/weapp is missing or older than its
 * sources (the same rule as server/h5-build.ts for the H5 app), then copied to a snapshot folder
 * so that a rebuild started elsewhere during the run cannot pull files from under the tests.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_API } from '../../config/release';
import { newestMtime } from '../../server/h5-build';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export const WEAPP_DIR = path.join(repo, 'dist/weapp');

/**
 * The API origin baked into the build the suite runs, which the shim rewrites to the test server:
 * the one config/index.ts bakes when TARO_APP_API is unset, or WEAPP_API_ORIGIN's. CI sets it to the
 * origin of the release build it has just measured, so that build is tested instead of a second one.
 */
export const BUILT_API_ORIGIN = process.env.WEAPP_API_ORIGIN || LOCAL_API;

/** Sources the build depends on: the app, its build config and the shared contracts. */
const sources = ['miniprogram', 'config', 'shared'];

/** Why a build is needed, or null when dist/weapp is a current production build with the default API origin. */
export function weappBuildReason(outDir = WEAPP_DIR): string | null {
  const marker = path.join(outDir, 'app.js');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  if (!built) return 'no WeChat build yet';
  if (existsSync(`${marker}.map`)) return 'dist/weapp is a development build';
  const changed = Math.max(...sources.map((s) => newestMtime(path.join(repo, s))));
  if (built < changed) return 'the WeChat build is older than its sources';
  const bakesDefaultOrigin = readdirSync(outDir)
    .filter((f) => f.endsWith('.js'))
    .some((f) => readFileSync(path.join(outDir, f), 'utf8').includes(BUILT_API_ORIGIN));
  if (!bakesDefaultOrigin) return `dist/weapp was built for another API origin than ${BUILT_API_ORIGIN}`;
  return null;
}

export async function ensureWeappBuild(outDir = WEAPP_DIR): Promise<void> {
  const reason = weappBuildReason(outDir);
  if (!reason) return;
  console.info(`${reason}: building dist/weapp (NODE_ENV=production taro build --type weapp)`);
  // The build bakes the origin the shim rewrites to the test server (BUILT_API_ORIGIN). A real
  // release build refuses http and a missing appid (config/release.ts); this local one says so.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    TARO_APP_ALLOW_HTTP_API: '1',
    TARO_APP_API: BUILT_API_ORIGIN,
  };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(repo, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'],
      { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`WeChat build failed (exit ${code})`))));
    child.on('error', reject);
  });
}

/** Copies the build to a fresh temporary folder and checks that every page of app.json is there. */
export function snapshotWeappBuild(outDir = WEAPP_DIR): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sqy-weapp-')), 'weapp');
  cpSync(outDir, dir, { recursive: true });
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const page of pages) {
    for (const ext of ['js', 'json', 'wxml']) {
      if (!existsSync(path.join(dir, `${page}.${ext}`))) {
        throw new Error(`dist/weapp is incomplete (${page}.${ext} missing): is another build running?`);
      }
    }
  }
  return dir;
}
