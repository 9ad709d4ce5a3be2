/**
 * The bare handler's 社区租赁 routes (bench/bare.ts mounts them): the availability calendar of an
 * item type and a booking of a self-service item under contention, with the statements
 * server/features/rentals runs for them (access.ts requireServedItem, holds.ts holdFreeUnit and
 * freeRanges): the calendar is a series of days × the lendable units, anti-joined with their
 * holds; a booking counts the household's active bookings under a lock on the household, inserts
 * the booking, reads the candidate units and inserts the hold in a savepoint (the exclusion
 * constraint refusing it moves on to the next unit). The texts are written for the bench, not
 * captured from the app (its routes were written in parallel): compare them with PostgreSQL's
 * statement log when the two differ in the check.
 * Only the happy path the bench sends: an approved member booking for their own household, a
 * self-service item, pick-up, no waiting list; anything else answers 501.
 */
import type postgres from 'postgres';
import { addDays, chinaClock } from '../shared/domain/office-hours';
import type { RentalTerms } from '../shared/domain/rental-fee-types';
import { daysBetween, quote } from '../shared/domain/rental-fees';
import type { RentalFeeKind } from '../shared/enums';
import type { Query } from './bare-votes';

const ITEM_COLUMNS =
  'it.id, it.point_id, it.name, it.category, it.fee_kind, it.fee_fen, it.period_days, it.deposit_fen, it.subsidy_percent, it.subsidy_for, it.max_days, it.per_household, it.self_service, it.buffer_days, p.name, p.address, p.hours, p.phone';

export const RENTAL_SQL = {
  // access.ts requireServedItem: the item type, at a point serving the caller's community.
  item: `select ${ITEM_COLUMNS} from rental_item_types it join rental_points p on p.id = it.point_id join rental_point_communities pc on pc.point_id = it.point_id and pc.community_id = $2 where it.id = $1 and not it.hidden and p.archived_at is null`,
  // holds.ts lendable().
  lendable:
    "select id from rental_units where item_type_id = $1 and status not in ('retired') and condition not in ('needs_repair', 'scrapped')",
  // The calendar: units free per day, a unit busy on a day one of its holds contains.
  calendar:
    "with h as (select unit_id, during from rental_holds where unit_id = any($1::int[]) and during && daterange($2::date, $3::date)) select d::date::text, count(u.id)::int from generate_series($2::date, $3::date - 1, interval '1 day') d left join unnest($1::int[]) u(id) on not exists (select 1 from h where h.unit_id = u.id and h.during @> d::date) group by d order by d",
  // access.ts householdOf.
  household:
    'select household_id from memberships where user_id = $1 and community_id = $2 and status = $3 and household_id is not null',
  // The cap, counted under a lock on the household.
  lockHousehold: 'select id from households where id = $1 for update',
  cap: "select count(*)::int from rental_bookings where household_id = $1 and item_type_id = $2 and status in ('waiting', 'offered', 'pending', 'confirmed', 'on_loan')",
  insertBooking:
    'insert into rental_bookings (community_id, point_id, item_type_id, household_id, user_id, eligibility, start_on, end_on, handover, status, quote) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) returning id, version, created_at',
  // holds.ts holdFreeUnit: candidates with no overlapping hold, then the hold in a savepoint.
  candidates:
    "select id from rental_units u where u.item_type_id = $1 and u.status not in ('retired') and u.condition not in ('needs_repair', 'scrapped') and not exists (select 1 from rental_holds h where h.unit_id = u.id and h.during && $2::daterange) order by u.id",
  hold: "insert into rental_holds (unit_id, item_type_id, kind, booking_id, during, created_by) values ($1, $2, 'booking', $3, $4::daterange, $5)",
  assign: "update rental_bookings set unit_id = $1, status = 'confirmed' where id = $2",
  event: "insert into rental_unit_events (unit_id, booking_id, kind, actor_id) values ($1, $2, 'assigned', $3)",
  unitTag: 'select asset_tag from rental_units where id = $1',
  // holds.ts freeRanges: the lendable units' holds in the next 60 days.
  holdsIn:
    'select unit_id, lower(during)::text, (upper(during) - 1)::text from rental_holds where unit_id = any($1::int[]) and during && daterange($2::date, $3::date)',
} as const;

