import type postgres from 'postgres';
import { saturdayToo, weekdays } from '../server/db/seed';
import { NEIGHBOUR_CONSENT_VERSION } from '../shared/domain/neighbour-card';
import { neighbourTags } from '../shared/enums';
import {
  DATASET,
  NEIGHBOURS,
  needsContent,
  needsNeighbours,
  RENTALS,
  type SeedReport,
  selectedScenarios,
  VOTE_HOUSEHOLDS,
  VOTERS,
  VOTES,
} from './common';

// The same two office-hours shapes as the demo: weekdays, and weekdays plus Saturday morning.
const D = DATASET;
const perCommunity = D.buildingsPerCommunity * D.householdsPerBuilding;
const unitSize = D.householdsPerBuilding / 2;

/**
 * Set-based statements (generate_series), one transaction. Ids are never assumed:
 * rows are matched by row_number() over their ids, or by the users' openid `bench-<i>`.
 */
const statements: Array<[string, unknown[]]> = [
  [`insert into districts (name) values ('东滨区')`, []],
  [
    `insert into streets (district_id, name)
     select d.id, '第' || g || '街道' from districts d, generate_series(1, ${D.streets}) g`,
    [],
  ],
  [
    `insert into communities (street_id, name, address, phone, lat, lng, office_hours, intro)
     select s.id,
            '第' || g || '居委会',
            '东滨区' || s.name || '梧桐路' || (g * 7) || '弄',
            '021-5555-' || lpad(g::text, 4, '0'),
            31.15 + (g % 20) * 0.006,
            121.40 + (g / 20) * 0.01,
            (case when g % 3 = 0 then $2 else $1 end)::text::jsonb,
            '本小区建于' || (1985 + g % 35) || '年，共${D.buildingsPerCommunity}栋楼。居委会负责居民登记、邻里调解、为老服务和社区活动。有事可以来办公室，也可以在这里留言。'
     from generate_series(1, ${D.communities}) g
     join (select id, name, row_number() over (order by id) as rn from streets) s on s.rn = (g - 1) % ${D.streets} + 1`,
    [JSON.stringify(weekdays), JSON.stringify(saturdayToo)],
  ],
  [
    // 2 or 3 people per committee; the second one publishes a phone.
    `insert into community_staff (community_id, name, title, public_phone, duty_weekdays, sort)
     select c.id,
            (array['周','吴','孙','郑','冯','何','许','王','李','张'])[1 + (c.id * 3 + k) % 10]
              || (array['敏','海峰','丽','磊','佳','静','强'])[1 + (c.id + k) % 7],
            (array['居委会书记','居委会主任','社工（为老服务）'])[k],
            case when k = 2 then c.phone end,
            (case k when 1 then '{1,2,3,4,5}' when 2 then '{1,3,5,6}' else '{2,4,6}' end)::smallint[],
            k - 1
     from communities c, generate_series(1, 3) k
     where k <= 2 + c.id % 2`,
    [],
  ],
  [
    `insert into buildings (community_id, name, sort)
     select c.id, b || '号楼', b from communities c, generate_series(1, ${D.buildingsPerCommunity}) b`,
    [],
  ],
  [
    // Two units per building, rooms 101, 102 … 1301; floor areas 52–112 m².
    `insert into households (community_id, building_id, unit, room, floor_area)
     select b.community_id, b.id,
            (k / ${unitSize} + 1) || '单元',
            ((k % ${unitSize}) / 2 + 1) || '0' || (k % 2 + 1),
            52 + (b.id * 7 + k * 5) % 60 + 0.5 * (k % 2)
     from buildings b, generate_series(0, ${D.householdsPerBuilding - 1}) k`,
    [],
  ],
  [
    `insert into users (openid, nickname)
     select 'bench-' || i, '居民' || i from generate_series(1, ${D.users}) i`,
    [],
  ],
  [
    // Everyone: approved resident of community ((i-1) mod 200)+1, in a household of it;
    // every fifth user also of a second community, 37 further on.
    `with h as (select id, community_id, row_number() over (partition by community_id order by id) as rn from households),
          c as (select id, row_number() over (order by id) as rn from communities),
          u as (select id, substr(openid, 7)::int as i from users where openid like 'bench-%'),
          m as (
            select u.id as user_id, u.i, (u.i - 1) % ${D.communities} + 1 as crn, (u.i - 1) / ${D.communities} + 1 as hrn from u
            union all
            select u.id, u.i, (u.i - 1 + 37) % ${D.communities} + 1, ${perCommunity / 2} + (u.i - 1) / ${D.communities} + 1
            from u where u.i % ${D.secondMembershipEvery} = 0
          )
     insert into memberships (community_id, user_id, household_id, role, status, real_name_enc, phone_enc, decided_at, created_at)
     select c.id, m.user_id, h.id, 'resident', 'approved',
            'v1.' || substr(md5('n' || m.i), 1, 16) || '.' || substr(md5('t' || m.i), 1, 22) || '.' || substr(md5('r' || m.i), 1, 12),
            'v1.' || substr(md5('p' || m.i), 1, 16) || '.' || substr(md5('q' || m.i), 1, 22) || '.' || substr(md5('s' || m.i), 1, 15),
            now() - interval '1 day', now() - interval '2 days'
     from m
     join c on c.rn = m.crn
     join h on h.community_id = c.id and h.rn = m.hrn`,
    [],
  ],
  [
    // Session n belongs to user (n-1)*15 + n%15 + 1: spread over the users, some with two communities.
    // last_seen_at = now(), so the app's "touch" update (after 5 minutes) never fires during a run.
    `insert into sessions (user_id, token_hash, kind, expires_at, last_seen_at)
     select u.id,
            encode(sha256(convert_to('bench-session-token-' || lpad(n::text, 6, '0'), 'UTF8')), 'hex'),
            'wechat', now() + interval '30 days', now()
     from generate_series(1, ${D.sessions}) n
     join users u on u.openid = 'bench-' || ((n - 1) * ${Math.floor(D.users / D.sessions)} + n % 15 + 1)`,
    [],
  ],
];

