import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { RentalQuote, RentalSettlement } from '../../../shared/domain/rental-fee-types';
import {
  rentalBookingStatusLabels,
  rentalCategoryLabels,
  rentalConditionLabels,
  rentalEligibilityLabels,
  rentalUnitStatusLabels,
} from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import {
  buildings,
  communities,
  households,
  memberships,
  rentalBookings,
  rentalHolds,
  rentalItemTypes,
  rentalPoints,
  rentalUnits,
  users,
} from '../../db/schema';
import { addTable, newWorkbook, workbookFile } from '../../platform/xlsx';
import { requireRentalStaff } from './access';
import { todayOf } from './views';

/** 元 from fen, as a number the sheet shows with two decimals; empty when unknown. */
const yuanCell = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);
const MONEY = '0.00';

/**
 * Bookings made at the community's points (whatever community the renter is in), oldest start
 * first; `from`/`to` filter on the start date. Amounts come from the stored quote and receipt.
 */
export async function exportBookings(ctx: SignedIn, communityId: number, query: { from?: string; to?: string }) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select({
      b: rentalBookings,
      communityName: communities.name,
      building: buildings.name,
      unit: households.unit,
      room: households.room,
      nickname: users.nickname,
      realNameEnc: memberships.realNameEnc,
      itemName: rentalItemTypes.name,
      assetTag: rentalUnits.assetTag,
    })
    .from(rentalBookings)
    .innerJoin(rentalPoints, eq(rentalPoints.id, rentalBookings.pointId))
    .innerJoin(communities, eq(communities.id, rentalBookings.communityId))
    .innerJoin(households, eq(households.id, rentalBookings.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(rentalItemTypes, eq(rentalItemTypes.id, rentalBookings.itemTypeId))
    .leftJoin(rentalUnits, eq(rentalUnits.id, rentalBookings.unitId))
    .leftJoin(users, eq(users.id, rentalBookings.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, rentalBookings.userId), eq(memberships.communityId, rentalBookings.communityId)),
    )
    .where(
      and(
        eq(rentalPoints.communityId, communityId),
        query.from ? gte(rentalBookings.startOn, query.from) : undefined,
        query.to ? lte(rentalBookings.startOn, query.to) : undefined,
      ),
    )
    .orderBy(asc(rentalBookings.startOn), asc(rentalBookings.id));

  const workbook = newWorkbook();
  const money = (header: string, key: string) => ({ header, key, width: 12 });
  const sheet = addTable(workbook, '借用记录', [
    { header: '编号', key: 'id', width: 8 },
    { header: '社区', key: 'community', width: 16 },
    { header: '房屋', key: 'household', width: 18 },
    { header: '使用人', key: 'person', width: 16 },
    { header: '器具', key: 'item', width: 16 },
    { header: '资产编号', key: 'tag', width: 14 },
    { header: '开始', key: 'startOn', width: 12 },
    { header: '到期', key: 'endOn', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '补贴类别', key: 'eligibility', width: 10 },
    money('应付租金', 'payable'),
    money('押金', 'deposit'),
    money('收取租金', 'rentPaid'),
    money('收取押金', 'depositTaken'),
    { header: '逾期天数', key: 'overdueDays', width: 10 },
    money('逾期费', 'overdueFee'),
    money('赔偿', 'damage'),
    money('退还押金', 'refund'),
    money('仍需支付', 'owed'),
  ]);
  for (const key of ['payable', 'deposit', 'rentPaid', 'depositTaken', 'overdueFee', 'damage', 'refund', 'owed'])
    sheet.getColumn(key).numFmt = MONEY;
  const { cipher } = ctx.deps;
  for (const r of rows) {
    const b = r.b;
    const quote = b.quote as RentalQuote;
    const s = b.settlement as RentalSettlement | null;
    const booker = (r.realNameEnc ? cipher.decrypt(r.realNameEnc) : null) ?? r.nickname ?? '';
    sheet.addRow({
      id: b.id,
      community: r.communityName,
      household: [r.building, r.unit, r.room].filter(Boolean).join(' '),
      person: b.forName ? `${b.forName}（${b.forRelation}）` : booker,
      item: r.itemName,
      tag: r.assetTag ?? '',
      startOn: b.startOn,
      endOn: b.endOn,
      status: rentalBookingStatusLabels[b.status],
      eligibility: b.eligibility ? rentalEligibilityLabels[b.eligibility] : '',
      payable: yuanCell(quote.payableFen),
      deposit: yuanCell(quote.depositFen),
      rentPaid: yuanCell(b.rentPaidFen),
      depositTaken: yuanCell(b.depositTakenFen),
      overdueDays: s ? s.overdueDays : null,
      overdueFee: yuanCell(s?.overdueFeeFen),
      damage: yuanCell(s?.damageFen),
      refund: yuanCell(s?.refundFen),
      owed: yuanCell(s?.owedFen),
    });
  }
  const span = query.from || query.to ? `-${query.from ?? ''}至${query.to ?? ''}` : '';
  return workbookFile(workbook, `借用记录${span}.xlsx`);
}

