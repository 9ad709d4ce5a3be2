/**
 * Roster import (xlsx and CSV) and the template: preview writes nothing, commit applies the
 * whole file or nothing, a second import of the same file changes nothing, and files that are
 * not rosters are refused in plain Chinese.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../shared/contracts/common';
import { useTestApp } from '../helpers/app';
import { type CommunityFixture, createCommunity, staff } from '../helpers/fixtures';

const t = useTestApp();
let modA: string;
let modB: string;
let communities = 0;

beforeAll(async () => {
  const a = await createCommunity(t.app, '名册导入甲');
  modA = (await staff(t.app, { community: a })).token;
  const b = await createCommunity(t.app, '名册导入乙');
  modB = (await staff(t.app, { community: b })).token;
});

/** A fresh community (no buildings yet) with its own moderator, for tests that count. */
async function freshCommunity() {
  const c: CommunityFixture = await createCommunity(t.app, `名册社区${communities++}`);
  await t.app.database.sql`delete from households where community_id = ${c.id}`;
  await t.app.database.sql`delete from buildings where community_id = ${c.id}`;
  const mod = await staff(t.app, { community: c });
  return { id: c.id, token: mod.token };
}

const importFile = (communityId: number, token: string, step: 'preview' | 'commit', bytes: Uint8Array) =>
  t.app.call('POST', `/api/committees/${communityId}/households/import?step=${step}`, { token, bytes });

async function xlsx(rows: unknown[][], sheetName = '房屋名册'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const header = ['楼号', '单元', '室号', '面积', '是否业主自住'];

/** 50 buildings × 4 units × 25 floors = 5,000 rooms. */
function bigRoster(area = (i: number) => 60 + (i % 50)) {
  const rows: unknown[][] = [header];
  let i = 0;
  for (let building = 1; building <= 50; building++)
    for (let unit = 1; unit <= 4; unit++)
      for (let floor = 1; floor <= 25; floor++) {
        rows.push([`${building}号楼`, `${unit}单元`, `${floor}01`, area(i), i % 3 === 0 ? '否' : '是']);
        i++;
      }
  return rows;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function counts(communityId: number) {
  const [row] = await t.app.database.sql<{ buildings: number; households: number; audit: number }[]>`
    select (select count(*)::int from buildings where community_id = ${communityId}) as buildings,
           (select count(*)::int from households where community_id = ${communityId}) as households,
           (select count(*)::int from audit_log where community_id = ${communityId}) as audit`;
  return row;
}

describe('a 5,000-room roster in xlsx', () => {
  it('previews without writing, commits in one go, and a second import changes nothing', async () => {
    const c = await freshCommunity();
    const file = await xlsx(bigRoster());
    const before = await counts(c.id);

    const previewStarted = performance.now();
    const preview = await importFile(c.id, c.token, 'preview', file);
    console.info(`[roster-import] 5,000-row xlsx preview: ${(performance.now() - previewStarted).toFixed(0)} ms`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      step: 'preview',
      fileType: 'xlsx',
      rows: 5000,
      created: 5000,
      updated: 0,
      unchanged: 0,
      buildingsCreated: 50,
      errors: [],
      applied: false,
    });
    expect(await counts(c.id)).toEqual(before);

    const started = performance.now();
    const commit = await importFile(c.id, c.token, 'commit', file);
    const ms = performance.now() - started;
    // For the report, not an assertion: how long the 5,000-row commit takes on this engine.
    console.info(`[roster-import] 5,000-row xlsx commit: ${ms.toFixed(0)} ms (${file.byteLength} bytes)`);
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ step: 'commit', created: 5000, buildingsCreated: 50, applied: true });
    expect(commit.body.message).toBe('导入完成：新增5000户，更新0户，0户不变，新建50栋楼');
    const after = await counts(c.id);
    expect(after).toEqual({ buildings: 50, households: 5000, audit: before.audit + 1 });
    const [owners] = await t.app.database.sql<{ n: number; area: number }[]>`
      select count(*) filter (where owner_occupied)::int as n, sum(floor_area)::float as area
      from households where community_id = ${c.id}`;
    expect(owners.n).toBe(5000 - Math.ceil(5000 / 3));

    const againStarted = performance.now();
    const again = await importFile(c.id, c.token, 'commit', file);
    console.info(`[roster-import] 5,000-row re-import (no-op): ${(performance.now() - againStarted).toFixed(0)} ms`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 5000, applied: false });
    expect(again.body.message).toBe('名册和系统里的一样，没有需要更新的内容');
    expect(await counts(c.id)).toEqual(after);

    // Ten rooms measured again: updated in place, not added; the log keeps what they were.
    const changed = await xlsx(bigRoster((i) => (i < 10 ? 120.5 : 60 + (i % 50))));
    const update = await importFile(c.id, c.token, 'commit', changed);
    expect(update.body).toMatchObject({ created: 0, updated: 10, unchanged: 4990, applied: true });
    expect((await counts(c.id)).households).toBe(5000);
    const [log] = await t.app.database.sql<{ after: { changes: { before: unknown; after: unknown }[] } }[]>`
      select after from audit_log where community_id = ${c.id} and action = 'roster.import' order by id desc limit 1`;
    expect(log.after.changes).toHaveLength(10);
    expect(log.after.changes[0]).toMatchObject({ before: { floorArea: 60 }, after: { floorArea: 120.5 } });
  }, 120_000);
});

