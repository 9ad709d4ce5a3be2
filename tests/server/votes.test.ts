/**
 * 议事厅 votes (docs/decisions/022-votes.md): the electorate fixed at the open (household, owner,
 * resident; owners need every area), who may cast (household, owner-occupied, scope, delegate),
 * changing a ballot, the close by server time and by the job (frozen result, 公示, topic moved,
 * 住户守则), visibility (live, after the close, anonymous), 代录, 送达, 委托 with its cap, the
 * reminder, the export, and another community's callers.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  agoraSettings,
  ballotChanges,
  ballots,
  buildings,
  households,
  houseRules,
  memberships,
  messages,
  notices,
  topics,
  uploads,
  voteElectors,
  votes,
} from '../../server/db/schema';
import { closeDue, openDue } from '../../server/features/votes/close';
import { remindDue } from '../../server/features/votes/jobs';
import { useTestApp } from '../helpers/app';
import { auditRows, type CommunityFixture, createCommunity, resident, staff } from '../helpers/fixtures';

const t = useTestApp();
const DAY = 86_400_000;
let a: CommunityFixture;
let b: CommunityFixture;
let mod: { token: string; userId: number };
let modB: { token: string; userId: number };
let n = 0;

beforeAll(async () => {
  a = await createCommunity(t.app, `投票社区${n++}`);
  b = await createCommunity(t.app, `别的社区${n++}`);
  mod = await staff(t.app, { community: a });
  modB = await staff(t.app, { community: b });
});

/** A fresh community (6 households of 80 m² in 1号楼) with its moderator. */
async function fresh() {
  const c = await createCommunity(t.app, `投票社区${n++}`);
  const m = await staff(t.app, { community: c });
  return { c, m };
}

const base = (c: CommunityFixture, path = '') => `/api/committees/${c.id}/votes${path}`;
const closesIn = (ms = DAY) => new Date(t.app.clock().getTime() + ms).toISOString();

async function createVote(c: CommunityFixture, token: string, body: Record<string, unknown> = {}) {
  return t.app.call('POST', base(c), {
    token,
    body: { title: '加装电梯', kind: 'motion', rule: 'simple', closesAt: closesIn(), ...body },
  });
}

async function openVote(c: CommunityFixture, token: string, body: Record<string, unknown> = {}) {
  const res = await createVote(c, token, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; options: { id: number; label: string }[]; status: string };
}

const cast = (c: CommunityFixture, voteId: number, token: string, optionIds: number[], electorId?: number) =>
  t.app.call('PUT', base(c, `/${voteId}/ballot`), { token, body: { optionIds, electorId } });

/** An upload row of the community by a user (the photo routes make these). */
async function upload(c: CommunityFixture, userId: number) {
  const [u] = await t.app.database.db
    .insert(uploads)
    .values({
      communityId: c.id,
      uploadedBy: userId,
      kind: 'image',
      fileKey: randomBytes(32).toString('hex'),
      byteSize: 10,
    })
    .returning({ id: uploads.id });
  return u.id;
}

async function topic(c: CommunityFixture, kind: 'proposal' | 'house_rules' = 'proposal') {
  const [row] = await t.app.database.db
    .insert(topics)
    .values({
      communityId: c.id,
      kind,
      authorLabel: '居委会',
      byCommittee: true,
      title: kind === 'house_rules' ? '住户守则（修订）' : '楼道堆物清理',
      body: '第一条 爱护公共环境。',
      stage: 'discussing',
      cosignNeeded: 0,
    })
    .returning();
  return row;
}

/** Runs the close job at a time past the vote's close. */
async function closeAt(voteId: number) {
  const [v] = await t.app.database.db.select().from(votes).where(eq(votes.id, voteId));
  t.app.clock.set(new Date(Math.max(t.app.clock().getTime(), v.closesAt.getTime())));
  await closeDue(t.app.deps);
}

