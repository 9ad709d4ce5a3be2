import { fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stageExplain } from '../../miniprogram/components/agora/text';
import { forgetGroups, groupShareEnv } from '../../miniprogram/lib/group-share';
import type { ChosenFile } from '../../miniprogram/lib/notice-files';
import AgoraIndex from '../../miniprogram/packages/agora/index';
import AgoraPropose from '../../miniprogram/packages/agora/propose/index';
import AgoraResult from '../../miniprogram/packages/agora/result/index';
import AgoraRules from '../../miniprogram/packages/agora/rules/index';
import AgoraTopic from '../../miniprogram/packages/agora/topic/index';
import AgoraVote from '../../miniprogram/packages/agora/vote/index';
import Mine from '../../miniprogram/pages/mine/index';
import {
  ballot,
  emptyRatings,
  houseRules,
  motion,
  resultPage,
  topicComment,
  topicDetail,
  topicItem,
  voteDetail,
} from './agora-fixtures';
import { type Call, errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import { image } from './notice-fixtures';
import Taro, { router, shared } from './stubs/taro';

let nextChosen: ChosenFile[] = [];
vi.mock('../../miniprogram/lib/notice-files', async (original) => ({
  ...(await original<typeof import('../../miniprogram/lib/notice-files')>()),
  chooseNoticeFiles: vi.fn(async () => nextChosen),
}));

beforeEach(() => {
  resetApp();
  nextChosen = [];
  forgetGroups();
  groupShareEnv.enabled = false;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  const t = Taro as unknown as Record<string, unknown>;
  delete t.getEnterOptionsSync;
  delete t.getGroupEnterInfo;
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const click = (selector: string) => fireEvent.click($(selector) as HTMLElement);
const type = (selector: string, value: string) => fireEvent.input($(selector) as HTMLElement, { target: { value } });
const resident = (role = 'resident') => me([membership({ status: 'approved', role })], 7);

describe('议事厅 words', () => {
  it('says what a stage means and what comes next', () => {
    const now = Date.parse('2026-12-01T02:00:00.000Z');
    const base = { cosignNeeded: 10, cosignCount: 3, cosignUntil: '2026-12-06T01:00:00.000Z', vote: null };
    expect(stageExplain({ ...base, stage: 'collecting' }, now)).toBe('还需要 7 户附议，5天后截止（12月6日）');
    expect(stageExplain({ ...base, stage: 'reviewing' }, now)).toBe('附议已够，居委会正在审核');
    expect(
      stageExplain(
        {
          ...base,
          stage: 'voting',
          vote: { id: 1, title: 't', status: 'open', closesAt: '2026-12-08T10:00:00.000Z', outcome: null },
        },
        now,
      ),
    ).toBe('投票中，12月8日截止');
    expect(stageExplain({ ...base, stage: 'declined', decision: '不在小区范围内' }, now)).toBe(
      '居委会没有采纳，理由：不在小区范围内',
    );
  });
});

describe('议事厅 list', () => {
  it('shows topic cards per tab with the right filter, 快速投票 lists votes without a topic', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/topics': (call) => ({
        body: {
          items:
            call.query.get('filter') === 'voting'
              ? [
                  topicItem(5, {
                    stage: 'voting',
                    vote: {
                      id: 9,
                      title: '充电桩位置',
                      status: 'open',
                      closesAt: '2026-12-08T10:00:00.000Z',
                      outcome: null,
                    },
                  }),
                ]
              : [topicItem(4), topicItem(3, { mine: true, ratingAverage: 4.5, ratingCount: 6 })],
          nextBefore: null,
        },
      }),
      'GET /api/committees/:communityId/votes': () => ({
        body: {
          items: [
            { ...voteDetail(21), eligible: true, voted: true, outcome: null },
            { ...voteDetail(22, { topicId: 5 }), eligible: true, voted: false, outcome: null },
          ].map(({ description: _d, options: _o, ruleText: _r, ...v }) => v),
          nextBefore: null,
        },
      }),
    });
    const topicCalls = () => calls.filter((c) => c.path === '/api/committees/7/topics');
    render(<AgoraIndex />);
    await waitFor(() => expect($('#topic-4')).toBeTruthy());
    expect(topicCalls()[0].query.get('filter')).toBe('collecting');
    expect($('#topic-4-stage')?.textContent).toBe('征集附议');
    expect($('#topic-4-cosign-text')?.textContent).toBe('附议 3 / 10 户');
    expect($('#topic-3-rating')?.textContent).toBe('评分 4.5（6户）');

    click('#agora-tab-voting');
    await waitFor(() => expect($('#topic-5')).toBeTruthy());
    expect(topicCalls().at(-1)?.query.get('filter')).toBe('voting');
    expect($('#topic-5-stage')?.textContent).toBe('投票中');
    expect($('#topic-5-vote')?.textContent).toBe('投票2026年12月8日 18:00截止');

    click('#agora-tab-in_progress');
    await waitFor(() => expect(topicCalls().at(-1)?.query.get('filter')).toBe('in_progress'));
    click('#agora-tab-done');
    await waitFor(() => expect(topicCalls().at(-1)?.query.get('filter')).toBe('done'));

    click('#agora-tab-votes');
    await waitFor(() => expect($('#vote-21')).toBeTruthy());
    expect($('#vote-22')).toBeNull();
    expect($('#vote-21-turnout')?.textContent).toBe('已有 12 / 80 户投票');
    click('#vote-21');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/vote/index?id=21&communityId=7' });
    click('#agora-propose');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/propose/index?communityId=7' });
    click('#agora-rules');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/rules/index?communityId=7' });
  });

  it('我的议题 lists only mine, without tabs', async () => {
    signInAs();
    router.params = { communityId: '7', mine: '1' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/topics': () => ({ body: { items: [], nextBefore: null } }),
    });
    render(<AgoraIndex />);
    await waitFor(() => expect($('#list-empty')?.textContent).toBe('您还没有提过议题'));
    const q = calls.find((c) => c.path.endsWith('/topics'))?.query;
    expect(q?.get('mine')).toBe('true');
    expect(q?.get('filter')).toBe('all');
    expect($('#agora-tabs')).toBeNull();
  });

  it('我的 links to 我的议题 of the current community', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/memberships': () => ({ body: { items: [membership({ status: 'approved' })] } }),
    });
    render(<Mine />);
    await waitFor(() => expect($('#mine-topics')).toBeTruthy());
    click('#mine-topics');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/index?communityId=7&mine=1' });
  });

  it('is for members: a non-member sees 加入本社区后可查看 and no list is asked for', async () => {
    signInAs();
    router.params = { communityId: '9' };
    const calls = fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<AgoraIndex />);
    await waitFor(() => expect($('#agora-members-only')?.textContent).toContain('加入本社区后可查看'));
    expect(calls.some((c) => c.path.endsWith('/topics'))).toBe(false);
  });
});