describe('rows that are wrong', () => {
  it('lists every bad row with its number in plain Chinese, and a commit writes nothing', async () => {
    const c = await freshCommunity();
    const file = await xlsx([
      header,
      ['1号楼', '1单元', '101', 89.5, '是'],
      ['1号楼', '1单元', '', 89.5, '是'],
      ['1号楼', '1单元', '103', '八十', '是'],
      ['1号楼', '1单元', '104', -3, '否'],
      ['1号楼', '1单元', '105', 70, '也许'],
      ['', '', '', '', ''],
      ['1号楼', '1单元', '101', 90, '否'],
      ['1号楼', '', '107', 70, '是'],
    ]);
    const preview = await importFile(c.id, c.token, 'preview', file);
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      { row: 3, message: '第3行：室号不能为空' },
      { row: 4, message: '第4行：面积要填大于0的数字（平方米），例如 89.5' },
      { row: 5, message: '第5行：面积要填大于0的数字（平方米），例如 89.5' },
      { row: 6, message: '第6行：“是否业主自住”要填“是”或“否”，不能填“也许”' },
      { row: 8, message: '第8行：和第2行是同一户（1号楼 1单元 101），请删掉一行' },
      { row: 9, message: '第9行：单元不能为空（没有单元的楼请填1）' },
    ]);
    expect(preview.body).toMatchObject({ rows: 7, created: 1, applied: false });
    expect(preview.body.message).toBe('有6行填得不对，请改好后再导入（这次什么都没有改）');

    const before = await counts(c.id);
    const commit = await importFile(c.id, c.token, 'commit', file);
    expect(commit.status).toBe(400);
    expect(commit.body.error.code).toBe('ROSTER_INVALID');
    expect(commit.body.error.details).toEqual(preview.body.errors);
    expect(await counts(c.id)).toEqual(before);
  });

  it('the same household written two ways in one file ("3" and "3号楼", "1" and "1单元") is a duplicate', async () => {
    const c = await freshCommunity();
    const csv = '楼号,单元,室号\n3,1,302\n3号楼,1单元,302室\n';
    const res = await importFile(c.id, c.token, 'preview', utf8(csv));
    expect(res.body.errors).toEqual([{ row: 3, message: '第3行：和第2行是同一户（3号楼 1单元 302室），请删掉一行' }]);
  });
});

describe('cells with hidden characters or too long', () => {
  it('follow the same text rules as the form, each with its row', async () => {
    const c = await freshCommunity();
    const csv = `楼号,单元,室号\n1号\u202e楼,1,101\n${'很长的楼名'.repeat(5)},1,102\n2号楼,1,1\u00073\n`;
    const res = await importFile(c.id, c.token, 'preview', utf8(csv));
    expect(res.body.errors).toEqual([
      { row: 2, message: '第2行：楼号填得不对，含有会改变文字方向的隐藏字符，请删掉后再试' },
      { row: 3, message: '第3行：楼号填得不对，楼栋名称最多20个字' },
      { row: 4, message: '第4行：室号填得不对，含有无法显示的特殊字符，请删掉后再试' },
    ]);
  });
});