describe('creating a vote fixes the electorate', () => {
  it('household: one elector per household; resident: one per approved member', async () => {
    const { c, m } = await fresh();
    await resident(t.app, c, 0);
    await resident(t.app, c, 0);
    await resident(t.app, c, 1);
    const hh = await openVote(c, m.token);
    const res = await openVote(c, m.token, { electorate: 'resident' });
    const count = async (voteId: number) =>
      (await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, voteId))).length;
    expect(await count(hh.id)).toBe(6);
    expect(await count(res.id)).toBe(3);
    expect(hh.status).toBe('open');
    expect(hh.options.map((o) => o.label)).toEqual(['赞成', '反对', '弃权']);
  });

  it('owner: 409 MISSING_FLOOR_AREA with the count and examples; then head keys and areas', async () => {
    const { c, m } = await fresh();
    await t.app.database.db.update(households).set({ floorArea: null }).where(eq(households.id, c.householdIds[2]));
    await t.app.database.db.update(households).set({ floorArea: null }).where(eq(households.id, c.householdIds[3]));
    const refused = await createVote(c, m.token, { electorate: 'owner', rule: 'civil_278' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MISSING_FLOOR_AREA');
    expect(refused.body.error.details.count).toBe(2);
    expect(refused.body.error.details.examples).toEqual(['1号楼 1单元 201', '1号楼 1单元 202']);
    expect(await t.app.database.db.select().from(votes).where(eq(votes.communityId, c.id))).toHaveLength(0);
    await t.app.database.db.update(households).set({ floorArea: 95.5 }).where(eq(households.communityId, c.id));
    await t.app.database.db.update(households).set({ ownerKey: 'K1' }).where(eq(households.id, c.householdIds[0]));
    await t.app.database.db.update(households).set({ developerUnit: true }).where(eq(households.id, c.householdIds[5]));
    const v = await openVote(c, m.token, { electorate: 'owner', rule: 'civil_278' });
    const rows = await t.app.database.db
      .select()
      .from(voteElectors)
      .where(eq(voteElectors.voteId, v.id))
      .orderBy(asc(voteElectors.householdId));
    expect(rows.map((r) => r.headKey)).toEqual([
      'o:K1',
      `h:${c.householdIds[1]}`,
      `h:${c.householdIds[2]}`,
      `h:${c.householdIds[3]}`,
      `h:${c.householdIds[4]}`,
      'dev',
    ]);
    expect(rows.every((r) => r.area === 95.5)).toBe(true);
  });

  it('a later opensAt makes a draft that the job opens (snapshot then), moving its topic', async () => {
    const { c, m } = await fresh();
    const tp = await topic(c);
    const v = await openVote(c, m.token, { topicId: tp.id, opensAt: closesIn(3_600_000), closesAt: closesIn(DAY) });
    expect(v.status).toBe('draft');
    expect(await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id))).toHaveLength(0);
    t.app.clock.advance(3_600_000);
    expect(await openDue(t.app.deps)).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.database.db.select().from(votes).where(eq(votes.id, v.id));
    expect(row.status).toBe('open');
    expect(await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id))).toHaveLength(6);
    const [tt] = await t.app.database.db.select().from(topics).where(eq(topics.id, tp.id));
    expect(tt.stage).toBe('voting');
    expect(tt.voteId).toBe(v.id);
  });
});

