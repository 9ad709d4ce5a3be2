/**
 * Once per run: builds dist/weapp when it is missing or stale and hands the tests a snapshot of it.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWeappBuild, snapshotWeappBuild } from './build';

declare module 'vitest' {
  export interface ProvidedContext {
    weappDir: string;
  }
}

export default async function setup(project: TestProject) {
  let dir = '';
  for (let attempt = 1; !dir; attempt++) {
    await ensureWeappBuild();
    try {
      dir = snapshotWeappBuild();
    } catch (error) {
      // Someone else's `taro build --type weapp` empties dist/weapp while it runs: wait for it.
      if (attempt >= 6) throw error;
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
  project.provide('weappDir', dir);
  return () => rmSync(path.dirname(dir), { recursive: true, force: true });
}
