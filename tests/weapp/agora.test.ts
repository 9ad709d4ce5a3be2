/**
 * 议事厅 in the production WeChat build, headless (see shim.ts), against the real server with the
 * demo seed: the 首页 tile opens 议事厅 with the server's topics; a topic in 投票中 shows its stage
 * and its discussion (the committee's answer under the question); its vote page shows the ballot,
 * and casting it stores the household's ballot on the server; the 公示 page of the seed's closed
 * owners' vote shows the frozen figures, every threshold and the outcome.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const INDEX = 'packages/agora/index';
const TOPIC = 'packages/agora/topic/index';
const VOTE = 'packages/agora/vote/index';
const RESULT = 'packages/agora/result/index';

/** The demo seed's topic in 投票中 (a household vote, results live) and its closed owners' 278 vote. */
const VOTING_TOPIC = '建一个非机动车充电棚';
const PUBLICIZED_TOPIC = '改造小区垃圾箱房';

let server: Awaited<ReturnType<typeof startServer>>;
let communityId: number;

beforeAll(async () => {
  server = await startServer();
  const [row] = await server.deps.database.sql<{ id: number }[]>`
    select id from communities where name = '梧桐里居委会'`;
  communityId = row.id;
});

afterAll(async () => {
  await server?.close();
});

async function get<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${server.url}/api/committees/${communityId}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** The texts of every node matching `selector` on the current page, in document order. */
function column(mp: MiniProgram, selector: string): string[] {
  return mp
    .currentPage()
    .root.querySelectorAll(selector)
    .map((n) => (n.dom.textContent ?? '').trim());
}

interface TopicItem {
  id: number;
  title: string;
  stage: string;
  vote: { id: number; status: string } | null;
}
interface CommentItem {
  id: number;
  body: string;
  kind: string;
  answers: Array<{ id: number; body: string }>;
}
interface Threshold {
  key: string;
  met: boolean;
}
interface VoteView {
  id: number;
  title: string;
  status: string;
  options: Array<{ id: number; label: string }>;
  ineligibleReason: string | null;
  myBallot: { optionIds: number[]; channel: string } | null;
  turnout: { ballots: number; electors: number };
  result: {
    outcome: string;
    electors: { count: number };
    participated: { count: number };
    participation: Threshold[];
    options: Array<{ optionId: number; ballots: number; approval: Threshold[] }>;
  } | null;
}