describe('who may cast', () => {
  it('owner votes: a rented unit is NOT_ELIGIBLE online, but 代录 works; building scope is respected', async () => {
    const { c, m } = await fresh();
    await t.app.database.db.update(households).set({ ownerOccupied: true }).where(eq(households.id, c.householdIds[0]));
    const owner = await resident(t.app, c, 0);
    const tenant = await resident(t.app, c, 1);
    const v = await openVote(c, m.token, { electorate: 'owner', rule: 'simple' });
    expect((await cast(c, v.id, owner.token, [v.options[0].id])).status).toBe(200);
    const refused = await cast(c, v.id, tenant.token, [v.options[0].id]);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_ELIGIBLE');
    expect(refused.body.error.message).toContain('委托');
    const detail = await t.app.call('GET', base(c, `/${v.id}`), { token: tenant.token });
    expect(detail.body.ineligibleReason).toContain('委托');
    const [e1] = await t.app.database.db
      .select()
      .from(voteElectors)
      .where(and(eq(voteElectors.voteId, v.id), eq(voteElectors.householdId, c.householdIds[1])));
    const paper = await t.app.call('POST', base(c, `/${v.id}/paper-ballots`), {
      token: m.token,
      body: {
        electorId: e1.id,
        optionIds: [v.options[1].id],
        signer: '张业主',
        signedOn: '2026-12-01',
        uploadId: await upload(c, m.userId),
      },
    });
    expect(paper.status).toBe(201);
    expect(paper.body).toMatchObject({ electorId: e1.id, voted: true, channel: 'paper', label: '1号楼 1单元 102' });
    const [pb] = await t.app.database.db.select().from(ballots).where(eq(ballots.electorId, e1.id));
    expect(pb).toMatchObject({ channel: 'paper', recordedBy: m.userId, paperSigner: '张业主', castBy: null });
    const audit = await auditRows(t.app, 'vote.paper_ballot', v.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(m.userId);
    expect(audit[0].after).toMatchObject({ householdId: c.householdIds[1], optionIds: [v.options[1].id] });

    // Scope: a vote of another building leaves 1号楼's households out.
    const [other] = await t.app.database.db.insert(buildings).values({ communityId: c.id, name: '2号楼' }).returning();
    await t.app.database.db
      .insert(households)
      .values({ communityId: c.id, buildingId: other.id, unit: '1单元', room: '101', floorArea: 70 });
    const scoped = await openVote(c, m.token, { buildingIds: [other.id] });
    const out = await cast(c, scoped.id, owner.token, [scoped.options[0].id]);
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe('NOT_ELIGIBLE');
    const d = await t.app.call('GET', base(c, `/${scoped.id}`), { token: owner.token });
    expect(d.body.buildings).toEqual([{ id: other.id, name: '2号楼' }]);
    expect(d.body.turnout.electors).toBe(1);
  });

  it('household: any member; a changed ballot keeps its history; options are checked', async () => {
    const { c, m } = await fresh();
    const r1 = await resident(t.app, c, 0);
    const r2 = await resident(t.app, c, 0);
    const v = await openVote(c, m.token, { kind: 'multiple', options: ['甲', '乙', '丙'], maxChoices: 2 });
    const [x, y, z] = v.options.map((o) => o.id);
    expect((await cast(c, v.id, r1.token, [x])).body.myBallot).toMatchObject({
      optionIds: [x],
      version: 1,
      channel: 'self',
    });
    const second = await cast(c, v.id, r2.token, [z, y]);
    expect(second.body.myBallot).toMatchObject({ optionIds: [y, z], version: 2 });
    const tooMany = await cast(c, v.id, r1.token, [x, y, z]);
    expect(tooMany.body.error.code).toBe('BALLOT_INVALID');
    const foreign = await openVote(c, m.token);
    expect((await cast(c, v.id, r1.token, [foreign.options[0].id])).body.error.code).toBe('BALLOT_INVALID');
    const [bal] = await t.app.database.db.select().from(ballots).where(eq(ballots.voteId, v.id));
    const history = await t.app.database.db
      .select()
      .from(ballotChanges)
      .where(eq(ballotChanges.ballotId, bal.id))
      .orderBy(asc(ballotChanges.version));
    expect(history.map((h) => [h.version, h.optionIds, h.castBy])).toEqual([
      [1, [x], r1.userId],
      [2, [y, z], r2.userId],
    ]);
    // Ballots are never in the audit log.
    expect(await auditRows(t.app, 'vote.paper_ballot', v.id)).toHaveLength(0);
  });
});

describe('the close', () => {
  it('refuses a ballot 1 ms after closes_at before the job ran, and everything after the close; the result is frozen', async () => {
    const { c, m } = await fresh();
    const r = await resident(t.app, c, 0);
    const r2 = await resident(t.app, c, 1);
    await t.app.database.db
      .insert(agoraSettings)
      .values({ communityId: c.id, silentMajority: true, silentMajorityBasis: '议事规则第十二条' });
    const v = await openVote(c, m.token, { closesAt: closesIn(60_000) });
    expect((await cast(c, v.id, r.token, [v.options[0].id])).status).toBe(200);
    t.app.clock.advance(60_001);
    const late = await cast(c, v.id, r2.token, [v.options[0].id]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('VOTE_CLOSED');
    await closeAt(v.id);
    const [row] = await t.app.database.db.select().from(votes).where(eq(votes.id, v.id));
    expect(row.status).toBe('closed');
    expect(row.result).toMatchObject({ participated: { count: 1 }, electors: { count: 6 } });
    expect((await cast(c, v.id, r2.token, [v.options[0].id])).body.error.code).toBe('VOTE_CLOSED');
    const [e] = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id));
    const paper = await t.app.call('POST', base(c, `/${v.id}/paper-ballots`), {
      token: m.token,
      body: {
        electorId: e.id,
        optionIds: [v.options[0].id],
        signer: '李',
        signedOn: '2026-12-01',
        uploadId: await upload(c, m.userId),
      },
    });
    expect(paper.body.error.code).toBe('VOTE_CLOSED');
    const service = await t.app.call('POST', base(c, `/${v.id}/service`), {
      token: m.token,
      body: { electorIds: [e.id], note: '上门送达' },
    });
    expect(service.body.error.code).toBe('VOTE_CLOSED');
    // Households change afterwards: the frozen result does not.
    await t.app.database.db
      .update(households)
      .set({ retiredAt: new Date() })
      .where(eq(households.id, c.householdIds[0]));
    const d = await t.app.call('GET', base(c, `/${v.id}`), { token: r2.token });
    expect(d.body.result).toEqual(row.result);
    expect(d.body.status).toBe('closed');
    expect(await auditRows(t.app, 'vote.closed', v.id)).toHaveLength(1);
    // A second run closes nothing twice.
    await closeDue(t.app.deps);
    expect(await auditRows(t.app, 'vote.closed', v.id)).toHaveLength(1);
    const told = await t.app.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, r.userId), eq(messages.key, `vote.closed.${v.id}`)));
    expect(told).toHaveLength(1);
  });

  it('publishes the 公示 notice, moves the topic, and adopts 住户守则 when a house-rules vote passes', async () => {
    const { c, m } = await fresh();
    const voters = await Promise.all([0, 1, 2].map((i) => resident(t.app, c, i)));
    const tp = await topic(c, 'house_rules');
    const v = await openVote(c, m.token, { topicId: tp.id, title: '住户守则修订' });
    for (const r of voters) await cast(c, v.id, r.token, [v.options[0].id]);
    await closeAt(v.id);
    const [tt] = await t.app.database.db.select().from(topics).where(eq(topics.id, tp.id));
    expect(tt.stage).toBe('publicized');
    expect(tt.resultNoticeId).not.toBeNull();
    const [notice] = await t.app.database.db
      .select()
      .from(notices)
      .where(eq(notices.id, tt.resultNoticeId as number));
    expect(notice).toMatchObject({ title: '【投票结果公示】住户守则修订', category: 'publicity', status: 'published' });
    expect(notice.body).toContain('赞成：3票');
    const rules = await t.app.database.db.select().from(houseRules).where(eq(houseRules.communityId, c.id));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ version: 1, title: '住户守则（修订）', voteId: v.id });
    const d = await t.app.call('GET', base(c, `/${v.id}`), { token: voters[0].token });
    expect(d.body.resultNoticeId).toBe(notice.id);
    const page = await t.app.call('GET', base(c, `/${v.id}/result`), { token: voters[0].token });
    expect(page.status).toBe(200);
    expect(page.body.communityName).toBe(c.name);
  });

  it('cancel moves the topic back to 议事 and is audited', async () => {
    const { c, m } = await fresh();
    const tp = await topic(c);
    const v = await openVote(c, m.token, { topicId: tp.id });
    const res = await t.app.call('POST', base(c, `/${v.id}/cancel`), { token: m.token, body: { reason: '方案要改' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const [tt] = await t.app.database.db.select().from(topics).where(eq(topics.id, tp.id));
    expect(tt.stage).toBe('discussing');
    expect(await auditRows(t.app, 'vote.cancel', v.id)).toHaveLength(1);
  });
});

describe('visibility', () => {
  it('live figures while open; after_close hides them; anonymous never shows choices, even to staff', async () => {
    const { c, m } = await fresh();
    const r = await resident(t.app, c, 0);
    const live = await openVote(c, m.token, { resultsShown: 'live' });
    await cast(c, live.id, r.token, [live.options[0].id]);
    const l = await t.app.call('GET', base(c, `/${live.id}`), { token: r.token });
    expect(l.body.result.options[0].ballots).toBe(1);
    const later = await openVote(c, m.token);
    await cast(c, later.id, r.token, [later.options[0].id]);
    expect((await t.app.call('GET', base(c, `/${later.id}`), { token: r.token })).body.result).toBeNull();
    expect((await t.app.call('GET', base(c, `/${later.id}`), { token: r.token })).body.turnout).toEqual({
      ballots: 1,
      electors: 6,
    });
    const anon = await openVote(c, m.token, { resultsShown: 'live', anonymous: true });
    await cast(c, anon.id, r.token, [anon.options[1].id]);
    expect((await t.app.call('GET', base(c, `/${anon.id}`), { token: m.token })).body.result).toBeNull();
    const electors = await t.app.call('GET', base(c, `/${anon.id}/electors?voted=true`), { token: m.token });
    expect(electors.body.total).toBe(1);
    expect(electors.body.items[0]).toEqual({
      electorId: expect.any(Number),
      label: '1号楼 1单元 101',
      buildingId: c.buildingId,
      area: null,
      voted: true,
      channel: 'self',
      servedAt: null,
      hasProxy: false,
    });
    // The export: choices only when not anonymous.
    const sheetOf = async (voteId: number) => {
      const res = await fetch(`${t.app.url}${base(c, `/${voteId}/ballots.xlsx`)}`, {
        headers: { authorization: `Bearer ${m.token}` },
      });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const s = wb.getWorksheet('投票明细');
      return (s?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1) : row));
    };
    const named = await sheetOf(later.id);
    expect(JSON.stringify(named)).toContain('赞成');
    expect(JSON.stringify(named[1])).toContain('选择');
    const hidden = await sheetOf(anon.id);
    expect(JSON.stringify(hidden)).not.toContain('反对');
    expect(JSON.stringify(hidden[1])).not.toContain('选择');
    expect(JSON.stringify(hidden)).toContain('本人');
  });
});

