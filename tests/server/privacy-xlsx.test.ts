/**
 * The resident's copy as an Excel file (GET /api/me/data.xlsx, docs/decisions/024-neighbours.md):
 * built from the same copy as GET /api/me/data, one sheet per section that holds something,
 * headings in Chinese, values as readable text; nobody else's data in it.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { neighbourCards, neighbourConsents } from '../../server/db/schema';
import { personalData } from '../../server/features/privacy/registry';
import { cellOf, keyHeadings, sectionNames, sheetsOf } from '../../server/features/privacy/workbook';
import type { MyData } from '../../shared/contracts/privacy';
import { formatDateTime } from '../../shared/domain/labels';
import { NEIGHBOUR_CONSENT_VERSION } from '../../shared/domain/neighbour-card';
import { useTestApp } from '../helpers/app';
import { insertPost } from '../helpers/board-items';
import { type CommunityFixture, createCommunity, resident } from '../helpers/fixtures';

const t = useTestApp();
let c: CommunityFixture;
let me: { token: string; userId: number };
let other: { token: string; userId: number };

const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

async function card(userId: number, householdIndex: number, displayName: string, tags: string[]) {
  await t.app.database.db.insert(neighbourCards).values({
    communityId: c.id,
    userId,
    householdId: c.householdIds[householdIndex],
    buildingId: c.buildingId,
    listed: true,
    displayName,
    tags,
    showTags: true,
    consentVersion: NEIGHBOUR_CONSENT_VERSION,
  });
}

beforeAll(async () => {
  t.app.clock.set(china('2026-12-02'));
  c = await createCommunity(t.app, '导出数据社区');
  me = await resident(t.app, c, 0, '孙秀英');
  other = await resident(t.app, c, 1, '别人的名字');
  await insertPost(t.app, { communityId: c.id, authorId: me.userId, body: '我家楼下的路灯坏了' });
  await insertPost(t.app, { communityId: c.id, authorId: other.userId, body: '别人的留言不该出现' });
  await card(me.userId, 0, '孙阿姨', ['会说沪语', '懂养花']);
  await card(other.userId, 1, '别人的称呼', ['医护']);
  await t.app.database.db.insert(neighbourConsents).values([
    {
      communityId: c.id,
      userId: me.userId,
      field: 'listed',
      granted: true,
      textVersion: NEIGHBOUR_CONSENT_VERSION,
      createdAt: china('2026-11-28', '15:20'),
    },
    {
      communityId: c.id,
      userId: other.userId,
      field: 'serve',
      granted: true,
      textVersion: 'other-version',
      createdAt: china('2026-11-29'),
    },
  ]);
});

async function download(token: string) {
  const res = await fetch(`${t.app.url}/api/me/data.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  const wb = new ExcelJS.Workbook();
  if (res.status === 200) await wb.xlsx.load(await res.arrayBuffer());
  return { res, wb };
}

const rowsOf = (wb: ExcelJS.Workbook, name: string) => {
  const rows: unknown[][] = [];
  wb.getWorksheet(name)?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

describe('GET /api/me/data.xlsx', () => {
  it('gives the resident their copy as sheets with Chinese names and headings', async () => {
    const { res, wb } = await download(me.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('我的数据-2026-12-02.xlsx');

    const names = wb.worksheets.map((s) => s.name);
    expect(names[0]).toBe('我的账号');
    for (const name of ['加入的社区', '留言和小事快办', '找邻居名片', '找邻居授权记录', '登录记录'])
      expect(names).toContain(name);
    // Empty sections have no sheet.
    expect(names).not.toContain('器具借用');

    const account = rowsOf(wb, '我的账号');
    expect(account[0]).toContain('导出时间');
    expect(account[1][account[0].indexOf('编号')]).toBe(me.userId);

    const member = rowsOf(wb, '加入的社区');
    expect(member[1][member[0].indexOf('姓名')]).toBe('孙秀英');
    expect(member[1][member[0].indexOf('社区')]).toBe('导出数据社区');

    const consents = rowsOf(wb, '找邻居授权记录');
    expect(consents[0]).toEqual(['社区', '授权项目', '同意', '说明文字版本', '时间']);
    expect(consents.slice(1)).toEqual([
      [
        '导出数据社区',
        'listed',
        '是',
        NEIGHBOUR_CONSENT_VERSION,
        formatDateTime(china('2026-11-28', '15:20').toISOString()),
      ],
    ]);

    const cards = rowsOf(wb, '找邻居名片');
    expect(cards[1][cards[0].indexOf('称呼')]).toBe('孙阿姨');
    expect(cards[1][cards[0].indexOf('标签')]).toBe('会说沪语、懂养花');
    expect(cards[1][cards[0].indexOf('被隐藏的标签')]).toBe('');

    const posts = rowsOf(wb, '留言和小事快办');
    expect(posts.slice(1).map((r) => r[posts[0].indexOf('内容')])).toEqual(['我家楼下的路灯坏了']);

    // Nothing of anyone else.
    const everything = JSON.stringify(wb.worksheets.map((s) => rowsOf(wb, s.name)));
    for (const theirs of ['别人的名字', '别人的留言', '别人的称呼', 'other-version', '医护'])
      expect(everything).not.toContain(theirs);
  });

  it('needs a signed-in caller', async () => {
    expect((await fetch(`${t.app.url}/api/me/data.xlsx`)).status).toBe(401);
  });
});

describe('the sheets, generically', () => {
  it('every section of the copy has a sheet name, and names fit Excel', () => {
    for (const section of Object.keys(personalData)) {
      expect(sectionNames[section], section).toBeTruthy();
      expect(sectionNames[section].length).toBeLessThanOrEqual(31);
      expect(sectionNames[section]).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(Object.values(sectionNames)).size).toBe(Object.keys(sectionNames).length);
  });

  it('a section or key without a name keeps its code; the account sheet is always there', () => {
    const data = {
      exportedAt: '2026-12-02T02:00:00.000Z',
      user: { id: 1, nickname: null },
      memberships: [],
      somethingNew: [{ brandNewKey: 'x', tags: ['a', 'b'], nested: { a: 1 } }],
    } as unknown as MyData;
    const sheets = sheetsOf(data);
    expect(sheets.map((s) => s.name)).toEqual(['我的账号', 'somethingNew']);
    expect(sheets[0].rows[0]).toEqual({ id: 1, nickname: null, exportedAt: '2026-12-02T02:00:00.000Z' });
    expect(keyHeadings.brandNewKey).toBeUndefined();
  });

  it('cells read as text: dates in China time, 是/否, lists joined, nested values as JSON', () => {
    expect(cellOf('2026-12-02T02:00:00.000Z')).toBe('2026年12月2日 10:00');
    expect(cellOf('2026-12-02')).toBe('2026-12-02');
    expect(cellOf(true)).toBe('是');
    expect(cellOf(false)).toBe('否');
    expect(cellOf(null)).toBe('');
    expect(cellOf(12)).toBe(12);
    expect(cellOf(['会修电器', '团长'])).toBe('会修电器、团长');
    expect(cellOf([])).toBe('');
    expect(cellOf([{ a: 1 }])).toBe('[{"a":1}]');
    expect(cellOf({ a: '一' })).toBe('{"a":"一"}');
  });
});
