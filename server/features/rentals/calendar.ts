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
 * maintenance block). The holds are reached through the exclusion constraint's gist index
 * (unit_id =, during &&): a nested loop per lendable unit, only the window's holds read.
 * The text never changes, so each connection prepares it once (docs/decisions/005).
 */
export async function freePerDay(
  tx: Tx,
  itemTypeId: number,
  from: string,
  to: string,
): Promise<{ units: number; days: CalendarDay[] }> {
  const rows = (await tx.execute(sql`
    with u as (
      select id from rental_units
      where item_type_id = ${itemTypeId}
        and status <> 'retired' and condition not in ('needs_repair', 'scrapped')
    ), h as (
      select h.unit_id, h.during from u
      join rental_holds h on h.unit_id = u.id and h.during && daterange(${from}::date, ${to}::date)
    )
    select to_char(g.ts, 'YYYY-MM-DD') as date,
      (select count(*) from u)::int as units,
      ((select count(*) from u) - (select count(distinct h.unit_id) from h where h.during @> g.ts::date))::int as free
    from generate_series(${from}::date, ${to}::date - 1, interval '1 day') as g(ts)
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
