import { sql } from 'drizzle-orm';
import { addDays } from '../../../shared/domain/office-hours';
import type { SignedIn } from '../../core/context';
import type { Tx } from '../../deps';
import { requireRenter, requireServedItem } from './access';
import { todayOf } from './views';

export interface CalendarDay {
  date: string;
  free: number;
}

/**
 * Lendable units of the item type free on each day of `[from, to)`, in one statement. A unit
 * is free on a day no hold of it covers (a booking with its cleaning days, an offer, a
 * maintenance block). The window's holds are read once through the exclusion constraint's
 * gist index (during &&, joined to the lendable units) and materialised, then counted per day:
 * without MATERIALIZED, PostgreSQL inlined them into a per-day subplan (60 index scans; ~12×
 * slower with 50 units and 10k holds).
 * The text never changes, so each connection prepares it once (docs/decisions/005).
 */
export async function freePerDay(
  tx: Tx,
  itemTypeId: number,
  from: string,
  to: string,
): Promise<{ units: number; days: CalendarDay[] }> {
  const rows = (await tx.execute(sql`
    with u as materialized (
      select id from rental_units
      where item_type_id = ${itemTypeId}
        and status <> 'retired' and condition not in ('needs_repair', 'scrapped')
    ), h as materialized (
      select h.unit_id, h.during from u
      join rental_holds h on h.unit_id = u.id and h.during && daterange(${from}::date, ${to}::date)
    )
    select to_char(g.ts, 'YYYY-MM-DD') as date,
      (select count(*) from u)::int as units,
      ((select count(*) from u) - count(distinct h.unit_id))::int as free
    from generate_series(${from}::date, ${to}::date - 1, interval '1 day') as g(ts)
    left join h on h.during @> g.ts::date
    group by g.ts
    order by g.ts`)) as unknown as Array<{ date: string; units: number; free: number }>;
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows;
  return {
    units: list.length ? Number(list[0].units) : 0,
    days: list.map((r) => ({ date: r.date, free: Number(r.free) })),
  };
}

/** GET …/rentals/items/:itemId/calendar: for a resident of a community the item's point serves. */
export async function getCalendar(
  ctx: SignedIn,
  communityId: number,
  itemId: number,
  query: { from?: string; days: number },
) {
  await requireRenter(ctx, communityId);
  const db = ctx.deps.database.db;
  const { item } = await requireServedItem(db, communityId, itemId);
  const from = query.from ?? todayOf(ctx.deps);
  return freePerDay(db, item.id, from, addDays(from, query.days).date);
}
