/**
 * 活动报名: sign up and cancel, deadline and people per household, who may sign up, the
 * waiting list in strict order under 200 concurrent sign-ups, the committee's roster with
 * 签到, the xlsx files, 我的报名, and the sign-ups of a deleted account.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildings, households, memberships, messages, noticeSignups } from '../../server/db/schema';
import { noticeDetail } from '../../shared/contracts/notices';
import { mySignupItem, rosterLine } from '../../shared/contracts/signups';
import { useTestApp } from '../helpers/app';
import {
  auditRows,
  type CommunityFixture,
  createCommunity,
  resident,
  staff,
  wechatUser,
  wechatUsers,
} from '../helpers/fixtures';

const t = useTestApp();
const DAY = 86_400_000;
let a: CommunityFixture;
let other: CommunityFixture;
let b3: { id: number; householdIds: number[] };
let b5: { id: number; householdIds: number[] };
let mod: string;
let modB: string;
let next3 = 0;

async function building(name: string, count: number) {
  const [row] = await t.app.database.db.insert(buildings).values({ communityId: a.id, name }).returning();
  const hs = await t.app.database.db
    .insert(households)
    .values(
      Array.from({ length: count }, (_, i) => ({
        communityId: a.id,
        buildingId: row.id,
        unit: '1单元',
        room: `${1000 + i}`,
      })),
    )
    .returning({ id: households.id });
  return { id: row.id, householdIds: hs.map((h) => h.id) };
}

/** A resident of a household of building 3 of its own (or of the given one). */
async function member3(index = next3++, realName = '测试居民') {
  const u = await resident(t.app, { ...a, householdIds: b3.householdIds }, index, realName);
  return { ...u, householdId: b3.householdIds[index] };
}

const base = (path = '') => `/api/committees/${a.id}/notices${path}`;

interface EventOptions {
  capacity?: number;
  maxPeople?: number;
  deadline?: string;
  buildingIds?: number[];
  isPublic?: boolean;
  title?: string;
}

