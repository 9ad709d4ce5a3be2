import { and, asc, eq, getTableColumns, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { CommitteeCard, CommitteeSummary } from '../../../shared/contracts/committees';
import { distanceMetres } from '../../../shared/domain/geo';
import { chinaClock, type OfficeState, officeState } from '../../../shared/domain/office-hours';
import { requireAllowed } from '../../auth/guards';
import type { Actor } from '../../auth/policy';
import type { ServiceContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { communities, communityStaff, districts, streets } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';

const summaryColumns = {
  id: communities.id,
  name: communities.name,
  districtName: districts.name,
  streetName: streets.name,
  address: communities.address,
  phone: communities.phone,
  lat: communities.lat,
  lng: communities.lng,
  officeHours: communities.officeHours,
};

type SummaryRow = {
  id: number;
  name: string;
  districtName: string;
  streetName: string;
  address: string;
  phone: string | null;
  lat: number | null;
  lng: number | null;
  officeHours: CommitteeCard['officeHours'];
};

interface Point {
  lat: number;
  lng: number;
}

const myCommunityIds = (actor: Actor | null) =>
  actor ? actor.memberships.filter((m) => m.status === 'approved').map((m) => m.communityId) : [];

function toSummary(row: SummaryRow, state: OfficeState, mine: number[], from?: Point): CommitteeSummary {
  // Field by field rather than a rest spread: this runs for every card and list row.
  return {
    id: row.id,
    name: row.name,
    districtName: row.districtName,
    streetName: row.streetName,
    address: row.address,
    phone: row.phone,
    lat: row.lat,
    lng: row.lng,
    distanceM:
      from && row.lat !== null && row.lng !== null ? distanceMetres(from, { lat: row.lat, lng: row.lng }) : null,
    officeStatus: state.status,
    isMine: mine.includes(row.id),
  };
}

function baseQuery(db: Tx) {
  return db
    .select(summaryColumns)
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .innerJoin(districts, eq(districts.id, streets.districtId));
}

/** Escapes LIKE wildcards so a search for "100%" means the text. */
const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function list(
  ctx: ServiceContext,
  query: { q?: string; streetId?: number; lat?: number; lng?: number; limit: number; offset: number },
) {
  const db = ctx.deps.database.db;
  const mine = myCommunityIds(ctx.actor);
  const where: SQL[] = [];
  if (query.q) {
    const pattern = likeText(query.q);
    where.push(
      or(ilike(communities.name, pattern), ilike(streets.name, pattern), ilike(districts.name, pattern)) as SQL,
    );
  }
  if (query.streetId) where.push(eq(streets.id, query.streetId));
  const from = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  const order: SQL[] = [];
  // "My committee" first for a resident.
  if (mine.length > 0) order.push(sql`(${communities.id} in (${sql.join(mine, sql`, `)})) desc`);
  if (from) {
    // Equirectangular approximation is enough to order; the exact distance is computed after.
    const k = Math.cos((from.lat * Math.PI) / 180);
    order.push(
      sql`(${communities.lat} is null)`,
      sql`power(${communities.lat} - ${from.lat}, 2) + power((${communities.lng} - ${from.lng}) * ${k}, 2)`,
    );
  } else {
    order.push(asc(districts.name), asc(streets.name));
  }
  order.push(asc(communities.name), asc(communities.id));
  const rows = await baseQuery(db)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.limit + 1)
    .offset(query.offset);
  const now = ctx.deps.clock();
  return {
    items: rows.slice(0, query.limit).map((r) => toSummary(r, officeState(r.officeHours, now), mine, from)),
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
  };
}

const cardSummary = hotSelect('committee_card', { ...summaryColumns, intro: communities.intro }, (db, fields) =>
  db
    .select(fields)
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .innerJoin(districts, eq(districts.id, streets.districtId))
    .where(eq(communities.id, sql.placeholder('communityId'))),
);

const staffOfCommunity = hotSelect('committee_staff', getTableColumns(communityStaff), (db, fields) =>
  db
    .select(fields)
    .from(communityStaff)
    .where(eq(communityStaff.communityId, sql.placeholder('communityId')))
    .orderBy(asc(communityStaff.sort), asc(communityStaff.id)),
);

export async function card(
  db: Tx,
  now: Date,
  communityId: number,
  actor: Actor | null,
  from?: Point,
): Promise<CommitteeCard> {
  const [found] = await cardSummary.execute(db, { communityId });
  if (!found) throw new AppError('NOT_FOUND');
  const row = found;
  const staff = await staffOfCommunity.execute(db, { communityId });
  const state = officeState(row.officeHours, now);
  const today = chinaClock(now).weekday;
  return {
    ...toSummary(row, state, myCommunityIds(actor), from),
    intro: row.intro,
    officeHours: row.officeHours,
    todayPeriods: state.today,
    officeNote: state.note,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      title: s.title,
      phone: s.publicPhone,
      dutyWeekdays: s.dutyWeekdays,
      onDutyToday: s.dutyWeekdays.includes(today) && state.status !== 'day_off',
    })),
  };
}

