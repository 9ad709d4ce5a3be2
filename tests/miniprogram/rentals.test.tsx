import { fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RentalCalendar } from '../../miniprogram/components/rentals/Calendar';
import RentalBook from '../../miniprogram/packages/rentals/book/index';
import RentalBookingPage from '../../miniprogram/packages/rentals/booking/index';
import RentalsIndex from '../../miniprogram/packages/rentals/index';
import RentalItemPage from '../../miniprogram/packages/rentals/item/index';
import MyRentals from '../../miniprogram/packages/rentals/mine/index';
import Mine from '../../miniprogram/pages/mine/index';
import type { RentalBookingView } from '../../shared/contracts/rentals';
import { addDays } from '../../shared/domain/office-hours';
import { type Call, errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import Taro, { router, shared } from './stubs/taro';

// 10:00 on Tuesday 1 December 2026 in China: "today" of every page below.
const NOW = new Date('2026-12-01T02:00:00.000Z');

beforeEach(() => {
  resetApp();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const click = (selector: string) => fireEvent.click($(selector) as HTMLElement);
const type = (selector: string, value: string) => fireEvent.input($(selector) as HTMLElement, { target: { value } });
const text = (selector: string) => $(selector)?.textContent ?? null;
const resident = () => me([membership({ status: 'approved' })], 7);

const point = {
  id: 2,
  communityId: 7,
  name: '梅园为老服务站',
  address: '梅园路8号1楼',
  hours: '周一至周五 9:00-16:00',
  phone: '021-55556666',
  delivers: false,
  shared: false,
};

const wheelchair = {
  id: 3,
  pointId: 2,
  category: 'wheelchair' as const,
  name: '手动轮椅',
  suitableFor: '腿脚不便、临时受伤的老人',
  photoUrl: '/files/wheelchair.jpg',
  feeKind: 'per_day' as const,
  feeFen: 500,
  periodDays: null,
  depositFen: 20_000,
  subsidyPercent: 50,
  subsidyFor: ['elderly' as const, 'low_income' as const],
  maxDays: 30,
  perHousehold: 1,
  selfService: false,
  bufferDays: 1,
  delivery: false,
  feeText: '每天5元',
  units: 3,
  freeToday: 2,
  waiting: 0,
};

const bed = {
  ...wheelchair,
  id: 4,
  category: 'nursing_bed' as const,
  name: '电动护理床',
  suitableFor: '长期卧床的老人',
  photoUrl: null,
  feeKind: 'per_period' as const,
  feeFen: 105_000,
  periodDays: 180,
  depositFen: 105_000,
  maxDays: 366,
  delivery: true,
  feeText: '每6个月1050元',
  units: 1,
  freeToday: 0,
  waiting: 2,
};

const quote = {
  feeKind: 'per_day' as const,
  days: 7,
  periods: 0,
  rentFen: 3500,
  subsidyPercent: 0,
  subsidyFen: 0,
  payableFen: 3500,
  depositFen: 20_000,
  upfrontFen: 23_500,
  overdueFeePerDayFen: 500,
};

function booking(id: number, over: Partial<RentalBookingView> = {}): RentalBookingView {
  return {
    id,
    communityId: 7,
    itemTypeId: 3,
    itemName: '手动轮椅',
    category: 'wheelchair',
    photoUrl: null,
    point: { id: 2, name: point.name, address: point.address, hours: point.hours, phone: point.phone },
    unitTag: null,
    status: 'pending',
    forName: null,
    forRelation: null,
    eligibility: null,
    startOn: '2026-12-03',
    endOn: '2026-12-09',
    handover: 'pickup',
    deliveryAddress: null,
    note: null,
    reason: null,
    quote,
    queuePosition: null,
    offerExpiresAt: null,
    checkedOutAt: null,
    returnedOn: null,
    settlement: null,
    overdueDays: 0,
    canCancel: true,
    canExtend: false,
    version: 1,
    createdAt: '2026-11-30T02:00:00.000Z',
    ...over,
  };
}

/** 60 days from today: none free on the 1st and 2nd, then two. */
const calendar = {
  units: 3,
  days: Array.from({ length: 60 }, (_, i) => ({ date: addDays('2026-12-01', i).date, free: i < 2 ? 0 : 2 })),
};

const detail = (over: Record<string, unknown> = {}) => ({
  ...wheelchair,
  specs: '可折叠，座宽46厘米',
  photoUrls: ['/files/wheelchair.jpg', '/files/wheelchair-2.jpg'],
  point,
  myBookings: [],
  ...over,
});

describe('辅具租借 catalogue', () => {
  it('shows the devices with fee, deposit and today’s free count, the point, and filters by category', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/items': (call) => ({
        body: {
          points: [point],
          items: call.query.get('category') === 'wheelchair' ? [wheelchair] : [wheelchair, bed],
        },
      }),
    });
    render(<RentalsIndex />);
    await waitFor(() => expect($('#rental-item-3')).toBeTruthy());
    expect(text('#rental-item-3-name')).toBe('手动轮椅');
    expect(text('#rental-item-3-fee')).toBe('每天5元');
    expect(text('#rental-item-3-deposit')).toBe('押金200元');
    expect(text('#rental-item-3-suits')).toBe('适合：腿脚不便、临时受伤的老人');
    expect(text('#rental-item-3-free')).toBe('今天可借 2 件');
    expect(text('#rental-item-4-fee')).toBe('每6个月1050元');
    expect(text('#rental-item-4-free')).toBe('暂无空闲，可排队（2人在排队）');
    expect(text('#rentals-point-2')).toContain('梅园路8号1楼');
    expect(text('#rentals-point-2')).toContain('周一至周五 9:00-16:00');
    click('#rentals-point-2-call');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '021-55556666' });

    const itemCalls = () => calls.filter((c) => c.path === '/api/committees/7/rentals/items');
    expect(itemCalls()[0].query.get('category')).toBeNull();
    click('#rentals-category-wheelchair');
    await waitFor(() => expect($('#rental-item-4')).toBeNull());
    expect(itemCalls().at(-1)?.query.get('category')).toBe('wheelchair');
    expect($('#rentals-category-wheelchair')?.className).toContain('chip--on');

    click('#rental-item-3');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/item/index?id=3&communityId=7' });
    click('#rentals-mine');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/mine/index?communityId=7' });
  });

  it('an empty category says so', async () => {
    signInAs();
    router.params = { communityId: '7', category: 'oxygen' };
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/items': () => ({ body: { points: [point], items: [] } }),
    });
    render(<RentalsIndex />);
    await waitFor(() => expect(text('#rentals-empty')).toBe('现在没有可借的制氧机'));
  });

  it('is for members: another community’s link offers 申请加入 and asks for nothing', async () => {
    signInAs();
    router.params = { communityId: '9' };
    const calls = fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<RentalsIndex />);
    await waitFor(() => expect(text('#rentals-members-only')).toContain('加入本社区后可查看'));
    expect(calls.some((c) => c.path.includes('/rentals/'))).toBe(false);
    click('#board-join');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/join/index?id=9' });
  });

  it('首页’s 社区租赁 tile and 我的’s 我的借用 open the current community’s pages', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/memberships': () => ({ body: { items: [membership({ status: 'approved' })] } }),
    });
    render(<Mine />);
    await waitFor(() => expect($('#mine-rentals')).toBeTruthy());
    click('#mine-rentals');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/mine/index?communityId=7' });
  });
});