describe('我要提议', () => {
  const proposals = (calls: Call[]) =>
    calls.filter((c) => c.method === 'POST' && c.path === '/api/committees/7/topics');

  it('shows the contract’s messages by field and sends nothing', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<AgoraPropose />);
    await waitFor(() => expect($('#propose-submit')).toBeTruthy());
    type('#propose-body', '太短了');
    click('#propose-submit');
    await waitFor(() => expect($('#propose-title-error')?.textContent).toBe('请写一个标题，比如 增设电动车充电桩'));
    expect($('#propose-body-error')?.textContent).toBe('请写清楚想做什么、为什么（至少10个字）');
    expect(proposals(calls)).toHaveLength(0);
  });

  it('sends the exact body with the chosen 署名, shows rejected words, then opens the topic', async () => {
    signInAs();
    router.params = { communityId: '7' };
    let reject = true;
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'POST /api/committees/:communityId/topics': () =>
        reject
          ? {
              status: 422,
              body: { error: { code: 'CONTENT_REJECTED', message: '内容没有通过检查', details: { words: ['赌博'] } } },
            }
          : { status: 201, body: topicDetail(11) },
    });
    render(<AgoraPropose />);
    await waitFor(() => expect($('#propose-submit')).toBeTruthy());
    type('#propose-title', ' 增设电动车充电桩 ');
    type('#propose-body', '楼下电动车没地方充电，有人从楼上拉电线。');
    type('#propose-place', '5号楼北面');
    click('#propose-shown-building');
    click('#propose-submit');
    await waitFor(() =>
      expect($('#propose-body-error')?.textContent).toBe('含有不能发布的词：「赌博」。请修改后再发。'),
    );
    expect(proposals(calls)[0].body).toEqual({
      title: '增设电动车充电桩',
      body: '楼下电动车没地方充电，有人从楼上拉电线。',
      place: '5号楼北面',
      uploadIds: [],
      authorShown: 'building',
    });
    reject = false;
    click('#propose-submit');
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/agora/topic/index?id=11&communityId=7' }),
    );
  });
});

