/**
 * 社区租赁 reports (docs/decisions/023-rentals.md): the availability calendar (cleaning days,
 * maintenance, retired and broken units), due and overdue reminders on a fake clock (once per
 * run, again after 7 days, only 08:00–21:00), utilisation per item type and month, the two
 * spreadsheets read back, and another community's callers.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages, rentalBookings, rentalUnits } from '../../server/db/schema';
import { holdForMaintenance, holdUnit } from '../../server/features/rentals/holds';
import { runReminders } from '../../server/features/rentals/reminders';
import type { RentalQuote, RentalSettlement } from '../../shared/domain/rental-fee-types';
import {
  rentalBookingStatusLabels,
  rentalConditionLabels,
  rentalEligibilityLabels,
  rentalUnitStatusLabels,
} from '../../shared/enums';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';
import { type RentalSetup, rentalSetup } from '../helpers/rentals';

const t = useTestApp();
let a: CommunityFixture;
let b: CommunityFixture;
let served: CommunityFixture;
let ra: { token: string; userId: number };
let rb: { token: string; userId: number };
let rs: { token: string; userId: number };
let mod: { token: string; userId: number };
let modB: { token: string; userId: number };

/** 10:00 on a China date. */
const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

beforeAll(async () => {
  t.app.clock.set(china('2026-12-01'));
  a = await createCommunity(t.app, '租赁报表社区');
  b = await createCommunity(t.app, '别的租赁社区');
  served = await createCommunity(t.app, '被服务的社区');
  ra = await resident(t.app, a);
  rb = await resident(t.app, b);
  rs = await resident(t.app, served);
  mod = await staff(t.app, { community: a });
  modB = await staff(t.app, { community: b });
});

const quoteOf = (over: Partial<RentalQuote> = {}): RentalQuote => ({
  feeKind: 'per_day',
  days: 4,
  periods: 0,
  rentFen: 2000,
  subsidyPercent: 0,
  subsidyFen: 0,
  payableFen: 2000,
  depositFen: 20000,
  upfrontFen: 22000,
  overdueFeePerDayFen: 500,
  ...over,
});

type BookingInsert = typeof rentalBookings.$inferInsert;

async function booking(s: RentalSetup, c: CommunityFixture, values: Partial<BookingInsert>) {
  const [row] = await t.app.database.db
    .insert(rentalBookings)
    .values({
      communityId: c.id,
      pointId: s.pointId,
      itemTypeId: s.itemTypeId,
      householdId: c.householdIds[0],
      userId: ra.userId,
      startOn: '2027-03-02',
      endOn: '2027-03-05',
      status: 'confirmed',
      quote: quoteOf(),
      ...values,
    })
    .returning();
  return row;
}

/** A booking with its hold (cleaning days after it), through holds.ts. */
async function heldBooking(s: RentalSetup, unitId: number, values: Partial<BookingInsert>, bufferDays = 1) {
  const row = await booking(s, a, { unitId, ...values });
  await t.app.database.db.transaction((tx) =>
    holdUnit(tx, unitId, {
      itemTypeId: s.itemTypeId,
      kind: row.status === 'offered' ? 'offer' : 'booking',
      bookingId: row.id,
      startOn: row.startOn,
      endOn: row.endOn,
      bufferDays,
      createdBy: null,
    }),
  );
  return row;
}

const maintenance = (s: RentalSetup, unitId: number, startOn: string, endOn: string) =>
  t.app.database.db.transaction((tx) =>
    holdForMaintenance(tx, { id: unitId, itemTypeId: s.itemTypeId }, startOn, endOn, '换轮胎', null),
  );

const setUnit = (id: number, values: Partial<typeof rentalUnits.$inferInsert>) =>
  t.app.database.db.update(rentalUnits).set(values).where(eq(rentalUnits.id, id));