describe('器具详情', () => {
  it('shows photos, the terms in plain words, 60 days of free counts in words, the household’s bookings, and shares this item', async () => {
    signInAs();
    router.params = { communityId: '7', id: '3' };
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/items/:itemId': () => ({
        body: detail({ myBookings: [booking(41, { status: 'waiting', queuePosition: 2 })] }),
      }),
      'GET /api/committees/:communityId/rentals/items/:itemId/calendar': () => ({ body: calendar }),
    });
    render(<RentalItemPage />);
    await waitFor(() => expect(text('#rental-item-name')).toBe('手动轮椅'));
    expect($$('#rental-item-photos img')).toHaveLength(2);
    expect(text('#rental-item-specs')).toBe('规格：可折叠，座宽46厘米');
    expect(text('#rental-item-suits')).toBe('适合谁：腿脚不便、临时受伤的老人');
    expect(text('#rental-item-terms-费用')).toBe('· 每天5元');
    expect(text('#rental-item-terms-押金')).toBe('· 押金200元，还回后退还');
    expect(text('#rental-item-terms-补贴')).toBe('· 高龄老人、低保家庭可减免50%');
    expect(text('#rental-item-terms-最长')).toBe('· 最长可借30天');
    expect(text('#rental-item-terms-每户')).toBe('· 每户最多同时借1件');
    expect(text('#rental-item-terms-清洁')).toBe('· 每次还回后清洁1天再借出');
    expect(text('#rental-item-point-name')).toBe('梅园为老服务站');

    // The calendar: the count in words (not colour only).
    await waitFor(() => expect($('#rental-calendar')).toBeTruthy());
    expect(text('#rental-calendar-2026-12-01-free')).toBe('满');
    expect($('#rental-calendar-2026-12-01')?.className).toContain('rental-cell--full');
    expect(text('#rental-calendar-2026-12-03-free')).toBe('余2');
    expect($('#rental-calendar-2026-12-03')?.className).toContain('rental-cell--free');
    expect($$('#rental-calendar .rental-cell--past')).toHaveLength(0);
    expect($$('#rental-calendar .rental-cell--free, #rental-calendar .rental-cell--full')).toHaveLength(60);
    expect($$('.rental-month-title').map((m) => m.textContent)).toEqual(['2026年12月', '2027年1月']);

    expect(text('#booking-41-status')).toBe('排队中');
    expect(text('#booking-41-queue')).toBe('排在第2位');

    expect(shared.appMessage?.()).toEqual({
      title: '妈妈可以借这个：手动轮椅',
      path: '/packages/rentals/item/index?id=3&communityId=7',
    });
    click('#rental-item-copy-link');
    expect(Taro.setClipboardData).toHaveBeenCalled();
    click('#rental-item-book');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/book/index?id=3&communityId=7' });
  });

  it('the calendar greys the month’s days before the first one shown, and frames the chosen dates', () => {
    render(
      <RentalCalendar
        id="cal"
        days={calendar.days.slice(2, 12)}
        selected={{ startOn: '2026-12-05', endOn: '2026-12-06' }}
      />,
    );
    // December 2026 starts on a Tuesday: one blank (Monday), the 1st and 2nd past.
    expect($$('#cal .rental-cell--past').map((c) => c.textContent)).toEqual(['1已过', '2已过']);
    // Monday before the 1st, and Monday 14th after the 13th closing the second week.
    expect($$('#cal .rental-cell--blank')).toHaveLength(2);
    expect($$('#cal .rental-cell--on').map((c) => c.id)).toEqual(['cal-2026-12-05', 'cal-2026-12-06']);
  });

  it('opened cold from a share by someone of another community: 申请加入, not 没有找到', async () => {
    signInAs();
    router.params = { communityId: '9', id: '3' };
    fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<RentalItemPage />);
    await waitFor(() => expect(text('#rental-item-members-only')).toContain('申请加入'));
    expect($('#rental-item-missing')).toBeNull();
  });

  it('an item that does not exist in one’s own community says so', async () => {
    signInAs();
    router.params = { communityId: '7', id: '99' };
    fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<RentalItemPage />);
    await waitFor(() => expect($('#rental-item-missing')).toBeTruthy());
  });
});

