import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../miniprogram/api/session';
import { storageKeys } from '../../miniprogram/lib/storage';
import MyData from '../../miniprogram/packages/legal/my-data/index';
import type { MyData as MyDataReply } from '../../shared/contracts/privacy';
import { fakeServer, resetApp, signInAs } from './helpers';
import Taro, { storage } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

/** Typed by the contract: a section the server adds must be added here too. */
const exported: MyDataReply = {
  exportedAt: '2026-11-28T02:00:00.000Z',
  user: { id: 7, nickname: null, avatarUrl: null, hasWechatIdentity: true, createdAt: '2026-11-01T02:00:00.000Z' },
  memberships: [
    {
      communityName: '梧桐里居委会',
      role: 'resident',
      status: 'approved',
      household: '3号楼 1单元 302',
      realName: '钱桂芳',
      phone: null,
      reason: null,
      createdAt: '2026-11-02T02:00:00.000Z',
      decidedAt: '2026-11-03T02:00:00.000Z',
    },
  ],
  sessions: [{ createdAt: '2026-11-28T01:00:00.000Z', lastSeenAt: '2026-11-28T01:00:00.000Z', userAgent: null }],
  messages: [
    {
      title: '加入申请已通过',
      body: '梧桐里居委会通过了您的加入申请。',
      createdAt: '2026-11-03T02:00:00.000Z',
      readAt: null,
    },
  ],
  uploads: [],
  noticeReads: [],
  signups: [],
  subscriptions: [],
  boardPosts: [],
  boardComments: [],
  boardPlusOnes: [],
  boardEvents: [],
  reports: [],
  boardMutes: [],
  voteBallots: [],
  voteCurrentBallots: [],
  voteProxies: [],
  voteGroupSightings: [],
  rentals: [],
  topics: [],
  topicComments: [],
  topicRatings: [],
  topicCosigns: [],
  topicEvents: [],
  neighbourCards: [],
  neighbourConsents: [],
  neighbourContacts: [],
  neighbourMessages: [],
  neighbourBlocks: [],
  neighbourDirectoryViews: [],
};

const sessions = {
  items: [
    {
      id: 1,
      kind: 'wechat',
      createdAt: exported.exportedAt,
      lastSeenAt: exported.exportedAt,
      expiresAt: exported.exportedAt,
      userAgent: null,
      current: true,
    },
    {
      id: 2,
      kind: 'wechat',
      createdAt: exported.exportedAt,
      lastSeenAt: exported.exportedAt,
      expiresAt: exported.exportedAt,
      userAgent: null,
      current: false,
    },
  ],
};

