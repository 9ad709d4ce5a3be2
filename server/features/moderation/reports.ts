import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { ReportInput } from '../../../shared/contracts/moderation';
import { contentSubjectLabels, type ReportReason, reportReasonLabels } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { contentReports, moderationLog } from '../../db/schema';
import type { Tx } from '../../deps';
import type { ContentItem, ContentSubjectDef } from '../../platform/content';
import { notifyUser } from '../../platform/notify';
import { lockItem } from './item';
import { settingsOf } from './settings';
import { countReport } from './sources';

/**
 * A resident reports a visible item of their community, once. The item is locked first,
 * so concurrent reports count one after another: the one that brings the open reports to
 * the community's threshold hides it, exactly once (docs/decisions/019-moderation.md).
 */
export async function report(ctx: SignedIn, communityId: number, input: ReportInput) {
  requireAllowed(ctx.actor, 'write:board', { communityId });
  const userId = ctx.actor.userId;
  return ctx.deps.database.db.transaction(async (tx) => {
    const { def, item } = await lockItem(tx, communityId, input.subject, input.subjectId);
    // Held, deleted or rejected items are not there for others to report. A hidden one still
    // takes reports: those sent while it was being hidden count, and help the review.
    if (item.state !== 'visible' && item.state !== 'hidden') throw new AppError('NOT_FOUND');
    if (def.visibleTo && !(await def.visibleTo(tx, item, userId))) throw new AppError('NOT_FOUND');
    if (item.authorId === userId) throw new AppError('INVALID_STATE', '不能举报自己发的内容');
    const now = ctx.deps.clock();
    const inserted = await tx
      .insert(contentReports)
      .values({
        communityId,
        subject: input.subject,
        subjectId: item.id,
        reporterId: userId,
        reason: input.reason,
        note: input.note ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: contentReports.id });
    if (inserted.length === 0) throw new AppError('ALREADY_REPORTED');
    await countReport(tx, def, item);
    const reasons = await openReasons(tx, def, item);
    const reporters = reasons.reduce((sum, r) => sum + r.n, 0);
    const { reportThreshold } = await settingsOf(tx, communityId);
    if (item.state === 'visible' && reporters >= reportThreshold) await autoHide(tx, def, item, reasons, now);
    return { reported: true as const };
  });
}

/** The reasons of an item's open reports, most given first (one report per reporter). */
async function openReasons(tx: Tx, def: ContentSubjectDef, item: ContentItem) {
  return tx
    .select({ reason: contentReports.reason, n: count() })
    .from(contentReports)
    .where(
      and(
        eq(contentReports.subject, def.subject),
        eq(contentReports.subjectId, item.id),
        isNull(contentReports.settledAt),
      ),
    )
    .groupBy(contentReports.reason)
    .orderBy(desc(count()), contentReports.reason);
}

async function autoHide(
  tx: Tx,
  def: ContentSubjectDef,
  item: ContentItem,
  reasons: { reason: ReportReason; n: number }[],
  now: Date,
) {
  const reason = `举报理由：${reasons.map((r) => reportReasonLabels[r.reason]).join('、')}`;
  await def.setState(tx, item, { state: 'hidden', heldReason: null, stateReason: reason }, now);
  const [log] = await tx
    .insert(moderationLog)
    .values({
      communityId: item.communityId,
      subject: def.subject,
      subjectId: item.id,
      action: 'auto_hidden',
      rule: 'reports',
      reason,
      actorId: null,
      createdAt: now,
    })
    .returning({ id: moderationLog.id });
  if (item.authorId === null) return;
  const kind = contentSubjectLabels[def.subject];
  await notifyUser(tx, {
    userId: item.authorId,
    communityId: item.communityId,
    kind: 'moderation.auto_hidden',
    title: `您的${kind}已被隐藏`,
    body: `您的${kind}「${await def.excerpt(tx, item)}」被多位居民举报，已自动隐藏（${reason}）。如果您觉得有误，可以申诉一次，工作人员会重新查看。`,
    link: await def.path(tx, item),
    key: `moderation.auto_hidden:${def.subject}:${item.id}:${log.id}`,
  });
}
