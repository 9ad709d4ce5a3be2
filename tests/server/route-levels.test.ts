/**
 * `mount` enforces the contract's level before it reads any input: who is calling is
 * settled first, so a stranger learns nothing from how a bad body would be judged.
 */
import Router from '@koa/router';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mount } from '../../server/http/route';
import { defineRoute } from '../../shared/contracts/route';
import { useTestApp } from '../helpers/app';
import { world } from '../helpers/fixtures';

const t = useTestApp();
let w: Awaited<ReturnType<typeof world>>;

beforeAll(async () => {
  w = await world(t.app);
});

const garbage = { householdId: 'x', realName: 5, maxUses: -1, name: '' };

describe('the contract level comes before the input', () => {
  it('an anonymous caller with a bad body gets 401, not 400', async () => {
    for (const path of [
      `/api/committees/${w.a.id}/join`,
      `/api/committees/${w.a.id}/invitations`,
      '/api/admin/districts',
    ]) {
      const res = await t.app.call('POST', path, { body: garbage });
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it("on a staff route, A's resident with a bad body gets 403 and a stranger 404", async () => {
    const path = `/api/committees/${w.a.id}/invitations`;
    const mine = await t.app.call('POST', path, { token: w.residentA.token, body: garbage });
    expect(mine.status).toBe(403);
    for (const stranger of [w.residentB, w.moderatorB, w.pending, w.leftA]) {
      const res = await t.app.call('POST', path, { token: stranger.token, body: garbage });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    // A's moderator gets past the gate and is told what is wrong with the body.
    const moderator = await t.app.call('POST', path, { token: w.moderatorA.token, body: garbage });
    expect(moderator.status).toBe(400);
  });

  it('on an admin route, a moderator with a bad body gets 403', async () => {
    const res = await t.app.call('POST', '/api/admin/districts', { token: w.moderatorA.token, body: { name: 5 } });
    expect(res.status).toBe(403);
  });

  it('refuses to mount a staff route that names no community', () => {
    const contract = defineRoute({
      method: 'GET',
      path: '/api/nowhere',
      summary: 'x',
      tag: 'x',
      auth: 'staff',
      response: z.object({}),
    });
    expect(() =>
      mount(
        new Router(),
        [],
        t.app.deps,
        async () => null,
        contract,
        async () => ({}),
      ),
    ).toThrow(/must name its community/);
  });
});
