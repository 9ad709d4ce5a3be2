/** The demo community shows notices to the demo resident, and more to its moderator. */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_RESIDENT_CODE, seedDemo } from '../../server/db/seed';
import { useTestApp } from '../helpers/app';

const t = useTestApp();

describe('demo notices', () => {
  it('seeds an urgent pinned one first, an 活动, and one for 1号楼 that the resident of 1号楼 sees', async () => {
    const seeded = await seedDemo(t.app.deps);
    expect(seeded).not.toBeNull();
    const [community] = await t.app.database.sql<{ id: number }[]>`select id from communities order by id limit 1`;
    const resident = await t.app.call('POST', '/api/auth/wechat', { body: { code: DEMO_RESIDENT_CODE } });
    const list = await t.app.call('GET', `/api/committees/${community.id}/notices`, { token: resident.body.token });
    expect(list.status).toBe(200);
    const titles = list.body.items.map((n: { title: string }) => n.title);
    expect(titles[0]).toBe('紧急：今晚22点起小区停水');
    expect(list.body.items[0]).toMatchObject({ category: 'urgent', pinned: true });
    expect(titles).toEqual(expect.arrayContaining(['重阳节敬老茶话会', '1号楼电梯年检']));
    // Four notices, and the 议事厅's two 公示 of closed votes (members only; tests/server/agora-demo.test.ts).
    expect(list.body.unreadCount).toBe(6);

    const anonymous = await t.app.call('GET', `/api/committees/${community.id}/notices`);
    expect(anonymous.body.items.map((n: { title: string }) => n.title)).toEqual([
      '紧急：今晚22点起小区停水',
      '公示：小区绿化改造方案',
    ]);

    const moderator = await t.app.call('POST', '/api/auth/password', {
      body: { username: 'wutong', password: DEMO_PASSWORD },
    });
    const buildingOnly = list.body.items.find((n: { title: string }) => n.title === '1号楼电梯年检');
    await t.app.call('GET', `/api/committees/${community.id}/notices/${buildingOnly.id}`, {
      token: resident.body.token,
    });
    const figures = await t.app.call('GET', `/api/committees/${community.id}/notices/${buildingOnly.id}/reads`, {
      token: moderator.body.token,
    });
    // 1号楼's households with approved members: the demo resident's, and 李师傅's and 陈阿姨's (the 找邻居 demo).
    expect(figures.body.overall).toEqual({ read: 1, total: 3 });

    // The 活动 takes sign-ups: two neighbours have signed up; the demo resident may too.
    const event = list.body.items.find((n: { title: string }) => n.title === '重阳节敬老茶话会');
    expect(event.signupOpen).toBe(true);
    const detail = await t.app.call('GET', `/api/committees/${community.id}/notices/${event.id}`, {
      token: resident.body.token,
    });
    expect(detail.body.signup).toMatchObject({
      capacity: 30,
      maxPeople: 2,
      taken: 3,
      waiting: 0,
      open: true,
      mine: null,
    });
    const signed = await t.app.call('POST', `/api/committees/${community.id}/notices/${event.id}/signups`, {
      token: resident.body.token,
      body: { people: 2 },
    });
    expect(signed.status).toBe(201);
    expect(signed.body.status).toBe('confirmed');
    const roster = await t.app.call('GET', `/api/committees/${community.id}/notices/${event.id}/signups`, {
      token: moderator.body.token,
    });
    expect(roster.body).toMatchObject({ taken: 5, capacity: 30 });
    expect(roster.body.items.map((s: { name: string }) => s.name)).toEqual(['李建国', '张桂兰', '王秀英']);
  });

  it('the 公示 carries two pictures, served publicly with a thumbnail, re-encoded as JPEG', async () => {
    const [community] = await t.app.database.sql<{ id: number }[]>`select id from communities order by id limit 1`;
    const list = await t.app.call('GET', `/api/committees/${community.id}/notices`);
    const plan = list.body.items.find((n: { category: string }) => n.category === 'publicity');
    const detail = await t.app.call('GET', `/api/committees/${community.id}/notices/${plan.id}`);
    expect(detail.body.attachments).toHaveLength(2);
    for (const a of detail.body.attachments) {
      expect(a).toMatchObject({ kind: 'image', isPublic: true });
      const file = await fetch(`${t.app.url}${a.urls.display}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      const thumb = await fetch(`${t.app.url}${a.urls.thumbnail}`);
      expect(thumb.status).toBe(200);
    }
  });
});
