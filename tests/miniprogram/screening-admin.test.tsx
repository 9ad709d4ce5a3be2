import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminScreeningWords from '../../miniprogram/packages/admin/screening-words/index';
import { type Call, errorReply, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const type = (selector: string, value: string) => fireEvent.change($(selector) as HTMLElement, { target: { value } });
const click = async (selector: string) => {
  await act(async () => {
    fireEvent.click($(selector) as HTMLElement);
  });
};
const sent = (calls: Call[], method: string) => calls.filter((c) => c.method === method);
const word = (id: number, text: string) => ({ id, word: text, createdAt: '2026-12-01T02:00:00.000Z' });

const moderatorMe = {
  user: { ...user, id: 9, isStaff: true },
  memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
  currentCommunityId: 7,
};

describe('敏感词 for a moderator', () => {
  it("edits the community's list and shows the platform's read-only", async () => {
    signInAs('password', 'staff-token');
    const calls = fakeServer({
      'GET /api/me': () => ({ body: moderatorMe }),
      'GET /api/committees/:communityId/screening-words': () => ({
        body: { community: [word(1, '本社区词')], platform: [word(2, '赌博网站')] },
      }),
      'POST /api/committees/:communityId/screening-words': () => ({
        status: 201,
        body: { added: [word(3, '刷单')], skipped: [{ word: '本 社区词', reason: 'duplicate' }] },
      }),
      'DELETE /api/committees/:communityId/screening-words/:wordId': () => ({ status: 204 }),
    });
    render(<AdminScreeningWords />);
    await waitFor(() => expect($('#community-words-word-1')).toBeTruthy());
    expect($('#platform-words-readonly-word-2')?.textContent).toBe('赌博网站');
    expect($('#platform-words-readonly-remove-2')).toBeNull();
    expect($('#platform-words-readonly-add-words')).toBeNull();

    // Empty box: the contract's message, nothing sent.
    await click('#community-words-add-submit');
    expect($('#community-words-add-words-error')?.textContent).toBe('请填写要添加的词，每行一个');
    expect(sent(calls, 'POST')).toHaveLength(0);

    type('#community-words-add-words', '刷单\n本 社区词');
    await click('#community-words-add-submit');
    await waitFor(() => expect($('#community-words-word-3')).toBeTruthy());
    expect(sent(calls, 'POST')[0].body).toEqual({ words: '刷单\n本 社区词' });
    expect(Taro.showToast).toHaveBeenLastCalledWith({ title: '已添加1个；“本 社区词”已经在词表里了', icon: 'none' });

    // Removing asks first.
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    await click('#community-words-remove-1');
    expect(sent(calls, 'DELETE')).toHaveLength(0);
    await click('#community-words-remove-1');
    await waitFor(() => expect($('#community-words-word-1')).toBeNull());
    expect(sent(calls, 'DELETE')[0].path).toBe('/api/committees/7/screening-words/1');
  });

  it('shows "already listed" next to the box', async () => {
    signInAs('password', 'staff-token');
    fakeServer({
      'GET /api/me': () => ({ body: moderatorMe }),
      'GET /api/committees/:communityId/screening-words': () => ({ body: { community: [], platform: [] } }),
      'POST /api/committees/:communityId/screening-words': () => errorReply(409, 'DUPLICATE', '这些词已经在词表里了'),
    });
    render(<AdminScreeningWords />);
    await waitFor(() => expect($('#community-words-empty')).toBeTruthy());
    type('#community-words-add-words', '某词');
    await click('#community-words-add-submit');
    await waitFor(() => expect($('#community-words-add-words-error')?.textContent).toBe('这些词已经在词表里了'));
  });
});

describe('敏感词 for a platform admin', () => {
  it("edits the platform's list", async () => {
    signInAs('password', 'admin-token');
    const calls = fakeServer({
      'GET /api/me': () => ({
        body: { user: { ...user, id: 1, isStaff: true, isAdmin: true }, memberships: [], currentCommunityId: null },
      }),
      'GET /api/admin/screening-words': () => ({ body: { items: [word(2, '赌博网站')] } }),
      'DELETE /api/admin/screening-words/:wordId': () => ({ status: 204 }),
    });
    render(<AdminScreeningWords />);
    await waitFor(() => expect($('#platform-words-word-2')).toBeTruthy());
    expect($('#community-words')).toBeNull();
    await click('#platform-words-remove-2');
    await waitFor(() => expect($('#platform-words-word-2')).toBeNull());
    expect(sent(calls, 'DELETE')[0].path).toBe('/api/admin/screening-words/2');
  });
});