/** 通知 and 留言板 content (4,000,000 rows): only when a notices or board scenario runs. */
const contentStatements: Array<[string, unknown[]]> = [
  [
    // 500 notices per community, one an hour back from now: mostly 通知 to everyone and
    // members-only; every 5th public, every 10th for one building; 3 pinned and 2 urgent on top.
    `insert into notices (community_id, title, body, category, is_public, audience, pinned_until, status, published_at, created_at, updated_at)
     select c.id,
            '第' || g || '号通知：' || (array['停水','电梯检修','垃圾分类','防诈骗提醒','活动报名','物业费公示'])[1 + g % 6],
            repeat('各位居民：本周六上午九点至十一点，小区将进行设备检修，请提前做好准备。如有疑问请联系居委会 021-5555-0101。', 1 + g % 8),
            (case when g <= 2 then 'urgent' when g % 7 = 0 then 'event' when g % 5 = 0 then 'publicity' else 'notice' end)::notice_category,
            g % 5 = 0,
            (case when g % 10 = 3 then 'buildings' else 'all' end)::notice_audience,
            case when g between 3 and 5 then now() + interval '30 days' end,
            'published',
            now() - g * interval '1 hour',
            now() - g * interval '1 hour',
            now() - g * interval '1 hour'
     from communities c, generate_series(1, ${D.noticesPerCommunity}) g`,
    [],
  ],
  [
    `insert into notice_buildings (notice_id, building_id)
     select n.id, b.id
     from notices n
     join (select id, community_id, row_number() over (partition by community_id order by id) as rn from buildings) b
       on b.community_id = n.community_id and b.rn = 1 + n.id % ${D.buildingsPerCommunity}
     where n.audience = 'buildings'`,
    [],
  ],
  [
    // Each membership has opened 28 of its community's notices (13·k mod 500 never repeats for k ≤ 28).
    `with n as (select id, community_id, row_number() over (partition by community_id order by id) - 1 as rn from notices)
     insert into notice_reads (notice_id, user_id, household_id, read_at)
     select n.id, m.user_id, m.household_id, now() - interval '1 hour'
     from memberships m
     cross join generate_series(1, ${D.readsPerMembership}) k
     join n on n.community_id = m.community_id and n.rn = (m.user_id * 17 + k * 13) % ${D.noticesPerCommunity}`,
    [],
  ],
  [
    // 留言板: 5,000 posts per community (1,000,000), one every 20 minutes back from now, by its
    // members in turn; every 10th a 小事快办; every 3rd answered by the committee; 1 in 100 hidden.
    `with m as (select user_id, household_id, community_id,
                       row_number() over (partition by community_id order by id) - 1 as rn,
                       count(*) over (partition by community_id) as n
                from memberships where status = 'approved')
     insert into posts (community_id, kind, category, matter_category, place, route, author_id, household_id,
                        author_shown, author_label, body, body_hash, status, state, state_reason, created_at,
                        activity_at, first_reply_at, status_at, comment_count, official_count, plus_count, updated_at)
     select c.id,
            (case when g % 10 = 0 then 'matter' else 'post' end)::post_kind,
            (case when g % 10 = 0 then null else (array['help','suggestion','complaint','chat','praise'])[1 + g % 5] end)::post_category,
            (case when g % 10 = 0 then (array['lighting','sanitation','fire_lane','leak','noise','other'])[1 + g % 6] end)::matter_category,
            case when g % 10 = 0 then (1 + g % ${D.buildingsPerCommunity}) || '号楼门口' end,
            case when g % 10 = 0 then (case when g % 20 = 0 then 'property' else 'committee' end) end,
            m.user_id, m.household_id,
            (case when g % 7 = 0 then 'anonymous' else 'name' end)::author_shown,
            case when g % 7 = 0 then '匿名邻居' else '居民' || m.user_id || ' · ' || (1 + g % ${D.buildingsPerCommunity}) || '号楼' end,
            '第' || g || '条：' || (array['楼道的灯坏了好几天，晚上很黑，老人上下楼不方便。','建议在小区里多放几张长椅，散步累了可以歇一歇。','今天菜场的青菜很新鲜，想买的邻居可以去看看。','感谢居委会的工作人员，帮我家老人办好了补贴。'])[1 + g % 4],
            md5(c.id || '-' || g),
            (case when g % 10 = 0 then (array['accepted','in_progress','done','resolved'])[1 + g % 4]
                  when g % 3 = 0 then 'replied' else 'awaiting_reply' end)::post_status,
            (case when g % 100 = 50 then 'hidden' else 'visible' end)::content_state,
            case when g % 100 = 50 then '多位居民举报' end,
            now() - g * interval '20 minutes',
            now() - g * interval '20 minutes' + (g % 5) * interval '3 minutes',
            case when g % 3 = 0 then now() - g * interval '20 minutes' + interval '2 minutes' end,
            now() - g * interval '20 minutes',
            ${D.commentsPerPost}, (case when g % 3 = 0 then 1 else 0 end), g % 4,
            now() - g * interval '20 minutes'
     from communities c
     cross join generate_series(1, ${D.postsPerCommunity}) g
     join m on m.community_id = c.id and m.rn = (g * 7) % m.n`,
    [],
  ],
  [
    // 3 comments per post (3,000,000): the first one official on the answered posts.
    `insert into post_comments (post_id, community_id, author_id, household_id, author_label, is_official, body, body_hash, created_at)
     select p.id, p.community_id, p.author_id, p.household_id,
            case when k = 1 and p.official_count = 1 then '居委会' else '邻居' || k end,
            k = 1 and p.official_count = 1,
            (array['谢谢反映，我们马上安排人去看。','我也遇到过，希望早点解决。','同意，支持一下！'])[k],
            md5(p.id || '-' || k),
            p.created_at + k * interval '1 minute'
     from posts p cross join generate_series(1, ${D.commentsPerPost}) k`,
    [],
  ],
];

