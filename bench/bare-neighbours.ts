/**
 * The bare handler's 找邻居 directory (bench/bare.ts mounts it): GET …/neighbours?tag=… or
 * ?buildingId=… for an approved member, the statements of server/features/neighbours/directory.ts
 * listNeighbours (and access.ts requireNeighbour) sent in the same order with the same parameters:
 * the community, the caller's membership and building, their nickname, the page (limit + 1, 同楼
 * first, then newest), the daily allowance in a transaction (insert … on conflict do nothing,
 * the row for update, the update), and the contacts with the page's owners. Only the routing,
 * the checks and the reply are written by hand; the reply is shownCard's, as the app's.
 * Only the happy path the bench sends (no cursor, no name search, no avatars); anything else 501.
 */
import type postgres from 'postgres';
import { NEIGHBOUR_DAILY_CARDS, NEIGHBOUR_PAGE_MAX } from '../shared/contracts/neighbours';
import { type CardFacts, shownCard } from '../shared/domain/neighbour-card';
import { contactView } from '../shared/domain/neighbour-contact';
import type { NeighbourContactState } from '../shared/enums';
import type { Query } from './bare-votes';

/**
 * selectCards' columns and joins (views.ts) and shownTo's conditions (directory.ts). The texts
 * below are the app's, as PostgreSQL's statement log showed them (log_statement = all on the
 * bench's own connections, 2026-12-02, nb-cards' directory.ts of that hour).
 */
const cardSelect = `select "neighbour_cards"."id", "neighbour_cards"."community_id", "neighbour_cards"."user_id", "neighbour_cards"."listed", "neighbour_cards"."state", "neighbour_cards"."display_name", "neighbour_cards"."show_name", "neighbour_cards"."show_avatar", "neighbour_cards"."show_building", "neighbour_cards"."show_room", "neighbour_cards"."intro", "neighbour_cards"."show_intro", "neighbour_cards"."tags", "neighbour_cards"."show_tags", "neighbour_cards"."hidden_tags", "neighbour_cards"."can_help", "neighbour_cards"."need_help", "neighbour_cards"."show_help", "neighbour_cards"."serve", "neighbour_cards"."building_id", "buildings"."name", "households"."unit", "households"."room", "uploads"."thumb_key", "uploads"."file_key", "uploads"."is_public" from "neighbour_cards" left join "households" on "households"."id" = "neighbour_cards"."household_id" left join "buildings" on "buildings"."id" = "households"."building_id" left join "uploads" on "uploads"."id" = "neighbour_cards"."avatar_upload_id"`;
const shownTo = `"neighbour_cards"."community_id" = $1 and "neighbour_cards"."listed" = $2 and "neighbour_cards"."state" = $3 and "neighbour_cards"."user_id" <> $4 and exists (select 1 from "memberships" where "memberships"."community_id" = "neighbour_cards"."community_id"
  and "memberships"."user_id" = "neighbour_cards"."user_id" and "memberships"."status" = 'approved') and not exists (select 1 from "neighbour_blocks" where "neighbour_blocks"."community_id" = "neighbour_cards"."community_id"
  and (("neighbour_blocks"."blocker_id" = $5 and "neighbour_blocks"."blocked_id" = "neighbour_cards"."user_id")
    or ("neighbour_blocks"."blocker_id" = "neighbour_cards"."user_id" and "neighbour_blocks"."blocked_id" = $6)))`;
/** sameFlag for a viewer with a building ($n). */
const same = (n: number) =>
  `(case when "neighbour_cards"."show_building" and "neighbour_cards"."building_id" = $${n} then 1 else 0 end)`;

