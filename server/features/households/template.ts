import { requireAllowed } from '../../auth/guards';
import type { ServiceContext } from '../../core/context';
import { addTable, newWorkbook, workbookFile } from '../../platform/xlsx';
import { requireCommunity } from '../committees/queries';
import { columnNames } from './roster-file';

const notes = [
  '房屋名册填写说明',
  '',
  '1. 在“房屋名册”这一页填写，每户一行；第一行是表头，请不要改动。示例行请删掉或改成真实的房屋。',
  '2. 楼号、单元、室号必须填写。只填数字也可以：楼号“3”会记作“3号楼”，单元“1”会记作“1单元”。',
  '3. 没有单元的楼，单元请填 1。',
  '4. 面积填建筑面积，单位是平方米，可以带小数，例如 89.5。不知道可以不填。',
  '5. 是否业主自住：填“是”或“否”。不知道可以不填。',
  '6. 业主编号：同一位业主有几套房，就在这几套房都填同一个编号（字母、数字或减号，最多40位），业主投票时只算一人。不知道可以不填。',
  '7. 开发商未售：开发商还没卖出或还没交房的房屋填“是”，其余填“否”或不填。业主投票时，开发商的这些房屋合起来只算一人。',
  '8. 已经登记过的房屋（楼号、单元、室号都相同）会更新面积、是否自住、业主编号和开发商未售，不会重复添加。空着的格子不会清掉系统里原来的内容。',
  '9. 上传后先“预览”，看看新增、更新了多少户，有没有填错的行；确认后再“导入”。有填错的行时不会导入任何内容。',
  '10. 同一份名册再导入一次，不会有任何变化。',
  '11. 一次最多导入 10000 行。也可以用 Excel 另存为 CSV 文件上传。',
];

/** The roster template: the header, one example row, and the notes on a second sheet. */
export async function rosterTemplate(ctx: ServiceContext, communityId: number) {
  requireAllowed(ctx.actor, 'manage:households', { communityId });
  await requireCommunity(ctx.deps.database.db, communityId);
  const workbook = newWorkbook();
  const roster = addTable(workbook, '房屋名册', [
    { header: columnNames.building, key: 'building', width: 12 },
    { header: columnNames.unit, key: 'unit', width: 10 },
    { header: columnNames.room, key: 'room', width: 10 },
    { header: `${columnNames.area}（平方米）`, key: 'area', width: 14 },
    { header: columnNames.owner, key: 'owner', width: 14 },
    { header: columnNames.ownerKey, key: 'ownerKey', width: 14 },
    { header: columnNames.developer, key: 'developer', width: 12 },
  ]);
  roster.addRow({
    building: '1号楼',
    unit: '1单元',
    room: '101',
    area: 89.5,
    owner: '是',
    ownerKey: 'A-001',
    developer: '否',
  });
  // Text cells: a room like 0101 keeps its leading zero, and so does an owner key like 007.
  for (const column of ['A', 'B', 'C', 'F']) roster.getColumn(column).numFmt = '@';
  for (let row = 2; row <= 2001; row++) {
    for (const [column, title] of [
      ['E', columnNames.owner],
      ['G', columnNames.developer],
    ]) {
      roster.getCell(`${column}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"是,否"'],
        showErrorMessage: true,
        errorTitle: title,
        error: '请填“是”或“否”',
      };
    }
  }
  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  for (const line of notes) help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 14 };
  return workbookFile(workbook, '房屋名册模板.xlsx');
}
