/**
 * 社区租赁 admin pages with mocked replies: the desk's sections with tap-to-call; 确认 posts the
 * chosen unit; 借出 posts fen parsed exactly from 元 strings and refuses three decimals; 归还 shows
 * the receipt of the reply's settlement; the item form's body and the contract's deposit rule; a
 * unit's maintenance refused (UNIT_BUSY) with the bookings in the way; the menu's four entries.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseYuan } from '../../miniprogram/components/rentals-admin/money';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import { visibleSections } from '../../miniprogram/lib/admin-menu';
import AdminDashboard from '../../miniprogram/packages/admin/dashboard/index';
import AdminRentalBooking from '../../miniprogram/packages/admin/rental-booking/index';
import AdminRentalItem from '../../miniprogram/packages/admin/rental-item/index';
import AdminRentalUnit from '../../miniprogram/packages/admin/rental-unit/index';
import AdminRentals from '../../miniprogram/packages/admin/rentals/index';
import { type Call, committeeCard, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
  router.params = {};
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const type = (selector: string, value: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  fireEvent.change(el, { target: { value } });
};
const click = async (selector: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    fireEvent.click(el);
  });
};
const posts = (calls: Call[], suffix: string) =>
  calls.filter((c) => (c.method === 'POST' || c.method === 'PATCH') && c.path.endsWith(suffix));

function signedIn(routes: Parameters<typeof fakeServer>[0]): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: '李主任', isStaff: true },
        memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId': () => ({ body: committeeCard(7, { name: '梅园居委会' }) }),
    ...routes,
  });
}

const quote = {
  feeKind: 'per_period',
  days: 30,
  periods: 1,
  rentFen: 105000,
  subsidyPercent: 50,
  subsidyFen: 52500,
  payableFen: 52500,
  depositFen: 50000,
  upfrontFen: 102500,
  overdueFeePerDayFen: 580,
};

function booking(id: number, status: string, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    itemTypeId: 3,
    itemName: '轮椅',
    category: 'wheelchair',
    photoUrl: null,
    point: { id: 2, name: '梅园服务点', address: '梅园路1号', hours: '9:00-17:00', phone: '021-1234' },
    unitTag: null,
    status,
    forName: null,
    forRelation: null,
    eligibility: 'elderly',
    startOn: '2026-12-01',
    endOn: '2026-12-30',
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
    canCancel: false,
    canExtend: false,
    version: 1,
    createdAt: '2026-11-20T02:00:00.000Z',
    communityName: '梅园居委会',
    householdLabel: '3号楼 2单元 301',
    bookerName: '王阿姨',
    bookerPhone: '13800000001',
    unitId: null,
    rentPaidFen: null,
    depositTakenFen: null,
    eligibilityVerified: null,
    damageNote: null,
    ...over,
  };
}

const units = [
  { id: 41, assetTag: 'LY-001', condition: 'good' },
  { id: 42, assetTag: 'LY-002', condition: 'worn' },
];

describe('money typed in 元', () => {
  it('is parsed from the string, never through a float', () => {
    expect(parseYuan('1050', '租金')).toEqual({ fen: 105000 });
    expect(parseYuan('0.1', '租金')).toEqual({ fen: 10 });
    expect(parseYuan('12.5', '租金')).toEqual({ fen: 1250 });
    expect(parseYuan('0.29', '租金')).toEqual({ fen: 29 });
    expect(parseYuan('1.005', '租金')).toHaveProperty('error');
    expect(parseYuan('abc', '租金')).toHaveProperty('error');
    expect(parseYuan('-1', '租金')).toHaveProperty('error');
  });
});

describe('the menu', () => {
  it('lists the four 社区租赁 entries to the committee', () => {
    const titles = visibleSections(false, false).map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['租赁服务台', '预约管理', '器具库存', '租赁统计']));
    expect(visibleSections(false, true).map((s) => s.title)).toEqual(['小事快办']);
  });
});

describe('工作台', () => {
  it('shows today’s rental counts, opening the desk', async () => {
    signedIn({
      'GET /api/committees/:communityId/dashboard': () => ({
        status: 500,
        body: { error: { code: 'INTERNAL', message: '出错了' } },
      }),
      'GET /api/committees/:communityId/rental-admin/today': () => ({
        body: {
          date: '2026-12-01',
          pickups: [booking(1, 'confirmed')],
          returns: [],
          overdue: [booking(2, 'on_loan', { overdueDays: 3 })],
          pending: [],
          offers: [],
        },
      }),
    });
    chooseAdminCommunity(7);
    render(<AdminDashboard />);
    await waitFor(() => expect($('#admin-rental-counts')).toBeTruthy());
    expect($('#rental-count-pickups')?.textContent).toBe('1今日领取');
    expect($('#rental-count-overdue')?.textContent).toBe('1借用已逾期');
    await click('#rental-count-overdue');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/rentals/index' });
  });
});

describe('租赁服务台', () => {
  it('shows the counts and the sections; an overdue row has its household, days and a phone to tap', async () => {
    signedIn({
      'GET /api/committees/:communityId/rental-admin/today': () => ({
        body: {
          date: '2026-12-01',
          pickups: [booking(1, 'confirmed')],
          returns: [],
          overdue: [booking(2, 'on_loan', { overdueDays: 3, bookerPhone: '13900000002' })],
          pending: [booking(3, 'pending'), booking(4, 'pending')],
          offers: [],
        },
      }),
    });
    render(<AdminRentals />);
    await waitFor(() => expect($('#rentals-today')).toBeTruthy());
    expect($('#rentals-count-pending')?.textContent).toContain('2');
    expect($('#rentals-count-overdue')?.textContent).toContain('1');
    expect($('#rentals-pickups-1')).toBeTruthy();
    expect($('#rentals-pending-4')).toBeTruthy();
    expect($('#rentals-returns')?.textContent).toContain('今天没有要归还的');
    expect($('#rentals-overdue-2')?.textContent).toContain('逾期3天');
    expect($('#rentals-overdue-2-who')?.textContent).toContain('3号楼 2单元 301');
    await click('#rentals-overdue-2-phone');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13900000002' });
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    await click('#rentals-pending-3');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/rental-booking/index?id=3' });
  });
});

describe('a booking at the desk', () => {
  function bookingServer(status: string, over: Record<string, unknown> = {}, routes = {}) {
    router.params = { id: '5' };
    return signedIn({
      'GET /api/committees/:communityId/rental-admin/bookings/:bookingId': () => ({
        body: { ...booking(5, status, over), units },
      }),
      ...routes,
    });
  }

  it('确认 posts the chosen unit, and nothing for 自动分配', async () => {
    const calls = bookingServer(
      'pending',
      {},
      {
        'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/confirm': () => ({
          body: booking(5, 'confirmed', { unitTag: 'LY-002', unitId: 42 }),
        }),
      },
    );
    render(<AdminRentalBooking />);
    await waitFor(() => expect($('#rb-confirm')).toBeTruthy());
    expect($('#rb-out')).toBeNull();
    expect($('#rb-who')?.textContent).toContain('王阿姨');
    expect($('#rb-who')?.textContent).toContain('梅园居委会');
    await click('#rb-confirm');
    await click('#rb-unit-42');
    await click('#rb-confirm-send');
    await waitFor(() => expect(posts(calls, '/confirm')).toHaveLength(1));
    expect(posts(calls, '/confirm')[0].body).toEqual({ unitId: 42 });
    await waitFor(() => expect($('#rb-status')?.textContent).toBe('已确认'));
    expect($('#rb-out')).toBeTruthy();
  });

  it('确认 refused shows the free dates of the 409', async () => {
    bookingServer(
      'pending',
      {},
      {
        'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/confirm': () => ({
          status: 409,
          body: {
            error: {
              code: 'RENTAL_UNAVAILABLE',
              message: '这段时间没有空闲的了，可以换个日期或排队等候',
              details: { free: [{ startOn: '2026-12-10', endOn: '2026-12-12' }] },
            },
          },
        }),
      },
    );
    render(<AdminRentalBooking />);
    await waitFor(() => expect($('#rb-confirm')).toBeTruthy());
    await click('#rb-confirm');
    await click('#rb-confirm-send');
    await waitFor(() => expect($('#rb-confirm-error')).toBeTruthy());
    expect($('#rb-confirm-error')?.textContent).toContain('2026-12-10 至 2026-12-12');
  });

  it('借出 posts fen amounts parsed exactly from 元, and refuses three decimals', async () => {
    const calls = bookingServer(
      'confirmed',
      { unitTag: 'LY-001', unitId: 41 },
      {
        'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/check-out': () => ({
          body: booking(5, 'on_loan', { unitTag: 'LY-001', unitId: 41, checkedOutAt: '2026-12-01T02:00:00.000Z' }),
        }),
      },
    );
    render(<AdminRentalBooking />);
    await waitFor(() => expect($('#rb-out')).toBeTruthy());
    await click('#rb-out');
    // Defaults: the quote's payable rent and deposit.
    expect(($('#rb-out-rent') as HTMLInputElement).value).toBe('525');
    expect(($('#rb-out-deposit') as HTMLInputElement).value).toBe('500');
    type('#rb-out-rent', '12.345');
    await click('#rb-out-send');
    expect($('#rb-out-rent-error')?.textContent).toBe('收取的租金最多填到分（小数点后两位）');
    expect(posts(calls, '/check-out')).toHaveLength(0);
    type('#rb-out-rent', '1050');
    type('#rb-out-deposit', '0.1');
    await click('#rb-out-verified');
    await click('#rb-out-send');
    await waitFor(() => expect(posts(calls, '/check-out')).toHaveLength(1));
    expect(posts(calls, '/check-out')[0].body).toEqual({
      condition: 'good',
      uploadIds: [],
      rentPaidFen: 105000,
      depositTakenFen: 10,
      eligibilityVerified: true,
    });
    await waitFor(() => expect($('#rb-status')?.textContent).toBe('已借出'));
  });

  it('归还 shows the receipt from the reply’s settlement', async () => {
    const settlement = {
      dueOn: '2026-12-30',
      returnedOn: '2027-01-02',
      overdueDays: 3,
      overdueFeePerDayFen: 580,
      overdueFeeFen: 1740,
      rentFen: 105000,
      subsidyFen: 52500,
      payableRentFen: 52500,
      damageFen: 2000,
      chargesFen: 56240,
      rentPaidFen: 52500,
      depositTakenFen: 50000,
      takenFen: 102500,
      refundFen: 46260,
      owedFen: 0,
      refundBy: '2027-01-07',
    };
    const calls = bookingServer(
      'on_loan',
      { unitTag: 'LY-001', unitId: 41 },
      {
        'POST /api/committees/:communityId/rental-admin/bookings/:bookingId/check-in': () => ({
          body: booking(5, 'returned', { unitTag: 'LY-001', returnedOn: '2027-01-02', settlement }),
        }),
      },
    );
    render(<AdminRentalBooking />);
    await waitFor(() => expect($('#rb-in')).toBeTruthy());
    await click('#rb-in');
    type('#rb-in-damage', '20');
    await click('#rb-in-send');
    expect($('#rb-in-damage-note-error')?.textContent).toBe('有赔偿金额时请写明损坏情况');
    type('#rb-in-damage-note', '扶手划伤');
    type('#rb-in-date', '2027-01-02');
    await click('#rb-in-send');
    await waitFor(() => expect(posts(calls, '/check-in')).toHaveLength(1));
    expect(posts(calls, '/check-in')[0].body).toEqual({
      condition: 'good',
      damageNote: '扶手划伤',
      damageFen: 2000,
      uploadIds: [],
      returnedOn: '2027-01-02',
    });
    await waitFor(() => expect($('#receipt')).toBeTruthy());
    expect($('#receipt-rent')?.textContent).toContain('1050元');
    expect($('#receipt-subsidy')?.textContent).toContain('-525元');
    expect($('#receipt-overdue')?.textContent).toContain('逾期3天 × 每天5.8元 = 17.4元');
    expect($('#receipt-damage')?.textContent).toContain('20元');
    expect($('#receipt-taken')?.textContent).toContain('1025元');
    expect($('#receipt-refund')?.textContent).toContain('462.6元');
    expect($('#receipt-refund-by')?.textContent).toContain('2027-01-07');
    expect($('#receipt-owed')).toBeNull();
    expect($('#receipt-print')).toBeTruthy();
  });
});

const staffItem = (id: number) => ({
  id,
  pointId: 2,
  category: 'nursing_bed',
  name: '护理床',
  suitableFor: null,
  photoUrl: null,
  feeKind: 'per_period',
  feeFen: 105000,
  periodDays: 180,
  depositFen: 50000,
  subsidyPercent: 50,
  subsidyFor: ['elderly', 'disabled'],
  maxDays: 30,
  perHousehold: 1,
  selfService: false,
  bufferDays: 1,
  delivery: false,
  feeText: '每6个月1050元',
  units: 0,
  freeToday: 0,
  waiting: 0,
  specs: null,
  hidden: false,
  photos: [],
  byStatus: { in_stock: 0, on_loan: 0, maintenance: 0, retired: 0 },
  pending: 0,
});

describe('an item type', () => {
  it('posts feeKind, periodDays and subsidyFor; a deposit above a period’s rent is refused by the contract', async () => {
    router.params = { pointId: '2' };
    const calls = signedIn({
      'GET /api/committees/:communityId/rental-admin/points': () => ({
        body: {
          items: [
            {
              id: 2,
              communityId: 7,
              name: '梅园服务点',
              address: '梅园路1号',
              hours: '9:00-17:00',
              phone: '021-1234',
              delivers: false,
              shared: false,
              communities: [{ id: 7, name: '梅园居委会' }],
              itemTypes: 0,
              units: 0,
              archived: false,
            },
          ],
        },
      }),
      'POST /api/committees/:communityId/rental-admin/items': () => ({ status: 201, body: staffItem(77) }),
    });
    render(<AdminRentalItem />);
    await waitFor(() => expect($('#item-form')).toBeTruthy());
    await click('#item-category-nursing_bed');
    type('#item-name', '护理床');
    await click('#item-fee-per_period');
    type('#item-period-days', '180');
    type('#item-fee', '1050');
    type('#item-deposit', '1200');
    type('#item-subsidy-percent', '50');
    await click('#item-subsidy-elderly');
    await click('#item-subsidy-disabled');
    await click('#item-send');
    expect($('#item-deposit-error')?.textContent).toBe('押金不能超过一期的租金');
    expect(posts(calls, '/rental-admin/items')).toHaveLength(0);
    type('#item-deposit', '500');
    await click('#item-send');
    await waitFor(() => expect(posts(calls, '/rental-admin/items')).toHaveLength(1));
    expect(posts(calls, '/rental-admin/items')[0].body).toEqual({
      pointId: 2,
      category: 'nursing_bed',
      name: '护理床',
      feeKind: 'per_period',
      feeFen: 105000,
      periodDays: 180,
      depositFen: 50000,
      subsidyPercent: 50,
      subsidyFor: ['elderly', 'disabled'],
      maxDays: 30,
      perHousehold: 1,
      selfService: false,
      bufferDays: 1,
      delivery: false,
      uploadIds: [],
    });
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/admin/rental-item/index?id=77' }),
    );
  });
});

describe('a unit', () => {
  it('停用维修 refused with UNIT_BUSY shows the server’s words and the bookings in the way', async () => {
    router.params = { id: '41' };
    const calls = signedIn({
      'GET /api/committees/:communityId/rental-admin/units/:unitId': () => ({
        body: {
          id: 41,
          itemTypeId: 3,
          itemName: '轮椅',
          pointId: 2,
          assetTag: 'LY-001',
          condition: 'good',
          status: 'in_stock',
          note: null,
          currentBooking: { id: 5, status: 'confirmed', startOn: '2026-12-05', endOn: '2026-12-20' },
          holds: [{ id: 1, kind: 'booking', bookingId: 5, startOn: '2026-12-05', endOn: '2026-12-21', note: null }],
          history: [
            {
              id: 1,
              kind: 'added',
              bookingId: null,
              condition: 'good',
              note: null,
              photoUrls: [],
              actor: '李主任',
              at: '2026-11-01T02:00:00.000Z',
            },
          ],
        },
      }),
      'POST /api/committees/:communityId/rental-admin/units/:unitId/maintenance': () => ({
        status: 409,
        body: {
          error: {
            code: 'UNIT_BUSY',
            message: '这件器具这段时间已有预约或正在维修',
            details: { bookings: [{ id: 5, startOn: '2026-12-05', endOn: '2026-12-20' }] },
          },
        },
      }),
    });
    render(<AdminRentalUnit />);
    await waitFor(() => expect($('#unit-block')).toBeTruthy());
    expect($('#unit-hold-1')?.textContent).toContain('预约：2026-12-05 至 2026-12-21');
    await click('#unit-block');
    type('#unit-block-start', '2026-12-10');
    type('#unit-block-end', '2026-12-12');
    type('#unit-block-note', '更换刹车');
    await click('#unit-block-send');
    await waitFor(() => expect(posts(calls, '/maintenance')).toHaveLength(1));
    expect(posts(calls, '/maintenance')[0].body).toEqual({
      startOn: '2026-12-10',
      endOn: '2026-12-12',
      note: '更换刹车',
    });
    await waitFor(() => expect($('#unit-block-error')).toBeTruthy());
    expect($('#unit-block-error')?.textContent).toContain('这件器具这段时间已有预约或正在维修');
    expect($('#unit-block-error')?.textContent).toContain('#5 2026-12-05 至 2026-12-20');
  });
});
