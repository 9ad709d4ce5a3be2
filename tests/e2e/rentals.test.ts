/**
 * E2E of 社区租赁 on the H5 build in Chromium, against the real server with the demo seed, as one
 * story: the demo resident opens 社区租赁 from 首页, opens the wheelchair (its 60-day calendar shows
 * what the server counts) and books it for her mother as an agent (帮家人借, 高龄老人) → 待确认; the
 * moderator confirms it in the admin booking page and checks it out (condition, 收取押金); the
 * reminder job, run with the server's clock moved to the day before the due date, sends the due
 * reminder, which is in her message centre and opens that booking; the moderator checks it in with
 * a damage note and an amount, and the receipt (fee, refund, 退款日期) in the admin page and on her
 * booking page equals settle() recomputed here. Then the waiting list: the last walkers are booked
 * through the API while her booking page is open, her booking gets the 409 with the free dates,
 * she taps 排队等候 (排在第1位); a walker comes back (a check-in through the API), the job runner
 * offers it to her and she taps 确认借用 → 已确认. A shared item link opened cold by an outsider
 * offers 申请加入. 适老化 is measured on the catalogue, item, book, booking and admin booking pages.
 * Screenshots of each step go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RENTAL_POINT_NAME } from '../../server/db/seed-rentals';
import { runReminders } from '../../server/features/rentals/reminders';
import { appJobs } from '../../server/jobs';
import { createJobRunner } from '../../server/platform/jobs';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import { addDays, chinaClock } from '../../shared/domain/office-hours';
import type { RentalTerms } from '../../shared/domain/rental-fee-types';
import { settle, yuan } from '../../shared/domain/rental-fees';
import { formatProblems, measureElderly } from './elderly';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  snap,
  staffSignIn,
  startServer,
} from './harness';

requireChromiumInCi();

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const MOTHER = '王阿婆';
const RELATION = '母亲';
const DAMAGE_NOTE = '右边扶手的海绵套破了一块，已换新的';
const DAMAGE_YUAN = '30';
const DAMAGE_FEN = 3_000;

/** 12月5日 (the year only when it is not this year's), as the resident's pages write a date. */
function dayLabel(date: string, today: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y === Number(today.slice(0, 4)) ? '' : `${y}年`}${m}月${d}日`;
}

/** 适老化 of what the page shows now (as agora.test.ts: once any toast has gone). */
async function expectElderly(page: Page, where: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.taro__toast')].every((el) => getComputedStyle(el).display === 'none'),
    undefined,
    { timeout: 10_000 },
  );
  const failures = formatProblems(where, await measureElderly(page, { large: false }));
  expect(failures, failures.join('\n')).toEqual([]);
}

/** A resident's browser signed in as `code` by the local WeChat adapter (H5 keeps a device code). */
async function residentBrowser(code: string) {
  const b = await openBrowser();
  await b.context.addInitScript((c) => {
    if (!location.protocol.startsWith('http')) return;
    localStorage.setItem('sqy.deviceCode', JSON.stringify({ data: c }));
  }, code);
  return b;
}

interface BookingView {
  id: number;
  itemTypeId: number;
  status: string;
  unitId: number | null;
  startOn: string;
  endOn: string;
  queuePosition: number | null;
}

describe.runIf(hasChromium)(
  '社区租赁: book for mother → confirm → check out → reminder → return → receipt; waiting list → offer',
  () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let moderator: Browser;
    let resident: Browser;
    const fresh: Browser[] = [];
    let communityId: number;
    let modToken: string;
    let demoToken: string;
    let wheelchair: { id: number; terms: RentalTerms };
    let walkerId: number;
    /** Today in China, as the server counts bookings. */
    let today: string;
    let bookingId: number;
    let waitingId: number;
    /** Two other households of 梧桐里 who take the last walkers. */
    const neighbours = ['e2e-rentals-neighbour-a', 'e2e-rentals-neighbour-b'];

    const sql = () => server.deps.database.sql;

    async function call(method: string, path: string, token: string | null, body?: unknown) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const raw = await res.text();
      return { status: res.status, body: raw ? JSON.parse(raw) : null };
    }
    async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
      const res = await call(method, path, token, body);
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as T;
    }
    const wechat = async (code: string) =>
      (await api<{ token: string }>('POST', '/api/auth/wechat', null, { code })).token;
    const rentalsApi = (rest: string) => `/api/committees/${communityId}/rentals${rest}`;
    const deskApi = (rest: string) => `/api/committees/${communityId}/rental-admin${rest}`;
    const day = (n: number) => addDays(today, n).date;

    const itemUrl = (id: number) => `${server.url}/#/packages/rentals/item/index?id=${id}&communityId=${communityId}`;
    const bookingUrl = (id: number) =>
      `${server.url}/#/packages/rentals/booking/index?id=${id}&communityId=${communityId}`;
    const adminBookingUrl = (id: number) => `${server.url}/#/packages/admin/rental-booking/index?id=${id}`;
    const booking = async (id: number) => (await sql()`select * from rental_bookings where id = ${id}`)[0];
    const holdOf = async (id: number) =>
      (await sql()`select unit_id, kind, during::text as during from rental_holds where booking_id = ${id}`)[0];

    beforeAll(async () => {
      server = await startServer();
      today = chinaClock(new Date()).date;
      const [community] = await sql()`select id from communities where name = '梧桐里居委会'`;
      communityId = community.id;
      modToken = (
        await api<{ token: string }>('POST', '/api/auth/password', null, {
          username: 'wutong',
          password: 'shequyun-demo',
        })
      ).token;
      demoToken = await wechat(DEMO_RESIDENT_CODE);
      const [chair] = await sql()`
      select t.* from rental_item_types t join rental_points p on p.id = t.point_id
      where t.community_id = ${communityId} and t.category = 'wheelchair' and p.name = ${RENTAL_POINT_NAME}`;
      wheelchair = {
        id: chair.id,
        terms: {
          feeKind: chair.fee_kind,
          feeFen: chair.fee_fen,
          periodDays: chair.period_days,
          depositFen: chair.deposit_fen,
          subsidyPercent: chair.subsidy_percent,
          subsidyFor: chair.subsidy_for,
        },
      };
      expect(wheelchair.terms.depositFen, 'the demo wheelchair takes a deposit').toBeGreaterThan(DAMAGE_FEN);
      const [walker] = await sql()`
      select id from rental_item_types where community_id = ${communityId} and category = 'walker' and self_service`;
      walkerId = walker.id;
      // The seed's overdue wheelchair of her mother comes back first (one wheelchair per household).
      const mine = await api<{ items: BookingView[] }>('GET', rentalsApi('/bookings?scope=active'), demoToken);
      const onLoan = mine.items.find((b) => b.status === 'on_loan' && b.itemTypeId === wheelchair.id);
      expect(onLoan, 'the demo resident has the seed’s wheelchair on loan').toBeTruthy();
      await api('POST', deskApi(`/bookings/${onLoan?.id}/check-in`), modToken, { condition: 'good' });
      // Two other households of 梧桐里 (approved, their own flats).
      const free = await sql()`
      select id from households where community_id = ${communityId}
        and id not in (select household_id from memberships where household_id is not null)
      order by id limit 2`;
      expect(free.length).toBe(2);
      for (const [i, code] of neighbours.entries()) {
        const signIn = await api<{ user: { id: number } }>('POST', '/api/auth/wechat', null, { code });
        await sql()`insert into memberships (community_id, user_id, household_id, role, status)
        values (${communityId}, ${signIn.user.id}, ${free[i].id}, 'resident', 'approved')`;
      }
      moderator = await openBrowser({ wide: true });
      resident = await residentBrowser(DEMO_RESIDENT_CODE);
      const desk = await moderator.context.newPage();
      await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
      // Signed in once the 工作台 shows (closing the tab earlier could lose the session).
      await desk.waitForSelector('#admin-dashboard', { timeout: 30_000 });
      await desk.close();
    }, 120_000);

    afterEach(() => expectNoPageProblems(moderator, resident, ...fresh));

    afterAll(async () => {
      for (const b of fresh) await b.close();
      await resident?.close();
      await moderator?.close();
      await server?.close();
    });

    it('from 首页 to the wheelchair and its calendar; she books it for her mother (高龄老人): 待确认', async () => {
      const phone = await resident.context.newPage();
      await phone.goto(`${server.url}/#/pages/home/index`);
      await see(phone, '#home #home-community-name', '梧桐里居委会');
      await phone.click('#home #feature-rentals');
      await see(phone, `#rentals #rental-item-${wheelchair.id}-name`, '手动轮椅');
      await see(phone, `#rentals #rental-item-${wheelchair.id}-deposit`, yuan(wheelchair.terms.depositFen));
      await snap(phone, 'rentals-01-catalogue');
      await expectElderly(phone, 'catalogue');

      await phone.click(`#rentals #rental-item-${wheelchair.id}`);
      await see(phone, '#rental-item #rental-item-name', '手动轮椅');
      // The calendar says what the server counts, day by day.
      const calendar = await api<{ days: Array<{ date: string; free: number }> }>(
        'GET',
        rentalsApi(`/items/${wheelchair.id}/calendar`),
        demoToken,
      );
      expect(calendar.days.length).toBe(60);
      expect(calendar.days[0].date).toBe(today);
      for (const d of [calendar.days[0], calendar.days[1], calendar.days[20], calendar.days[59]]) {
        await see(phone, `#rental-item #rental-calendar-${d.date}-free`, d.free > 0 ? `余${d.free}` : '满');
      }
      await snap(phone, 'rentals-02-item');
      await expectElderly(phone, 'wheelchair item with its calendar');

      await phone.click('#rental-item #rental-item-book');
      await see(phone, '#rental-book #book-item-name', '手动轮椅');
      await phone.click('#rental-book #book-for-other');
      await phone.fill('#rental-book #book-for-name input', MOTHER);
      await phone.fill('#rental-book #book-for-relation input', RELATION);
      await phone.click('#rental-book #book-eligibility-elderly');
      await see(phone, '#rental-book #book-eligibility-elderly', '✓ 高龄老人');
      const range = await see(phone, '#rental-book #book-range', '还');
      await snap(phone, 'rentals-03-book');
      await expectElderly(phone, 'book page, filled in for her mother');
      await phone.click('#rental-book #book-submit');
      await see(phone, '#rental-booking #booking-status', '待确认');
      const [row] = await sql()`
      select b.* from rental_bookings b where b.item_type_id = ${wheelchair.id} and b.for_name = ${MOTHER}
        and b.status = 'pending' order by b.id desc limit 1`;
      expect(row).toMatchObject({ for_relation: RELATION, eligibility: 'elderly', handover: 'pickup', unit_id: null });
      expect(range).toContain(`${dayLabel(row.start_on, today)}开始用`);
      expect(range).toContain(`${dayLabel(row.end_on, today)}还`);
      expect(await holdOf(row.id), 'a pending booking holds nothing').toBeUndefined();
      bookingId = row.id;
      expect(phone.url()).toContain(`id=${bookingId}`);
      await see(phone, '#rental-booking #booking-item', '手动轮椅');
      await see(phone, '#rental-booking #booking-step-confirmed', '等服务点确认');
      await snap(phone, 'rentals-04-booking-pending');
      await expectElderly(phone, 'booking page, 待确认');
    });

    it('the moderator confirms it (a unit held) and checks it out (condition, 收取押金)', async () => {
      const desk = await moderator.context.newPage();
      await desk.goto(adminBookingUrl(bookingId));
      // The first admin page of this tab loads the admin package: give it time on a busy machine.
      await desk.waitForSelector('#admin-rental-booking #rb-status', { timeout: 60_000 });
      await see(desk, '#admin-rental-booking #rb-status', '待确认');
      await see(desk, '#admin-rental-booking #rb-for', `${MOTHER}（${RELATION}）`);
      await see(desk, '#admin-rental-booking #rb-eligibility', '高龄老人');
      await snap(desk, 'rentals-05-admin-pending');
      await expectElderly(desk, 'admin booking page, 待确认');
      await desk.click('#admin-rental-booking #rb-confirm');
      await desk.click('#admin-rental-booking #rb-confirm-send');
      await see(desk, '#admin-rental-booking #rb-status', '已确认');
      const confirmed = await booking(bookingId);
      expect(confirmed.status).toBe('confirmed');
      expect(confirmed.unit_id).not.toBeNull();
      const hold = await holdOf(bookingId);
      expect(hold).toMatchObject({ unit_id: confirmed.unit_id, kind: 'booking' });
      // [start, end + 1 + cleaning day)
      expect(hold.during).toBe(`[${confirmed.start_on},${addDays(confirmed.end_on, 2).date})`);
      const [unit] = await sql()`select asset_tag from rental_units where id = ${confirmed.unit_id}`;
      await see(desk, '#admin-rental-booking #rb-item', unit.asset_tag);

      await desk.click('#admin-rental-booking #rb-out');
      await desk.waitForSelector('#rb-out-form', { timeout: 10_000 });
      await desk.click('#rb-out-form #rb-out-condition-good');
      const deposit = yuan(wheelchair.terms.depositFen).replace('元', '');
      expect(await desk.inputValue('#rb-out-form #rb-out-deposit input')).toBe(deposit);
      await desk.fill('#rb-out-form #rb-out-deposit input', deposit);
      await desk.click('#rb-out-form #rb-out-verified');
      await snap(desk, 'rentals-06-admin-check-out');
      await desk.click('#rb-out-form #rb-out-send');
      await see(desk, '#admin-rental-booking #rb-status', '已借出');
      await see(desk, '#admin-rental-booking #rb-checked-out', `收押金 ${yuan(wheelchair.terms.depositFen)}`);
      const out = await booking(bookingId);
      expect(out).toMatchObject({
        status: 'on_loan',
        deposit_taken_fen: wheelchair.terms.depositFen,
        rent_paid_fen: 0,
        eligibility_verified: true,
      });
      const [unitNow] = await sql()`select status from rental_units where id = ${out.unit_id}`;
      expect(unitNow.status).toBe('on_loan');

      const phone = await resident.context.newPage();
      await phone.goto(bookingUrl(bookingId));
      await see(phone, '#rental-booking #booking-status', '已借出');
      await see(phone, '#rental-booking #booking-step-on_loan', '已领取');
    });

    it('the reminder job on the day before the due date tells her; the message opens that booking', async () => {
      const b = await booking(bookingId);
      const dayBefore = addDays(b.end_on, -1).date;
      const realClock = server.deps.clock;
      server.deps.clock = () => new Date(`${dayBefore}T10:00:00+08:00`);
      try {
        const first = await runReminders(server.deps);
        expect(first.due).toBeGreaterThanOrEqual(1);
        // A second run the same day tells nobody twice.
        expect((await runReminders(server.deps)).due).toBe(0);
      } finally {
        server.deps.clock = realClock;
      }
      expect((await booking(bookingId)).due_reminder_at).not.toBeNull();

      const messages = await api<{ items: Array<{ id: number; title: string; link: string | null }> }>(
        'GET',
        '/api/me/messages?limit=50',
        demoToken,
      );
      const due = messages.items.filter((m) => m.title === '手动轮椅明天到期');
      expect(due.length).toBe(1);
      expect(due[0].link).toBe(`/packages/rentals/booking/index?id=${bookingId}&communityId=${communityId}`);

      const phone = await resident.context.newPage();
      await phone.goto(`${server.url}/#/packages/messages/index`);
      await see(phone, `#messages #message-${due[0].id}`, '手动轮椅明天到期');
      await see(phone, `#messages #message-${due[0].id}`, b.end_on);
      await snap(phone, 'rentals-07-messages');
      await phone.click(`#messages #message-${due[0].id}`);
      await see(phone, '#rental-booking #booking-item', '手动轮椅');
      await see(phone, '#rental-booking #booking-status', '已借出');
      expect(phone.url()).toContain(`/packages/rentals/booking/index?id=${bookingId}`);
    });

    it('the moderator checks it in with a damage note and an amount; both receipts equal settle()', async () => {
      const desk = await moderator.context.newPage();
      await desk.goto(adminBookingUrl(bookingId));
      await see(desk, '#admin-rental-booking #rb-status', '已借出');
      await desk.click('#admin-rental-booking #rb-in');
      await desk.waitForSelector('#rb-in-form', { timeout: 10_000 });
      await desk.click('#rb-in-form #rb-in-condition-worn');
      await desk.fill('#rb-in-form #rb-in-damage-note textarea', DAMAGE_NOTE);
      await desk.fill('#rb-in-form #rb-in-damage input', DAMAGE_YUAN);
      expect(await desk.inputValue('#rb-in-form #rb-in-date input')).toBe(today);
      await snap(desk, 'rentals-08-admin-check-in');
      await desk.click('#rb-in-form #rb-in-send');
      await see(desk, '#admin-rental-booking #rb-status', '已归还');

      const b = await booking(bookingId);
      expect(b).toMatchObject({ status: 'returned', returned_on: today, damage_note: DAMAGE_NOTE });
      const expected = settle({
        terms: wheelchair.terms,
        startOn: b.start_on,
        endOn: b.end_on,
        eligibility: 'elderly',
        eligibilityVerified: true,
        rentPaidFen: 0,
        depositTakenFen: wheelchair.terms.depositFen,
        returnedOn: today,
        damageFen: DAMAGE_FEN,
      });
      expect(b.settlement).toEqual(expected);
      expect(expected.refundFen).toBe(wheelchair.terms.depositFen + 0 - expected.chargesFen);
      expect(expected.refundFen).toBeGreaterThan(0);
      // The hold shrinks to the cleaning day after the return.
      expect((await holdOf(bookingId)).during).toBe(`[${b.start_on},${addDays(today, 2).date})`);
      const [unit] = await sql()`select status, condition from rental_units where id = ${b.unit_id}`;
      expect(unit).toMatchObject({ status: 'in_stock', condition: 'worn' });

      // The admin receipt.
      await see(desk, '#receipt #receipt-rent', yuan(expected.rentFen));
      await see(desk, '#receipt #receipt-damage', yuan(DAMAGE_FEN));
      await see(desk, '#receipt #receipt-taken', yuan(expected.takenFen));
      await see(desk, '#receipt #receipt-refund', yuan(expected.refundFen));
      await see(desk, '#receipt #receipt-refund-by', expected.refundBy);
      expect(await desk.locator('#receipt #receipt-overdue').count()).toBe(expected.overdueDays > 0 ? 1 : 0);
      await snap(desk, 'rentals-09-admin-receipt');
      await expectElderly(desk, 'admin booking page with the receipt');

      // Her booking page shows the same figures.
      const phone = await resident.context.newPage();
      await phone.goto(bookingUrl(bookingId));
      await see(phone, '#rental-booking #booking-status', '已归还');
      await see(phone, '#rental-booking #receipt-rent-value', yuan(expected.rentFen));
      await see(phone, '#rental-booking #receipt-damage-value', yuan(DAMAGE_FEN));
      await see(phone, '#rental-booking #receipt-charges-value', yuan(expected.chargesFen));
      await see(phone, '#rental-booking #receipt-taken-value', yuan(expected.takenFen));
      await see(phone, '#rental-booking #receipt-refund-value', yuan(expected.refundFen));
      await see(phone, '#rental-booking #receipt-refund-by', `${dayLabel(expected.refundBy, today)}前退给您`);
      expect(await phone.locator('#rental-booking #receipt-overdue').count()).toBe(expected.overdueDays > 0 ? 1 : 0);
      if (expected.overdueDays > 0) {
        await see(phone, '#rental-booking #receipt-overdue-value', yuan(expected.overdueFeeFen));
      }
      expect(await phone.locator('#rental-booking #receipt-owed').count()).toBe(0);
      await snap(phone, 'rentals-10-receipt');
      await expectElderly(phone, 'booking page with the receipt');
    });

    it('nothing free: the 409 tells the free dates, she joins the waiting list (排在第1位)', async () => {
      const phone = await resident.context.newPage();
      await phone.goto(itemUrl(walkerId));
      await see(phone, '#rental-item #rental-item-name', '助行器');
      await phone.click('#rental-item #rental-item-book');
      await see(phone, '#rental-book #book-item-name', '助行器');
      await see(phone, '#rental-book #book-start', dayLabel(today, today));
      // From the day after tomorrow, for a week.
      await phone.click('#rental-book #book-start-later');
      await phone.click('#rental-book #book-start-later');
      const startOn = day(2);
      const endOn = day(8);
      await see(phone, '#rental-book #book-range', `${dayLabel(startOn, today)}开始用，${dayLabel(endOn, today)}还`);

      // Meanwhile two other households take the last walkers (self-service: held at once).
      for (const code of neighbours) {
        const taken = await api<BookingView>('POST', rentalsApi('/bookings'), await wechat(code), {
          itemTypeId: walkerId,
          startOn: today,
          endOn: day(9),
        });
        expect(taken.status).toBe('confirmed');
        expect(taken.unitId).not.toBeNull();
      }
      // What the server tells about this request now (refused: nothing is stored).
      const refusal = await call('POST', rentalsApi('/bookings'), demoToken, {
        itemTypeId: walkerId,
        startOn,
        endOn,
      });
      expect(refusal.status).toBe(409);
      expect(refusal.body.error.code).toBe('RENTAL_UNAVAILABLE');
      const freeRanges = refusal.body.error.details.free as Array<{ startOn: string; endOn: string }>;
      expect(freeRanges.length).toBeGreaterThan(0);
      expect(freeRanges.some((r) => r.startOn <= startOn && startOn <= r.endOn)).toBe(false);

      await phone.click('#rental-book #book-submit');
      await see(phone, '#rental-book #book-unavailable', '这段时间没有空闲的了');
      for (const r of freeRanges) {
        await see(phone, `#rental-book #book-free-${r.startOn}`, `${dayLabel(r.startOn, today)}`);
      }
      expect(await phone.locator('#rental-book [id^="book-free-"]').count()).toBe(freeRanges.length);
      await snap(phone, 'rentals-11-unavailable');
      await expectElderly(phone, 'book page with the 409 and the waiting list');
      await phone.click('#rental-book #book-waitlist');
      await see(phone, '#rental-booking #booking-status', '排队中');
      await see(phone, '#rental-booking #booking-step-waiting', '排在第1位');
      const [row] = await sql()`
      select * from rental_bookings where item_type_id = ${walkerId} and status = 'waiting' order by id desc limit 1`;
      expect(row).toMatchObject({ start_on: startOn, end_on: endOn, unit_id: null });
      waitingId = row.id;
      expect(phone.url()).toContain(`id=${waitingId}`);
      expect(await holdOf(waitingId), 'a place in the waiting list holds nothing').toBeUndefined();
      await snap(phone, 'rentals-12-waiting');
    });

    it('a walker comes back; the job runner offers it to her; she taps 确认借用: 已确认', async () => {
      // 李建国's walker (due tomorrow) comes back today: its hold ends after today's cleaning day.
      const [back] = await sql()`
      select id, unit_id from rental_bookings where item_type_id = ${walkerId} and status = 'on_loan'`;
      await api('POST', deskApi(`/bookings/${back.id}/check-in`), modToken, { condition: 'good' });
      expect((await booking(waitingId)).status).toBe('waiting');

      await createJobRunner(server.deps, appJobs(), { workerId: 'e2e-rentals' }).runDue();
      const offered = await booking(waitingId);
      expect(offered).toMatchObject({ status: 'offered', unit_id: back.unit_id });
      expect(await holdOf(waitingId)).toMatchObject({ unit_id: back.unit_id, kind: 'offer' });
      const messages = await api<{ items: Array<{ title: string; link: string | null }> }>(
        'GET',
        '/api/me/messages?limit=50',
        demoToken,
      );
      expect(messages.items.find((m) => m.title === '排队的助行器有空了')?.link).toBe(
        `/packages/rentals/booking/index?id=${waitingId}&communityId=${communityId}`,
      );

      const phone = await resident.context.newPage();
      await phone.goto(bookingUrl(waitingId));
      await see(phone, '#rental-booking #booking-status', '有空闲，待您确认');
      await see(phone, '#rental-booking #booking-offer-expires', '还剩');
      await snap(phone, 'rentals-13-offered');
      await expectElderly(phone, 'booking page with the offer');
      await phone.click('#rental-booking #booking-accept');
      await see(phone, '#rental-booking #booking-status', '已确认');
      expect(await booking(waitingId)).toMatchObject({ status: 'confirmed', unit_id: back.unit_id });
      expect(await holdOf(waitingId)).toMatchObject({ unit_id: back.unit_id, kind: 'booking' });
      await snap(phone, 'rentals-14-confirmed');
    });

    it('a shared item link opened cold by an outsider offers 申请加入', async () => {
      const stranger = await openBrowser({ firstOpen: true });
      fresh.push(stranger);
      const tab = await stranger.context.newPage();
      await tab.goto(itemUrl(wheelchair.id));
      await tab.waitForSelector('#consent-dialog', { timeout: 20_000 });
      await tab.click('#consent-accept');
      // A new WeChat user, not a member: the server answers 404, and the page offers to join instead.
      await tab.waitForSelector('#rental-item #rental-item-members-only', { timeout: 20_000 });
      await see(tab, '#rental-item #board-join', '申请加入');
      expect(await tab.locator('#rental-item #rental-item-name').count()).toBe(0);
      await snap(tab, 'rentals-15-shared-link-cold');
      await tab.click('#rental-item #board-join');
      await see(tab, '#join #join-community', '梧桐里居委会');
    });
  },
);
