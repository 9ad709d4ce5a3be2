import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { communityStaff, memberships } from '../../server/db/schema';
import { resolveSession } from '../../server/features/auth/service';
import { card } from '../../server/features/committees/service';
import { listMine } from '../../server/features/memberships/queries';
import { useTestApp } from '../helpers/app';
import { createCommunity, formerMember, resident } from '../helpers/fixtures';

/**
 * The hot selects (server/db/prepared.ts) run straight on postgres.js on the root
 * database handle and through drizzle inside a transaction. Both paths must give the
 * same rows: dates as Dates, numerics as numbers, JSON parsed, nulls as null.
 */
describe('hot selects give what drizzle gives', () => {
  const t = useTestApp();

  /** Runs `read` on the root handle (fast path) and inside a transaction (drizzle's path). */
  async function bothPaths<T>(read: (db: typeof t.app.database.db) => Promise<T>) {
    const db = t.app.database.db;
    const fast = await read(db);
    let slow: T | undefined;
    await db.transaction(async (tx) => {
      slow = await read(tx as unknown as typeof db);
    });
    return { fast, slow };
  }

  it('a membership list with a household, a decided one and one without a household', async () => {
    const c = await createCommunity(t.app, '路径甲社区');
    const d = await createCommunity(t.app, '路径乙社区');
    const r = await resident(t.app, c, 0);
    // A second, decided membership elsewhere (rejected, with a reason and a decision time).
    await t.app.database.db.insert(memberships).values({
      communityId: d.id,
      userId: r.userId,
      householdId: null,
      status: 'rejected',
      reason: '测试原因',
      decidedAt: new Date('2026-03-04T05:06:07.890Z'),
    });
    const { fast, slow } = await bothPaths((db) => listMine(db, r.userId));
    expect(fast).toHaveLength(2);
    expect(fast).toEqual(slow);
    const withHouse = fast.find((m) => m.communityId === c.id);
    expect(withHouse?.household?.floorArea).toBe(80);
    expect(fast.find((m) => m.communityId === d.id)?.decidedAt).toBe('2026-03-04T05:06:07.890Z');
  });

  it('a committee card with its staff in order', async () => {
    const c = await createCommunity(t.app, '路径丙社区');
    await t.app.database.db.insert(communityStaff).values([
      { communityId: c.id, name: '王主任', title: '书记', publicPhone: '021-5555555', dutyWeekdays: [1, 3], sort: 1 },
      { communityId: c.id, name: '李社工', title: '社工', publicPhone: null, dutyWeekdays: [], sort: 0 },
    ]);
    const now = new Date('2026-12-01T02:00:00Z');
    const { fast, slow } = await bothPaths((db) => card(db, now, c.id, null));
    expect(fast).toEqual(slow);
    expect(fast.staff.map((s) => s.name)).toEqual(['李社工', '王主任']);
    expect(fast.lat).toBe(31.2);
    await t.app.database.db.delete(communityStaff).where(eq(communityStaff.communityId, c.id));
  });

  it('a session with its live memberships only', async () => {
    const c = await createCommunity(t.app, '路径丁社区');
    const r = await resident(t.app, c, 0);
    const gone = await formerMember(t.app, c, 'left', 1);
    const me = await resolveSession(t.app.deps, r.token);
    expect(me?.actor).toEqual({
      userId: r.userId,
      isAdmin: false,
      memberships: [{ communityId: c.id, role: 'resident', status: 'approved' }],
    });
    const left = await resolveSession(t.app.deps, gone.token);
    expect(left?.actor.memberships).toEqual([]);
    expect(await resolveSession(t.app.deps, 'no-such-token-0000000000')).toBeNull();
  });
});