const V = VOTES;
/** The 议事厅 community, found by its name (ids are never assumed). */
const VOTE_COMMUNITY = '议事厅压测居委会';
const inVoteCommunity = `(select id from communities where name = '${VOTE_COMMUNITY}')`;

/**
 * 议事厅: a community of 5,000 households with two members each and a session each, and two
 * open household votes (after-close results for the ballot scenario, live for the tally
 * scenario), 3,000 ballots each with their first ballot_changes row. The electorate rows are
 * the votes feature's snapshot for a household vote (decision 022): one per household,
 * head key 'h:<id>', no area.
 */
const voteStatements: Array<[string, unknown[]]> = [
  [
    `insert into communities (street_id, name, address, phone, lat, lng, office_hours, intro)
     select s.id, '${VOTE_COMMUNITY}', '东滨区' || s.name || '梧桐路999弄', '021-5555-9999', 31.2, 121.45, $1::text::jsonb,
            '有${VOTE_HOUSEHOLDS}户的大型社区，议事厅里的投票有几千户参加。'
     from streets s order by s.id limit 1`,
    [JSON.stringify(weekdays)],
  ],
  [
    `insert into buildings (community_id, name, sort)
     select ${inVoteCommunity}, b || '号楼', b from generate_series(1, ${V.buildings}) b`,
    [],
  ],
  [
    `insert into households (community_id, building_id, unit, room, floor_area, owner_occupied)
     select b.community_id, b.id,
            (k / ${V.householdsPerBuilding / 2} + 1) || '单元',
            ((k % ${V.householdsPerBuilding / 2}) / 2 + 1) || '0' || (k % 2 + 1),
            52 + (b.id * 7 + k * 5) % 60 + 0.5 * (k % 2), true
     from buildings b cross join generate_series(0, ${V.householdsPerBuilding - 1}) k
     where b.community_id = ${inVoteCommunity}`,
    [],
  ],
  [`insert into users (openid, nickname) select 'voter-' || i, '居民' || i from generate_series(1, ${VOTERS}) i`, []],
  [
    // Voters 2h-1 and 2h live in the community's h-th household.
    `with h as (select id, community_id, row_number() over (order by id) as rn from households where community_id = ${inVoteCommunity}),
          u as (select id, substr(openid, 7)::int as i from users where openid like 'voter-%')
     insert into memberships (community_id, user_id, household_id, role, status, decided_at, created_at)
     select h.community_id, u.id, h.id, 'resident', 'approved', now() - interval '1 day', now() - interval '2 days'
     from u join h on h.rn = (u.i - 1) / ${V.membersPerHousehold} + 1`,
    [],
  ],
  [
    `insert into sessions (user_id, token_hash, kind, expires_at, last_seen_at)
     select id, encode(sha256(convert_to('bench-voter-token-' || lpad(substr(openid, 7), 6, '0'), 'UTF8')), 'hex'),
            'wechat', now() + interval '30 days', now()
     from users where openid like 'voter-%'`,
    [],
  ],
  [
    `insert into votes (community_id, title, description, kind, electorate, rule, results_shown, status, opens_at, closes_at, created_at, updated_at)
     select ${inVoteCommunity}, t.title, t.description, 'single', 'household', 'residents_meeting',
            t.shown::vote_results_shown, 'open', now() - interval '1 day', now() + interval '30 days',
            now() - interval '1 day', now() - interval '1 day'
     from (values (1, '非机动车充电棚建在哪里', '请每户选一个地方。', 'after_close'),
                  (2, '中心花园是否增设健身器材', '请每户投一票，结果实时公布。', 'live')) t(n, title, description, shown)
     order by t.n`,
    [],
  ],
  [
    `insert into vote_options (vote_id, position, label)
     select v.id, o.p, case when v.results_shown = 'live' then (array['赞成', '反对'])[o.p + 1]
                            else (array['东门车棚旁边', '5号楼北侧空地'])[o.p + 1] end
     from votes v cross join generate_series(0, 1) o(p)
     where v.community_id = ${inVoteCommunity}
     order by v.id, o.p`,
    [],
  ],
  [
    `insert into vote_electors (vote_id, household_id, building_id, head_key)
     select v.id, h.id, h.building_id, 'h:' || h.id
     from votes v join households h on h.community_id = v.community_id
     where v.community_id = ${inVoteCommunity} and h.retired_at is null
     order by v.id, h.id`,
    [],
  ],
  [
    // 3 households in 5 have voted, each by its first member; 60 / 40 between the two options.
    `with e as (select e.id, e.vote_id, e.household_id, row_number() over (partition by e.vote_id order by e.id) as rn
                from vote_electors e join votes v on v.id = e.vote_id where v.community_id = ${inVoteCommunity}),
          o as (select vote_id, array_agg(id order by position) as ids from vote_options group by vote_id),
          m as (select distinct on (household_id) household_id, user_id from memberships
                where community_id = ${inVoteCommunity} order by household_id, id)
     insert into ballots (vote_id, elector_id, option_ids, channel, cast_by, version, created_at, updated_at)
     select e.vote_id, e.id, array[o.ids[1 + ((e.rn * 7) % 5 < 2)::int]], 'self', m.user_id, 1,
            now() - (e.rn % 1440) * interval '1 minute', now() - (e.rn % 1440) * interval '1 minute'
     from e join o on o.vote_id = e.vote_id join m on m.household_id = e.household_id
     where e.rn % 5 < 3
     order by e.vote_id, e.id`,
    [],
  ],
  [
    `insert into ballot_changes (ballot_id, version, option_ids, channel, cast_by, at)
     select id, version, option_ids, channel, cast_by, created_at from ballots order by id`,
    [],
  ],
];

