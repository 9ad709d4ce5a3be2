/**
 * The bare handler's 社区租赁 routes (bench/bare.ts mounts them): the availability calendar of an
 * item type and a booking of a self-service item under contention. The statements are the app's
 * own (server/features/rentals calendar.ts, book.ts, holds.ts, access.ts, views.ts), their text
 * taken from PostgreSQL's statement log of a bench run (log_statement = all for the bench's
 * connections only) and sent in the same order with the same parameters; only the routing, the
 * checks and the reply are written by hand (no drizzle mapping, no zod).
 * Only the happy path the bench sends: an approved member booking for their own household, a
 * self-service item, pick-up, no waiting list; anything else answers 501.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { RENTAL_CALENDAR_DAYS } from '../shared/contracts/rentals';
import { addDays, chinaClock } from '../shared/domain/office-hours';
import type { RentalTerms } from '../shared/domain/rental-fee-types';
import { bookedDays, daysBetween, quote } from '../shared/domain/rental-fees';
import { canExtend, residentCanCancel } from '../shared/domain/rental-states';
import { activeRentalStatuses, type RentalFeeKind } from '../shared/enums';
import type { Query } from './bare-votes';

/** A statement drizzle expands per list element (`in ($1, $2, …)`), numbered from `from`. */
const list = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

