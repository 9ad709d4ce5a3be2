import { eq, inArray } from 'drizzle-orm';
import type { AuditRefKind } from '../../../shared/audit-fields';
import type { AuditActorKind } from '../../../shared/contracts/audit';
import { householdLabel } from '../../../shared/domain/labels';
import {
  buildings,
  communities,
  districts,
  households,
  invitationCodes,
  jobs,
  memberships,
  notices,
  streets,
  users,
} from '../../db/schema';
import type { Tx } from '../../deps';

/**
 * Names for the objects of 操作记录, looked up in one query per kind for a whole page.
 * Only what a moderator may see: nicknames, rooms, the tail of a code; never a real name
 * or a phone (those live encrypted in memberships and are not read here).
 */
export type NameKind = AuditRefKind | 'membership' | 'community' | 'job' | 'notice';
export type NameMaps = Record<NameKind, Map<number, string>>;

export const invitationName = (code: string) => `尾号${code.slice(-4)}的邀请码`;

interface Person {
  nickname: string | null;
  username: string | null;
  openid: string | null;
  isAdmin: boolean;
}

/** Staff by their display name; residents by nickname (an emptied account says so). */
export function personName(u: Omit<Person, 'isAdmin'>): string {
  if (u.username !== null) return u.nickname ?? u.username;
  if (u.nickname) return u.nickname;
  return u.openid === null ? '已注销的居民' : '没有昵称的居民';
}

export function personKind(u: Person): AuditActorKind {
  if (u.isAdmin) return 'admin';
  return u.username !== null ? 'staff' : 'resident';
}

const personColumns = {
  nickname: users.nickname,
  username: users.username,
  openid: users.openid,
  isAdmin: users.isAdmin,
};

type Lookup = (db: Tx, ids: number[]) => Promise<Array<[number, string]>>;

const lookups: Record<NameKind, Lookup> = {
  household: async (db, ids) =>
    (
      await db
        .select({ id: households.id, buildingName: buildings.name, unit: households.unit, room: households.room })
        .from(households)
        .innerJoin(buildings, eq(buildings.id, households.buildingId))
        .where(inArray(households.id, ids))
    ).map((h) => [h.id, householdLabel(h)]),
  building: async (db, ids) =>
    (await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, ids))).map(
      (b) => [b.id, b.name],
    ),
  invitation: async (db, ids) =>
    (
      await db
        .select({
          id: invitationCodes.id,
          code: invitationCodes.code,
          buildingName: buildings.name,
          unit: households.unit,
          room: households.room,
        })
        .from(invitationCodes)
        .innerJoin(households, eq(households.id, invitationCodes.householdId))
        .innerJoin(buildings, eq(buildings.id, households.buildingId))
        .where(inArray(invitationCodes.id, ids))
    ).map((i) => [i.id, `${invitationName(i.code)} · ${householdLabel(i)}`]),
  user: async (db, ids) =>
    (
      await db
        .select({ id: users.id, ...personColumns })
        .from(users)
        .where(inArray(users.id, ids))
    ).map((u) => [u.id, personName(u)]),
  street: async (db, ids) =>
    (await db.select({ id: streets.id, name: streets.name }).from(streets).where(inArray(streets.id, ids))).map((s) => [
      s.id,
      s.name,
    ]),
  district: async (db, ids) =>
    (await db.select({ id: districts.id, name: districts.name }).from(districts).where(inArray(districts.id, ids))).map(
      (d) => [d.id, d.name],
    ),
  community: async (db, ids) =>
    (
      await db
        .select({ id: communities.id, name: communities.name })
        .from(communities)
        .where(inArray(communities.id, ids))
    ).map((c) => [c.id, c.name]),
  membership: async (db, ids) =>
    (
      await db
        .select({
          ...personColumns,
          id: memberships.id,
          role: memberships.role,
          buildingName: buildings.name,
          unit: households.unit,
          room: households.room,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(households, eq(households.id, memberships.householdId))
        .leftJoin(buildings, eq(buildings.id, households.buildingId))
        .where(inArray(memberships.id, ids))
    ).map((m) => {
      const who = personName(m);
      if (m.role === 'moderator') return [m.id, `${who}（社区管理员）`];
      const room =
        m.buildingName !== null && m.unit !== null && m.room !== null
          ? householdLabel({ buildingName: m.buildingName, unit: m.unit, room: m.room })
          : null;
      return [m.id, room ? `${who} · ${room}` : who];
    }),
  notice: async (db, ids) =>
    (await db.select({ id: notices.id, title: notices.title }).from(notices).where(inArray(notices.id, ids))).map(
      (n) => [n.id, `通知《${n.title}》`],
    ),
  job: async (db, ids) =>
    (await db.select({ id: jobs.id }).from(jobs).where(inArray(jobs.id, ids))).map((j) => [j.id, `后台任务${j.id}号`]),
};

const isNameKind = (kind: string): kind is NameKind => Object.hasOwn(lookups, kind);

/** The names of the given ids, one query per kind that has any. */
export async function lookupNames(db: Tx, wanted: Map<string, Set<number>>): Promise<NameMaps> {
  const maps = Object.fromEntries(Object.keys(lookups).map((k) => [k, new Map<number, string>()])) as NameMaps;
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      if (!isNameKind(kind) || ids.size === 0) return;
      for (const [id, name] of await lookups[kind](db, [...ids])) maps[kind].set(id, name);
    }),
  );
  return maps;
}