describe('files that are not rosters', () => {
  it('an image, a PDF, an old .xls, an empty file and a sheet without the columns are 400 FILE_UNREADABLE with a clear message', async () => {
    const c = await freshCommunity();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const cases: Array<[string, Uint8Array, string]> = [
      ['png', png, '这个文件不是 Excel 表格（.xlsx）或 CSV 文件，请用模板填写后再上传'],
      [
        'xls',
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        '这是旧版 Excel（.xls）文件，请在 Excel 里“另存为”.xlsx 格式再上传',
      ],
      ['empty', new Uint8Array(), '文件是空的，请选择填好的名册'],
      [
        'zip that is no workbook',
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
        '这个文件不是 Excel 表格（.xlsx）或 CSV 文件，请用模板填写后再上传',
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await importFile(c.id, c.token, 'preview', bytes);
      expect(res.status, name).toBe(400);
      expect(res.body.error, name).toEqual({ code: 'FILE_UNREADABLE', message });
    }
    const noHeader = await importFile(c.id, c.token, 'preview', utf8('姓名,电话\n张三,123\n'));
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.message).toMatch(/^没有找到表头：第一行要有“楼号”“单元”“室号”这几列/);
    const pdf = await importFile(c.id, c.token, 'preview', utf8('%PDF-1.7\n\u0000\u0001binary'));
    expect(pdf.body.error.code).toBe('FILE_UNREADABLE');
  });

  it('a zip bomb is refused before it is unpacked, whether it tells its size or lies about it', async () => {
    const c = await freshCommunity();
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const packed = deflateRawSync(zeros, { level: 9 });
    for (const declared of [zeros.length, 1000]) {
      const res = await importFile(c.id, c.token, 'preview', zipOf('xl/worksheets/sheet1.xml', packed, declared));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('FILE_UNREADABLE');
    }
  });

  it('a file over 2 MB is 413; a file sent as JSON or in a multipart form is 415', async () => {
    const c = await freshCommunity();
    const big = await importFile(c.id, c.token, 'preview', new Uint8Array(2 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '文件太大了，最大2MB' });
    const json = await t.app.call('POST', `/api/committees/${c.id}/households/import?step=preview`, {
      token: c.token,
      body: { file: 'abc' },
    });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('file', new Blob(['楼号,单元,室号\n1,1,101\n']), 'roster.csv');
    const multipart = await fetch(`${t.app.url}/api/committees/${c.id}/households/import?step=preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}` },
      body: form,
    });
    expect(multipart.status).toBe(415);
    expect((await multipart.json()).error.message).toBe('请把文件本身作为请求内容上传，不要放在 JSON 或表单里');
  });
});

describe('how people lay out a roster in Excel', () => {
  it('a title line above the header, a building name merged down its rows, numbers as numbers', async () => {
    const c = await freshCommunity();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['梧桐里小区房屋名册（2026年）']);
    sheet.addRow(['楼栋', '单元号', '房号', '建筑面积(m²)', '是否自住']);
    sheet.addRow(['5号楼', 1, 101, 66.666, true]);
    sheet.addRow([null, 1, 102, { formula: '60+6', result: 66 }, false]);
    sheet.addRow([null, 2, 201, null, '']);
    sheet.mergeCells('A3:A5');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await importFile(c.id, c.token, 'commit', bytes);
    expect(res.body).toMatchObject({ rows: 3, created: 3, buildingsCreated: 1, errors: [] });
    const rows = await t.app.database.sql<
      { name: string; unit: string; room: string; area: number | null; owner: boolean }[]
    >`
      select b.name, h.unit, h.room, h.floor_area::float as area, h.owner_occupied as owner
      from households h join buildings b on b.id = h.building_id where h.community_id = ${c.id} order by h.room`;
    expect(rows).toEqual([
      { name: '5号楼', unit: '1单元', room: '101', area: 66.67, owner: true },
      { name: '5号楼', unit: '1单元', room: '102', area: 66, owner: false },
      { name: '5号楼', unit: '2单元', room: '201', area: null, owner: false },
    ]);
  });
});