/**
 * 社区租赁 in the 议事厅 community. The calendar's item type: 50 units, 200 bookings each, one every
 * 2–3 days over the past year and the next 60 days (1 or 2 days plus the cleaning day, so a
 * unit's holds never overlap: the exclusion constraint checks every row); past ones returned,
 * the rest confirmed, each with its hold. The self-service item: 3 units, households may hold up
 * to 20 bookings of it (the bench measures contention on units, not the cap).
 */
const R = RENTALS;
const perUnit = R.calendarBookings / R.calendarUnits;
const span = R.pastDays + R.futureDays;
const rentalStatements: Array<[string, unknown[]]> = [
  [
    `insert into rental_points (community_id, name, address, hours, phone)
     values (${inVoteCommunity}, '压测为老服务站', '梧桐路999弄1号', '周一至周六 9:00-17:00', '021-5555-9998')`,
    [],
  ],
  [
    `insert into rental_point_communities (point_id, community_id) select id, community_id from rental_points where name = '压测为老服务站'`,
    [],
  ],
  [
    `insert into rental_item_types (point_id, community_id, category, name, fee_kind, fee_fen, deposit_fen, max_days, per_household, self_service, buffer_days)
     select p.id, p.community_id, t.category::rental_category, t.name, t.fee_kind::rental_fee_kind, t.fee, t.deposit, 30, t.cap, t.self, 1
     from rental_points p cross join (values (1, 'wheelchair', '手动轮椅', 'free', 0, 20000, 1, false),
                                            (2, 'walker', '助行器', 'per_day', 200, 10000, 20, true),
                                            (3, 'cane', '四脚拐杖', 'per_day', 100, 5000, 20, true)) t(n, category, name, fee_kind, fee, deposit, cap, self)
     where p.name = '压测为老服务站' order by t.n`,
    [],
  ],
  [
    `insert into rental_units (item_type_id, point_id, community_id, asset_tag)
     select it.id, it.point_id, it.community_id, it.category || '-' || lpad(u::text, 4, '0')
     from rental_item_types it cross join generate_series(1, case it.category when 'walker' then ${R.bookUnits} when 'cane' then ${R.freeUnits} else ${R.calendarUnits} end) u
     where it.point_id = (select id from rental_points where name = '压测为老服务站') order by it.id, u`,
    [],
  ],
  [
    // Booking k of unit u starts on day floor(k × span / perUnit) - pastDays (China date), lasts a day (plus the cleaning day).
    `with it as (select id, point_id, community_id from rental_item_types where name = '手动轮椅' and point_id = (select id from rental_points where name = '压测为老服务站')),
          u as (select id, row_number() over (order by id) as rn from rental_units where item_type_id = (select id from it)),
          h as (select id, row_number() over (order by id) as rn from households where community_id = ${inVoteCommunity}),
          today as (select (now() at time zone 'Asia/Shanghai')::date as d),
          b as (select u.id as unit_id, k, (select d from today) + (k * ${span} / ${perUnit}) - ${R.pastDays} + (u.rn % 3)::int as start_on,
                       1 as len, (u.rn * ${perUnit} + k) % ${VOTE_HOUSEHOLDS} + 1 as hn
                from u cross join generate_series(0, ${perUnit - 1}) k)
     insert into rental_bookings (community_id, point_id, item_type_id, unit_id, household_id, start_on, end_on, status, quote, created_at, updated_at)
     select it.community_id, it.point_id, it.id, b.unit_id, h.id, b.start_on, b.start_on + b.len - 1,
            (case when b.start_on + b.len - 1 < (select d from today) then 'returned' else 'confirmed' end)::rental_booking_status,
            '{}'::jsonb, now(), now()
     from b cross join it join h on h.rn = b.hn
     order by b.unit_id, b.k`,
    [],
  ],
  [
    `insert into rental_holds (unit_id, item_type_id, kind, booking_id, during)
     select unit_id, item_type_id, 'booking', id, daterange(start_on, end_on + 2) from rental_bookings
     where item_type_id = (select id from rental_item_types where name = '手动轮椅' and point_id = (select id from rental_points where name = '压测为老服务站'))
     order by id`,
    [],
  ],
];

