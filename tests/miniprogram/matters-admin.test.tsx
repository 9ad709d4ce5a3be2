/**
 * 小事快办 admin pages: a property handler sees only 小事快办 in the menu and the board of
 * 物业 matters; the board's tabs and filters ask the server; the detail page's buttons follow
 * the transitions table (开始处理, 标记办结 with a note, 转交 for the committee only) and the
 * official reply; 办事统计 shows the month table.
 */
import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { visibleSections } from '../../miniprogram/lib/admin-menu';
import AdminDashboard from '../../miniprogram/packages/admin/dashboard/index';
import AdminMatterDetail from '../../miniprogram/packages/admin/matter-detail/index';
import AdminMatterStats from '../../miniprogram/packages/admin/matter-stats/index';
import AdminMatters from '../../miniprogram/packages/admin/matters/index';
import { type Call, committeeCard, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
  router.params = {};
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

const reporter = { name: '张阿姨', building: '3号楼', unit: '2单元', room: '201' };

function matter(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    matterCategory: 'lighting',
    place: '3号楼楼道',
    route: 'property',
    status: 'accepted',
    reporter,
    plusCount: 2,
    commentCount: 0,
    reopenCount: 0,
    createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    statusAt: '2026-11-01T02:00:00.000Z',
    firstReplyAt: null,
    doneAt: null,
    handledBy: null,
    rating: null,
    excerpt: '楼道的灯坏了，晚上看不见',
    images: [],
    imageCount: 0,
    lastStep: null,
    ...over,
  };
}

function detail(id: number, over: Record<string, unknown> = {}) {
  const { excerpt: _e, imageCount: _i, lastStep: _l, ...rest } = matter(id, over);
  return {
    ...rest,
    body: '楼道的灯坏了，晚上看不见，老人上下楼不方便。',
    ratingComment: null,
    timeline: [
      {
        fromStatus: null,
        toStatus: 'accepted',
        actorLabel: '报告人',
        actorName: null,
        note: null,
        at: '2026-11-01T02:00:00.000Z',
      },
    ],
    replies: [],
    ...over,
  };
}

/** Signed in as A's moderator or as its property handler, with the routes given. */
function signedIn(role: 'moderator' | 'handler', routes: Parameters<typeof fakeServer>[0] = {}): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: role === 'handler' ? '王师傅' : '李主任', isStaff: true },
        memberships: [membership({ id: 90, role, status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    ...routes,
  });
}