describe('委托 (proxies)', () => {
  it('grant, accept, vote as delegate; cap exact under concurrent accepts; revoke before and after use', async () => {
    const { c, m } = await fresh();
    const grantors = await Promise.all([0, 1, 2, 3].map((i) => resident(t.app, c, i)));
    const delegate = await resident(t.app, c, 4);
    const v = await openVote(c, m.token, { proxyCap: 2 });
    const codes: string[] = [];
    for (const g of grantors) {
      const res = await t.app.call('POST', base(c, `/${v.id}/proxy`), {
        token: g.token,
        body: { uploadId: await upload(c, g.userId) },
      });
      expect(res.status).toBe(201);
      expect(res.body.code).toMatch(/^[0-9A-Z]{8}$/);
      codes.push(res.body.code);
    }
    const dup = await t.app.call('POST', base(c, `/${v.id}/proxy`), {
      token: grantors[0].token,
      body: { uploadId: await upload(c, grantors[0].userId) },
    });
    expect(dup.body.error.code).toBe('DUPLICATE');
    // Same household may not be the delegate.
    const same = await resident(t.app, c, 0);
    expect(
      (
        await t.app.call('POST', `/api/committees/${c.id}/vote-proxies`, {
          token: same.token,
          body: { code: codes[0] },
        })
      ).status,
    ).toBe(409);
    const accepts = await Promise.all(
      codes.map((code) =>
        t.app.call('POST', `/api/committees/${c.id}/vote-proxies`, { token: delegate.token, body: { code } }),
      ),
    );
    expect(accepts.filter((r) => r.status === 200)).toHaveLength(2);
    expect(accepts.filter((r) => r.body.error?.code === 'PROXY_LIMIT')).toHaveLength(2);
    const ok = accepts.find((r) => r.status === 200)?.body;
    expect(ok.householdLabel).toMatch(/^1号楼 1单元 \d+$/);
    const voted = await cast(c, v.id, delegate.token, [v.options[0].id], ok.electorId);
    expect(voted.status).toBe(200);
    expect(voted.body.proxyFor.find((p: { electorId: number }) => p.electorId === ok.electorId).ballot.channel).toBe(
      'proxy',
    );
    const [pb] = await t.app.database.db.select().from(ballots).where(eq(ballots.electorId, ok.electorId));
    expect(pb.channel).toBe('proxy');
    expect(pb.proxyId).not.toBeNull();
    // The grantor of the used proxy may no longer revoke; a pending one may.
    const usedBy = grantors.find((_, i) => accepts[i].status === 200 && accepts[i].body.electorId === ok.electorId);
    const pendingOf = grantors.find((_, i) => accepts[i].status !== 200);
    // The household sees that its delegate has voted (and the other grantor that theirs has not).
    const grantorView = await t.app.call('GET', base(c, `/${v.id}`), { token: usedBy?.token });
    expect(grantorView.body.myProxy).toMatchObject({ status: 'active', delegateAccepted: true, used: true });
    const pendingView = await t.app.call('GET', base(c, `/${v.id}`), { token: pendingOf?.token });
    expect(pendingView.body.myProxy).toMatchObject({ status: 'pending', used: false });
    const used = await t.app.call('DELETE', base(c, `/${v.id}/proxy`), { token: usedBy?.token });
    expect(used.body.error.code).toBe('PROXY_USED');
    expect((await t.app.call('DELETE', base(c, `/${v.id}/proxy`), { token: pendingOf?.token })).status).toBe(204);
    // The household may still vote itself: its latest ballot counts.
    const self = await cast(c, v.id, usedBy?.token as string, [v.options[1].id]);
    expect(self.body.myBallot).toMatchObject({ channel: 'self', version: 2 });
    // Not a delegate of another elector.
    const notMine = await cast(c, v.id, delegate.token, [v.options[0].id], pb.electorId + 100000);
    expect(notMine.body.error.code).toBe('NOT_ELIGIBLE');
    // proxyCap 0: refused.
    const none = await openVote(c, m.token, { proxyCap: 0 });
    const refused = await t.app.call('POST', base(c, `/${none.id}/proxy`), {
      token: grantors[0].token,
      body: { uploadId: await upload(c, grantors[0].userId) },
    });
    expect(refused.body.error.code).toBe('INVALID_STATE');
  });
});

