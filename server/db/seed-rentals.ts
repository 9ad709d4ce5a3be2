import { eq } from 'drizzle-orm';
import { addDays, chinaClock } from '../../shared/domain/office-hours';
import type { RentalTerms } from '../../shared/domain/rental-fee-types';
import { quote, settle } from '../../shared/domain/rental-fees';
import type { RentalBookingStatus, RentalCondition, RentalEligibility, RentalUnitEventKind } from '../../shared/enums';
import type { AppDeps, Tx } from '../deps';
import { holdForMaintenance, holdUnit, releaseHold } from '../features/rentals/holds';
import type { ProcessedFile } from '../platform/files';
import {
  rentalBookings,
  rentalItemPhotos,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnitEvents,
  rentalUnits,
  uploads,
} from './schema';
import type { BoardNeighbour } from './seed-board';

/*
 * The demo community's 社区租赁 (docs/decisions/023-rentals.md): its own 为老服务站 with wheelchairs,
 * walkers, nursing beds and a commode chair, and the street's 综合为老服务中心 (run by the same
 * committee, serving the neighbouring community too). Bookings in every state, one waiting list
 * (two households for the nursing bed, both units busy), holds written by holds.ts (so the
 * exclusion constraint checks them), unit statuses that follow the bookings, a unit event for
 * every movement, quotes by quote() and the receipt by settle(). Dates are relative to the
 * seed's clock (today's China date). Runs inside seedDemo's transaction (first run only).
 */

export interface RentalSeedInput {
  communityId: number;
  moderatorId: number;
  /** The demo resident first, then the other approved neighbours (seed.ts; at least 8). */
  people: BoardNeighbour[];
  /** Other communities the street's centre serves. */
  alsoServes: number[];
  /** rentalPictures(), processed: one per item type, in ITEMS order. */
  pictures: ProcessedFile[];
}

export const RENTAL_POINT_NAME = '梧桐里为老服务站';
export const RENTAL_CENTRE_NAME = '临江路街道综合为老服务中心';

type ItemSpec = Omit<typeof rentalItemTypes.$inferInsert, 'pointId' | 'communityId'> & {
  key: string;
  units: number;
  tag: string;
  centre?: boolean;
};

const ITEMS: ItemSpec[] = [
  {
    key: 'wheelchair',
    category: 'wheelchair',
    name: '手动轮椅',
    specs: '钢架折叠式，座宽46厘米，承重100公斤，重约15公斤',
    suitableFor: '腿脚不便、走不了远路的老人，或者摔伤后需要坐轮椅的人',
    feeKind: 'free',
    feeFen: 0,
    depositFen: 20_000,
    maxDays: 30,
    selfService: false,
    bufferDays: 1,
    units: 4,
    tag: 'LY',
  },
  {
    key: 'walker',
    category: 'walker',
    name: '助行器',
    specs: '铝合金四脚助行架，高度可调，可折叠',
    suitableFor: '能站起来、但走路不稳的老人',
    feeKind: 'per_day',
    feeFen: 200,
    depositFen: 10_000,
    maxDays: 30,
    selfService: true,
    bufferDays: 1,
    units: 3,
    tag: 'ZX',
  },
  {
    key: 'bed',
    category: 'nursing_bed',
    name: '护理床',
    specs: '手摇双摇护理床，带护栏和床垫，送货上门并安装',
    suitableFor: '长期卧床、起身困难的老人',
    feeKind: 'per_period',
    feeFen: 105_000,
    periodDays: 180,
    depositFen: 105_000,
    subsidyPercent: 50,
    subsidyFor: ['elderly', 'low_income', 'disabled'],
    maxDays: 360,
    selfService: false,
    bufferDays: 2,
    delivery: true,
    units: 2,
    tag: 'HL',
  },
  {
    key: 'commode',
    category: 'commode_chair',
    name: '坐便椅',
    specs: '带扶手，可放在床边使用',
    suitableFor: '起夜不方便、上厕所需要扶手的老人',
    feeKind: 'free',
    feeFen: 0,
    depositFen: 0,
    maxDays: 30,
    selfService: false,
    bufferDays: 1,
    units: 1,
    tag: 'ZB',
  },
  {
    key: 'oxygen',
    category: 'oxygen',
    name: '制氧机',
    specs: '家用3升制氧机，带雾化功能',
    suitableFor: '需要在家吸氧的老人（请遵医嘱使用）',
    feeKind: 'per_day',
    feeFen: 500,
    depositFen: 50_000,
    maxDays: 60,
    selfService: false,
    bufferDays: 2,
    delivery: true,
    units: 2,
    tag: 'ZY',
    centre: true,
  },
  {
    key: 'shower',
    category: 'shower_chair',
    name: '洗澡椅',
    specs: '铝合金防滑洗澡椅，带靠背',
    suitableFor: '洗澡时站不稳的老人',
    feeKind: 'free',
    feeFen: 0,
    depositFen: 5_000,
    maxDays: 30,
    selfService: true,
    bufferDays: 1,
    units: 3,
    tag: 'XZ',
    centre: true,
  },
];