describe('a property handler in the admin view', () => {
  it('sees only 小事快办 in the menu, and the committee pages send them there', async () => {
    expect(visibleSections(false, true).map((s) => s.title)).toEqual(['小事快办']);
    signedIn('handler', {
      'GET /api/committees/:communityId/matters': () => ({ body: { items: [], nextBefore: null } }),
    });
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-handler-only')).toBeTruthy());
    expect($$('#admin-menu .admin-menu-title').map((e) => e.textContent)).toEqual(['小事快办']);
    fireEvent.click($('#admin-go-matters') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/matters/index' });
  });

  it('the board lists the server’s matters by status tab, with category filter; no route filter for a handler', async () => {
    const calls = signedIn('handler', {
      'GET /api/committees/:communityId/matters': (call) => ({
        body: {
          items: call.query.get('status') === 'accepted' ? [matter(11)] : [],
          nextBefore: null,
        },
      }),
    });
    render(<AdminMatters />);
    await waitFor(() => expect($('#matter-11')).toBeTruthy());
    expect($('#matter-11')?.textContent).toContain('照明 · 3号楼楼道');
    expect($('#matter-11-meta')?.textContent).toBe('3小时前 · 2户也遇到了');
    expect($('#matter-routes')).toBeNull();
    expect($('#matters-handler-note')).toBeTruthy();
    fireEvent.click($('#matter-11') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/matter-detail/index?id=11' });

    fireEvent.click($('#matter-tab-in_progress') as HTMLElement);
    await waitFor(() => expect($('#list-empty')).toBeTruthy());
    fireEvent.click($('#matter-category-leak') as HTMLElement);
    await waitFor(() =>
      expect(
        calls.some((c) => c.query.get('status') === 'in_progress' && c.query.get('matterCategory') === 'leak'),
      ).toBe(true),
    );
  });
});

describe('a matter’s detail', () => {
  it('a handler starts it, then marks it done with a note checked before sending; no 转交 button', async () => {
    router.params = { id: '11' };
    let current = detail(11);
    const calls = signedIn('handler', {
      'GET /api/committees/:communityId/matters/:postId': () => ({ body: current }),
      'POST /api/committees/:communityId/matters/:postId/status': (call) => {
        const body = call.body as { to: string; note?: string };
        current = detail(11, {
          status: body.to,
          timeline: [
            ...current.timeline,
            {
              fromStatus: current.status,
              toStatus: body.to,
              actorLabel: '物业',
              actorName: '王师傅',
              note: body.note ?? null,
              at: '2026-11-01T03:00:00.000Z',
            },
          ],
        });
        return { body: current };
      },
    });
    render(<AdminMatterDetail />);
    await waitFor(() => expect($('#matter-detail')).toBeTruthy());
    expect($('#matter-reporter')?.textContent).toContain('张阿姨，3号楼2单元201');
    expect($('#matter-reassign')).toBeNull();
    expect($('#matter-start')).toBeTruthy();
    expect($('#matter-done')).toBeTruthy();

    fireEvent.click($('#matter-start') as HTMLElement);
    await waitFor(() => expect($('#matter-status')?.textContent).toBe('处理中'));
    expect($('#matter-start')).toBeNull();
    expect($('#matter-step-1')?.textContent).toContain('处理中 · 物业（王师傅）');

    fireEvent.click($('#matter-done') as HTMLElement);
    // Empty note: the contract's message, nothing sent.
    fireEvent.click($('#matter-done-confirm') as HTMLElement);
    await waitFor(() => expect($('#matter-done-reason-error')?.textContent).toBe('请写明做了什么，居民会看到'));
    const before = calls.filter((c) => c.method === 'POST').length;
    expect(before).toBe(1);
    fireEvent.input($('#matter-done-reason') as HTMLElement, { target: { value: '已更换灯泡' } });
    fireEvent.click($('#matter-done-confirm') as HTMLElement);
    await waitFor(() => expect($('#matter-status')?.textContent).toBe('已办结'));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.body)).toEqual([{ to: 'in_progress' }, { to: 'done', note: '已更换灯泡' }]);
    expect($('#matter-start')).toBeNull();
    expect($('#matter-done')).toBeNull();
  });

  it('a moderator hands a committee matter to 物业, and sends an official reply', async () => {
    router.params = { id: '12' };
    let current = detail(12, { route: 'committee' });
    const calls = signedIn('moderator', {
      'GET /api/committees/:communityId/matters/:postId': () => ({ body: current }),
      'POST /api/committees/:communityId/matters/:postId/route': (call) => {
        current = detail(12, { route: (call.body as { route: string }).route });
        return { body: current };
      },
      'POST /api/committees/:communityId/posts/:postId/official-replies': () => ({ status: 201, body: {} }),
    });
    render(<AdminMatterDetail />);
    await waitFor(() => expect($('#matter-reassign')?.textContent).toBe('转给物业'));
    fireEvent.click($('#matter-reassign') as HTMLElement);
    fireEvent.input($('#matter-reassign-reason') as HTMLElement, { target: { value: '路灯归物业管' } });
    fireEvent.click($('#matter-reassign-confirm') as HTMLElement);
    await waitFor(() => expect($('#matter-route')?.textContent).toContain('处理方：物业'));
    expect(calls.find((c) => c.path === '/api/committees/7/matters/12/route')?.body).toEqual({
      route: 'property',
      note: '路灯归物业管',
    });

    fireEvent.input($('#matter-reply-body') as HTMLElement, { target: { value: '已通知物业，明天上午修' } });
    fireEvent.click($('#matter-reply-send') as HTMLElement);
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/committees/7/posts/12/official-replies')?.body).toEqual({
        body: '已通知物业，明天上午修',
      }),
    );
  });
});

describe('办事统计', () => {
  it('shows each month’s table by category with a 合计 row, and the board’s first reply', async () => {
    signedIn('moderator', {
      'GET /api/committees/:communityId/matters/stats': () => ({
        body: {
          months: ['2026-10', '2026-11'],
          matters: [
            {
              month: '2026-10',
              category: null,
              count: 3,
              medianFirstReplyHours: 6,
              medianDoneHours: 25,
              reopenRate: 0.5,
              averageRating: 3,
              rated: 1,
            },
            {
              month: '2026-10',
              category: 'leak',
              count: 1,
              medianFirstReplyHours: 6,
              medianDoneHours: null,
              reopenRate: null,
              averageRating: null,
              rated: 0,
            },
          ],
          posts: [{ month: '2026-10', count: 3, medianFirstReplyHours: 2 }],
        },
      }),
    });
    render(<AdminMatterStats />);
    await waitFor(() => expect($('#stats-2026-10')).toBeTruthy());
    const cells = (id: string) => [...($(`#${id}`)?.children ?? [])].map((e) => e.textContent);
    expect(cells('stats-2026-10-all')).toEqual(['合计', '3', '6小时', '25小时', '50%', '3分']);
    expect(cells('stats-2026-10-leak')).toEqual(['漏水', '1', '6小时', '-', '-', '-']);
    expect($('#stats-2026-10-posts')?.textContent).toBe('留言板：3条留言，首次回复中位数 2小时');
    expect($('#stats-2026-11')?.textContent).toContain('这个月没有小事快办');
    expect($('#matters-export')).toBeTruthy();
  });
});