describe('reminder and 送达', () => {
  it('reminds the members of households without a ballot once, a day before the close', async () => {
    const { c, m } = await fresh();
    const voter = await resident(t.app, c, 0);
    const silent = await resident(t.app, c, 1);
    const v = await openVote(c, m.token, { closesAt: closesIn(2 * DAY) });
    await cast(c, v.id, voter.token, [v.options[0].id]);
    const of = (userId: number) =>
      t.app.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.userId, userId), eq(messages.key, `vote.reminder.${v.id}`)));
    await remindDue(t.app.deps);
    expect(await of(silent.userId)).toHaveLength(0);
    t.app.clock.advance(DAY + 60_000);
    await remindDue(t.app.deps);
    await remindDue(t.app.deps);
    const [row] = await t.app.database.db.select().from(votes).where(eq(votes.id, v.id));
    expect(row.remindedAt).not.toBeNull();
    expect(await of(silent.userId)).toHaveLength(1);
    expect(await of(voter.userId)).toHaveLength(0);
  });

  it('送达 only on silent-majority votes, audited', async () => {
    const { c, m } = await fresh();
    const plain = await openVote(c, m.token);
    const [e] = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, plain.id));
    const refused = await t.app.call('POST', base(c, `/${plain.id}/service`), {
      token: m.token,
      body: { electorIds: [e.id], note: '上门送达' },
    });
    expect(refused.body.error.code).toBe('INVALID_STATE');
    await t.app.database.db.update(households).set({ floorArea: 80 }).where(eq(households.communityId, c.id));
    await t.app.database.db
      .insert(agoraSettings)
      .values({ communityId: c.id, silentMajority: true, silentMajorityBasis: '议事规则第十二条' });
    const v = await openVote(c, m.token, { electorate: 'owner', rule: 'civil_278' });
    expect((await t.app.call('GET', base(c, `/${v.id}`), { token: m.token })).body).toMatchObject({
      silentMajority: true,
      silentMajorityBasis: '议事规则第十二条',
    });
    const electors = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id));
    const ok = await t.app.call('POST', base(c, `/${v.id}/service`), {
      token: m.token,
      body: { electorIds: electors.slice(0, 2).map((x) => x.id), note: '上门送达' },
    });
    expect(ok.body).toEqual({ served: 2 });
    expect(await auditRows(t.app, 'vote.service', v.id)).toHaveLength(1);
  });
});

