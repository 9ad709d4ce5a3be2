import { fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paragraphs, splitPhones } from '../../miniprogram/components/notice/body';
import { NoticeView, type NoticeViewProps } from '../../miniprogram/components/notice/NoticeView';
import NoticeDetailPage from '../../miniprogram/packages/notices/detail/index';
import NoticeList from '../../miniprogram/packages/notices/list/index';
import Home from '../../miniprogram/pages/home/index';
import { type Call, errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import { detail, hex, image, listItem, mySignup, pdf, signupSummary } from './notice-fixtures';
import Taro, { reachTheBottom, router, shared } from './stubs/taro';

beforeEach(resetApp);
afterEach(() => vi.restoreAllMocks());

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

function view(over: Partial<NoticeViewProps> = {}): NoticeViewProps {
  return {
    title: '今晚停水',
    category: 'notice',
    communityName: '梅园居委会',
    publishedAt: '2026-11-03T02:00:00.000Z',
    editedAt: null,
    expired: false,
    body: '因抢修，今晚停水。\n\n请打 021-62345678 或 13912345678 询问。',
    attachments: [],
    ...over,
  };
}

describe('the notice body', () => {
  it('is cut into paragraphs, blank lines dropped', () => {
    expect(paragraphs('第一段\n\n  第二段  \r\n第三段\n')).toEqual(['第一段', '第二段', '第三段']);
  });

  it('finds mobiles and landlines, but not phones inside longer numbers', () => {
    expect(splitPhones('电话021-62345678，手机13912345678。')).toEqual([
      { kind: 'text', text: '电话' },
      { kind: 'phone', text: '021-62345678', number: '02162345678' },
      { kind: 'text', text: '，手机' },
      { kind: 'phone', text: '13912345678', number: '13912345678' },
      { kind: 'text', text: '。' },
    ]);
    expect(splitPhones('订单号 1391234567890123，房号 301')).toEqual([
      { kind: 'text', text: '订单号 1391234567890123，房号 301' },
    ]);
    expect(splitPhones('0571 以外 12345678901')).toEqual([{ kind: 'text', text: '0571 以外 12345678901' }]);
  });
});

describe('NoticeView', () => {
  it('shows the category, title, community, time and the body in paragraphs', () => {
    render(<NoticeView {...view({ editedAt: '2026-11-03T04:30:00.000Z' })} />);
    expect($('#notice-category')?.textContent).toBe('通知');
    expect($('#notice-title')?.textContent).toBe('今晚停水');
    expect($('#notice-meta')?.textContent).toBe('梅园居委会 · 2026年11月3日 10:00');
    expect($('#notice-edited')?.textContent).toBe('已更新 2026年11月3日 12:30');
    expect($('#notice-expired')).toBeNull();
    expect($$('.notice-paragraph').map((p) => p.textContent)).toEqual([
      '因抢修，今晚停水。',
      '请打 021-62345678 或 13912345678 询问。',
    ]);
  });

  it('marks 紧急 strongly and 已过期', () => {
    render(<NoticeView {...view({ category: 'urgent', expired: true })} />);
    expect($('#notice-category')?.textContent).toBe('紧急');
    expect($('#notice-category')?.className).toContain('notice-tag--urgent');
    expect($('#notice-view')?.className).toContain('notice-view--urgent');
    expect($('#notice-expired')?.textContent).toBe('已过期');
  });

  it('dials a phone number in the body when tapped', () => {
    render(<NoticeView {...view()} />);
    const phones = $$('.notice-phone');
    expect(phones.map((p) => p.textContent)).toEqual(['021-62345678', '13912345678']);
    fireEvent.click(phones[0]);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '02162345678' });
  });

  it('shows up to 9 photos as thumbnails and previews the display size of the one tapped', () => {
    const photos = Array.from({ length: 10 }, (_, i) => image(i + 1));
    render(<NoticeView {...view({ attachments: [...photos, pdf(50)] })} />);
    const thumbs = $$('.notice-image') as HTMLImageElement[];
    expect(thumbs).toHaveLength(9);
    expect(thumbs[0].getAttribute('src')).toBe(`http://api.test/api/files/${hex(1001)}.jpg`);
    fireEvent.click(thumbs[2].parentElement as HTMLElement);
    const call = Taro.previewImage.mock.calls[0][0];
    expect(call.urls).toHaveLength(9);
    expect(call.urls[0]).toBe(`http://api.test/api/files/${hex(1)}.jpg`);
    expect(call.current).toBe(`http://api.test/api/files/${hex(3)}.jpg`);
  });

  it('lists PDFs as rows and opens one in the browser (H5)', () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<NoticeView {...view({ attachments: [pdf(50), pdf(51, null)] })} />);
    expect($('#notice-pdf-0')?.textContent).toContain('停水通知.pdf');
    expect($('#notice-pdf-0')?.textContent).toContain('1.5 MB');
    expect($('#notice-pdf-1')?.textContent).toContain('附件2.pdf');
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    expect(open).toHaveBeenCalledWith(
      `http://api.test/api/files/${hex(50)}.pdf?exp=1900000000&sig=abc_DEF-1`,
      '_blank',
    );
    expect(Taro.downloadFile).not.toHaveBeenCalled();
  });
});

