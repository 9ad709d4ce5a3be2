import { Column, is, Placeholder, SQL } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Tx } from '../deps';
import { UNWRAPPED } from './client';

/** A drizzle select built with `sql.placeholder(...)` for its inputs, not yet prepared. */
interface SelectBuilder<Row> {
  toSQL(): { sql: string; params: unknown[] };
  prepare(name: string): { execute(values: Record<string, unknown>): Promise<Row[]> };
}

type Decode = (value: unknown) => unknown;
type Fields = Record<string, Column | SQL>;

/**
 * A hot read query: its SQL text is made by drizzle once, and it runs on every request
 * without drizzle in between. drizzle's prepared-query path (a tracer span, placeholder
 * filling, a query cache lookup and a generic row mapper per call) cost about 15 % of the
 * app's own CPU on the busiest routes (docs/decisions/010-per-request-cost.md).
 *
 * On the root database handle the statement goes straight to postgres.js
 * (`unsafe(text, params, { prepare: true }).values()`, prepared once per connection) and
 * each value is mapped by its column's own `mapFromDriverValue`, as drizzle does. Inside a
 * transaction (no `$client`) it falls back to drizzle's prepared query; both paths exist,
 * and tests/server/prepared.test.ts proves they give the same rows.
 *
 * `fields` must be flat (no nested objects): columns, or `sql` expressions without
 * `.mapWith` (their value is what the driver gives).
 */
export function hotSelect<F extends Fields, Row>(
  name: string,
  fields: F,
  build: (db: Tx, fields: F) => SelectBuilder<Row>,
) {
  const keys = Object.keys(fields);
  const decoders: Array<Decode | null> = Object.values(fields).map((field) => {
    if (is(field, Column)) return (value) => field.mapFromDriverValue(value);
    if (is(field, SQL)) return null;
    throw new Error(`${name}: a hot select takes columns and sql expressions only`);
  });
  const drizzlePrepared = new WeakMap<object, ReturnType<SelectBuilder<Row>['prepare']>>();
  /** The postgres.js client of a root handle (null: a transaction), found once per handle. */
  const clients = new WeakMap<object, postgres.Sql | null>();
  let compiled: { text: string; params: Array<(values: Record<string, unknown>) => unknown> } | undefined;

  function compile(db: Tx) {
    const { sql: text, params } = build(db, fields).toSQL();
    return {
      text,
      params: params.map((p) => (is(p, Placeholder) ? (values: Record<string, unknown>) => values[p.name] : () => p)),
    };
  }

  function mapRow(raw: unknown[]): Row {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = raw[i];
      const decode = decoders[i];
      row[keys[i]] = value === null || value === undefined ? null : decode ? decode(value) : value;
    }
    return row as Row;
  }

  return {
    async execute(db: Tx, values: Record<string, unknown>): Promise<Row[]> {
      let client = clients.get(db);
      if (client === undefined) {
        const wrapped = (db as { $client?: postgres.Sql & { [UNWRAPPED]?: postgres.Sql } }).$client;
        client = wrapped ? (wrapped[UNWRAPPED] ?? wrapped) : null;
        clients.set(db, client);
      }
      if (!client) {
        let query = drizzlePrepared.get(db);
        if (!query) {
          query = build(db, fields).prepare(name);
          drizzlePrepared.set(db, query);
        }
        return query.execute(values);
      }
      compiled ??= compile(db);
      const params = compiled.params.map((param) => param(values)) as postgres.ParameterOrJSON<never>[];
      const rows = (await client.unsafe(compiled.text, params, { prepare: true }).values()) as unknown as unknown[][];
      return rows.map(mapRow);
    },
  };
}