/** A published 活动 of A taking sign-ups. */
async function event(o: EventOptions = {}) {
  const created = await t.app.call('POST', base(), {
    token: mod,
    body: {
      title: o.title ?? '社区运动会',
      body: '周六上午在小区广场。',
      category: 'event',
      isPublic: o.isPublic ?? false,
      audience: o.buildingIds ? 'buildings' : 'all',
      buildingIds: o.buildingIds ?? [],
      signup: {
        capacity: o.capacity ?? 10,
        deadline: o.deadline ?? new Date(t.app.clock().getTime() + 3 * DAY).toISOString(),
        maxPeople: o.maxPeople ?? 3,
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await t.app.call('POST', base(`/${created.body.id}/publish`), { token: mod });
  expect(published.status).toBe(200);
  return created.body.id as number;
}

const signUp = (id: number, token: string | null, people = 1) =>
  t.app.call('POST', base(`/${id}/signups`), { token, body: { people } });
const cancel = (id: number, token: string) => t.app.call('DELETE', base(`/${id}/signups/mine`), { token });
const roster = (id: number, token = mod) => t.app.call('GET', base(`/${id}/signups`), { token });

async function messagesOf(userId: number, kind: string) {
  return t.app.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), eq(messages.kind, kind)));
}

async function download(path: string, token: string) {
  const res = await fetch(t.app.url + path, { headers: { authorization: `Bearer ${token}` } });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(await res.arrayBuffer());
  return { res, workbook };
}

/** A sheet's rows as arrays of cell texts (the first row is the header). */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): string[][] {
  const out: string[][] = [];
  sheet?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

beforeAll(async () => {
  a = await createCommunity(t.app, '报名甲社区');
  other = await createCommunity(t.app, '报名乙社区');
  b3 = await building('3号楼', 260);
  b5 = await building('5号楼', 2);
  mod = (await staff(t.app, { community: a })).token;
  modB = (await staff(t.app, { community: other })).token;
}, 60_000);

describe('signing up and cancelling', () => {
  it('gives a place, refuses a second sign-up of the household, queues the next and moves it up on a cancel', async () => {
    const id = await event({ capacity: 3, maxPeople: 2 });
    const first = await member3(undefined, '王秀英');
    const spouse = await resident(t.app, { ...a, householdIds: [first.householdId] }, 0);
    const neighbour = await member3();

    const mine = await signUp(id, first.token, 2);
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ status: 'confirmed', people: 2, position: null, byMe: true });
    const told = await messagesOf(first.userId, 'signup.confirmed');
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe('报名成功：社区运动会');
    expect(told[0].link).toBe(`/packages/notices/detail/index?communityId=${a.id}&id=${id}`);

    const again = await signUp(id, spouse.token, 1);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SIGNUP_EXISTS', message: '您家已经报过名了' });

    // One place left, two wanted: the waiting list.
    const queued = await signUp(id, neighbour.token, 2);
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await messagesOf(neighbour.userId, 'signup.waitlisted'))[0].title).toBe('已进入候补第1位：社区运动会');

    // The notice shows the spouse the household's sign-up (not theirs) and the counts.
    const seen = await t.app.call('GET', base(`/${id}`), { token: spouse.token });
    expect(noticeDetail.parse(seen.body).signup).toMatchObject({
      capacity: 3,
      taken: 2,
      waiting: 1,
      open: true,
      mine: { id: mine.body.id, status: 'confirmed', byMe: false },
    });

    // Any member of the household may cancel the household's sign-up.
    const cancelled = await cancel(id, spouse.token);
    expect(cancelled.status).toBe(204);
    const [moved] = await t.app.database.db.select().from(noticeSignups).where(eq(noticeSignups.id, queued.body.id));
    expect(moved).toMatchObject({ status: 'confirmed' });
    expect(moved.confirmedAt).not.toBeNull();
    const promoted = await messagesOf(neighbour.userId, 'signup.promoted');
    expect(promoted).toHaveLength(1);
    expect(promoted[0].title).toBe('候补成功，您已报上名：社区运动会');

    expect((await cancel(id, first.token)).status).toBe(404); // nothing left to cancel
    // The household may sign up again after cancelling (now to the waiting list: one place left, two wanted).
    const back = await signUp(id, first.token, 2);
    expect(back.body).toMatchObject({ status: 'waitlisted', position: 1 });

    const created = await auditRows(t.app, 'signup.create', id);
    expect(created.map((r) => (r.after as { status: string }).status)).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    const cancels = await auditRows(t.app, 'signup.cancel', id);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({
      actor_id: spouse.userId,
      after: { signupId: mine.body.id, status: 'cancelled', movedUp: [queued.body.id] },
    });
    expect(JSON.stringify(cancels)).not.toContain('王秀英');
  });

  it('refuses more people than a household may bring', async () => {
    const id = await event({ maxPeople: 2 });
    const u = await member3();
    const tooMany = await signUp(id, u.token, 3);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'SIGNUP_TOO_MANY_PEOPLE', message: '这个活动每户最多报名2人' });
    expect((await signUp(id, u.token, 11)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await signUp(id, u.token, 0)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await signUp(id, u.token, 2)).status).toBe(201);
  });

  it('closes sign-ups and cancelling at the deadline, and for withdrawn notices and notices without sign-ups', async () => {
    const start = t.app.clock();
    const id = await event({ deadline: new Date(start.getTime() + DAY).toISOString() });
    const early = await member3();
    const late = await member3();
    expect((await signUp(id, early.token)).status).toBe(201);
    t.app.clock.advance(DAY + 1000);
    try {
      const closed = await signUp(id, late.token);
      expect(closed.status).toBe(409);
      expect(closed.body.error).toMatchObject({ code: 'SIGNUP_CLOSED', message: '报名已截止' });
      const noCancel = await cancel(id, early.token);
      expect(noCancel.status).toBe(409);
      expect(noCancel.body.error.code).toBe('SIGNUP_CLOSED');
      const seen = await t.app.call('GET', base(`/${id}`), { token: early.token });
      expect(seen.body.signup).toMatchObject({ open: false, taken: 1 });
    } finally {
      t.app.clock.set(start);
    }

    const withdrawn = await event();
    await t.app.call('POST', base(`/${withdrawn}/withdraw`), { token: mod, body: { reason: '改期' } });
    expect((await signUp(withdrawn, late.token)).body.error.code).toBe('SIGNUP_CLOSED');

    const plain = await t.app.call('POST', base(), {
      token: mod,
      body: { title: '没有报名', body: '正文', category: 'event', isPublic: false, audience: 'all' },
    });
    await t.app.call('POST', base(`/${plain.body.id}/publish`), { token: mod });
    expect((await signUp(plain.body.id, late.token)).body.error).toMatchObject({
      code: 'SIGNUP_CLOSED',
      message: '这个活动不需要报名',
    });
    expect((await roster(plain.body.id)).status).toBe(404);

    const draft = await t.app.call('POST', base(), {
      token: mod,
      body: {
        title: '草稿活动',
        body: '正文',
        category: 'event',
        isPublic: false,
        audience: 'all',
        signup: { capacity: 5, deadline: new Date(start.getTime() + DAY).toISOString(), maxPeople: 1 },
      },
    });
    expect((await signUp(draft.body.id, late.token)).status).toBe(404);
  });

  it('lets the audience sign up: building 3 yes, building 5 no, strangers are told to join, other communities 404', async () => {
    const id = await event({ buildingIds: [b3.id] });
    const r3 = await member3();
    const r5 = await resident(t.app, { ...a, householdIds: b5.householdIds }, 0);
    const outsider = await wechatUser(t.app, 'outsider');
    const memberB = await resident(t.app, other, 0);

    expect((await signUp(id, r3.token)).status).toBe(201);
    expect((await signUp(id, r5.token)).status).toBe(404);
    const stranger = await signUp(id, outsider.token);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error).toMatchObject({ code: 'FORBIDDEN', message: '加入本社区后才能报名' });
    expect((await signUp(id, memberB.token)).status).toBe(403);
    expect((await signUp(id, modB)).status).toBe(404);
    expect((await signUp(id, null)).status).toBe(401);
    const staffTry = await signUp(id, mod);
    expect(staffTry.status).toBe(403);
    expect(staffTry.body.error.message).toBe('只有本社区的居民可以报名');
    // The notice under another community's path does not exist.
    expect(
      (
        await t.app.call('POST', `/api/committees/${other.id}/notices/${id}/signups`, {
          token: r3.token,
          body: { people: 1 },
        })
      ).status,
    ).toBe(404);
    expect((await cancel(id, r5.token)).status).toBe(404);
    expect((await cancel(id, outsider.token)).status).toBe(404);

    // A public 活动 is seen by anyone, but only residents sign up.
    const open = await event({ isPublic: true });
    expect((await signUp(open, outsider.token)).body.error.message).toBe('加入本社区后才能报名');
    expect((await signUp(open, r5.token)).status).toBe(201);
  });
});

