import { matterCategoryLabels, matterRouteLabels, postStatusLabels } from '../../../shared/enums';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { addTable, newWorkbook, safeFileName, workbookFile } from '../../platform/xlsx';
import { requireCommunity } from '../committees/queries';
import { matterRows } from './views';

/** A time as the committee reads it, China time: 2026-12-01 09:05. */
function chinaTime(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Every matter of the community, one row each, newest first (staff only). */
export async function mattersXlsx(ctx: SignedIn, communityId: number) {
  requireAllowed(ctx.actor, 'read:dashboard', { communityId });
  const db = ctx.deps.database.db;
  const community = await requireCommunity(db, communityId);
  const rows = await matterRows(db, { communityId });
  const workbook = newWorkbook();
  const sheet = addTable(workbook, '小事快办', [
    { header: '编号', key: 'id', width: 8 },
    { header: '类别', key: 'category', width: 10 },
    { header: '地点', key: 'place', width: 18 },
    { header: '内容', key: 'body', width: 40 },
    { header: '报告时间', key: 'createdAt', width: 18 },
    { header: '状态', key: 'status', width: 10 },
    { header: '处理方', key: 'route', width: 10 },
    { header: '处理人', key: 'handledBy', width: 12 },
    { header: '首次响应', key: 'firstReplyAt', width: 18 },
    { header: '办结时间', key: 'doneAt', width: 18 },
    { header: '重新打开次数', key: 'reopenCount', width: 14 },
    { header: '评分', key: 'rating', width: 8 },
    { header: '评价', key: 'ratingComment', width: 30 },
  ]);
  for (const { p, handledByName } of rows) {
    sheet.addRow({
      id: p.id,
      category: p.matterCategory ? matterCategoryLabels[p.matterCategory] : '',
      place: p.place ?? '',
      body: p.body,
      createdAt: chinaTime(p.createdAt),
      status: postStatusLabels[p.status],
      route: p.route ? matterRouteLabels[p.route] : '',
      handledBy: handledByName ?? '',
      firstReplyAt: chinaTime(p.firstReplyAt),
      doneAt: chinaTime(p.doneAt),
      reopenCount: p.reopenCount,
      rating: p.rating ?? '',
      ratingComment: p.ratingComment ?? '',
    });
  }
  return workbookFile(workbook, `小事快办-${safeFileName(community.name, '社区')}.xlsx`);
}
