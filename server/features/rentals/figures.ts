import { sql } from 'drizzle-orm';
import type { RentalCategory } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { requireRentalStaff } from './access';
import { todayOf } from './views';

/** The first day of the month and of the next one: `[start, end)`. */
export function monthRange(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: `${month}-01`, end: `${next}-01` };
}

const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

/**
 * Use per item type of the community's points in a month (China dates). Units in service are
 * those not retired; service days are units × days of the month less the days maintenance
 * holds take; held days (of those units) are the unit-days bookings and offers hold (cleaning days included),
 * clipped to the month. A booking returned and whose hold is gone counts from its start to its
 * return. Bookings = made in the month; waiting = in the waiting list now.
 */
export async function rentalUtilisation(ctx: SignedIn, communityId: number, query: { month?: string }) {
  await requireRentalStaff(ctx, communityId);
  const month = query.month ?? todayOf(ctx.deps).slice(0, 7);
  const { start, end } = monthRange(month);
  const monthDays = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  const from = new Date(`${start}T00:00:00+08:00`);
  const until = new Date(`${end}T00:00:00+08:00`);
  const result = await ctx.deps.database.db.execute(sql`
    with m as (select daterange(${start}::date, ${end}::date) as r),
    t as (
      select i.id, i.name, i.category, i.point_id from rental_item_types i
      join rental_points p on p.id = i.point_id
      where p.community_id = ${communityId}
    ),
    u as (select r.id, r.item_type_id from rental_units r join t on t.id = r.item_type_id where r.status <> 'retired'),
    clipped as (
      select h.item_type_id, h.kind, h.unit_id,
        upper(h.during * m.r) - lower(h.during * m.r) as days
      from rental_holds h join u on u.id = h.unit_id cross join m
      where h.during && m.r
    ),
    returned as (
      select b.item_type_id,
        upper(daterange(b.start_on, b.returned_on + 1) * m.r) - lower(daterange(b.start_on, b.returned_on + 1) * m.r) as days
      from rental_bookings b join u on u.id = b.unit_id cross join m
      where b.status = 'returned' and b.returned_on >= b.start_on
        and daterange(b.start_on, b.returned_on + 1) && m.r
        and not exists (select 1 from rental_holds h where h.booking_id = b.id)
    )
    select t.id, t.name, t.category,
      (select count(*) from u where u.item_type_id = t.id)::int as units,
      (select coalesce(sum(c.days), 0) from clipped c
        where c.item_type_id = t.id and c.kind = 'maintenance')::int as maintenance,
      ((select coalesce(sum(c.days), 0) from clipped c where c.item_type_id = t.id and c.kind <> 'maintenance')
        + (select coalesce(sum(r.days), 0) from returned r where r.item_type_id = t.id))::int as held,
      (select count(*) from rental_bookings b where b.item_type_id = t.id
        and b.created_at >= ${from.toISOString()}::timestamptz and b.created_at < ${until.toISOString()}::timestamptz)::int as bookings,
      (select count(*) from rental_bookings b where b.item_type_id = t.id and b.status = 'waiting')::int as waiting
    from t order by t.point_id, t.category, t.id`);
  const rows = rowsOf<{
    id: number;
    name: string;
    category: RentalCategory;
    units: number;
    maintenance: number;
    held: number;
    bookings: number;
    waiting: number;
  }>(result);
  return {
    month,
    items: rows.map((r) => {
      const serviceDays = Math.max(0, Number(r.units) * monthDays - Number(r.maintenance));
      const heldDays = Number(r.held);
      return {
        itemTypeId: Number(r.id),
        name: r.name,
        category: r.category,
        units: Number(r.units),
        heldDays,
        serviceDays,
        percent: serviceDays > 0 ? Math.round((100 * heldDays) / serviceDays) : 0,
        bookings: Number(r.bookings),
        waiting: Number(r.waiting),
      };
    }),
  };
}
