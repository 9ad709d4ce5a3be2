/**
 * The baseline: a bare node:http handler on postgres.js running, statement for
 * statement, the SQL the app's drizzle queries produce for the two routes (text
 * captured from drizzle 0.45 with a logging client). Like the app (whose drizzle
 * client asks postgres.js for prepared statements, server/db/client.ts), it lets
 * postgres.js prepare and cache each statement and reads rows as arrays
 * (`.values()`); BENCH_BARE_PREPARE=0 sends them unprepared instead.
 *
 * No Koa, no router, no zod, no security headers, no request id: what remains is
 * the database work and the JSON the app would send (same fields, same values).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type postgres from 'postgres';
import { chinaClock, type OfficeHours, officeState } from '../shared/domain/office-hours';
import { createNeighbourHandlers } from './bare-neighbours';
import { createRentalHandlers } from './bare-rentals';
import { createVoteHandlers, type Query } from './bare-votes';

export const SQL = {
  // createAuthenticator: the session, its user and the caller's live memberships, by sha256(token).
  session:
    'select "sessions"."id", "sessions"."user_id", "sessions"."expires_at", "sessions"."revoked_at", "sessions"."last_seen_at", "users"."is_admin", coalesce((\n  select json_agg(json_build_object(\'communityId\', m.community_id, \'role\', m.role, \'status\', m.status))\n  from "memberships" m where m.user_id = "sessions"."user_id" and m.status in (\'pending\', \'approved\')\n), \'[]\'::json) from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."token_hash" = $1',
  touch: 'update "sessions" set "last_seen_at" = $1 where "sessions"."id" = $2',
  // listMine.
  mine: 'select "memberships"."id", "memberships"."community_id", "communities"."name", "memberships"."role", "memberships"."status", "memberships"."reason", "memberships"."created_at", "memberships"."decided_at", "households"."id", "households"."building_id", "buildings"."name", "households"."unit", "households"."room", "households"."floor_area" from "memberships" inner join "communities" on "communities"."id" = "memberships"."community_id" left join "households" on "households"."id" = "memberships"."household_id" left join "buildings" on "buildings"."id" = "households"."building_id" where "memberships"."user_id" = $1 order by "memberships"."id" desc',
  // card: summary with street, district and intro, then the staff.
  card: 'select "communities"."id", "communities"."name", "districts"."name", "streets"."name", "communities"."address", "communities"."phone", "communities"."lat", "communities"."lng", "communities"."office_hours", "communities"."intro" from "communities" inner join "streets" on "streets"."id" = "communities"."street_id" inner join "districts" on "districts"."id" = "streets"."district_id" where "communities"."id" = $1',
  staff:
    'select "id", "community_id", "name", "title", "public_phone", "duty_weekdays", "sort" from "community_staff" where "community_staff"."community_id" = $1 order by "community_staff"."sort" asc, "community_staff"."id" asc',
  // notices/resident.ts listNotices for an approved member: the community, the viewer's
  // building, the page (first, or after a cursor) and the unread count.
  community: 'select "id", "name" from "communities" where "communities"."id" = $1',
  viewer:
    'select "memberships"."household_id", "households"."building_id" from "memberships" left join "households" on "households"."id" = "memberships"."household_id" where ("memberships"."user_id" = $1 and "memberships"."community_id" = $2 and "memberships"."status" = $3)',
  noticesTop:
    'select "id", "community_id", "title", "category", "is_public", "status", "pinned_until", "published_at", "edited_at", "expires_at", "signup_capacity", "signup_deadline", left("body", $1), exists (select 1 from "notice_reads" where "notice_reads"."notice_id" = "notices"."id" and "notice_reads"."user_id" = $2) from "notices" where (("notices"."community_id" = $3 and "notices"."status" = $4 and ("notices"."is_public" or "notices"."audience" = \'all\' or exists (select 1 from "notice_buildings" where "notice_buildings"."notice_id" = "notices"."id" and "notice_buildings"."building_id" = $5))) and ("notices"."pinned_until" is not null or "notices"."category" = \'urgent\') and ("notices"."pinned_until" > $6::timestamptz or ("notices"."category" = \'urgent\' and ("notices"."expires_at" is null or "notices"."expires_at" > $7::timestamptz)))) order by "notices"."published_at" desc, "notices"."id" desc limit $8',
  noticesRest:
    'select "id", "community_id", "title", "category", "is_public", "status", "pinned_until", "published_at", "edited_at", "expires_at", "signup_capacity", "signup_deadline", left("body", $1), exists (select 1 from "notice_reads" where "notice_reads"."notice_id" = "notices"."id" and "notice_reads"."user_id" = $2) from "notices" where (("notices"."community_id" = $3 and "notices"."status" = $4 and ("notices"."is_public" or "notices"."audience" = \'all\' or exists (select 1 from "notice_buildings" where "notice_buildings"."notice_id" = "notices"."id" and "notice_buildings"."building_id" = $5))) and ("notices"."pinned_until" is null or "notices"."pinned_until" <= $6::timestamptz) and ("notices"."category" <> \'urgent\' or "notices"."expires_at" <= $7::timestamptz)) order by "notices"."published_at" desc, "notices"."id" desc limit $8',
  noticesAfter:
    'select "id", "community_id", "title", "category", "is_public", "status", "pinned_until", "published_at", "edited_at", "expires_at", "signup_capacity", "signup_deadline", left("body", $1), exists (select 1 from "notice_reads" where "notice_reads"."notice_id" = "notices"."id" and "notice_reads"."user_id" = $2) from "notices" where (("notices"."community_id" = $3 and "notices"."status" = $4 and ("notices"."is_public" or "notices"."audience" = \'all\' or exists (select 1 from "notice_buildings" where "notice_buildings"."notice_id" = "notices"."id" and "notice_buildings"."building_id" = $5))) and ("notices"."pinned_until" is null or "notices"."pinned_until" <= $6::timestamptz) and ("notices"."category" <> \'urgent\' or "notices"."expires_at" <= $7::timestamptz) and ("notices"."published_at", "notices"."id") < ($8::timestamptz, $9)) order by "notices"."published_at" desc, "notices"."id" desc limit $10',
  unread:
    'select count(*)::int from "notices" left join "notice_reads" on ("notice_reads"."notice_id" = "notices"."id" and "notice_reads"."user_id" = $1) where (("notices"."community_id" = $2 and "notices"."status" = $3 and ("notices"."is_public" or "notices"."audience" = \'all\' or exists (select 1 from "notice_buildings" where "notice_buildings"."notice_id" = "notices"."id" and "notice_buildings"."building_id" = $4))) and "notice_reads"."id" is null and ("notices"."expires_at" is null or "notices"."expires_at" > $5::timestamptz))',
  // board/feed.ts listPosts for a resident, newest first: the member (label, limits), the
  // community's visible posts and the caller's own not visible, both read in index order,
  // then the page's photos and the household's 我也遇到了 (the page's ids as one array).
  boardMember:
    'select "memberships"."household_id", coalesce("memberships"."decided_at", "memberships"."created_at"), "buildings"."name", "households"."room", "users"."nickname" from "memberships" inner join "users" on "users"."id" = "memberships"."user_id" left join "households" on "households"."id" = "memberships"."household_id" left join "buildings" on "buildings"."id" = "households"."building_id" where ("memberships"."user_id" = $1 and "memberships"."community_id" = $2 and "memberships"."status" = $3)',
  boardVisible:
    'select "id", "community_id", "kind", "category", "matter_category", "place", "route", "author_label", "author_id", "status", "state", "held_reason", "state_reason", "created_at", "edited_at", "activity_at", "comment_count", "plus_count", "official_count", "rating", left("body", 200) from "posts" where ("posts"."community_id" = $1 and "posts"."state" = $2) order by "posts"."id" desc nulls last limit $3',
  boardOwn:
    'select "id", "community_id", "kind", "category", "matter_category", "place", "route", "author_label", "author_id", "status", "state", "held_reason", "state_reason", "created_at", "edited_at", "activity_at", "comment_count", "plus_count", "official_count", "rating", left("body", 200) from "posts" where ("posts"."community_id" = $1 and ("posts"."author_id" = $2 and "posts"."state" in (\'held\', \'hidden\', \'rejected\'))) order by "posts"."id" desc nulls last limit $3',
  boardVisibleAfter:
    'select "id", "community_id", "kind", "category", "matter_category", "place", "route", "author_label", "author_id", "status", "state", "held_reason", "state_reason", "created_at", "edited_at", "activity_at", "comment_count", "plus_count", "official_count", "rating", left("body", 200) from "posts" where ("posts"."community_id" = $1 and "posts"."state" = $2 and "posts"."id" < $3) order by "posts"."id" desc nulls last limit $4',
  boardOwnAfter:
    'select "id", "community_id", "kind", "category", "matter_category", "place", "route", "author_label", "author_id", "status", "state", "held_reason", "state_reason", "created_at", "edited_at", "activity_at", "comment_count", "plus_count", "official_count", "rating", left("body", 200) from "posts" where ("posts"."community_id" = $1 and ("posts"."author_id" = $2 and "posts"."state" in (\'held\', \'hidden\', \'rejected\')) and "posts"."id" < $3) order by "posts"."id" desc nulls last limit $4',
  boardPhotos:
    'select "post_uploads"."post_id", "uploads"."id", "uploads"."community_id", "uploads"."uploaded_by", "uploads"."kind", "uploads"."file_key", "uploads"."thumb_key", "uploads"."name", "uploads"."byte_size", "uploads"."width", "uploads"."height", "uploads"."is_public", "uploads"."created_at", "uploads"."attached_at" from "post_uploads" inner join "uploads" on "uploads"."id" = "post_uploads"."upload_id" where "post_uploads"."post_id" = any($1::int[]) order by "post_uploads"."post_id" asc, "post_uploads"."position" asc',
  boardPlused:
    'select "post_id" from "post_plus_ones" where ("post_plus_ones"."household_id" = $1 and "post_plus_ones"."post_id" = any($2::int[]))',
} as const;

const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
const TOKEN = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;
const CARD = /^\/api\/committees\/(\d{1,10})(?:\?.*)?$/;
const NOTICES = /^\/api\/committees\/(\d{1,10})\/notices(?:\?cursor=([01])\.(\d{1,15})\.(\d{1,10}))?$/;
const POSTS = /^\/api\/committees\/(\d{1,10})\/posts(?:\?cursor=n(\d{1,10}))?$/;
const VOTE = /^\/api\/committees\/(\d{1,10})\/votes\/(\d{1,10})(\/ballot)?$/;
const RENTAL_CALENDAR = /^\/api\/committees\/(\d{1,10})\/rentals\/items\/(\d{1,10})\/calendar(?:\?(.*))?$/;
const RENTAL_BOOK = /^\/api\/committees\/(\d{1,10})\/rentals\/bookings$/;
const NEIGHBOURS = /^\/api\/committees\/(\d{1,10})\/neighbours\?(.*)$/;
const POST_EXCERPT = 60;
const EXCERPT = 60;
const EXCERPT_SOURCE = 300;

/** A timestamptz arrives as a Date, or as text when drizzle has swapped the client's parsers (shared PGlite client). */
const toDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
const iso = (v: unknown) => (v === null ? null : toDate(v).toISOString());
/** numeric arrives as text unless a parser was set. */
const num = (v: unknown) => (v === null ? null : Number(v));

