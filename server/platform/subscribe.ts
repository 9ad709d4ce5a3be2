import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type SubscribeTemplate, subscribeTemplates } from '../../shared/enums';
import type { ServiceContext } from '../core/context';
import { jobs, subscribeConsents, users } from '../db/schema';
import type { AppDeps, Tx } from '../deps';
import { fitData, templateId } from '../wechat/templates';
import { defineJob, enqueue, type JobInfo, type JobRegistry } from './jobs/queue';
import { miniProgramPath } from './messages';

/**
 * WeChat subscribe messages (docs/decisions/016-subscribe-messages.md): notifyUser writes
 * an outbox row of kind `subscribe` beside the in-app message; its receiver enqueues one
 * send job per message with the same key; the job spends one of the user's consents and
 * calls WeChat, at most once per key.
 */

export const subscribePayload = z.object({
  userId: z.number().int().positive(),
  template: z.enum(subscribeTemplates),
  page: miniProgramPath,
  data: z.record(z.string().regex(/^[a-z_]+\d+$/), z.string().max(200)),
});
export type SubscribePayload = z.infer<typeof subscribePayload>;

export const SUBSCRIBE_SEND_JOB = 'wechat.subscribe.send';

/** Attempts of one send: the first and up to three retries while WeChat is busy or unreachable. */
export const SUBSCRIBE_MAX_ATTEMPTS = 4;

/** A user's consents left for a template (0 when none was ever given). */
export async function consentsLeft(tx: Tx, userId: number, template: SubscribeTemplate): Promise<number> {
  const [row] = await tx
    .select({ remaining: subscribeConsents.remaining })
    .from(subscribeConsents)
    .where(and(eq(subscribeConsents.userId, userId), eq(subscribeConsents.template, template)));
  return row?.remaining ?? 0;
}

/**
 * The `subscribe` outbox receiver: a job that sends, with the outbox key, so a second
 * delivery of the row enqueues nothing. Nothing to send (no template configured, no
 * WeChat identity, no consent left now) enqueues nothing; the job checks again anyway.
 */
export async function enqueueSubscribeSend(
  tx: Tx,
  deps: AppDeps,
  p: SubscribePayload,
  key: string,
  requestId: string | null,
): Promise<void> {
  const log = { userId: p.userId, template: p.template, key };
  if (!templateId(deps.config, p.template)) {
    deps.logger.debug('subscribe message skipped: no template id configured', log);
    return;
  }
  if ((await consentsLeft(tx, p.userId, p.template)) === 0) {
    deps.logger.info('subscribe message skipped: no consent left', log);
    return;
  }
  await enqueue(tx, {
    name: SUBSCRIBE_SEND_JOB,
    payload: p,
    key,
    maxAttempts: SUBSCRIBE_MAX_ATTEMPTS,
    requestId,
  });
}

/** What became of one send, for the logs and the tests. */
export type SendOutcome =
  | 'sent'
  | 'no_template'
  | 'no_openid'
  | 'no_consent'
  | 'already_claimed'
  | 'refused_no_consent'
  | 'rejected'
  | 'retry';

/**
 * One send, at most once per job (its key is the message's): WeChat cannot tell us
 * whether a send whose answer we lost went out, and a second copy of a message is worse
 * than a missing one (the message centre has it regardless). So:
 * 1. in one transaction: lock the consent row; none left → stop; else take one and mark
 *    the job row claimed (`payload.claimedAttempt`). A job found already claimed by an
 *    attempt that never finished (a crash, a lost lease) stops without calling WeChat;
 * 2. call WeChat, outside any transaction;
 * 3. record the answer: sent → done; 43101 → WeChat says no consent is left, so
 *    remaining = 0; rejected (bad openid, template, data) → done, logged; busy or
 *    unreachable → the consent is given back, the claim lifted, and the job retried with
 *    backoff (the runner's attempts).
 * The trade-off: a crash between 1 and 3 loses the message (and the consent) rather than
 * risking a duplicate.
 */
