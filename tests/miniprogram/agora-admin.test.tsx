/**
 * 议事厅 admin pages with mocked replies: the topics list and its counts; the review (采纳 /
 * 合并到… / 不采纳) sends exactly its body; the stage buttons follow shared/domain/topic-stages.ts;
 * 发起投票 sends the exact createVote body (a 民法典278 owners' vote on two buildings, a quick
 * household poll) and offers 278 rules to owners only; MISSING_FLOOR_AREA shown plainly; 代录纸质票
 * needs the photo; 送达; the settings; the menu for moderators and not for handlers.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { visibleSections } from '../../miniprogram/lib/admin-menu';
import type { ChosenFile } from '../../miniprogram/lib/notice-files';
import AdminAgoraSettings from '../../miniprogram/packages/admin/agora-settings/index';
import AdminTopicDetail from '../../miniprogram/packages/admin/topic-detail/index';
import AdminTopics from '../../miniprogram/packages/admin/topics/index';
import AdminVoteDetail from '../../miniprogram/packages/admin/vote-detail/index';
import AdminVoteNew from '../../miniprogram/packages/admin/vote-new/index';
import AdminVotes from '../../miniprogram/packages/admin/votes/index';
import { moderatorMovesFrom } from '../../shared/domain/topic-stages';
import { type TopicStage, topicStages } from '../../shared/enums';
import { type Call, committeeCard, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

/** What the photo picker hands back next, and the uploads it turns into (no multipart in jsdom). */
let nextChosen: ChosenFile[] = [];
const uploaded: number[] = [];
vi.mock('../../miniprogram/lib/notice-files', async (original) => ({
  ...(await original<typeof import('../../miniprogram/lib/notice-files')>()),
  chooseNoticeFiles: vi.fn(async () => nextChosen),
  uploadNoticeFile: vi.fn(async (_communityId: number, _file: ChosenFile, isPublic: boolean) => {
    const id = 500 + uploaded.length;
    uploaded.push(id);
    return upload(id, isPublic);
  }),
}));

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
  router.params = {};
  nextChosen = [];
  uploaded.length = 0;
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const type = (selector: string, value: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  fireEvent.change(el, { target: { value } });
};
const click = async (selector: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    fireEvent.click(el);
  });
};
const posts = (calls: Call[], suffix: string) =>
  calls.filter((c) => (c.method === 'POST' || c.method === 'PUT') && c.path.endsWith(suffix));

function upload(id: number, isPublic = false) {
  const file = `/api/files/${String(id).repeat(64).slice(0, 64)}.jpg?exp=1700000000&sig=abc`;
  return {
    id,
    kind: 'image',
    name: `照片${id}.jpg`,
    byteSize: 1000,
    width: 800,
    height: 600,
    isPublic,
    urls: { display: file, thumbnail: file, original: null },
  };
}

function topicBase(id: number, stage: TopicStage, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    kind: 'proposal',
    title: `议题${id}`,
    place: null,
    stage,
    stageAt: '2026-11-20T02:00:00.000Z',
    authorLabel: '3号楼居民',
    byCommittee: false,
    mine: false,
    state: 'visible',
    heldReason: null,
    cosignNeeded: 40,
    cosignCount: 12,
    cosignUntil: null,
    cosignedByMyHousehold: false,
    commentCount: 0,
    ratingCount: 0,
    ratingAverage: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    ...over,
  };
}

const staffItem = (
  id: number,
  stage: TopicStage,
  nextStep: string | null = null,
  over: Record<string, unknown> = {},
) => ({
  ...topicBase(id, stage, over),
  excerpt: '在3号楼旁增设充电桩',
  vote: null,
  nextStep,
});