describe('预约借用', () => {
  const posts = (calls: Call[]) =>
    calls.filter((c) => c.method === 'POST' && c.path === '/api/committees/7/rentals/bookings');

  function bookServer(reply: (call: Call) => { status?: number; body?: unknown }, item = detail()) {
    signInAs();
    router.params = { communityId: '7', id: String(item.id) };
    return fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/items/:itemId': () => ({ body: item }),
      'GET /api/committees/:communityId/rentals/items/:itemId/calendar': () => ({ body: calendar }),
      'POST /api/committees/:communityId/rentals/bookings': reply,
    });
  }

  it('prices with quote() as the choices change, for oneself sends no agent fields', async () => {
    const calls = bookServer(() => ({ status: 201, body: booking(60) }));
    render(<RentalBook />);
    // The first day with a free unit, for 7 days.
    await waitFor(() => expect(text('#book-start')).toBe('12月3日 周四'));
    expect(text('#book-start-free')).toBe('这天还有2件空闲');
    expect(text('#book-range')).toBe('12月3日开始用，12月9日还');
    expect(text('#book-range-free')).toBe('这段时间每天都有空闲（最少2件）');
    expect(text('#book-price-rent-value')).toBe('35元');
    expect($('#book-price-subsidy')).toBeNull();
    expect(text('#book-price-total-value')).toBe('235元');

    click('#book-eligibility-elderly');
    expect(text('#book-price-subsidy-value')).toBe('-17.5元');
    expect(text('#book-price-payable-value')).toBe('17.5元');
    expect(text('#book-price-deposit-value')).toBe('200元');
    expect(text('#book-price-total-value')).toBe('217.5元');
    click('#book-eligibility-disabled');
    // Not a category this item's subsidy is for.
    expect($('#book-price-subsidy')).toBeNull();

    click('#book-count-more');
    expect(text('#book-count-value')).toBe('8天');
    expect(text('#book-price-rent-value')).toBe('40元');
    click('#book-start-earlier');
    expect(text('#book-start')).toBe('12月2日 周三');
    expect(text('#book-start-free')).toBe('这天没有空闲');
    expect(text('#book-range-free')).toBe('这段时间有几天没有空闲，可能要排队');
    click('#book-count-14');
    expect(text('#book-range')).toBe('12月2日开始用，12月15日还');
    // The calendar beside the choice frames the chosen days.
    click('#book-calendar-toggle');
    expect($$('#book-calendar .rental-cell--on')).toHaveLength(14);
    expect(text('#book-calendar-2026-12-02-free')).toBe('满');

    click('#book-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].body).toEqual({
      itemTypeId: 3,
      startOn: '2026-12-02',
      endOn: '2026-12-15',
      handover: 'pickup',
      eligibility: 'disabled',
      waitlist: false,
    });
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/rentals/booking/index?id=60&communityId=7' }),
    );
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，请等服务点确认' }));
  });

  it('帮家人借 needs a name and a relation (the contract’s words) and then sends them', async () => {
    const calls = bookServer(() => ({ status: 201, body: booking(61, { forName: '妈妈', forRelation: '母亲' }) }));
    render(<RentalBook />);
    await waitFor(() => expect(text('#book-start')).toBe('12月3日 周四'));
    click('#book-for-other');
    type('#book-for-name', '妈妈');
    click('#book-submit');
    await waitFor(() => expect(text('#book-for-relation-error')).toBe('请填写和您的关系'));
    expect(posts(calls)).toHaveLength(0);
    type('#book-for-relation', '母亲');
    type('#book-note', '希望上午去取');
    click('#book-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].body).toEqual({
      itemTypeId: 3,
      startOn: '2026-12-03',
      endOn: '2026-12-09',
      handover: 'pickup',
      forName: '妈妈',
      forRelation: '母亲',
      note: '希望上午去取',
      waitlist: false,
    });
  });

  it('on 409 RENTAL_UNAVAILABLE shows when it could start instead, and 排队等候 resubmits with waitlist', async () => {
    const calls = bookServer((call) =>
      (call.body as { waitlist: boolean }).waitlist
        ? { status: 201, body: booking(62, { status: 'waiting', queuePosition: 3, startOn: '2026-12-10' }) }
        : {
            status: 409,
            body: {
              error: {
                code: 'RENTAL_UNAVAILABLE',
                message: '这段时间没有空闲的了，可以换个日期或排队等候',
                details: {
                  free: [
                    { startOn: '2026-12-10', endOn: '2026-12-20' },
                    { startOn: '2027-01-05', endOn: '2027-01-05' },
                  ],
                },
              },
            },
          },
    );
    render(<RentalBook />);
    await waitFor(() => expect(text('#book-start')).toBe('12月3日 周四'));
    click('#book-submit');
    await waitFor(() => expect($('#book-unavailable')).toBeTruthy());
    expect(text('#book-form-error')).toBe('这段时间没有空闲的了，可以换个日期或排队等候');
    expect(text('#book-free-2026-12-10')).toBe('12月10日到12月20日之间开始');
    expect(text('#book-free-2027-01-05')).toBe('2027年1月5日开始');
    click('#book-free-2026-12-10');
    expect(text('#book-start')).toBe('12月10日 周四');
    expect($('#book-unavailable')).toBeNull();

    click('#book-submit');
    await waitFor(() => expect($('#book-waitlist')).toBeTruthy());
    click('#book-waitlist');
    await waitFor(() => expect(posts(calls)).toHaveLength(3));
    expect(posts(calls).map((c) => (c.body as { startOn: string; waitlist: boolean }).waitlist)).toEqual([
      false,
      false,
      true,
    ]);
    expect(posts(calls)[2].body).toMatchObject({ startOn: '2026-12-10', endOn: '2026-12-16', waitlist: true });
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/rentals/booking/index?id=62&communityId=7' }),
    );
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已排队，排在第3位' }));
  });

  it('RENTAL_LIMIT shows the server’s words; a per-period item with delivery books whole periods to an address', async () => {
    const calls = bookServer(
      () => errorReply(409, 'RENTAL_LIMIT', '您家借用的数量已经到上限了，请先归还再借'),
      detail({ ...bed, point: { ...point, delivers: true } }),
    );
    render(<RentalBook />);
    await waitFor(() => expect(text('#book-count-value')).toBe('1期'));
    expect(text('#book-range')).toBe('12月3日开始用，2027年5月31日还');
    expect(text('#book-price-rent-value')).toBe('1050元');
    click('#book-count-more');
    expect(text('#book-price-rent-value')).toBe('2100元');
    expect($('#book-count-more')?.hasAttribute('disabled')).toBe(true);
    click('#book-handover-delivery');
    click('#book-submit');
    await waitFor(() => expect(text('#book-address-error')).toBe('送货上门请填写地址'));
    type('#book-address', '3号楼2单元301');
    click('#book-submit');
    await waitFor(() => expect(text('#book-form-error')).toBe('您家借用的数量已经到上限了，请先归还再借'));
    expect(posts(calls)[0].body).toMatchObject({
      itemTypeId: 4,
      startOn: '2026-12-03',
      endOn: '2027-11-27',
      handover: 'delivery',
      deliveryAddress: '3号楼2单元301',
    });
    expect($('#book-unavailable')).toBeNull();
  });
});