const T = '/api/committees/:communityId/topics/:topicId';

function topicServer(detail: Record<string, unknown>, extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    'GET /api/me': () => ({ body: resident() }),
    [`GET ${T}`]: () => ({ body: detail }),
    [`GET ${T}/comments`]: () => ({ body: { official: [], items: [], nextAfter: null } }),
    [`GET ${T}/ratings`]: () => ({ body: emptyRatings }),
    ...extra,
  });
}

describe('议题 detail', () => {
  it('shows 附议 progress and what comes next; 附议 once per household; shares its own path', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const calls = topicServer(topicDetail(11), {
      [`POST ${T}/cosign`]: () => ({ body: topicDetail(11, { cosignCount: 4, cosignedByMyHousehold: true }) }),
    });
    render(<AgoraTopic />);
    await waitFor(() => expect($('#topic-title')?.textContent).toBe('议题11'));
    expect($('#topic-stage-label')?.textContent).toBe('征集附议');
    expect($('#topic-stage-text')?.textContent).toMatch(/^还需要 7 户附议/);
    expect($('#topic-cosign-progress-text')?.textContent).toBe('附议 3 / 10 户');
    // 成效评价 only in its stage.
    expect($('#topic-rate')).toBeNull();
    expect($('#topic-rating')).toBeNull();
    click('#topic-cosign-button');
    await waitFor(() => expect($('#topic-cosigned')?.textContent).toBe('✓ 您家已附议'));
    expect(calls.filter((c) => c.path === '/api/committees/7/topics/11/cosign')).toHaveLength(1);
    expect($('#topic-cosign-button')).toBeNull();
    expect($('#topic-cosign-progress-text')?.textContent).toBe('附议 4 / 10 户');
    expect(shared.appMessage?.()).toEqual({
      title: '议事厅：议题11',
      path: '/packages/agora/topic/index?id=11&communityId=7',
    });
  });

  it('pins the committee’s remarks, shows questions with their answers, and asks a question', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const calls = topicServer(topicDetail(11, { stage: 'discussing' }), {
      [`GET ${T}/comments`]: () => ({
        body: {
          official: [topicComment(1, { isOfficial: true, authorLabel: '居委会', body: '下周开议事会' })],
          items: [
            topicComment(2),
            topicComment(3, {
              kind: 'question',
              body: '费用谁出？',
              answers: [{ id: 4, authorLabel: '居委会', body: '物业维修资金', createdAt: '2026-11-22T03:00:00.000Z' }],
            }),
          ],
          nextAfter: null,
        },
      }),
      [`POST ${T}/comments`]: (call) => ({
        status: 201,
        body: topicComment(5, { kind: 'question', mine: true, body: (call.body as { body: string }).body }),
      }),
    });
    render(<AgoraTopic />);
    await waitFor(() => expect($('#tc-3')).toBeTruthy());
    expect($('#tc-1')?.textContent).toContain('居委答复');
    expect($('#topic-discussion')?.firstElementChild?.id).toBe('tc-1');
    expect($('#tc-3')?.textContent).toContain('提问');
    expect($('#tc-3-answer-4')?.textContent).toContain('居委答复');
    expect($('#tc-3-answer-4')?.textContent).toContain('物业维修资金');
    click('#discussion-kind-question');
    type('#discussion-box-input', '什么时候开工？');
    click('#discussion-box-submit');
    await waitFor(() => expect($('#tc-5')).toBeTruthy());
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/comments'))?.body).toEqual({
      body: '什么时候开工？',
      kind: 'question',
    });
    expect($('#tc-5-waiting')?.textContent).toBe('等待居委会回答');
  });

  it('offers the rating form only while 成效评价, once per household', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const calls = topicServer(topicDetail(11, { stage: 'rating', canRate: true, canCosign: false }), {
      [`POST ${T}/ratings`]: () => ({
        status: 201,
        body: {
          id: 3,
          authorLabel: '我家',
          mine: true,
          score: 4,
          comment: '好用',
          state: 'visible',
          createdAt: '2026-12-20T02:00:00.000Z',
        },
      }),
    });
    render(<AgoraTopic />);
    await waitFor(() => expect($('#topic-rate')).toBeTruthy());
    expect($('#topic-cosign')).toBeNull();
    click('#rate-submit');
    await waitFor(() => expect($('#rate-stars-error')?.textContent).toBe('请选择1到5颗星'));
    click('#rate-stars-4');
    type('#rate-comment', '好用');
    click('#rate-submit');
    await waitFor(() => expect($('#topic-rating-mine')?.textContent).toBe('您家打了 4 星'));
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/ratings'))?.body).toEqual({
      score: 4,
      comment: '好用',
    });
    expect($('#topic-rate')).toBeNull();
  });
});