function topicDetail(id: number, stage: TopicStage, over: Record<string, unknown> = {}) {
  return {
    ...topicBase(id, stage),
    body: '在3号楼旁增设电动车充电桩，解决飞线充电的安全隐患。',
    images: [],
    plan: null,
    decision: null,
    mergedInto: null,
    mergedFrom: [],
    vote: null,
    pastVotes: [],
    resultNoticeId: null,
    meetings: [],
    updates: [],
    ratingUntil: null,
    myRating: null,
    canCosign: false,
    canComment: false,
    canRate: false,
    timeline: [
      {
        kind: 'stage',
        fromStage: null,
        toStage: 'collecting',
        actorLabel: '提议人',
        note: null,
        refId: null,
        at: '2026-11-20T02:00:00.000Z',
      },
    ],
    ...over,
  };
}

/** The contract's counts name every stage (a zod record over the stage enum). */
const counts = (some: Partial<Record<TopicStage, number>> = {}) =>
  Object.fromEntries(topicStages.map((s) => [s, some[s] ?? 0]));

const noComments = { official: [], items: [], nextAfter: null };

function voteDetail(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    topicId: null,
    title: '是否增设充电桩',
    kind: 'single',
    maxChoices: 1,
    electorate: 'household',
    rule: 'simple',
    status: 'open',
    opensAt: null,
    closesAt: '2030-12-20T10:00:00.000Z',
    closedAt: null,
    turnout: { ballots: 1, electors: 3 },
    description: null,
    topicTitle: null,
    options: [
      { id: 71, label: '东侧空地', motionRole: null },
      { id: 72, label: '西侧车棚', motionRole: null },
    ],
    quorumPercent: null,
    civilItem: null,
    buildings: null,
    resultsShown: 'after_close',
    anonymous: false,
    proxyCap: 1,
    silentMajority: false,
    silentMajorityBasis: null,
    ruleText: ['得票最多的选项通过'],
    ineligibleReason: null,
    myBallot: null,
    proxyFor: [],
    myProxy: null,
    result: null,
    groupHouseholds: null,
    resultNoticeId: null,
    ...over,
  };
}

const elector = (electorId: number, label: string, over: Record<string, unknown> = {}) => ({
  electorId,
  label,
  buildingId: 3,
  area: null,
  voted: false,
  channel: null,
  servedAt: null,
  hasProxy: false,
  ...over,
});

const buildings = {
  items: [
    { id: 3, name: '3号楼', households: 24 },
    { id: 4, name: '4号楼', households: 24 },
    { id: 5, name: '5号楼', households: 24 },
  ],
};

function signedIn(routes: Parameters<typeof fakeServer>[0], role: 'moderator' | 'handler' = 'moderator'): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: '李主任', isStaff: true },
        memberships: [membership({ id: 90, role, status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    'GET /api/committees/:communityId/buildings': () => ({ body: buildings }),
    ...routes,
  });
}

describe('the menu', () => {
  it('shows 议事厅 to the committee and not to a property handler', async () => {
    expect(visibleSections(false, false).map((s) => s.title)).toEqual(
      expect.arrayContaining(['议事厅管理', '投票管理', '议事厅设置']),
    );
    expect(visibleSections(false, true).map((s) => s.title)).toEqual(['小事快办']);
    signedIn({
      'GET /api/committees/:communityId/agora/topics': () => ({
        body: { items: [], nextBefore: null, counts: counts() },
      }),
    });
    render(<AdminTopics />);
    await waitFor(() => expect($('#admin-menu-topics')).toBeTruthy());
    expect($('#admin-menu-votes')).toBeTruthy();
    expect($('#admin-menu-agora-settings')).toBeTruthy();
  });

  it('a handler opening 议事厅 is sent to 小事快办', async () => {
    signedIn({}, 'handler');
    render(<AdminTopics />);
    await waitFor(() => expect($('#admin-handler-only')).toBeTruthy());
    expect($('#admin-menu-topics')).toBeNull();
  });
});