describe('another community', () => {
  it("B's moderator and resident get 404 on every route of A's vote; a resident gets 403 on staff routes", async () => {
    const ra = await resident(t.app, a, 0);
    const rb = await resident(t.app, b, 0);
    const v = await openVote(a, mod.token);
    const [e] = await t.app.database.db.select().from(voteElectors).where(eq(voteElectors.voteId, v.id));
    const routes: [string, string, unknown?][] = [
      ['GET', base(a)],
      ['GET', base(a, `/${v.id}`)],
      ['PUT', base(a, `/${v.id}/ballot`), { optionIds: [v.options[0].id] }],
      ['POST', base(a, `/${v.id}/proxy`), { uploadId: 1 }],
      ['DELETE', base(a, `/${v.id}/proxy`)],
      ['POST', `/api/committees/${a.id}/vote-proxies`, { code: 'ABCDEFGH' }],
      ['POST', base(a, `/${v.id}/group`), { encryptedData: 'AAAA', iv: 'AAAA' }],
      ['GET', base(a, `/${v.id}/result`)],
      ['POST', base(a), { title: '别人的投票', kind: 'motion', rule: 'simple', closesAt: closesIn() }],
      ['GET', `/api/committees/${a.id}/agora/votes`],
      ['POST', base(a, `/${v.id}/cancel`), { reason: '不行不行' }],
      ['GET', base(a, `/${v.id}/electors`)],
      [
        'POST',
        base(a, `/${v.id}/paper-ballots`),
        { electorId: e.id, optionIds: [v.options[0].id], signer: '某', signedOn: '2026-12-01', uploadId: 1 },
      ],
      ['POST', base(a, `/${v.id}/service`), { electorIds: [e.id], note: '送达了' }],
      ['GET', base(a, `/${v.id}/ballots.xlsx`)],
    ];
    for (const [method, path, body] of routes) {
      for (const who of [modB, rb]) {
        const res = await t.app.call(method, path, { token: who.token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    // A's vote id under B's path: 404 too.
    expect((await t.app.call('GET', base(b, `/${v.id}`), { token: modB.token })).status).toBe(404);
    for (const [method, path, body] of routes.slice(8)) {
      const res = await t.app.call(method, path, { token: ra.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const ms = await t.app.database.db.select().from(memberships).where(eq(memberships.userId, ra.userId));
    expect(ms).toHaveLength(1);
  });
});
