import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeView } from '../../miniprogram/components/notice/NoticeView';
import JoinPage from '../../miniprogram/packages/committee/join/index';
import MessageSettings from '../../miniprogram/packages/messages/settings/index';
import NoticeDetailPage from '../../miniprogram/packages/notices/detail/index';
import {
  type Call,
  committeeCard,
  errorReply,
  fakeServer,
  household,
  me,
  membership,
  resetApp,
  signInAs,
} from './helpers';
import { detail, mySignup, pdf, signupSummary, subscriptions } from './notice-fixtures';
import Taro, { router } from './stubs/taro';

// What only the WeChat build does.
vi.mock('../../miniprogram/lib/env', () => ({ isWeapp: true, isH5: false, apiBase: 'https://api.test' }));

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

describe('NoticeView in WeChat', () => {
  it('downloads a PDF and opens it in the document viewer with its menu', async () => {
    render(
      <NoticeView
        title="t"
        category="notice"
        communityName="c"
        publishedAt={null}
        editedAt={null}
        expired={false}
        body="b"
        attachments={[pdf(50)]}
      />,
    );
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(Taro.downloadFile.mock.calls[0][0].url).toMatch(/^https:\/\/api\.test\/api\/files\/0+32\.pdf\?exp=/);
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/file.pdf',
      fileType: 'pdf',
      showMenu: true,
    });
  });

  it('says so when the PDF cannot be downloaded', async () => {
    Taro.downloadFile.mockResolvedValueOnce({ tempFilePath: '', statusCode: 404 });
    render(
      <NoticeView
        title="t"
        category="notice"
        communityName="c"
        publishedAt={null}
        editedAt={null}
        expired={false}
        body="b"
        attachments={[pdf(50)]}
      />,
    );
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件打不开，请稍后再试' })),
    );
    expect(Taro.openDocument).not.toHaveBeenCalled();
  });
});

const posted = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

