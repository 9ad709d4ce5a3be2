import { and, eq, inArray } from 'drizzle-orm';
import { tally } from '../../shared/domain/tally';
import type { TallyResult } from '../../shared/domain/tally-types';
import type {
  BallotChannel,
  MotionRole,
  VoteElectorate,
  VoteKind,
  VoteResultsShown,
  VoteRule,
  VoteStatus,
} from '../../shared/enums';
import type { Tx } from '../deps';
import { ballotChanges, ballots, buildings, households, memberships, voteElectors, voteOptions, votes } from './schema';

/*
 * Votes of the demo 议事厅 (server/db/seed-agora.ts): the electorate snapshot as the votes
 * feature takes it, ballots with their first ballot_changes row, and the frozen result of a
 * closed vote computed by the real tally() from the rows just written.
 */

export interface DemoHousehold {
  id: number;
  buildingId: number;
  buildingName: string;
  /** 1 = 1号楼 … */
  buildingSort: number;
  unit: string;
  room: string;
  floorArea: number | null;
  ownerOccupied: boolean;
  ownerKey: string | null;
  developerUnit: boolean;
}

/**
 * Owners' fields of the demo units (法释〔2009〕7号 arts. 8–9): every unit has its owner's key
 * from the property register; most owners live there; 5号楼 1单元 601 and 602 belong to one
 * owner (one head for two units; 602 is let); three unsold developer units in 6号楼 count as one
 * head between them. Floor areas are the ones seed.ts gave every unit.
 */
export async function seedOwnerFields(tx: Tx, communityId: number, keep: ReadonlySet<number>) {
  const rows = await loadHouseholds(tx, communityId);
  for (const h of rows) {
    const floor = Number(h.room.slice(0, -2));
    const door = Number(h.room.slice(-1));
    const unitNo = Number.parseInt(h.unit, 10) || 1;
    const developer = h.buildingSort === 6 && floor === 1 && (unitNo === 1 || door === 1);
    const sharedWith601 = h.buildingSort === 5 && unitNo === 1 && h.room === '602';
    const rented = !keep.has(h.id) && (sharedWith601 || (h.buildingSort * 7 + floor * 3 + door + unitNo) % 9 === 0);
    await tx
      .update(households)
      .set({
        developerUnit: developer,
        ownerKey: developer ? null : `WT-${h.buildingSort}-${unitNo}-${sharedWith601 ? '601' : h.room}`,
        ownerOccupied: !developer && !rented,
      })
      .where(eq(households.id, h.id));
  }
  return loadHouseholds(tx, communityId);
}

export async function loadHouseholds(tx: Tx, communityId: number): Promise<DemoHousehold[]> {
  return tx
    .select({
      id: households.id,
      buildingId: households.buildingId,
      buildingName: buildings.name,
      buildingSort: buildings.sort,
      unit: households.unit,
      room: households.room,
      floorArea: households.floorArea,
      ownerOccupied: households.ownerOccupied,
      ownerKey: households.ownerKey,
      developerUnit: households.developerUnit,
    })
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(households.communityId, communityId))
    .orderBy(buildings.sort, households.unit, households.room);
}

export interface VoteSpec {
  communityId: number;
  topicId: number | null;
  title: string;
  description: string;
  kind: VoteKind;
  maxChoices?: number;
  electorate: VoteElectorate;
  rule: VoteRule;
  civilItem?: number;
  resultsShown: VoteResultsShown;
  proxyCap?: number;
  status: Extract<VoteStatus, 'open' | 'closed'>;
  opensAt: Date;
  closesAt: Date;
  createdBy: number;
  /** Not for a motion (赞成 / 反对 / 弃权 are added). */
  options?: string[];
}

export interface SeededVote {
  id: number;
  options: Array<{ id: number; label: string; motionRole: MotionRole | null }>;
  electors: Array<{
    id: number;
    householdId: number | null;
    userId: number | null;
    buildingId: number | null;
    area: number | null;
    headKey: string;
  }>;
}

const motionOptions: Array<{ label: string; motionRole: MotionRole }> = [
  { label: '赞成', motionRole: 'yes' },
  { label: '反对', motionRole: 'no' },
  { label: '弃权', motionRole: 'abstain' },
];