describe('议事厅管理', () => {
  it('tabs carry the counts, rows show 附议 x/y and the next step, a tab asks for its stage', async () => {
    const calls = signedIn({
      'GET /api/committees/:communityId/agora/topics': (call) => ({
        body: {
          items:
            call.query.get('stage') === 'voting'
              ? []
              : [staffItem(11, 'reviewing', '等待审核'), staffItem(12, 'discussing')],
          nextBefore: null,
          counts: counts({ reviewing: 1, discussing: 1, voting: 2 }),
        },
      }),
    });
    render(<AdminTopics />);
    await waitFor(() => expect($('#topic-11')).toBeTruthy());
    expect($('#topic-tab-all')?.textContent).toBe('全部 4');
    expect($('#topic-tab-voting')?.textContent).toBe('投票中 2');
    expect($('#topic-11-meta')?.textContent).toContain('附议 12/40户');
    expect($('#topic-11-next')?.textContent).toBe('下一步：等待审核');
    expect($('#topic-12-next')).toBeNull();
    await click('#topic-11');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/topic-detail/index?id=11' });
    await click('#topic-tab-voting');
    await waitFor(() => expect($('#list-empty')).toBeTruthy());
    expect(calls.some((c) => c.path.endsWith('/agora/topics') && c.query.get('stage') === 'voting')).toBe(true);
  });

  it('起草住户守则 sends a house_rules topic with the long text', async () => {
    const calls = signedIn({
      'GET /api/committees/:communityId/agora/topics': () => ({
        body: { items: [], nextBefore: null, counts: counts() },
      }),
      'POST /api/committees/:communityId/agora/topics': () => ({
        status: 201,
        body: topicDetail(30, 'discussing', { kind: 'house_rules' }),
      }),
    });
    render(<AdminTopics />);
    await waitFor(() => expect($('#topics-new-rules')).toBeTruthy());
    await click('#topics-new-rules');
    const rules = `第一条 ${'爱护公共环境，不乱扔垃圾。'.repeat(200)}`;
    type('#topic-new-body', rules);
    await click('#topic-new-send');
    await waitFor(() => expect(posts(calls, '/agora/topics')).toHaveLength(1));
    expect(posts(calls, '/agora/topics')[0].body).toEqual({
      kind: 'house_rules',
      title: '住户守则',
      body: rules,
      uploadIds: [],
    });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/topic-detail/index?id=30' });
  });
});

describe('a topic’s review', () => {
  function reviewServer(stage: TopicStage, open: ReturnType<typeof staffItem>[] = []) {
    router.params = { id: '11' };
    return signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, stage) }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({ body: noComments }),
      'GET /api/committees/:communityId/agora/topics': () => ({
        body: { items: open, nextBefore: null, counts: counts() },
      }),
      'POST /api/committees/:communityId/agora/topics/:topicId/review': (call) => {
        const d = (call.body as { decision: string }).decision;
        const to = d === 'accept' ? 'discussing' : d === 'merge' ? 'merged' : 'declined';
        return { body: topicDetail(11, to as TopicStage) };
      },
    });
  }

  it('采纳 sends the plan', async () => {
    const calls = reviewServer('reviewing');
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-accept')).toBeTruthy());
    await click('#topic-accept');
    await click('#topic-accept-confirm');
    expect($('#topic-accept-reason-error')?.textContent).toBe('请写明采纳后的打算');
    type('#topic-accept-reason', '先请物业测算费用，下月召开议事会');
    await click('#topic-accept-confirm');
    await waitFor(() => expect(posts(calls, '/review')).toHaveLength(1));
    expect(posts(calls, '/review')[0].body).toEqual({ decision: 'accept', note: '先请物业测算费用，下月召开议事会' });
    await waitFor(() => expect($('#topic-stage')?.textContent).toBe('议事中'));
  });

  it('不采纳 sends the public reason', async () => {
    const calls = reviewServer('collecting');
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-decline')).toBeTruthy());
    await click('#topic-decline');
    type('#topic-decline-reason', '该处属市政道路，已转交街道');
    await click('#topic-decline-confirm');
    await waitFor(() => expect(posts(calls, '/review')).toHaveLength(1));
    expect(posts(calls, '/review')[0].body).toEqual({ decision: 'decline', note: '该处属市政道路，已转交街道' });
  });

  it('合并到… offers the open topics only (not itself, not finished ones) and sends the chosen one', async () => {
    const calls = reviewServer('reviewing', [
      staffItem(11, 'reviewing'),
      staffItem(12, 'discussing'),
      staffItem(13, 'closed'),
      staffItem(14, 'collecting'),
    ]);
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-merge')).toBeTruthy());
    await click('#topic-merge');
    await waitFor(() => expect($('#topic-merge-into-12')).toBeTruthy());
    expect($$('#topic-merge-list .chip').map((e) => e.id)).toEqual(['topic-merge-into-12', 'topic-merge-into-14']);
    type('#topic-merge-reason', '与议题12是同一件事');
    await click('#topic-merge-confirm');
    expect($('#topic-merge-into-error')?.textContent).toBe('请选择要合并到哪个议题');
    expect(posts(calls, '/review')).toHaveLength(0);
    await click('#topic-merge-into-12');
    await click('#topic-merge-confirm');
    await waitFor(() => expect(posts(calls, '/review')).toHaveLength(1));
    expect(posts(calls, '/review')[0].body).toEqual({ decision: 'merge', note: '与议题12是同一件事', mergeIntoId: 12 });
  });
});