/**
 * 找邻居 (NEIGHBOURS): resident i of 1..perCommunity × 200 lives in community (i-1) mod 200 + 1
 * (by id order, as the memberships above) as its k-th neighbour, k = (i-1) div 200, four to a
 * household. Every card is listed; switches vary with k: the name hidden on 1 in 10, the
 * building on 1 in 5, the tags on 1 in 4, room on 1 in 20; about 1 in 10 carries 会修电器
 * (hidden by a moderator on 1 in 200 of those), most have one or two other tags from the list;
 * 1 in 250 cards is hidden; every hundredth resident blocked the next one.
 */
const N = NEIGHBOURS;
const nUsers = N.perCommunity * D.communities;
const otherTags = neighbourTags.filter((t) => t !== '会修电器');
const tagArray = `(array[${otherTags.map((t) => `'${t}'`).join(',')}])`;
const neighbourStatements: Array<[string, unknown[]]> = [
  [
    `insert into users (openid, nickname)
     select 'nb-' || i, '邻居' || i from generate_series(1, ${nUsers}) i`,
    [],
  ],
  [
    `with h as (select id, community_id, building_id, row_number() over (partition by community_id order by id) as rn from households),
          c as (select id, row_number() over (order by id) as rn from communities),
          u as (select id, substr(openid, 4)::int as i from users where openid like 'nb-%')
     insert into memberships (community_id, user_id, household_id, role, status, decided_at, created_at)
     select c.id, u.id, h.id, 'resident', 'approved', now() - interval '1 day', now() - interval '2 days'
     from u
     join c on c.rn = (u.i - 1) % ${D.communities} + 1
     join h on h.community_id = c.id and h.rn = ((u.i - 1) / ${D.communities}) % ${perCommunity} + 1`,
    [],
  ],
  [
    `with u as (select id, substr(openid, 4)::int as i from users where openid like 'nb-%'),
          k as (select u.id, u.i, (u.i - 1) / ${D.communities} as k, ((u.i - 1) / ${D.communities} * 7) % ${otherTags.length} as t1 from u)
     insert into neighbour_cards (community_id, user_id, household_id, building_id, listed, listed_at, display_name,
                                  show_name, show_building, show_room, intro, show_intro, tags, show_tags, hidden_tags,
                                  can_help, need_help, show_help, serve, serve_since, consent_version, state,
                                  created_at, updated_at)
     select m.community_id, k.id, m.household_id, h.building_id, true, now() - (k.i % 1000) * interval '1 hour',
            (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + k.k % 10]
              || (array['阿姨','师傅','老师','大伯','小妹'])[1 + (k.k / 10) % 5],
            k.k % 10 <> 9, k.k % 5 <> 4, k.k % 20 = 0,
            case when k.k % 2 = 0 then '住在这里十多年了，平时喜欢和邻居聊天，有事可以找我。' end, k.k % 2 = 0,
            (case when k.k % 10 = 3 then array['会修电器'] else '{}'::text[] end)
              || ${tagArray}[1 + k.t1]
              || (case when k.k % 3 = 0 then array[${tagArray}[1 + (k.t1 + 1 + k.k % 14) % ${otherTags.length}]] else '{}'::text[] end)
              || (case when k.k % 50 = 7 then array['包馄饨'] else '{}'::text[] end),
            k.k % 4 <> 3,
            case when k.k % 2000 = 13 then array['会修电器'] else '{}'::text[] end,
            case when k.k % 3 = 0 then array['修水管', '陪老人聊天'] else '{}'::text[] end,
            case when k.k % 7 = 0 then array['想找人一起晨练'] else '{}'::text[] end,
            k.k % 3 <> 1, k.k % 25 = 0, case when k.k % 25 = 0 then now() - interval '3 days' end,
            '${NEIGHBOUR_CONSENT_VERSION}',
            (case when k.k % 250 = 17 then 'hidden' else 'visible' end)::content_state,
            now() - interval '30 days', now() - interval '1 day'
     from k
     join memberships m on m.user_id = k.id
     join households h on h.id = m.household_id`,
    [],
  ],
  // Statistics for the rows just written, so the statements below are planned as hash joins.
  ['analyze users, memberships, neighbour_cards', []],
  [
    // Resident i blocked resident i + 200 (the next one of the same community) when k is a multiple of 100.
    `with p as (select i from generate_series(1, ${nUsers - D.communities}) i where ((i - 1) / ${D.communities}) % 100 = 0)
     insert into neighbour_blocks (community_id, blocker_id, blocked_id, label)
     select b.community_id, ua.id, ub.id, b.display_name
     from p
     join users ua on ua.openid = 'nb-' || p.i
     join users ub on ub.openid = 'nb-' || (p.i + ${D.communities})
     join memberships m on m.user_id = ub.id
     join neighbour_cards b on b.community_id = m.community_id and b.user_id = ub.id`,
    [],
  ],
  [
    // The viewers: every viewerEvery-th neighbour of a community has a session.
    `insert into sessions (user_id, token_hash, kind, expires_at, last_seen_at)
     select u.id, encode(sha256(convert_to('bench-neighbour-token-' || lpad(substr(u.openid, 4), 7, '0'), 'UTF8')), 'hex'),
            'wechat', now() + interval '30 days', now()
     from users u
     where u.openid like 'nb-%' and ((substr(u.openid, 4)::int - 1) / ${D.communities}) % ${N.viewerEvery} = 0`,
    [],
  ],
];