type Row = unknown[];
type Reply = [status: number, body: unknown];

const error = (status: number, code: string, message: string): Reply => [status, { error: { code, message } }];

export function createBareServer(sql: postgres.Sql, options: { prepare?: boolean } = {}) {
  const prepare = options.prepare ?? true;
  const q = (text: string, params: Array<string | number | number[]>) =>
    sql.unsafe(text, params as never, { prepare }).values() as unknown as Promise<Row[]>;

  /** The session's user and memberships, or the 401 the app would answer. */
  async function authenticate(
    authorization: string | undefined,
  ): Promise<Reply | { userId: number; memberships: Array<{ communityId: number; status: string }> }> {
    const match = TOKEN.exec(authorization ?? '');
    if (!match) return error(401, 'UNAUTHENTICATED', 'not signed in');
    const tokenHash = createHash('sha256').update(match[1]).digest('hex');
    const [session] = await q(SQL.session, [tokenHash]);
    const now = new Date();
    if (!session || session[3] !== null) return error(401, 'UNAUTHENTICATED', 'not signed in');
    if (toDate(session[2]) <= now) return error(401, 'SESSION_EXPIRED', 'session expired');
    if (now.getTime() - toDate(session[4]).getTime() > TOUCH_INTERVAL_MS) {
      await q(SQL.touch, [now.toISOString(), session[0] as number]);
    }
    const raw = session[6];
    return { userId: session[1] as number, memberships: typeof raw === 'string' ? JSON.parse(raw) : (raw as []) };
  }

  async function memberships(authorization: string | undefined): Promise<Reply> {
    const who = await authenticate(authorization);
    if (Array.isArray(who)) return who;
    const userId = who.userId;
    const rows = await q(SQL.mine, [userId]);
    const rank = (s: unknown) => (s === 'approved' ? 0 : s === 'pending' ? 1 : 2);
    const items = rows
      .map((r) => ({
        id: r[0],
        communityId: r[1],
        communityName: r[2] ?? '',
        role: r[3],
        status: r[4],
        reason: r[5],
        createdAt: iso(r[6]),
        decidedAt: iso(r[7]),
        household:
          r[8] === null || r[9] === null
            ? null
            : {
                id: r[8],
                buildingId: r[9],
                buildingName: r[10] ?? '',
                unit: r[11] ?? '',
                room: r[12] ?? '',
                floorArea: num(r[13]),
              },
      }))
      .sort((a, b) => rank(a.status) - rank(b.status));
    return [200, { items }];
  }

  async function card(communityId: number): Promise<Reply> {
    const [row] = await q(SQL.card, [communityId]);
    if (!row) return error(404, 'NOT_FOUND', 'not found');
    const staff = await q(SQL.staff, [communityId]);
    const now = new Date();
    const hours = row[8] as OfficeHours;
    const state = officeState(hours, now);
    const today = chinaClock(now).weekday;
    return [
      200,
      {
        id: row[0],
        name: row[1],
        districtName: row[2],
        streetName: row[3],
        address: row[4],
        phone: row[5],
        lat: row[6],
        lng: row[7],
        distanceM: null,
        officeStatus: state.status,
        isMine: false,
        intro: row[9],
        officeHours: hours,
        todayPeriods: state.today,
        officeNote: state.note,
        staff: staff.map((s) => {
          const dutyWeekdays = s[5] as number[];
          return {
            id: s[0],
            name: s[2],
            title: s[3],
            phone: s[4],
            dutyWeekdays,
            onDutyToday: dutyWeekdays.includes(today) && state.status !== 'day_off',
          };
        }),
      },
    ];
  }

  /** An approved member's notice list (the only viewer the bench sends). */
  async function notices(authorization: string | undefined, communityId: number, after: string[] | null) {
    const who = await authenticate(authorization);
    if (Array.isArray(who)) return who;
    const [community] = await q(SQL.community, [communityId]);
    if (!community) return error(404, 'NOT_FOUND', 'not found');
    if (!who.memberships.some((m) => m.communityId === communityId && m.status === 'approved'))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members only');
    const [viewer] = await q(SQL.viewer, [who.userId, communityId, 'approved']);
    const buildingId = viewer?.[1] as number | null;
    if (!viewer || buildingId === null)
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members with a household only');
    const nowDate = new Date();
    const now = nowDate.toISOString();
    const head: Array<string | number> = [EXCERPT_SOURCE, who.userId, communityId, 'published', buildingId, now, now];
    // As the app: the few on top first, then the rest newest first (a deep page: the rest after the cursor).
    let rows: Row[];
    if (after) {
      if (after[0] !== '0') return error(501, 'NOT_IMPLEMENTED', 'the bare handler pages the rest only');
      rows = (await q(SQL.noticesAfter, [...head, new Date(Number(after[1])).toISOString(), Number(after[2]), 21])).map(
        (r) => [...r, 0],
      );
    } else {
      rows = (await q(SQL.noticesTop, [...head, 21])).map((r) => [...r, 1]);
      if (rows.length < 21) rows.push(...(await q(SQL.noticesRest, [...head, 21 - rows.length])).map((r) => [...r, 0]));
    }
    const [count] = await q(SQL.unread, [who.userId, communityId, 'published', buildingId, now]);
    const page = rows.slice(0, 20);
    const last = page[page.length - 1];
    const items = page.map((r) => {
      const pinnedUntil = r[6] === null ? null : toDate(r[6]);
      const expiresAt = r[9] === null ? null : toDate(r[9]);
      const deadline = r[11] === null ? null : toDate(r[11]);
      return {
        id: r[0],
        communityId: r[1],
        title: r[2],
        category: r[3],
        isPublic: r[4],
        pinned: pinnedUntil !== null && pinnedUntil > nowDate,
        publishedAt: iso(r[7]),
        editedAt: iso(r[8]),
        expiresAt: iso(r[9]),
        expired: expiresAt !== null && expiresAt <= nowDate,
        excerpt: (r[12] as string).replace(/\s+/g, ' ').trim().slice(0, EXCERPT),
        unread: !r[13],
        signupOpen:
          r[10] !== null &&
          r[5] === 'published' &&
          deadline !== null &&
          deadline > nowDate &&
          (expiresAt === null || expiresAt > nowDate),
      };
    });
    const nextCursor =
      rows.length > 20 && last ? `${last[14] as number}.${toDate(last[7]).getTime()}.${last[0] as number}` : null;
    return [200, { items, nextCursor, unreadCount: count[0] as number }] as Reply;
  }

  /** A resident's board, newest first (the only viewer and order the bench sends). */
  async function board(authorization: string | undefined, communityId: number, afterId: number | null) {
    const who = await authenticate(authorization);
    if (Array.isArray(who)) return who;
    const [community] = await q(SQL.community, [communityId]);
    if (!community) return error(404, 'NOT_FOUND', 'not found');
    if (!who.memberships.some((m) => m.communityId === communityId && m.status === 'approved'))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members only');
    const [member] = await q(SQL.boardMember, [who.userId, communityId, 'approved']);
    const householdId = (member?.[0] ?? null) as number | null;
    const [visible, own] = await Promise.all(
      afterId === null
        ? [q(SQL.boardVisible, [communityId, 'visible', 21]), q(SQL.boardOwn, [communityId, who.userId, 21])]
        : [
            q(SQL.boardVisibleAfter, [communityId, 'visible', afterId, 21]),
            q(SQL.boardOwnAfter, [communityId, who.userId, afterId, 21]),
          ],
    );
    const rows = [...visible, ...own].sort((a, b) => (b[0] as number) - (a[0] as number)).slice(0, 21);
    const page = rows.slice(0, 20);
    const ids = page.map((r) => r[0] as number);
    const [images, plus] = await Promise.all([
      ids.length ? q(SQL.boardPhotos, [ids]) : Promise.resolve([] as Row[]),
      householdId !== null && ids.length ? q(SQL.boardPlused, [householdId, ids]) : Promise.resolve([] as Row[]),
    ]);
    if (images.length > 0) return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves posts without photos');
    const plused = new Set(plus.map((r) => r[0] as number));
    const items = page.map((r) => {
      const mine = r[8] !== null && r[8] === who.userId;
      const flat = (r[20] as string).replace(/\s+/g, ' ').trim();
      return {
        id: r[0],
        communityId: r[1],
        kind: r[2],
        category: r[3],
        matterCategory: r[4],
        place: r[5],
        route: r[6],
        authorLabel: r[7],
        mine,
        status: r[9],
        state: r[10],
        heldReason: mine ? r[11] : null,
        stateReason: mine ? r[12] : null,
        createdAt: iso(r[13]),
        editedAt: iso(r[14]),
        activityAt: iso(r[15]),
        commentCount: r[16],
        plusCount: r[17],
        plusByMyHousehold: plused.has(r[0] as number),
        hasOfficialReply: (r[18] as number) > 0,
        rating: r[19],
        excerpt: flat.length > POST_EXCERPT ? `${flat.slice(0, POST_EXCERPT)}…` : flat,
        images: [],
        imageCount: 0,
      };
    });
    const last = page[page.length - 1];
    return [200, { items, nextCursor: rows.length > 20 && last ? `n${last[0] as number}` : null }] as Reply;
  }

  const votes = createVoteHandlers(sql, prepare, q as Query);

  /** 议事厅: a vote (GET) or a ballot (PUT) of an approved member, as the app's routes check them. */
  async function vote(req: http.IncomingMessage, m: RegExpExecArray, body: string): Promise<Reply> {
    const ballot = m[3] !== undefined;
    if (req.method !== (ballot ? 'PUT' : 'GET')) return error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
    const who = await authenticate(req.headers.authorization);
    if (Array.isArray(who)) return who;
    const communityId = Number(m[1]);
    if (!who.memberships.some((x) => x.communityId === communityId && x.status === 'approved'))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members only');
    const [community] = await q(SQL.community, [communityId]);
    if (!community) return error(404, 'NOT_FOUND', 'not found');
    if (!ballot) return votes.getVote(who.userId, communityId, Number(m[2]));
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return error(400, 'VALIDATION_FAILED', 'bad json');
    }
    return votes.castBallot(who.userId, communityId, Number(m[2]), parsed);
  }

  const rentals = createRentalHandlers(sql, prepare, q as Query);

  /** 社区租赁: the calendar (GET) and a booking (POST) of an approved member, as rent:items checks them. */
  async function rental(
    req: http.IncomingMessage,
    communityId: number,
    body: string,
    itemId: number | null,
    search: string,
  ) {
    if (req.method !== (itemId === null ? 'POST' : 'GET'))
      return error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
    const who = await authenticate(req.headers.authorization);
    if (Array.isArray(who)) return who;
    if (!who.memberships.some((x) => x.communityId === communityId && x.status === 'approved'))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members only');
    const [community] = await q(SQL.community, [communityId]);
    if (!community) return error(404, 'NOT_FOUND', 'not found');
    if (itemId !== null) return rentals.calendar(communityId, itemId, new URLSearchParams(search));
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return error(400, 'VALIDATION_FAILED', 'bad json');
    }
    return rentals.book(who.userId, communityId, parsed);
  }

  const neighbours = createNeighbourHandlers(sql, prepare, q as Query);

  /** 找邻居: the directory of an approved member ('meet:neighbours'). */
  async function directory(req: http.IncomingMessage, communityId: number, search: string): Promise<Reply> {
    if (req.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
    const who = await authenticate(req.headers.authorization);
    if (Array.isArray(who)) return who;
    if (!who.memberships.some((x) => x.communityId === communityId && x.status === 'approved'))
      return error(501, 'NOT_IMPLEMENTED', 'the bare handler serves members only');
    return neighbours.directory(who.userId, communityId, new URLSearchParams(search));
  }

  async function route(req: http.IncomingMessage, body: string): Promise<Reply> {
    const url = req.url ?? '/';
    const nb = NEIGHBOURS.exec(url);
    if (nb) return directory(req, Number(nb[1]), nb[2]);
    const v = VOTE.exec(url);
    if (v) return vote(req, v, body);
    const rc = RENTAL_CALENDAR.exec(url);
    if (rc) return rental(req, Number(rc[1]), body, Number(rc[2]), rc[3] ?? '');
    const rb = RENTAL_BOOK.exec(url);
    if (rb) return rental(req, Number(rb[1]), body, null, '');
    if (req.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
    if (url === '/api/memberships' || url.startsWith('/api/memberships?'))
      return memberships(req.headers.authorization);
    const b = POSTS.exec(url);
    if (b) return board(req.headers.authorization, Number(b[1]), b[2] === undefined ? null : Number(b[2]));
    const n = NOTICES.exec(url);
    if (n) return notices(req.headers.authorization, Number(n[1]), n[2] === undefined ? null : n.slice(2, 5));
    const m = CARD.exec(url);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 2_147_483_647) return card(Number(m[1]));
    return error(404, 'NOT_FOUND', 'not found');
  }

  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serve(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  function serve(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    route(req, body)
      .catch((e: unknown): Reply => {
        process.stderr.write(`bare: ${e instanceof Error ? e.stack : String(e)}\n`);
        return error(500, 'INTERNAL', 'internal error');
      })
      .then(([status, body]) => {
        const text = JSON.stringify(body);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      });
  }
}