describe('我的借用', () => {
  it('lists the household’s bookings with status, due or overdue days, place in line and the offer’s time', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/bookings': (call) => ({
        body: {
          items:
            call.query.get('scope') === 'past'
              ? [booking(50, { status: 'returned', canCancel: false })]
              : [
                  booking(51, { status: 'on_loan', startOn: '2026-11-20', endOn: '2026-11-29', overdueDays: 2 }),
                  booking(52, { status: 'on_loan', startOn: '2026-11-28', endOn: '2026-12-04' }),
                  booking(53, { status: 'waiting', queuePosition: 2, forName: '王秀英', forRelation: '母亲' }),
                  booking(54, { status: 'offered', offerExpiresAt: '2026-12-02T01:30:00.000Z' }),
                ],
          nextBefore: null,
        },
      }),
    });
    render(<MyRentals />);
    await waitFor(() => expect($('#booking-51')).toBeTruthy());
    expect(calls.find((c) => c.path.endsWith('/rentals/bookings'))?.query.get('scope')).toBe('active');
    expect(text('#booking-51-status')).toBe('已借出');
    expect(text('#booking-51-due')).toBe('已逾期2天');
    expect(text('#booking-52-due')).toBe('还有3天到期');
    expect(text('#booking-52-dates')).toBe('11月28日—12月4日');
    expect(text('#booking-53-status')).toBe('排队中');
    expect(text('#booking-53-queue')).toBe('排在第2位');
    expect(text('#booking-53-dates')).toBe('12月3日—12月9日（给母亲王秀英借）');
    expect(text('#booking-54-status')).toBe('有空闲，待您确认');
    expect(text('#booking-54-offer')).toBe('有空闲了！请在2026年12月2日 09:30前确认（还剩23小时）');

    click('#my-rentals-tab-past');
    await waitFor(() => expect($('#booking-50')).toBeTruthy());
    expect(calls.at(-1)?.query.get('scope')).toBe('past');
    expect(text('#booking-50-status')).toBe('已归还');
    click('#booking-50');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/rentals/booking/index?id=50&communityId=7' });
  });
});