describe('the waiting list', () => {
  it('gives 50 places to 50 of 200 concurrent households, queues 150 in order, and a cancel moves exactly the first up', async () => {
    const id = await event({ capacity: 50, maxPeople: 1, title: '200户抢50个名额' });
    const users = await wechatUsers(t.app, 200, 'rush');
    const start = next3;
    next3 += 200;
    await t.app.database.db.insert(memberships).values(
      users.map((u, i) => ({
        communityId: a.id,
        userId: u.userId,
        householdId: b3.householdIds[start + i],
        status: 'approved' as const,
        realNameEnc: t.app.deps.cipher.encrypt(`居民${i}`),
      })),
    );
    const replies = await Promise.all(users.map((u) => signUp(id, u.token, 1)));
    expect(replies.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const confirmed = replies.filter((r) => r.body.status === 'confirmed');
    const waiting = replies.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waiting).toHaveLength(150);
    // Positions follow the queue (id order), 1..150, each once.
    const byId = [...waiting].sort((x, y) => x.body.id - y.body.id);
    expect(byId.map((r) => r.body.position)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // Nobody confirmed after someone started waiting.
    expect(Math.max(...confirmed.map((r) => r.body.id))).toBeLessThan(byId[0].body.id);

    const list = await roster(id);
    expect(list.body).toMatchObject({ taken: 50, capacity: 50 });
    expect(
      list.body.items
        .filter((s: { status: string }) => s.status === 'waitlisted')
        .map((s: { position: number }) => s.position),
    ).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

    const leaver = users[replies.indexOf(confirmed[7])];
    const head = users[replies.indexOf(byId[0])];
    const second = users[replies.indexOf(byId[1])];
    expect((await cancel(id, leaver.token)).status).toBe(204);
    const rows = await t.app.database.db.select().from(noticeSignups).where(eq(noticeSignups.noticeId, id));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(149);
    expect(rows.find((r) => r.id === byId[0].body.id)?.status).toBe('confirmed');
    expect(await messagesOf(head.userId, 'signup.promoted')).toHaveLength(1);
    expect(await messagesOf(second.userId, 'signup.promoted')).toHaveLength(0);
    const now = await t.app.call('GET', base(`/${id}`), { token: second.token });
    expect(now.body.signup.mine).toMatchObject({ status: 'waitlisted', position: 1 });
  }, 120_000);

  it('keeps strict order: a freed place the head does not fit in goes to nobody', async () => {
    const id = await event({ capacity: 5, maxPeople: 3 });
    const [p, q, r, s] = [await member3(), await member3(), await member3(), await member3()];
    expect((await signUp(id, p.token, 3)).body.status).toBe('confirmed');
    expect((await signUp(id, q.token, 2)).body.status).toBe('confirmed');
    expect((await signUp(id, r.token, 3)).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await signUp(id, s.token, 1)).body).toMatchObject({ status: 'waitlisted', position: 2 });
    // 2 places free, the head needs 3: nobody moves, not even the 1-person household behind it.
    expect((await cancel(id, q.token)).status).toBe(204);
    let list = await roster(id);
    expect(list.body.taken).toBe(3);
    expect(list.body.items.map((x: { status: string; position: number | null }) => [x.status, x.position])).toEqual([
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['cancelled', null],
    ]);
    // A newcomer does not jump the queue either, though 2 places are free.
    const t2 = await member3();
    expect((await signUp(id, t2.token, 1)).body).toMatchObject({ status: 'waitlisted', position: 3 });
    // 5 free: the head (3) and the next (1) move up, the newcomer (1) too: 5 of 5.
    expect((await cancel(id, p.token)).status).toBe(204);
    list = await roster(id);
    expect(list.body.taken).toBe(5);
    expect(list.body.items.filter((x: { status: string }) => x.status === 'confirmed')).toHaveLength(3);
  });

  it('moves the waiting list up when the committee adds places', async () => {
    const deadline = new Date(t.app.clock().getTime() + 3 * DAY).toISOString();
    const id = await event({ capacity: 1, maxPeople: 2, deadline });
    const [p, q, r] = [await member3(), await member3(), await member3()];
    await signUp(id, p.token, 1);
    const second = (await signUp(id, q.token, 2)).body.id;
    const third = (await signUp(id, r.token, 2)).body.id;
    const edited = await t.app.call('PUT', base(`/${id}`), {
      token: mod,
      body: {
        title: '社区运动会',
        body: '周六上午在小区广场。',
        category: 'event',
        isPublic: false,
        audience: 'all',
        signup: { capacity: 4, deadline, maxPeople: 2 },
      },
    });
    expect(edited.status).toBe(200);
    // 3 more places: the next (2) moves up; the one after (2) does not fit in the 1 left.
    expect(edited.body.signup).toMatchObject({ capacity: 4, taken: 3, waiting: 1 });
    const list = (await roster(id)).body.items;
    expect(list.find((x: { id: number }) => x.id === second).status).toBe('confirmed');
    expect(list.find((x: { id: number }) => x.id === third)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await messagesOf(q.userId, 'signup.promoted')).toHaveLength(1);
  });

  it('keeps one live sign-up when one household signs up twice at once', async () => {
    const id = await event();
    const one = await member3();
    const two = await resident(t.app, { ...a, householdIds: [one.householdId] }, 0);
    const replies = await Promise.all([
      signUp(id, one.token),
      signUp(id, two.token),
      signUp(id, one.token),
      signUp(id, two.token),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('SIGNUP_EXISTS');
    const live = await t.app.database.db
      .select()
      .from(noticeSignups)
      .where(and(eq(noticeSignups.noticeId, id), eq(noticeSignups.householdId, one.householdId)));
    expect(live).toHaveLength(1);
  });
});

describe('the committee', () => {
  let id: number;
  let ids: { first: number; second: number; waiting: number; gone: number };
  beforeAll(async () => {
    id = await event({ capacity: 3, maxPeople: 2, title: '包饺子/活动:报名' });
    const [x, y, z, w] = [await member3(undefined, '赵大爷'), await member3(), await member3(), await member3()];
    await t.app.database.db
      .update(memberships)
      .set({ phoneEnc: t.app.deps.cipher.encrypt('13900000001') })
      .where(eq(memberships.userId, x.userId));
    const gone = (await signUp(id, w.token, 1)).body.id;
    await cancel(id, w.token);
    ids = {
      first: (await signUp(id, x.token, 2)).body.id,
      second: (await signUp(id, y.token, 1)).body.id,
      waiting: (await signUp(id, z.token, 1)).body.id,
      gone,
    };
  });

  it('sees the roster: places in order, the waiting list with places, then the cancelled; names from the membership', async () => {
    const list = await roster(id);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ taken: 3, capacity: 3, attended: 0 });
    for (const line of list.body.items) rosterLine.parse(line);
    expect(list.body.items.map((s: { id: number }) => s.id)).toEqual([ids.first, ids.second, ids.waiting, ids.gone]);
    expect(list.body.items[0]).toMatchObject({
      status: 'confirmed',
      name: '赵大爷',
      phone: '13900000001',
      buildingName: '3号楼',
      unit: '1单元',
      people: 2,
    });
    expect(list.body.items[2]).toMatchObject({ status: 'waitlisted', position: 1, phone: null });
  });

  it('marks 签到 and takes it back, for those with a place only', async () => {
    const mark = (signupId: number, attended: boolean, token = mod) =>
      t.app.call('POST', base(`/${id}/signups/${signupId}/attended`), { token, body: { attended } });
    const on = await mark(ids.first, true);
    expect(on.status).toBe(200);
    expect(rosterLine.parse(on.body).attendedAt).not.toBeNull();
    expect((await mark(ids.first, true)).body.attendedAt).toBe(on.body.attendedAt);
    expect((await roster(id)).body.attended).toBe(1);
    const off = await mark(ids.first, false);
    expect(off.body.attendedAt).toBeNull();
    expect((await roster(id)).body.attended).toBe(0);
    const waiting = await mark(ids.waiting, true);
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.code).toBe('INVALID_STATE');
    // Another notice's sign-up through this notice's path does not exist.
    const elsewhere = await event();
    const someone = await member3();
    const theirs = (await signUp(elsewhere, someone.token)).body.id;
    expect((await mark(theirs, true)).status).toBe(404);
    expect((await mark(ids.first, true, modB)).status).toBe(404);
    const audit = await auditRows(t.app, 'signup.attended', id);
    expect(audit.map((r) => r.after)).toEqual([
      { signupId: ids.first, attended: true },
      { signupId: ids.first, attended: false },
    ]);
    await mark(ids.first, true);
  });

  it('downloads the roster as xlsx', async () => {
    const { res, workbook } = await download(base(`/${id}/signups.xlsx`), mod);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('报名名单-包饺子活动报名.xlsx'));
    const sheet = workbook.getWorksheet('报名名单');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(['状态', '姓名', '电话', '楼栋', '单元', '室', '人数', '报名时间', '签到']);
    expect(rows).toHaveLength(5);
    expect(rows[1].slice(0, 5)).toEqual(['已报名', '赵大爷', '13900000001', '3号楼', '1单元']);
    expect(rows[1][6]).toBe('2');
    expect(rows[1][8]).toBe('已到');
    expect(rows[3][0]).toBe('候补第1位');
    expect(rows[4][0]).toBe('已取消');
  });

  it('downloads the read figures as xlsx: by building with a total, and the unread households', async () => {
    const readId = await event({ buildingIds: [b5.id], title: '5号楼活动' });
    const reader = await resident(t.app, { ...a, householdIds: b5.householdIds }, 0);
    await resident(t.app, { ...a, householdIds: b5.householdIds }, 1);
    await t.app.call('GET', base(`/${readId}`), { token: reader.token });
    const { res, workbook } = await download(base(`/${readId}/reads.xlsx`), mod);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(rowsOf(workbook.getWorksheet('按楼栋'))).toEqual([
      ['楼栋', '已读户数', '应读户数', '已读比例'],
      ['5号楼', '1', '2', '50%'],
      ['总计', '1', '2', '50%'],
    ]);
    expect(rowsOf(workbook.getWorksheet('未读户'))).toEqual([
      ['楼栋', '单元', '室'],
      ['5号楼', '1单元', '1001'],
    ]);
    expect(workbook.getWorksheet('未读户')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('answers another committee 404 and a resident 403 on every staff route', async () => {
    const resident3 = await member3();
    const paths = [
      ['GET', `/${id}/signups`],
      ['POST', `/${id}/signups/${ids.first}/attended`],
      ['GET', `/${id}/signups.xlsx`],
      ['GET', `/${id}/reads.xlsx`],
    ] as const;
    for (const [method, path] of paths) {
      const body = method === 'POST' ? { attended: true } : undefined;
      expect((await t.app.call(method, base(path), { token: modB, body })).status, path).toBe(404);
      expect((await t.app.call(method, base(path), { token: resident3.token, body })).status, path).toBe(403);
      expect((await t.app.call(method, base(path), { body })).status, path).toBe(401);
      // A's notice under B's path, by B's committee.
      expect(
        (await t.app.call(method, `/api/committees/${other.id}/notices${path}`, { token: modB, body })).status,
        path,
      ).toBe(404);
    }
  });
});

describe('我的报名', () => {
  it('lists the household’s live sign-ups, newest first, paged, with places and the withdrawn flag', async () => {
    const u = await member3();
    const spouse = await resident(t.app, { ...a, householdIds: [u.householdId] }, 0);
    const e1 = await event({ title: '活动一' });
    const e2 = await event({ title: '活动二', capacity: 1 });
    const e3 = await event({ title: '活动三' });
    const filler = await member3();
    await signUp(e2, filler.token, 1);
    await signUp(e1, u.token, 1);
    await signUp(e2, spouse.token, 1);
    await signUp(e3, u.token, 2);
    await cancel(e3, u.token);
    await t.app.call('POST', base(`/${e1}/withdraw`), { token: mod, body: { reason: '下雨改期' } });

    const page1 = await t.app.call('GET', '/api/me/signups?limit=1', { token: u.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    mySignupItem.parse(page1.body.items[0]);
    expect(page1.body.items[0]).toMatchObject({
      title: '活动二',
      status: 'waitlisted',
      position: 1,
      byMe: false,
      communityName: '报名甲社区',
      withdrawn: false,
    });
    const page2 = await t.app.call('GET', `/api/me/signups?limit=5&before=${page1.body.nextBefore}`, {
      token: u.token,
    });
    expect(page2.body.items.map((s: { title: string }) => s.title)).toEqual(['活动一']);
    expect(page2.body.items[0]).toMatchObject({ withdrawn: true, byMe: true, status: 'confirmed' });
    expect(page2.body.nextBefore).toBeNull();
    expect((await t.app.call('GET', '/api/me/signups', { token: filler.token })).body.items).toHaveLength(1);
    expect((await t.app.call('GET', '/api/me/signups')).status).toBe(401);

    // Someone who has left the household no longer sees its sign-ups.
    await t.app.database.db.update(memberships).set({ status: 'left' }).where(eq(memberships.userId, spouse.userId));
    expect((await t.app.call('GET', '/api/me/signups', { token: spouse.token })).body.items).toEqual([]);
  });
});

describe('personal data', () => {
  it('copies the sign-ups, and deleting the account removes them and gives the place to the waiting list', async () => {
    const id = await event({ capacity: 1, title: '删号活动' });
    const leaving = await member3();
    const waiting = await member3();
    await signUp(id, leaving.token, 1);
    await signUp(id, waiting.token, 1);
    const copy = await t.app.call('GET', '/api/me/data', { token: leaving.token });
    expect(copy.body.signups).toEqual([
      { title: '删号活动', people: 1, status: 'confirmed', createdAt: expect.any(String) },
    ]);
    expect(
      (await t.app.call('POST', '/api/me/delete', { token: leaving.token, body: { confirm: '删除' } })).status,
    ).toBe(204);
    const rows = await t.app.database.db.select().from(noticeSignups).where(eq(noticeSignups.noticeId, id));
    expect(rows.map((r) => [r.userId, r.status])).toEqual([[waiting.userId, 'confirmed']]);
    expect(await messagesOf(waiting.userId, 'signup.promoted')).toHaveLength(1);
  });

  it('moves the queue past a waiting head whose account is deleted', async () => {
    const id = await event({ capacity: 2, maxPeople: 2 });
    const [p, head, next] = [await member3(), await member3(), await member3()];
    await signUp(id, p.token, 1);
    expect((await signUp(id, head.token, 2)).body.status).toBe('waitlisted');
    expect((await signUp(id, next.token, 1)).body).toMatchObject({ status: 'waitlisted', position: 2 });
    expect((await t.app.call('POST', '/api/me/delete', { token: head.token, body: { confirm: '删除' } })).status).toBe(
      204,
    );
    const list = await roster(id);
    expect(list.body.taken).toBe(2);
    expect(list.body.items.map((x: { status: string }) => x.status)).toEqual(['confirmed', 'confirmed']);
  });
});

describe('the committee cancels a sign-up, and a withdrawn 活动 tells its households', () => {
  const staffCancel = (id: number, signupId: number, token = mod, reason = '本人来电说不能参加') =>
    t.app.call('POST', base(`/${id}/signups/${signupId}/cancel`), { token, body: { reason } });

  it('cancels with a reason the household is told, moves the waiting list up, and is audited', async () => {
    const id = await event({ capacity: 1, maxPeople: 1 });
    const first = await member3();
    const second = await member3();
    const s1 = await signUp(id, first.token);
    const s2 = await signUp(id, second.token);
    expect(s2.body.status).toBe('waitlisted');
    const res = await staffCancel(id, s1.body.id);
    expect(res.status).toBe(204);
    const told = await messagesOf(first.userId, 'signup.cancelled');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('本人来电说不能参加');
    expect(await messagesOf(second.userId, 'signup.promoted')).toHaveLength(1);
    const lines = (await roster(id)).body.items as Array<{ id: number; status: string }>;
    expect(lines.find((l) => l.id === s2.body.id)?.status).toBe('confirmed');
    expect(lines.find((l) => l.id === s1.body.id)?.status).toBe('cancelled');
    const audit = await auditRows(t.app, 'signup.cancel', id);
    expect(audit.at(-1)?.after).toMatchObject({
      signupId: s1.body.id,
      status: 'cancelled',
      reason: '本人来电说不能参加',
    });
    // Once only.
    expect((await staffCancel(id, s1.body.id)).status).toBe(409);
  });

  it('needs a reason; a resident is refused, another committee and another notice’s sign-up get 404', async () => {
    const id = await event();
    const otherEvent = await event();
    const who = await member3();
    const s = await signUp(id, who.token);
    expect((await staffCancel(id, s.body.id, mod, '')).status).toBe(400);
    expect((await staffCancel(id, s.body.id, who.token)).status).toBe(403);
    expect((await staffCancel(id, s.body.id, modB)).status).toBe(404);
    expect((await staffCancel(otherEvent, s.body.id)).status).toBe(404);
    expect((await roster(id)).body.items[0].status).toBe('confirmed');
  });

  it('withdrawing an 活动 tells each household with a live sign-up, with the reason, once', async () => {
    const id = await event({ capacity: 1, maxPeople: 1 });
    const placed = await member3();
    const waiting = await member3();
    const gone = await member3();
    await signUp(id, placed.token);
    await signUp(id, waiting.token);
    const g = await signUp(id, gone.token);
    await cancel(id, gone.token);
    expect(g.status).toBe(201);
    const res = await t.app.call('POST', base(`/${id}/withdraw`), { token: mod, body: { reason: '下雨改期' } });
    expect(res.status).toBe(200);
    for (const u of [placed, waiting]) {
      const m = await messagesOf(u.userId, 'signup.withdrawn');
      expect(m).toHaveLength(1);
      expect(m[0].body).toContain('下雨改期');
    }
    expect(await messagesOf(gone.userId, 'signup.withdrawn')).toHaveLength(0);
  });
});

describe('editing an 活动 with sign-ups', () => {
  it('cannot take the sign-ups away once a household has signed up; fewer places keep those confirmed', async () => {
    const id = await event({ capacity: 3, maxPeople: 1 });
    const who = await member3();
    await signUp(id, who.token);
    const edit = (signup: unknown, category = 'event') =>
      t.app.call('PUT', base(`/${id}`), {
        token: mod,
        body: { title: '社区运动会', body: '改到周日。', category, isPublic: false, audience: 'all', signup },
      });
    const off = await edit(null);
    expect(off.status).toBe(409);
    expect(off.body.error.message).toContain('撤回');
    expect((await edit(null, 'notice')).status).toBe(409);
    const fewer = await edit({
      capacity: 1,
      deadline: new Date(t.app.clock().getTime() + DAY).toISOString(),
      maxPeople: 1,
    });
    expect(fewer.status).toBe(200);
    const r = (await roster(id)).body;
    expect(r.items[0]).toMatchObject({ status: 'confirmed' });
    const late = await member3();
    expect((await signUp(id, late.token)).body.status).toBe('waitlisted');
  });
});
