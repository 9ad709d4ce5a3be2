import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import MessagesPage from '../../miniprogram/packages/messages/index';
import Home from '../../miniprogram/pages/home/index';
import type { MessageView } from '../../shared/contracts/messages';
import { errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import Taro, { reachTheBottom } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)];

function message(id: number, over: Partial<MessageView> = {}): MessageView {
  return {
    id,
    kind: 'membership.approved',
    title: `消息${id}`,
    body: `第${id}条的内容`,
    link: null,
    communityId: 7,
    createdAt: '2026-11-03T02:00:00.000Z',
    read: false,
    ...over,
  };
}

describe('消息 page', () => {
  it('lists messages with the unread ones marked, and pages on by the last id', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me/messages': (call) =>
        call.query.get('before') === '2'
          ? { body: { items: [message(1, { read: true })], nextBefore: null } }
          : { body: { items: [message(3), message(2, { read: true })], nextBefore: 2 } },
    });
    render(<MessagesPage />);
    await waitFor(() => expect($$('.message')).toHaveLength(2));
    expect($('#message-unread-3')?.textContent).toBe('未读');
    expect($('#message-unread-2')).toBeNull();
    expect($('#message-3')?.className).toContain('message--unread');
    expect($('#message-3')?.textContent).toContain('第3条的内容');
    reachTheBottom();
    await waitFor(() => expect($$('.message')).toHaveLength(3));
    expect(calls.filter((c) => c.path === '/api/me/messages').map((c) => c.query.get('before'))).toEqual([null, '2']);
    expect($('#list-end')).toBeTruthy();
  });

  it('tapping a message marks it read, then opens its link', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me/messages': () => ({
        body: {
          items: [
            message(5, { link: '/packages/committee/join/index?id=7' }),
            message(4, { link: '/pages/home/index' }),
          ],
          nextBefore: null,
        },
      }),
      'POST /api/me/messages/:messageId/read': (_, p) => ({ body: message(Number(p.messageId), { read: true }) }),
    });
    render(<MessagesPage />);
    await waitFor(() => expect($('#message-5')).toBeTruthy());
    fireEvent.click($('#message-5') as HTMLElement);
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/join/index?id=7' }));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/me/messages/5/read')).toBe(true);
    expect($('#message-unread-5')).toBeNull();
    // A tab page opens with switchTab.
    fireEvent.click($('#message-4') as HTMLElement);
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }));
  });

  it('全部已读 marks every message read', async () => {
    signInAs();
    const calls = fakeServer({
      'GET /api/me/messages': () => ({ body: { items: [message(2), message(1)], nextBefore: null } }),
      'POST /api/me/messages/read-all': () => ({ body: { marked: 2 } }),
    });
    render(<MessagesPage />);
    await waitFor(() => expect($$('.message--unread')).toHaveLength(2));
    fireEvent.click($('#messages-read-all') as HTMLElement);
    await waitFor(() => expect($$('.message--unread')).toHaveLength(0));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/me/messages/read-all')).toBe(true);
    expect(($('#messages-read-all') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says so when there are no messages, and offers a retry when loading fails', async () => {
    signInAs();
    let fail = true;
    fakeServer({
      'GET /api/me/messages': () =>
        fail ? errorReply(500, 'INTERNAL', '系统出了点问题，请稍后再试') : { body: { items: [], nextBefore: null } },
    });
    render(<MessagesPage />);
    await waitFor(() => expect($('#list-error')).toBeTruthy());
    expect($('#list-error')?.textContent).toContain('系统出了点问题');
    fail = false;
    fireEvent.click($('#state-retry') as HTMLElement);
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('还没有消息'));
    expect($('#messages-read-all')).toBeNull();
  });
});

describe('the way into 消息', () => {
  it('home shows the unread count and opens 消息', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: me([membership({ status: 'approved' })], 7) }),
      'GET /api/me/messages/unread': () => ({ body: { unread: 3 } }),
    });
    render(<Home />);
    await waitFor(() => expect($('#home-messages-unread')?.textContent).toBe('3 条未读'));
    fireEvent.click($('#home-messages') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/messages/index' });
  });

  it('says 没有未读 when all is read', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: me([]) }),
      'GET /api/me/messages/unread': () => ({ body: { unread: 0 } }),
    });
    render(<Home />);
    await waitFor(() => expect($('#home-messages')?.textContent).toContain('没有未读'));
    expect($('#home-messages-unread')).toBeNull();
  });
});
