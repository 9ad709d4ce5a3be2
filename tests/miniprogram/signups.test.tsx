import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import MessagesPage from '../../miniprogram/packages/messages/index';
import MessageSettings from '../../miniprogram/packages/messages/settings/index';
import MySignupsPage from '../../miniprogram/packages/notices/signups/index';
import Mine from '../../miniprogram/pages/mine/index';
import { errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import { mySignup, subscriptions } from './notice-fixtures';
import Taro, { reachTheBottom } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

function signupItem(id: number, over: Record<string, unknown> = {}) {
  return {
    ...mySignup({ id }),
    noticeId: id + 100,
    communityId: 7,
    communityName: '梅园居委会',
    title: `活动${id}`,
    deadline: '2026-11-08T06:00:00.000Z',
    withdrawn: false,
    ...over,
  };
}

describe('我的报名', () => {
  it('lists sign-ups with their status, pages on by nextBefore, and opens the notice', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me/signups': (call) =>
        call.query.get('before') === '8'
          ? { body: { items: [signupItem(3, { withdrawn: true })], nextBefore: null } }
          : {
              body: {
                items: [signupItem(9, { status: 'waitlisted', position: 4 }), signupItem(8, { people: 1 })],
                nextBefore: 8,
              },
            },
    });
    render(<MySignupsPage />);
    await waitFor(() => expect($$('.signup-item')).toHaveLength(2));
    expect($('#signup-status-9')?.textContent).toBe('排队第 4 位');
    expect($('#signup-status-8')?.textContent).toBe('已报名');
    expect($('#signup-8')?.textContent).toContain('梅园居委会 · 1 人');
    expect($('#signup-8')?.textContent).toContain('报名截止：2026年11月8日 14:00');
    reachTheBottom();
    await waitFor(() => expect($$('.signup-item')).toHaveLength(3));
    expect(calls.filter((c) => c.path === '/api/me/signups').map((c) => c.query.get('before'))).toEqual([null, '8']);
    expect($('#signup-withdrawn-3')?.textContent).toBe('通知已撤回');
    fireEvent.click($('#signup-9') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/detail/index?communityId=7&id=109' });
  });

  it('says so when there are none', async () => {
    signInAs();
    fakeServer({ 'GET /api/me/signups': () => ({ body: { items: [], nextBefore: null } }) });
    render(<MySignupsPage />);
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('您还没有报名参加活动'));
  });

  it('is reached from 我的, next to 消息 and 消息设置', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: me([membership({ status: 'approved' })], 7) }),
      'GET /api/memberships': () => ({ body: { items: [membership({ status: 'approved' })] } }),
      'GET /api/me/messages/unread': () => ({ body: { unread: 0 } }),
    });
    render(<Mine />);
    await waitFor(() => expect($('#mine-signups')).toBeTruthy());
    fireEvent.click($('#mine-signups') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/signups/index' });
    fireEvent.click($('#mine-message-settings') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/messages/settings/index' });
  });
});

describe('消息设置 (H5)', () => {
  it('shows each kind with how many may still come, and says WeChat reminders need the mini-program', async () => {
    signInAs();
    fakeServer({ 'GET /api/me/subscriptions': () => ({ body: subscriptions({}, 2) }) });
    render(<MessageSettings />);
    await waitFor(() => expect($$('[id^="subscription-remaining-"]')).toHaveLength(3));
    expect($('#subscription-review_result')?.textContent).toContain('入住审核结果');
    expect($('#subscription-event_reminder')?.textContent).toContain('活动报名提醒');
    expect($('#subscription-urgent_notice')?.textContent).toContain('紧急通知');
    expect($('#subscription-remaining-event_reminder')?.textContent).toBe('还可以收到 2 条');
    expect($('#message-settings-h5')?.textContent).toContain('微信小程序');
    expect($('#message-settings-h5')?.textContent).toContain('「消息」里始终会显示全部消息');
    expect($('#subscribe-event_reminder')).toBeNull();
  });

  it('offers a retry when loading fails', async () => {
    signInAs();
    let fail = true;
    fakeServer({
      'GET /api/me/subscriptions': () =>
        fail ? errorReply(500, 'INTERNAL', '系统出了点问题，请稍后再试') : { body: subscriptions() },
    });
    render(<MessageSettings />);
    await waitFor(() => expect($('#state-error')?.textContent).toContain('系统出了点问题'));
    fail = false;
    fireEvent.click($('#state-retry') as HTMLElement);
    await waitFor(() => expect($('#subscription-remaining-review_result')?.textContent).toBe('还可以收到 0 条'));
  });

  it('is reached from 消息', async () => {
    signInAs();
    fakeServer({ 'GET /api/me/messages': () => ({ body: { items: [], nextBefore: null } }) });
    render(<MessagesPage />);
    await waitFor(() => expect($('#list-empty')).toBeTruthy());
    fireEvent.click($('#messages-settings') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/messages/settings/index' });
  });
});
