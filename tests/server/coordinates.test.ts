/** A committee's place is a latitude and a longitude together, or neither: in the contract and in the database. */
import { beforeAll, describe, expect, it } from 'vitest';
import { pgCode } from '../../server/core/errors';
import { useTestApp } from '../helpers/app';
import { world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

const place = async () =>
  (
    await t.app.database.sql<{ lat: number | null; lng: number | null }[]>`
    select lat, lng from communities where id = ${w.a.id}`
  )[0];

describe('latitude and longitude come together', () => {
  it('PATCH with one of the two is a 400 naming the other, and changes nothing', async () => {
    const before = await place();
    for (const body of [{ lat: 31.1 }, { lng: 121.3 }, { lat: null }, { lat: 31.1, lng: null }]) {
      const res = await t.app.call('PATCH', `/api/committees/${w.a.id}`, { token: w.moderatorA.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toBe('经度和纬度要一起填写');
    }
    expect(await place()).toEqual(before);
  });

  it('PATCH with both, or clearing both, is accepted', async () => {
    const set = await t.app.call('PATCH', `/api/committees/${w.a.id}`, {
      token: w.moderatorA.token,
      body: { lat: 31.25, lng: 121.45 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ lat: 31.25, lng: 121.45 });
    const cleared = await t.app.call('PATCH', `/api/committees/${w.a.id}`, {
      token: w.moderatorA.token,
      body: { lat: null, lng: null },
    });
    expect(cleared.body).toMatchObject({ lat: null, lng: null });
  });

  it('a new committee with only a latitude is refused', async () => {
    const [street] = await t.app.database.sql<{ id: number }[]>`select id from streets limit 1`;
    const res = await t.app.call('POST', '/api/admin/communities', {
      token: w.admin.token,
      body: { streetId: street.id, name: '只有纬度居委', address: '某路1号', lat: 31.2 },
    });
    expect(res.status).toBe(400);
  });

  it('searching near a place needs both numbers', async () => {
    expect((await t.app.call('GET', '/api/committees?lat=31.2')).status).toBe(400);
    expect((await t.app.call('GET', `/api/committees/${w.a.id}?lng=121.4`)).status).toBe(400);
    expect((await t.app.call('GET', '/api/committees?lat=31.2&lng=121.4')).status).toBe(200);
  });

  it('the database refuses a half place even when written directly (CHECK constraint)', async () => {
    const error = await t.app.database.sql`update communities set lat = 30, lng = null where id = ${w.a.id}`.catch(
      (e: unknown) => e,
    );
    expect(pgCode(error)).toBe('23514');
  });
});
