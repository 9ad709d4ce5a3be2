/**
 * Runs once per `vitest run`: prepares a migrated database that every suite copies.
 * Embedded: a PGlite dump file. Real server (TEST_DATABASE_URL): a template database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    dbEngine: 'pglite' | 'postgres';
    pgliteDump: string;
    pgTemplateUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const template = `sqy_tpl_${process.pid}_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${template}`);
    const templateUrl = withDatabase(url, template);
    const db = await openDatabase({ url: templateUrl, max: 2 });
    await runMigrations(db);
    await db.close();
    project.provide('dbEngine', 'postgres');
    project.provide('pgTemplateUrl', templateUrl);
    project.provide('pgliteDump', '');
    return async () => {
      // Drop the template and any suite database a crashed run left behind.
      const leftovers = await admin<
        { datname: string }[]
      >`select datname from pg_database where datname like ${`sqy_t%_${process.pid}_%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sqy-test-'));
  const dump = path.join(dir, 'migrated.tar.gz');
  const db = await openDatabase({});
  await runMigrations(db);
  await db.dump(dump);
  await db.close();
  project.provide('dbEngine', 'pglite');
  project.provide('pgliteDump', dump);
  project.provide('pgTemplateUrl', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
