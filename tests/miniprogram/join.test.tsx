import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateJoin } from '../../miniprogram/lib/validation';
import JoinPage from '../../miniprogram/packages/committee/join/index';
import { type Call, committeeCard, fakeServer, household, me, membership, resetApp, signInAs } from './helpers';
import { router } from './stubs/taro';

beforeEach(resetApp);

describe('validateJoin', () => {
  const good = { householdId: 31, realName: '张建国', phone: '', agreed: true };

  it('accepts a household, a real name, no phone and the agreement', () => {
    const result = validateJoin(good);
    expect(result.ok).toBe(true);
    expect(result.body).toEqual({ householdId: 31, realName: '张建国', phone: null });
  });

  it('explains every missing piece in plain words', () => {
    const result = validateJoin({ householdId: null, realName: ' ', phone: '123', agreed: false });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual({
      householdId: '请选择您家的楼号、单元和房号',
      realName: '请填写真实姓名',
      phone: '请填写11位手机号',
      agreed: '请先阅读并同意用户协议和隐私政策',
    });
  });

  it('uses the contract rules: a name of 21 characters is too long, a landline is not a mobile', () => {
    expect(validateJoin({ ...good, realName: '张'.repeat(21) }).errors.realName).toBe('姓名太长了');
    expect(validateJoin({ ...good, phone: '02112345678' }).errors.phone).toBe('请填写11位手机号');
    expect(validateJoin({ ...good, phone: '13812345678' }).body?.phone).toBe('13812345678');
  });
});

function server(existing: unknown[] = []): Call[] {
  signInAs();
  return fakeServer({
    'GET /api/me': () => ({ body: me(existing) }),
    'GET /api/memberships': () => ({ body: { items: existing } }),
    'GET /api/committees/:communityId': (_, p) => ({
      body: committeeCard(Number(p.communityId), { name: '梅园居委会' }),
    }),
    'GET /api/committees/:communityId/buildings': () => ({
      body: { items: [{ id: 3, name: '3号楼', households: 2 }] },
    }),
    'GET /api/committees/:communityId/buildings/:buildingId/households': () => ({
      body: { items: [household, { ...household, id: 32, room: '302' }] },
    }),
    'POST /api/committees/:communityId/join': () => ({ status: 201, body: membership({ status: 'pending' }) }),
  });
}

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

describe('join page', () => {
  it('shows what is missing and sends nothing until the form is right, then shows 审核中', async () => {
    router.params = { id: '7' };
    const calls = server();
    render(<JoinPage />);
    await waitFor(() => expect($('#join-form')).toBeTruthy());
    expect($('#join-community')?.textContent).toBe('申请加入：梅园居委会');

    // The only building and the only unit are chosen for the user; rooms appear.
    await waitFor(() => expect($('#household-31')).toBeTruthy());

    fireEvent.click($('#join-submit') as HTMLElement);
    expect($('#household-error')?.textContent).toBe('请选择您家的楼号、单元和房号');
    expect($('#join-realname-error')?.textContent).toBe('请填写真实姓名');
    expect($('#join-agree-error')?.textContent).toBe('请先阅读并同意用户协议和隐私政策');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click($('#household-31') as HTMLElement);
    fireEvent.change($('#join-realname') as HTMLElement, { target: { value: '张建国' } });
    fireEvent.change($('#join-phone') as HTMLElement, { target: { value: '1381234' } });
    fireEvent.click($('#join-agree') as HTMLElement);
    // Errors follow the typing: fixed fields clear, the short phone is flagged.
    expect($('#household-error')).toBeNull();
    expect($('#join-realname-error')).toBeNull();
    expect($('#join-phone-error')?.textContent).toBe('请填写11位手机号');

    fireEvent.click($('#join-submit') as HTMLElement);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change($('#join-phone') as HTMLElement, { target: { value: '13812345678' } });
    await act(async () => {
      fireEvent.click($('#join-submit') as HTMLElement);
    });
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/committees/7/join');
    expect(post?.body).toEqual({ householdId: 31, realName: '张建国', phone: '13812345678' });
    await waitFor(() => expect($('#join-status-title')?.textContent).toBe('审核中'));
  });

  it('shows the rejection reason and lets the resident apply again', async () => {
    router.params = { id: '7' };
    server([membership({ status: 'rejected', reason: '房号和登记的不一致，请到居委核对' })]);
    render(<JoinPage />);
    await waitFor(() => expect($('#join-status-title')?.textContent).toBe('没有通过'));
    expect($('#join-reject-reason')?.textContent).toBe('原因：房号和登记的不一致，请到居委核对');
    fireEvent.click($('#join-reapply') as HTMLElement);
    await waitFor(() => expect($('#join-form')).toBeTruthy());
  });

  it('shows 审核中 for a request already waiting', async () => {
    router.params = { id: '7' };
    server([membership({ status: 'pending' })]);
    render(<JoinPage />);
    await waitFor(() => expect($('#join-status-title')?.textContent).toBe('审核中'));
    expect(screen.getByText('撤回申请')).toBeTruthy();
  });
});