describe('stage buttons', () => {
  const cases: TopicStage[] = [
    'collecting',
    'reviewing',
    'discussing',
    'voting',
    'publicized',
    'implementing',
    'rating',
    'closed',
  ];
  it.each(cases)('at %s they are the table’s moderator moves', async (stage) => {
    router.params = { id: '11' };
    signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, stage) }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({ body: noComments }),
    });
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-actions')).toBeTruthy());
    const shown = $$('#topic-actions [id^="topic-move-"]').map((e) => e.id);
    expect(shown).toEqual(moderatorMovesFrom(stage).map((t) => `topic-move-${t.to}`));
    expect(Boolean($('#topic-accept'))).toBe(stage === 'collecting' || stage === 'reviewing');
    expect(Boolean($('#topic-vote-new'))).toBe(stage === 'discussing');
    expect(Boolean($('#topic-update'))).toBe(stage === 'implementing');
  });

  it('after 公示 a failed vote’s topic can go back to 议事 (a revote), be implemented or closed', async () => {
    expect(moderatorMovesFrom('publicized').map((t) => t.to)).toEqual(['implementing', 'discussing', 'closed']);
    expect(moderatorMovesFrom('reviewing')).toEqual([]);
    router.params = { id: '11' };
    signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, 'publicized') }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({ body: noComments }),
    });
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-move-discussing')).toBeTruthy());
    expect($('#topic-move-discussing')?.textContent).toBe('重新议事（再投一次票）');
  });

  it('a move posts its target stage; 发起投票 opens the form for this topic', async () => {
    router.params = { id: '11' };
    const calls = signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, 'discussing') }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({ body: noComments }),
      'POST /api/committees/:communityId/agora/topics/:topicId/stage': () => ({
        body: topicDetail(11, 'implementing'),
      }),
    });
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-move-implementing')).toBeTruthy());
    expect($('#topic-move-implementing')?.textContent).toBe('不投票，直接实施');
    await click('#topic-vote-new');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/vote-new/index?topicId=11' });
    await click('#topic-move-implementing');
    await waitFor(() => expect(posts(calls, '/stage')).toHaveLength(1));
    expect(posts(calls, '/stage')[0].body).toEqual({ to: 'implementing' });
    await waitFor(() => expect($('#topic-update')).toBeTruthy());
  });

  it('an unanswered question is listed first and answered inline', async () => {
    router.params = { id: '11' };
    const q = (id: number, answers: unknown[]) => ({
      id,
      topicId: 11,
      kind: 'question',
      authorLabel: '5号楼居民',
      mine: false,
      isOfficial: false,
      body: `问题${id}：费用谁出？`,
      state: 'visible',
      heldReason: null,
      createdAt: '2026-11-21T02:00:00.000Z',
      answers,
    });
    const calls = signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, 'discussing') }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({
        body: {
          official: [],
          items: [
            q(40, [{ id: 90, authorLabel: '居委会', body: '物业出', createdAt: '2026-11-21T03:00:00.000Z' }]),
            q(41, []),
          ],
          nextAfter: null,
        },
      }),
      'POST /api/committees/:communityId/agora/topics/:topicId/answers': () => ({ status: 201, body: q(91, []) }),
    });
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#question-41')).toBeTruthy());
    expect(
      $$('#topic-questions [id^="question-"]')
        .filter((e) => /^question-\d+$/.test(e.id))
        .map((e) => e.id),
    ).toEqual(['question-41', 'question-40']);
    expect($('#answer-40-body')).toBeNull();
    type('#answer-41-body', '由专项维修资金出');
    await click('#answer-41-send');
    await waitFor(() => expect(posts(calls, '/answers')).toHaveLength(1));
    expect(posts(calls, '/answers')[0].body).toEqual({ body: '由专项维修资金出', answersId: 41 });
  });
});

