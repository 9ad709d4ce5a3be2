import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReportDialog } from '../../miniprogram/components/board/ReportDialog';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminBoardSettings from '../../miniprogram/packages/admin/board-settings/index';
import AdminMutes from '../../miniprogram/packages/admin/mutes/index';
import AdminReview from '../../miniprogram/packages/admin/review/index';
import ModerationLog from '../../miniprogram/packages/board/moderation-log/index';
import { type Call, errorReply, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const type = (selector: string, value: string) => fireEvent.change($(selector) as HTMLElement, { target: { value } });
const click = async (selector: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    fireEvent.click(el);
  });
};

const staffMe = () => ({
  body: {
    user: { ...user, id: 9, isStaff: true },
    memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
    currentCommunityId: null,
  },
});

const item = (over: Record<string, unknown> = {}) => ({
  subject: 'post',
  subjectId: 41,
  body: '楼下天天有人卖保健品，加我微信',
  state: 'hidden',
  heldReason: null,
  stateReason: '举报理由：广告',
  createdAt: '2026-12-01T02:00:00.000Z',
  author: { userId: 17, name: '钱桂芳', building: '3号楼', room: '301' },
  reportCount: 3,
  reports: [
    { reason: 'ad', note: '卖东西', createdAt: '2026-12-01T03:00:00.000Z' },
    { reason: 'ad', note: null, createdAt: '2026-12-01T03:10:00.000Z' },
    { reason: 'abuse', note: null, createdAt: '2026-12-01T03:20:00.000Z' },
  ],
  appeal: null,
  ...over,
});

const counts = { reported: 1, held: 2, appealed: 0, hidden: 1, deleted: 0 };

describe('审核队列', () => {
  it('shows the tabs with counts and who wrote what, with the reports and their reasons', async () => {
    signInAs('password', 'staff-token');
    const calls = fakeServer({
      'GET /api/me': staffMe,
      'GET /api/committees/:communityId/review': () => ({ body: { counts, items: [item()], nextOffset: null } }),
    });
    render(<AdminReview />);
    await waitFor(() => expect($('#review-post-41')).toBeTruthy());
    expect($('#review-tab-reported')?.textContent).toBe('被举报 1');
    expect($('#review-tab-held')?.textContent).toBe('待审核 2');
    expect($('#review-tab-appealed')?.textContent).toBe('申诉');
    expect($('#review-author-post-41')?.textContent).toBe('作者：钱桂芳（3号楼 301室） · 编号17');
    expect($('#review-reports-post-41')?.textContent).toContain('3人举报');
    expect($('#review-reports-post-41')?.textContent).toContain('广告：卖东西');
    expect($('#review-reports-post-41')?.textContent).toContain('辱骂');
    await click('#review-tab-held');
    await waitFor(() =>
      expect(calls.some((c: Call) => c.path.endsWith('/review') && c.query.get('tab') === 'held')).toBe(true),
    );
  });

  it('deletes with a required reason and mutes the author for the days given', async () => {
    signInAs('password', 'staff-token');
    const decided: Call[] = [];
    fakeServer({
      'GET /api/me': staffMe,
      'GET /api/committees/:communityId/review': () => ({ body: { counts, items: [item()], nextOffset: null } }),
      'POST /api/committees/:communityId/review/:subject/:subjectId': (call) => {
        decided.push(call);
        return { body: item({ state: 'deleted', reports: [] }) };
      },
    });
    render(<AdminReview />);
    await waitFor(() => expect($('#review-delete-post-41')).toBeTruthy());
    await click('#review-delete-post-41');
    await click('#decide-confirm');
    expect($('#decide-reason-error')?.textContent).toBe('请写明原因，居民能在处理记录里看到');
    expect(decided).toHaveLength(0);
    type('#decide-reason', '发布广告');
    type('#decide-mute-days', '7');
    await click('#decide-confirm');
    await waitFor(() => expect(decided).toHaveLength(1));
    expect(decided[0].path).toBe('/api/committees/7/review/post/41');
    expect(decided[0].body).toEqual({ action: 'delete', reason: '发布广告', muteDays: 7 });
    await waitFor(() => expect($('#decide-dialog')).toBeNull());
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已删除', icon: 'none' });
  });

  it('restores after a confirm, and says so when another moderator was first', async () => {
    signInAs('password', 'staff-token');
    let restores = 0;
    fakeServer({
      'GET /api/me': staffMe,
      'GET /api/committees/:communityId/review': () => ({ body: { counts, items: [item()], nextOffset: null } }),
      'POST /api/committees/:communityId/review/:subject/:subjectId': (call) => {
        restores++;
        expect(call.body).toEqual({ action: 'restore' });
        return errorReply(409, 'INVALID_STATE', '这条内容的状态已经变了，可能别的工作人员已经处理，请刷新后再看');
      },
    });
    render(<AdminReview />);
    await waitFor(() => expect($('#review-restore-post-41')).toBeTruthy());
    await click('#review-restore-post-41');
    await waitFor(() => expect(restores).toBe(1));
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith({
        title: '这条内容的状态已经变了，可能别的工作人员已经处理，请刷新后再看',
        icon: 'none',
      }),
    );
  });
});