const V = '/api/committees/:communityId/votes/:voteId';

function voteServer(detail: () => Record<string, unknown>, extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    'GET /api/me': () => ({ body: resident() }),
    [`GET ${V}`]: () => ({ body: detail() }),
    ...extra,
  });
}
const ballots = (calls: Call[]) => calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/ballot'));

describe('投票 page', () => {
  it('single choice: the rule in words, a confirm listing the choice, then the exact optionIds', async () => {
    signInAs();
    router.params = { communityId: '7', id: '21' };
    const calls = voteServer(() => voteDetail(21), {
      [`PUT ${V}/ballot`]: (call) => ({
        body: voteDetail(21, { myBallot: ballot((call.body as { optionIds: number[] }).optionIds) }),
      }),
    });
    render(<AgoraVote />);
    await waitFor(() => expect($('#vote-title')?.textContent).toBe('投票21'));
    expect($('#vote-rule-0')?.textContent).toBe('得票最多的选项当选');
    expect($('#vote-electorate')?.textContent).toBe('谁可以投：每户一票，全小区');
    expect($('#vote-status')?.textContent).toBe('投票中，2026年12月8日 18:00截止（北京时间）');
    expect($('#vote-turnout')?.textContent).toBe('已有 12 / 80 户投票');
    click('#ballot-submit');
    await waitFor(() => expect($('#ballot-note')?.textContent).toBe('请至少选一项'));
    click('#ballot-option-1');
    click('#ballot-option-2');
    click('#ballot-submit');
    await waitFor(() => expect(ballots(calls)).toHaveLength(1));
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '确认投票', content: expect.stringContaining('您家选择：自行车棚') }),
    );
    expect(ballots(calls)[0].body).toEqual({ optionIds: [2] });
    await waitFor(() => expect($('#my-ballot-choice')?.textContent).toBe('已投：自行车棚'));
    expect($('#my-ballot')?.textContent).toContain('本人投票');
    expect($('#ballot-submit')?.textContent).toBe('修改投票');
  });

  it('multiple: at most k in the UI; motion: 赞成 / 反对 / 弃权 as three buttons', async () => {
    signInAs();
    router.params = { communityId: '7', id: '22' };
    const calls = voteServer(() => voteDetail(22, { kind: 'multiple', maxChoices: 2 }), {
      [`PUT ${V}/ballot`]: () => ({
        body: voteDetail(22, { kind: 'multiple', maxChoices: 2, myBallot: ballot([1, 3]) }),
      }),
    });
    const { unmount } = render(<AgoraVote />);
    await waitFor(() => expect($('#ballot-max')?.textContent).toBe('最多选 2 项（已选 0 项）'));
    click('#ballot-option-1');
    click('#ballot-option-2');
    click('#ballot-option-3');
    expect($('#ballot-note')?.textContent).toBe('最多选 2 项，请先去掉一项');
    expect($('#ballot-option-3')?.className).not.toContain('agora-option--on');
    click('#ballot-option-2');
    click('#ballot-option-3');
    click('#ballot-submit');
    await waitFor(() => expect(ballots(calls)).toHaveLength(1));
    expect(ballots(calls)[0].body).toEqual({ optionIds: [1, 3] });
    unmount();

    router.params = { communityId: '7', id: '23' };
    const motionCalls = voteServer(() => voteDetail(23, motion), {
      [`PUT ${V}/ballot`]: () => ({ body: voteDetail(23, { ...motion, myBallot: ballot([2]) }) }),
    });
    render(<AgoraVote />);
    await waitFor(() =>
      expect($$('#ballot-options .agora-option').map((e) => e.textContent)).toEqual(['赞成', '反对', '弃权']),
    );
    click('#ballot-option-2');
    click('#ballot-submit');
    await waitFor(() => expect(ballots(motionCalls)).toHaveLength(1));
    expect(ballots(motionCalls)[0].body).toEqual({ optionIds: [2] });
  });

  it('changes a vote (修改投票) and says plainly when the vote has closed', async () => {
    signInAs();
    router.params = { communityId: '7', id: '21' };
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    const calls = voteServer(() => voteDetail(21, { myBallot: ballot([1], { version: 2 }) }), {
      [`PUT ${V}/ballot`]: () => errorReply(409, 'VOTE_CLOSED', '投票已经结束，不能再投了'),
    });
    render(<AgoraVote />);
    await waitFor(() => expect($('#my-ballot-choice')?.textContent).toBe('已投：5号楼北面'));
    expect($('#my-ballot')?.textContent).toContain('改过1次');
    expect($('#ballot-option-1')?.className).toContain('agora-option--on');
    click('#ballot-option-3');
    click('#ballot-submit');
    // 再想想: nothing is sent.
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认修改投票' })),
    );
    expect(ballots(calls)).toHaveLength(0);
    click('#ballot-submit');
    await waitFor(() => expect($('#ballot-error')?.textContent).toBe('投票已经结束，不能再投了'));
    expect(ballots(calls)[0].body).toEqual({ optionIds: [3] });
  });

  it('shows why the household may not vote, with no ballot form', async () => {
    signInAs();
    router.params = { communityId: '7', id: '21' };
    voteServer(() => voteDetail(21, { ineligibleReason: '这次只有1号楼的住户投票' }));
    render(<AgoraVote />);
    await waitFor(() => expect($('#vote-ineligible-text')?.textContent).toBe('这次只有1号楼的住户投票'));
    expect($('#vote-ballot')).toBeNull();
    expect($('#proxy-grant')).toBeNull();
  });

  it('委托投票: uploads the authorisation, shows the 委托码 once, then its status and 撤销', async () => {
    signInAs();
    router.params = { communityId: '7', id: '21' };
    let granted = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(image(77)), { status: 201 })),
    );
    const calls = voteServer(
      () =>
        voteDetail(21, granted ? { myProxy: { id: 4, status: 'pending', delegateAccepted: false, used: false } } : {}),
      {
        [`POST ${V}/proxy`]: () => {
          granted = true;
          return { status: 201, body: { id: 4, code: 'K7P3Q9', status: 'pending' } };
        },
        [`DELETE ${V}/proxy`]: () => errorReply(409, 'PROXY_USED', '受托人已经投过票，不能再撤销委托'),
      },
    );
    const { unmount } = render(<AgoraVote />);
    await waitFor(() => expect($('#proxy-grant-start')).toBeTruthy());
    nextChosen = [{ name: '委托书.jpg', blob: new Blob(['x']) }];
    click('#proxy-grant-start');
    await waitFor(() => expect($('#proxy-code')?.textContent).toBe('K7P3Q9'));
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/proxy'))?.body).toEqual({ uploadId: 77 });
    click('#proxy-code-copy');
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7P3Q9' });
    await waitFor(() => expect($('#proxy-status')?.textContent).toBe('等待受托人输入委托码'));
    unmount();
    // Opened again: the code is never shown a second time.
    render(<AgoraVote />);
    await waitFor(() => expect($('#proxy-status')).toBeTruthy());
    expect($('#proxy-code')).toBeNull();
    click('#proxy-revoke');
    await waitFor(() => expect($('#proxy-error')?.textContent).toBe('受托人已经投过票，不能再撤销委托'));
  });

  it('a delegate enters the 委托码 and votes for that household apart', async () => {
    signInAs();
    router.params = { communityId: '7', id: '21' };
    let accepted = false;
    const calls = voteServer(
      () =>
        voteDetail(21, accepted ? { proxyFor: [{ electorId: 600, householdLabel: '3号楼 201', ballot: null }] } : {}),
      {
        'POST /api/committees/:communityId/vote-proxies': (call) => {
          if ((call.body as { code: string }).code !== 'K7P3Q9')
            return errorReply(409, 'INVALID_STATE', '委托码不对或已失效');
          accepted = true;
          return { body: { voteId: 21, electorId: 600, householdLabel: '3号楼 201' } };
        },
        [`PUT ${V}/ballot`]: () => ({
          body: voteDetail(21, {
            proxyFor: [{ electorId: 600, householdLabel: '3号楼 201', ballot: ballot([1], { channel: 'proxy' }) }],
          }),
        }),
      },
    );
    render(<AgoraVote />);
    await waitFor(() => expect($('#proxy-accept-open')?.textContent).toBe('我受邻居委托投票'));
    click('#proxy-accept-open');
    type('#proxy-accept-code', '12');
    click('#proxy-accept-submit');
    await waitFor(() => expect($('#proxy-accept-code-error')?.textContent).toBe('委托码不对，请核对后再输入'));
    type('#proxy-accept-code', 'AAAAAA');
    click('#proxy-accept-submit');
    await waitFor(() => expect($('#proxy-accept-code-error')?.textContent).toBe('委托码不对或已失效'));
    type('#proxy-accept-code', 'K7P3Q9');
    click('#proxy-accept-submit');
    await waitFor(() => expect($('#proxy-for-600')?.textContent).toContain('代投：3号楼 201'));
    click('#proxy-ballot-600-option-1');
    click('#proxy-ballot-600-submit');
    await waitFor(() => expect(ballots(calls)).toHaveLength(1));
    expect(ballots(calls)[0].body).toEqual({ optionIds: [1], electorId: 600 });
    await waitFor(() => expect($('#proxy-for-600-ballot')?.textContent).toContain('委托投票'));
  });

  it('shows live figures as bars, and after the close the outcome and a link to 公示', async () => {
    signInAs();
    router.params = { communityId: '7', id: '23' };
    voteServer(() =>
      voteDetail(23, {
        ...motion,
        status: 'closed',
        closedAt: '2026-12-08T10:00:00.000Z',
        result: resultPage(23).vote.result,
      }),
    );
    render(<AgoraVote />);
    await waitFor(() => expect($('#vote-outcome')?.textContent).toBe('通过'));
    expect($('#result-option-1-count')?.textContent).toBe('40 票');
    expect($('#vote-participation-participation_heads')?.textContent).toContain('✓ 达到');
    expect($('#vote-ballot')).toBeNull();
    click('#vote-publicity');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/result/index?communityId=7&id=23' });
  });
});