describe('活动报名 in WeChat', () => {
  function setup(subs: unknown, signupReply: () => { status?: number; body?: unknown }) {
    signInAs();
    router.params = { communityId: '7', id: '4' };
    return fakeServer({
      'GET /api/me': () => ({ body: me([membership({ status: 'approved' })], 7) }),
      'GET /api/committees/:communityId/notices/:noticeId': () => ({
        body: detail(4, { category: 'event', isPublic: false, signup: signupSummary() }),
      }),
      'GET /api/me/subscriptions': () => ({ body: subs }),
      'POST /api/me/subscriptions': (call) => ({
        body: subscriptions({}, (call.body as { accepted: string[] }).accepted.length),
      }),
      'POST /api/committees/:communityId/notices/:noticeId/signups': signupReply,
    });
  }

  it('hides 分享到朋友圈 for a members-only notice', async () => {
    setup(subscriptions(), () => ({ status: 201, body: mySignup() }));
    render(<NoticeDetailPage />);
    await waitFor(() => expect(Taro.hideShareMenu).toHaveBeenCalledWith({ menus: ['shareTimeline'] }));
    expect(Taro.showShareMenu).not.toHaveBeenCalled();
  });

  it('after signing up, offers the event reminder and records the consent given', async () => {
    const calls = setup(subscriptions(), () => ({ status: 201, body: mySignup({ people: 1 }) }));
    Taro.requestSubscribeMessage.mockResolvedValueOnce({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-event': 'accept',
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/subscriptions')).toBe(true));
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect(posted(calls, '/api/me/subscriptions')).toHaveLength(1));
    expect($('#signup-status')?.textContent).toBe('已报名');
    expect((Taro.showModal.mock.calls[0][0] as { content: string }).content).toContain('微信提醒');
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-event'] });
    expect(posted(calls, '/api/me/subscriptions')[0].body).toEqual({ accepted: ['event_reminder'] });
  });

  it('records nothing when the consent is refused, and the sign-up stands', async () => {
    const calls = setup(subscriptions(), () => ({ status: 201, body: mySignup() }));
    Taro.requestSubscribeMessage.mockResolvedValueOnce({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-event': 'reject',
    });
    render(<NoticeDetailPage />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/subscriptions')).toBe(true));
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect(Taro.requestSubscribeMessage).toHaveBeenCalled());
    expect(posted(calls, '/api/me/subscriptions')).toHaveLength(0);
    expect($('#signup-status')?.textContent).toBe('已报名');
  });

  it('asks nothing when the server has no template for it', async () => {
    const calls = setup(subscriptions({ event_reminder: null }), () => ({ status: 201, body: mySignup() }));
    render(<NoticeDetailPage />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/subscriptions')).toBe(true));
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect($('#signup-status')).toBeTruthy());
    expect(Taro.showModal).not.toHaveBeenCalled();
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('asks nothing when the sign-up is refused', async () => {
    const calls = setup(subscriptions(), () => errorReply(409, 'SIGNUP_CLOSED', '报名已截止'));
    render(<NoticeDetailPage />);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/subscriptions')).toBe(true));
    await waitFor(() => expect($('#signup-submit')).toBeTruthy());
    fireEvent.click($('#signup-submit') as HTMLElement);
    await waitFor(() => expect($('#signup-error')).toBeTruthy());
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});

describe('消息设置 in WeChat', () => {
  it('订阅 asks WeChat for that one template straight away and shows the new count', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me/subscriptions': () => ({ body: subscriptions({ urgent_notice: null }, 0) }),
      'POST /api/me/subscriptions': () => ({
        body: {
          items: subscriptions({ urgent_notice: null }, 0).items.map((s) =>
            s.template === 'review_result' ? { ...s, remaining: 1 } : s,
          ),
        },
      }),
    });
    Taro.requestSubscribeMessage.mockResolvedValueOnce({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-review': 'accept',
    });
    render(<MessageSettings />);
    await waitFor(() => expect($('#subscribe-review_result')).toBeTruthy());
    expect($('#message-settings-h5')).toBeNull();
    expect($('#subscribe-urgent_notice')).toBeNull();
    expect($('#subscribe-off-urgent_notice')?.textContent).toBe('暂未开通');
    fireEvent.click($('#subscribe-review_result') as HTMLElement);
    await waitFor(() => expect($('#subscription-remaining-review_result')?.textContent).toBe('还可以收到 1 条'));
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-review'] });
    expect(posted(calls, '/api/me/subscriptions')[0].body).toEqual({ accepted: ['review_result'] });
  });
});

describe('申请加入 in WeChat', () => {
  it('after the application is sent, offers to be told the review result', async () => {
    signInAs();
    router.params = { id: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: me([]) }),
      'GET /api/memberships': () => ({ body: { items: [] } }),
      'GET /api/committees/:communityId': (_, p) => ({ body: committeeCard(Number(p.communityId)) }),
      'GET /api/committees/:communityId/buildings': () => ({
        body: { items: [{ id: 3, name: '3号楼', households: 1 }] },
      }),
      'GET /api/committees/:communityId/buildings/:buildingId/households': () => ({ body: { items: [household] } }),
      'POST /api/committees/:communityId/join': () => ({ status: 201, body: membership({ status: 'pending' }) }),
      'GET /api/me/subscriptions': () => ({ body: subscriptions() }),
      'POST /api/me/subscriptions': () => ({ body: subscriptions({}, 1) }),
    });
    Taro.requestSubscribeMessage.mockResolvedValueOnce({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-review': 'accept',
    });
    render(<JoinPage />);
    await waitFor(() => expect($('#household-31')).toBeTruthy());
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/subscriptions')).toBe(true));
    fireEvent.click($('#household-31') as HTMLElement);
    fireEvent.change($('#join-realname') as HTMLElement, { target: { value: '张建国' } });
    fireEvent.click($('#join-agree') as HTMLElement);
    await act(async () => {
      fireEvent.click($('#join-submit') as HTMLElement);
    });
    await waitFor(() => expect($('#join-status-title')?.textContent).toBe('审核中'));
    await waitFor(() => expect(posted(calls, '/api/me/subscriptions')).toHaveLength(1));
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-review'] });
    expect(posted(calls, '/api/me/subscriptions')[0].body).toEqual({ accepted: ['review_result'] });
  });
});
