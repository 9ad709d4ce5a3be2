import type { Tx } from '../deps';

/**
 * One drizzle prepared query per database handle (or transaction), so the SQL text of a
 * hot query is built once instead of on every request; drizzle spent about a quarter of
 * the server's CPU rebuilding it (docs/decisions/005-prepared-statements.md).
 */
export function preparedPer<T>(build: (db: Tx) => T): (db: Tx) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    let query = cache.get(db);
    if (!query) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