/** The vote, its options and its electorate, snapshot by the votes feature's rules. */
export async function insertVote(tx: Tx, spec: VoteSpec, homes: DemoHousehold[]): Promise<SeededVote> {
  const [vote] = await tx
    .insert(votes)
    .values({
      communityId: spec.communityId,
      topicId: spec.topicId,
      title: spec.title,
      description: spec.description,
      kind: spec.kind,
      maxChoices: spec.maxChoices ?? 1,
      electorate: spec.electorate,
      rule: spec.rule,
      civilItem: spec.civilItem ?? null,
      resultsShown: spec.resultsShown,
      proxyCap: spec.proxyCap ?? 1,
      status: 'open',
      opensAt: spec.opensAt,
      closesAt: spec.closesAt,
      createdBy: spec.createdBy,
      createdAt: spec.opensAt,
      updatedAt: spec.opensAt,
    })
    .returning({ id: votes.id });
  const options = await tx
    .insert(voteOptions)
    .values(
      (spec.kind === 'motion' ? motionOptions : (spec.options ?? []).map((label) => ({ label, motionRole: null }))).map(
        (o, position) => ({ voteId: vote.id, position, label: o.label, motionRole: o.motionRole }),
      ),
    )
    .returning({ id: voteOptions.id, label: voteOptions.label, motionRole: voteOptions.motionRole });

  let rows: Array<typeof voteElectors.$inferInsert>;
  if (spec.electorate === 'resident') {
    const members = await tx
      .select({ userId: memberships.userId, householdId: memberships.householdId, buildingId: households.buildingId })
      .from(memberships)
      .innerJoin(households, eq(households.id, memberships.householdId))
      .where(
        and(
          eq(memberships.communityId, spec.communityId),
          eq(memberships.status, 'approved'),
          inArray(memberships.role, ['resident', 'moderator']),
        ),
      )
      .orderBy(memberships.id);
    rows = members
      .filter((m) => m.householdId !== null)
      .map((m) => ({
        voteId: vote.id,
        userId: m.userId,
        householdId: m.householdId,
        buildingId: m.buildingId,
        headKey: `u:${m.userId}`,
      }));
  } else {
    rows = homes.map((h) => ({
      voteId: vote.id,
      householdId: h.id,
      buildingId: h.buildingId,
      area: spec.electorate === 'owner' ? h.floorArea : null,
      headKey:
        spec.electorate === 'owner'
          ? h.developerUnit
            ? 'dev'
            : h.ownerKey
              ? `o:${h.ownerKey}`
              : `h:${h.id}`
          : `h:${h.id}`,
    }));
  }
  const electors = await tx.insert(voteElectors).values(rows).returning({
    id: voteElectors.id,
    householdId: voteElectors.householdId,
    userId: voteElectors.userId,
    buildingId: voteElectors.buildingId,
    area: voteElectors.area,
    headKey: voteElectors.headKey,
  });
  return { id: vote.id, options, electors };
}

export interface DemoBallot {
  electorId: number;
  optionIds: number[];
  channel: BallotChannel;
  castBy: number | null;
  proxyId?: number;
  recordedBy?: number;
  paperSigner?: string;
  paperSignedOn?: string;
  paperUploadId?: number;
  at: Date;
}

/** Ballots (version 1) with their history rows. */
export async function insertBallots(tx: Tx, voteId: number, list: DemoBallot[]) {
  if (list.length === 0) return;
  const rows = await tx
    .insert(ballots)
    .values(
      list.map((b) => ({
        voteId,
        electorId: b.electorId,
        optionIds: b.optionIds,
        channel: b.channel,
        castBy: b.castBy,
        proxyId: b.proxyId ?? null,
        recordedBy: b.recordedBy ?? null,
        paperSigner: b.paperSigner ?? null,
        paperSignedOn: b.paperSignedOn ?? null,
        paperUploadId: b.paperUploadId ?? null,
        version: 1,
        createdAt: b.at,
        updatedAt: b.at,
      })),
    )
    .returning({ id: ballots.id, electorId: ballots.electorId });
  const byElector = new Map(list.map((b) => [b.electorId, b]));
  await tx.insert(ballotChanges).values(
    rows.map((r) => {
      const b = byElector.get(r.electorId) as DemoBallot;
      return {
        ballotId: r.id,
        version: 1,
        optionIds: b.optionIds,
        channel: b.channel,
        castBy: b.castBy,
        recordedBy: b.recordedBy ?? null,
        at: b.at,
      };
    }),
  );
}

