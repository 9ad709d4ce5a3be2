import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * postgres.js keeps its connections and waiting queries in a small queue
 * (src/queue.js). Unpatched, a queue that never runs empty under steady load grows
 * by one slot per query and every remove() scans all of it: throughput fell five-fold
 * in 20 s (`npm run bench:pg-queue`). patches/postgres+3.4.9.patch, applied on
 * install, drops the shifted-out slots and searches only the live part. This checks
 * that the patched queue (all three builds of it) still behaves as a queue.
 */
type Queue<T> = { readonly length: number; push(x: T): T; shift(): T | undefined; remove(x: T): T | null };

// The package's exports name only its entry points: find its folder from the CommonJS one (cjs/src/index.js).
const root = path.resolve(path.dirname(createRequire(import.meta.url).resolve('postgres')), '../..');

async function load(build: string): Promise<(initial?: unknown[]) => Queue<number>> {
  if (build === 'cjs/src') return createRequire(import.meta.url)(path.join(root, build, 'queue.js'));
  return (await import(pathToFileURL(path.join(root, build, 'queue.js')).href)).default;
}

describe.each(['src', 'cjs/src', 'cf/src'])('postgres.js queue (%s)', (build) => {
  it('is patched', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(root, build, 'queue.js'), 'utf8');
    expect(text).toContain('xs.indexOf(x, index)');
    expect(text).toContain('xs = xs.slice(index)');
  });

  it('matches a plain array under a long random mix of push, shift and remove', async () => {
    const Queue = await load(build);
    const queue = Queue();
    const model: number[] = [];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let next = 1;
    for (let step = 0; step < 50_000; step++) {
      const r = random();
      // Keep it from running empty most of the time, as under steady load.
      if (r < 0.45 || model.length < 3) {
        model.push(next);
        expect(queue.push(next)).toBe(next);
        next++;
      } else if (r < 0.9) {
        expect(queue.shift()).toBe(model.shift());
      } else {
        const pick = random() < 0.8 && model.length ? model[Math.floor(random() * model.length)] : -1;
        const at = model.indexOf(pick);
        if (at >= 0) model.splice(at, 1);
        expect(queue.remove(pick)).toBe(at >= 0 ? pick : null);
      }
      expect(queue.length).toBe(model.length);
    }
    while (model.length) expect(queue.shift()).toBe(model.shift());
    expect(queue.length).toBe(0);
  });
});
