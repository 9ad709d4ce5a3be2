/**
 * E2E of 留言板 and 小事快办 on the H5 build in Chromium, against the real server with the demo
 * seed: a resident's 求助 answered by the committee and marked 已解决; a post reported by three
 * neighbours, hidden, restored by the moderator and logged in public; a 小事快办 routed to the
 * property company's handler, done, reopened, done again, confirmed and rated. Screenshots of each
 * step go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localOpenid } from '../../server/wechat/local';
import { DEMO_RESIDENT_CODE } from '../../shared/contracts/health';
import { formatProblems, measureElderly } from './elderly';
import {
  expectNoPageProblems,
  hasChromium,
  openBrowser,
  requireChromiumInCi,
  see,
  snap,
  staffSignIn,
  startServer,
} from './harness';

requireChromiumInCi();

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const DEMO_OPENID = localOpenid(DEMO_RESIDENT_CODE);
const HELP = '请问社区有没有人会修老式收音机？家里老人天天听，坏了很着急。';
const REPLY = '您好，居委会周三下午有志愿者修理小家电，请带收音机来活动室。';
const AD = '楼下新开的健身房办卡八折，想办的邻居私聊我，名额有限。';
const LIGHT = '楼道灯不亮了，晚上上下楼看不清台阶。';

/** 适老化 of what the page shows now (as notices.test.ts: once any toast has gone). */
async function expectElderly(page: Page, where: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.taro__toast')].every((el) => getComputedStyle(el).display === 'none'),
    undefined,
    { timeout: 10_000 },
  );
  const failures = formatProblems(where, await measureElderly(page, { large: false }));
  expect(failures, failures.join('\n')).toEqual([]);
}