describe('借用详情', () => {
  function bookingServer(
    first: RentalBookingView,
    routes: Record<string, (call: Call) => { status?: number; body?: unknown }> = {},
  ) {
    signInAs();
    router.params = { communityId: '7', id: String(first.id) };
    return fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/rentals/bookings/:bookingId': () => ({ body: first }),
      ...routes,
    });
  }

  it('an offer: the deadline and a big 确认借用 that accepts it', async () => {
    const offered = booking(70, { status: 'offered', offerExpiresAt: '2026-12-02T02:00:00.000Z', unitTag: 'LY-003' });
    const calls = bookingServer(offered, {
      'POST /api/committees/:communityId/rentals/bookings/:bookingId/accept': () => ({
        body: { ...offered, status: 'confirmed', offerExpiresAt: null },
      }),
    });
    render(<RentalBookingPage />);
    await waitFor(() => expect($('#booking-accept')).toBeTruthy());
    expect(text('#booking-offer-expires')).toBe('请在2026年12月2日 10:00前确认（还剩24小时）');
    expect(text('#booking-unit')).toContain('LY-003');
    expect($('#booking-step-offered')?.className).toContain('rental-step--now');
    click('#booking-accept');
    await waitFor(() => expect(text('#booking-status')).toBe('已确认'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/committees/7/rentals/bookings/70/accept')).toBe(
      true,
    );
    expect($('#booking-accept')).toBeNull();
    expect($('#booking-step-on_loan')?.className).toContain('rental-step--now');
  });

  it('an offer that ran out shows the server’s words', async () => {
    bookingServer(booking(71, { status: 'offered', offerExpiresAt: '2026-12-01T01:00:00.000Z' }), {
      'POST /api/committees/:communityId/rentals/bookings/:bookingId/accept': () =>
        errorReply(409, 'OFFER_EXPIRED', '保留时间已过，已让给下一位，您可以重新排队'),
    });
    render(<RentalBookingPage />);
    await waitFor(() => expect($('#booking-accept')).toBeTruthy());
    click('#booking-accept');
    await waitFor(() => expect(text('#booking-form-error')).toBe('保留时间已过，已让给下一位，您可以重新排队'));
  });

  it('取消预约 asks first, then cancels', async () => {
    const pending = booking(72);
    const calls = bookingServer(pending, {
      'POST /api/committees/:communityId/rentals/bookings/:bookingId/cancel': () => ({
        body: { ...pending, status: 'cancelled', canCancel: false },
      }),
    });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<RentalBookingPage />);
    await waitFor(() => expect($('#booking-cancel')).toBeTruthy());
    expect(text('#booking-step-confirmed')).toBe('▶ 等服务点确认');
    click('#booking-cancel');
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);
    click('#booking-cancel');
    await waitFor(() => expect(text('#booking-status')).toBe('已取消'));
    expect(calls.filter((c) => c.path === '/api/committees/7/rentals/bookings/72/cancel')).toHaveLength(1);
    expect($('#booking-cancel')).toBeNull();
    expect(text('#booking-step-end')).toContain('已取消');
  });

  it('续借 asks for the new due date; a busy unit gets the server’s words', async () => {
    const onLoan = booking(73, {
      status: 'on_loan',
      startOn: '2026-11-25',
      endOn: '2026-12-05',
      canCancel: false,
      canExtend: true,
      version: 4,
      unitTag: 'LY-001',
      checkedOutAt: '2026-11-25T02:00:00.000Z',
    });
    let busy = true;
    const calls = bookingServer(onLoan, {
      'POST /api/committees/:communityId/rentals/bookings/:bookingId/extend': (call) =>
        busy
          ? errorReply(409, 'UNIT_BUSY', '这件器具这段时间已有预约或正在维修')
          : { body: { ...onLoan, endOn: (call.body as { endOn: string }).endOn, version: 5 } },
    });
    render(<RentalBookingPage />);
    await waitFor(() => expect(text('#booking-due')).toBe('还有4天到期'));
    expect($('#booking-cancel')).toBeNull();
    expect($('#booking-step-returned')?.className).toContain('rental-step--now');
    click('#booking-extend');
    click('#booking-extend-less');
    expect(text('#booking-extend-new-end')).toBe('改为12月11日还');
    click('#booking-extend-send');
    await waitFor(() => expect(text('#booking-extend-error')).toBe('这件器具这段时间已有预约或正在维修'));
    busy = false;
    click('#booking-extend-less');
    click('#booking-extend-send');
    await waitFor(() => expect(text('#booking-dates')).toContain('12月10日'));
    const extends_ = calls.filter((c) => c.path === '/api/committees/7/rentals/bookings/73/extend');
    expect(extends_.map((c) => c.body)).toEqual([
      { endOn: '2026-12-11', version: 4 },
      { endOn: '2026-12-10', version: 4 },
    ]);
  });

  it('returned: the receipt from the settlement, with the overdue fee, damage, refund and refund date', async () => {
    bookingServer(
      booking(74, {
        status: 'returned',
        canCancel: false,
        returnedOn: '2026-12-11',
        settlement: {
          dueOn: '2026-12-09',
          returnedOn: '2026-12-11',
          overdueDays: 2,
          overdueFeePerDayFen: 500,
          overdueFeeFen: 1000,
          rentFen: 3500,
          subsidyFen: 1750,
          payableRentFen: 1750,
          damageFen: 5000,
          chargesFen: 7750,
          rentPaidFen: 1750,
          depositTakenFen: 20_000,
          takenFen: 21_750,
          refundFen: 14_000,
          owedFen: 0,
          refundBy: '2026-12-16',
        },
      }),
    );
    render(<RentalBookingPage />);
    await waitFor(() => expect($('#receipt')).toBeTruthy());
    expect(text('#receipt-rent-value')).toBe('35元');
    expect(text('#receipt-subsidy-value')).toBe('-17.5元');
    expect(text('#receipt-overdue')).toBe('逾期2天 × 每天5元10元');
    expect(text('#receipt-damage-value')).toBe('50元');
    expect(text('#receipt-charges-value')).toBe('77.5元');
    expect(text('#receipt-taken-value')).toBe('217.5元');
    expect(text('#receipt-refund-value')).toBe('140元');
    expect(text('#receipt-refund-by')).toBe('押金会在12月16日前退给您。');
    expect($('#receipt-owed')).toBeNull();
    expect($('#booking-price')).toBeNull();
    expect($('#booking-step-returned')?.className).toContain('rental-step--done');
  });

  it('returned owing money: 仍需支付, no refund date', async () => {
    bookingServer(
      booking(75, {
        status: 'returned',
        canCancel: false,
        settlement: {
          dueOn: '2026-12-09',
          returnedOn: '2026-12-09',
          overdueDays: 0,
          overdueFeePerDayFen: 500,
          overdueFeeFen: 0,
          rentFen: 3500,
          subsidyFen: 0,
          payableRentFen: 3500,
          damageFen: 30_000,
          chargesFen: 33_500,
          rentPaidFen: 3500,
          depositTakenFen: 20_000,
          takenFen: 23_500,
          refundFen: 0,
          owedFen: 10_000,
          refundBy: '2026-12-14',
        },
      }),
    );
    render(<RentalBookingPage />);
    await waitFor(() => expect($('#receipt')).toBeTruthy());
    expect(text('#receipt-owed-value')).toBe('100元');
    expect($('#receipt-refund')).toBeNull();
    expect($('#receipt-refund-by')).toBeNull();
    expect($('#receipt-overdue')).toBeNull();
  });

  it('another community’s booking link: 申请加入', async () => {
    signInAs();
    router.params = { communityId: '9', id: '5' };
    fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<RentalBookingPage />);
    await waitFor(() => expect(text('#booking-members-only')).toContain('申请加入'));
  });
});