describe('records on a topic', () => {
  it('添加议事会记录 sends the date, place, attendees, count, minutes and photos', async () => {
    router.params = { id: '11' };
    const calls = signedIn({
      'GET /api/committees/:communityId/topics/:topicId': () => ({ body: topicDetail(11, 'discussing') }),
      'GET /api/committees/:communityId/topics/:topicId/comments': () => ({ body: noComments }),
      'POST /api/committees/:communityId/agora/topics/:topicId/meetings': () => ({
        status: 201,
        body: {
          id: 5,
          heldOn: '2026-12-03',
          place: '居委会议室',
          attendees: '居委会2人、居民代表8人',
          attendeeCount: 10,
          minutes: '大家同意在东侧空地安装充电桩，费用由物业先行垫付。',
          images: [upload(500)],
          createdAt: '2026-12-03T08:00:00.000Z',
        },
      }),
    });
    render(<AdminTopicDetail />);
    await waitFor(() => expect($('#topic-meeting')).toBeTruthy());
    await click('#topic-meeting');
    type('#meeting-date', '2026-12-03');
    type('#meeting-place', '居委会议室');
    type('#meeting-attendees', '居委会2人、居民代表8人');
    type('#meeting-count', '10');
    type('#meeting-minutes', '太短');
    await click('#meeting-send');
    expect($('#meeting-minutes-error')?.textContent).toBe('请写下会议纪要（至少10个字）');
    type('#meeting-minutes', '大家同意在东侧空地安装充电桩，费用由物业先行垫付。');
    nextChosen = [{ name: 'a.jpg', blob: new Blob(['a']) }];
    await click('#meeting-photos-add');
    await waitFor(() => expect($('#meeting-photos-photo-500')).toBeTruthy());
    await click('#meeting-send');
    await waitFor(() => expect(posts(calls, '/meetings')).toHaveLength(1));
    expect(posts(calls, '/meetings')[0].body).toEqual({
      heldOn: '2026-12-03',
      place: '居委会议室',
      attendees: '居委会2人、居民代表8人',
      attendeeCount: 10,
      minutes: '大家同意在东侧空地安装充电桩，费用由物业先行垫付。',
      uploadIds: [500],
    });
    await waitFor(() => expect($('#meeting-form')).toBeNull());
  });
});

