/**
 * 社区租赁 under contention (issue 11): 100 households book overlapping dates of a self-service
 * item with 3 units at the same moment, over HTTP. The database's exclusion constraint keeps holds
 * of a unit apart; every winner has a unit, every loser is told RENTAL_UNAVAILABLE with the windows
 * that are free, and was right to lose.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { households, rentalBookings, rentalHolds } from '../../server/db/schema';
import { rangeDays } from '../../server/features/rentals/holds';
import { todayOf } from '../../server/features/rentals/views';
import { addDays } from '../../shared/domain/office-hours';
import { daysBetween } from '../../shared/domain/rental-fees';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, resident } from '../helpers/fixtures';
import { rentalInconsistencies, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
const N = 100;
const BUFFER = 1;
let c: CommunityFixture;
let itemTypeId: number;
let units: number[];
let residents: { token: string; userId: number }[];

beforeAll(async () => {
  t.app.clock.set(new Date('2026-12-02T02:00:00Z'));
  c = await createCommunity(t.app, '抢订社区');
  const more = await t.app.database.db
    .insert(households)
    .values(
      Array.from({ length: N - c.householdIds.length }, (_, i) => ({
        communityId: c.id,
        buildingId: c.buildingId,
        unit: '2单元',
        room: String(1000 + i),
      })),
    )
    .returning({ id: households.id });
  c = { ...c, householdIds: [...c.householdIds, ...more.map((h) => h.id)] };
  ({ itemTypeId, unitIds: units } = await rentalSetup(t.app, c, {
    units: 3,
    item: { selfService: true, perHousehold: 1, bufferDays: BUFFER },
  }));
  residents = [];
  for (let i = 0; i < N; i += 20)
    residents.push(...(await Promise.all(Array.from({ length: 20 }, (_, k) => resident(t.app, c, i + k)))));
}, 120_000);

const day = (k: number) => addDays(todayOf(t.app.deps), k).date;

/** Start days a booking of `days` days (+ cleaning) could take on some unit, given the holds. */
function freeStarts(holds: { unitId: number; during: string }[], unitIds: number[], days: number): Set<string> {
  const today = todayOf(t.app.deps);
  const starts = new Set<string>();
  for (let d = 0; d < 60; d++) {
    const s = d;
    const e = d + days + BUFFER; // exclusive
    const free = unitIds.some((u) =>
      holds
        .filter((h) => h.unitId === u)
        .every((h) => {
          const r = rangeDays(h.during);
          const hs = daysBetween(today, r.startOn);
          const he = daysBetween(today, r.endOn) + 1;
          return e <= hs || he <= s;
        }),
    );
    if (free) starts.add(day(d));
  }
  return starts;
}

it('100 concurrent bookings of 3 units: no overlap, every winner has a unit, every loser is told what is free', async () => {
  // Starts over 10 days, 2 to 5 days long: heavily overlapping.
  const asks = residents.map((_, i) => {
    const start = 1 + (i % 10);
    const len = 2 + (i % 4);
    return { itemTypeId, startOn: day(start), endOn: day(start + len - 1), len };
  });
  const replies = await Promise.all(
    asks.map(({ len: _len, ...body }, i) =>
      t.app.call('POST', `/api/committees/${c.id}/rentals/bookings`, { token: residents[i].token, body }),
    ),
  );
  const statuses = replies.map((r) => r.status);
  expect(
    statuses.every((s) => s === 201 || s === 409),
    JSON.stringify(statuses),
  ).toBe(true);

  const won = replies.filter((r) => r.status === 201);
  for (const r of won) {
    expect(r.body.status).toBe('confirmed');
    expect(r.body.unitTag).toMatch(/^LY-/);
  }
  expect(await rentalInconsistencies(t.app)).toEqual([]);

  const db = t.app.database.db;
  const rows = await db.select().from(rentalBookings).where(eq(rentalBookings.itemTypeId, itemTypeId));
  // Losers' bookings were rolled back; every kept booking holds a unit.
  expect(rows).toHaveLength(won.length);
  expect(rows.every((b) => b.status === 'confirmed' && b.unitId !== null)).toBe(true);
  const holds = await db.select().from(rentalHolds).where(eq(rentalHolds.itemTypeId, itemTypeId));
  expect(holds).toHaveLength(won.length);

  // What 3 units can hold: every hold lies within [day 1, day 10 + 5 + cleaning) and takes ≥ 3 days.
  const span = 10 + 5 + BUFFER;
  expect(won.length).toBeGreaterThanOrEqual(3);
  expect(won.length).toBeLessThanOrEqual(3 * Math.floor(span / (2 + BUFFER)));
  // Each unit's holds are disjoint and add up to at most the span.
  for (const u of units) {
    const used = holds
      .filter((h) => h.unitId === u)
      .reduce((sum, h) => {
        const r = rangeDays(h.during);
        return sum + daysBetween(r.startOn, r.endOn) + 1;
      }, 0);
    expect(used).toBeLessThanOrEqual(span);
  }

  let losers = 0;
  replies.forEach((r, i) => {
    if (r.status !== 409) return;
    losers++;
    const ask = asks[i];
    expect(r.body.error.code).toBe('RENTAL_UNAVAILABLE');
    const free = r.body.error.details.free as { startOn: string; endOn: string }[];
    // Holds only grew after this reply: what is free now was free then, and the asked start was not.
    const nowFree = freeStarts(holds, units, ask.len);
    expect(nowFree.has(ask.startOn)).toBe(false);
    expect(nowFree.size).toBeGreaterThan(0);
    expect(free.length).toBeGreaterThan(0);
    const covered = (d: string) => free.some((f) => f.startOn <= d && d <= f.endOn);
    expect(covered(ask.startOn)).toBe(false);
    for (const d of nowFree) expect(covered(d), `${d} in ${JSON.stringify(free)}`).toBe(true);
  });
  expect(losers).toBe(N - won.length);
}, 120_000);
