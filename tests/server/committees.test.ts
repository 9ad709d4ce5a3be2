import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { distanceMetres } from '../../shared/domain/geo';
import { useTestApp } from '../helpers/app';
import { auditRows, communityIn, createCommunity, staff, wechatUser, world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

afterEach(() => {
  t.app.clock.set(new Date());
});

interface Summary {
  id: number;
  name: string;
  districtName: string;
  streetName: string;
  distanceM: number | null;
  isMine: boolean;
  officeStatus: string;
}

const search = async (query: string, token?: string) => {
  const res = await t.app.call('GET', `/api/committees?${query}`, { token });
  expect(res.status).toBe(200);
  return res.body as { items: Summary[]; nextOffset: number | null };
};
const names = (items: Summary[]) => items.map((c) => c.name);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** Monday–Friday 08:30–11:30 and 13:30–17:00, a holiday and a make-up working Saturday (调休). */
const officeHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    periods: [
      { start: '08:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  })),
  exceptions: [
    { date: '2024-09-16', periods: [], note: '中秋节' },
    {
      date: '2024-09-14',
      periods: [
        { start: '08:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      note: '调休上班',
    },
  ],
};

describe('GET /api/committees', () => {
  beforeAll(async () => {
    const pudong = { district: '浦东新区', street: '潍坊新村街道' };
    await communityIn(t.app, { ...pudong, name: '梅园一村居委会' });
    await communityIn(t.app, { ...pudong, name: '梅园二村居委会' });
    await communityIn(t.app, { ...pudong, name: '桃源居委会' });
    await communityIn(t.app, { district: '闵行区', street: '梅陇镇', name: '康乐居委会' });
    await communityIn(t.app, { district: '闵行区', street: '古美路街道', name: '100%幸福居委会' });
    await communityIn(t.app, { district: '闵行区', street: '古美路街道', name: '1000户居委会' });
    await communityIn(t.app, { district: '闵行区', street: '古美路街道', name: '平阳_一居委会' });
  });

  it('finds committees by a substring of their name', async () => {
    const res = await search(q('园一'));
    expect(names(res.items)).toEqual(['梅园一村居委会']);
    expect(res.items[0]).toMatchObject({ districtName: '浦东新区', streetName: '潍坊新村街道', isMine: false });
    expect(names((await search(q('梅园'))).items).sort()).toEqual(['梅园一村居委会', '梅园二村居委会'].sort());
  });

  it('finds committees by their street name', async () => {
    const res = await search(q('潍坊'));
    expect(names(res.items).sort()).toEqual(['桃源居委会', '梅园一村居委会', '梅园二村居委会'].sort());
    // "梅" matches two names and one street.
    expect(names((await search(q('梅'))).items).sort()).toEqual(
      ['康乐居委会', '梅园一村居委会', '梅园二村居委会'].sort(),
    );
  });

  it('treats % and _ in the search text as plain characters', async () => {
    expect(names((await search(q('100%'))).items)).toEqual(['100%幸福居委会']);
    expect(names((await search(q('%'))).items)).toEqual(['100%幸福居委会']);
    expect(names((await search(q('阳_一'))).items)).toEqual(['平阳_一居委会']);
    expect(names((await search(q('_'))).items)).toEqual(['平阳_一居委会']);
    expect((await search(q('\\'))).items).toEqual([]);
  });

  it('returns nothing for a text nobody matches', async () => {
    expect(await search(q('不存在的居委'))).toEqual({ items: [], nextOffset: null });
  });

  it('with lat and lng puts the nearest first and reports the distance in metres', async () => {
    const from = { lat: 31.2304, lng: 121.4737 };
    const places = [
      { name: '距离远居委', lat: 31.1, lng: 121.3 },
      { name: '距离近居委', lat: 31.231, lng: 121.474 },
      { name: '距离无坐标居委', lat: null, lng: null },
      { name: '距离中居委', lat: 31.25, lng: 121.5 },
    ];
    for (const p of places) await communityIn(t.app, { district: '黄浦区', street: '南京东路街道', ...p });
    const res = await search(`${q('距离')}&lat=${from.lat}&lng=${from.lng}`);
    expect(names(res.items)).toEqual(['距离近居委', '距离中居委', '距离远居委', '距离无坐标居委']);
    for (const item of res.items) {
      const p = places.find((x) => x.name === item.name)!;
      if (p.lat === null || p.lng === null) expect(item.distanceM).toBeNull();
      else expect(item.distanceM).toBe(distanceMetres(from, { lat: p.lat, lng: p.lng }));
    }
    expect(res.items[0].distanceM).toBeLessThan(150);
    expect(res.items[1].distanceM).toBeGreaterThan(2000);
    expect(res.items[1].distanceM).toBeLessThan(5000);
    // Without a location there is no distance.
    for (const item of (await search(q('距离'))).items) expect(item.distanceM).toBeNull();
  });

  it('without a location orders by district, then street, then name', async () => {
    await communityIn(t.app, { district: '排序B区', street: 'A街道', name: '排序A居委' });
    await communityIn(t.app, { district: '排序A区', street: 'B街道', name: '排序A居委' });
    await communityIn(t.app, { district: '排序A区', street: 'A街道', name: '排序C居委' });
    await communityIn(t.app, { district: '排序A区', street: 'A街道', name: '排序B居委' });
    const res = await search(q('排序'));
    expect(res.items.map((c) => `${c.districtName}/${c.streetName}/${c.name}`)).toEqual([
      '排序A区/A街道/排序B居委',
      '排序A区/A街道/排序C居委',
      '排序A区/B街道/排序A居委',
      '排序B区/A街道/排序A居委',
    ]);
  });

  it("puts a resident's own community first, marked isMine", async () => {
    const mine = await communityIn(t.app, { district: '我的Z区', street: 'Z街道', name: '我的Z居委' });
    await communityIn(t.app, { district: '我的A区', street: 'A街道', name: '我的A居委', lat: 31.2, lng: 121.4 });
    await communityIn(t.app, { district: '我的A区', street: 'A街道', name: '我的B居委', lat: 31.21, lng: 121.41 });
    const u = await wechatUser(t.app);
    await t.app.database
      .sql`insert into memberships (community_id, user_id, status) values (${mine}, ${u.userId}, 'approved')`;

    const anonymous = await search(q('我的'));
    expect(names(anonymous.items)).toEqual(['我的A居委', '我的B居委', '我的Z居委']);
    expect(anonymous.items.every((c) => !c.isMine)).toBe(true);

    const res = await search(q('我的'), u.token);
    expect(names(res.items)).toEqual(['我的Z居委', '我的A居委', '我的B居委']);
    expect(res.items.map((c) => c.isMine)).toEqual([true, false, false]);

    const near = await search(`${q('我的')}&lat=31.2&lng=121.4`, u.token);
    expect(names(near.items)).toEqual(['我的Z居委', '我的A居委', '我的B居委']);
  });

  it('pages with limit and offset, nextOffset pointing at the next page until the last', async () => {
    for (const n of ['1', '2', '3', '4', '5']) {
      await communityIn(t.app, { district: '分页区', street: '分页街道', name: `分页居委${n}` });
    }
    const all = await search(q('分页'));
    expect(all.items).toHaveLength(5);
    expect(all.nextOffset).toBeNull();
    const first = await search(`${q('分页')}&limit=2`);
    expect(first.nextOffset).toBe(2);
    const second = await search(`${q('分页')}&limit=2&offset=2`);
    expect(second.nextOffset).toBe(4);
    const third = await search(`${q('分页')}&limit=2&offset=4`);
    expect(third.nextOffset).toBeNull();
    expect(names([...first.items, ...second.items, ...third.items])).toEqual(names(all.items));
  });

  it('is a 400 when lat comes without lng, or lng without lat, or either is out of range', async () => {
    for (const query of ['lat=31.2', 'lng=121.4', 'lat=91&lng=121', 'lat=31&lng=abc']) {
      const res = await t.app.call('GET', `/api/committees?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('filters by street', async () => {
    const districts = await t.app.call('GET', '/api/districts');
    const street = districts.body.items
      .find((d: { name: string }) => d.name === '浦东新区')
      .streets.find((s: { name: string }) => s.name === '潍坊新村街道');
    const res = await search(`streetId=${street.id}`);
    expect(names(res.items).sort()).toEqual(['桃源居委会', '梅园一村居委会', '梅园二村居委会'].sort());
  });
});

describe('GET /api/committees/:id', () => {
  let c: Awaited<ReturnType<typeof createCommunity>>;
  let mod: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    c = await createCommunity(t.app, '名片社区');
    mod = await staff(t.app, { community: c });
    const res = await t.app.call('PATCH', `/api/committees/${c.id}`, {
      token: mod.token,
      body: {
        officeHours,
        staff: [
          { name: '王书记', title: '党总支书记', phone: '021-55556666', dutyWeekdays: [1, 3] },
          { name: '李社工', title: '社工', phone: null, dutyWeekdays: [1, 2, 3, 4, 5] },
        ],
      },
    });
    expect(res.status).toBe(200);
  });

  const cardAt = async (iso: string) => {
    t.app.clock.set(new Date(iso));
    const res = await t.app.call('GET', `/api/committees/${c.id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows an anonymous caller the staff, with a phone only when the person published it', async () => {
    const res = await t.app.call('GET', `/api/committees/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, name: '名片社区', phone: '021-1234567', isMine: false });
    expect(res.body.staff).toEqual([
      expect.objectContaining({ name: '王书记', title: '党总支书记', phone: '021-55556666', dutyWeekdays: [1, 3] }),
      expect.objectContaining({ name: '李社工', title: '社工', phone: null }),
    ]);
  });

  it('is open on a Monday at 10:00 China time (02:00Z)', async () => {
    const card = await cardAt('2024-09-09T02:00:00Z');
    expect(card.officeStatus).toBe('open');
    expect(card.todayPeriods).toEqual(officeHours.weekly[0].periods);
    expect(card.officeNote).toBeNull();
    expect(card.staff.map((s: { onDutyToday: boolean }) => s.onDutyToday)).toEqual([true, true]);
    // The list reads the same clock.
    const list = await search(q('名片社区'));
    expect(list.items[0].officeStatus).toBe('open');
  });

  it('is closed at lunch time, Monday 12:00 China time', async () => {
    const card = await cardAt('2024-09-09T04:00:00Z');
    expect(card.officeStatus).toBe('closed');
    expect(card.todayPeriods).toHaveLength(2);
  });

  it('counts the day in China time: Sunday 16:30Z is already Monday 00:30 there (closed, not a day off)', async () => {
    expect((await cardAt('2024-09-08T15:59:00Z')).officeStatus).toBe('day_off');
    expect((await cardAt('2024-09-08T16:30:00Z')).officeStatus).toBe('closed');
  });

  it('has a day off on a Sunday', async () => {
    const card = await cardAt('2024-09-08T02:00:00Z');
    expect(card.officeStatus).toBe('day_off');
    expect(card.todayPeriods).toEqual([]);
    expect(card.staff.every((s: { onDutyToday: boolean }) => !s.onDutyToday)).toBe(true);
  });

  it('closes on a statutory holiday the committee did not list, and opens on a 调休 Saturday (chinese-days)', async () => {
    // Thursday 2026-10-01, National Day; Saturday 2026-10-10 is a make-up working day.
    const holiday = await cardAt('2026-10-01T02:00:00Z');
    expect(holiday.officeStatus).toBe('day_off');
    expect(holiday.officeNote).toBe('国庆节放假');
    expect(holiday.staff.every((s: { onDutyToday: boolean }) => !s.onDutyToday)).toBe(true);
    const makeUp = await cardAt('2026-10-10T02:00:00Z');
    expect(makeUp.officeStatus).toBe('open');
    expect(makeUp.officeNote).toBe('国庆节调休上班');
  });

  it('has a day off on a holiday listed in the exceptions, with its note, even on a weekday', async () => {
    const card = await cardAt('2024-09-16T02:00:00Z');
    expect(card.officeStatus).toBe('day_off');
    expect(card.officeNote).toBe('中秋节');
    expect(card.staff.every((s: { onDutyToday: boolean }) => !s.onDutyToday)).toBe(true);
  });

  it('is open on a make-up working Saturday (调休) listed in the exceptions', async () => {
    const card = await cardAt('2024-09-14T02:00:00Z');
    expect(card.officeStatus).toBe('open');
    expect(card.officeNote).toBe('调休上班');
    expect(card.todayPeriods).toHaveLength(2);
  });

  it('on Wednesday marks only the staff on duty that day', async () => {
    const card = await cardAt('2024-09-11T02:00:00Z');
    expect(card.staff.map((s: { onDutyToday: boolean }) => s.onDutyToday)).toEqual([true, true]);
    const tuesday = await cardAt('2024-09-10T02:00:00Z');
    expect(tuesday.staff.map((s: { onDutyToday: boolean }) => s.onDutyToday)).toEqual([false, true]);
  });

  it('is a 404 for an id that does not exist', async () => {
    const res = await t.app.call('GET', '/api/committees/999999');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('gives the distance when the caller passes a location', async () => {
    const res = await t.app.call('GET', `/api/committees/${w.a.id}?lat=31.21&lng=121.4`);
    expect(res.body.distanceM).toBe(distanceMetres({ lat: 31.21, lng: 121.4 }, { lat: 31.2, lng: 121.4 }));
  });

  it('marks the community of a signed-in resident as theirs', async () => {
    const mine = await t.app.call('GET', `/api/committees/${w.a.id}`, { token: w.residentA.token });
    expect(mine.body.isMine).toBe(true);
    const other = await t.app.call('GET', `/api/committees/${w.b.id}`, { token: w.residentA.token });
    expect(other.body.isMine).toBe(false);
  });
});

describe('PATCH /api/committees/:id', () => {
  it('lets its moderator update the card and replace the staff list, and writes a committee.update audit row', async () => {
    const c = await createCommunity(t.app, '编辑社区');
    const mod = await staff(t.app, { community: c });
    const res = await t.app.call('PATCH', `/api/committees/${c.id}`, {
      token: mod.token,
      body: {
        name: '编辑后社区',
        address: '浦东新区潍坊路100号',
        phone: '021-58880000',
        intro: '欢迎来居委会办事',
        staff: [
          { name: '张主任', title: '居委会主任', phone: '13900001111', dutyWeekdays: [5, 1, 1] },
          { name: '赵社工', title: '社工', phone: null, dutyWeekdays: [2] },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '编辑后社区',
      address: '浦东新区潍坊路100号',
      phone: '021-58880000',
      intro: '欢迎来居委会办事',
    });
    expect(res.body.staff.map((s: { name: string; dutyWeekdays: number[] }) => [s.name, s.dutyWeekdays])).toEqual([
      ['张主任', [1, 5]],
      ['赵社工', [2]],
    ]);

    const anonymous = await t.app.call('GET', `/api/committees/${c.id}`);
    expect(anonymous.body).toMatchObject({ name: '编辑后社区', intro: '欢迎来居委会办事' });

    const audit = await auditRows(t.app, 'committee.update', c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      community_id: c.id,
      actor_id: mod.userId,
      before: { name: '编辑社区', phone: '021-1234567', staff: [] },
      after: {
        name: '编辑后社区',
        staff: [
          { name: '张主任', title: '居委会主任' },
          { name: '赵社工', title: '社工' },
        ],
      },
    });

    // A second edit replaces the whole staff list.
    const again = await t.app.call('PATCH', `/api/committees/${c.id}`, {
      token: mod.token,
      body: { staff: [{ name: '钱书记', title: '书记', phone: null, dutyWeekdays: [] }] },
    });
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('编辑后社区');
    expect(again.body.staff.map((s: { name: string }) => s.name)).toEqual(['钱书记']);
    const [{ n }] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from community_staff where community_id = ${c.id}`;
    expect(n).toBe(1);
    expect(await auditRows(t.app, 'committee.update', c.id)).toHaveLength(2);
  });

  it('two moderators saving different staff lists at once leave one of the lists, never a mix of both', async () => {
    const c = await createCommunity(t.app, '并发编辑社区');
    const [one, two] = await Promise.all([staff(t.app, { community: c }), staff(t.app, { community: c })]);
    const list = (prefix: string) =>
      ['一', '二', '三'].map((n) => ({ name: `${prefix}${n}`, title: '社工', phone: null, dutyWeekdays: [1] }));
    for (let round = 0; round < 3; round++) {
      const replies = await Promise.all([
        t.app.call('PATCH', `/api/committees/${c.id}`, { token: one.token, body: { staff: list('甲') } }),
        t.app.call('PATCH', `/api/committees/${c.id}`, { token: two.token, body: { staff: list('乙') } }),
      ]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      const rows = await t.app.database.sql<{ name: string }[]>`
        select name from community_staff where community_id = ${c.id} order by sort, id`;
      expect([
        ['甲一', '甲二', '甲三'],
        ['乙一', '乙二', '乙三'],
      ]).toContainEqual(rows.map((r) => r.name));
    }
  });

  it('is a 403 for a resident of that community, a 404 for a moderator of another, a 401 when signed out', async () => {
    const body = { name: '不该改的名字' };
    const byResident = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { token: w.residentA.token, body });
    expect(byResident.status).toBe(403);
    expect(byResident.body.error.code).toBe('FORBIDDEN');
    const byForeign = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { token: w.moderatorB.token, body });
    expect(byForeign.status).toBe(404);
    const byApplicant = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { token: w.pending.token, body });
    expect(byApplicant.status).toBe(404);
    const anonymous = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { body });
    expect(anonymous.status).toBe(401);
    const card = await t.app.call('GET', `/api/committees/${w.a.id}`);
    expect(card.body.name).toBe(w.a.name);
    expect(await auditRows(t.app, 'committee.update', w.a.id)).toHaveLength(0);
  });

  it('refuses office hours that end before they start with 400, and changes nothing', async () => {
    const c = await createCommunity(t.app, '时间社区');
    const mod = await staff(t.app, { community: c });
    const ok = await t.app.call('PATCH', `/api/committees/${c.id}`, { token: mod.token, body: { officeHours } });
    expect(ok.status).toBe(200);
    const [before] = await t.app.database.sql`select name, office_hours from communities where id = ${c.id}`;
    const res = await t.app.call('PATCH', `/api/committees/${c.id}`, {
      token: mod.token,
      body: {
        name: '时间社区改名',
        officeHours: { weekly: [{ weekday: 1, periods: [{ start: '17:00', end: '08:30' }] }], exceptions: [] },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('结束时间要晚于开始时间');
    const [after] = await t.app.database.sql`select name, office_hours from communities where id = ${c.id}`;
    expect(after).toEqual(before);
    expect(await auditRows(t.app, 'committee.update', c.id)).toHaveLength(1);
  });

  it('refuses an empty change and a malformed time with 400', async () => {
    const empty = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { token: w.moderatorA.token, body: {} });
    expect(empty.status).toBe(400);
    const badTime = await t.app.call('PATCH', `/api/committees/${w.a.id}`, {
      token: w.moderatorA.token,
      body: { officeHours: { weekly: [{ weekday: 1, periods: [{ start: '8:30', end: '25:00' }] }], exceptions: [] } },
    });
    expect(badTime.status).toBe(400);
  });

  it('is a 409 DUPLICATE when renaming to the name of another committee on the same street', async () => {
    const res = await t.app.call('PATCH', `/api/committees/${w.a.id}`, {
      token: w.moderatorA.token,
      body: { name: w.b.name },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    expect((await t.app.call('GET', `/api/committees/${w.a.id}`)).body.name).toBe(w.a.name);
  });
});