describe('availability calendar', () => {
  it('counts lendable units free per day: cleaning days, maintenance and offers hold; retired and broken units do not count', async () => {
    const s = await rentalSetup(t.app, a, { units: 5, alsoServes: [served], item: { bufferDays: 1 } });
    const [u1, u2, u3, retired, broken] = s.unitIds;
    await setUnit(retired, { status: 'retired' });
    await setUnit(broken, { condition: 'needs_repair' });
    // Days 2–5 booked on u1, day 6 cleaning; u2 in maintenance days 4–5; u3 offered days 9–10.
    await heldBooking(s, u1, { startOn: '2027-03-02', endOn: '2027-03-05' });
    await maintenance(s, u2, '2027-03-04', '2027-03-05');
    await heldBooking(s, u3, { status: 'offered', startOn: '2027-03-09', endOn: '2027-03-10' }, 0);
    // A hold after the window changes nothing in it.
    await heldBooking(s, u3, { startOn: '2027-03-20', endOn: '2027-03-25' });

    const res = await t.app.call(
      'GET',
      `/api/committees/${a.id}/rentals/items/${s.itemTypeId}/calendar?from=2027-03-01&days=10`,
      {
        token: ra.token,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.units).toBe(3);
    expect(res.body.days).toEqual(
      [3, 2, 2, 1, 1, 2, 3, 3, 2, 2].map((free, i) => ({ date: `2027-03-${String(i + 1).padStart(2, '0')}`, free })),
    );

    // A resident of a community the point also serves sees the same; from defaults to today.
    const other = await t.app.call('GET', `/api/committees/${served.id}/rentals/items/${s.itemTypeId}/calendar`, {
      token: rs.token,
    });
    expect(other.status).toBe(200);
    expect(other.body.days).toHaveLength(60);
    expect(other.body.days[0]).toEqual({ date: '2026-12-01', free: 3 });

    // Retiring a unit takes it out of every day.
    await setUnit(u1, { status: 'retired' });
    const after = await t.app.call(
      'GET',
      `/api/committees/${a.id}/rentals/items/${s.itemTypeId}/calendar?from=2027-03-01&days=3`,
      {
        token: ra.token,
      },
    );
    expect(after.body).toEqual({
      units: 2,
      days: [
        { date: '2027-03-01', free: 2 },
        { date: '2027-03-02', free: 2 },
        { date: '2027-03-03', free: 2 },
      ],
    });
  });

  it('refuses a bad date or length', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const path = `/api/committees/${a.id}/rentals/items/${s.itemTypeId}/calendar`;
    expect((await t.app.call('GET', `${path}?from=2027-02-30`, { token: ra.token })).status).toBe(400);
    expect((await t.app.call('GET', `${path}?days=61`, { token: ra.token })).status).toBe(400);
  });
});