describe('group-aware sharing', () => {
  function openedFromGroup(voteId: string, withInfo = true) {
    const t = Taro as unknown as Record<string, unknown>;
    t.getEnterOptionsSync = vi.fn(() => ({ scene: 1044, shareTicket: 'ticket-1', query: { id: voteId } }));
    if (withInfo)
      t.getGroupEnterInfo = vi.fn((o: { shareTicket: string; success: (r: unknown) => void }) =>
        o.success({ encryptedData: 'ZW5jcnlwdGVk', iv: 'aXYxMjM0NTY3ODkwMTIzNA==', errMsg: 'getGroupEnterInfo:ok' }),
      );
  }

  it('posts the encrypted group info, reads the vote with the group key and shows 本群已有 N 户参与', async () => {
    signInAs();
    groupShareEnv.enabled = true;
    openedFromGroup('21');
    router.params = { communityId: '7', id: '21' };
    const calls = voteServer(() => voteDetail(21, { groupHouseholds: 6 }), {
      [`POST ${V}/group`]: () => ({ body: { group: 'gk_abc-1', households: 5 } }),
    });
    render(<AgoraVote />);
    await waitFor(() => expect($('#vote-group')?.textContent).toBe('本群已有 6 户参与'));
    expect(calls.find((c) => c.path.endsWith('/group'))?.body).toEqual({
      encryptedData: 'ZW5jcnlwdGVk',
      iv: 'aXYxMjM0NTY3ODkwMTIzNA==',
    });
    const reads = calls.filter((c) => c.method === 'GET' && c.path === '/api/committees/7/votes/21');
    expect(reads).toHaveLength(1);
    expect(reads[0].query.get('group')).toBe('gk_abc-1');
    expect(Taro.showShareMenu).toHaveBeenCalledWith({
      withShareTicket: true,
      menus: ['shareAppMessage', 'shareTimeline'],
    });
    expect(shared.appMessage?.()).toEqual({
      title: '请投票：投票21',
      path: '/packages/agora/vote/index?id=21&communityId=7',
    });
  });

  it('without getGroupEnterInfo (old base library), for another vote, or in H5: no group, the vote still loads', async () => {
    signInAs();
    groupShareEnv.enabled = true;
    openedFromGroup('21', false);
    router.params = { communityId: '7', id: '21' };
    const calls = voteServer(() => voteDetail(21));
    const { unmount } = render(<AgoraVote />);
    await waitFor(() => expect($('#vote-title')).toBeTruthy());
    expect($('#vote-group')).toBeNull();
    unmount();
    openedFromGroup('99');
    render(<AgoraVote />);
    await waitFor(() => expect($('#vote-title')).toBeTruthy());
    expect(calls.some((c) => c.path.endsWith('/group'))).toBe(false);
    expect(
      calls.filter((c) => c.method === 'GET' && c.path.endsWith('/votes/21')).every((c) => !c.query.get('group')),
    ).toBe(true);
  });
});

