import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import JoinPage from '../../miniprogram/packages/committee/join/index';
import Home from '../../miniprogram/pages/home/index';
import { committeeCard, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import Taro, { router } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

function serve(items: unknown[], extra: Parameters<typeof fakeServer>[0] = {}) {
  signInAs();
  return fakeServer({
    'GET /api/me': () => ({ body: me(items) }),
    'GET /api/memberships': () => ({ body: { items } }),
    'GET /api/committees/:communityId': (_, p) => ({
      body: committeeCard(Number(p.communityId), { name: '梅园居委会', phone: '021-63210000' }),
    }),
    ...extra,
  });
}

describe('home: where I stand', () => {
  it('a pending application says how long it takes; 撤回申请 asks first, says what happens, then confirms', async () => {
    const calls = serve([membership({ status: 'pending' })], {
      'POST /api/memberships/:membershipId/leave': () => ({ body: membership({ status: 'left' }) }),
    });
    render(<Home />);
    await waitFor(() => expect($('#home-pending')).toBeTruthy());
    expect($('#home-pending-status')?.textContent).toBe('正在审核中，一般 1–3 个工作日');

    // First time: the resident changes their mind; nothing is sent.
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    await act(async () => fireEvent.click($('#home-withdraw') as HTMLElement));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const dialog = Taro.showModal.mock.calls[0][0] as { content: string };
    expect(dialog.content).toContain('不会再审核');
    expect(dialog.content).toContain('重新填写');

    await act(async () => fireEvent.click($('#home-withdraw') as HTMLElement));
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/memberships/50/leave');
    await waitFor(() => expect($('#home-pending')).toBeNull());
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已撤回申请' }));
  });

  it('a rejection shows its reason, 重新申请 and the committee phone to call', async () => {
    serve([membership({ status: 'rejected', reason: '房号不对' })]);
    render(<Home />);
    await waitFor(() => expect($('#home-rejected')).toBeTruthy());
    expect($('#home-reject-reason')?.textContent).toBe('原因：房号不对');
    await waitFor(() => expect($('#home-call-committee')?.textContent).toContain('021-63210000'));
    fireEvent.click($('#home-call-committee') as HTMLElement);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '021-63210000' });
    fireEvent.click($('#home-reapply') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/join/index?id=7' });
  });
});

describe('join page: a community without rooms', () => {
  it('says so and offers the committee phone instead of a form that cannot be sent', async () => {
    router.params = { id: '7' };
    serve([], { 'GET /api/committees/:communityId/buildings': () => ({ body: { items: [] } }) });
    render(<JoinPage />);
    await waitFor(() => expect($('#join-no-rooms')).toBeTruthy());
    expect($('#join-form')).toBeNull();
    await waitFor(() => expect($('#join-call')?.textContent).toContain('021-63210000'));
    fireEvent.click($('#join-call') as HTMLElement);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '021-63210000' });
  });
});
