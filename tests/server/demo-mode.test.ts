import { describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema';
import { localOpenid } from '../../server/wechat/local';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import { useTestApp } from '../helpers/app';

const local = useTestApp();
const real = useTestApp({
  wechat: {
    kind: 'real',
    async code2Session() {
      throw new Error('not used');
    },
    async sendSubscribeMessage() {
      return { ok: true };
    },
    async msgSecCheck() {
      return { ok: false, errcode: null };
    },
    async mediaCheckAsync() {
      return { ok: false, errcode: null, retryable: false };
    },
  },
});

async function addDemoResident(app: typeof local.app) {
  await app.database.db.insert(users).values({ openid: localOpenid(DEMO_RESIDENT_CODE) });
}

describe('GET /api/health says whether the demo resident may be offered', () => {
  it('is not demo mode without the seeded demo resident', async () => {
    const res = await local.app.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.demo).toBe(false);
  });

  it('is demo mode with the local sign-in adapter and the demo resident seeded', async () => {
    await addDemoResident(local.app);
    expect((await local.app.call('GET', '/api/health')).body.demo).toBe(true);
  });

  it('is never demo mode with real WeChat sign-in, even if such a user exists', async () => {
    await addDemoResident(real.app);
    expect((await real.app.call('GET', '/api/health')).body.demo).toBe(false);
  });
});
