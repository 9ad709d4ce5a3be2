/**
 * E2E of 找邻居 on the H5 build in Chromium, against the real server with the demo seed, as one
 * story between two FRESH residents of one building of 梧桐里 (made here, not the demo's people, so
 * the story does not depend on the demo's cards): A opens 我的邻居名片, turns on 让邻居找到我 and
 * 标签 with 会修电器 (the preview shows it) and saves; B opens 找邻居, filters by 会修电器, finds A
 * (同楼), opens the card and sends a request; A accepts it in 来往 → 请求; B writes in the thread, A
 * answers; A blocks B from the thread; neither directory lists the other any more, and B's thread
 * reads 对方暂时不方便 with no input. A resident of another community gets no card from A's link;
 * the committee's 找邻居管理 shows figures and never the thread's words. 适老化 is measured on each
 * new state. Screenshots of each step go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardBody } from '../helpers/neighbours';
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

const A_CODE = 'e2e-neighbours-a';
const B_CODE = 'e2e-neighbours-b';
const OUTSIDER_CODE = 'e2e-neighbours-outsider';
const A_NAME = '赵师傅';
const B_NAME = '钱阿姨';
const TAG = '会修电器';
/** B's own tag: only B's card carries it, so a directory filtered by it lists B alone. */
const B_TAG = '会包馄饨';
const REQUEST = '想请您帮忙看看洗衣机';
const B_SAYS = '洗衣机脱水的时候响得很厉害，您什么时候方便？';
const A_SAYS = '明天上午九点我过来看看，您在家就行。';

/** 适老化 of what the page shows now (as board.test.ts: once any toast has gone). */
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

/** The directory has answered: a list or the empty state is on screen. */
async function directoryShown(page: Page) {
  await page.waitForSelector('#neighbours #neighbours-list, #neighbours #neighbours-empty', {
    state: 'visible',
    timeout: 20_000,
  });
}

