/**
 * 社区租赁 in the production WeChat build, headless (see shim.ts), against the real server with the
 * demo seed: the 首页 tile opens the catalogue with the server's items in its order; the walker's
 * page renders its 60-day calendar with the counts the server gives; the book page books it for
 * her mother (帮家人借, 高龄老人) and the booking is stored on the server (self-service: a unit held
 * at once, 已确认).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chinaClock } from '../../shared/domain/office-hours';
import { startServer } from '../e2e/harness';
import { DEMO_CODE, startMiniProgram, TOKEN_KEY, textOf, waitForRoute, waitForText } from './helpers';
import { type MiniProgram, waitFor } from './shim';

const INDEX = 'packages/rentals/index';
const ITEM = 'packages/rentals/item/index';
const BOOK = 'packages/rentals/book/index';
const BOOKING = 'packages/rentals/booking/index';

let server: Awaited<ReturnType<typeof startServer>>;
let communityId: number;

beforeAll(async () => {
  server = await startServer();
  const [row] = await server.deps.database.sql<{ id: number }[]>`
    select id from communities where name = '梧桐里居委会'`;
  communityId = row.id;
});

afterAll(async () => {
  await server?.close();
});

async function get<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${server.url}/api/committees/${communityId}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** The texts of every node matching `selector` on the current page, in document order. */
function column(mp: MiniProgram, selector: string): string[] {
  return mp
    .currentPage()
    .root.querySelectorAll(selector)
    .map((n) => (n.dom.textContent ?? '').trim());
}

/** Types into a Taro input of the WeChat build, as WeChat's input event does. */
function type(mp: MiniProgram, selector: string, value: string) {
  const target = mp.find(selector);
  if (!target) throw new Error(`nothing matches ${selector} on ${mp.currentPage().route}`);
  target.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

interface ItemRow {
  id: number;
  name: string;
  category: string;
  selfService: boolean;
  freeToday: number;
}
interface BookingRow {
  id: number;
  itemTypeId: number;
  status: string;
  unitTag: string | null;
  forName: string | null;
  forRelation: string | null;
  eligibility: string | null;
  startOn: string;
  endOn: string;
}

describe('the demo resident in 社区租赁 (wx.login code "demo-resident")', () => {
  let mp: MiniProgram;
  let token: string;
  let walker: ItemRow;

  beforeAll(async () => {
    mp = startMiniProgram(server.url, DEMO_CODE);
    mp.launch();
    token = await waitFor(() => mp.storage.get(TOKEN_KEY) as string | undefined);
  });

  afterEach(() => {
    expect(mp.errors).toEqual([]);
  });

  afterAll(() => {
    mp?.close();
  });

  it('the 首页 社区租赁 tile opens the catalogue with the items the server gives, in its order', async () => {
    await waitFor(() => mp.find('#feature-rentals'), { describe: () => mp.text() });
    mp.tap('#feature-rentals');
    await waitForRoute(mp, INDEX);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId) });
    const catalogue = await get<{ items: ItemRow[]; points: Array<{ id: number; name: string }> }>(
      '/rentals/items',
      token,
    );
    expect(catalogue.items.length).toBeGreaterThanOrEqual(4);
    await waitFor(() => column(mp, '.rental-card-title').length === catalogue.items.length, {
      describe: () => mp.text(),
    });
    expect(column(mp, '.rental-card-title')).toEqual(catalogue.items.map((i) => i.name));
    for (const p of catalogue.points) expect(textOf(mp, `#rentals-point-${p.id}`)).toContain(p.name);
    walker = catalogue.items.find((i) => i.category === 'walker' && i.selfService) as ItemRow;
    expect(walker, 'the demo seed has a self-service walker').toBeTruthy();
    expect(textOf(mp, `#rental-item-${walker.id}-free`)).toContain(`今天可借 ${walker.freeToday} 件`);
  });

  it('the walker’s page renders its 60-day calendar with the server’s counts', async () => {
    mp.tap(`#rental-item-${walker.id}`);
    await waitForRoute(mp, ITEM);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId), id: String(walker.id) });
    await waitForText(mp, '#rental-item-name', walker.name);
    const calendar = await get<{ days: Array<{ date: string; free: number }> }>(
      `/rentals/items/${walker.id}/calendar`,
      token,
    );
    expect(calendar.days.length).toBe(60);
    expect(calendar.days[0].date).toBe(chinaClock(new Date()).date);
    await waitFor(() => mp.find('#rental-calendar'), { describe: () => mp.text() });
    for (const d of calendar.days) {
      expect(textOf(mp, `#rental-calendar-${d.date}-free`), d.date).toBe(d.free > 0 ? `余${d.free}` : '满');
    }
  });

  it('the book page books it for her mother; the booking is stored on the server', async () => {
    const before = await get<{ items: BookingRow[] }>('/rentals/bookings?scope=active', token);
    expect(before.items.some((b) => b.itemTypeId === walker.id)).toBe(false);
    mp.tap('#rental-item-book');
    await waitForRoute(mp, BOOK);
    await waitForText(mp, '#book-item-name', walker.name);
    mp.tap('#book-for-other');
    await waitFor(() => mp.find('#book-for-name'), { describe: () => mp.text() });
    type(mp, '#book-for-name', '王阿婆');
    type(mp, '#book-for-relation', '母亲');
    mp.tap('#book-eligibility-elderly');
    await waitForText(mp, '#book-eligibility-elderly', '✓ 高龄老人');
    mp.tap('#book-submit');
    await waitForRoute(mp, BOOKING);
    await waitForText(mp, '#booking-status', '已确认');

    const after = await get<{ items: BookingRow[] }>('/rentals/bookings?scope=active', token);
    const stored = after.items.find((b) => b.itemTypeId === walker.id) as BookingRow;
    expect(stored).toMatchObject({
      status: 'confirmed',
      forName: '王阿婆',
      forRelation: '母亲',
      eligibility: 'elderly',
      startOn: chinaClock(new Date()).date,
    });
    expect(stored.unitTag).toMatch(/^ZX-\d{3}$/);
    expect(mp.currentPage().query).toMatchObject({ communityId: String(communityId), id: String(stored.id) });
    expect(textOf(mp, '#booking-item')).toContain(walker.name);
    const [hold] = await server.deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from rental_holds where booking_id = ${stored.id} and kind = 'booking'`;
    expect(hold.n).toBe(1);
  });
});
