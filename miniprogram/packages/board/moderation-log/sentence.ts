import type { PublicLogLine } from '../../../../shared/contracts/moderation';
import { contentSubjectLabels, moderationActionLabels, moderationRuleLabels } from '../../../../shared/enums';

/** 「12月1日 一条留言 被多位居民举报后自动隐藏 原因：…」: what happened, never what it said or who wrote it. */
export function logSentence(line: PublicLogLine): string {
  const d = new Date(Date.parse(line.at) + 8 * 3600_000);
  const day = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const what = `一条${contentSubjectLabels[line.subject]}`;
  const action =
    line.action === 'auto_hidden'
      ? moderationActionLabels.auto_hidden.replace('被举报', '被多位居民举报')
      : moderationActionLabels[line.action];
  const how = line.action === 'auto_hidden' ? '' : `（${moderationRuleLabels[line.rule]}）`;
  return `${day} ${what} ${action}${how}${line.reason ? ` 原因：${line.reason}` : ''}`;
}