describe.runIf(hasChromium)(
  '找邻居: card → directory → request → accept → thread → block; outsiders and the committee',
  () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let a: Browser;
    let b: Browser;
    let outsider: Browser;
    let moderator: Browser;
    let communityId: number;
    let otherCommunityId: number;
    const user: Record<'a' | 'b' | 'outsider', { id: number; token: string }> = {} as never;
    let buildingName: string;
    let cardA: number;
    let cardB: number;
    let contactId: number;

    const sql = () => server.deps.database.sql;

    async function call(method: string, path: string, token: string | null, body?: unknown) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const raw = await res.text();
      return { status: res.status, body: raw ? JSON.parse(raw) : null };
    }
    const signIn = async (code: string) => {
      const res = await call('POST', '/api/auth/wechat', null, { code });
      expect(res.status).toBe(200);
      return { id: res.body.user.id as number, token: res.body.token as string };
    };

    const dirUrl = (tag?: string) =>
      `${server.url}/#/packages/neighbours/index?communityId=${communityId}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`;
    const meUrl = () => `${server.url}/#/packages/neighbours/me/index?communityId=${communityId}`;
    const cardUrl = (id: number, community = communityId) =>
      `${server.url}/#/packages/neighbours/card/index?id=${id}&communityId=${community}`;
    const contactsUrl = (box: 'requests' | 'threads') =>
      `${server.url}/#/packages/neighbours/contacts/index?communityId=${communityId}&box=${box}`;
    const threadUrl = (id: number) =>
      `${server.url}/#/packages/neighbours/thread/index?id=${id}&communityId=${communityId}`;

    beforeAll(async () => {
      server = await startServer();
      const [community] = await sql()`select id from communities where name = '梧桐里居委会'`;
      communityId = community.id;
      const [other] = await sql()`select id from communities where name = '晨光苑居委会'`;
      otherCommunityId = other.id;
      // Two free households (nobody's membership) of ONE building of 梧桐里.
      type Home = { id: number; building_id: number; building: string };
      const free = await sql()<Home[]>`
      select h.id, h.building_id, bd.name as building from households h join buildings bd on bd.id = h.building_id
      where h.community_id = ${communityId} and bd.retired_at is null
        and h.id not in (select household_id from memberships where household_id is not null)
      order by h.building_id, h.id`;
      const byBuilding = new Map<number, Home[]>();
      for (const h of free) byBuilding.set(h.building_id, [...(byBuilding.get(h.building_id) ?? []), h]);
      const pair = [...byBuilding.values()].find((hs) => hs.length >= 2);
      expect(pair, 'the demo has a building with two free households').toBeTruthy();
      const [homeA, homeB] = pair as Home[];
      buildingName = homeA.building;
      const [otherHome] = await sql()`
      select id from households where community_id = ${otherCommunityId}
        and id not in (select household_id from memberships where household_id is not null)
      order by id limit 1`;
      expect(otherHome, 'the other community has a free household').toBeTruthy();

      user.a = await signIn(A_CODE);
      user.b = await signIn(B_CODE);
      user.outsider = await signIn(OUTSIDER_CODE);
      await sql()`insert into memberships (community_id, user_id, household_id, role, status) values
      (${communityId}, ${user.a.id}, ${homeA.id}, 'resident', 'approved'),
      (${communityId}, ${user.b.id}, ${homeB.id}, 'resident', 'approved'),
      (${otherCommunityId}, ${user.outsider.id}, ${otherHome.id}, 'resident', 'approved')`;

      // B's card is saved through the API (B's own editor is not this story's subject): listed, with
      // a tag only B has, so A's directory can be asked about B alone.
      const saved = await call('PUT', `/api/committees/${communityId}/neighbours/me`, user.b.token, {
        ...cardBody({ displayName: B_NAME, showTags: true, tags: [B_TAG] }),
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      cardB = saved.body.id;

      a = await residentBrowser(A_CODE);
      b = await residentBrowser(B_CODE);
      outsider = await residentBrowser(OUTSIDER_CODE);
      moderator = await openBrowser({ wide: true });
    }, 180_000);

    afterEach(() => expectNoPageProblems(a, b, outsider, moderator));

    afterAll(async () => {
      await moderator?.close();
      await outsider?.close();
      await b?.close();
      await a?.close();
      await server?.close();
    });

    it('A makes a card with 会修电器 and the preview shows it; B finds A by the tag (同楼) and asks', async () => {
      // 1. A opens 我的邻居名片: nothing saved yet.
      const phoneA = await a.context.newPage();
      await phoneA.goto(meUrl());
      await phoneA.waitForSelector('#my-neighbour-card #card-listed', { timeout: 20_000 });
      await see(phoneA, '#my-neighbour-card #card-building', buildingName);
      expect(await phoneA.locator('#my-neighbour-card #card-preview-off').count()).toBe(1);
      await expectElderly(phoneA, 'my card, first open');

      // 让邻居找到我, a name, 标签 on with 会修电器.
      await phoneA.click('#my-neighbour-card #card-listed');
      await phoneA.fill('#my-neighbour-card #card-displayName input', A_NAME);
      await phoneA.click('#my-neighbour-card #card-show-tags');
      await phoneA.locator('#my-neighbour-card #card-tags .chip', { hasText: TAG }).first().click();
      await see(phoneA, '#my-neighbour-card #card-tags .chip--on', TAG);
      // The preview is what neighbours will see: the name, the building, the tag.
      await see(phoneA, '#card-preview #card-preview-card-name', A_NAME);
      await see(phoneA, '#card-preview #card-preview-card-tags', TAG);
      await see(phoneA, '#card-preview #card-preview-card-building', buildingName);
      expect(await phoneA.locator('#my-neighbour-card #card-preview-off').count()).toBe(0);
      await snap(phoneA, 'neighbours-01-my-card');
      await expectElderly(phoneA, 'my card, listed with a tag');

      await phoneA.click('#my-neighbour-card #card-save');
      await expect
        .poll(async () => (await sql()`select id from neighbour_cards where user_id = ${user.a.id}`).length, {
          timeout: 20_000,
        })
        .toBe(1);
      const [card] = await sql()`
      select id, listed, show_tags, tags, display_name, building_id from neighbour_cards where user_id = ${user.a.id}`;
      expect(card).toMatchObject({ listed: true, show_tags: true, tags: [TAG], display_name: A_NAME });
      expect(card.building_id).not.toBeNull();
      cardA = card.id;
      // The consent log has a row for each switch A saw, at the words' version.
      const consents = await sql()`
      select field, granted from neighbour_consents where user_id = ${user.a.id} and community_id = ${communityId}`;
      expect(consents).toContainEqual({ field: 'listed', granted: true });
      expect(consents).toContainEqual({ field: 'tags', granted: true });
      await phoneA.close();

      // 2. B opens 找邻居 and filters by 会修电器.
      const phoneB = await b.context.newPage();
      await phoneB.goto(dirUrl());
      await phoneB.waitForSelector('#neighbours #neighbours-tags', { timeout: 20_000 });
      await directoryShown(phoneB);
      await phoneB
        .locator('#neighbours #neighbours-tags .chip', { hasText: `${TAG}（` })
        .first()
        .click();
      await see(phoneB, '#neighbours #neighbours-tags .chip--on', TAG);
      await phoneB.waitForSelector(`#neighbours #neighbour-${cardA}`, { timeout: 20_000 });
      // Every card the filter shows carries the tag.
      const shownTags = await phoneB
        .locator('#neighbours #neighbours-list .neighbour-card')
        .evaluateAll((cards) => cards.map((c) => c.querySelector('.neighbour-tags')?.textContent ?? ''));
      expect(shownTags.length).toBeGreaterThan(0);
      for (const t of shownTags) expect(t).toContain(TAG);
      await see(phoneB, `#neighbours #neighbour-${cardA}-name`, A_NAME);
      await see(phoneB, `#neighbours #neighbour-${cardA}-same`, '同楼');
      // Same building first (the server's order): A is above any card not of B's building.
      const order = await phoneB
        .locator('#neighbours #neighbours-list .neighbour-card')
        .evaluateAll((cards) => cards.map((c) => ({ id: c.id, same: c.querySelector('.tag--ok') !== null })));
      const firstOther = order.findIndex((c) => !c.same);
      const aAt = order.findIndex((c) => c.id === `neighbour-${cardA}`);
      expect(firstOther === -1 || aAt < firstOther).toBe(true);
      await snap(phoneB, 'neighbours-02-directory-by-tag');
      await expectElderly(phoneB, 'directory, filtered by 会修电器');

      // 3. B opens A's card and sends a request.
      await phoneB.click(`#neighbours #neighbour-${cardA}`);
      await phoneB.waitForSelector('#neighbour-card-page #request-contact', { timeout: 20_000 });
      await see(phoneB, `#neighbour-card-page #neighbour-${cardA}-name`, A_NAME);
      await see(phoneB, `#neighbour-card-page #neighbour-${cardA}-tags`, TAG);
      await expectElderly(phoneB, 'a neighbour’s card');
      await phoneB.click('#neighbour-card-page #request-contact');
      await phoneB.waitForSelector('#request-dialog #request-message', { timeout: 10_000 });
      await phoneB.fill('#request-dialog #request-message textarea', REQUEST);
      await snap(phoneB, 'neighbours-03-request');
      await expectElderly(phoneB, 'the request dialog');
      await phoneB.click('#request-dialog #request-send');
      await see(phoneB, '#neighbour-card-page #neighbour-contact-state', '已发送，等对方回复');
      const [contact] = await sql()`
      select id, state, requester_id, addressee_id from neighbour_contacts
      where requester_id = ${user.b.id} and addressee_id = ${user.a.id}`;
      expect(contact).toMatchObject({ state: 'pending' });
      contactId = contact.id;
      const [first] = await sql()`select body, is_request from neighbour_messages where contact_id = ${contactId}`;
      expect(first).toMatchObject({ body: REQUEST, is_request: true });
      await phoneB.close();
    });

    it('A accepts in 来往 → 请求; B writes in the thread and A answers', async () => {
      const phoneA = await a.context.newPage();
      await phoneA.goto(contactsUrl('requests'));
      await see(phoneA, `#neighbour-contacts #contact-${contactId}-request`, REQUEST);
      await see(phoneA, `#neighbour-contacts #contact-${contactId}-name`, B_NAME);
      await see(phoneA, `#neighbour-contacts #contact-${contactId}-view`, '请您回复');
      await snap(phoneA, 'neighbours-04-requests');
      await expectElderly(phoneA, '来往, a request to answer');
      await phoneA.click(`#neighbour-contacts #contact-${contactId}-accept`);
      // Accepting opens the thread.
      await phoneA.waitForSelector('#neighbour-thread #thread-input', { timeout: 20_000 });
      const [accepted] = await sql()`select state from neighbour_contacts where id = ${contactId}`;
      expect(accepted.state).toBe('accepted');

      // B writes.
      const phoneB = await b.context.newPage();
      await phoneB.goto(threadUrl(contactId));
      await see(phoneB, '#neighbour-thread #thread-name', A_NAME);
      await see(phoneB, '#neighbour-thread #thread-messages', REQUEST);
      await phoneB.fill('#neighbour-thread #thread-input textarea', B_SAYS);
      await phoneB.click('#neighbour-thread #thread-send');
      await see(phoneB, '#neighbour-thread #thread-messages', B_SAYS);
      const [bMsg] = await sql()`select id, author_id from neighbour_messages where body = ${B_SAYS}`;
      expect(bMsg.author_id).toBe(user.b.id);
      expect(await phoneB.locator(`#message-${bMsg.id}.neighbour-msg--mine`).count()).toBe(1);

      // A reads it (theirs, on the left) and answers.
      await phoneA.goto(threadUrl(contactId));
      await phoneA.reload();
      await see(phoneA, `#neighbour-thread #message-${bMsg.id}-body`, B_SAYS);
      expect(await phoneA.locator(`#message-${bMsg.id}.neighbour-msg--theirs`).count()).toBe(1);
      await phoneA.fill('#neighbour-thread #thread-input textarea', A_SAYS);
      await phoneA.click('#neighbour-thread #thread-send');
      await see(phoneA, '#neighbour-thread #thread-messages', A_SAYS);
      const [aMsg] = await sql()`select id, author_id from neighbour_messages where body = ${A_SAYS}`;
      expect(aMsg.author_id).toBe(user.a.id);
      await snap(phoneA, 'neighbours-05-thread');
      await expectElderly(phoneA, 'a thread with messages both ways');

      await phoneB.reload();
      await see(phoneB, `#neighbour-thread #message-${aMsg.id}-body`, A_SAYS);
      await phoneB.close();
      await phoneA.close();
    });

    it('A blocks B from the thread: neither directory lists the other; B’s thread reads 对方暂时不方便', async () => {
      // Before: each one's directory lists the other.
      const phoneA = await a.context.newPage();
      await phoneA.goto(dirUrl(B_TAG));
      await directoryShown(phoneA);
      await see(phoneA, `#neighbours #neighbour-${cardB}-name`, B_NAME);
      const phoneB = await b.context.newPage();
      await phoneB.goto(dirUrl(TAG));
      await directoryShown(phoneB);
      await see(phoneB, `#neighbours #neighbour-${cardA}-name`, A_NAME);

      // A blocks B from the thread's 更多 menu.
      await phoneA.goto(threadUrl(contactId));
      await phoneA.waitForSelector('#neighbour-thread #thread-menu', { timeout: 20_000 });
      await phoneA.click('#neighbour-thread #thread-menu');
      await phoneA.waitForSelector('#neighbour-thread #thread-block', { timeout: 10_000 });
      await phoneA.click('#neighbour-thread #thread-block');
      await confirmModal(phoneA);
      await phoneA.waitForSelector('#neighbour-contacts', { timeout: 20_000 });
      await expect
        .poll(
          async () =>
            (await sql()`select 1 from neighbour_blocks where blocker_id = ${user.a.id} and blocked_id = ${user.b.id}`)
              .length,
          { timeout: 20_000 },
        )
        .toBe(1);
      const [closed] = await sql()`select state from neighbour_contacts where id = ${contactId}`;
      expect(closed.state).not.toBe('accepted');

      // A's directory no longer lists B…
      await phoneA.goto('about:blank');
      await phoneA.goto(dirUrl(B_TAG));
      await directoryShown(phoneA);
      expect(await phoneA.locator(`#neighbours #neighbour-${cardB}`).count()).toBe(0);
      // …nor does B's list A (not even under the tag A shows).
      await phoneB.goto('about:blank');
      await phoneB.goto(dirUrl(TAG));
      await directoryShown(phoneB);
      expect(await phoneB.locator(`#neighbours #neighbour-${cardA}`).count()).toBe(0);
      // And the server agrees, both ways.
      const dirA = await call(
        'GET',
        `/api/committees/${communityId}/neighbours?tag=${encodeURIComponent(B_TAG)}`,
        user.a.token,
      );
      expect(dirA.status).toBe(200);
      expect(dirA.body.items.map((c: { id: number }) => c.id)).not.toContain(cardB);
      const dirB = await call(
        'GET',
        `/api/committees/${communityId}/neighbours?tag=${encodeURIComponent(TAG)}`,
        user.b.token,
      );
      expect(dirB.status).toBe(200);
      expect(dirB.body.items.map((c: { id: number }) => c.id)).not.toContain(cardA);

      // B (the blocked one, not told): the thread reads 对方暂时不方便 and has no input.
      await phoneB.goto(threadUrl(contactId));
      await see(phoneB, '#neighbour-thread #thread-closed', '对方暂时不方便');
      expect(await phoneB.locator('#neighbour-thread #thread-input').count()).toBe(0);
      expect(await phoneB.locator('#neighbour-thread #thread-send').count()).toBe(0);
      // The words they wrote are still hers to read.
      await see(phoneB, '#neighbour-thread #thread-messages', B_SAYS);
      await snap(phoneB, 'neighbours-06-blocked-thread');
      await expectElderly(phoneB, 'a thread closed by the other side');
      // A's card, opened by its link, is gone for B.
      await phoneB.goto(cardUrl(cardA));
      await phoneB.waitForSelector('#neighbour-card-page #neighbour-card-gone', { timeout: 20_000 });
      expect(await phoneB.locator('#neighbour-card-page').innerText()).not.toContain(A_NAME);
      await expectElderly(phoneB, 'a card no longer visible');
      await phoneB.close();
      await phoneA.close();
    });

    it('a resident of another community gets no card from A’s link', async () => {
      // The API: 404, as for any object of a community the caller does not belong to.
      const res = await call('GET', `/api/committees/${communityId}/neighbours/cards/${cardA}`, user.outsider.token);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(A_NAME);

      // The link as shared (梧桐里's): the page offers only to join; nothing of A's card shows.
      const phone = await outsider.context.newPage();
      await phone.goto(cardUrl(cardA));
      await phone.waitForSelector('#neighbour-card-page #neighbours-members-only', { timeout: 20_000 });
      const shown = await phone.locator('#neighbour-card-page').innerText();
      expect(shown).not.toContain(A_NAME);
      expect(shown).not.toContain(TAG);
      await snap(phone, 'neighbours-07-outsider-link');
      await expectElderly(phone, 'A’s card link opened by another community’s resident');

      // The same card id under the outsider's own community: the not-found state.
      await phone.goto('about:blank');
      await phone.goto(cardUrl(cardA, otherCommunityId));
      await phone.waitForSelector('#neighbour-card-page #neighbour-card-gone', { timeout: 20_000 });
      expect(await phone.locator('#neighbour-card-page').innerText()).not.toContain(A_NAME);
      await snap(phone, 'neighbours-08-outsider-not-found');
      await expectElderly(phone, 'not found, another community');
      await phone.close();
    });

    it('the committee’s 找邻居管理 shows figures and never a thread’s words', async () => {
      const desk = await moderator.context.newPage();
      await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
      await desk.goto(`${server.url}/#/packages/admin/neighbours/index`);
      await desk.waitForSelector('#admin-neighbours #neighbour-figures', { timeout: 30_000 });
      const [counts] = await sql()`
      select count(*) filter (where listed and state = 'visible')::int as listed, count(*)::int as cards
      from neighbour_cards where community_id = ${communityId}`;
      const figure = async (id: string) =>
        Number((await see(desk, `#neighbour-figures #${id} .count-value`, /\d/)).trim());
      expect(await figure('nb-count-listed')).toBe(counts.listed);
      expect(await figure('nb-count-cards')).toBe(counts.cards);
      expect(await figure('nb-count-blocks')).toBeGreaterThanOrEqual(1);
      // A's card is in the list, as neighbours see it.
      await desk.waitForSelector('#admin-neighbours #neighbour-cards', { timeout: 20_000 });
      await desk.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      const page = await desk.locator('body').innerText();
      for (const words of [REQUEST, B_SAYS, A_SAYS]) expect(page).not.toContain(words);
      await snap(desk, 'neighbours-09-admin');
      await expectElderly(desk, '找邻居管理');
      // The figures' reply carries no message text either.
      const signIn = await call('POST', '/api/auth/password', null, { username: 'wutong', password: 'shequyun-demo' });
      const figures = await call('GET', `/api/committees/${communityId}/neighbour-admin/figures`, signIn.body.token);
      expect(figures.status).toBe(200);
      for (const words of [REQUEST, B_SAYS, A_SAYS]) expect(JSON.stringify(figures.body)).not.toContain(words);
      await desk.close();
    });
  },
);