const resident = () => me([membership({ status: 'approved' })], 7);
const listCalls = (calls: Call[]) => calls.filter((c) => c.path === '/api/committees/7/notices');

describe('通知公告 list', () => {
  it('lists notices in the order served, marks unread, pinned, 紧急, 已过期 and 报名中, and pages on by the cursor', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices': (call) =>
        call.query.get('cursor') === 'c2'
          ? { body: { items: [listItem(1)], nextCursor: null, unreadCount: 2 } }
          : {
              body: {
                items: [
                  listItem(9, { category: 'urgent', pinned: true, unread: true }),
                  listItem(5, { category: 'event', signupOpen: true, unread: true }),
                  listItem(3, { expired: true }),
                ],
                nextCursor: 'c2',
                unreadCount: 2,
              },
            },
    });
    render(<NoticeList />);
    await waitFor(() => expect($$('.notice-item')).toHaveLength(3));
    expect($$('.notice-item').map((e) => e.id)).toEqual(['notice-9', 'notice-5', 'notice-3']);
    expect($('#notice-unread-9')?.textContent).toContain('未读');
    expect($('#notice-unread-3')).toBeNull();
    expect($('#notice-9')?.className).toContain('notice-item--urgent');
    expect($('#notice-9')?.textContent).toContain('置顶');
    expect($('#notice-9')?.textContent).toContain('紧急');
    expect($('#notice-signup-5')?.textContent).toBe('报名中');
    expect($('#notice-expired-3')?.textContent).toBe('已过期');
    expect($('#notice-3')?.textContent).toContain('第3条的开头');
    reachTheBottom();
    await waitFor(() => expect($$('.notice-item')).toHaveLength(4));
    expect(listCalls(calls).at(-1)?.query.get('cursor')).toBe('c2');
    expect($('#list-end')).toBeTruthy();
  });

  it('filters by category chip and by search words, starting again from page one', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices': (call) => ({
        body: {
          items: call.query.get('q') === '停水' ? [] : [listItem(call.query.get('category') === 'event' ? 5 : 9)],
          nextCursor: null,
          unreadCount: 0,
        },
      }),
    });
    render(<NoticeList />);
    await waitFor(() => expect($('#notice-9')).toBeTruthy());
    expect($('#notices-chip-all')?.className).toContain('chip--on');
    fireEvent.click($('#notices-chip-event') as HTMLElement);
    await waitFor(() => expect($('#notice-5')).toBeTruthy());
    expect($('#notices-chip-event')?.className).toContain('chip--on');
    expect(listCalls(calls).at(-1)?.query.get('category')).toBe('event');
    expect(listCalls(calls).at(-1)?.query.get('cursor')).toBeNull();
    fireEvent.change($('#notices-search') as HTMLElement, { target: { value: '停水' } });
    fireEvent.click($('#notices-search-submit') as HTMLElement);
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('没有找到相关的通知'));
    expect(listCalls(calls).at(-1)?.query.get('q')).toBe('停水');
    expect(listCalls(calls).at(-1)?.query.get('category')).toBe('event');
    expect($$('.chip').map((c) => c.textContent)).toEqual(['全部', '通知', '活动', '提醒', '紧急', '公示']);
  });

  it('works signed out (public notices), and opening one leaves it read', async () => {
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/committees/:communityId/notices': () => ({
        body: { items: [listItem(4, { unread: true })], nextCursor: null, unreadCount: null },
      }),
    });
    render(<NoticeList />);
    await waitFor(() => expect($('#notice-4')).toBeTruthy());
    expect(listCalls(calls)[0].header.Authorization).toBeUndefined();
    fireEvent.click($('#notice-4') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/detail/index?communityId=7&id=4' });
    await waitFor(() => expect($('#notice-unread-4')).toBeNull());
  });

  it('shows the current community without a parameter, and an error with 重试', async () => {
    signInAs();
    let fail = true;
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices': () =>
        fail
          ? errorReply(500, 'INTERNAL', '系统出了点问题，请稍后再试')
          : { body: { items: [], nextCursor: null, unreadCount: 0 } },
    });
    render(<NoticeList />);
    await waitFor(() => expect($('#list-error')?.textContent).toContain('系统出了点问题'));
    fail = false;
    fireEvent.click($('#state-retry') as HTMLElement);
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('居委还没有发布通知'));
  });
});