describe('我的资料 page', () => {
  it('lists the devices signed in and ends another one, never offering to end this one', async () => {
    signInAs('wechat');
    const calls = fakeServer({
      'GET /api/me/data': () => ({ body: exported }),
      'GET /api/auth/sessions': () => ({ body: sessions }),
      'DELETE /api/auth/sessions/:sessionId': () => ({ status: 204 }),
    });
    render(<MyData />);
    await waitFor(() => expect($('#device-2')).toBeTruthy());
    expect($('#device-end-1')).toBeNull();
    fireEvent.click($('#device-end-2') as HTMLElement);
    await waitFor(() => expect($('#device-2')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/auth/sessions/2')).toBe(true);
    expect($('#device-1')).toBeTruthy();
  });

  it('shows the resident everything kept about them, in plain words', async () => {
    signInAs('wechat');
    fakeServer({ 'GET /api/me/data': () => ({ body: exported }) });
    render(<MyData />);
    await waitFor(() => expect($('#my-data-membership-0')).toBeTruthy());
    const text = $('#my-data-memberships')?.textContent ?? '';
    expect(text).toContain('梧桐里居委会');
    expect(text).toContain('已加入');
    expect(text).toContain('3号楼 1单元 302');
    expect(text).toContain('钱桂芳');
    expect(text).toContain('没有填写');
    // Messages are kept about the resident too (the server's copy has them since they became personal data).
    const messages = $('#my-data-messages')?.textContent ?? '';
    expect(messages).toContain('加入申请已通过');
    expect(messages).toContain('梧桐里居委会通过了您的加入申请。');
    expect(messages).toContain('未读');
  });

  it('shows the 活动 signed up to, how many notices were read and the WeChat reminders agreed to', async () => {
    signInAs('wechat');
    fakeServer({
      'GET /api/me/data': () => ({
        body: {
          ...exported,
          signups: [
            { title: '重阳节敬老茶话会', people: 2, status: 'waitlisted', createdAt: '2026-11-20T02:00:00.000Z' },
          ],
          noticeReads: [
            { communityName: '梧桐里居委会', title: '停水', readAt: '2026-11-20T02:00:00.000Z' },
            { communityName: '梧桐里居委会', title: '电梯', readAt: '2026-11-21T02:00:00.000Z' },
          ],
          subscriptions: [{ kind: 'event_reminder', remaining: 1, acceptedTotal: 3 }],
        },
      }),
    });
    render(<MyData />);
    await waitFor(() => expect($('#my-data-signup-0')).toBeTruthy());
    expect($('#my-data-signup-0')?.textContent).toContain('重阳节敬老茶话会');
    expect($('#my-data-signup-0')?.textContent).toContain('排队中 · 2人');
    expect($('#my-data-notice-reads')?.textContent).toBe('看过的通知：2条');
    expect($('#my-data-subscription-event_reminder')?.textContent).toBe('活动报名提醒：同意过3次，还可以收到1条');
  });

  it('counts what the resident did in 议事厅: topics, co-signs, remarks, ratings, ballots and their changes', async () => {
    signInAs('wechat');
    const at = '2026-11-20T02:00:00.000Z';
    fakeServer({
      'GET /api/me/data': () => ({
        body: {
          ...exported,
          topicCosigns: [
            { communityName: '梧桐里居委会', topicId: 1, createdAt: at },
            { communityName: '梧桐里居委会', topicId: 2, createdAt: at },
          ],
          topicRatings: [
            { communityName: '梧桐里居委会', topicId: 3, score: 4, comment: null, state: 'visible', createdAt: at },
          ],
          voteBallots: [
            { voteTitle: '充电棚选址', choices: ['3号楼旁'], channel: 'self', version: 1, at },
            { voteTitle: '充电棚选址', choices: ['5号楼旁'], channel: 'self', version: 2, at },
          ],
          voteCurrentBallots: [{ voteTitle: '充电棚选址', channel: 'self', updatedAt: at }],
        },
      }),
    });
    render(<MyData />);
    await waitFor(() => expect($('#my-data-agora')).toBeTruthy());
    const text = $('#my-data-agora')?.textContent ?? '';
    expect(text).toContain('提出的议题：0条；附议：2次');
    expect(text).toContain('成效评价：1条');
    expect(text).toContain('投过票的表决：1个（每次投票和改票都有记录，共2条）');
  });

  it('says so when no message was sent', async () => {
    signInAs('wechat');
    fakeServer({ 'GET /api/me/data': () => ({ body: { ...exported, messages: [] } }) });
    render(<MyData />);
    await waitFor(() => expect($('#my-data-messages')).toBeTruthy());
    expect($('#my-data-messages')?.textContent).toBe('还没有发给您的消息。');
    expect($('#my-data-message-0')).toBeNull();
  });

  it('deletes after a confirmation, then forgets the session on this device', async () => {
    signInAs('wechat');
    const calls = fakeServer({
      'GET /api/me/data': () => ({ body: exported }),
      'POST /api/me/delete': () => ({ status: 204 }),
    });
    render(<MyData />);
    await waitFor(() => expect($('#delete-account')).toBeTruthy());
    fireEvent.click($('#delete-account') as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.path === '/api/me/delete')).toBe(true));
    expect(calls.find((c) => c.path === '/api/me/delete')?.body).toEqual({ confirm: '删除' });
    expect(Taro.showModal).toHaveBeenCalled();
    await waitFor(() => expect(sessionStore.get().status).toBe('signed-out'));
    expect(storage.has(storageKeys.token)).toBe(false);
  });

  it('does nothing when the resident changes their mind', async () => {
    signInAs('wechat');
    Taro.showModal.mockImplementationOnce(async () => ({ confirm: false, cancel: true }));
    const calls = fakeServer({ 'GET /api/me/data': () => ({ body: exported }) });
    render(<MyData />);
    await waitFor(() => expect($('#delete-account')).toBeTruthy());
    fireEvent.click($('#delete-account') as HTMLElement);
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(calls.some((c) => c.path === '/api/me/delete')).toBe(false);
    expect(sessionStore.get().status).not.toBe('signed-out');
    expect(storage.has(storageKeys.token)).toBe(true);
  });
});