/** One drawing per item type (shapes only: no fonts needed), in ITEMS order. */
export function rentalPictures(): string[] {
  const frame = (bg: string, inner: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600"><rect width="800" height="600" fill="${bg}"/><rect y="500" width="800" height="100" fill="#d7ccc8"/>${inner}</svg>`;
  const wheel = (cx: number, cy: number, r: number) =>
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#37474f" stroke-width="14"/><circle cx="${cx}" cy="${cy}" r="10" fill="#37474f"/>`;
  const bar = (x1: number, y1: number, x2: number, y2: number, c = '#607d8b', w = 16) =>
    `<path d="M${x1} ${y1} L${x2} ${y2}" stroke="${c}" stroke-width="${w}" stroke-linecap="round"/>`;
  const wheelchair = frame(
    '#e3f2fd',
    `${wheel(330, 400, 110)}${wheel(540, 470, 32)}<rect x="300" y="250" width="230" height="34" rx="10" fill="#1565c0"/><rect x="290" y="120" width="34" height="160" rx="10" fill="#1565c0"/>${bar(300, 120, 260, 100)}${bar(520, 280, 560, 440)}`,
  );
  const walker = frame(
    '#f1f8e9',
    `${bar(260, 160, 230, 500)}${bar(330, 160, 330, 500)}${bar(480, 160, 480, 500)}${bar(550, 160, 580, 500)}${bar(240, 160, 570, 160, '#8bc34a', 24)}${bar(260, 330, 550, 330)}`,
  );
  const bed = frame(
    '#fff8e1',
    `<rect x="120" y="300" width="560" height="60" rx="12" fill="#bcaaa4"/><path d="M150 300 L300 300 L360 220 L160 200 Z" fill="#ffe0b2"/><rect x="130" y="230" width="560" height="70" rx="20" fill="#fff3e0" stroke="#8d6e63" stroke-width="8"/>${bar(120, 360, 120, 500, '#5d4037')}${bar(680, 200, 680, 500, '#5d4037')}${bar(380, 200, 620, 200, '#90a4ae', 10)}${bar(380, 230, 620, 230, '#90a4ae', 10)}`,
  );
  const commode = frame(
    '#fce4ec',
    `<rect x="280" y="290" width="240" height="40" rx="14" fill="#ad1457"/><ellipse cx="400" cy="310" rx="70" ry="12" fill="#fce4ec"/>${bar(290, 330, 280, 500)}${bar(510, 330, 520, 500)}<rect x="300" y="140" width="200" height="150" rx="16" fill="#f48fb1"/>${bar(260, 250, 330, 250)}${bar(470, 250, 540, 250)}`,
  );
  const oxygen = frame(
    '#e0f7fa',
    `<rect x="290" y="140" width="220" height="360" rx="30" fill="#ffffff" stroke="#00838f" stroke-width="10"/><circle cx="400" cy="230" r="40" fill="#4dd0e1"/><rect x="340" y="310" width="120" height="20" rx="10" fill="#00838f"/><rect x="340" y="350" width="120" height="20" rx="10" fill="#00838f"/><path d="M510 200 q120 40 80 200" stroke="#80deea" stroke-width="10" fill="none"/>`,
  );
  const shower = frame(
    '#ede7f6',
    `<rect x="270" y="300" width="260" height="40" rx="14" fill="#7e57c2"/><rect x="280" y="170" width="240" height="90" rx="16" fill="#b39ddb"/>${bar(290, 340, 270, 500)}${bar(510, 340, 530, 500)}${bar(300, 260, 300, 300)}${bar(500, 260, 500, 300)}${Array.from({ length: 5 }, (_, i) => `<circle cx="${330 + i * 35}" cy="320" r="6" fill="#ede7f6"/>`).join('')}`,
  );
  return [wheelchair, walker, bed, commode, oxygen, shower];
}

const termsOf = (it: typeof rentalItemTypes.$inferSelect): RentalTerms => ({
  feeKind: it.feeKind,
  feeFen: it.feeFen,
  periodDays: it.periodDays,
  depositFen: it.depositFen,
  subsidyPercent: it.subsidyPercent,
  subsidyFor: it.subsidyFor,
});

interface BookingSpec {
  item: string;
  /** Index into the units of the item (for bookings that had a unit). */
  unit?: number;
  by: number;
  status: RentalBookingStatus;
  /** Days from today. */
  start: number;
  end: number;
  /** Booked (days from today) and the hour it was made. */
  bookedAt: number;
  agent?: { name: string; relation: string };
  eligibility?: RentalEligibility;
  delivery?: boolean;
  note?: string;
  reason?: string;
  /** Days from today, when the unit was assigned (confirmed / offered). */
  assignedAt?: number;
  /** Offered this many hours ago (offered: the offer is live for 24 h from then). */
  offeredHoursAgo?: number;
  /** on_loan / returned: the unit left at the start date. */
  returned?: { on: number; condition: RentalCondition; damageNote?: string; damageFen: number };
  released?: number;
}

/** Seeds both points, their stock, photos and bookings. */
export async function seedRentals(deps: AppDeps, tx: Tx, at: RentalSeedInput): Promise<void> {
  const now = deps.clock();
  const today = chinaClock(now).date;
  const day = (n: number) => addDays(today, n).date;
  /** A moment on the China date `n` days from today. */
  const moment = (n: number, hour = 10) => {
    const t = new Date(`${day(n)}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime();
    // Today's events happened already, whatever the hour the seed runs at.
    return new Date(n <= 0 ? Math.min(t, now.getTime() - (24 - hour) * 60_000) : t);
  };
  const staff = at.moderatorId;

  const [point] = await tx
    .insert(rentalPoints)
    .values({
      communityId: at.communityId,
      name: RENTAL_POINT_NAME,
      address: '梧桐路188弄1号 居委会一楼东侧',
      hours: '周一至周六 9:00-17:00',
      phone: '021-5555-0103',
      delivers: true,
      createdAt: moment(-120),
    })
    .returning();
  const [centre] = await tx
    .insert(rentalPoints)
    .values({
      communityId: at.communityId,
      name: RENTAL_CENTRE_NAME,
      address: '临江路街道临江路300号 综合为老服务中心二楼',
      hours: '周一至周五 8:30-16:30',
      phone: '021-5555-0110',
      delivers: true,
      createdAt: moment(-120),
    })
    .returning();
  await tx
    .insert(rentalPointCommunities)
    .values([
      { pointId: point.id, communityId: at.communityId },
      { pointId: centre.id, communityId: at.communityId },
      ...at.alsoServes.map((communityId) => ({ pointId: centre.id, communityId })),
    ]);

  const items = new Map<string, typeof rentalItemTypes.$inferSelect>();
  const units = new Map<string, number[]>();
  for (const [i, spec] of ITEMS.entries()) {
    const { key, units: n, tag, centre: atCentre, ...values } = spec;
    const p = atCentre ? centre : point;
    const [it] = await tx
      .insert(rentalItemTypes)
      .values({ ...values, pointId: p.id, communityId: at.communityId, createdAt: moment(-120) })
      .returning();
    items.set(key, it);
    const rows = await tx
      .insert(rentalUnits)
      .values(
        Array.from({ length: n }, (_, u) => ({
          itemTypeId: it.id,
          pointId: p.id,
          communityId: at.communityId,
          assetTag: `${tag}-${String(u + 1).padStart(3, '0')}`,
          condition: (u % 3 === 2 ? 'worn' : 'good') as RentalCondition,
          createdAt: moment(-120),
        })),
      )
      .returning({ id: rentalUnits.id, condition: rentalUnits.condition });
    units.set(
      key,
      rows.map((r) => r.id),
    );
    await tx.insert(rentalUnitEvents).values(
      rows.map((r) => ({
        unitId: r.id,
        kind: 'added' as const,
        condition: r.condition,
        actorId: staff,
        at: moment(-120),
      })),
    );
    const file = at.pictures[i];
    if (file) {
      const fileKey = await deps.files.store.put(file.file);
      const thumbKey = file.thumb ? await deps.files.store.put(file.thumb) : null;
      const [upload] = await tx
        .insert(uploads)
        .values({
          communityId: at.communityId,
          uploadedBy: staff,
          kind: file.kind,
          fileKey,
          thumbKey,
          name: `${it.name}.jpg`,
          byteSize: file.file.length,
          width: file.width,
          height: file.height,
          isPublic: false,
          createdAt: moment(-120),
          attachedAt: moment(-120),
        })
        .returning({ id: uploads.id });
      await tx.insert(rentalItemPhotos).values({ itemTypeId: it.id, uploadId: upload.id, position: 0 });
    }
  }

  const event = (
    unitId: number,
    kind: RentalUnitEventKind,
    when: Date,
    extra: { bookingId?: number; condition?: RentalCondition; note?: string } = {},
  ) => tx.insert(rentalUnitEvents).values({ unitId, kind, at: when, actorId: staff, ...extra });

  // The commode chair's only unit: waiting for a part since the day before yesterday.
  const [commode] = units.get('commode') ?? [];
  const commodeType = items.get('commode');
  if (commode && commodeType) {
    await holdForMaintenance(
      tx,
      { id: commode, itemTypeId: commodeType.id },
      day(-2),
      day(5),
      '扶手松动，等配件',
      staff,
    );
    await tx
      .update(rentalUnits)
      .set({ status: 'maintenance', condition: 'worn', note: '扶手松动，等配件', updatedAt: moment(-2) })
      .where(eqId(commode));
    await event(commode, 'maintenance', moment(-2, 11), { condition: 'worn', note: '扶手松动，等配件' });
  }

  const p = at.people;
  const mother = { name: '王阿婆', relation: '母亲' };
  // In time order of booking; a waiting list is oldest first.
  const specs: BookingSpec[] = [
    // Returned long ago: 李建国's wheelchair, on time, nothing to pay.
    {
      item: 'wheelchair',
      unit: 0,
      by: 1,
      status: 'returned',
      start: -50,
      end: -40,
      bookedAt: -52,
      assignedAt: -51,
      returned: { on: -40, condition: 'good', damageFen: 0 },
    },
    // The nursing bed on loan for 周国强's father (delivered, subsidised: checked at hand-over).
    {
      item: 'bed',
      unit: 0,
      by: 5,
      status: 'on_loan',
      start: -40,
      end: 139,
      bookedAt: -44,
      assignedAt: -42,
      agent: { name: '周老伯', relation: '父亲' },
      eligibility: 'elderly',
      delivery: true,
      note: '老人刚出院，麻烦装好后教一下怎么摇',
    },
    // The demo resident's mother's wheelchair: 3 days overdue.
    {
      item: 'wheelchair',
      unit: 3,
      by: 0,
      status: 'on_loan',
      start: -32,
      end: -3,
      bookedAt: -34,
      assignedAt: -33,
      agent: mother,
      eligibility: 'elderly',
      note: '妈妈摔了一跤，要坐一个月轮椅',
    },
    // The demo resident's walker: returned two days late, a foot pad torn (the receipt).
    {
      item: 'walker',
      unit: 1,
      by: 0,
      status: 'returned',
      start: -25,
      end: -16,
      bookedAt: -25,
      assignedAt: -25,
      returned: {
        on: -14,
        condition: 'worn',
        damageFen: 1_500,
        damageNote: '右后脚的橡胶脚垫磨破了，已换新的，收配件费15元',
      },
    },
    // An offer of the nursing bed 张桂兰 did not answer in 24 hours.
    {
      item: 'bed',
      unit: 1,
      by: 2,
      status: 'expired',
      start: -18,
      end: 161,
      bookedAt: -26,
      assignedAt: -20,
      released: -19,
      eligibility: 'low_income',
      delivery: true,
    },
    // 郑小军 cancelled a confirmed wheelchair: the unit was released.
    {
      item: 'wheelchair',
      unit: 2,
      by: 7,
      status: 'cancelled',
      start: -8,
      end: 5,
      bookedAt: -12,
      assignedAt: -11,
      released: -9,
      reason: '家里已经买了轮椅，不用借了',
    },
    // Refused: the point is closed on Sundays.
    {
      item: 'wheelchair',
      by: 6,
      status: 'rejected',
      start: -5,
      end: 2,
      bookedAt: -7,
      reason: '您选的那天是星期天，服务站不开门，请改在周一到周六来取',
    },
    // 李建国's walker: self-service, due tomorrow.
    {
      item: 'walker',
      unit: 0,
      by: 1,
      status: 'on_loan',
      start: -6,
      end: 1,
      bookedAt: -7,
      assignedAt: -7,
      eligibility: 'temporary',
      note: '脚扭伤了，借一个星期',
    },
    // 吴秀兰's nursing bed: confirmed, delivered in three days.
    {
      item: 'bed',
      unit: 1,
      by: 6,
      status: 'confirmed',
      start: 3,
      end: 182,
      bookedAt: -10,
      assignedAt: -8,
      eligibility: 'elderly',
      delivery: true,
    },
    // The waiting list for the nursing bed: both units are busy.
    {
      item: 'bed',
      by: 7,
      status: 'waiting',
      start: 7,
      end: 186,
      bookedAt: -5,
      eligibility: 'disabled',
      delivery: true,
      agent: { name: '郑老先生', relation: '父亲' },
    },
    // 孙丽萍 waited for a wheelchair; one came back and is offered to her for 24 hours.
    {
      item: 'wheelchair',
      unit: 1,
      by: 4,
      status: 'offered',
      start: 1,
      end: 10,
      bookedAt: -3,
      offeredHoursAgo: 4,
      eligibility: 'elderly',
    },
    {
      item: 'bed',
      by: 0,
      status: 'waiting',
      start: 10,
      end: 189,
      bookedAt: -2,
      agent: mother,
      eligibility: 'elderly',
      delivery: true,
      note: '妈妈以后起床困难，想先排上',
    },
    // 张桂兰's wheelchair: confirmed, picked up the day after tomorrow.
    { item: 'wheelchair', unit: 0, by: 2, status: 'confirmed', start: 2, end: 15, bookedAt: -1, assignedAt: 0 },
    // 赵德明's wheelchair: staff have not looked at it yet.
    {
      item: 'wheelchair',
      by: 3,
      status: 'pending',
      start: 5,
      end: 12,
      bookedAt: 0,
      eligibility: 'elderly',
      note: '带老伴去医院复查用',
    },
  ];

  for (const s of specs) await seedBooking(s);

  async function seedBooking(s: BookingSpec) {
    const it = items.get(s.item);
    if (!it) throw new Error(`seed-rentals: no item ${s.item}`);
    const unitId = s.unit === undefined ? null : (units.get(s.item)?.[s.unit] ?? null);
    const person = p[s.by];
    const terms = termsOf(it);
    const startOn = day(s.start);
    const endOn = day(s.end);
    const eligibility = s.eligibility ?? null;
    const q = quote(terms, startOn, endOn, eligibility);
    const booked = moment(s.bookedAt, 9);
    const holdsNow = ['offered', 'confirmed', 'on_loan', 'returned'].includes(s.status);
    const out = s.status === 'on_loan' || s.status === 'returned';
    const returnedOn = s.returned ? day(s.returned.on) : null;
    const taken = out ? { rentPaidFen: q.payableFen, depositTakenFen: q.depositFen } : null;
    const settlement =
      s.returned && returnedOn && taken
        ? settle({
            terms,
            startOn,
            endOn,
            eligibility,
            eligibilityVerified: eligibility !== null,
            rentPaidFen: taken.rentPaidFen,
            depositTakenFen: taken.depositTakenFen,
            returnedOn,
            damageFen: s.returned.damageFen,
          })
        : null;
    const offeredAt = s.offeredHoursAgo !== undefined ? new Date(now.getTime() - s.offeredHoursAgo * 3_600_000) : null;
    const [b] = await tx
      .insert(rentalBookings)
      .values({
        communityId: at.communityId,
        pointId: it.pointId,
        itemTypeId: it.id,
        unitId: holdsNow || s.status === 'cancelled' || s.status === 'expired' ? unitId : null,
        householdId: person.householdId,
        userId: person.userId,
        forName: s.agent?.name ?? null,
        forRelation: s.agent?.relation ?? null,
        eligibility,
        startOn,
        endOn,
        handover: s.delivery ? 'delivery' : 'pickup',
        deliveryAddress: s.delivery ? `梧桐路188弄${person.building}${person.room}室` : null,
        note: s.note ?? null,
        status: s.status,
        reason: s.reason ?? null,
        quote: q,
        offerExpiresAt: offeredAt ? new Date(offeredAt.getTime() + 24 * 3_600_000) : null,
        checkedOutAt: out ? moment(s.start, 10) : null,
        checkedOutBy: out ? staff : null,
        rentPaidFen: taken?.rentPaidFen ?? null,
        depositTakenFen: taken?.depositTakenFen ?? null,
        eligibilityVerified: out ? eligibility !== null : null,
        returnedAt: s.returned ? moment(s.returned.on, 15) : null,
        returnedOn,
        returnedBy: s.returned ? staff : null,
        damageNote: s.returned?.damageNote ?? null,
        settlement,
        createdAt: booked,
        updatedAt: booked,
      })
      .returning({ id: rentalBookings.id });
    if (unitId === null) return;
    const assigned = offeredAt ?? moment(s.assignedAt ?? s.bookedAt, 11);
    const hold = {
      itemTypeId: it.id,
      kind: s.status === 'offered' || s.status === 'expired' ? ('offer' as const) : ('booking' as const),
      bookingId: b.id,
      startOn,
      bufferDays: it.bufferDays,
      createdBy: s.status === 'offered' || s.status === 'expired' ? null : staff,
    };
    // The hold of a returned booking ends after the cleaning days that follow the return.
    await holdUnit(tx, unitId, { ...hold, endOn: returnedOn ?? endOn });
    await event(unitId, 'assigned', assigned, { bookingId: b.id });
    if (s.released !== undefined) {
      await releaseHold(tx, b.id);
      await event(unitId, 'released', moment(s.released, 12), { bookingId: b.id });
    }
    if (out) await event(unitId, 'checked_out', moment(s.start, 10), { bookingId: b.id, condition: 'good' });
    if (s.returned) {
      await event(unitId, 'checked_in', moment(s.returned.on, 15), {
        bookingId: b.id,
        condition: s.returned.condition,
        note: s.returned.damageNote,
      });
      await tx.update(rentalUnits).set({ condition: s.returned.condition }).where(eqId(unitId));
    }
    if (s.status === 'on_loan')
      await tx
        .update(rentalUnits)
        .set({ status: 'on_loan', updatedAt: moment(s.start, 10) })
        .where(eqId(unitId));
  }
}

const eqId = (id: number) => eq(rentalUnits.id, id);