/** Closes a vote: its result is tally() over its electors and ballots, frozen in the row. */
export async function closeVote(
  tx: Tx,
  vote: SeededVote,
  spec: VoteSpec,
  list: DemoBallot[],
  closedAt: Date,
): Promise<TallyResult> {
  const result = tally({
    kind: spec.kind,
    rule: spec.rule,
    quorumPercent: null,
    maxChoices: spec.maxChoices ?? 1,
    options: vote.options,
    electors: vote.electors.map((e) => ({
      id: e.id,
      buildingId: e.buildingId,
      areaCenti: e.area === null ? 0 : Math.round(e.area * 100),
      headKey: e.headKey,
      served: false,
    })),
    ballots: list.map((b) => ({ electorId: b.electorId, optionIds: b.optionIds, channel: b.channel })),
    silentMajority: false,
  });
  await tx
    .update(votes)
    .set({
      status: 'closed',
      closedAt,
      result: result as unknown as Record<string, unknown>,
      updatedAt: closedAt,
    })
    .where(eq(votes.id, vote.id));
  return result;
}

/** A deterministic spread in [0, 1000) for picking who voted what. */
export function spread(i: number, salt: number): number {
  return (((i + 1) * 2_654_435_761 + salt * 40_503) >>> 0) % 1000;
}

const surnames = [
  ...'陈林黄徐朱马胡郭何高罗梁宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

/** Who signed a paper ballot (a plausible name; the seed's people are fictional). */
export function paperSigner(i: number): string {
  return `${surnames[(i * 7) % surnames.length]}${i % 3 === 0 ? '女士' : i % 3 === 1 ? '先生' : '阿姨'}`;
}

const pct = (num: number, den: number) => (den === 0 ? '0' : (Math.round((num * 1000) / den) / 10).toString());
const area = (centi: number) => (centi / 100).toFixed(2);

/** The 公示's plain text: participation, each option, the rule and every threshold. */
export function publicityBody(
  title: string,
  ruleLabel: string,
  result: TallyResult,
  owners: boolean,
  closedOn: string,
): string {
  const unit = owners ? '人' : '户';
  const lines = [
    `「${title}」已于${closedOn}结束投票，结果如下。`,
    `计票规则：${ruleLabel}。`,
    owners
      ? `业主总人数${result.electors.heads}人，专有面积合计${area(result.electors.areaCenti)}平方米。`
      : `全体${result.electors.count}户。`,
    owners
      ? `参与表决${result.participated.heads}人（${pct(result.participated.heads, result.electors.heads)}%），面积${area(result.participated.areaCenti)}平方米（${pct(result.participated.areaCenti, result.electors.areaCenti)}%）。`
      : `参与表决${result.participated.count}户（${pct(result.participated.count, result.electors.count)}%）。`,
    `其中本人投票${result.byChannel.self}票，委托投票${result.byChannel.proxy}票，纸质票代录${result.byChannel.paper}票。`,
    ...result.options.map((o) =>
      owners
        ? `${o.label}：${o.heads}人，面积${area(o.areaCenti)}平方米。`
        : `${o.label}：${o.ballots}${unit}（${pct(o.ballots, result.participated.count)}%）。`,
    ),
    ...result.participation.map((t) => `${t.label}：${t.met ? '达到' : '未达到'}`),
    ...result.options
      .filter((o) => o.motionRole === null || o.motionRole === 'yes')
      .flatMap((o) => o.approval.map((t) => `${o.label}，${t.label}：${t.met ? '达到' : '未达到'}`)),
    `结果：${result.outcome === 'passed' ? '通过' : result.outcome === 'no_quorum' ? '参与不足，未作出决定' : '未通过'}。`,
    '公示期7天。对结果有疑问的，请在公示期内到居委会办公室查阅表决票。',
  ];
  return lines.join('\n');
}