describe('at the same time', () => {
  it('five commits of one roster at once: one applies it, the others find nothing to do', async () => {
    const c = await freshCommunity();
    const lines = ['楼号,单元,室号,面积'];
    for (let i = 1; i <= 200; i++) lines.push(`${1 + (i % 4)}号楼,1单元,${i},${50 + i}`);
    const file = utf8(lines.join('\n'));
    const replies = await Promise.all(Array.from({ length: 5 }, () => importFile(c.id, c.token, 'commit', file)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies.filter((r) => r.body.applied)).toHaveLength(1);
    expect(replies.map((r) => r.body.created).sort((x, y) => y - x)).toEqual([200, 0, 0, 0, 0]);
    expect(await counts(c.id)).toMatchObject({ buildings: 4, households: 200 });
    const [log] = await t.app.database.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where community_id = ${c.id} and action = 'roster.import'`;
    expect(log.n).toBe(1);
  });
});

describe('size limits', () => {
  it('a roster of more than 10,000 rows is refused as a whole', async () => {
    const c = await freshCommunity();
    const lines = ['楼号,单元,室号'];
    for (let i = 0; i < 10_001; i++) lines.push(`${1 + (i % 100)},1,${i}`);
    const res = await importFile(c.id, c.token, 'preview', utf8(lines.join('\n')));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'FILE_UNREADABLE',
      message: '表格太大了，一次最多导入10000行，请分成几个文件',
    });
  });
});

describe('CSV files', () => {
  it('reads UTF-8 with a BOM, loose header names, full-width digits, quotes and CRLF', async () => {
    const c = await freshCommunity();
    const csv =
      '\ufeff 楼栋 ,单元号,门牌号,"建筑面积（㎡）",自住\r\n' +
      '１２号,１,３０１,"1,089.50",是\r\n' +
      '"12号楼","1单元","302室",75㎡,N\r\n' +
      ',,,,\r\n';
    const res = await importFile(c.id, c.token, 'commit', utf8(csv));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fileType: 'csv', rows: 2, created: 2, buildingsCreated: 1, errors: [] });
    const rows = await t.app.database.sql<{ name: string; unit: string; room: string; area: number; owner: boolean }[]>`
      select b.name, h.unit, h.room, h.floor_area::float as area, h.owner_occupied as owner
      from households h join buildings b on b.id = h.building_id where h.community_id = ${c.id} order by h.room`;
    expect(rows).toEqual([
      { name: '12号', unit: '1单元', room: '301', area: 1089.5, owner: true },
      { name: '12号', unit: '1单元', room: '302室', area: 75, owner: false },
    ]);
  });

  it('reads GBK, as Excel on a Chinese Windows saves CSV', async () => {
    const c = await freshCommunity();
    // 楼号,单元,室号 / 1号楼,1单元,101 in GBK.
    const gbk = Buffer.from('c2a5bac52cb5a5d4aa2ccad2bac50d0a31bac5c2a52c31b5a5d4aa2c3130310d0a', 'hex');
    const res = await importFile(c.id, c.token, 'preview', new Uint8Array(gbk));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fileType: 'csv', rows: 1, created: 1, errors: [] });
  });

  it('matches households already there, however the file writes the building and the unit', async () => {
    const c = await freshCommunity();
    const first = await importFile(c.id, c.token, 'commit', utf8('楼号,单元,室号,面积\n3号楼,1单元,302,80\n'));
    expect(first.body.created).toBe(1);
    const second = await importFile(c.id, c.token, 'commit', utf8('幢,单元,房号,面积\n3,1,302室,81\n'));
    expect(second.body).toMatchObject({ created: 0, updated: 1, buildingsCreated: 0 });
    expect((await counts(c.id)).households).toBe(1);
  });
});

describe('owners by head (法释〔2009〕7号): 业主编号 and 开发商未售', () => {
  const owners = (communityId: number) =>
    t.app.database.sql<{ room: string; owner_key: string | null; developer_unit: boolean }[]>`
      select room, owner_key, developer_unit from households where community_id = ${communityId} order by room`;

  it('imports both columns, updates them, keeps them when a cell is empty, and a second import changes nothing', async () => {
    const c = await freshCommunity();
    const file = utf8(
      '楼号,单元,室号,业主编号,开发商未售\n1,1,101,ｚｈ-01,否\n1,1,102,ZH-01,\n1,1,103,,是\n1,1,104,,\n',
    );
    const first = await importFile(c.id, c.token, 'commit', file);
    expect(first.body).toMatchObject({ created: 4, errors: [] });
    expect(await owners(c.id)).toEqual([
      { room: '101', owner_key: 'zh-01', developer_unit: false },
      { room: '102', owner_key: 'ZH-01', developer_unit: false },
      { room: '103', owner_key: null, developer_unit: true },
      { room: '104', owner_key: null, developer_unit: false },
    ]);
    expect((await importFile(c.id, c.token, 'commit', file)).body).toMatchObject({ updated: 0, unchanged: 4 });

    const change = utf8('楼号,单元,室号,业主号,是否开发商未售\n1,1,101,ZH-01,\n1,1,102,,是\n1,1,103,B7,否\n');
    const preview = await importFile(c.id, c.token, 'preview', change);
    expect(preview.body).toMatchObject({ updated: 3, unchanged: 0, applied: false });
    expect((await owners(c.id))[0].owner_key).toBe('zh-01');
    const commit = await importFile(c.id, c.token, 'commit', change);
    expect(commit.body).toMatchObject({ updated: 3, applied: true });
    expect(await owners(c.id)).toEqual([
      { room: '101', owner_key: 'ZH-01', developer_unit: false },
      { room: '102', owner_key: 'ZH-01', developer_unit: true },
      { room: '103', owner_key: 'B7', developer_unit: false },
      { room: '104', owner_key: null, developer_unit: false },
    ]);
    const [audit] = await t.app.database.sql<{ after: { changes: { before: object; after: object }[] } }[]>`
      select after from audit_log where action = 'roster.import' and community_id = ${c.id} order by id desc limit 1`;
    expect(audit.after.changes.map((x) => x.after)).toEqual([
      { ownerKey: 'ZH-01' },
      { developerUnit: true },
      { ownerKey: 'B7', developerUnit: false },
    ]);
  });

  it('refuses a bad owner key or a 开发商未售 that is not 是 / 否, with the row', async () => {
    const c = await freshCommunity();
    const res = await importFile(
      c.id,
      c.token,
      'preview',
      utf8('楼号,单元,室号,业主编号,开发商未售\n1,1,101,张三,是\n1,1,102,A1,也许\n'),
    );
    expect(res.body.errors).toEqual([
      { row: 2, message: '第2行：业主编号填得不对，业主编号最多40位，只能用字母、数字和减号（-）' },
      { row: 3, message: '第3行：“开发商未售”要填“是”或“否”，不能填“也许”' },
    ]);
  });
});

describe('GET /api/committees/:communityId/households/template.xlsx', () => {
  it('is an xlsx with the columns, an example row and the notes, and it imports as one new room', async () => {
    const c = await freshCommunity();
    const res = await fetch(`${t.app.url}/api/committees/${c.id}/households/template.xlsx`, {
      headers: { authorization: `Bearer ${c.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('房屋名册模板.xlsx')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['房屋名册', '填写说明']);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([
      undefined,
      '楼号',
      '单元',
      '室号',
      '面积（平方米）',
      '是否业主自住',
      '业主编号',
      '开发商未售',
    ]);
    expect(workbook.worksheets[0].getRow(2).values).toEqual([
      undefined,
      '1号楼',
      '1单元',
      '101',
      89.5,
      '是',
      'A-001',
      '否',
    ]);
    expect(workbook.worksheets[1].getColumn(1).values.join('\n')).toContain('业主投票时只算一人');
    expect(workbook.worksheets[1].getCell('A1').value).toBe('房屋名册填写说明');
    const preview = await importFile(c.id, c.token, 'preview', bytes);
    expect(preview.body).toMatchObject({ fileType: 'xlsx', rows: 1, created: 1, errors: [] });
  });
});

describe('other communities', () => {
  it('importing into or downloading the template of another community is 404, and writes nothing', async () => {
    const c = await freshCommunity();
    const before = await counts(c.id);
    const res = await importFile(c.id, modB, 'commit', utf8('楼号,单元,室号\n1,1,101\n'));
    expect(res.status).toBe(404);
    const other = await importFile(c.id, modA, 'commit', utf8('楼号,单元,室号\n1,1,101\n'));
    expect(other.status).toBe(404);
    const template = await t.app.call('GET', `/api/committees/${c.id}/households/template.xlsx`, { token: modB });
    expect(template.status).toBe(404);
    expect(await counts(c.id)).toEqual(before);
  });
});

/** A one-entry zip archive (deflate), its declared size as given. */
function zipOf(name: string, data: Buffer, declaredSize: number): Uint8Array {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, fileName, data, central, fileName, end]));
}