type Row = unknown[];
type Reply = [status: number, body: unknown];
const error = (status: number, code: string, message: string, details?: unknown): Reply => [
  status,
  { error: { code, message, ...(details ? { details } : {}) } },
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ints = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : String(v).replace(/[{}]/g, '').split(',').filter(Boolean);

const termsOf = (it: Row): RentalTerms => ({
  feeKind: it[4] as RentalFeeKind,
  feeFen: it[5] as number,
  periodDays: it[6] as number | null,
  depositFen: it[7] as number,
  subsidyPercent: it[8] as number,
  subsidyFor: ints(it[9]) as RentalTerms['subsidyFor'],
});

/** Start-date windows in which a booking of `need` days (cleaning included) fits on some unit. */
function windows(units: number[], holds: Row[], from: string, need: number, horizon = 60) {
  const startable = new Array<boolean>(horizon).fill(false);
  for (const u of units) {
    const busy = holds
      .filter((h) => h[0] === u)
      .map((h) => [daysBetween(from, h[1] as string), daysBetween(from, h[2] as string)] as const)
      .sort((a, b) => a[0] - b[0]);
    let cursor = 0;
    for (const [s, e] of [...busy, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const]) {
      const last = s === Number.MAX_SAFE_INTEGER ? horizon - 1 : s - need;
      for (let d = Math.max(cursor, 0); d <= Math.min(last, horizon - 1); d++) startable[d] = true;
      cursor = Math.max(cursor, e + 1);
    }
  }
  const out: Array<{ startOn: string; endOn: string }> = [];
  let open: number | null = null;
  for (let d = 0; d <= horizon; d++) {
    if (d < horizon && startable[d]) open ??= d;
    else if (open !== null) {
      out.push({ startOn: addDays(from, open).date, endOn: addDays(from, d - 1).date });
      open = null;
    }
  }
  return out;
}

class Refused extends Error {
  constructor(readonly reply: Reply) {
    super('refused');
  }
}

export interface RentalHandlers {
  calendar(communityId: number, itemId: number, search: URLSearchParams): Promise<Reply>;
  book(userId: number, communityId: number, body: unknown): Promise<Reply>;
}

export function createRentalHandlers(sql: postgres.Sql, prepare: boolean, q: Query): RentalHandlers {
  async function calendar(communityId: number, itemId: number, search: URLSearchParams): Promise<Reply> {
    const [item] = await q(RENTAL_SQL.item, [itemId, communityId]);
    if (!item) return error(404, 'NOT_FOUND', '没有找到这件器具');
    const from = search.get('from') ?? chinaClock(new Date()).date;
    const days = Number(search.get('days') ?? 60);
    if (!DATE.test(from) || !Number.isInteger(days) || days < 1 || days > 60)
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler takes valid dates only');
    const units = (await q(RENTAL_SQL.lendable, [itemId])).map((r) => r[0] as number);
    const rows = await q(RENTAL_SQL.calendar, [`{${units.join(',')}}`, from, addDays(from, days).date]);
    return [200, { units: units.length, days: rows.map((r) => ({ date: r[0], free: Number(r[1]) })) }];
  }

  async function book(userId: number, communityId: number, body: unknown): Promise<Reply> {
    const b = body as { itemTypeId?: unknown; startOn?: unknown; endOn?: unknown };
    if (!Number.isInteger(b?.itemTypeId) || !DATE.test(String(b.startOn)) || !DATE.test(String(b.endOn)))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler takes an item and two dates');
    const startOn = b.startOn as string;
    const endOn = b.endOn as string;
    const today = chinaClock(new Date()).date;
    try {
      return await sql.begin(async (tx) => {
        const t: Query = (text, params) => tx.unsafe(text, params as never, { prepare }).values() as never;
        const [item] = await t(RENTAL_SQL.item, [b.itemTypeId as number, communityId]);
        if (!item) return error(404, 'NOT_FOUND', '没有找到这件器具');
        if (!item[12]) return error(501, 'NOT_IMPLEMENTED', 'the bare handler books self-service items');
        const days = daysBetween(startOn, endOn) + 1;
        if (startOn < today || days < 1 || days > (item[10] as number))
          return error(422, 'RENTAL_DATES_INVALID', '日期不对');
        const [h] = await t(RENTAL_SQL.household, [userId, communityId, 'approved']);
        if (!h) return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members with a household');
        const householdId = h[0] as number;
        await t(RENTAL_SQL.lockHousehold, [householdId]);
        const [cap] = await t(RENTAL_SQL.cap, [householdId, item[0] as number]);
        if (Number(cap[0]) >= (item[11] as number)) return error(409, 'RENTAL_LIMIT', '您家借的已经到上限了');
        const q1 = quote(termsOf(item), startOn, endOn, null);
        const [row] = await t(RENTAL_SQL.insertBooking, [
          communityId,
          item[1] as number,
          item[0] as number,
          householdId,
          userId,
          null,
          startOn,
          endOn,
          'pickup',
          'pending',
          JSON.stringify(q1),
        ]);
        const during = `[${startOn},${addDays(endOn, 1 + (item[13] as number)).date})`;
        let unitId: number | null = null;
        for (const c of await t(RENTAL_SQL.candidates, [item[0] as number, during])) {
          try {
            await tx.savepoint(async (sp) => {
              await sp.unsafe(RENTAL_SQL.hold, [c[0], item[0], row[0], during, userId] as never, { prepare });
            });
            unitId = c[0] as number;
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '23P01') throw e;
          }
        }
        if (unitId === null) throw new Refused([409, null]);
        await t(RENTAL_SQL.assign, [unitId, row[0] as number]);
        await t(RENTAL_SQL.event, [unitId, row[0] as number, userId]);
        const [tag] = await t(RENTAL_SQL.unitTag, [unitId]);
        return [
          201,
          {
            id: row[0],
            communityId,
            itemTypeId: item[0],
            itemName: item[2],
            category: item[3],
            photoUrl: null,
            point: { id: item[1], name: item[14], address: item[15], hours: item[16], phone: item[17] },
            unitTag: tag[0],
            status: 'confirmed',
            forName: null,
            forRelation: null,
            eligibility: null,
            startOn,
            endOn,
            handover: 'pickup',
            deliveryAddress: null,
            note: null,
            reason: null,
            quote: q1,
            queuePosition: null,
            offerExpiresAt: null,
            checkedOutAt: null,
            returnedOn: null,
            settlement: null,
            overdueDays: 0,
            canCancel: true,
            canExtend: true,
            version: row[1],
            createdAt: new Date(row[2] as string).toISOString(),
          },
        ] as Reply;
      });
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
    }
    // Nothing free (the booking rolled back): what is free instead, as holds.ts freeRanges reads it.
    const [item] = await q(RENTAL_SQL.item, [b.itemTypeId as number, communityId]);
    const units = (await q(RENTAL_SQL.lendable, [b.itemTypeId as number])).map((r) => r[0] as number);
    const list = `{${units.join(',')}}`;
    const holds = await q(RENTAL_SQL.holdsIn, [list, today, addDays(today, 60).date]);
    const need = daysBetween(startOn, endOn) + 1 + (item[13] as number);
    return error(409, 'RENTAL_UNAVAILABLE', '这段时间没有空闲的了', { free: windows(units, holds, today, need) });
  }

  return { calendar, book };
}
