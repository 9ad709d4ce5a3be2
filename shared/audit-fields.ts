import { formatDateTime } from './domain/labels';
import { type OfficeHours, weekdayLabels } from './domain/office-hours';
import {
  contentStateLabels,
  contentSubjectLabels,
  jobStatusLabels,
  type MatterCategory,
  type MatterRoute,
  matterCategoryLabels,
  matterRouteLabels,
  noticeCategoryLabels,
  noticeStatusLabels,
  postStatusLabels,
  topicStageLabels,
  voteElectorateLabels,
  voteRuleLabels,
  voteStatusLabels,
} from './enums';

/**
 * How 操作记录 shows what an action changed: each field of an audit row's before/after
 * gets a Chinese name and its value in words (statuses, office hours, staff lists,
 * households by room instead of ids). The server resolves the ids named here and
 * sends the result; the mini-program only displays it.
 */

/** The kinds of object a field can point at by id; the server looks their names up in batches. */
export const auditRefKinds = ['household', 'building', 'invitation', 'user', 'street', 'district'] as const;
export type AuditRefKind = (typeof auditRefKinds)[number];
export type AuditNames = Partial<Record<AuditRefKind, ReadonlyMap<number, string>>>;

/** One line of a change: 名称：甲 → 乙. `before` is null when there was no earlier value to show. */
export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

interface Format {
  targetType: string;
  names: AuditNames;
}

interface FieldSpec {
  label: string;
  /** Ids of this kind, shown by name. */
  ref?: AuditRefKind;
  /** Shown for null (default 无). */
  none?: string;
  format?: (value: unknown, f: Format) => string;
  /** Kept in the row for the record, not shown (hashes, ids shown another way). */
  hidden?: true;
}

export const membershipStatusWords: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已拒绝',
  revoked: '已取消资格',
  left: '已退出',
};

export const invitationStateWords: Record<string, string> = {
  active: '可以使用',
  used_up: '已用完',
  expired: '已过期',
  revoked: '已作废',
};

const roleWords: Record<string, string> = { resident: '居民', moderator: '社区管理员', handler: '物业处理人' };

const statusWordsByTarget: Record<string, Record<string, string>> = {
  membership: membershipStatusWords,
  invitation: invitationStateWords,
  job: jobStatusLabels,
  notice: noticeStatusLabels,
  post: postStatusLabels,
  vote: voteStatusLabels,
};