describe('发起投票', () => {
  function voteServer(reply: (call: Call) => { status?: number; body?: unknown }) {
    return signedIn({ 'POST /api/committees/:communityId/votes': reply });
  }

  it('a 民法典278 owners’ vote on two buildings: item 6 forces the major rule; the exact body', async () => {
    const calls = voteServer(() => ({ status: 201, body: voteDetail(60) }));
    render(<AdminVoteNew />);
    await waitFor(() => expect($('#vote-building-4')).toBeTruthy());
    expect($('#vote-rule-civil_278')).toBeNull();
    expect($('#vote-rule-civil_278_major')).toBeNull();
    type('#vote-title', '筹集3、4号楼电梯维修资金');
    await click('#vote-kind-motion');
    expect($('#vote-options')).toBeNull();
    await click('#vote-electorate-owner');
    await click('#vote-rule-civil_278');
    expect($('#vote-rule-explain')?.textContent).toContain('三分之二');
    await click('#vote-civil-item-6');
    expect($('#vote-rule-civil_278_major')?.className).toContain('chip--on');
    await click('#vote-building-3');
    await click('#vote-building-4');
    type('#vote-closes-date', '2030-12-20');
    type('#vote-closes-time', '18:00');
    await click('#vote-new-send');
    await waitFor(() => expect(posts(calls, '/votes')).toHaveLength(1));
    expect(posts(calls, '/votes')[0].body).toEqual({
      title: '筹集3、4号楼电梯维修资金',
      kind: 'motion',
      options: [],
      maxChoices: 1,
      electorate: 'owner',
      rule: 'civil_278_major',
      civilItem: 6,
      buildingIds: [3, 4],
      resultsShown: 'after_close',
      anonymous: false,
      proxyCap: 1,
      closesAt: '2030-12-20T10:00:00.000Z', // 18:00 China time, as the contract normalises it
    });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/vote-detail/index?id=60' });
  });

  it('a quick household poll: options edited and reordered, the exact body', async () => {
    const calls = voteServer(() => ({ status: 201, body: voteDetail(61) }));
    render(<AdminVoteNew />);
    await waitFor(() => expect($('#vote-option-0')).toBeTruthy());
    type('#vote-title', '充电桩装在哪里');
    type('#vote-option-0', '西侧车棚');
    type('#vote-option-1', '东侧空地');
    await click('#vote-option-add');
    type('#vote-option-2', '不装');
    await click('#vote-option-up-1');
    await click('#vote-results-live');
    type('#vote-closes-date', '2030-12-20');
    type('#vote-closes-time', '18:00');
    await click('#vote-new-send');
    await waitFor(() => expect(posts(calls, '/votes')).toHaveLength(1));
    expect(posts(calls, '/votes')[0].body).toEqual({
      title: '充电桩装在哪里',
      kind: 'single',
      options: ['东侧空地', '西侧车棚', '不装'],
      maxChoices: 1,
      electorate: 'household',
      rule: 'simple',
      resultsShown: 'live',
      anonymous: false,
      proxyCap: 1,
      closesAt: '2030-12-20T10:00:00.000Z', // 18:00 China time, as the contract normalises it
    });
  });

  it('278 rules only for owners: leaving the owner electorate drops them', async () => {
    voteServer(() => ({ status: 201, body: voteDetail(62) }));
    render(<AdminVoteNew />);
    await waitFor(() => expect($('#vote-electorate-resident')).toBeTruthy());
    await click('#vote-electorate-resident');
    expect($('#vote-rule-civil_278')).toBeNull();
    await click('#vote-electorate-owner');
    await click('#vote-rule-civil_278_major');
    expect($('#vote-civil-items')).toBeTruthy();
    await click('#vote-electorate-household');
    expect($('#vote-rule-civil_278_major')).toBeNull();
    expect($('#vote-civil-items')).toBeNull();
    expect($('#vote-rule-simple')?.className).toContain('chip--on');
  });

  it('MISSING_FLOOR_AREA: how many rooms, examples, and the way to 楼栋房屋', async () => {
    voteServer(() => ({
      status: 409,
      body: {
        error: {
          code: 'MISSING_FLOOR_AREA',
          message: '有房屋没有登记面积，请先补全再发起业主投票',
          details: { count: 3, examples: ['3号楼 2单元 301', '3号楼 2单元 302'] },
        },
      },
    }));
    render(<AdminVoteNew />);
    await waitFor(() => expect($('#vote-electorate-owner')).toBeTruthy());
    type('#vote-title', '改建自行车棚');
    await click('#vote-kind-motion');
    await click('#vote-electorate-owner');
    await click('#vote-rule-civil_278');
    type('#vote-closes-date', '2030-12-20');
    type('#vote-closes-time', '18:00');
    await click('#vote-new-send');
    await waitFor(() => expect($('#vote-missing-area')).toBeTruthy());
    expect($('#vote-missing-area')?.textContent).toContain('还有3户房屋没有登记面积');
    expect($('#vote-missing-area-examples')?.textContent).toBe('例如：3号楼 2单元 301、3号楼 2单元 302');
    await click('#vote-missing-area-go');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/households/index' });
  });
});

