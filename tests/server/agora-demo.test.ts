/** The demo community's 议事厅: one topic at each stage, consistent counts, closed votes that re-tally, 住户守则. */
import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT_CODE, seedDemo } from '../../server/db/seed';
import { DEMO_COSIGN_THRESHOLD, HOUSE_RULES_TEXT } from '../../server/db/seed-agora';
import { tally } from '../../shared/domain/tally';
import type { TallyResult } from '../../shared/domain/tally-types';
import { type BallotChannel, type MotionRole, topicStages, type VoteKind, type VoteRule } from '../../shared/enums';
import { useTestApp } from '../helpers/app';

const t = useTestApp();

interface TopicRow {
  id: number;
  kind: string;
  title: string;
  stage: string;
  cosign_needed: number;
  cosign_count: number;
  comment_count: number;
  rating_count: number;
  rating_sum: number;
  vote_id: number | null;
  result_notice_id: number | null;
  merged_into_id: number | null;
  decision: string | null;
}

async function demo() {
  const sql = t.app.database.sql;
  const [community] = await sql<{ id: number }[]>`select id from communities order by id limit 1`;
  const topics = await sql<TopicRow[]>`select * from topics where community_id = ${community.id} order by id`;
  return { sql, communityId: community.id, topics };
}

/** The demo resident's household (she signs in as the H5 demo does). */
async function demoResidentHousehold(): Promise<number> {
  const signin = await t.app.call('POST', '/api/auth/wechat', { body: { code: DEMO_RESIDENT_CODE } });
  expect(signin.status).toBe(200);
  const [me] = await t.app.database.sql<{ household_id: number }[]>`
    select household_id from memberships where user_id = ${signin.body.user.id} and status = 'approved'`;
  return me.household_id;
}

