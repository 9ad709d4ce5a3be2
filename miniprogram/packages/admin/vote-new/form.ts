import type { VoteRule } from '../../../../shared/enums';

/** 民法典第278条 matters, numbered as in the article; 6–8 need the major rule. */
export const civilItems: Array<{ item: number; label: string }> = [
  { item: 1, label: '一、制定和修改业主大会议事规则' },
  { item: 2, label: '二、制定和修改管理规约' },
  { item: 3, label: '三、选举业主委员会或者更换业主委员会成员' },
  { item: 4, label: '四、选聘和解聘物业服务企业或者其他管理人' },
  { item: 5, label: '五、使用建筑物及其附属设施的维修资金' },
  { item: 6, label: '六、筹集建筑物及其附属设施的维修资金' },
  { item: 7, label: '七、改建、重建建筑物及其附属设施' },
  { item: 8, label: '八、改变共有部分的用途或者利用共有部分从事经营活动' },
  { item: 9, label: '九、有关共有和共同管理权利的其他重大事项' },
];

export const isMajorItem = (item: number) => item >= 6 && item <= 8;
export const isCivilRule = (rule: VoteRule) => rule === 'civil_278' || rule === 'civil_278_major';

/** MISSING_FLOOR_AREA's details as the page shows them: how many rooms, and a few of them. */
export function missingAreaOf(details: unknown): { count: number; examples: string[] } {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  const list = [d.examples, d.households, d.rooms].find(Array.isArray) as unknown[] | undefined;
  const examples = (list ?? [])
    .map((e) =>
      typeof e === 'string'
        ? e
        : e && typeof e === 'object'
          ? String((e as Record<string, unknown>).label ?? (e as Record<string, unknown>).name ?? '')
          : '',
    )
    .filter(Boolean)
    .slice(0, 10);
  const count = typeof d.count === 'number' ? d.count : typeof d.missing === 'number' ? d.missing : examples.length;
  return { count, examples };
}