const count = (unit: string) => (v: unknown) => `${Array.isArray(v) ? v.length : String(v)}${unit}`;
const words = (table: Record<string, string>) => (v: unknown) => table[String(v)] ?? String(v);
const date = (v: unknown) => formatDateTime(String(v));
const short = (max: number) => (v: unknown) => {
  const s = String(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

const ranges = (periods: Array<{ start: string; end: string }>) => periods.map((p) => `${p.start}-${p.end}`).join('、');

/** "周一到周五 08:30-11:30、13:30-17:00；周六 09:00-11:30；另有3天节假日安排". */
export function summariseOfficeHours(hours: OfficeHours): string {
  const byDay = [1, 2, 3, 4, 5, 6, 7].map((d) => ranges(hours.weekly.find((w) => w.weekday === d)?.periods ?? []));
  const parts: string[] = [];
  let day = 1;
  while (day <= 7) {
    let last = day;
    while (last < 7 && byDay[last] === byDay[day - 1]) last++;
    if (byDay[day - 1]) {
      const days = last === day ? weekdayLabels[day] : `${weekdayLabels[day]}到${weekdayLabels[last]}`;
      parts.push(`${days} ${byDay[day - 1]}`);
    }
    day = last + 1;
  }
  const text = parts.length > 0 ? parts.join('；') : '每天休息';
  const extra = hours.exceptions.length;
  return extra > 0 ? `${text}；另有${extra}天节假日安排` : text;
}

function staffNames(v: unknown): string {
  if (!Array.isArray(v)) return String(v);
  if (v.length === 0) return '没有人';
  return v
    .map((s: { name?: unknown; title?: unknown }) =>
      s.title ? `${String(s.name)}（${String(s.title)}）` : String(s.name),
    )
    .join('、');
}

export const auditFields: Record<string, FieldSpec> = {
  name: { label: '名称' },
  displayName: { label: '显示的名字' },
  username: { label: '用户名' },
  address: { label: '地址' },
  phone: { label: '电话', none: '没有填' },
  lat: { label: '纬度', none: '没有填' },
  lng: { label: '经度', none: '没有填' },
  intro: { label: '介绍', format: short(60), none: '没有填' },
  officeHours: { label: '办公时间', format: (v) => summariseOfficeHours(v as OfficeHours) },
  staff: { label: '值班人员', format: staffNames },
  status: { label: '状态', format: (v, f) => words(statusWordsByTarget[f.targetType] ?? membershipStatusWords)(v) },
  state: { label: '状态', format: words(invitationStateWords) },
  role: { label: '身份', format: words(roleWords) },
  reason: { label: '原因', none: '没有写' },
  householdId: { label: '房屋', ref: 'household' },
  invitationId: { label: '邀请码', ref: 'invitation' },
  userId: { label: '人员', ref: 'user' },
  buildingId: { label: '楼栋', ref: 'building' },
  streetId: { label: '所属街镇', ref: 'street' },
  districtId: { label: '所属区', ref: 'district' },
  unit: { label: '单元' },
  room: { label: '室号' },
  floorArea: { label: '面积', format: (v) => `${String(v)}平方米`, none: '没有填' },
  ownerOccupied: { label: '业主自住' },
  ownerKey: { label: '业主编号', none: '没有填' },
  developerUnit: { label: '开发商未售房' },
  retiredAt: { label: '停用时间', format: date, none: '在用' },
  buildingRestored: { label: '楼栋一起恢复启用' },
  liveMembers: { label: '还住着的居民', format: count('人') },
  households: { label: '房屋数', format: count('户') },
  householdsDeleted: { label: '删除的房屋', format: count('户') },
  householdsRetired: { label: '停用的房屋', format: count('户') },
  intoBuildingId: { label: '并入的楼栋', hidden: true },
  intoName: { label: '并入的楼栋' },
  moved: { label: '移过去的房屋', format: count('户') },
  maxUses: { label: '可以用的次数', format: count('次') },
  expiresInDays: { label: '有效天数', format: count('天') },
  fileType: { label: '文件类型', format: words({ xlsx: 'Excel 表格', csv: 'CSV 文件' }) },
  rows: { label: '表格行数', format: count('行') },
  created: { label: '新增房屋', format: count('户') },
  updated: { label: '更新房屋', format: count('户') },
  unchanged: { label: '没有变化的房屋', format: count('户') },
  buildingsCreated: {
    label: '新增楼栋',
    format: (v) => (Array.isArray(v) ? (v.length ? v.join('、') : '没有') : String(v)),
  },
  changes: { label: '修改明细', hidden: true },
  sha256: { label: '文件指纹', hidden: true },
  disabled: { label: '账号停用' },
  isAdmin: { label: '平台管理员' },
  attempts: { label: '已经试过的次数', format: count('次') },
  title: { label: '标题' },
  body: { label: '正文', format: short(60) },
  category: { label: '类别', format: words(noticeCategoryLabels) },
  isPublic: { label: '所有人可见' },
  audience: { label: '发给', format: words({ all: '全社区', buildings: '部分楼栋' }) },
  buildingIds: { label: '楼栋', format: count('栋') },
  pinnedUntil: { label: '置顶到', format: date, none: '不置顶' },
  expiresAt: { label: '过期时间', format: date, none: '不过期' },
  uploadIds: { label: '图片和附件', format: count('个') },
  version: { label: '版本', format: (v) => `第${String(v)}版` },
  publishAt: { label: '定时发布', format: date, none: '不定时' },
  signup: {
    label: '活动报名',
    none: '不需要报名',
    format: (v) => {
      const s = v as { capacity?: number; deadline?: string; maxPeople?: number };
      return `名额${s.capacity ?? '?'}人，每户最多${s.maxPeople ?? '?'}人，${s.deadline ? date(s.deadline) : ''}截止`;
    },
  },
  people: { label: '人数', format: count('人') },
  attended: { label: '到场' },
  word: { label: '词' },
  route: { label: '处理方', format: words(matterRouteLabels) },
  note: { label: '说明', format: short(60), none: '没有写' },
  subject: { label: '内容类型', format: words(contentSubjectLabels) },
  contentState: { label: '内容状态', format: words(contentStateLabels) },
  reportsSettled: { label: '处理的举报', format: count('条') },
  appealDecided: { label: '已复核申诉' },
  muteDays: { label: '禁言天数', format: count('天') },
  until: { label: '禁言到', format: date },
  reportThreshold: { label: '自动隐藏的举报人数', format: count('人') },
  secCheckDailyLimit: { label: '每天自动检查次数', format: count('次') },
  matterRoutes: { label: '小事快办分派', format: matterRoutesText },
  // 议事厅 votes (choices only for votes that are not anonymous).
  topicId: { label: '议题编号' },
  electorate: { label: '谁可以投票', format: words(voteElectorateLabels) },
  rule: { label: '计票规则', format: words(voteRuleLabels) },
  anonymous: { label: '匿名投票' },
  closesAt: { label: '截止时间', format: date },
  electorId: { label: '投票户编号', hidden: true },
  optionIds: { label: '所选选项（编号）', format: (v) => (v as number[]).join('、') },
  signedOn: { label: '签字日期' },
  served: { label: '送达', format: count('户') },
  outcome: {
    label: '结果',
    format: words({ passed: '通过', rejected: '未通过', no_quorum: '参与不足', tie: '票数相同', empty: '无人投票' }),
  },
  stage: { label: '议题阶段', format: words(topicStageLabels) },
  place: { label: '地点', none: '没有填' },
  cosignNeeded: { label: '需要附议', format: count('户') },
  cosignCount: { label: '已附议', format: count('户') },
  mergedIntoId: { label: '合并到的议题', format: (v) => `议题${String(v)}` },
  heldOn: { label: '议事会日期' },
  happenedOn: { label: '进展日期' },
  score: { label: '评分', format: count('星') },
  cosignThreshold: { label: '附议户数门槛', format: count('户'), none: '总户数的五分之一' },
  cosignDays: { label: '征集附议天数', format: count('天') },
  ratingDays: { label: '成效评价天数', format: count('天') },
  silentMajority: { label: '沉默视为同意多数' },
  silentMajorityBasis: { label: '依据的议事规则', none: '没有写' },
  // 找邻居: a tag a moderator hid or showed again.
  tag: { label: '标签' },
  hiddenTags: {
    label: '隐藏的标签',
    format: (v) => (Array.isArray(v) ? (v.length ? v.join('、') : '没有') : String(v)),
  },
};

/** 照明→物业、噪音→物业 (categories left out go to the committee). */
function matterRoutesText(v: unknown): string {
  const routes = Object.entries((v ?? {}) as Record<MatterCategory, MatterRoute>);
  if (routes.length === 0) return '都交给居委会';
  return routes
    .map(([c, r]) => `${matterCategoryLabels[c as MatterCategory] ?? c}→${matterRouteLabels[r] ?? r}`)
    .join('、');
}

function show(field: string, value: unknown, f: Format): string {
  const spec = auditFields[field];
  if (value === null || value === undefined || value === '') return spec?.none ?? '无';
  if (spec?.ref && typeof value === 'number') return f.names[spec.ref]?.get(value) ?? `已删除（编号${value}）`;
  if (spec?.format) return spec.format(value, f);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return short(80)(JSON.stringify(value));
  return String(value);
}

const plain = (v: unknown) => (v !== null && typeof v === 'object' ? null : v);

/**
 * Every id a row's before/after points at, by kind, so the server can look the names up in
 * one query per kind for a whole page of rows.
 */
export function auditReferences(
  rows: Array<{ before: Record<string, unknown> | null; after: Record<string, unknown> | null }>,
): Record<AuditRefKind, number[]> {
  const found = Object.fromEntries(auditRefKinds.map((k) => [k, new Set<number>()])) as Record<
    AuditRefKind,
    Set<number>
  >;
  for (const row of rows) {
    for (const side of [row.before, row.after]) {
      for (const [field, value] of Object.entries(side ?? {})) {
        const ref = auditFields[field]?.ref;
        if (ref && typeof plain(value) === 'number') found[ref].add(value as number);
      }
    }
  }
  return Object.fromEntries(auditRefKinds.map((k) => [k, [...found[k]]])) as Record<AuditRefKind, number[]>;
}

/**
 * The change field by field: fields in both sides that differ show before → after, a field
 * on one side only shows its value (a fact about the object), equal ones are left out.
 */
export function describeChanges(
  targetType: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  names: AuditNames = {},
): AuditChange[] {
  const f: Format = { targetType, names };
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (auditFields[field]?.hidden) continue;
    const label = auditFields[field]?.label ?? field;
    const inBefore = Object.hasOwn(b, field);
    const inAfter = Object.hasOwn(a, field);
    if (inBefore && inAfter) {
      if (JSON.stringify(b[field] ?? null) === JSON.stringify(a[field] ?? null)) continue;
      changes.push({ field, label, before: show(field, b[field], f), after: show(field, a[field], f) });
    } else {
      changes.push({ field, label, before: null, after: show(field, inAfter ? a[field] : b[field], f) });
    }
  }
  return changes;
}