export async function sendSubscribe(
  ctx: ServiceContext,
  p: SubscribePayload,
  job: Pick<JobInfo, 'id' | 'attempt' | 'maxAttempts' | 'key'>,
): Promise<SendOutcome> {
  const { deps } = ctx;
  const log = { userId: p.userId, template: p.template, key: job.key, attempt: job.attempt };
  const id = templateId(deps.config, p.template);
  if (!id) {
    deps.logger.info('subscribe message skipped: no template id configured', log);
    return 'no_template';
  }
  const claim = await deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ claimed: sql<number | null>`(${jobs.payload} ->> 'claimedAttempt')::int` })
      .from(jobs)
      .where(eq(jobs.id, job.id))
      .for('update');
    if (row?.claimed != null) return { outcome: 'already_claimed' as const };
    const [user] = await tx.select({ openid: users.openid }).from(users).where(eq(users.id, p.userId));
    if (!user?.openid) return { outcome: 'no_openid' as const };
    const [taken] = await tx
      .update(subscribeConsents)
      .set({ remaining: sql`${subscribeConsents.remaining} - 1`, updatedAt: deps.clock() })
      .where(
        and(
          eq(subscribeConsents.userId, p.userId),
          eq(subscribeConsents.template, p.template),
          gt(subscribeConsents.remaining, 0),
        ),
      )
      .returning({ remaining: subscribeConsents.remaining });
    if (!taken) return { outcome: 'no_consent' as const };
    await tx
      .update(jobs)
      .set({ payload: sql`${jobs.payload} || jsonb_build_object('claimedAttempt', ${job.attempt}::int)` })
      .where(eq(jobs.id, job.id));
    return { outcome: 'claimed' as const, openid: user.openid };
  });
  if (claim.outcome === 'already_claimed') {
    deps.logger.warn('subscribe message not sent again: an earlier attempt claimed it and never finished', log);
    return claim.outcome;
  }
  if (claim.outcome !== 'claimed') {
    deps.logger.info(`subscribe message skipped: ${claim.outcome.replace('_', ' ')}`, log);
    return claim.outcome;
  }

  const result = await deps.wechat.sendSubscribeMessage(claim.openid, id, p.page, fitData(p.data));

  if (result.ok) {
    deps.logger.info('subscribe message sent', { ...log, adapter: deps.wechat.kind });
    return 'sent';
  }
  const fields = { ...log, errcode: result.errcode, reason: result.reason };
  if (result.reason === 'no_consent') {
    // WeChat's count is the truth: none left, whatever we had counted.
    await deps.database.db
      .update(subscribeConsents)
      .set({ remaining: 0, updatedAt: deps.clock() })
      .where(and(eq(subscribeConsents.userId, p.userId), eq(subscribeConsents.template, p.template)));
    deps.logger.info('subscribe message refused: the user has no consent left (43101)', fields);
    return 'refused_no_consent';
  }
  if (!result.retryable) {
    deps.logger.warn('subscribe message rejected by WeChat; not retried', fields);
    return 'rejected';
  }
  // Not sent: the consent is still the user's, and the claim is lifted for the next attempt.
  await deps.database.db.transaction(async (tx) => {
    const lifted = await tx
      .update(jobs)
      .set({ payload: sql`${jobs.payload} - 'claimedAttempt'` })
      .where(and(eq(jobs.id, job.id), sql`(${jobs.payload} ->> 'claimedAttempt')::int = ${job.attempt}`))
      .returning({ id: jobs.id });
    if (lifted.length === 0) return;
    await tx
      .update(subscribeConsents)
      .set({ remaining: sql`${subscribeConsents.remaining} + 1`, updatedAt: deps.clock() })
      .where(and(eq(subscribeConsents.userId, p.userId), eq(subscribeConsents.template, p.template)));
  });
  deps.logger.warn('subscribe message not sent: WeChat busy or unreachable', {
    ...fields,
    willRetry: job.attempt < job.maxAttempts,
  });
  return 'retry';
}

/** Thrown so the runner retries the send with backoff. */
export class SubscribeRetry extends Error {
  constructor() {
    super('WeChat busy or unreachable; the send will be retried');
    this.name = 'SubscribeRetry';
  }
}

/** The send job, registered with the platform's jobs. */
export function subscribeJobs(): JobRegistry {
  return {
    [SUBSCRIBE_SEND_JOB]: defineJob({
      payload: subscribePayload,
      maxAttempts: SUBSCRIBE_MAX_ATTEMPTS,
      async run(payload, ctx, job) {
        const outcome = await sendSubscribe(ctx, payload, job);
        if (outcome === 'retry') throw new SubscribeRetry();
      },
    }),
  };
}