export function getCard(ctx: ServiceContext, communityId: number, query: { lat?: number; lng?: number }) {
  const from = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  return card(ctx.deps.database.db, ctx.deps.clock(), communityId, ctx.actor, from);
}

export interface CardPatch {
  name?: string;
  address?: string;
  phone?: string | null;
  lat?: number | null;
  lng?: number | null;
  intro?: string;
  officeHours?: CommitteeCard['officeHours'];
  staff?: Array<{ name: string; title: string; phone: string | null; dutyWeekdays: number[] }>;
}

export async function update(ctx: ServiceContext, communityId: number, patch: CardPatch): Promise<CommitteeCard> {
  const { deps, actor } = ctx;
  requireAllowed(actor, 'update:committee', { communityId });
  const db = deps.database.db;
  await audited(ctx, 'committee.update', async (tx) => {
    const [before] = await tx.select().from(communities).where(eq(communities.id, communityId)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const { staff, ...fields } = patch;
    const changedBefore: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as Array<keyof typeof fields>) changedBefore[key] = before[key];
    if (Object.keys(fields).length > 0) {
      try {
        await tx
          .update(communities)
          .set({ ...fields, updatedAt: deps.clock() })
          .where(eq(communities.id, communityId));
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('DUPLICATE', '同一街道已有同名的居委会');
        throw error;
      }
    }
    if (staff) {
      const old = await tx.select().from(communityStaff).where(eq(communityStaff.communityId, communityId));
      changedBefore.staff = old.map((s) => ({ name: s.name, title: s.title }));
      await tx.delete(communityStaff).where(eq(communityStaff.communityId, communityId));
      if (staff.length > 0) {
        await tx.insert(communityStaff).values(
          staff.map((s, i) => ({
            communityId,
            name: s.name,
            title: s.title,
            publicPhone: s.phone,
            dutyWeekdays: [...new Set(s.dutyWeekdays)].sort(),
            sort: i,
          })),
        );
      }
    }
    return {
      result: null,
      audit: {
        communityId,
        targetId: communityId,
        before: changedBefore,
        after: { ...fields, ...(staff ? { staff: staff.map((s) => ({ name: s.name, title: s.title })) } : {}) },
      },
    };
  });
  return card(db, deps.clock(), communityId, actor);
}

export async function listDistricts(db: Tx) {
  const ds = await db.select().from(districts).orderBy(asc(districts.name));
  const ss = ds.length
    ? await db
        .select()
        .from(streets)
        .where(
          inArray(
            streets.districtId,
            ds.map((d) => d.id),
          ),
        )
        .orderBy(asc(streets.name))
    : [];
  return {
    items: ds.map((d) => ({
      id: d.id,
      name: d.name,
      streets: ss.filter((s) => s.districtId === d.id).map((s) => ({ id: s.id, name: s.name })),
    })),
  };
}