/** What the page's share handler answers (it must have registered one). */
function share_(kind: 'appMessage' | 'timeline'): unknown {
  const handler = shared[kind];
  if (!handler) throw new Error(`no ${kind} share handler`);
  return handler();
}

describe('通知 detail', () => {
  const open = (id = 4) => {
    router.params = { communityId: '7', id: String(id) };
  };

  it('renders the notice with tappable phone, and shares with its community and id', async () => {
    open();
    fakeServer({
      'GET /api/committees/:communityId/notices/:noticeId': () => ({ body: detail(4, { title: '停水通知' }) }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-title')?.textContent).toBe('停水通知'));
    expect($$('.notice-paragraph')).toHaveLength(2);
    fireEvent.click($('.notice-phone') as HTMLElement);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '02162345678' });
    const share = share_('appMessage') as { title: string; path: string };
    expect(share.title).toBe('停水通知');
    expect(share.path).toBe('/packages/notices/detail/index?communityId=7&id=4');
    expect((share_('timeline') as { query: string }).query).toBe('communityId=7&id=4');
    // Not opened alone: no 回首页.
    expect($('#notice-back-home')).toBeNull();
  });

  it('offers no timeline share for a members-only notice', async () => {
    open();
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices/:noticeId': () => ({ body: detail(4, { isPublic: false }) }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-title')).toBeTruthy());
    expect((share_('timeline') as { query: string }).query).toBe('');
    expect((share_('appMessage') as { path: string }).path).toContain('communityId=7&id=4');
  });

  it('copies its own address in H5, and shows 回首页 when opened alone', async () => {
    open();
    Taro.getCurrentPages.mockReturnValue([{}]);
    fakeServer({ 'GET /api/committees/:communityId/notices/:noticeId': () => ({ body: detail(4) }) });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-copy-link')).toBeTruthy());
    fireEvent.click($('#notice-copy-link') as HTMLElement);
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: window.location.href });
    fireEvent.click($('#notice-back-home') as HTMLElement);
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    Taro.getCurrentPages.mockReturnValue([{}, {}]);
  });

  it('shows a withdrawn notice as a tombstone with the reason', async () => {
    open();
    fakeServer({
      'GET /api/committees/:communityId/notices/:noticeId': () => ({
        body: detail(4, { status: 'withdrawn', body: null, withdrawReason: '时间改了，另发通知' }),
      }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-withdrawn')?.textContent).toContain('此通知已撤回'));
    expect($('#notice-withdraw-reason')?.textContent).toBe('撤回原因：时间改了，另发通知');
    expect($('#notice-body')).toBeNull();
  });

  it('offers to join when the notice is for members only, without an error toast', async () => {
    open();
    fakeServer({
      'GET /api/committees/:communityId/notices/:noticeId': () => ({
        status: 403,
        body: {
          error: {
            code: 'NOTICE_MEMBERS_ONLY',
            message: '加入本社区后可查看',
            details: { communityId: 7, communityName: '梅园居委会' },
          },
        },
      }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-members-only')).toBeTruthy());
    expect($('#notice-members-only')?.textContent).toContain('加入本社区后可查看');
    expect($('#notice-members-only-text')?.textContent).toContain('「梅园居委会」');
    expect($('#notice-sign-in')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalled();
    fireEvent.click($('#notice-join') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/join/index?id=7' });
  });

  it('says plainly when the notice does not exist, with 回首页', async () => {
    open(99);
    fakeServer({});
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#notice-missing')?.textContent).toContain('没有找到这条通知，可能已被删除'));
    expect(Taro.showToast).not.toHaveBeenCalled();
    fireEvent.click($('#notice-missing-home') as HTMLElement);
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});

describe('活动报名 on a notice', () => {
  const withSignup = (signup: Record<string, unknown>) => detail(4, { category: 'event', signup });

  function setup(signup: Record<string, unknown>, routes: Parameters<typeof fakeServer>[0] = {}) {
    signInAs();
    router.params = { communityId: '7', id: '4' };
    return fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices/:noticeId': () => ({ body: withSignup(signup) }),
      ...routes,
    });
  }

  it('shows places and deadline, and signs up with the people chosen', async () => {
    const calls = setup(signupSummary({ waiting: 2 }), {
      'POST /api/committees/:communityId/notices/:noticeId/signups': () => ({
        status: 201,
        body: mySignup({ people: 3 }),
      }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    expect($('#signup-counts')?.textContent).toBe('已报 12 / 名额 30 人');
    expect($('#signup-waiting')?.textContent).toBe('排队 2 户');
    expect($('#signup-deadline')?.textContent).toBe('报名截止：2026年11月8日 14:00');
    expect(($('#signup-less') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click($('#signup-more') as HTMLElement);
    fireEvent.click($('#signup-more') as HTMLElement);
    expect($('#signup-people')?.textContent).toBe('3');
    expect(($('#signup-more') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect($('#signup-status')?.textContent).toBe('已报名'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ people: 3 });
    expect($('#signup-counts')?.textContent).toBe('已报 15 / 名额 30 人');
    // H5: no WeChat consent sheet.
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('shows a place on the waiting list and cancels after a confirmation', async () => {
    const calls = setup(signupSummary({ waiting: 3, mine: mySignup({ status: 'waitlisted', position: 2 }) }), {
      'DELETE /api/committees/:communityId/notices/:noticeId/signups/mine': () => ({ status: 204 }),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#signup-status')?.textContent).toBe('排队第 2 位'));
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click($('#signup-cancel') as HTMLElement);
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click($('#signup-cancel') as HTMLElement);
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect($('#signup-waiting')?.textContent).toBe('排队 2 户');
  });

  it('says 报名已截止 when closed, and offers no cancel', async () => {
    setup(signupSummary({ open: false, mine: mySignup() }));
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#signup-closed')?.textContent).toBe('报名已截止'));
    expect($('#signup-status')?.textContent).toBe('已报名');
    expect($('#signup-cancel')).toBeNull();
    expect($('#signup-submit')).toBeNull();
  });

  it.each([
    ['SIGNUP_CLOSED', 409, '报名已经截止了，不能再报名或取消'],
    ['SIGNUP_EXISTS', 409, '您家已经报过名了，不用再报'],
    ['SIGNUP_TOO_MANY_PEOPLE', 400, '每户最多报 3 人，请减少人数'],
  ])('puts the refusal %s in words', async (code, status, words) => {
    setup(signupSummary(), {
      'POST /api/committees/:communityId/notices/:noticeId/signups': () => errorReply(status, code, '服务器的话'),
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect($('#signup-error')?.textContent).toBe(words));
    if (code === 'SIGNUP_CLOSED') expect($('#signup-closed')).toBeTruthy();
  });
});

describe('通知公告 on home', () => {
  it('shows the unread count of the current community and opens its notices', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/notices': () => ({
        body: { items: [listItem(1, { unread: true })], nextCursor: 'x', unreadCount: 4 },
      }),
    });
    render(<Home />);
    await waitFor(() => expect($('#home-notices-unread')?.textContent).toBe('4 条未读'));
    expect(listCalls(calls)[0].query.get('limit')).toBe('1');
    expect($('#feature-announcements')?.className).not.toContain('feature-item--soon');
    fireEvent.click($('#feature-announcements') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/list/index?communityId=7' });
  });

  it('shows no count when all is read, and sends someone without a community to 找居委', async () => {
    signInAs();
    const calls = fakeServer({ 'GET /api/me': () => ({ body: me([]) }) });
    render(<Home />);
    await waitFor(() => expect($('#home-community-name')?.textContent).toBe('您还没有加入社区'));
    expect($('#home-notices-unread')).toBeNull();
    expect(listCalls(calls)).toHaveLength(0);
    fireEvent.click($('#feature-announcements') as HTMLElement);
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/committees/index' });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '加入社区后就能看到居委的通知' }));
  });
});