describe('reminders', () => {
  const sent = async (userId: number, bookingId: number, kind: string) =>
    (
      await t.app.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, userId), eq(messages.kind, kind)))
    ).filter((m) => m.link?.includes(`id=${bookingId}&`)).length;

  it('tells the renter once the day before the due date, however often the job runs', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const r = await resident(t.app, a, 1);
    t.app.clock.set(china('2026-12-01'));
    const due = await booking(s, a, {
      unitId: s.unitIds[0],
      userId: r.userId,
      householdId: a.householdIds[1],
      status: 'on_loan',
      startOn: '2026-11-25',
      endOn: '2026-12-02',
    });
    const later = await booking(s, a, {
      userId: r.userId,
      householdId: a.householdIds[1],
      unitId: s.unitIds[0],
      status: 'on_loan',
      startOn: '2026-11-25',
      endOn: '2026-12-03',
    });
    await runReminders(t.app.deps);
    await runReminders(t.app.deps);
    expect(await sent(r.userId, due.id, 'rental.due')).toBe(1);
    expect(await sent(r.userId, later.id, 'rental.due')).toBe(0);
    const [row] = await t.app.database.db.select().from(rentalBookings).where(eq(rentalBookings.id, due.id));
    expect(row.dueReminderAt?.toISOString()).toBe(china('2026-12-01').toISOString());

    // The next morning before 08:00 nobody is told; at 08:00 the second one is.
    t.app.clock.set(china('2026-12-02', '07:59'));
    await runReminders(t.app.deps);
    expect(await sent(r.userId, later.id, 'rental.due')).toBe(0);
    t.app.clock.set(china('2026-12-02', '08:00'));
    await runReminders(t.app.deps);
    expect(await sent(r.userId, later.id, 'rental.due')).toBe(1);
  });

  it('tells an overdue renter once, again after 7 days, never after 21:00', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const r = await resident(t.app, a, 2);
    t.app.clock.set(china('2026-12-01', '21:00'));
    const late = await booking(s, a, {
      unitId: s.unitIds[0],
      userId: r.userId,
      householdId: a.householdIds[2],
      status: 'on_loan',
      startOn: '2026-11-20',
      endOn: '2026-11-28',
    });
    await runReminders(t.app.deps);
    expect(await sent(r.userId, late.id, 'rental.overdue')).toBe(0);

    t.app.clock.set(china('2026-12-02', '09:00'));
    await runReminders(t.app.deps);
    await runReminders(t.app.deps);
    expect(await sent(r.userId, late.id, 'rental.overdue')).toBe(1);
    t.app.clock.set(china('2026-12-08', '20:59'));
    await runReminders(t.app.deps);
    expect(await sent(r.userId, late.id, 'rental.overdue')).toBe(1);
    t.app.clock.set(china('2026-12-09', '09:00'));
    await runReminders(t.app.deps);
    await runReminders(t.app.deps);
    expect(await sent(r.userId, late.id, 'rental.overdue')).toBe(2);

    // Returned: no more notices.
    await t.app.database.db
      .update(rentalBookings)
      .set({ status: 'returned', returnedOn: '2026-12-09' })
      .where(eq(rentalBookings.id, late.id));
    t.app.clock.set(china('2026-12-20', '09:00'));
    await runReminders(t.app.deps);
    expect(await sent(r.userId, late.id, 'rental.overdue')).toBe(2);
    t.app.clock.set(china('2026-12-01'));
  });
});