export const NEIGHBOUR_SQL = {
  // committees/queries.ts requireCommunity (the prepared community_by_id).
  community: 'select "id", "name" from "communities" where "communities"."id" = $1',
  // access.ts approvedMember.
  member:
    'select "memberships"."household_id", "households"."building_id", "buildings"."name", "households"."unit", "households"."room" from "memberships" left join "households" on "households"."id" = "memberships"."household_id" left join "buildings" on "buildings"."id" = "households"."building_id" where ("memberships"."user_id" = $1 and "memberships"."community_id" = $2 and "memberships"."status" = $3)',
  nickname: 'select "nickname" from "users" where "users"."id" = $1',
  // directory.ts listNeighbours by tag: $7, $8 the tag; $9 the viewer's building; $10 limit + 1.
  byTag: `${cardSelect} where ((${shownTo}) and "neighbour_cards"."show_tags" and $7 = any("neighbour_cards"."tags") and not ($8 = any("neighbour_cards"."hidden_tags"))) order by ${same(9)} desc, "neighbour_cards"."id" desc limit $10`,
  // … by building: $7 the building; $8 the viewer's building; $9 limit + 1.
  byBuilding: `${cardSelect} where ((${shownTo}) and "neighbour_cards"."show_building" and "neighbour_cards"."building_id" = $7) order by ${same(8)} desc, "neighbour_cards"."id" desc limit $9`,
  // directory.ts takeAllowance, in a transaction.
  allowanceInsert:
    'insert into "neighbour_daily_views" ("community_id", "user_id", "day", "shown") values ($1, $2, $3, $4) on conflict do nothing',
  allowanceRow:
    'select "shown" from "neighbour_daily_views" where ("neighbour_daily_views"."community_id" = $1 and "neighbour_daily_views"."user_id" = $2 and "neighbour_daily_views"."day" = $3) for update',
  allowanceUpdate:
    'update "neighbour_daily_views" set "shown" = $1 where ("neighbour_daily_views"."community_id" = $2 and "neighbour_daily_views"."user_id" = $3 and "neighbour_daily_views"."day" = $4)',
  // directory.ts contactsWith: the page's owners as one list ($3…, then the viewer and the same list again).
  contacts: (n: number) => {
    const list = (from: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
    return `select "id", "requester_id", "addressee_id", "state", "closed_by" from "neighbour_contacts" where ("neighbour_contacts"."community_id" = $1 and (("neighbour_contacts"."requester_id" = $2 and "neighbour_contacts"."addressee_id" in (${list(3)})) or ("neighbour_contacts"."addressee_id" = $${3 + n} and "neighbour_contacts"."requester_id" in (${list(4 + n)})))) order by "neighbour_contacts"."id" desc`;
  },
} as const;

type Reply = [status: number, body: unknown];
type Row = unknown[];

const error = (status: number, code: string, message: string): Reply => [status, { error: { code, message } }];
/** text[] as an array, or as its literal when the shared PGlite client's parsers are swapped. */
const texts = (v: unknown): string[] => {
  if (Array.isArray(v)) return v as string[];
  const inner = String(v).slice(1, -1);
  if (!inner) return [];
  return inner.split(',').map((s) => (s.startsWith('"') ? JSON.parse(s) : s));
};
const bool = (v: unknown) => v === true || v === 't';
const chinaDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const LIMIT_REACHED = `今天已经看了${NEIGHBOUR_DAILY_CARDS}张名片，明天再来看吧`;

export function createNeighbourHandlers(sql: postgres.Sql, prepare: boolean, q: Query) {
  /** The directory page for an approved member (the caller checked the membership). */
  async function directory(userId: number, communityId: number, search: URLSearchParams): Promise<Reply> {
    const tag = search.get('tag');
    const buildingParam = search.get('buildingId');
    if (search.has('cursor') || search.has('q') || search.has('limit') || (tag === null) === (buildingParam === null))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves one tag or one building, first page');
    const [community] = await q(NEIGHBOUR_SQL.community, [communityId]);
    if (!community) return error(404, 'NOT_FOUND', 'not found');
    const [[member]] = await Promise.all([
      q(NEIGHBOUR_SQL.member, [userId, communityId, 'approved']),
      q(NEIGHBOUR_SQL.nickname, [userId]),
    ]);
    const viewerBuilding = (member?.[1] as number | null) ?? null;
    const limit = NEIGHBOUR_PAGE_MAX;
    const base = [communityId, true, 'visible', userId, userId, userId] as const;
    let rows: Row[];
    if (tag !== null) {
      if (viewerBuilding === null) return error(501, 'NOT_IMPLEMENTED', 'viewers have a building');
      rows = await q(NEIGHBOUR_SQL.byTag, [...base, tag, tag, viewerBuilding, limit + 1]);
    } else {
      const buildingId = Number(buildingParam);
      if (!Number.isInteger(buildingId) || buildingId <= 0 || viewerBuilding === null)
        return error(501, 'NOT_IMPLEMENTED', 'a building id');
      rows = await q(NEIGHBOUR_SQL.byBuilding, [...base, buildingId, viewerBuilding, limit + 1]);
    }
    let page = rows.slice(0, limit);
    const more = rows.length > limit;
    const day = chinaDay(new Date());
    const { granted, remaining } = await sql.begin(async (tx) => {
      const tq = (text: string, params: Array<string | number>) =>
        tx.unsafe(text, params as never, { prepare }).values() as unknown as Promise<Row[]>;
      await tq(NEIGHBOUR_SQL.allowanceInsert, [communityId, userId, day, 0]);
      const [row] = await tq(NEIGHBOUR_SQL.allowanceRow, [communityId, userId, day]);
      const shown = Number(row?.[0] ?? 0);
      const granted = Math.max(0, Math.min(page.length, NEIGHBOUR_DAILY_CARDS - shown));
      if (granted > 0) await tq(NEIGHBOUR_SQL.allowanceUpdate, [shown + granted, communityId, userId, day]);
      return { granted, remaining: NEIGHBOUR_DAILY_CARDS - shown - granted };
    });
    if (page.length > 0 && granted === 0) return error(429, 'DIRECTORY_LIMIT', LIMIT_REACHED);
    const trimmed = granted < page.length;
    page = page.slice(0, granted);
    const sameOf = (r: Row) => viewerBuilding !== null && bool(r[8]) && r[19] === viewerBuilding;
    const last = page.at(-1);
    const nextCursor =
      (more || trimmed) && last
        ? Buffer.from(JSON.stringify([sameOf(last) ? 1 : 0, last[0]])).toString('base64url')
        : null;
    const owners = page.map((r) => r[2] as number);
    const contacts = new Map<number, { id: number; view: ReturnType<typeof contactView> }>();
    if (owners.length > 0) {
      const rowsC = await q(NEIGHBOUR_SQL.contacts(owners.length), [communityId, userId, ...owners, userId, ...owners]);
      const live = (s: unknown) => s === 'pending' || s === 'accepted';
      const chosen = new Map<number, Row>();
      for (const r of rowsC) {
        const other = (r[1] === userId ? r[2] : r[1]) as number | null;
        if (other === null) continue;
        const had = chosen.get(other);
        if (!had || (!live(had[3]) && live(r[3]))) chosen.set(other, r);
      }
      for (const [other, r] of chosen)
        contacts.set(other, {
          id: r[0] as number,
          view: contactView({
            state: r[3] as NeighbourContactState,
            iAsked: r[1] === userId,
            iClosed: r[4] === userId,
          }),
        });
    }
    const items = page.map((r) => {
      const facts: CardFacts = {
        id: r[0] as number,
        listed: bool(r[3]),
        displayName: r[5] as string,
        showName: bool(r[6]),
        showAvatar: bool(r[7]),
        showBuilding: bool(r[8]),
        showRoom: bool(r[9]),
        intro: r[10] as string | null,
        showIntro: bool(r[11]),
        tags: texts(r[12]),
        showTags: bool(r[13]),
        hiddenTags: texts(r[14]),
        canHelp: texts(r[15]),
        needHelp: texts(r[16]),
        showHelp: bool(r[17]),
        serve: bool(r[18]),
        buildingId: r[19] as number | null,
        buildingName: r[20] as string | null,
        unit: r[21] as string | null,
        room: r[22] as string | null,
        // The bench seeds no avatars (a signed URL would need the app's signing key).
        avatarUrl: null,
      };
      return { ...shownCard(facts, viewerBuilding), contact: contacts.get(r[2] as number) ?? null };
    });
    return [200, { items, nextCursor, remainingToday: remaining }];
  }
  return { directory };
}
