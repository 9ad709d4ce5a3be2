import { and, count, eq, isNull } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/audit-actions';
import type { DecisionAction, DecisionInput } from '../../../shared/contracts/moderation';
import {
  type ContentState,
  type ContentSubject,
  contentSubjectLabels,
  type ModerationAction,
} from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { contentReports, moderationLog } from '../../db/schema';
import { audited } from '../../platform/audited';
import { notifyUser } from '../../platform/notify';
import { lockItem } from './item';
import { muteUser } from './mutes';
import { reviewItemOf } from './queue';
import { appealOf, setAppeal } from './sources';

/**
 * A moderator's decisions as data: the states each may start from and where it leads.
 * Deciding an item already in the target state is allowed only while something about it
 * is open (unsettled reports, an undecided appeal): upholding an automatic hiding, or
 * dismissing reports of a visible item. Otherwise it is a stale decision (another
 * moderator was first) and answers 409 INVALID_STATE.
 */
const decisions: Record<
  DecisionAction,
  { from: readonly ContentState[]; to: ContentState; log: ModerationAction; audit: AuditAction; told: string }
> = {
  restore: {
    from: ['hidden', 'held', 'rejected'],
    to: 'visible',
    log: 'restored',
    audit: 'moderation.restore',
    told: '已恢复显示',
  },
  hide: { from: ['visible', 'held'], to: 'hidden', log: 'hidden', audit: 'moderation.hide', told: '已被隐藏' },
  delete: {
    from: ['visible', 'held', 'hidden', 'rejected'],
    to: 'deleted',
    log: 'deleted',
    audit: 'moderation.delete',
    told: '已被删除',
  },
};

export function decide(
  ctx: SignedIn,
  communityId: number,
  subject: ContentSubject,
  subjectId: number,
  input: DecisionInput,
) {
  requireAllowed(ctx.actor, 'moderate:board', { communityId });
  const d = decisions[input.action];
  return audited(ctx, d.audit, async (tx) => {
    const { def, item } = await lockItem(tx, communityId, subject, subjectId);
    const now = ctx.deps.clock();
    const appeal = await appealOf(tx, subject, item.id);
    const appealOpen = appeal.at !== null && appeal.decidedAt === null;
    const [open] = await tx
      .select({ n: count() })
      .from(contentReports)
      .where(
        and(
          eq(contentReports.subject, subject),
          eq(contentReports.subjectId, item.id),
          isNull(contentReports.settledAt),
        ),
      );
    const moves = d.from.includes(item.state);
    if (!moves && !(item.state === d.to && (appealOpen || open.n > 0)))
      throw new AppError('INVALID_STATE', '这条内容的状态已经变了，可能别的工作人员已经处理，请刷新后再看');

    const reason = input.reason ?? null;
    if (moves) await def.setState(tx, item, { state: d.to, heldReason: null, stateReason: reason }, now);
    await tx
      .update(contentReports)
      .set({ settledAt: now })
      .where(
        and(
          eq(contentReports.subject, subject),
          eq(contentReports.subjectId, item.id),
          isNull(contentReports.settledAt),
        ),
      );
    if (appealOpen) await setAppeal(tx, subject, item.id, { decidedAt: now });
    // The public log records what happened to the item; dismissing reports of a visible one is not news.
    if (moves || appealOpen) {
      const [log] = await tx
        .insert(moderationLog)
        .values({
          communityId,
          subject,
          subjectId: item.id,
          action: d.log,
          rule: appealOpen ? 'appeal' : 'moderator',
          reason,
          actorId: ctx.actor.operator ? null : ctx.actor.userId,
          createdAt: now,
        })
        .returning({ id: moderationLog.id });
      if (item.authorId !== null) {
        const kind = contentSubjectLabels[subject];
        const canAppeal = d.to !== 'visible' && appeal.at === null;
        await notifyUser(tx, {
          userId: item.authorId,
          communityId,
          kind: `moderation.${d.log}`,
          title: `您的${kind}${d.told}`,
          body: [
            `您的${kind}「${await def.excerpt(tx, item)}」${d.told}${appealOpen ? '（已复核您的申诉）' : ''}。`,
            reason ? `原因：${reason}` : '',
            canAppeal ? '如果您觉得有误，可以申诉一次。' : '',
          ].join(''),
          link: await def.path(tx, item),
          key: `moderation.${d.log}:${subject}:${item.id}:${log.id}`,
        });
      }
    }
    let muted: string | null = null;
    if (input.muteDays && item.authorId !== null) {
      const m = await muteUser(tx, {
        communityId,
        userId: item.authorId,
        days: input.muteDays,
        reason: reason ?? '违反留言板规则',
        by: ctx.actor.operator ? null : ctx.actor.userId,
        now,
      });
      muted = m.until.toISOString();
    }
    return {
      result: await reviewItemOf(ctx, tx, communityId, subject, item.id),
      audit: {
        communityId,
        targetId: item.id,
        before: { subject, contentState: item.state },
        after: {
          subject,
          contentState: moves ? d.to : item.state,
          reason,
          reportsSettled: open.n,
          ...(appealOpen ? { appealDecided: true } : {}),
          ...(muted ? { muteDays: input.muteDays, until: muted } : {}),
        },
      },
    };
  });
}
