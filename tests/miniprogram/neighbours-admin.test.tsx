/**
 * 找邻居 admin pages with mocked replies: the figures (counts only) and the card list as
 * neighbours see it; 隐藏 of a tag sends the tag and the reason (a reason is required) and the
 * card is redrawn from the reply; 恢复 works on hidden tags; the 能人库 with tap-to-call, the
 * consent record, the tag filter and 导出Excel fetching the xlsx route with the staff token; the
 * menu's 找邻居 section; 工作台's counts; the review queue's card and private-message items.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { visibleSections } from '../../miniprogram/lib/admin-menu';
import AdminDashboard from '../../miniprogram/packages/admin/dashboard/index';
import AdminNeighbourTalents from '../../miniprogram/packages/admin/neighbour-talents/index';
import AdminNeighbours from '../../miniprogram/packages/admin/neighbours/index';
import AdminReview from '../../miniprogram/packages/admin/review/index';
import { type Call, committeeCard, errorReply, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
  router.params = {};
});
afterEach(() => {
  vi.unstubAllGlobals();
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

function signedIn(routes: Parameters<typeof fakeServer>[0]): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: '李主任', isStaff: true },
        memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    ...routes,
  });
}

const figures = {
  cards: 14,
  listed: 12,
  serve: 3,
  switchesOn: {
    listed: 12,
    name: 12,
    avatar: 4,
    building: 11,
    room: 2,
    intro: 7,
    tags: 9,
    help: 5,
    serve: 3,
    share_phone: 1,
    share_wechat: 0,
  },
  topTags: [
    { tag: '会修电器', count: 4 },
    { tag: '会说沪语', count: 2 },
    { tag: '跳广场舞', count: 1 },
  ],
  weeks: [
    { weekStart: '2026-11-23', requests: 3, accepted: 2, messages: 9 },
    { weekStart: '2026-11-30', requests: 5, accepted: 1, messages: 4 },
  ],
  blocks: 1,
  openReports: 2,
};

function card(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    displayName: '王师傅',
    avatarUrl: null,
    building: '3号楼',
    room: null,
    intro: '退休电工，家电小毛病可以找我',
    tags: ['会修电器', '会说沪语'],
    canHelp: ['修洗衣机'],
    needHelp: [],
    sameBuilding: false,
    state: 'visible',
    hiddenTags: [],
    reportCount: 0,
    listed: true,
    ...over,
  };
}

function talent(cardId: number, over: Record<string, unknown> = {}) {
  return {
    cardId,
    displayName: '王师傅',
    realName: '王建国',
    phone: '13800000005',
    building: '3号楼',
    unitRoom: '2单元 301',
    tags: ['会修电器'],
    canHelp: ['修洗衣机', '换灯泡'],
    intro: null,
    consentedAt: '2026-11-20T02:00:00.000Z',
    consentVersion: '2026-11',
    ...over,
  };
}

describe('the menu', () => {
  it('has a 找邻居 section with 找邻居管理 and 能人库 for the committee, not for a handler', () => {
    const sections = visibleSections(false, false);
    const titles = sections.map((s) => s.title);
    expect(titles.slice(titles.indexOf('租赁统计') + 1, titles.indexOf('租赁统计') + 3)).toEqual([
      '找邻居管理',
      '能人库',
    ]);
    expect(sections.find((s) => s.title === '找邻居管理')?.route).toBe('/packages/admin/neighbours/index');
    expect(sections.find((s) => s.title === '能人库')?.route).toBe('/packages/admin/neighbour-talents/index');
    expect(visibleSections(false, true).map((s) => s.title)).toEqual(['小事快办']);
  });
});

describe('工作台', () => {
  it('shows the residents listed and the open reports, opening 找邻居管理', async () => {
    signedIn({
      'GET /api/committees/:communityId/dashboard': () => errorReply(500, 'INTERNAL', '出错了'),
      'GET /api/committees/:communityId/neighbour-admin/figures': () => ({ body: figures }),
    });
    chooseAdminCommunity(7);
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-neighbour-counts')).toBeTruthy());
    expect($('#neighbour-count-listed')?.textContent).toBe('12找邻居已公开名片');
    expect($('#neighbour-count-reports')?.textContent).toBe('2找邻居待处理举报');
    await click('#neighbour-count-reports');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/neighbours/index' });
  });

  it('shows nothing of 找邻居 when the figures are refused', async () => {
    signedIn({
      'GET /api/committees/:communityId/dashboard': () => errorReply(500, 'INTERNAL', '出错了'),
      'GET /api/committees/:communityId/neighbour-admin/figures': () => errorReply(403, 'FORBIDDEN', '没有权限'),
    });
    chooseAdminCommunity(7);
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-tiles')).toBeTruthy());
    await waitFor(() => expect($('#admin-neighbour-counts')).toBeNull());
    expect($('#neighbour-count-listed')).toBeNull();
  });
});

describe('找邻居管理', () => {
  function server(cards: ReturnType<typeof card>[], routes: Parameters<typeof fakeServer>[0] = {}) {
    return signedIn({
      'GET /api/committees/:communityId/neighbour-admin/figures': () => ({ body: figures }),
      'GET /api/committees/:communityId/neighbour-admin/cards': () => ({ body: { items: cards, nextCursor: null } }),
      ...routes,
    });
  }

  it('shows the figures: counts, switches, top tags and weeks, newest first; no thread content', async () => {
    server([card(5)]);
    chooseAdminCommunity(7);
    render(<AdminNeighbours />);
    await waitFor(() => expect($('#neighbour-figures')).toBeTruthy());
    expect($('#nb-count-listed')?.textContent).toBe('12让邻居找到的居民');
    expect($('#nb-count-serve')?.textContent).toBe('3能人库人数');
    expect($('#nb-count-reports')?.textContent).toBe('2待处理的举报');
    expect($('#nb-switch-room')?.textContent).toBe('单元和房号2人');
    expect($('#nb-switch-listed')).toBeNull();
    expect($('#nb-top-tag-0')?.textContent).toContain('会修电器');
    expect($('#nb-top-tag-0')?.textContent).toContain('4人');
    expect(
      $$('#nb-weeks .nb-table-row')
        .slice(1)
        .map((r) => r.id),
    ).toEqual(['nb-week-2026-11-30', 'nb-week-2026-11-23']);
    expect($('#nb-week-2026-11-30')?.textContent).toBe('11月30日起514');
    await click('#nb-count-serve');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/neighbour-talents/index' });
    await click('#neighbour-admin-review');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/review/index' });
  });

  it('lists cards as neighbours see them, with state, reports and hidden tags; filters by tag and name', async () => {
    const calls = server([
      card(5),
      card(6, {
        displayName: null,
        building: null,
        intro: null,
        tags: [],
        canHelp: [],
        hiddenTags: ['加微信'],
        state: 'hidden',
        reportCount: 3,
      }),
    ]);
    chooseAdminCommunity(7);
    render(<AdminNeighbours />);
    await waitFor(() => expect($('#neighbour-card-6')).toBeTruthy());
    expect($$('.admin-neighbour-card').map((e) => e.id)).toEqual(['neighbour-card-5', 'neighbour-card-6']);
    expect($('#neighbour-card-5-intro')?.textContent).toBe('退休电工，家电小毛病可以找我');
    expect($('#neighbour-card-5')?.textContent).toContain('可以帮忙：修洗衣机');
    expect($('#neighbour-card-5-reports')).toBeNull();
    expect($('#neighbour-card-6-name')?.textContent).toBe('（没有显示称呼）');
    expect($('#neighbour-card-6-state')?.textContent).toBe('已隐藏');
    expect($('#neighbour-card-6-reports')?.textContent).toBe('被举报3次');
    expect($('#neighbour-card-6-hidden-tags')?.textContent).toContain('加微信');
    expect($('#neighbour-card-6-hide-0')).toBeNull();

    // The fixed tags, then residents' own among the most used.
    await waitFor(() => expect($('#neighbour-tag-16')?.textContent).toBe('跳广场舞'));
    expect($('#neighbour-tag-17')).toBeNull();
    await click('#neighbour-tag-0');
    await waitFor(() =>
      expect(calls.some((c) => c.path.endsWith('/cards') && c.query.get('tag') === '会修电器')).toBe(true),
    );
    type('#neighbour-search', ' 王 ');
    await click('#neighbour-search-go');
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/cards') && c.query.get('q') === '王')).toBe(true));
    const last = calls.filter((c) => c.path.endsWith('/cards')).at(-1) as Call;
    expect(last.path).toBe('/api/committees/7/neighbour-admin/cards');
    expect(last.query.get('tag')).toBe('会修电器');
  });

  it('hides a tag with the reason written, then shows the card from the reply', async () => {
    const hides: Call[] = [];
    server([card(5)], {
      'POST /api/committees/:communityId/neighbour-admin/cards/:cardId/hide-tag': (call) => {
        hides.push(call);
        return { body: card(5, { tags: ['会修电器'], hiddenTags: ['会说沪语'] }) };
      },
    });
    chooseAdminCommunity(7);
    render(<AdminNeighbours />);
    await waitFor(() => expect($('#neighbour-card-5-hide-1')).toBeTruthy());
    await click('#neighbour-card-5-hide-1');
    expect($('#tag-hide-dialog')?.textContent).toContain('隐藏标签「会说沪语」');
    await click('#tag-hide-confirm');
    expect($('#tag-hide-reason-error')?.textContent).toBe('请写明隐藏的原因，会记在操作记录里');
    expect(hides).toHaveLength(0);
    type('#tag-hide-reason', '标签里留了微信号');
    await click('#tag-hide-confirm');
    await waitFor(() => expect(hides).toHaveLength(1));
    expect(hides[0].path).toBe('/api/committees/7/neighbour-admin/cards/5/hide-tag');
    expect(hides[0].body).toEqual({ tag: '会说沪语', reason: '标签里留了微信号' });
    await waitFor(() => expect($('#tag-hide-dialog')).toBeNull());
    expect($('#neighbour-card-5-hidden-tags')?.textContent).toContain('会说沪语');
    expect($('#neighbour-card-5-tags')?.textContent).not.toContain('会说沪语');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '标签已隐藏', icon: 'none' });
  });

  it('hides a whole card through the review decision, with a reason, and lists it again from the server', async () => {
    const decisions: Call[] = [];
    let hidden = false;
    server([card(5)], {
      'GET /api/committees/:communityId/neighbour-admin/cards': () => ({
        body: { items: [card(5, hidden ? { state: 'hidden' } : {})], nextCursor: null },
      }),
      'POST /api/committees/:communityId/review/:subject/:subjectId': (call) => {
        decisions.push(call);
        hidden = true;
        return {
          body: {
            subject: 'neighbour_card',
            subjectId: 5,
            body: '',
            state: 'hidden',
            heldReason: null,
            stateReason: '自我介绍里有广告',
            createdAt: '2026-12-01T02:00:00.000Z',
            author: { userId: 17, name: '钱桂芳', building: '3号楼', room: '301' },
            reportCount: 0,
            reports: [],
            appeal: null,
          },
        };
      },
    });
    chooseAdminCommunity(7);
    render(<AdminNeighbours />);
    await waitFor(() => expect($('#neighbour-card-5-hide-card')).toBeTruthy());
    await click('#neighbour-card-5-hide-card');
    await click('#card-hide-confirm');
    expect(decisions).toHaveLength(0);
    type('#card-hide-reason', '自我介绍里有广告');
    await click('#card-hide-confirm');
    await waitFor(() => expect(decisions).toHaveLength(1));
    expect(decisions[0].path).toBe('/api/committees/7/review/neighbour_card/5');
    expect(decisions[0].body).toEqual({ action: 'hide', reason: '自我介绍里有广告' });
    await waitFor(() => expect($('#neighbour-card-5-restore-card')).toBeTruthy());
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '名片已隐藏', icon: 'none' });
  });

  it('restores a hidden tag (the reason may be left out) and shows a refusal in the dialog', async () => {
    const restores: Call[] = [];
    server([card(5, { tags: ['会修电器'], hiddenTags: ['会说沪语'] })], {
      'POST /api/committees/:communityId/neighbour-admin/cards/:cardId/restore-tag': (call) => {
        restores.push(call);
        return restores.length === 1
          ? errorReply(409, 'INVALID_STATE', '这个标签已经恢复了，请刷新后再看')
          : { body: card(5) };
      },
    });
    chooseAdminCommunity(7);
    render(<AdminNeighbours />);
    await waitFor(() => expect($('#neighbour-card-5-restore-0')).toBeTruthy());
    await click('#neighbour-card-5-restore-0');
    await click('#tag-restore-confirm');
    await waitFor(() => expect(restores).toHaveLength(1));
    expect(restores[0].body).toEqual({ tag: '会说沪语' });
    await waitFor(() => expect($('#tag-restore-form-error')?.textContent).toContain('这个标签已经恢复了'));
    await click('#tag-restore-confirm');
    await waitFor(() => expect($('#tag-restore-dialog')).toBeNull());
    expect($('#neighbour-card-5-hidden-tags')).toBeNull();
    expect($('#neighbour-card-5-tags')?.textContent).toContain('会说沪语');
  });
});

describe('能人库', () => {
  it('lists each person with skills, real name, phone to tap and the consent record; filters by tag', async () => {
    const calls = signedIn({
      'GET /api/committees/:communityId/neighbour-admin/talents': (call) => ({
        body: {
          items: call.query.get('tag') === '教师' ? [] : [talent(5), talent(8, { realName: null, phone: null })],
        },
      }),
    });
    chooseAdminCommunity(7);
    render(<AdminNeighbourTalents />);
    await waitFor(() => expect($('#talent-5')).toBeTruthy());
    expect($('#talent-5-name')?.textContent).toBe('王建国（王师傅）');
    expect($('#talent-5-help')?.textContent).toBe('可以帮忙：修洗衣机、换灯泡');
    expect($('#talent-5-tags')?.textContent).toBe('会修电器');
    expect($('#talent-5-consent')?.textContent).toContain('同意加入能人库');
    expect($('#talent-5-consent')?.textContent).toContain('2026-11');
    expect($('#talent-8-name')?.textContent).toBe('王师傅');
    expect($('#talent-8-phone')).toBeNull();
    await click('#talent-5-phone');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000005' });

    await click('#talents-tag-7');
    await waitFor(() => expect($('#talents-empty')).toBeTruthy());
    expect(
      calls
        .filter((c) => c.path.endsWith('/talents'))
        .at(-1)
        ?.query.get('tag'),
    ).toBe('教师');
  });

  it('导出Excel fetches the xlsx route with the staff token and saves it as 能人库.xlsx', async () => {
    signedIn({
      'GET /api/committees/:communityId/neighbour-admin/talents': () => ({ body: { items: [talent(5)] } }),
    });
    const fetched: { url: string; headers: Record<string, string> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: { headers: Record<string, string> }) => {
        fetched.push({ url, headers: init.headers });
        return { ok: true, status: 200, blob: async () => new Blob(['PK']) };
      }),
    );
    const saved: string[] = [];
    // jsdom has no object URLs: lend them for this test only.
    const urls = URL as unknown as Record<string, unknown>;
    const before = { create: urls.createObjectURL, revoke: urls.revokeObjectURL };
    urls.createObjectURL = () => 'blob:talents';
    urls.revokeObjectURL = () => {};
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    chooseAdminCommunity(7);
    render(<AdminNeighbourTalents />);
    await waitFor(() => expect($('#talent-5')).toBeTruthy());
    await click('#talents-export');
    await waitFor(() => expect(saved).toEqual(['能人库.xlsx']));
    expect(fetched).toHaveLength(1);
    expect(fetched[0].url).toBe('http://api.test/api/committees/7/neighbour-admin/talents.xlsx');
    expect(fetched[0].headers.Authorization).toBe('Bearer staff-token');
    clickSpy.mockRestore();
    urls.createObjectURL = before.create;
    urls.revokeObjectURL = before.revoke;
  });

  it('says so when the export fails', async () => {
    signedIn({
      'GET /api/committees/:communityId/neighbour-admin/talents': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 500 })),
    );
    chooseAdminCommunity(7);
    render(<AdminNeighbourTalents />);
    await waitFor(() => expect($('#talents-empty')).toBeTruthy());
    await click('#talents-export');
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有导出成功，请稍后再试' })),
    );
  });
});

describe('审核队列', () => {
  const reviewItem = (subject: string, subjectId: number, body: string) => ({
    subject,
    subjectId,
    body,
    state: 'visible',
    heldReason: null,
    stateReason: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    author: { userId: 17, name: '钱桂芳', building: '3号楼', room: '301' },
    reportCount: 1,
    reports: [{ reason: 'ad', note: null, createdAt: '2026-12-01T03:00:00.000Z' }],
    appeal: null,
  });

  it('shows a reported card with a way to 找邻居管理, and a reported message without any link', async () => {
    signedIn({
      'GET /api/committees/:communityId/review': () => ({
        body: {
          counts: { reported: 2, held: 0, appealed: 0, hidden: 0, deleted: 0 },
          items: [reviewItem('neighbour_card', 5, ''), reviewItem('neighbour_message', 31, '加我微信买保健品')],
          nextOffset: null,
        },
      }),
    });
    chooseAdminCommunity(7);
    render(<AdminReview />);
    await waitFor(() => expect($('#review-neighbour_message-31')).toBeTruthy());
    expect($('#review-neighbour_card-5')?.textContent).toContain('邻居名片');
    expect($('#review-body-neighbour_card-5')?.textContent).toBe('（名片上没有自我介绍）');
    expect($('#review-body-neighbour_message-31')?.textContent).toBe('加我微信买保健品');
    expect($('#review-neighbour_message-31')?.textContent).toContain('邻居私信');
    expect($('#review-open-neighbour_message-31')).toBeNull();
    expect($('#review-private-neighbour_message-31')?.textContent).toContain('不能查看整段对话');
    await click('#review-open-neighbour_card-5');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/neighbours/index' });
  });
});
