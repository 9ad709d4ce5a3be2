import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../server/db/schema';
import { erasureOrder, notPersonal, personalData } from '../../server/features/privacy/registry';
import { myDataReply } from '../../shared/contracts/privacy';

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/** Tables with a foreign key to users, and users itself. */
function tablesAboutPeople(): string[] {
  const usersName = getTableConfig(schema.users).name;
  return tables
    .filter((table) => {
      const config = getTableConfig(table);
      if (config.name === usersName) return true;
      return config.foreignKeys.some((fk) => getTableConfig(fk.reference().foreignTable).name === usersName);
    })
    .map((table) => getTableConfig(table).name)
    .sort();
}

describe('personal-data registry', () => {
  it('finds the tables of the schema', () => {
    expect(tables.length).toBeGreaterThan(5);
    expect(tablesAboutPeople()).toContain('memberships');
  });

  it('declares or exempts, with a reason, every table that points at a user', () => {
    const declared = Object.values(personalData).map((entry) => getTableConfig(entry.table).name);
    const exempt = notPersonal.map((entry) => getTableConfig(entry.table).name);
    for (const entry of notPersonal) expect(entry.why.length).toBeGreaterThan(10);
    expect(declared.filter((name) => exempt.includes(name))).toEqual([]);
    const missing = tablesAboutPeople().filter((name) => !declared.includes(name) && !exempt.includes(name));
    expect(missing, 'tables holding a user id that neither export nor delete knows about').toEqual([]);
  });

  it('lists each declared column on its own table', () => {
    for (const entry of Object.values(personalData)) {
      const own = getTableConfig(entry.table).columns;
      for (const column of entry.columns) expect(own).toContain(column);
    }
  });

  it('erases every section exactly once, and the copy has a section for each declaration', () => {
    expect([...erasureOrder].sort()).toEqual(Object.keys(personalData).sort());
    const sections = Object.keys(myDataReply.shape).filter((k) => k !== 'exportedAt');
    expect(sections.sort()).toEqual(Object.keys(personalData).sort());
  });
});