describe('a vote’s detail', () => {
  it('lists turnout by channel in the votes list', async () => {
    signedIn({
      'GET /api/committees/:communityId/agora/votes': () => ({
        body: {
          items: [
            {
              ...(({
                id,
                communityId,
                topicId,
                title,
                kind,
                maxChoices,
                electorate,
                rule,
                status,
                opensAt,
                closesAt,
                closedAt,
                turnout,
              }) => ({
                id,
                communityId,
                topicId,
                title,
                kind,
                maxChoices,
                electorate,
                rule,
                status,
                opensAt,
                closesAt,
                closedAt,
                turnout,
              }))(voteDetail(60, { turnout: { ballots: 7, electors: 20 } })),
              outcome: null,
              byChannel: { self: 4, proxy: 1, paper: 2 },
            },
          ],
          nextBefore: null,
        },
      }),
    });
    render(<AdminVotes />);
    await waitFor(() => expect($('#vote-60')).toBeTruthy());
    expect($('#vote-60-turnout')?.textContent?.replace(/\s+/g, '')).toBe('已投7/20·本人4委托1代录2');
  });

  it('代录纸质票 needs the photo of the paper ballot, then sends the exact body', async () => {
    router.params = { id: '60' };
    const calls = signedIn({
      'GET /api/committees/:communityId/votes/:voteId': () => ({ body: voteDetail(60) }),
      'GET /api/committees/:communityId/votes/:voteId/electors': () => ({
        body: {
          items: [elector(801, '3号楼 2单元 301'), elector(802, '3号楼 2单元 302', { voted: true, channel: 'self' })],
          total: 2,
        },
      }),
      'POST /api/committees/:communityId/votes/:voteId/paper-ballots': () => ({
        status: 201,
        body: elector(801, '3号楼 2单元 301', { voted: true, channel: 'paper' }),
      }),
    });
    render(<AdminVoteDetail />);
    await waitFor(() => expect($('#elector-paper-801')).toBeTruthy());
    expect($('#elector-802-state')?.textContent).toBe('本人投票');
    expect($('#electors-serve')).toBeNull(); // no 送达 without the silent-majority rule
    await click('#elector-paper-801');
    expect($$('#paper-options .chip').map((e) => e.textContent)).toEqual(['东侧空地', '西侧车棚']);
    await click('#paper-option-72');
    type('#paper-signer', '王大爷');
    type('#paper-signed-on', '2026-12-05');
    await click('#paper-confirm');
    expect($('#paper-photo-error')?.textContent).toBe('请上传纸质票的照片');
    expect(posts(calls, '/paper-ballots')).toHaveLength(0);
    nextChosen = [{ name: 'ballot.jpg', blob: new Blob(['x']) }];
    await click('#paper-photo-add');
    await waitFor(() => expect($('#paper-photo-photo-500')).toBeTruthy());
    await click('#paper-confirm');
    await waitFor(() => expect(posts(calls, '/paper-ballots')).toHaveLength(1));
    expect(posts(calls, '/paper-ballots')[0].body).toEqual({
      electorId: 801,
      optionIds: [72],
      signer: '王大爷',
      signedOn: '2026-12-05',
      uploadId: 500,
    });
    await waitFor(() => expect($('#paper-dialog')).toBeNull());
  });

  it('送达 (silent-majority votes only): the selected households and the note', async () => {
    router.params = { id: '60' };
    const calls = signedIn({
      'GET /api/committees/:communityId/votes/:voteId': () => ({
        body: voteDetail(60, {
          electorate: 'owner',
          rule: 'civil_278',
          silentMajority: true,
          silentMajorityBasis: '议事规则第十五条',
        }),
      }),
      'GET /api/committees/:communityId/votes/:voteId/electors': (call) => ({
        body: {
          items: call.query.get('voted') === 'false' ? [elector(801, '301'), elector(803, '303')] : [],
          total: 2,
        },
      }),
      'POST /api/committees/:communityId/votes/:voteId/service': () => ({ body: { served: 2 } }),
    });
    render(<AdminVoteDetail />);
    await waitFor(() => expect($('#electors-voted-no')).toBeTruthy());
    await click('#electors-voted-no');
    await waitFor(() => expect($('#elector-select-803')).toBeTruthy());
    await click('#elector-select-801');
    await click('#elector-select-803');
    await click('#electors-serve');
    type('#service-note', '12月5日上门送达，本人签收');
    await click('#service-confirm');
    await waitFor(() => expect(posts(calls, '/service')).toHaveLength(1));
    expect(posts(calls, '/service')[0].body).toEqual({ electorIds: [801, 803], note: '12月5日上门送达，本人签收' });
  });

  it('after the close: the figures and a link to 公示; no cancel', async () => {
    router.params = { id: '60' };
    signedIn({
      'GET /api/committees/:communityId/votes/:voteId': () => ({
        body: voteDetail(60, { status: 'closed', closedAt: '2030-12-20T10:00:00.000Z' }),
      }),
      'GET /api/committees/:communityId/votes/:voteId/electors': () => ({ body: { items: [], total: 0 } }),
    });
    render(<AdminVoteDetail />);
    await waitFor(() => expect($('#vote-result-link')).toBeTruthy());
    expect($('#vote-cancel')).toBeNull();
    await click('#vote-result-link');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/result/index?communityId=7&id=60' });
  });
});