describe('demo 议事厅', () => {
  it('has one resident topic at each stage, with counts that match their rows', async () => {
    expect(await seedDemo(t.app.deps)).not.toBeNull();
    const { sql, communityId, topics } = await demo();
    const proposals = topics.filter((x) => x.kind === 'proposal');
    expect(proposals.map((x) => x.stage).sort()).toEqual([...topicStages].sort());
    const [settings] = await sql<{ cosign_threshold: number }[]>`
      select cosign_threshold from agora_settings where community_id = ${communityId}`;
    expect(settings.cosign_threshold).toBe(DEMO_COSIGN_THRESHOLD);

    for (const topic of topics) {
      const [cosigns] = await sql<{ n: number }[]>`
        select count(*)::int as n from topic_cosigns where topic_id = ${topic.id}`;
      const [comments] = await sql<{ n: number }[]>`
        select count(*)::int as n from topic_comments where topic_id = ${topic.id} and state = 'visible'`;
      const [rated] = await sql<{ n: number; sum: number }[]>`
        select count(*)::int as n, coalesce(sum(score), 0)::int as sum
        from topic_ratings where topic_id = ${topic.id} and state = 'visible'`;
      expect({ id: topic.id, cosigns: topic.cosign_count, comments: topic.comment_count }).toEqual({
        id: topic.id,
        cosigns: cosigns.n,
        comments: comments.n,
      });
      expect([topic.rating_count, topic.rating_sum]).toEqual([rated.n, rated.sum]);

      // The timeline: stage lines chain from "proposed" to the current stage, in time order.
      const events = await sql<{ kind: string; from_stage: string | null; to_stage: string | null; at: Date }[]>`
        select kind, from_stage, to_stage, at from topic_events where topic_id = ${topic.id} order by id`;
      const stages = events.filter((e) => e.kind === 'stage');
      expect(stages[0].from_stage).toBeNull();
      for (let i = 1; i < stages.length; i++) expect(stages[i].from_stage).toBe(stages[i - 1].to_stage);
      expect(stages.at(-1)?.to_stage).toBe(topic.stage);
      const times = events.map((e) => new Date(e.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // Past the threshold only by reaching it (or by the committee's own topic).
      if (stages.some((s) => s.to_stage === 'reviewing')) {
        expect(topic.cosign_count).toBeGreaterThanOrEqual(topic.cosign_needed);
        expect(events.some((e) => e.kind === 'cosign_reached')).toBe(true);
      }
    }

    const byStage = (stage: string) => proposals.find((x) => x.stage === stage) as TopicRow;
    const collecting = byStage('collecting');
    expect([collecting.cosign_count, collecting.cosign_needed]).toEqual([2, 5]);
    const mine = await sql`select 1 from topic_cosigns where topic_id = ${collecting.id}
      and household_id = ${await demoResidentHousehold()}`;
    expect(mine).toHaveLength(0);
    expect(byStage('reviewing').cosign_count).toBeGreaterThanOrEqual(5);
    expect(byStage('declined').decision).toMatch(/公共绿地/);
    expect(byStage('merged').merged_into_id).toBe(byStage('discussing').id);

    const discussing = byStage('discussing');
    const [q] = await sql<{ n: number }[]>`
      select count(*)::int as n from topic_comments a join topic_comments q on q.id = a.answers_id
      where q.topic_id = ${discussing.id} and q.kind = 'question' and a.official`;
    expect(q.n).toBeGreaterThanOrEqual(1);
    expect(await sql`select 1 from topic_meetings where topic_id = ${discussing.id}`).toHaveLength(1);
    expect(await sql`select 1 from topic_updates where topic_id = ${byStage('implementing').id}`).toHaveLength(2);
    const rating = byStage('rating');
    expect(rating.rating_count).toBeGreaterThanOrEqual(3);
    expect(byStage('closed').rating_count).toBeGreaterThanOrEqual(3);
  });

  it('the open vote takes ballots (self, 委托 and 代录) but not yet the demo resident’s', async () => {
    const { sql, topics } = await demo();
    const voting = topics.find((x) => x.kind === 'proposal' && x.stage === 'voting') as TopicRow;
    const [vote] = await sql<{ id: number; status: string; rule: string; results_shown: string; closes_at: Date }[]>`
      select * from votes where id = ${voting.vote_id}`;
    expect(vote).toMatchObject({ status: 'open', rule: 'residents_meeting', results_shown: 'live' });
    expect(new Date(vote.closes_at).getTime()).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    const channels = await sql<{ channel: BallotChannel; n: number }[]>`
      select channel, count(*)::int as n from ballots where vote_id = ${vote.id} group by channel`;
    const counts = Object.fromEntries(channels.map((c) => [c.channel, c.n]));
    expect(counts.paper).toBe(1);
    expect(counts.proxy).toBe(1);
    expect(counts.self).toBeGreaterThanOrEqual(3);
    const [proxied] = await sql<{ status: string; delegate_id: number; cast_by: number }[]>`
      select p.status, p.delegate_id, b.cast_by from ballots b join vote_proxies p on p.id = b.proxy_id
      where b.vote_id = ${vote.id}`;
    expect(proxied.status).toBe('active');
    expect(proxied.cast_by).toBe(proxied.delegate_id);

    expect(
      await sql`select 1 from ballots b join vote_electors e on e.id = b.elector_id
        where b.vote_id = ${vote.id} and e.household_id = ${await demoResidentHousehold()}`,
    ).toHaveLength(0);

    // The quick poll: no topic, open, every approved resident one vote.
    const polls = await sql<{ id: number; electorate: string; status: string }[]>`
      select id, electorate, status from votes where topic_id is null`;
    expect(polls).toEqual([expect.objectContaining({ electorate: 'resident', status: 'open' })]);
    const heads = await sql<{ head_key: string; user_id: number }[]>`
      select head_key, user_id from vote_electors where vote_id = ${polls[0].id}`;
    expect(heads.length).toBeGreaterThanOrEqual(8);
    for (const h of heads) expect(h.head_key).toBe(`u:${h.user_id}`);
  });

  it('every ballot has its first change row; electors follow the snapshot rules', async () => {
    const { sql, communityId } = await demo();
    const missing = await sql`
      select b.id from ballots b left join ballot_changes c on c.ballot_id = b.id and c.version = b.version
      where c.id is null or c.option_ids <> b.option_ids or c.channel <> b.channel`;
    expect(missing).toHaveLength(0);
    const units = await sql<
      { id: number; floor_area: number | null; owner_key: string | null; developer_unit: boolean }[]
    >`select id, floor_area::float8 as floor_area, owner_key, developer_unit from households where community_id = ${communityId}`;
    expect(units.every((u) => u.floor_area !== null && u.floor_area > 0)).toBe(true);
    expect(units.filter((u) => u.developer_unit)).toHaveLength(3);
    const keys = new Map<string, number>();
    for (const u of units) if (u.owner_key) keys.set(u.owner_key, (keys.get(u.owner_key) ?? 0) + 1);
    expect([...keys.values()].filter((n) => n > 1)).toEqual([2]);

    const unitById = new Map(units.map((u) => [u.id, u]));
    const electors = await sql<
      { electorate: string; household_id: number; area: number | null; head_key: string }[]
    >`select v.electorate, e.household_id, e.area::float8 as area, e.head_key
      from vote_electors e join votes v on v.id = e.vote_id where v.electorate <> 'resident'`;
    expect(electors.length).toBeGreaterThan(0);
    for (const e of electors) {
      const u = unitById.get(e.household_id);
      if (!u) throw new Error(`elector of an unknown household ${e.household_id}`);
      if (e.electorate === 'household') expect([e.head_key, e.area]).toEqual([`h:${u.id}`, null]);
      else
        expect([e.head_key, e.area]).toEqual([
          u.developer_unit ? 'dev' : u.owner_key ? `o:${u.owner_key}` : `h:${u.id}`,
          u.floor_area,
        ]);
    }
  });

  it('closed votes store exactly what tally() gives from their electors and ballots, with a 公示', async () => {
    const { sql, topics } = await demo();
    const closed = await sql<
      {
        id: number;
        topic_id: number;
        kind: VoteKind;
        rule: VoteRule;
        max_choices: number;
        quorum_percent: number | null;
        silent_majority: boolean;
        electorate: string;
        result: TallyResult;
      }[]
    >`select * from votes where status = 'closed' order by id`;
    expect(closed.map((v) => [v.electorate, v.rule])).toEqual(
      expect.arrayContaining([
        ['household', 'residents_meeting'],
        ['owner', 'civil_278'],
      ]),
    );
    for (const v of closed) {
      const options = await sql<{ id: number; label: string; motion_role: MotionRole | null }[]>`
        select id, label, motion_role from vote_options where vote_id = ${v.id} order by position`;
      const electors = await sql<
        { id: number; building_id: number | null; area: string | null; head_key: string; served_at: Date | null }[]
      >`select id, building_id, area::text as area, head_key, served_at from vote_electors where vote_id = ${v.id} order by id`;
      const ballots = await sql<{ elector_id: number; option_ids: number[]; channel: BallotChannel }[]>`
        select elector_id, option_ids, channel from ballots where vote_id = ${v.id} order by id`;
      const again = tally({
        kind: v.kind,
        rule: v.rule,
        quorumPercent: v.quorum_percent,
        maxChoices: v.max_choices,
        silentMajority: v.silent_majority,
        options: options.map((o) => ({ id: o.id, label: o.label, motionRole: o.motion_role })),
        // Areas as exact centi-m² from the numeric's text (no float on the way).
        electors: electors.map((e) => ({
          id: e.id,
          buildingId: e.building_id,
          areaCenti: e.area === null ? 0 : Number(e.area.replace('.', '')),
          headKey: e.head_key,
          served: e.served_at !== null,
        })),
        ballots: ballots.map((b) => ({ electorId: b.elector_id, optionIds: b.option_ids, channel: b.channel })),
      });
      expect(v.result).toEqual(again);
      expect(v.result.outcome).toBe('passed');

      const topic = topics.find((x) => x.id === v.topic_id) as TopicRow;
      const [notice] = await sql<{ category: string; status: string; title: string; body: string }[]>`
        select category, status, title, body from notices where id = ${topic.result_notice_id}`;
      expect(notice).toMatchObject({ category: 'publicity', status: 'published' });
      expect(notice.title).toMatch(/^【投票结果公示】/);
      expect(notice.body).toContain('结果：通过');
    }
    const owners = closed.find((v) => v.electorate === 'owner') as (typeof closed)[number];
    // 144 units: three developer units are one head, one owner's two units another.
    expect(owners.result.electors).toMatchObject({ count: 144, heads: 141 });
    expect(owners.result.participation.every((p) => p.met)).toBe(true);
    // The owner of two units voted alike for both, so every participating head chose one option.
    expect(owners.result.options.reduce((sum, o) => sum + o.heads, 0)).toBe(owners.result.participated.heads);
  });

  it('the 住户守则 was adopted by its closed vote, version 1 with the vote’s figures', async () => {
    const { sql, communityId, topics } = await demo();
    const rulesTopic = topics.find((x) => x.kind === 'house_rules') as TopicRow;
    expect(rulesTopic.stage).toBe('closed');
    const [rules] = await sql<
      { version: number; body: string; vote_id: number; topic_id: number; figures: Record<string, unknown> }[]
    >`select * from house_rules where community_id = ${communityId}`;
    expect(rules).toMatchObject({ version: 1, body: HOUSE_RULES_TEXT, vote_id: rulesTopic.vote_id });
    const articles = rules.body.split('\n');
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(12);
    const [vote] = await sql<{ rule: string; result: TallyResult }[]>`
      select rule, result from votes where id = ${rules.vote_id}`;
    expect(vote.rule).toBe('residents_meeting');
    const yes = vote.result.options.find((o) => o.motionRole === 'yes');
    expect(rules.figures).toEqual({
      rule: 'residents_meeting',
      electors: vote.result.electors.count,
      participated: vote.result.participated.count,
      approved: yes?.ballots,
    });
    expect(vote.result.participated.count * 2).toBeGreaterThan(vote.result.electors.count);
  });
});

describe('demo 议事厅 through the API', () => {
  it('the demo resident reads every topic, the 住户守则, the live vote, and can vote and co-sign', async () => {
    const { sql, communityId, topics } = await demo();
    const signin = await t.app.call('POST', '/api/auth/wechat', { body: { code: DEMO_RESIDENT_CODE } });
    const token = signin.body.token as string;
    const base = `/api/committees/${communityId}`;

    const list = await t.app.call('GET', `${base}/topics?limit=50`, { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(topics.length);
    for (const item of list.body.items as Array<{ id: number; stage: string }>) {
      const detail = await t.app.call('GET', `${base}/topics/${item.id}`, { token });
      expect(detail.status).toBe(200);
      const row = topics.find((x) => x.id === item.id) as TopicRow;
      expect(detail.body).toMatchObject({
        stage: row.stage,
        cosignCount: row.cosign_count,
        commentCount: row.comment_count,
        ratingCount: row.rating_count,
      });
      const stageLines = (detail.body.timeline as Array<{ kind: string; toStage: string | null }>).filter(
        (e) => e.kind === 'stage',
      );
      expect(stageLines.at(-1)?.toStage).toBe(row.stage);
    }
    const collecting = topics.find((x) => x.kind === 'proposal' && x.stage === 'collecting') as TopicRow;
    const cosigned = await t.app.call('POST', `${base}/topics/${collecting.id}/cosign`, { token });
    expect(cosigned.status).toBe(200);
    expect(cosigned.body).toMatchObject({ cosignCount: 3, cosignedByMyHousehold: true, stage: 'collecting' });

    const rules = await t.app.call('GET', `${base}/house-rules`);
    expect(rules.status).toBe(200);
    expect(rules.body.current).toMatchObject({ version: 1, body: HOUSE_RULES_TEXT });
    expect(rules.body.current.figures.participated * 2).toBeGreaterThan(rules.body.current.figures.electors);

    const voting = topics.find((x) => x.kind === 'proposal' && x.stage === 'voting') as TopicRow;
    const vote = await t.app.call('GET', `${base}/votes/${voting.vote_id}`, { token });
    expect(vote.status).toBe(200);
    expect(vote.body).toMatchObject({ status: 'open', myBallot: null, ineligibleReason: null });
    expect(vote.body.turnout).toEqual({ ballots: 8, electors: 144 });
    expect(vote.body.result.byChannel).toEqual({ self: 6, proxy: 1, paper: 1 });
    const cast = await t.app.call('PUT', `${base}/votes/${voting.vote_id}/ballot`, {
      token,
      body: { optionIds: [vote.body.options[0].id] },
    });
    expect(cast.status).toBe(200);
    expect(cast.body.turnout).toEqual({ ballots: 9, electors: 144 });
    expect(cast.body.myBallot).toMatchObject({ channel: 'self', version: 1 });

    const closed = await sql<{ id: number }[]>`select id from votes where status = 'closed' order by id`;
    for (const c of closed) {
      const page = await t.app.call('GET', `${base}/votes/${c.id}/result`, { token });
      expect(page.status).toBe(200);
      expect(page.body.vote.result.outcome).toBe('passed');
    }
  });
});