/**
 * Every unit of the community's points with the booking holding it now or next (the earliest
 * booking or offer hold not yet over).
 */
export async function exportInventory(ctx: SignedIn, communityId: number) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const today = todayOf(ctx.deps);
  const units = await db
    .select({
      id: rentalUnits.id,
      pointName: rentalPoints.name,
      category: rentalItemTypes.category,
      itemName: rentalItemTypes.name,
      assetTag: rentalUnits.assetTag,
      condition: rentalUnits.condition,
      status: rentalUnits.status,
    })
    .from(rentalUnits)
    .innerJoin(rentalPoints, eq(rentalPoints.id, rentalUnits.pointId))
    .innerJoin(rentalItemTypes, eq(rentalItemTypes.id, rentalUnits.itemTypeId))
    .where(eq(rentalUnits.communityId, communityId))
    .orderBy(asc(rentalPoints.id), asc(rentalItemTypes.category), asc(rentalItemTypes.id), asc(rentalUnits.assetTag));
  const holds = await db
    .select({
      unitId: rentalHolds.unitId,
      during: rentalHolds.during,
      bookingId: rentalBookings.id,
      status: rentalBookings.status,
      startOn: rentalBookings.startOn,
      endOn: rentalBookings.endOn,
    })
    .from(rentalHolds)
    .innerJoin(rentalBookings, eq(rentalBookings.id, rentalHolds.bookingId))
    .innerJoin(rentalUnits, eq(rentalUnits.id, rentalHolds.unitId))
    .where(and(eq(rentalUnits.communityId, communityId), sql`upper(${rentalHolds.during}) > ${today}::date`))
    .orderBy(desc(sql`lower(${rentalHolds.during})`));
  const current = new Map<number, (typeof holds)[number]>();
  // Latest first, so the earliest of a unit is set last.
  for (const h of holds) current.set(h.unitId, h);

  const workbook = newWorkbook();
  const sheet = addTable(workbook, '器具清单', [
    { header: '服务点', key: 'point', width: 18 },
    { header: '类别', key: 'category', width: 10 },
    { header: '器具', key: 'item', width: 16 },
    { header: '资产编号', key: 'tag', width: 14 },
    { header: '状况', key: 'condition', width: 10 },
    { header: '状态', key: 'status', width: 10 },
    { header: '当前预约', key: 'booking', width: 36 },
  ]);
  for (const u of units) {
    const h = current.get(u.id);
    sheet.addRow({
      point: u.pointName,
      category: rentalCategoryLabels[u.category],
      item: u.itemName,
      tag: u.assetTag,
      condition: rentalConditionLabels[u.condition],
      status: rentalUnitStatusLabels[u.status],
      booking: h ? `${h.bookingId}号 ${rentalBookingStatusLabels[h.status]} ${h.startOn}至${h.endOn}` : '',
    });
  }
  return workbookFile(workbook, `器具清单-${today}.xlsx`);
}
