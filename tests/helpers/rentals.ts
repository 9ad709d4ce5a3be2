import { eq, sql } from 'drizzle-orm';
import {
  rentalBookings,
  rentalHolds,
  rentalItemTypes,
  rentalPointCommunities,
  rentalPoints,
  rentalUnits,
} from '../../server/db/schema';
import type { TestApp } from './app';
import type { CommunityFixture } from './fixtures';

export interface RentalSetup {
  pointId: number;
  itemTypeId: number;
  unitIds: number[];
}

/**
 * A service point run by `community` (serving it and `alsoServes`), one item type and `units`
 * units in stock, inserted directly. Terms default to a free loan of up to 30 days.
 */
export async function rentalSetup(
  app: TestApp,
  community: CommunityFixture,
  opts: {
    units?: number;
    alsoServes?: CommunityFixture[];
    item?: Partial<typeof rentalItemTypes.$inferInsert>;
    pointName?: string;
  } = {},
): Promise<RentalSetup> {
  const db = app.database.db;
  const [p] = await db
    .insert(rentalPoints)
    .values({
      communityId: community.id,
      name: opts.pointName ?? `${community.name}辅具站`,
      address: `${community.name}活动室`,
      hours: '周一至周五 9:00-17:00',
      phone: '021-5555666',
    })
    .returning();
  await db
    .insert(rentalPointCommunities)
    .values([community, ...(opts.alsoServes ?? [])].map((c) => ({ pointId: p.id, communityId: c.id })));
  const [it] = await db
    .insert(rentalItemTypes)
    .values({
      pointId: p.id,
      communityId: community.id,
      category: 'wheelchair',
      name: '手动轮椅',
      feeKind: 'free',
      ...opts.item,
    })
    .returning();
  const n = opts.units ?? 3;
  const units =
    n > 0
      ? await db
          .insert(rentalUnits)
          .values(
            Array.from({ length: n }, (_, i) => ({
              itemTypeId: it.id,
              pointId: p.id,
              communityId: community.id,
              assetTag: `LY-${it.id}-${String(i + 1).padStart(3, '0')}`,
            })),
          )
          .returning({ id: rentalUnits.id })
      : [];
  return { pointId: p.id, itemTypeId: it.id, unitIds: units.map((u) => u.id) };
}

/**
 * What must always hold (issue 11, "a unit's status and its bookings never disagree"): a unit is
 * on_loan iff exactly one booking of it is on_loan; every booking that holds a unit (offered,
 * confirmed, on_loan) has exactly one hold on that unit covering its dates; no two holds of a unit
 * overlap. Returns the problems found (empty when consistent).
 */
export async function rentalInconsistencies(app: TestApp): Promise<string[]> {
  const db = app.database.db;
  const problems: string[] = [];
  const units = await db.select().from(rentalUnits);
  const bookings = await db.select().from(rentalBookings);
  const holds = await db.select().from(rentalHolds);
  for (const u of units) {
    const out = bookings.filter((b) => b.unitId === u.id && b.status === 'on_loan');
    if (out.length > 1) problems.push(`unit ${u.id}: ${out.length} bookings on loan`);
    if ((u.status === 'on_loan') !== (out.length === 1))
      problems.push(`unit ${u.id}: status ${u.status} but ${out.length} booking(s) on loan`);
  }
  for (const b of bookings) {
    if (!['offered', 'confirmed', 'on_loan'].includes(b.status)) continue;
    const own = holds.filter((h) => h.bookingId === b.id);
    if (own.length !== 1 || own[0].unitId !== b.unitId)
      problems.push(`booking ${b.id} (${b.status}): ${own.length} hold(s), unit ${b.unitId}`);
    else if (own[0].during.slice(1, 11) !== b.startOn)
      problems.push(`booking ${b.id}: hold ${own[0].during} does not start on ${b.startOn}`);
  }
  const rows = (await db.execute(
    sql`select count(*)::int as overlaps from rental_holds a join rental_holds b
          on a.unit_id = b.unit_id and a.id < b.id and a.during && b.during`,
  )) as unknown as Array<{ overlaps: number }>;
  const overlaps = rows[0]?.overlaps ?? 0;
  if (overlaps > 0) problems.push(`${overlaps} overlapping hold pair(s)`);
  return problems;
}

export const bookingRow = async (app: TestApp, id: number) =>
  (await app.database.db.select().from(rentalBookings).where(eq(rentalBookings.id, id)))[0];