describe('utilisation', () => {
  it('held unit-days over service unit-days per item type, clipped to the month', async () => {
    const s = await rentalSetup(t.app, a, { units: 4, pointName: '利用率站' });
    const [u1, u2, u3, retired] = s.unitIds;
    await setUnit(retired, { status: 'retired' });
    const at = (iso: string) => new Date(iso);
    // February 2027: 28 days × 3 units = 84; u3 in maintenance 10th–14th (5 days) → 79 in service.
    await maintenance(s, u3, '2027-02-10', '2027-02-14');
    // u1 booked 30 Jan – 3 Feb + 1 cleaning day: 1–4 Feb held (4 days).
    await heldBooking(s, u1, { startOn: '2027-01-30', endOn: '2027-02-03', createdAt: at('2027-01-20T02:00:00Z') });
    // u2 offered 27 Feb – 3 Mar + 1: 27–28 Feb (2 days).
    await heldBooking(s, u2, {
      status: 'offered',
      startOn: '2027-02-27',
      endOn: '2027-03-03',
      createdAt: at('2027-02-20T02:00:00Z'),
    });
    // u2 returned 12 Feb, its hold gone: 10–12 Feb (3 days).
    await booking(s, a, {
      unitId: u2,
      status: 'returned',
      startOn: '2027-02-10',
      endOn: '2027-02-15',
      returnedOn: '2027-02-12',
      createdAt: at('2027-02-05T02:00:00Z'),
    });
    // Waiting: one made 1 Feb 01:00 China time (in February), one 1 Mar 01:00 China time.
    await booking(s, a, { status: 'waiting', createdAt: at('2027-01-31T17:00:00Z') });
    await booking(s, a, { status: 'waiting', createdAt: at('2027-02-28T17:00:00Z') });

    const res = await t.app.call('GET', `/api/committees/${a.id}/rental-admin/utilisation?month=2027-02`, {
      token: mod.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.month).toBe('2027-02');
    expect(res.body.items.find((i: { itemTypeId: number }) => i.itemTypeId === s.itemTypeId)).toEqual({
      itemTypeId: s.itemTypeId,
      name: '手动轮椅',
      category: 'wheelchair',
      units: 3,
      heldDays: 9,
      serviceDays: 79,
      percent: 11,
      bookings: 3,
      waiting: 2,
    });
    // March: u1 nothing, u2 offer 1–4 Mar (4 days) → 4 of 93.
    const march = await t.app.call('GET', `/api/committees/${a.id}/rental-admin/utilisation?month=2027-03`, {
      token: mod.token,
    });
    expect(march.body.items.find((i: { itemTypeId: number }) => i.itemTypeId === s.itemTypeId)).toMatchObject({
      heldDays: 4,
      serviceDays: 93,
      percent: 4,
      bookings: 1,
    });
    const now = await t.app.call('GET', `/api/committees/${a.id}/rental-admin/utilisation`, { token: mod.token });
    expect(now.body.month).toBe('2026-12');
    expect(
      (await t.app.call('GET', `/api/committees/${a.id}/rental-admin/utilisation?month=2027-13`, { token: mod.token }))
        .status,
    ).toBe(400);
  });
});

describe('spreadsheets', () => {
  const sheetOf = async (path: string, name: string) => {
    const res = await fetch(`${t.app.url}${path}`, { headers: { authorization: `Bearer ${mod.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet(name);
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  };

  it('bookings: Chinese headers, the renter or the member booked for, money in yuan from the quote and the receipt', async () => {
    const s = await rentalSetup(t.app, a, { units: 2, pointName: '导出站', alsoServes: [served] });
    const settlement: RentalSettlement = {
      dueOn: '2027-05-05',
      returnedOn: '2027-05-07',
      overdueDays: 2,
      overdueFeePerDayFen: 500,
      overdueFeeFen: 1000,
      rentFen: 2000,
      subsidyFen: 1000,
      payableRentFen: 1000,
      damageFen: 550,
      chargesFen: 2550,
      rentPaidFen: 1000,
      depositTakenFen: 20000,
      takenFen: 21000,
      refundFen: 18450,
      owedFen: 0,
      refundBy: '2027-05-12',
    };
    const returned = await booking(s, served, {
      userId: rs.userId,
      householdId: served.householdIds[0],
      unitId: s.unitIds[0],
      status: 'returned',
      forName: '王阿姨',
      forRelation: '母亲',
      eligibility: 'elderly',
      startOn: '2027-05-02',
      endOn: '2027-05-05',
      returnedOn: '2027-05-07',
      quote: quoteOf({ subsidyPercent: 50, subsidyFen: 1000, payableFen: 1000 }),
      rentPaidFen: 1000,
      depositTakenFen: 20000,
      settlement,
    });
    const pending = await booking(s, a, { status: 'pending', startOn: '2027-05-20', endOn: '2027-05-21' });
    await booking(s, a, { status: 'pending', startOn: '2027-07-01', endOn: '2027-07-02' });

    const rows = await sheetOf(
      `/api/committees/${a.id}/rental-admin/bookings.xlsx?from=2027-05-01&to=2027-05-31`,
      '借用记录',
    );
    expect(rows[0]).toEqual([
      '编号',
      '社区',
      '房屋',
      '使用人',
      '器具',
      '资产编号',
      '开始',
      '到期',
      '状态',
      '补贴类别',
      '应付租金',
      '押金',
      '收取租金',
      '收取押金',
      '逾期天数',
      '逾期费',
      '赔偿',
      '退还押金',
      '仍需支付',
    ]);
    const ofPoint = rows.slice(1).filter((r) => r[0] === returned.id || r[0] === pending.id);
    expect(rows.slice(1).every((r) => String(r[6]) >= '2027-05-01' && String(r[6]) <= '2027-05-31')).toBe(true);
    expect(ofPoint).toHaveLength(2);
    const [tag] = await t.app.database.db.select().from(rentalUnits).where(eq(rentalUnits.id, s.unitIds[0]));
    expect(ofPoint[0]).toEqual([
      returned.id,
      served.name,
      '1号楼 1单元 101',
      '王阿姨（母亲）',
      '手动轮椅',
      tag.assetTag,
      '2027-05-02',
      '2027-05-05',
      rentalBookingStatusLabels.returned,
      rentalEligibilityLabels.elderly,
      10,
      200,
      10,
      200,
      2,
      10,
      5.5,
      184.5,
      0,
    ]);
    // Not returned yet: no receipt columns; the booker's real name when not booked for someone.
    expect(ofPoint[1].slice(0, 4)).toEqual([pending.id, a.name, '1号楼 1单元 101', '测试居民']);
    expect(ofPoint[1][10]).toBe(20);
    expect(ofPoint[1].length).toBeLessThanOrEqual(12);
    const all = await sheetOf(`/api/committees/${a.id}/rental-admin/bookings.xlsx`, '借用记录');
    expect(all.some((r) => r[6] === '2027-07-01')).toBe(true);
  });

  it('inventory: every unit with its status and the booking holding it', async () => {
    const s = await rentalSetup(t.app, a, { units: 3, pointName: '清单站' });
    const [u1, , u3] = s.unitIds;
    await setUnit(u3, { status: 'retired', condition: 'scrapped' });
    const held = await heldBooking(s, u1, { startOn: '2027-06-01', endOn: '2027-06-05' });
    const rows = await sheetOf(`/api/committees/${a.id}/rental-admin/inventory.xlsx`, '器具清单');
    expect(rows[0]).toEqual(['服务点', '类别', '器具', '资产编号', '状况', '状态', '当前预约']);
    const mine = rows.filter((r) => r[0] === '清单站');
    expect(mine).toHaveLength(3);
    expect(mine[0]).toEqual([
      '清单站',
      '轮椅',
      '手动轮椅',
      `LY-${s.itemTypeId}-001`,
      rentalConditionLabels.good,
      rentalUnitStatusLabels.in_stock,
      `${held.id}号 ${rentalBookingStatusLabels.confirmed} 2027-06-01至2027-06-05`,
    ]);
    expect(mine[1].slice(3, 6)).toEqual([
      `LY-${s.itemTypeId}-002`,
      rentalConditionLabels.good,
      rentalUnitStatusLabels.in_stock,
    ]);
    expect(mine[1][6] ?? '').toBe('');
    expect(mine[2][5]).toBe(rentalUnitStatusLabels.retired);
  });
});

describe('another community', () => {
  it('gets 404 on every report route, resident and moderator alike', async () => {
    const s = await rentalSetup(t.app, a, { units: 1 });
    const routes = [
      `/api/committees/${a.id}/rentals/items/${s.itemTypeId}/calendar`,
      `/api/committees/${b.id}/rentals/items/${s.itemTypeId}/calendar`,
      `/api/committees/${a.id}/rental-admin/utilisation`,
      `/api/committees/${a.id}/rental-admin/bookings.xlsx`,
      `/api/committees/${a.id}/rental-admin/inventory.xlsx`,
    ];
    for (const path of routes)
      for (const who of [rb, modB])
        expect((await t.app.call('GET', path, { token: who.token })).status, path).toBe(404);
    // B's staff see only B's points: nothing of A's in B's figures.
    const figures = await t.app.call('GET', `/api/committees/${b.id}/rental-admin/utilisation`, { token: modB.token });
    expect(figures.body.items).toEqual([]);
    // A resident is not staff.
    expect((await t.app.call('GET', routes[2], { token: ra.token })).status).toBe(403);
  });
});
