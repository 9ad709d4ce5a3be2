import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ContentSubject, MediaCheckStatus } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { mediaChecks, moderationLog } from '../../db/schema';
import type { Tx } from '../../deps';
import { contentSubject } from '../content';
import { defineJob, type JobRegistry } from '../jobs';
import { notifyUser } from '../notify';
import { labelReason } from './text';

/** Applies one image verdict WeChat pushed (keyed by trace_id: WeChat's retries are one job). */
export const MEDIA_VERDICT_JOB = 'screening.media_verdict';

/** What to do with an item once every image check is in. */
export function outcomeOf(statuses: readonly MediaCheckStatus[]): 'wait' | 'pass' | 'review' | 'risky' {
  if (statuses.includes('pending')) return 'wait';
  if (statuses.includes('risky')) return 'risky';
  if (statuses.includes('review')) return 'review';
  return 'pass';
}

/**
 * Once every image of an item has its verdict: all pass → visible (when images were all it
 * waited for); one risky → rejected, logged (rule 'screening') and its author told; one
 * review → held for a moderator (wechat_review). Only a held item changes: a moderator who
 * already decided (made it visible, hid or deleted it) is not overruled.
 */
export async function settleSubject(tx: Tx, ctx: ServiceContext, subject: ContentSubject, subjectId: number) {
  const def = contentSubject(subject);
  const item = await def.lock(tx, subjectId);
  if (item?.state !== 'held') return;
  const checks = await tx
    .select({ status: mediaChecks.status, label: mediaChecks.label })
    .from(mediaChecks)
    .where(and(eq(mediaChecks.subject, subject), eq(mediaChecks.subjectId, subjectId)));
  const outcome = outcomeOf(checks.map((c) => c.status));
  const now = ctx.deps.clock();
  if (outcome === 'wait') return;
  if (outcome === 'pass') {
    if (item.heldReason === 'images_pending')
      await def.setState(tx, item, { state: 'visible', heldReason: null, stateReason: null }, now);
    return;
  }
  if (outcome === 'review') {
    if (item.heldReason === 'images_pending')
      await def.setState(tx, item, { state: 'held', heldReason: 'wechat_review', stateReason: null }, now);
    return;
  }
  const risky = checks.find((c) => c.status === 'risky');
  const reason = `图片可能涉及${labelReason(risky?.label)}`;
  await def.setState(tx, item, { state: 'rejected', heldReason: null, stateReason: reason }, now);
  await tx.insert(moderationLog).values({
    communityId: item.communityId,
    subject,
    subjectId,
    action: 'rejected',
    rule: 'screening',
    reason,
    actorId: null,
  });
  if (item.authorId !== null) {
    const excerpt = await def.excerpt(tx, item);
    await notifyUser(tx, {
      userId: item.authorId,
      communityId: item.communityId,
      kind: 'screening.rejected',
      title: '您发的内容没有通过审核',
      body: `您发的“${excerpt}”${reason}，没有公开。如有疑问，请联系居委会。`,
      link: await def.path(tx, item),
      key: `screening.rejected:${subject}:${subjectId}`,
    });
  }
}

const verdictPayload = z.object({
  traceId: z.string().min(1).max(200),
  suggest: z.enum(['pass', 'review', 'risky']),
  label: z.string().max(40).nullable(),
});
export type MediaVerdict = z.infer<typeof verdictPayload>;

export function verdictJobs(): JobRegistry {
  return {
    [MEDIA_VERDICT_JOB]: defineJob({
      payload: verdictPayload,
      maxAttempts: 8,
      async run(payload, ctx) {
        await ctx.deps.database.db.transaction(async (tx) => {
          const [check] = await tx.select().from(mediaChecks).where(eq(mediaChecks.traceId, payload.traceId));
          // The push can overtake the job that stores the trace_id: try again shortly.
          if (!check) throw new Error(`no media check with trace_id ${payload.traceId} yet`);
          const changed = await tx
            .update(mediaChecks)
            .set({ status: payload.suggest, label: payload.label, decidedAt: ctx.deps.clock() })
            .where(and(eq(mediaChecks.id, check.id), eq(mediaChecks.status, 'pending')))
            .returning({ id: mediaChecks.id });
          if (changed.length > 0) await settleSubject(tx, ctx, check.subject, check.subjectId);
        });
      },
    }),
  };
}