/** Seeds the district into a freshly migrated database and returns what the load generator needs. */
export async function seedDistrict(sql: postgres.Sql): Promise<SeedReport> {
  const started = performance.now();
  const content = needsContent(selectedScenarios());
  const neighbours = needsNeighbours(selectedScenarios());
  await sql.begin(async (tx) => {
    for (const [text, params] of [
      ...statements,
      ...(neighbours ? neighbourStatements : []),
      ...(content ? contentStatements : []),
      ...voteStatements,
      ...rentalStatements,
    ])
      await tx.unsafe(text, params as string[]);
  });
  const seedMs = performance.now() - started;
  // Fresh statistics and visibility map, so the planner and autovacuum do not move under the load.
  const vacuumStarted = performance.now();
  await sql.unsafe('vacuum analyze');
  const vacuumMs = performance.now() - vacuumStarted;
  const counts: Record<string, number> = {};
  for (const table of [
    'communities',
    'community_staff',
    'buildings',
    'households',
    'users',
    'memberships',
    'sessions',
    'notices',
    'notice_reads',
    'posts',
    'post_comments',
    'votes',
    'vote_electors',
    'ballots',
    'rental_units',
    'rental_bookings',
    'rental_holds',
    'neighbour_cards',
    'neighbour_blocks',
  ]) {
    const [row] = await sql.unsafe(`select count(*)::int as n from ${table}`);
    counts[table] = row.n as number;
  }
  const ids = await sql.unsafe('select id from communities order by id');
  // The deep page of a community starts after its first deepOffset notices in list order
  // (the few on top, then newest): the cursor is that notice's keyset, as the app encodes it.
  const deep = await sql.unsafe(
    `select community_id, top, (extract(epoch from published_at) * 1000)::bigint as ms, id from (
       select community_id, id, published_at,
              (case when pinned_until > now() or category = 'urgent' then 1 else 0 end) as top,
              row_number() over (partition by community_id
                order by (case when pinned_until > now() or category = 'urgent' then 1 else 0 end) desc, published_at desc, id desc) as rn
       from notices where audience = 'all' or is_public) x
     where rn = ${D.deepOffset}`,
  );
  const cursors = new Map(deep.map((r) => [Number(r.community_id), `${r.top}.${r.ms}.${r.id}`]));
  // The board's deep page starts after the first boardDeepOffset visible posts, newest first.
  const boardDeep = await sql.unsafe(
    `select community_id, id from (
       select community_id, id, row_number() over (partition by community_id order by id desc) as rn
       from posts where state = 'visible') x
     where rn = ${D.boardDeepOffset}`,
  );
  const boardCursors = new Map(boardDeep.map((r) => [Number(r.community_id), `n${r.id}`]));
  const sessionCommunities = await sql.unsafe(
    `select distinct on (n) n, m.community_id
     from generate_series(1, ${D.sessions}) n
     join users u on u.openid = 'bench-' || ((n - 1) * ${Math.floor(D.users / D.sessions)} + n % 15 + 1)
     join memberships m on m.user_id = u.id
     order by n, m.id`,
  );
  const votes = await sql.unsafe(
    `select v.id, v.community_id, v.results_shown, array_agg(o.id order by o.position) as option_ids
     from votes v join vote_options o on o.vote_id = v.id
     where v.community_id = ${inVoteCommunity} group by v.id order by v.id`,
  );
  const castVote = votes.find((v) => v.results_shown === 'after_close');
  const liveVote = votes.find((v) => v.results_shown === 'live');
  if (!castVote || !liveVote) throw new Error('the 议事厅 votes were not seeded');
  const rentalItems = await sql.unsafe(
    `select it.id, it.community_id, it.self_service, it.category from rental_item_types it join rental_points p on p.id = it.point_id
     where p.name = '压测为老服务站' order by it.id`,
  );
  const calendarItem = rentalItems.find((r) => !r.self_service);
  const bookItem = rentalItems.find((r) => r.category === 'walker');
  const freeItem = rentalItems.find((r) => r.category === 'cane');
  if (!calendarItem || !bookItem || !freeItem) throw new Error('the 社区租赁 items were not seeded');
  const neighbourCommunities = neighbours
    ? await sql.unsafe(
        `select c.id, array_agg(b.id order by b.id) as building_ids
         from communities c join buildings b on b.community_id = c.id
         where c.name <> '${VOTE_COMMUNITY}' group by c.id order by c.id`,
      )
    : [];
  const [version] = await sql.unsafe('show server_version');
  return {
    serverVersion: String(version.server_version),
    seedMs,
    vacuumMs,
    counts,
    communityIds: ids.map((r) => r.id as number),
    noticeTargets: sessionCommunities.map((r) => ({
      communityId: Number(r.community_id),
      deepCursor: cursors.get(Number(r.community_id)) as string,
      boardCursor: boardCursors.get(Number(r.community_id)) as string,
    })),
    vote: {
      communityId: Number(castVote.community_id),
      castVoteId: Number(castVote.id),
      castOptionIds: (castVote.option_ids as Array<number | string>).map(Number),
      liveVoteId: Number(liveVote.id),
    },
    rental: {
      communityId: Number(calendarItem.community_id),
      calendarItemId: Number(calendarItem.id),
      bookItemId: Number(bookItem.id),
      freeItemId: Number(freeItem.id),
    },
    neighbours: neighbours
      ? {
          communities: neighbourCommunities.map((r) => ({
            id: Number(r.id),
            buildingIds: ints(r.building_ids),
          })),
          perCommunity: N.perCommunity,
        }
      : null,
  };
}

/** int[] as an array, or as its text when the shared PGlite client's parsers are swapped. */
const ints = (v: unknown): number[] =>
  Array.isArray(v) ? v.map(Number) : String(v).replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