describe('公示 and 住户守则', () => {
  it('公示 shows the rule, figures by channel, each threshold as 值 / 要求 ✓, the outcome and buildings', async () => {
    signInAs();
    router.params = { communityId: '7', id: '23' };
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      [`GET ${V}/result`]: () => ({ body: resultPage(23) }),
    });
    render(<AgoraResult />);
    await waitFor(() => expect($('#result-outcome')?.textContent).toBe('通过'));
    expect($('#result-community')?.textContent).toBe('梅园居委会');
    expect($('#result-rule')?.textContent).toContain('居民会议');
    expect($('#result-rule')?.textContent).toContain('参加的户数要过半数');
    expect($('#result-electors')?.textContent).toContain('100 户');
    expect($('#result-participated')?.textContent).toContain('60 户');
    expect($('#result-channels')?.textContent).toBe('投票方式本人投票 50，委托投票 6，纸质票代录 4');
    expect($('#result-participation-participation_heads')?.textContent).toBe(
      '参加户数过半数60/100（60.00%） / 要求超过1/2 ✓ 达到',
    );
    expect($('#result-option-1-approval_ballots')?.textContent).toContain('40/60（66.67%）');
    expect($('#result-option-1-approval_ballots-met')?.textContent).toBe('✓ 达到');
    expect($('#result-building-3')?.textContent).toContain('3号楼');
    expect($('#result-building-3')?.textContent).toContain('赞成 9');
    expect($('#agora-result')?.className).toContain('agora-print');
    const print = vi.fn();
    vi.stubGlobal('print', print);
    click('#result-print');
    expect(print).toHaveBeenCalled();
  });

  it('住户守则: the text in force, how it was adopted, versions and the amendment under way', async () => {
    router.params = { communityId: '7' };
    fakeServer({ 'GET /api/committees/:communityId/house-rules': () => ({ body: houseRules() }) });
    render(<AgoraRules />);
    await waitFor(() => expect($('#rules-title')?.textContent).toBe('梅园小区住户守则'));
    expect($('#rules-adopted')?.textContent).toBe(
      '经2026年3月1日居民会议表决通过，共 320 户，参加 210 户，同意 180 户',
    );
    expect($$('#rules-history .agora-figure-row')).toHaveLength(2);
    click('#rules-pending-open');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/topic/index?id=15&communityId=7' });
  });
});