describe('the demo resident in 议事厅 (wx.login code "demo-resident")', () => {
  let mp: MiniProgram;
  let token: string;
  let votingTopic: TopicItem;

  beforeAll(async () => {
    mp = startMiniProgram(server.url, DEMO_CODE);
    mp.launch();
    token = await waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('the 首页 议事厅 tile opens 议事厅 with the topics the server gives, in its order', async () => {
    await waitFor(() => mp.find('#feature-proposals'), { describe: () => mp.text() });
    mp.tap('#feature-proposals');
    await waitForRoute(mp, INDEX);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId) });
    // The first tab is 征集中.
    const collecting = (await get<{ items: TopicItem[] }>('/topics?filter=collecting', token)).items;
    expect(collecting.length).toBeGreaterThan(0);
    await waitFor(() => column(mp, '.agora-card-title').length === collecting.length, { describe: () => mp.text() });
    expect(column(mp, '.agora-card-title')).toEqual(collecting.map((t) => t.title));

    mp.tap('#agora-tab-voting');
    const voting = (await get<{ items: TopicItem[] }>('/topics?filter=voting', token)).items;
    votingTopic = voting.find((t) => t.title === VOTING_TOPIC) as TopicItem;
    expect(votingTopic?.vote?.status).toBe('open');
    await waitForText(mp, `#topic-${votingTopic.id}-title`, VOTING_TOPIC);
    expect(column(mp, '.agora-card-title')).toEqual(voting.map((t) => t.title));
    expect(textOf(mp, `#topic-${votingTopic.id}-stage`)).toBe('投票中');
  });

  it('a topic shows its stage and its discussion, the committee’s answer under the question', async () => {
    mp.tap(`#topic-${votingTopic.id}`);
    await waitForRoute(mp, TOPIC);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId), id: String(votingTopic.id) });
    await waitForText(mp, '#topic-title', VOTING_TOPIC);
    expect(textOf(mp, '#topic-stage-label')).toBe('投票中');
    const comments = await get<{ official: CommentItem[]; items: CommentItem[] }>(
      `/topics/${votingTopic.id}/comments`,
      token,
    );
    expect(comments.items.length).toBeGreaterThanOrEqual(3);
    for (const c of comments.items) await waitForText(mp, `#tc-${c.id}`, c.body);
    const question = comments.items.find((c) => c.kind === 'question' && c.answers.length > 0) as CommentItem;
    expect(question).toBeDefined();
    const [answer] = question.answers;
    expect(textOf(mp, `#tc-${question.id}-answer-${answer.id}`)).toContain(answer.body);
    expect(textOf(mp, `#tc-${question.id}-answer-${answer.id}`)).toContain('居委答复');
    expect(textOf(mp, '#topic-vote')).toContain('去投票');
  });

  it('the vote page shows the ballot; casting it stores the household’s ballot on the server', async () => {
    const voteId = votingTopic.vote?.id as number;
    const before = await get<VoteView>(`/votes/${voteId}`, token);
    expect(before).toMatchObject({ status: 'open', ineligibleReason: null, myBallot: null });
    mp.tap('#topic-vote');
    await waitForRoute(mp, VOTE);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId), id: String(voteId) });
    await waitFor(() => mp.find('#ballot-submit'), { describe: () => mp.text() });
    for (const o of before.options) expect(textOf(mp, `#ballot-option-${o.id}`)).toContain(o.label);
    await waitForText(mp, '#vote-turnout', `${before.turnout.ballots} / ${before.turnout.electors}`);

    const choice = before.options[1];
    mp.tap(`#ballot-option-${choice.id}`);
    // The choice is drawn before 投票 is tapped (the button sends what the page shows).
    await waitForText(mp, `#ballot-option-${choice.id}`, '◉');
    mp.setModalAnswer({ confirm: true, cancel: false });
    mp.tap('#ballot-submit');
    await waitForText(mp, '#my-ballot-choice', choice.label);
    const after = await get<VoteView>(`/votes/${voteId}`, token);
    expect(after.myBallot).toMatchObject({ optionIds: [choice.id], channel: 'self' });
    expect(after.turnout.ballots).toBe(before.turnout.ballots + 1);
    const [row] = await server.deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from ballots where vote_id = ${voteId} and ${choice.id} = any(option_ids) and channel = 'self'`;
    expect(row.n).toBeGreaterThan(0);
    await waitForText(mp, '#vote-turnout', `${after.turnout.ballots} / ${after.turnout.electors}`);
  });

  it('the 公示 page of a closed owners’ vote shows its figures, every threshold and the outcome', async () => {
    const all = (await get<{ items: TopicItem[] }>('/topics?filter=all&limit=50', token)).items;
    const topic = all.find((t) => t.title === PUBLICIZED_TOPIC) as TopicItem;
    expect(topic?.vote?.status).toBe('closed');
    const voteId = topic.vote?.id as number;
    const page = await get<{ outcomeText: string; vote: VoteView }>(`/votes/${voteId}/result`, token);
    const r = page.vote.result;
    if (!r) throw new Error('the closed vote has no result');

    // As a shared card opens it: WeChat relaunches at the page.
    mp.nav.reLaunch(`/${RESULT}?id=${voteId}&communityId=${communityId}`);
    await waitForRoute(mp, RESULT);
    await waitForText(mp, '#result-outcome', page.outcomeText);
    expect(textOf(mp, '#result-title')).toContain(page.vote.title);
    expect(textOf(mp, '#result-electors')).toContain(`${r.electors.count} 户`);
    expect(textOf(mp, '#result-participated')).toContain(`${r.participated.count} 户`);
    for (const t of r.participation) {
      expect(textOf(mp, `#result-participation-${t.key}-met`)).toBe(t.met ? '✓ 达到' : '✗ 未达到');
    }
    for (const o of r.options) {
      expect(textOf(mp, `#result-option-${o.optionId}-count`)).toBe(`${o.ballots} 票`);
      for (const t of o.approval) {
        expect(textOf(mp, `#result-option-${o.optionId}-${t.key}-met`)).toBe(t.met ? '✓ 达到' : '✗ 未达到');
      }
    }
    expect(mp.text()).not.toMatch(/undefined|NaN/);
  });
});
