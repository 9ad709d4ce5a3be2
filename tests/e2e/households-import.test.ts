/**
 * E2E: a platform admin sets up a new committee with a moderator; the moderator imports a
 * roster of 5,000 rooms in 楼栋房屋 (preview, then commit; the same file again changes
 * nothing); a resident joins choosing one of the imported rooms and the moderator approves.
 */
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  settle,
  snap,
  staffSignIn,
  startServer,
} from './harness';

requireChromiumInCi();

const BUILDINGS = 50;
const UNITS = 4;
const ROOMS_PER_UNIT = 25;

/** 50 buildings × 4 units × 25 rooms (5 floors × 5 flats) = 5,000 rows, as a committee would fill the template. */
async function rosterXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('房屋名册');
  sheet.addRow(['楼号', '单元', '室号', '面积（平方米）', '是否业主自住']);
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let u = 1; u <= UNITS; u++) {
      for (let i = 0; i < ROOMS_PER_UNIT; i++) {
        const room = `${Math.floor(i / 5) + 1}0${(i % 5) + 1}`;
        sheet.addRow([`${b}号楼`, `${u}单元`, room, 60 + ((b + u + i) % 40), i % 3 === 0 ? '否' : '是']);
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.runIf(hasChromium)('a new committee imports its roster and a resident joins one of its rooms', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: Awaited<ReturnType<typeof openBrowser>>;
  let moderator: Awaited<ReturnType<typeof openBrowser>>;
  let resident: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await openBrowser({ wide: true });
    moderator = await openBrowser({ wide: true });
    resident = await openBrowser();
  }, 120_000);

  afterEach(() => expectNoPageProblems(admin, moderator, resident));

  afterAll(async () => {
    await admin?.close();
    await moderator?.close();
    await resident?.close();
    await server?.close();
  });

  it('walks the whole flow', async () => {
    const sql = server.deps.database.sql;
    const [street] = await sql`select id from streets where name = '临江路街道'`;

    // 1. 街镇管理: the committee, a staff account, appointed its moderator.
    const platform = await admin.context.newPage();
    await staffSignIn(platform, server.url, 'admin', 'shequyun-admin');
    await platform.locator('#admin-nav-platform >> visible=true').first().click();
    await platform.waitForSelector('#admin-platform #community-form', { timeout: 20_000 });
    await platform.click(`#admin-platform #community-street-${street.id}`);
    await platform.fill('#admin-platform #community-name input', '香樟苑居委会');
    await platform.fill('#admin-platform #community-address input', '临江路街道香樟路18号');
    await platform.fill('#admin-platform #community-phone input', '021-5555-1818');
    await platform.click('#admin-platform #community-submit');
    await see(platform, '#admin-platform #community-created-name', '香樟苑居委会');
    await platform.fill('#admin-platform #staff-username input', 'xiangzhang');
    await platform.fill('#admin-platform #staff-password input', 'xiangzhang-pass-2026');
    await platform.fill('#admin-platform #staff-display-name input', '香樟苑 周敏');
    await platform.click('#admin-platform #staff-submit');
    await expect
      .poll(async () => (await sql`select id from users where username = 'xiangzhang'`).length, { timeout: 20_000 })
      .toBe(1);
    const [account] = await sql`select id from users where username = 'xiangzhang'`;
    const [community] = await sql`select id from communities where name = '香樟苑居委会'`;
    await platform.click(`#admin-platform #appoint-${account.id}`);
    await platform.fill('#admin-platform #appoint-community-search input', '香樟');
    await platform.click('#admin-platform #appoint-community-search-submit');
    await platform.click(`#admin-platform #appoint-community-${community.id}`);
    await platform.click('#admin-platform #appoint-confirm');
    await see(platform, `#admin-platform #staff-communities-${account.id}`, '香樟苑居委会');
    // The admin's shell has 街镇管理 in its menu, highlighted here.
    await see(platform, '#admin-platform #admin-menu .admin-menu-item--on', '街镇管理');

    // 2. The moderator signs in: the shell names the committee and the staff member.
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'xiangzhang', 'xiangzhang-pass-2026');
    await see(desk, '#admin-dashboard #admin-community', '香樟苑居委会');
    await see(desk, '#admin-dashboard #admin-staff-name', '香樟苑 周敏');
    expect(await desk.locator('#admin-dashboard #admin-menu .admin-menu-title').allInnerTexts()).toEqual([
      '工作台',
      '通知公告',
      '居民审核',
      '楼栋房屋',
      '邀请码',
      '居委名片',
      '操作记录',
      '审核队列',
      '禁言名单',
      '留言板设置',
      '敏感词',
      '小事快办',
      '办事统计',
      '议事厅管理',
      '投票管理',
      '议事厅设置',
      '租赁服务台',
      '预约管理',
      '器具库存',
      '租赁统计',
      '找邻居管理',
      '能人库',
    ]);
    await snap(desk, 'households-01-admin-shell');

    // 3. 楼栋房屋 → 导入住户名单: the template downloads with the staff token.
    await desk.click('#admin-dashboard #admin-menu-households');
    await desk.waitForSelector('#admin-households #households-tab-import', { timeout: 20_000 });
    await see(desk, '#admin-households #admin-menu .admin-menu-item--on', '楼栋房屋');
    await desk.click('#admin-households #households-tab-import');
    const [download] = await Promise.all([
      desk.waitForEvent('download', { timeout: 20_000 }),
      desk.click('#admin-households #roster-template'),
    ]);
    expect(download.suggestedFilename()).toBe('房屋名册模板.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile(await download.path());
    expect(template.getWorksheet('房屋名册')?.getRow(1).getCell(3).value).toBe('室号');

    // 4. Choose the 5,000-room roster: the preview counts it and writes nothing.
    const roster = await rosterXlsx();
    const choose = async () => {
      const [chooser] = await Promise.all([
        desk.waitForEvent('filechooser', { timeout: 20_000 }),
        desk.click('#admin-households #roster-choose'),
      ]);
      await chooser.setFiles({ name: '香樟苑房屋名册.xlsx', mimeType: 'application/octet-stream', buffer: roster });
    };
    await choose();
    await see(desk, '#admin-households #roster-preview #roster-count-created', '5000');
    await see(desk, '#admin-households #roster-preview #roster-count-buildings', String(BUILDINGS));
    await see(desk, '#admin-households #roster-preview #roster-message', '可以导入');
    expect(await desk.locator('#admin-households #roster-errors').count()).toBe(0);
    const [before] = await sql`select count(*)::int as n from households where community_id = ${community.id}`;
    expect(before.n).toBe(0);
    await snap(desk, 'households-02-import-preview');

    // 5. 确认导入.
    await desk.click('#admin-households #roster-commit');
    await see(desk, '#admin-households #roster-result #roster-message', '导入完成');
    const [after] = await sql`select count(*)::int as n from households where community_id = ${community.id}`;
    expect(after.n).toBe(BUILDINGS * UNITS * ROOMS_PER_UNIT);
    await snap(desk, 'households-03-import-done');

    // 6. The same file again: nothing new, nothing to import.
    await choose();
    await see(desk, '#admin-households #roster-preview #roster-message', '没有需要更新的内容');
    await see(desk, '#admin-households #roster-preview #roster-count-unchanged', '5000');
    expect(await desk.locator('#admin-households #roster-commit').count()).toBe(0);

    // 7. The buildings are listed with their rooms.
    await desk.click('#admin-households #households-tab-buildings');
    await see(desk, '#admin-households #buildings-total', `共${BUILDINGS}栋楼，5000户`);
    const [first] = await sql`select id from buildings where community_id = ${community.id} and name = '1号楼'`;
    await see(desk, `#admin-households #building-count-${first.id}`, '100户');
    await desk.click(`#admin-households #building-open-${first.id}`);
    await see(desk, '#admin-households #rooms-title', '1号楼的房屋');
    await see(desk, '#admin-households #rooms-more', '共100户');
    await snap(desk, 'households-04-buildings');

    // 8. A resident joins the new committee, choosing an imported room.
    const phone = await resident.context.newPage();
    await phone.goto(`${server.url}/#/packages/committee/join/index?id=${community.id}`);
    await see(phone, '#join #join-community', '香樟苑居委会');
    await phone.locator('#join [id^="building-"]', { hasText: /^3号楼$/ }).click();
    await phone.waitForSelector('#join [id^="unit-"]', { timeout: 20_000 });
    await phone.locator('#join [id^="unit-"]', { hasText: /^2单元$/ }).click();
    await phone.waitForSelector('#join [id^="household-"]', { timeout: 20_000 });
    await phone.locator('#join [id^="household-"]', { hasText: /^302室$/ }).click();
    await phone.fill('#join #join-realname input', '孙桂兰');
    await phone.click('#join #join-agree');
    await phone.click('#join #join-submit');
    await see(phone, '#join #join-status-title', '审核中');
    await snap(phone, 'households-05-resident-joined');

    // 9. The moderator approves from 居民审核.
    await desk.click('#admin-households #admin-menu-memberships');
    const item = desk.locator('#admin-memberships .membership-admin-item', { hasText: '孙桂兰' });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.innerText()).toContain('3号楼 2单元 302室');
    const itemId = (await item.getAttribute('id'))?.replace('membership-admin-', '');
    await desk.click(`#admin-memberships #approve-${itemId}`);
    await expect
      .poll(() => desk.locator(`#admin-memberships #membership-admin-${itemId}`).count(), { timeout: 20_000 })
      .toBe(0);
    await settle(desk);
    const [joined] = await sql`select m.status, b.name as building, h.unit, h.room from memberships m
      join households h on h.id = m.household_id join buildings b on b.id = h.building_id
      where m.community_id = ${community.id} and m.role = 'resident'`;
    expect(joined).toMatchObject({ status: 'approved', building: '3号楼', unit: '2单元', room: '302' });

    // 10. The same admin view on a phone: no side menu, a title bar; opened on its own, its way out is 首页 (工作台).
    await desk.setViewportSize({ width: 414, height: 860 });
    // A fresh load, as a link opened on its own: no page under it.
    await desk.goto('about:blank');
    await desk.goto(`${server.url}/#/packages/admin/households/index`);
    await see(desk, '#admin-households #title-text', '楼栋房屋');
    expect(await desk.locator('#admin-households #title-home').isVisible()).toBe(true);
    expect(await desk.locator('#admin-households #admin-menu').isVisible()).toBe(false);
    await see(desk, '#admin-households #buildings-total', '共50栋楼');
    await snap(desk, 'households-06-phone');
  });
});
