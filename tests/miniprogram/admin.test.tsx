import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import AdminMemberships from '../../miniprogram/packages/admin/memberships/index';
import { textMessages } from '../../shared/text';
import { type Call, fakeServer, household, membership, resetApp, signInAs, user } from './helpers';
import Taro from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

function applicant(id: number, realName: string) {
  return {
    id,
    userId: 100 + id,
    nickname: null,
    role: 'resident',
    status: 'pending',
    realName,
    phone: '13812345678',
    household,
    viaInvitation: false,
    reason: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: '2025-03-01T02:00:00.000Z',
  };
}

function staffServer(): Call[] {
  signInAs('password', 'staff-token');
  const staffMe = {
    user: { ...user, id: 9, isStaff: true },
    memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
    currentCommunityId: null,
  };
  return fakeServer({
    'GET /api/me': () => ({ body: staffMe }),
    'GET /api/committees/:communityId/memberships': (call) => ({
      body: {
        items: call.query.get('status') === 'pending' ? [applicant(1, '张建国'), applicant(2, '李秀英')] : [],
        nextOffset: null,
      },
    }),
    'POST /api/committees/:communityId/memberships/:membershipId/approve': (_, p) => ({
      body: { ...applicant(Number(p.membershipId), '张建国'), status: 'approved', decidedBy: '王主任' },
    }),
    'POST /api/committees/:communityId/memberships/:membershipId/reject': (call, p) => ({
      body: {
        ...applicant(Number(p.membershipId), '李秀英'),
        status: 'rejected',
        reason: (call.body as { reason: string }).reason,
      },
    }),
  });
}

describe('审核队列', () => {
  it('shows the applicant and the household; approve takes the request off the queue', async () => {
    const calls = staffServer();
    render(<AdminMemberships />);
    await waitFor(() => expect($('#membership-admin-1')).toBeTruthy());
    expect($('#membership-admin-name-1')?.textContent).toBe('张建国');
    expect($('#membership-admin-household-1')?.textContent).toBe('3号楼 2单元 301室');
    await act(async () => {
      fireEvent.click($('#approve-1') as HTMLElement);
    });
    await waitFor(() => expect($('#membership-admin-1')).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/committees/7/memberships/1/approve');
    expect(calls.find((c) => c.method === 'POST')?.header.Authorization).toBe('Bearer staff-token');
    expect($('#membership-admin-2')).toBeTruthy();
  });

  it('will not reject without a reason, and sends the reason the applicant will see', async () => {
    const calls = staffServer();
    render(<AdminMemberships />);
    await waitFor(() => expect($('#reject-2')).toBeTruthy());
    fireEvent.click($('#reject-2') as HTMLElement);
    fireEvent.click($('#reject-confirm-2') as HTMLElement);
    expect($('#reason-error-2')?.textContent).toBe('请写明原因，申请人会看到');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change($('#reason-2') as HTMLElement, { target: { value: '房号和登记的不一致' } });
    await act(async () => {
      fireEvent.click($('#reject-confirm-2') as HTMLElement);
    });
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/committees/7/memberships/2/reject');
    expect(post?.body).toEqual({ reason: '房号和登记的不一致' });
    await waitFor(() => expect($('#membership-admin-2')).toBeNull());
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝' }));
  });

  it('checks the reason by the contract: hidden characters do not count, the text sent is the cleaned one', async () => {
    const calls = staffServer();
    render(<AdminMemberships />);
    await waitFor(() => expect($('#reject-2')).toBeTruthy());
    fireEvent.click($('#reject-2') as HTMLElement);
    // Two UTF-16 units, one visible character: the server would refuse it, so the page does.
    fireEvent.change($('#reason-2') as HTMLElement, { target: { value: '错\u200b' } });
    fireEvent.click($('#reject-confirm-2') as HTMLElement);
    expect($('#reason-error-2')?.textContent).toBe('请写明原因，申请人会看到');
    // A direction mark is refused with the shared words for it.
    fireEvent.change($('#reason-2') as HTMLElement, { target: { value: '房号不对\u202e' } });
    fireEvent.click($('#reject-confirm-2') as HTMLElement);
    expect($('#reason-error-2')?.textContent).toBe(textMessages.bidi);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change($('#reason-2') as HTMLElement, { target: { value: '  房号和登记的不一致\u200b\n' } });
    await act(async () => {
      fireEvent.click($('#reject-confirm-2') as HTMLElement);
    });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '房号和登记的不一致' });
  });

  it('已通过 says who decided, and 邀请码加入 where a code let the resident in', async () => {
    signInAs('password', 'staff-token');
    const decidedAt = '2025-03-02T02:00:00.000Z';
    fakeServer({
      'GET /api/me': () => ({
        body: {
          user: { ...user, id: 9, isStaff: true },
          memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
          currentCommunityId: null,
        },
      }),
      'GET /api/committees/:communityId/memberships': (call) => ({
        body: {
          items:
            call.query.get('status') === 'approved'
              ? [
                  { ...applicant(3, '王秀英'), status: 'approved', viaInvitation: true, decidedAt },
                  { ...applicant(4, '张建国'), status: 'approved', decidedBy: '王主任', decidedAt },
                ]
              : [],
          nextOffset: null,
        },
      }),
    });
    render(<AdminMemberships />);
    await waitFor(() => expect($('#list-empty')).toBeTruthy());
    fireEvent.click($('#status-approved') as HTMLElement);
    await waitFor(() => expect($('#membership-admin-3')).toBeTruthy());
    expect($('#membership-admin-decided-3')?.textContent).toBe('邀请码加入（2025年3月2日 10:00）');
    expect($('#membership-admin-decided-4')?.textContent).toBe('王主任 于 2025年3月2日 10:00 处理');
  });

  it('asks a resident without a staff account to sign in as staff', async () => {
    signInAs('wechat');
    fakeServer({ 'GET /api/me': () => ({ body: { user, memberships: [], currentCommunityId: null } }) });
    render(<AdminMemberships />);
    await waitFor(() => expect($('#admin-denied')).toBeTruthy());
    fireEvent.click($('#admin-go-login') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/login/index' });
  });
});