describe('议事厅设置', () => {
  it('shows what the empty threshold gives now; the silent-majority rule needs its clause; saves the exact body', async () => {
    const settings = {
      cosignThreshold: 30,
      cosignNeededNow: 30,
      households: 200,
      cosignDays: 30,
      ratingDays: 14,
      silentMajority: false,
      silentMajorityBasis: null,
    };
    const calls = signedIn({
      'GET /api/committees/:communityId/agora/settings': () => ({ body: settings }),
      'PUT /api/committees/:communityId/agora/settings': (call) => ({
        body: { ...settings, ...(call.body as object), cosignNeededNow: 40 },
      }),
    });
    render(<AdminAgoraSettings />);
    await waitFor(() => expect(($('#agora-threshold') as HTMLInputElement | null)?.value).toBe('30'));
    expect(document.body.textContent).toContain('现在200户，需要30户附议');
    expect($('#agora-silent-warning')?.textContent).toContain('只用于业主投票');
    type('#agora-threshold', '');
    await click('#agora-silent');
    await click('#agora-settings-save');
    expect($('#agora-silent-basis-error')?.textContent).toBe('请写明议事规则里的哪一条允许这样计票');
    expect(posts(calls, '/agora/settings')).toHaveLength(0);
    type('#agora-silent-basis', '《业主大会议事规则》第十五条');
    await click('#agora-settings-save');
    await waitFor(() => expect(posts(calls, '/agora/settings')).toHaveLength(1));
    expect(posts(calls, '/agora/settings')[0].body).toEqual({
      cosignThreshold: null,
      cosignDays: 30,
      ratingDays: 14,
      silentMajority: true,
      silentMajorityBasis: '《业主大会议事规则》第十五条',
    });
  });
});