describe('禁言名单 and 留言板设置', () => {
  it('lists running mutes and lifts one', async () => {
    signInAs('password', 'staff-token');
    const lifted: string[] = [];
    fakeServer({
      'GET /api/me': staffMe,
      'GET /api/committees/:communityId/mutes': () => ({
        body: {
          items: [
            {
              id: 5,
              userId: 17,
              name: '钱桂芳',
              until: '2026-12-08T02:00:00.000Z',
              reason: '发广告',
              createdAt: '2026-12-01T02:00:00.000Z',
            },
          ],
        },
      }),
      'DELETE /api/committees/:communityId/mutes/:muteId': (_c, p) => {
        lifted.push(p.muteId);
        return { status: 204 };
      },
    });
    render(<AdminMutes />);
    await waitFor(() => expect($('#mute-5')).toBeTruthy());
    expect($('#mute-5')?.textContent).toContain('原因：发广告');
    await click('#mute-lift-5');
    await waitFor(() => expect(lifted).toEqual(['5']));
    await waitFor(() => expect($('#mute-5')).toBeNull());
  });

  it('checks the threshold before saving and sends the routing per category', async () => {
    signInAs('password', 'staff-token');
    const saved: unknown[] = [];
    fakeServer({
      'GET /api/me': staffMe,
      'GET /api/committees/:communityId/board-settings': () => ({
        body: { reportThreshold: 3, secCheckDailyLimit: 2000, matterRoutes: {} },
      }),
      'PUT /api/committees/:communityId/board-settings': (call) => {
        saved.push(call.body);
        return { body: call.body };
      },
    });
    render(<AdminBoardSettings />);
    await waitFor(() => expect(($('#settings-threshold') as HTMLInputElement | null)?.value).toBe('3'));
    type('#settings-threshold', '0');
    await click('#settings-save');
    expect(document.body.textContent).toContain('举报人数要在1到50之间');
    expect(saved).toHaveLength(0);
    type('#settings-threshold', '5');
    await click('#settings-route-lighting-property');
    await click('#settings-save');
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ reportThreshold: 5, secCheckDailyLimit: 2000, matterRoutes: { lighting: 'property' } });
  });
});

describe('resident side', () => {
  it('处理记录 says what happened in plain words, never the content or the author', async () => {
    signInAs();
    router.params = { communityId: '7' };
    fakeServer({
      'GET /api/me': () => ({ body: { user, memberships: [], currentCommunityId: 7 } }),
      'GET /api/committees/:communityId/moderation-log': () => ({
        body: {
          items: [
            {
              subject: 'post',
              action: 'auto_hidden',
              rule: 'reports',
              reason: '举报理由：广告',
              at: '2026-12-01T02:00:00.000Z',
            },
            {
              subject: 'comment',
              action: 'deleted',
              rule: 'moderator',
              reason: '辱骂邻居',
              at: '2026-11-30T02:00:00.000Z',
            },
          ],
          nextCursor: null,
        },
      }),
    });
    render(<ModerationLog />);
    await waitFor(() => expect($('#log-0')).toBeTruthy());
    expect($('#log-0')?.textContent).toBe('12月1日 一条留言 被多位居民举报后自动隐藏 原因：举报理由：广告');
    expect($('#log-1')?.textContent).toBe('11月30日 一条评论 被工作人员删除（工作人员审核） 原因：辱骂邻居');
  });

  it('ReportDialog asks for a reason, then sends it with the note', async () => {
    signInAs();
    const sent: unknown[] = [];
    let closed = 0;
    fakeServer({
      'POST /api/committees/:communityId/reports': (call) => {
        sent.push(call.body);
        return sent.length === 1
          ? { status: 201, body: { reported: true } }
          : errorReply(409, 'ALREADY_REPORTED', '您已经举报过了，工作人员会尽快处理');
      },
    });
    render(<ReportDialog communityId={7} subject="post" subjectId={41} onClose={() => closed++} />);
    await click('#report-submit');
    expect($('#report-reason-error')?.textContent).toContain('请选择举报理由');
    expect(sent).toHaveLength(0);
    await click('#report-reason-privacy');
    type('#report-note', '有别人的电话');
    await click('#report-submit');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ subject: 'post', subjectId: 41, reason: 'privacy', note: '有别人的电话' });
    await waitFor(() => expect(closed).toBe(1));
    await click('#report-submit');
    await waitFor(() => expect($('#report-form-error')?.textContent).toContain('您已经举报过了'));
  });
});
