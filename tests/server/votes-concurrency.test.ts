/**
 * One ballot per household under a race (docs/decisions/022-votes.md): 1,000 concurrent casts
 * by 500 households (two members each, each member choosing its own option) leave exactly 500
 * ballots, each equal to the last change of its household, with versions 1..n and no gap.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ballotChanges, ballots, buildings, households, memberships } from '../../server/db/schema';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, staff, wechatUsers } from '../helpers/fixtures';

const t = useTestApp();
const HOUSEHOLDS = 500;
let a: CommunityFixture;
let mod: string;
let members: { token: string; userId: number }[][] = [];

beforeAll(async () => {
  a = await createCommunity(t.app, '千票社区');
  mod = (await staff(t.app, { community: a })).token;
  const db = t.app.database.db;
  // The fixture's six households are retired: the vote is for the 500 below.
  await db.update(households).set({ retiredAt: new Date() }).where(eq(households.communityId, a.id));
  const [b] = await db.insert(buildings).values({ communityId: a.id, name: '9号楼' }).returning();
  const hs = await db
    .insert(households)
    .values(
      Array.from({ length: HOUSEHOLDS }, (_, i) => ({
        communityId: a.id,
        buildingId: b.id,
        unit: `${1 + Math.floor(i / 100)}单元`,
        room: `${1000 + i}`,
      })),
    )
    .returning({ id: households.id });
  const users: { token: string; userId: number }[] = [];
  for (let i = 0; i < 2 * HOUSEHOLDS; i += 100) users.push(...(await wechatUsers(t.app, 100, 'race')));
  members = hs.map((_, i) => [users[2 * i], users[2 * i + 1]]);
  await db.insert(memberships).values(
    hs.flatMap((h, i) =>
      members[i].map((u) => ({
        communityId: a.id,
        userId: u.userId,
        householdId: h.id,
        status: 'approved' as const,
      })),
    ),
  );
}, 120_000);

describe('1,000 concurrent ballots from 500 households', () => {
  it('gives exactly 500 ballots, each its household’s highest version, versions without gaps', async () => {
    const created = await t.app.call('POST', `/api/committees/${a.id}/votes`, {
      token: mod,
      body: {
        title: '停车位划线方案',
        kind: 'single',
        options: ['方案一', '方案二'],
        rule: 'simple',
        closesAt: new Date(t.app.clock().getTime() + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.turnout.electors).toBe(HOUSEHOLDS);
    const voteId = created.body.id as number;
    const [one, two] = created.body.options.map((o: { id: number }) => o.id);
    const replies = await Promise.all(
      members.flatMap(([m1, m2]) => [
        t.app.call('PUT', `/api/committees/${a.id}/votes/${voteId}/ballot`, {
          token: m1.token,
          body: { optionIds: [one] },
        }),
        t.app.call('PUT', `/api/committees/${a.id}/votes/${voteId}/ballot`, {
          token: m2.token,
          body: { optionIds: [two] },
        }),
      ]),
    );
    expect(replies.filter((r) => r.status !== 200).map((r) => JSON.stringify(r.body))).toEqual([]);
    const db = t.app.database.db;
    const rows = await db.select().from(ballots).where(eq(ballots.voteId, voteId));
    expect(rows).toHaveLength(HOUSEHOLDS);
    const changes = await db
      .select()
      .from(ballotChanges)
      .where(
        inArray(
          ballotChanges.ballotId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(ballotChanges.ballotId), asc(ballotChanges.version));
    expect(changes).toHaveLength(2 * HOUSEHOLDS);
    const byBallot = new Map<number, (typeof changes)[number][]>();
    for (const c of changes) byBallot.set(c.ballotId, [...(byBallot.get(c.ballotId) ?? []), c]);
    for (const b of rows) {
      const history = byBallot.get(b.id) ?? [];
      expect(history.map((h) => h.version)).toEqual([1, 2]);
      const last = history[history.length - 1];
      expect(b.version).toBe(last.version);
      expect(b.optionIds).toEqual(last.optionIds);
      expect(b.castBy).toBe(last.castBy);
    }
    const turnout = await t.app.call('GET', `/api/committees/${a.id}/agora/votes`, { token: mod });
    expect(turnout.body.items[0].turnout).toEqual({ ballots: HOUSEHOLDS, electors: HOUSEHOLDS });
  }, 120_000);
});
