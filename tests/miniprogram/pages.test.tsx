import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { storageKeys } from '../../miniprogram/lib/storage';
import Committees from '../../miniprogram/pages/committees/index';
import Home from '../../miniprogram/pages/home/index';
import Mine from '../../miniprogram/pages/mine/index';
import { committeeSummary, errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import Taro, { reachTheBottom, storage } from './stubs/taro';

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

describe('找居委 page', () => {
  it('without a location, says so and lists committees by district; distance shown when known', async () => {
    fakeServer({
      'GET /api/committees': () => ({
        body: {
          items: [committeeSummary(1), committeeSummary(2, { distanceM: 1234, officeStatus: 'closed' })],
          nextOffset: null,
        },
      }),
    });
    render(<Committees />);
    await waitFor(() => expect($$('.committee-item')).toHaveLength(2));
    expect($('#location-tip')?.textContent).toBe('没有获取到位置，按区排列');
    expect($('#committee-item-2 .committee-distance')?.textContent).toBe('1.2公里');
    expect($('#committee-item-2 .office-status')?.textContent).toBe('已下班');
    expect($('#list-end')).toBeTruthy();
    fireEvent.click($('#committee-item-1') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/card/index?id=1' });
  });

  it('asks for nearest first with the phone position', async () => {
    Taro.getLocation.mockImplementation(async () => ({ latitude: 31.23, longitude: 121.47 }));
    const calls = fakeServer({
      'GET /api/committees': () => ({ body: { items: [committeeSummary(1, { distanceM: 350 })], nextOffset: null } }),
    });
    render(<Committees />);
    await waitFor(() => expect($$('.committee-item')).toHaveLength(1));
    expect($('#location-tip')?.textContent).toBe('按离您的距离排列');
    // H5 gets GPS coordinates and converts them to the GCJ-02 used by Chinese maps.
    const list = calls.filter((c) => c.path === '/api/committees');
    expect(list).toHaveLength(1);
    expect(Number(list[0].query.get('lat'))).toBeCloseTo(31.228, 3);
    expect(Number(list[0].query.get('lng'))).toBeCloseTo(121.4745, 3);
  });

  it('searches by the words typed, shows the empty state, and loads more at the bottom', async () => {
    const calls = fakeServer({
      'GET /api/committees': (call) => {
        if (call.query.get('q') === '梅园') return { body: { items: [], nextOffset: null } };
        const offset = Number(call.query.get('offset'));
        return { body: { items: [committeeSummary(offset + 1)], nextOffset: offset === 0 ? 1 : null } };
      },
    });
    render(<Committees />);
    await waitFor(() => expect($('#list-more')).toBeTruthy());
    act(() => reachTheBottom());
    await waitFor(() => expect($$('.committee-item')).toHaveLength(2));
    expect($('#list-end')).toBeTruthy();

    fireEvent.change($('#committee-search') as HTMLElement, { target: { value: '梅园' } });
    fireEvent.click($('#committee-search-submit') as HTMLElement);
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('没有找到「梅园」'));
    expect(calls.at(-1)?.query.get('q')).toBe('梅园');
  });

  it('shows the error with a retry button', async () => {
    let fail = true;
    fakeServer({
      'GET /api/committees': () =>
        fail
          ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')
          : { body: { items: [committeeSummary(1)], nextOffset: null } },
    });
    render(<Committees />);
    await waitFor(() => expect($('#list-error')?.textContent).toContain('服务暂时不可用，请稍后再试'));
    fail = false;
    fireEvent.click($('#state-retry') as HTMLElement);
    await waitFor(() => expect($$('.committee-item')).toHaveLength(1));
  });
});

describe('首页', () => {
  it('shows the current community and marks features not built yet', async () => {
    signInAs();
    fakeServer({ 'GET /api/me': () => ({ body: me([membership({ status: 'approved' })], 7) }) });
    render(<Home />);
    await waitFor(() => expect($('#home-community-name')?.textContent).toBe('梅园居委会'));
    expect($$('.feature-item')).toHaveLength(6);
    // Every feature is built: 找邻居, 找居委, 通知公告, 留言板, 议事厅 and 社区租赁.
    expect($$('.feature-item--soon')).toHaveLength(0);
    fireEvent.click($('#feature-neighbours') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/index?communityId=7' });
    fireEvent.click($('#feature-rentals') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/index?communityId=7' });
    fireEvent.click($('#feature-proposals') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/agora/index?communityId=7' });
    fireEvent.click($('#feature-board') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/list/index?communityId=7' });
    fireEvent.click($('#feature-committees') as HTMLElement);
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/committees/index' });
  });
});

describe('大字模式', () => {
  it('is one setting, kept on the device, that every page root follows', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: me([]) }),
      'GET /api/memberships': () => ({ body: { items: [] } }),
      'GET /api/committees': () => ({ body: { items: [], nextOffset: null } }),
    });
    render(
      <>
        <Mine />
        <Committees />
      </>,
    );
    await waitFor(() => expect($('#memberships-empty')).toBeTruthy());
    expect($('#mine')?.className).not.toContain('page--large');
    fireEvent.click($('#large-text-switch') as HTMLElement);
    expect($('#mine')?.className).toContain('page--large');
    expect($('#committees')?.className).toContain('page--large');
    expect($('#large-text-state')?.textContent).toContain('已开启');
    expect(($('#large-text-switch') as HTMLInputElement).checked).toBe(true);
    expect(storage.get(storageKeys.largeText)).toBe(true);
  });
});
