import type { MyData } from '../../../shared/contracts/privacy';
import { formatDateTime } from '../../../shared/domain/labels';
import { chinaClock } from '../../../shared/domain/office-hours';
import type { SignedIn } from '../../core/context';
import { addTable, newWorkbook, workbookFile } from '../../platform/xlsx';
import { exportMyData } from './service';

/*
 * The resident's copy (GET /api/me/data) as a readable Excel file: one sheet per section that
 * holds something (the account's sheet always), one row per item, a column per key. It is built
 * from the same copy, generically: a section or key added to the copy reaches the file without
 * code here; only the names below make it read better (a key without a name keeps its code).
 */

/** Sheet names (Excel allows 31 characters and none of : \ / ? * [ ]). */
export const sectionNames: Record<string, string> = {
  user: '我的账号',
  memberships: '加入的社区',
  sessions: '登录记录',
  messages: '收到的消息',
  uploads: '上传的文件',
  noticeReads: '看过的通知',
  signups: '活动报名',
  subscriptions: '微信消息设置',
  boardPosts: '留言和小事快办',
  boardComments: '留言板评论',
  boardPlusOnes: '我也遇到了',
  boardEvents: '留言状态变化',
  reports: '我的举报',
  topics: '议事厅议题',
  topicComments: '议事厅发言',
  topicRatings: '成效评价',
  topicCosigns: '附议',
  topicEvents: '议题进展',
  boardMutes: '禁言记录',
  voteBallots: '投票记录',
  voteCurrentBallots: '当前选票',
  voteProxies: '投票委托',
  voteGroupSightings: '从群里打开的投票',
  rentals: '器具借用',
  neighbourCards: '找邻居名片',
  neighbourConsents: '找邻居授权记录',
  neighbourContacts: '找邻居联系',
  neighbourMessages: '找邻居消息',
  neighbourBlocks: '找邻居屏蔽',
  neighbourDirectoryViews: '找邻居浏览次数',
};

/** Column headings for keys that recur across sections. */
export const keyHeadings: Record<string, string> = {
  exportedAt: '导出时间',
  id: '编号',
  nickname: '昵称',
  avatarUrl: '头像',
  hasWechatIdentity: '绑定了微信',
  communityName: '社区',
  role: '身份',
  status: '状态',
  state: '显示状态',
  household: '房屋',
  realName: '姓名',
  phone: '电话',
  reason: '原因',
  createdAt: '时间',
  decidedAt: '处理时间',
  updatedAt: '更新时间',
  lastSeenAt: '最后使用时间',
  userAgent: '设备',
  title: '标题',
  body: '内容',
  readAt: '阅读时间',
  kind: '类型',
  name: '名称',
  byteSize: '大小（字节）',
  attached: '已使用',
  people: '人数',
  remaining: '剩余次数',
  acceptedTotal: '累计同意次数',
  authorLabel: '显示的作者',
  place: '地点',
  rating: '评分',
  ratingComment: '评价',
  official: '官方回复',
  postId: '留言编号',
  fromStatus: '原状态',
  toStatus: '新状态',
  note: '说明',
  subject: '内容类型',
  topicId: '议题编号',
  stage: '阶段',
  score: '评分',
  comment: '评价',
  until: '截止',
  liftedAt: '解除时间',
  voteTitle: '投票',
  choices: '选择',
  channel: '方式',
  version: '版本',
  at: '时间',
  seenAt: '打开时间',
  pointName: '服务点',
  itemName: '器具',
  startOn: '开始日期',
  endOn: '结束日期',
  listed: '让邻居找到我',
  displayName: '称呼',
  showName: '显示称呼',
  hasAvatar: '有头像',
  showAvatar: '显示头像',
  showBuilding: '显示楼栋',
  showRoom: '显示单元和房号',
  intro: '自我介绍',
  showIntro: '显示自我介绍',
  tags: '标签',
  hiddenTags: '被隐藏的标签',
  showTags: '显示标签',
  canHelp: '可以帮忙',
  needHelp: '需要帮忙',
  showHelp: '显示可以帮忙和需要帮忙',
  serve: '愿意为社区服务',
  field: '授权项目',
  granted: '同意',
  textVersion: '说明文字版本',
  sharedPhone: '给对方的电话',
  sharedWechatId: '给对方的微信号',
  isRequest: '是请求',
  label: '名称',
  day: '日期',
  shown: '看到的名片数',
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** One value as a cell: text for dates, 是/否, lists joined, nested objects as JSON. */
export function cellOf(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return ISO_DATE_TIME.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value);
}

/** The copy's sections as sheets: [sheet name, rows]; the account always, other sections when not empty. */
export function sheetsOf(data: MyData): { section: string; name: string; rows: Record<string, unknown>[] }[] {
  const { exportedAt, ...sections } = data;
  const sheets = [];
  for (const [section, value] of Object.entries(sections)) {
    const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    if (section === 'user') rows[0] = { ...rows[0], exportedAt };
    else if (rows.length === 0) continue;
    sheets.push({ section, name: (sectionNames[section] ?? section).slice(0, 31), rows });
  }
  return sheets;
}

export async function myDataWorkbook(ctx: SignedIn) {
  const data = await exportMyData(ctx);
  const workbook = newWorkbook();
  for (const sheet of sheetsOf(data)) {
    const keys = [...new Set(sheet.rows.flatMap((r) => Object.keys(r)))];
    const table = addTable(
      workbook,
      sheet.name,
      keys.map((key) => ({ header: keyHeadings[key] ?? key, key, width: 16 })),
    );
    for (const row of sheet.rows) table.addRow(Object.fromEntries(keys.map((k) => [k, cellOf(row[k])])));
  }
  return workbookFile(workbook, `我的数据-${chinaClock(ctx.deps.clock()).date}.xlsx`);
}
