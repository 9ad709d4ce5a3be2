import type { HouseRulesView, TopicDetail, TopicListItem } from '../../../shared/contracts/topics';
import { areaText, ratioText, outcomeText as tallyOutcomeText } from '../../../shared/domain/tally-text';
import type { TallyOutcome } from '../../../shared/domain/tally-types';
import { type TopicStage, topicStageLabels } from '../../../shared/enums';
import { formatDate } from '../../lib/format';

/**
 * Words of 议事厅 as residents read them: what a stage means and what comes next, dates in
 * China time; fractions, areas and outcomes as shared/domain/tally-text.ts says them (the rule's
 * lines come from the server's voteDetail.ruleText).
 */

const DAY = 86_400_000;

/** 12月8日 (China time). */
export function monthDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Whole days left until a time, rounded up; 0 once it has passed. */
export function daysLeft(iso: string, now: number): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return 0;
  return Math.max(0, Math.ceil((t - now) / DAY));
}

export const stageLabel = (stage: TopicStage): string => topicStageLabels[stage];

/** Tag colour of a stage: collecting and voting ask for the reader, finished ones are quiet. */
export function stageTone(stage: TopicStage): string {
  if (stage === 'collecting' || stage === 'voting' || stage === 'rating') return 'tag--warn';
  if (stage === 'closed') return 'tag--ok';
  if (stage === 'declined' || stage === 'merged' || stage === 'lapsed') return 'tag--off';
  return 'tag--info';
}

/** Households still needed to co-sign (0 when enough). */
export const cosignMissing = (t: Pick<TopicListItem, 'cosignNeeded' | 'cosignCount'>): number =>
  Math.max(0, t.cosignNeeded - t.cosignCount);

/** What the stage means and what happens next, in one plain sentence. */
export function stageExplain(
  t: Pick<TopicDetail, 'stage' | 'cosignNeeded' | 'cosignCount' | 'cosignUntil' | 'vote'> &
    Partial<Pick<TopicDetail, 'ratingUntil' | 'decision' | 'mergedInto'>>,
  now: number,
): string {
  switch (t.stage) {
    case 'collecting': {
      const missing = cosignMissing(t);
      if (missing === 0) return '附议户数已经够了，马上交给居委会审核';
      const until = t.cosignUntil ? `，${daysLeft(t.cosignUntil, now)}天后截止（${monthDay(t.cosignUntil)}）` : '';
      return `还需要 ${missing} 户附议${until}`;
    }
    case 'reviewing':
      return '附议已够，居委会正在审核';
    case 'discussing':
      return '居委会已采纳，大家正在商量，商量好后会发起投票或直接实施';
    case 'voting':
      return t.vote ? `投票中，${monthDay(t.vote.closesAt)}截止` : '投票中';
    case 'publicized':
      return '投票已结束，结果正在公示';
    case 'implementing':
      return '正在实施，进展会在下面更新';
    case 'rating':
      return t.ratingUntil ? `已完工，请给效果打分，${monthDay(t.ratingUntil)}截止` : '已完工，请给效果打分';
    case 'closed':
      return '已完成，谢谢大家参与';
    case 'declined':
      return t.decision ? `居委会没有采纳，理由：${t.decision}` : '居委会没有采纳';
    case 'merged':
      return t.mergedInto ? `已并入议题「${t.mergedInto.title}」，请到那里继续关注` : '已并入另一个议题';
    case 'lapsed':
      return '征集期内附议的户数不够，已结束';
  }
}

export { areaText, ratioText };

/** A fraction as a percent with two decimals ('66.67%'), by integers; decisions are the server's. */
export const percentText = (r: { num: number; den: number }): string => ratioText(r, 'percent');

const outcomes = new Set<string>(['passed', 'rejected', 'no_quorum', 'tie', 'empty']);

/** A vote's outcome (a TallyOutcome, or null while open) in words, as the tally says it. */
export const outcomeText = (outcome: string | null): string =>
  outcome && outcomes.has(outcome) ? tallyOutcomeText({ outcome: outcome as TallyOutcome }) : (outcome ?? '');

/** 经2026年3月1日居民会议表决通过，共 N 户，参加 M 户，同意 K 户 */
export function adoptedText(r: HouseRulesView): string {
  return `经${formatDate(r.adoptedAt)}居民会议表决通过，共 ${r.figures.electors} 户，参加 ${r.figures.participated} 户，同意 ${r.figures.approved} 户`;
}
