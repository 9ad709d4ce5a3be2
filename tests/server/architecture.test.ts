/**
 * The layering the code relies on, checked on the source: services, the policy and
 * the platform services know nothing of HTTP, so jobs and the CLI can call them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

const isRouteFile = (f: string) => /\/routes(-[a-z]+)?\.ts$/.test(f);

describe('layering', () => {
  const httpFree = [
    // A feature's routes.ts, or its parts routes-<part>.ts when it has several (rentals).
    ...files(path.join(root, 'server/features')).filter((f) => !isRouteFile(f)),
    ...files(path.join(root, 'server/auth')),
    ...files(path.join(root, 'server/core')),
    ...files(path.join(root, 'server/platform')),
  ];

  it('finds the files it checks', () => {
    expect(httpFree.some((f) => f.endsWith('features/memberships/service.ts'))).toBe(true);
  });

  it('nothing but route files imports from server/http (services are callable from jobs and the CLI)', () => {
    const offenders = httpFree.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && path.resolve(path.dirname(file), spec).includes('/server/http'))
        .map((spec) => `${path.relative(root, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('route files stay thin: no database access of their own', () => {
    const routeFiles = files(path.join(root, 'server/features')).filter(isRouteFile);
    const offenders = routeFiles.filter((file) => importsOf(file).some((spec) => /db\/schema|drizzle-orm/.test(spec)));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
