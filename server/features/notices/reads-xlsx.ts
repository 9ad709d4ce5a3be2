import { and, eq } from 'drizzle-orm';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { notices } from '../../db/schema';
import { addTable, newWorkbook, safeFileName, workbookFile } from '../../platform/xlsx';
import { readFigures } from './reads';

const ratio = (read: number, total: number) => (total === 0 ? '-' : `${Math.round((read / total) * 100)}%`);

/**
 * The read figures as an Excel file: 按楼栋 (read and audience households per building, and
 * a 总计 row) and 未读户 (the households where nobody has opened it, to knock on doors).
 */
export async function noticeReadsXlsx(ctx: SignedIn, communityId: number, noticeId: number) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const [n] = await ctx.deps.database.db
    .select({ title: notices.title })
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)));
  if (!n) throw new AppError('NOT_FOUND');
  const figures = await readFigures(ctx, communityId, noticeId);

  const workbook = newWorkbook();
  const byBuilding = addTable(workbook, '按楼栋', [
    { header: '楼栋', key: 'building', width: 14 },
    { header: '已读户数', key: 'read', width: 12 },
    { header: '应读户数', key: 'total', width: 12 },
    { header: '已读比例', key: 'ratio', width: 12 },
  ]);
  for (const b of figures.buildings)
    byBuilding.addRow({ building: b.buildingName, read: b.read, total: b.total, ratio: ratio(b.read, b.total) });
  const total = byBuilding.addRow({
    building: '总计',
    read: figures.overall.read,
    total: figures.overall.total,
    ratio: ratio(figures.overall.read, figures.overall.total),
  });
  total.font = { bold: true };

  const unread = addTable(workbook, '未读户', [
    { header: '楼栋', key: 'building', width: 14 },
    { header: '单元', key: 'unit', width: 10 },
    { header: '室', key: 'room', width: 10 },
  ]);
  for (const column of ['A', 'B', 'C']) unread.getColumn(column).numFmt = '@';
  for (const h of figures.unreadHouseholds) unread.addRow({ building: h.buildingName, unit: h.unit, room: h.room });

  return workbookFile(workbook, `阅读情况-${safeFileName(n.title, '通知')}.xlsx`);
}
