import { and, desc, eq } from 'drizzle-orm';
import { finalTopicStages } from '../../../shared/domain/topic-stages';
import type { ServiceContext } from '../../core/context';
import { agoraSettings, houseRules, topics } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { requireCommunity } from '../committees/queries';
import { requireStaff } from './access';
import { type AgoraRules, cosignNeeded, householdCount, rulesOf } from './propose';

/** The community's 议事厅 rules and its 住户守则 (docs/decisions/021-agora.md). */

async function settingsView(db: Tx, communityId: number, rules?: AgoraRules) {
  const r = rules ?? (await rulesOf(db, communityId));
  const households = await householdCount(db, communityId);
  return {
    cosignThreshold: r.cosignThreshold,
    cosignNeededNow: cosignNeeded(r, households),
    households,
    cosignDays: r.cosignDays,
    ratingDays: r.ratingDays,
    silentMajority: r.silentMajority,
    silentMajorityBasis: r.silentMajorityBasis,
  };
}

export async function getAgoraSettings(ctx: ServiceContext, communityId: number) {
  await requireStaff(ctx, communityId);
  return settingsView(ctx.deps.database.db, communityId);
}

export async function updateAgoraSettings(ctx: ServiceContext, communityId: number, input: AgoraRules) {
  const actor = await requireStaff(ctx, communityId);
  const now = ctx.deps.clock();
  const next: AgoraRules = {
    cosignThreshold: input.cosignThreshold,
    cosignDays: input.cosignDays,
    ratingDays: input.ratingDays,
    silentMajority: input.silentMajority,
    silentMajorityBasis: input.silentMajority ? (input.silentMajorityBasis ?? null) : null,
  };
  await audited(ctx, 'agora.settings', async (tx) => {
    const before = await rulesOf(tx, communityId);
    await tx
      .insert(agoraSettings)
      .values({ communityId, ...next, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: agoraSettings.communityId,
        set: { ...next, updatedBy: actor.userId, updatedAt: now },
      });
    return { result: null, audit: { communityId, targetId: communityId, before: { ...before }, after: { ...next } } };
  });
  return settingsView(ctx.deps.database.db, communityId, next);
}

/** A figure as the votes feature wrote it: a number, or a tally's {count, …}. */
const num = (v: unknown): number => {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (v && typeof v === 'object' && 'count' in v) return num((v as { count: unknown }).count);
  return 0;
};

/** Public like the committee's card: the rules in force, earlier versions, a draft under way. */
export async function getHouseRules(ctx: ServiceContext, communityId: number) {
  const db = ctx.deps.database.db;
  await requireCommunity(db, communityId);
  const [versions, pending] = await Promise.all([
    db.select().from(houseRules).where(eq(houseRules.communityId, communityId)).orderBy(desc(houseRules.version)),
    db
      .select({ id: topics.id, stage: topics.stage })
      .from(topics)
      .where(and(eq(topics.communityId, communityId), eq(topics.kind, 'house_rules'), eq(topics.state, 'visible')))
      .orderBy(desc(topics.id)),
  ]);
  const open = pending.find((t) => !finalTopicStages.includes(t.stage));
  const cur = versions[0];
  const f = (cur?.figures ?? {}) as Record<string, unknown>;
  return {
    current: cur
      ? {
          id: cur.id,
          version: cur.version,
          title: cur.title,
          body: cur.body,
          adoptedAt: cur.adoptedAt.toISOString(),
          topicId: cur.topicId,
          voteId: cur.voteId,
          figures: {
            rule: typeof f.rule === 'string' ? f.rule : '',
            electors: num(f.electors),
            participated: num(f.participated),
            approved: num(f.approved),
          },
        }
      : null,
    history: versions.slice(1).map((v) => ({ id: v.id, version: v.version, adoptedAt: v.adoptedAt.toISOString() })),
    pendingTopicId: open?.id ?? null,
  };
}