/** Clicks 确定 (the confirm button) on Taro's H5 modal (Taro.showModal) once it is shown. */
async function confirmModal(page: Page) {
  await page.waitForSelector('.taro__modal .taro-modal__content', { state: 'visible', timeout: 10_000 });
  await page.click('.taro__modal .taro-model__confirm');
  await page.waitForSelector('.taro__modal', { state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** A resident's browser signed in as `code` by the local WeChat adapter (H5 keeps a device code). */
async function residentBrowser(code: string) {
  const b = await openBrowser();
  await b.context.addInitScript((c) => {
    if (!location.protocol.startsWith('http')) return;
    localStorage.setItem('sqy.deviceCode', JSON.stringify({ data: c }));
  }, code);
  return b;
}

describe.runIf(hasChromium)('留言板 and 小事快办: reply and resolve, report and restore, matter to the handler', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let moderator: Browser;
  let handler: Browser;
  let resident: Browser;
  const others: Browser[] = [];
  let communityId: number;

  const sql = () => server.deps.database.sql;

  async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${raw}`);
    return (raw ? JSON.parse(raw) : null) as T;
  }
  const wechat = async (code: string) =>
    (await api<{ token: string }>('POST', '/api/auth/wechat', null, { code })).token;

  const boardUrl = () => `${server.url}/#/packages/board/list/index?communityId=${communityId}`;
  const detailUrl = (id: number) => `${server.url}/#/packages/board/detail/index?communityId=${communityId}&id=${id}`;
  const events = async (postId: number) =>
    (
      await sql()`select actor_role, from_status, to_status, note from post_events
        where post_id = ${postId} order by id`
    ).map((e) => `${e.actor_role}:${e.from_status ?? '-'}>${e.to_status}`);

  beforeAll(async () => {
    server = await startServer();
    const [community] = await sql()`select id from communities where name = '梧桐里居委会'`;
    communityId = community.id;
    moderator = await openBrowser({ wide: true });
    handler = await openBrowser({ wide: true });
    resident = await residentBrowser(DEMO_RESIDENT_CODE);
  }, 120_000);

  afterEach(() => expectNoPageProblems(moderator, handler, resident, ...others));

  afterAll(async () => {
    for (const b of others) await b.close();
    await resident?.close();
    await handler?.close();
    await moderator?.close();
    await server?.close();
  });

  it('a 求助 is answered by the committee and marked 已解决 by its author', async () => {
    // 1. The demo resident opens the board and writes a 求助.
    const phone = await resident.context.newPage();
    await phone.goto(boardUrl());
    await phone.waitForSelector('#board .board-card', { timeout: 20_000 });
    await phone.click('#board #board-compose');
    await phone.click('#board #board-compose-post');
    await phone.waitForSelector('#board-compose #compose-category', { timeout: 20_000 });
    await phone.click('#board-compose #compose-category-help');
    await see(phone, '#board-compose #compose-category-help', '✓');
    await phone.fill('#board-compose #compose-body textarea', HELP);
    await see(phone, '#board-compose #compose-count', `${HELP.length}/`);
    await snap(phone, 'board-01-compose-help');
    await expectElderly(phone, 'compose, 求助 chosen, text written');
    await phone.click('#board-compose #compose-submit');
    // H5 has no WeChat subscribe sheet: posting goes straight to the post.
    await phone.waitForSelector('#board-detail #post-view', { timeout: 20_000 });
    const [post] = await sql()`
      select p.id, p.status, p.category from posts p join users u on u.id = p.author_id
      where u.openid = ${DEMO_OPENID} and p.body = ${HELP}`;
    expect(post).toMatchObject({ status: 'awaiting_reply', category: 'help' });
    await see(phone, '#board-detail #post-status-line', '待回复');

    // In the list, first and 待回复.
    await phone.goto(boardUrl());
    await see(phone, `#board #post-${post.id}-excerpt`, HELP.slice(0, 10));
    await see(phone, `#board #post-${post.id}-status`, '待回复');
    expect(await phone.locator('#board .board-card').first().getAttribute('id')).toBe(`post-${post.id}`);
    await snap(phone, 'board-02-list-awaiting');

    // 2. The moderator opens the post (the board's own page: staff get the 居委回复 box) and answers.
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
    await desk.goto(detailUrl(post.id));
    await see(desk, '#board-detail #post-body', HELP.slice(0, 10));
    expect(await desk.locator('#board-detail #post-author-actions').count()).toBe(0);
    await desk.fill('#board-detail #official-reply-box-input textarea', REPLY);
    await snap(desk, 'board-03-moderator-reply');
    await desk.click('#board-detail #official-reply-box-submit');
    await see(desk, '#board-detail #post-status-line', '已回复');
    const [reply] = await sql()`select id from post_comments where post_id = ${post.id} and is_official`;
    expect(reply).toBeDefined();

    // 3. The resident reloads: the 居委回复 on top of the comments, marked; status 已回复.
    await phone.goto(detailUrl(post.id));
    await phone.reload();
    await see(phone, '#board-detail #post-status-line', '已回复');
    await see(phone, `#board-detail #comment-${reply.id}`, REPLY);
    await see(phone, `#board-detail #comment-${reply.id} .board-tag--official`, '居委回复');
    expect(await phone.locator('#post-comments > *').first().getAttribute('id')).toBe(`comment-${reply.id}`);
    await see(phone, '#board-detail #post-view-official', '居委已回复');
    await snap(phone, 'board-04-resident-official-reply');
    await expectElderly(phone, 'detail with a 居委回复');

    // 4. 已解决, confirmed.
    await phone.click('#board-detail #post-resolve');
    await confirmModal(phone);
    await see(phone, '#board-detail #post-status-line', '已解决');
    expect(await phone.locator('#board-detail #post-resolve').count()).toBe(0);
    await snap(phone, 'board-05-resolved');
    const [after] = await sql()`select status from posts where id = ${post.id}`;
    expect(after.status).toBe('resolved');
    expect(await events(post.id)).toEqual([
      'resident:->awaiting_reply',
      'moderator:awaiting_reply>replied',
      'resident:replied>resolved',
    ]);
  });

  it('three reports hide a post; the moderator restores it; the public log says so, not what or who', async () => {
    // A neighbour (赵师傅) posts; another neighbour has the board open and sees it.
    const authorToken = await wechat('seed-neighbour-0');
    const post = await api<{ id: number; state: string }>('POST', `/api/committees/${communityId}/posts`, authorToken, {
      kind: 'post',
      category: 'chat',
      body: AD,
      uploadIds: [],
      authorShown: 'name',
    });
    expect(post.state).toBe('visible');
    const onlooker = await residentBrowser('seed-neighbour-3');
    others.push(onlooker);
    const look = await onlooker.context.newPage();
    await look.goto(boardUrl());
    await see(look, `#board #post-${post.id}-excerpt`, AD.slice(0, 10));

    // 1. The demo resident reports it through the page's 举报 dialog.
    const phone = await resident.context.newPage();
    await phone.goto(detailUrl(post.id));
    await see(phone, '#board-detail #post-body', AD.slice(0, 10));
    await phone.click('#board-detail #post-report');
    await phone.waitForSelector('#report-dialog', { timeout: 10_000 });
    await phone.click('#report-dialog #report-reason-ad');
    await phone.fill('#report-dialog #report-note textarea', '在留言板上打广告');
    await snap(phone, 'board-10-report-dialog');
    await expectElderly(phone, 'report dialog, a reason chosen');
    await phone.click('#report-dialog #report-submit');
    await phone.waitForSelector('#report-dialog', { state: 'detached', timeout: 10_000 });
    const reports = async () =>
      (
        await sql()`select count(*)::int as n from content_reports where subject = 'post' and subject_id = ${post.id}`
      )[0].n as number;
    await expect.poll(reports, { timeout: 10_000 }).toBe(1);
    const stateOf = async () => (await sql()`select state from posts where id = ${post.id}`)[0].state as string;
    expect(await stateOf()).toBe('visible');

    // 2. Two more neighbours report it (API): at the default threshold 3 it is hidden.
    const [settings] = await sql()`select report_threshold from board_settings where community_id = ${communityId}`;
    expect(settings.report_threshold).toBe(3);
    for (const code of ['seed-neighbour-1', 'seed-neighbour-2']) {
      await api('POST', `/api/committees/${communityId}/reports`, await wechat(code), {
        subject: 'post',
        subjectId: post.id,
        reason: 'ad',
      });
    }
    expect(await reports()).toBe(3);
    expect(await stateOf()).toBe('hidden');
    // The fourth neighbour's board no longer has it.
    await look.reload();
    await look.waitForSelector('#board .board-card', { timeout: 20_000 });
    await look.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    expect(await look.locator(`#board #post-${post.id}`).count()).toBe(0);
    await snap(look, 'board-11-hidden-from-board');

    // 3. The moderator finds it in 审核队列 (被举报) and restores it.
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
    await desk.goto(`${server.url}/#/packages/admin/review/index`);
    const key = `post-${post.id}`;
    await desk.click('#admin-review #review-tab-reported');
    await see(desk, `#admin-review #review-body-${key}`, AD.slice(0, 10));
    await see(desk, `#admin-review #review-reports-${key}`, '3人举报');
    await snap(desk, 'board-12-review-queue');
    await desk.click(`#admin-review #review-restore-${key}`);
    await confirmModal(desk);
    await expect.poll(stateOf, { timeout: 10_000 }).toBe('visible');
    await desk.waitForSelector(`#admin-review #review-${key}`, { state: 'detached', timeout: 10_000 });

    // 4. Back on the board.
    await look.reload();
    await see(look, `#board #post-${post.id}-excerpt`, AD.slice(0, 10));

    // 5. The public log: auto-hidden after reports, then restored; never the words or the author.
    const logged = await sql()`select action, rule from moderation_log
      where subject = 'post' and subject_id = ${post.id} order by id`;
    expect(logged.map((l) => `${l.action}/${l.rule}`)).toEqual(['auto_hidden/reports', 'restored/moderator']);
    await phone.goto(`${server.url}/#/packages/board/moderation-log/index?communityId=${communityId}`);
    await see(phone, '#moderation-log #log-0', '一条留言 恢复显示');
    await see(phone, '#moderation-log #log-1', '一条留言 被多位居民举报后自动隐藏');
    const page = await phone.locator('#moderation-log').innerText();
    expect(page).not.toContain(AD.slice(0, 8));
    expect(page).not.toContain('赵师傅');
    await snap(phone, 'board-13-public-log');
    await expectElderly(phone, 'public moderation log');
  });

  it('a 小事快办 goes to 物业: done, reopened, done again, confirmed and rated', async () => {
    // 1. The resident reports a broken light with a place.
    const phone = await resident.context.newPage();
    await phone.goto(boardUrl());
    await phone.click('#board #board-compose');
    await phone.click('#board #board-compose-matter');
    await phone.waitForSelector('#board-compose #compose-matter-category', { timeout: 20_000 });
    await phone.click('#board-compose #compose-matter-category-lighting');
    await phone.fill('#board-compose #compose-place input', '1号楼2单元三楼');
    await phone.fill('#board-compose #compose-body textarea', LIGHT);
    await snap(phone, 'board-06-compose-matter');
    await expectElderly(phone, 'compose 小事快办, 照明 chosen, place written');
    await phone.click('#board-compose #compose-submit');
    await phone.waitForSelector('#board-detail #post-view', { timeout: 20_000 });
    const [matter] = await sql()`select id, kind, route, status, place from posts where body = ${LIGHT}`;
    expect(matter).toMatchObject({ kind: 'matter', route: 'property', status: 'accepted', place: '1号楼2单元三楼' });
    await see(phone, '#board-detail #post-place', '1号楼2单元三楼');
    await see(phone, '#board-detail #post-route', '物业');

    // 2. The property handler sees it on the 小事快办 board, starts it and marks it 办结.
    const office = await handler.context.newPage();
    await staffSignIn(office, server.url, 'wuye', 'shequyun-demo');
    await office.goto(`${server.url}/#/packages/admin/matters/index`);
    await see(office, '#admin-matters #matters-handler-note', '物业');
    await office.click(`#admin-matters #matter-${matter.id}`);
    await see(office, '#matter-detail #matter-body', LIGHT);
    await snap(office, 'board-07-handler-matter');
    await office.click('#matter-detail #matter-start');
    await see(office, '#matter-detail #matter-status', '处理中');
    await office.click('#matter-detail #matter-done');
    await office.fill('#matter-done-dialog #matter-done-reason textarea', '已更换三楼楼道灯泡');
    await office.click('#matter-done-dialog #matter-done-confirm');
    await see(office, '#matter-detail #matter-status', '已办结');

    // 3. The resident: still dark — 还没解决, with a reason.
    await phone.reload();
    await see(phone, '#board-detail #post-status-line', '已办结');
    await phone.click('#board-detail #post-reopen');
    await phone.fill('#reopen-dialog #reopen-reason textarea', '换了灯泡第二天又不亮了，可能是线路问题。');
    await phone.click('#reopen-dialog #reopen-confirm');
    await see(phone, '#board-detail #post-status-line', '处理中');
    await snap(phone, 'board-08-reopened');

    // 4. The handler fixes it again.
    await office.reload();
    await see(office, '#matter-detail #matter-status', '处理中');
    // The handler reads why: the reopen reason is in the matter's timeline.
    await see(office, '#matter-detail #matter-timeline', '可能是线路问题');
    await office.click('#matter-detail #matter-done');
    await office.fill('#matter-done-dialog #matter-done-reason textarea', '电工修好了线路，灯已经亮了');
    await office.click('#matter-done-dialog #matter-done-confirm');
    await see(office, '#matter-detail #matter-status', '已办结');

    // 5. The resident confirms 已解决 and rates it 4 stars.
    await phone.reload();
    await see(phone, '#board-detail #post-status-line', '已办结');
    await phone.click('#board-detail #post-resolve');
    await confirmModal(phone);
    await see(phone, '#board-detail #post-status-line', '已解决');
    await phone.click('#board-detail #rate-stars-4');
    await phone.fill('#board-detail #rate-comment textarea', '修得很快，谢谢物业师傅');
    await expectElderly(phone, 'detail, rating a resolved 小事快办');
    await phone.click('#board-detail #rate-submit');
    await see(phone, '#board-detail #post-rating-text', '4星：修得很快');
    await snap(phone, 'board-09-rated');

    const [done] = await sql()`select status, reopen_count, rating, rating_comment from posts where id = ${matter.id}`;
    expect(done).toMatchObject({
      status: 'resolved',
      reopen_count: 1,
      rating: 4,
      rating_comment: '修得很快，谢谢物业师傅',
    });
    expect(await events(matter.id)).toEqual([
      'resident:->accepted',
      'handler:accepted>in_progress',
      'handler:in_progress>done',
      'resident:done>in_progress',
      'handler:in_progress>done',
      'resident:done>resolved',
    ]);
    const notes =
      await sql()`select note from post_events where post_id = ${matter.id} and note is not null order by id`;
    expect(notes.map((n) => n.note)).toEqual([
      '已更换三楼楼道灯泡',
      '换了灯泡第二天又不亮了，可能是线路问题。',
      '电工修好了线路，灯已经亮了',
    ]);
  });
});