export const RENTAL_SQL = {
  // calendar.ts freePerDay: the lendable units and the window's holds materialised once, counted per day.
  calendar: `
    with u as materialized (
      select id from rental_units
      where item_type_id = $1
        and status <> 'retired' and condition not in ('needs_repair', 'scrapped')
    ), h as materialized (
      select h.unit_id, h.during from u
      join rental_holds h on h.unit_id = u.id and h.during && daterange($2::date, $3::date)
    )
    select to_char(g.ts, 'YYYY-MM-DD') as date,
      (select count(*) from u)::int as units,
      ((select count(*) from u) - count(distinct h.unit_id))::int as free
    from generate_series($4::date, $5::date - 1, interval '1 day') as g(ts)
    left join h on h.during @> g.ts::date
    group by g.ts
    order by g.ts`,
  // access.ts requireServedItem: the item type and its point, at a point serving the community ($1), shown ($3 = false), point open.
  servedItem:
    'select "rental_item_types"."id", "rental_item_types"."point_id", "rental_item_types"."community_id", "rental_item_types"."category", "rental_item_types"."name", "rental_item_types"."specs", "rental_item_types"."suitable_for", "rental_item_types"."fee_kind", "rental_item_types"."fee_fen", "rental_item_types"."period_days", "rental_item_types"."deposit_fen", "rental_item_types"."subsidy_percent", "rental_item_types"."subsidy_for", "rental_item_types"."max_days", "rental_item_types"."per_household", "rental_item_types"."self_service", "rental_item_types"."buffer_days", "rental_item_types"."delivery", "rental_item_types"."hidden", "rental_item_types"."created_at", "rental_item_types"."updated_at", "rental_points"."id", "rental_points"."community_id", "rental_points"."name", "rental_points"."address", "rental_points"."hours", "rental_points"."phone", "rental_points"."delivers", "rental_points"."archived_at", "rental_points"."created_at" from "rental_item_types" inner join "rental_points" on "rental_points"."id" = "rental_item_types"."point_id" inner join "rental_point_communities" on ("rental_point_communities"."point_id" = "rental_points"."id" and "rental_point_communities"."community_id" = $1) where ("rental_item_types"."id" = $2 and "rental_item_types"."hidden" = $3 and "rental_points"."archived_at" is null)',
  // access.ts householdOf.
  household:
    'select "household_id" from "memberships" where ("memberships"."user_id" = $1 and "memberships"."community_id" = $2 and "memberships"."status" = $3)',
  // book.ts: the household row lock that serialises its bookings (the cap).
  lockHousehold: 'select "id" from "households" where "households"."id" = $1 for update',
  // book.ts: the household's active bookings of the item type ($3..$7 = activeRentalStatuses).
  cap: 'select count(*) from "rental_bookings" where ("rental_bookings"."household_id" = $1 and "rental_bookings"."item_type_id" = $2 and "rental_bookings"."status" in ($3, $4, $5, $6, $7))',
  // book.ts: the booking, pending until a unit is held.
  insertBooking:
    'insert into "rental_bookings" ("id", "community_id", "point_id", "item_type_id", "unit_id", "household_id", "user_id", "for_name", "for_relation", "eligibility", "start_on", "end_on", "handover", "delivery_address", "note", "status", "reason", "quote", "offer_expires_at", "checked_out_at", "checked_out_by", "rent_paid_fen", "deposit_taken_fen", "eligibility_verified", "returned_at", "returned_on", "returned_by", "damage_note", "settlement", "due_reminder_at", "overdue_notice_at", "version", "created_at", "updated_at") values (default, $1, $2, $3, default, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, default, $15, default, default, default, default, default, default, default, default, default, default, default, default, default, default, $16, $17) returning "id", "community_id", "point_id", "item_type_id", "unit_id", "household_id", "user_id", "for_name", "for_relation", "eligibility", "start_on", "end_on", "handover", "delivery_address", "note", "status", "reason", "quote", "offer_expires_at", "checked_out_at", "checked_out_by", "rent_paid_fen", "deposit_taken_fen", "eligibility_verified", "returned_at", "returned_on", "returned_by", "damage_note", "settlement", "due_reminder_at", "overdue_notice_at", "version", "created_at", "updated_at"',
  // holds.ts holdFreeUnit → unitFreeFor(item, during, today): lendable, no hold over the dates, not out on an overdue loan.
  candidates:
    'select "id" from "rental_units" where (("rental_units"."item_type_id" = $1 and "rental_units"."status" not in ($2) and "rental_units"."condition" not in ($3, $4)) and not exists (select 1 from "rental_holds" h where h.unit_id = "rental_units"."id" and h.during && $5::daterange) and not exists (select 1 from "rental_bookings" ob where ob.unit_id = "rental_units"."id" and ob.status = \'on_loan\' and ob.end_on < $6)) order by "rental_units"."id" asc',
  // holds.ts tryHold, in a savepoint.
  hold: 'insert into "rental_holds" ("id", "unit_id", "item_type_id", "kind", "booking_id", "during", "note", "created_by", "created_at") values (default, $1, $2, $3, $4, $5, default, $6, default)',
  // book.ts: confirmed with the held unit.
  assign:
    'update "rental_bookings" set "unit_id" = $1, "status" = $2 where "rental_bookings"."id" = $3 returning "id", "community_id", "point_id", "item_type_id", "unit_id", "household_id", "user_id", "for_name", "for_relation", "eligibility", "start_on", "end_on", "handover", "delivery_address", "note", "status", "reason", "quote", "offer_expires_at", "checked_out_at", "checked_out_by", "rent_paid_fen", "deposit_taken_fen", "eligibility_verified", "returned_at", "returned_on", "returned_by", "damage_note", "settlement", "due_reminder_at", "overdue_notice_at", "version", "created_at", "updated_at"',
  // book.ts unitEvent 'assigned'.
  event:
    'insert into "rental_unit_events" ("id", "unit_id", "booking_id", "kind", "condition", "note", "upload_ids", "actor_id", "at") values (default, $1, $2, $3, default, $4, default, $5, $6)',
  // audit/service recordAudit 'rental.book'.
  audit:
    'insert into "audit_log" ("id", "community_id", "actor_id", "action", "target_type", "target_id", "before", "after", "request_id", "created_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, default)',
  // views.ts firstPhotos (the bench seeds no photos).
  photos:
    'select "rental_item_photos"."item_type_id", "uploads"."id", "uploads"."community_id", "uploads"."uploaded_by", "uploads"."kind", "uploads"."file_key", "uploads"."thumb_key", "uploads"."name", "uploads"."byte_size", "uploads"."width", "uploads"."height", "uploads"."is_public", "uploads"."created_at", "uploads"."attached_at" from "rental_item_photos" inner join "uploads" on "uploads"."id" = "rental_item_photos"."upload_id" where "rental_item_photos"."item_type_id" in ($1) order by "rental_item_photos"."item_type_id" asc, "rental_item_photos"."position" asc',
  // views.ts bookingViews: the item types.
  items: 'select "id", "name", "category" from "rental_item_types" where "rental_item_types"."id" in ($1)',
  // views.ts bookingViews: the points.
  points: 'select "id", "name", "address", "hours", "phone" from "rental_points" where "rental_points"."id" in ($1)',
  // views.ts bookingViews: the asset tags.
  units: 'select "id", "asset_tag" from "rental_units" where "rental_units"."id" in ($1)',
  // holds.ts freeRanges: the lendable units.
  lendable:
    'select "id" from "rental_units" where ("rental_units"."item_type_id" = $1 and "rental_units"."status" not in ($2) and "rental_units"."condition" not in ($3, $4))',
  // holds.ts freeRanges: the holds of those units over the horizon (one placeholder per unit).
  holdsIn: (units: number) =>
    `select "unit_id", "during" from "rental_holds" where ("rental_holds"."unit_id" in (${list(units)}) and "rental_holds"."during" && $${units + 1}::daterange)`,
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
const LENDABLE = ['retired', 'needs_repair', 'scrapped'];

// Columns of RENTAL_SQL.servedItem: the item type's 21 (these), then the point's 9.
const I = { id: 0, pointId: 1, category: 3, name: 4, feeKind: 7, feeFen: 8, periodDays: 9, depositFen: 10 } as const;
const I2 = {
  subsidyPercent: 11,
  subsidyFor: 12,
  maxDays: 13,
  perHousehold: 14,
  selfService: 15,
  bufferDays: 16,
} as const;

const termsOf = (it: Row): RentalTerms => ({
  feeKind: it[I.feeKind] as RentalFeeKind,
  feeFen: it[I.feeFen] as number,
  periodDays: it[I.periodDays] as number | null,
  depositFen: it[I.depositFen] as number,
  subsidyPercent: it[I2.subsidyPercent] as number,
  subsidyFor: ints(it[I2.subsidyFor]) as RentalTerms['subsidyFor'],
});

/** holds.ts freeRanges' arithmetic: start-date windows in which a booking of `need` days fits on some unit. */
function windows(units: number[], holds: Row[], from: string, need: number, horizon = 60) {
  const startable = new Array<boolean>(horizon).fill(false);
  for (const u of units) {
    const busy = holds
      .filter((h) => h[0] === u)
      .map((h) => {
        const m = /^\[(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)$/.exec(String(h[1]));
        if (!m) throw new Error(`unexpected daterange ${h[1]}`);
        return [daysBetween(from, m[1]), daysBetween(from, addDays(m[2], -1).date)] as const;
      })
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

/** Thrown inside the transaction to roll it back with a reply. */
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
  // jsonb parameters: postgres.js stringifies them itself, unless drizzle swapped in a pass-through
  // serializer (the PGlite client bare shares with the app), which wants the JSON text.
  const serialize = (sql.options.serializers as Record<number, ((v: unknown) => unknown) | undefined>)[3802];
  const jsonb = (v: unknown) => (typeof serialize?.({}) === 'string' ? v : JSON.stringify(v));
  const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

  async function calendar(communityId: number, itemId: number, search: URLSearchParams): Promise<Reply> {
    const [item] = await q(RENTAL_SQL.servedItem, [communityId, itemId, false as never]);
    if (!item) return error(404, 'NOT_FOUND', '没有找到');
    const from = search.get('from') ?? chinaClock(new Date()).date;
    const days = Number(search.get('days') ?? RENTAL_CALENDAR_DAYS);
    if (!DATE.test(from) || !Number.isInteger(days) || days < 1 || days > RENTAL_CALENDAR_DAYS)
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler takes valid dates only');
    const to = addDays(from, days).date;
    const rows = await q(RENTAL_SQL.calendar, [item[I.id] as number, from, to, from, to]);
    return [
      200,
      { units: rows.length ? Number(rows[0][1]) : 0, days: rows.map((r) => ({ date: r[0], free: Number(r[2]) })) },
    ];
  }

  async function book(userId: number, communityId: number, body: unknown): Promise<Reply> {
    const b = body as { itemTypeId?: unknown; startOn?: unknown; endOn?: unknown; handover?: unknown };
    if (!Number.isInteger(b?.itemTypeId) || !DATE.test(String(b.startOn)) || !DATE.test(String(b.endOn)))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler takes an item and two dates');
    if (b.handover !== undefined && b.handover !== 'pickup')
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler books for pick-up');
    const itemTypeId = b.itemTypeId as number;
    const startOn = b.startOn as string;
    const endOn = b.endOn as string;
    const now = new Date();
    const today = chinaClock(now).date;
    try {
      return await sql.begin(async (tx) => {
        const t: Query = (text, params) => tx.unsafe(text, params as never, { prepare }).values() as never;
        const [item] = await t(RENTAL_SQL.servedItem, [communityId, itemTypeId, false as never]);
        if (!item) throw new Refused(error(404, 'NOT_FOUND', '没有找到'));
        if (!item[I2.selfService]) throw new Refused(error(501, 'NOT_IMPLEMENTED', 'self-service items only'));
        const maxDays = item[I2.maxDays] as number;
        if (startOn < today) throw new Refused(error(422, 'RENTAL_DATES_INVALID', '开始日期不能早于今天'));
        if (startOn > addDays(today, RENTAL_CALENDAR_DAYS).date)
          throw new Refused(error(422, 'RENTAL_DATES_INVALID', `只能预约${RENTAL_CALENDAR_DAYS}天以内开始的日期`));
        if (endOn < startOn) throw new Refused(error(422, 'RENTAL_DATES_INVALID', '归还日期不能早于开始日期'));
        if (bookedDays(startOn, endOn) > maxDays)
          throw new Refused(error(422, 'RENTAL_DATES_INVALID', `这件器具最长借${maxDays}天，请缩短日期`));
        const [h] = await t(RENTAL_SQL.household, [userId, communityId, 'approved']);
        if (!h?.[0]) throw new Refused(error(501, 'NOT_IMPLEMENTED', 'members with a household only'));
        const householdId = h[0] as number;
        await t(RENTAL_SQL.lockHousehold, [householdId]);
        const [cap] = await t(RENTAL_SQL.cap, [householdId, itemTypeId, ...activeRentalStatuses]);
        const perHousehold = item[I2.perHousehold] as number;
        if (Number(cap[0]) >= perHousehold)
          throw new Refused(error(409, 'RENTAL_LIMIT', `这件器具每户最多同时借${perHousehold}件，您家已经到上限了`));
        const q1 = quote(termsOf(item), startOn, endOn, null);
        const at = now.toISOString();
        const [row] = await t(RENTAL_SQL.insertBooking, [
          communityId,
          item[I.pointId] as number,
          itemTypeId,
          householdId,
          userId,
          null,
          null,
          null,
          startOn,
          endOn,
          'pickup',
          null,
          null,
          'pending',
          jsonb(q1) as never,
          at,
          at,
        ]);
        const bookingId = row[0] as number;
        const bufferDays = item[I2.bufferDays] as number;
        const during = `[${startOn},${addDays(endOn, 1 + bufferDays).date})`;
        let unitId: number | null = null;
        for (const c of await t(RENTAL_SQL.candidates, [itemTypeId, ...LENDABLE, during, today])) {
          try {
            await tx.savepoint(async (sp) => {
              await sp.unsafe(RENTAL_SQL.hold, [c[0], itemTypeId, 'booking', bookingId, during, userId] as never, {
                prepare,
              });
            });
            unitId = c[0] as number;
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '23P01') throw e;
          }
        }
        if (unitId === null) {
          // holds.ts freeRanges, still in the transaction (rolled back after): the windows from today.
          const units = (await t(RENTAL_SQL.lendable, [itemTypeId, ...LENDABLE])).map((r) => r[0] as number);
          let free: Array<{ startOn: string; endOn: string }> = [];
          if (units.length > 0) {
            const days = bookedDays(startOn, endOn);
            const to = addDays(today, RENTAL_CALENDAR_DAYS + days + bufferDays).date;
            const holds = await t(RENTAL_SQL.holdsIn(units.length), [...units, `[${today},${to})`]);
            free = windows(units, holds, today, days + bufferDays);
          }
          throw new Refused(
            error(
              409,
              'RENTAL_UNAVAILABLE',
              free.length > 0
                ? `这段时间没有空闲的了，${free[0].startOn}起有空，可以换个日期或排队等候`
                : '近期都没有空闲的了，可以排队等候',
              { free },
            ),
          );
        }
        const [done] = await t(RENTAL_SQL.assign, [unitId, 'confirmed', bookingId]);
        await t(RENTAL_SQL.event, [unitId, bookingId, 'assigned', null, userId, at]);
        await t(RENTAL_SQL.audit, [
          communityId,
          userId,
          'rental.book',
          'rental_booking',
          bookingId,
          null,
          jsonb({ status: 'confirmed', itemTypeId, startOn, endOn, unitId }) as never,
          randomUUID(),
        ]);
        // views.ts bookingViews: the four reads at once (no photos are seeded: photoUrl stays null).
        const [, items, points, tags] = await Promise.all([
          t(RENTAL_SQL.photos, [itemTypeId]),
          t(RENTAL_SQL.items, [itemTypeId]),
          t(RENTAL_SQL.points, [item[I.pointId] as number]),
          t(RENTAL_SQL.units, [unitId]),
        ]);
        const status = done[15] as 'confirmed';
        return [
          201,
          {
            id: bookingId,
            communityId,
            itemTypeId,
            itemName: items[0][1],
            category: items[0][2],
            photoUrl: null,
            point: {
              id: points[0][0],
              name: points[0][1],
              address: points[0][2],
              hours: points[0][3],
              phone: points[0][4],
            },
            unitTag: tags[0][1],
            status,
            forName: null,
            forRelation: null,
            eligibility: null,
            startOn,
            endOn,
            handover: 'pickup',
            deliveryAddress: null,
            note: null,
            reason: null,
            quote: parsed(done[17]),
            queuePosition: null,
            offerExpiresAt: null,
            checkedOutAt: null,
            returnedOn: null,
            settlement: null,
            overdueDays: 0,
            canCancel: residentCanCancel(status),
            canExtend: canExtend(status),
            version: done[31],
            createdAt: new Date(done[32] as string).toISOString(),
          },
        ] as Reply;
      });
    } catch (e) {
      if (e instanceof Refused) return e.reply;
      throw e;
    }
  }

  return { calendar, book };
}
