/**
 * E2E of 议事厅 on the H5 build in Chromium, against the real server with the demo seed, as one
 * story: the demo resident proposes a topic (我要提议), two other households co-sign it (one in
 * its browser, one through the API) and it goes to review; the moderator accepts it with a plan;
 * the resident comments and asks, the moderator answers; the moderator starts an owners' vote of
 * 1号楼 under 民法典第278条 (一般事项); residents vote on the ballot page, the moderator records a
 * paper ballot (代录, with its photo) and more paper ballots come through the API until two thirds
 * took part; the vote is closed by the job runner; the 公示 page shows every figure, threshold and
 * the outcome; the moderator moves the topic to 实施 with an update, then to 成效评价; the
 * resident rates it 4 stars and sees the average. Also: the shared vote link opened cold in a
 * fresh browser goes through sign-in to that vote; a vote's message opens that vote. Screenshots
 * of each step go to test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appJobs } from '../../server/jobs';
import { createJobRunner } from '../../server/platform/jobs';
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

const TITLE = '1号楼门口加装电动车充电桩';
const BODY = '1号楼门口晚上常有人从楼上拉电线给电动车充电，很危险。建议在门口空地装一排充电桩，刷卡充电。';
const PLACE = '1号楼北面空地';
const PLAN = '先请物业测算费用和位置，再请1号楼的业主投票决定。';
const REMARK = '支持，晚上下楼看到电线拖在地上很担心。';
const QUESTION = '充电桩的电费怎么收？会不会比家里贵？';
const ANSWER = '按实际用电收费，每度电和家里电价一样，另收少量服务费。';
const UPDATE = '充电桩已经装好6个，今天起可以扫码充电。';
const RATING = '装好以后楼道里再也没有电线了，很放心';

/** A day in China time, `days` from now (2026-12-05). */
function chinaDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

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

/** A small photo, as a phone would send one. */
const photo = (r: number) =>
  sharp({ create: { width: 480, height: 640, channels: 3, background: { r, g: 200, b: 180 } } })
    .png()
    .toBuffer();

interface TallyView {
  outcome: string;
  electors: { count: number; heads: number; areaCenti: number };
  participated: { count: number; heads: number; areaCenti: number };
  byChannel: { self: number; proxy: number; paper: number };
  participation: Array<{ key: string; met: boolean }>;
  options: Array<{
    optionId: number;
    label: string;
    ballots: number;
    approved: boolean;
    approval: Array<{ key: string; met: boolean }>;
  }>;
}

describe.runIf(hasChromium)('议事厅: propose → co-sign → accept → discuss → 278 vote → 公示 → 实施 → rating', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let moderator: Browser;
  let resident: Browser;
  let neighbour: Browser;
  const fresh: Browser[] = [];
  let communityId: number;
  let building: { id: number; name: string };
  let modToken: string;
  let demoToken: string;
  /** Two owners of 1号楼 who joined for this story (their own owner-occupied units). */
  const owners = ['e2e-agora-owner-a', 'e2e-agora-owner-b'];
  let topicId: number;
  let voteId: number;
  let options: { yes: number; no: number; abstain: number };

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
  /** A staff upload (a paper ballot's photo), as the admin page sends it. */
  async function upload(r: number): Promise<number> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await photo(r))], { type: 'image/png' }), '纸质票.png');
    const res = await fetch(`${server.url}/api/committees/${communityId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${modToken}` },
      body: form,
    });
    const raw = await res.text();
    if (!res.ok) throw new Error(`upload: ${res.status} ${raw}`);
    return (JSON.parse(raw) as { id: number }).id;
  }

  const topicUrl = () => `${server.url}/#/packages/agora/topic/index?id=${topicId}&communityId=${communityId}`;
  const voteUrl = () => `${server.url}/#/packages/agora/vote/index?id=${voteId}&communityId=${communityId}`;
  const adminTopicUrl = () => `${server.url}/#/packages/admin/topic-detail/index?id=${topicId}`;
  const stage = async () => (await sql()`select stage from topics where id = ${topicId}`)[0].stage as string;

  beforeAll(async () => {
    server = await startServer();
    const [community] = await sql()`select id from communities where name = '梧桐里居委会'`;
    communityId = community.id;
    [building] = await sql()`select id, name from buildings where community_id = ${communityId} and name = '1号楼'`;
    modToken = (
      await api<{ token: string }>('POST', '/api/auth/password', null, {
        username: 'wutong',
        password: 'shequyun-demo',
      })
    ).token;
    demoToken = await wechat(DEMO_RESIDENT_CODE);
    // Two co-signing households are enough in this story (the demo community asks for 5).
    const settings = await api<Record<string, unknown>>(
      'GET',
      `/api/committees/${communityId}/agora/settings`,
      modToken,
    );
    await api('PUT', `/api/committees/${communityId}/agora/settings`, modToken, {
      cosignThreshold: 2,
      cosignDays: settings.cosignDays,
      ratingDays: settings.ratingDays,
      silentMajority: false,
    });
    // Two owners of 1号楼 join (approved) for their own owner-occupied units.
    const free = await sql()`
      select id from households where building_id = ${building.id} and owner_occupied and floor_area is not null
        and id not in (select household_id from memberships where household_id is not null)
      order by id limit 2`;
    expect(free.length).toBe(2);
    for (const [i, code] of owners.entries()) {
      const signIn = await api<{ user: { id: number } }>('POST', '/api/auth/wechat', null, { code });
      await sql()`insert into memberships (community_id, user_id, household_id, role, status)
        values (${communityId}, ${signIn.user.id}, ${free[i].id}, 'resident', 'approved')`;
    }
    moderator = await openBrowser({ wide: true });
    resident = await residentBrowser(DEMO_RESIDENT_CODE);
    neighbour = await residentBrowser(owners[0]);
  }, 120_000);

  afterEach(() => expectNoPageProblems(moderator, resident, neighbour, ...fresh));

  afterAll(async () => {
    for (const b of fresh) await b.close();
    await neighbour?.close();
    await resident?.close();
    await moderator?.close();
    await server?.close();
  });

  it('a resident proposes; two other households co-sign; it goes to the committee', async () => {
    const phone = await resident.context.newPage();
    await phone.goto(`${server.url}/#/packages/agora/index?communityId=${communityId}`);
    await phone.click('#agora #agora-propose');
    await phone.waitForSelector('#agora-propose #propose-title', { timeout: 20_000 });
    await phone.fill('#agora-propose #propose-title input', TITLE);
    await phone.fill('#agora-propose #propose-body textarea', BODY);
    await phone.fill('#agora-propose #propose-place input', PLACE);
    await see(phone, '#agora-propose #propose-count', `${BODY.length}/`);
    await snap(phone, 'agora-01-propose');
    await expectElderly(phone, 'propose, filled in');
    await phone.click('#agora-propose #propose-submit');
    await phone.waitForSelector('#agora-topic #topic-view', { timeout: 20_000 });
    const [topic] = await sql()`select id, stage, state, place, cosign_needed from topics where title = ${TITLE}`;
    expect(topic).toMatchObject({ stage: 'collecting', state: 'visible', place: PLACE, cosign_needed: 2 });
    topicId = topic.id;
    await see(phone, '#agora-topic #topic-title', TITLE);
    await see(phone, '#agora-topic #topic-place', PLACE);
    await see(phone, '#agora-topic #topic-stage-label', '征集附议');
    await see(phone, '#agora-topic #topic-cosign-progress-text', '附议 0 / 2 户');
    await see(phone, '#agora-topic #topic-cosign-mine', '这是您提的议题');
    expect(await phone.locator('#agora-topic #topic-cosign-button').count()).toBe(0);
    await snap(phone, 'agora-02-proposed');

    // A neighbour of another household finds it in 征集中 and co-signs in the page.
    const other = await neighbour.context.newPage();
    await other.goto(`${server.url}/#/packages/agora/index?communityId=${communityId}`);
    await see(other, `#agora #topic-${topicId}`, TITLE);
    await other.click(`#agora #topic-${topicId}`);
    await see(other, '#agora-topic #topic-title', TITLE);
    await snap(other, 'agora-03-cosign-before');
    await expectElderly(other, 'topic in 征集附议, before co-signing');
    await other.click('#agora-topic #topic-cosign-button');
    await see(other, '#agora-topic #topic-cosigned', '您家已附议');
    await see(other, '#agora-topic #topic-cosign-progress-text', '附议 1 / 2 户');
    await snap(other, 'agora-04-cosigned');
    expect(await stage()).toBe('collecting');

    // The second household co-signs through the API: the threshold is reached, review.
    const second = await api<{ stage: string; cosignCount: number }>(
      'POST',
      `/api/committees/${communityId}/topics/${topicId}/cosign`,
      await wechat(owners[1]),
    );
    expect(second).toMatchObject({ stage: 'reviewing', cosignCount: 2 });
    const cosigns = await sql()`select count(*)::int as n from topic_cosigns where topic_id = ${topicId}`;
    expect(cosigns[0].n).toBe(2);
    await phone.reload();
    await see(phone, '#agora-topic #topic-stage-label', '等待居委审核');
  });

  it('the moderator accepts it with a plan; the resident comments and asks; the moderator answers', async () => {
    const desk = await moderator.context.newPage();
    await staffSignIn(desk, server.url, 'wutong', 'shequyun-demo');
    await desk.goto(`${server.url}/#/packages/admin/topics/index`);
    await see(desk, `#admin-topics #topic-${topicId}`, TITLE);
    await see(desk, `#admin-topics #topic-${topicId}-meta`, '附议 2/2户');
    await snap(desk, 'agora-05-admin-topics');
    await desk.click(`#admin-topics #topic-${topicId}`);
    await see(desk, '#admin-topic-detail #topic-stage', '等待居委审核');
    await desk.click('#admin-topic-detail #topic-accept');
    await desk.fill('#topic-accept-dialog #topic-accept-reason textarea', PLAN);
    await snap(desk, 'agora-06-accept-dialog');
    await desk.click('#topic-accept-dialog #topic-accept-confirm');
    await see(desk, '#admin-topic-detail #topic-stage', '议事中');
    await see(desk, '#admin-topic-detail #topic-plan', PLAN.slice(0, 10));
    expect(await stage()).toBe('discussing');

    // The resident reads the plan, comments and asks a question.
    const phone = await resident.context.newPage();
    await phone.goto(topicUrl());
    await see(phone, '#agora-topic #topic-stage-label', '议事中');
    await see(phone, '#agora-topic #topic-plan', PLAN.slice(0, 10));
    await phone.fill('#agora-topic #discussion-box-input textarea', REMARK);
    await phone.click('#agora-topic #discussion-box-submit');
    await expect
      .poll(async () => (await sql()`select kind from topic_comments where body = ${REMARK}`)[0]?.kind, {
        timeout: 10_000,
      })
      .toBe('comment');
    await see(phone, '#agora-topic #topic-discussion', REMARK.slice(0, 8));
    await phone.click('#agora-topic #discussion-kind-question');
    await see(phone, '#agora-topic #discussion-box-submit', '提问');
    await phone.fill('#agora-topic #discussion-box-input textarea', QUESTION);
    await phone.click('#agora-topic #discussion-box-submit');
    let questionId = 0;
    await expect
      .poll(
        async () => {
          questionId = (await sql()`select id from topic_comments where body = ${QUESTION} and kind = 'question'`)[0]
            ?.id;
          return questionId;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    await see(phone, `#agora-topic #tc-${questionId}-waiting`, '等待居委会回答');
    await snap(phone, 'agora-07-discussion');

    // The moderator answers the question in the topic's admin page.
    await desk.reload();
    await see(desk, `#admin-topic-detail #question-${questionId}`, QUESTION.slice(0, 8));
    await desk.fill(`#admin-topic-detail #answer-${questionId}-body textarea`, ANSWER);
    await desk.click(`#admin-topic-detail #answer-${questionId}-send`);
    await see(desk, '#admin-topic-detail #topic-questions', ANSWER.slice(0, 8));
    const [answer] = await sql()`select id, official, answers_id from topic_comments where body = ${ANSWER}`;
    expect(answer).toMatchObject({ official: true, answers_id: questionId });

    await phone.reload();
    await see(phone, `#agora-topic #tc-${questionId}-answer-${answer.id}`, ANSWER.slice(0, 8));
    await see(phone, `#agora-topic #tc-${questionId}-answer-${answer.id}`, '居委答复');
    await snap(phone, 'agora-08-answered');
    await expectElderly(phone, 'topic in 议事中 with a question answered');
  });

  it('the moderator starts an owners’ vote of 1号楼 under 民法典第278条, closing soon', async () => {
    const desk = await moderator.context.newPage();
    await desk.goto(adminTopicUrl());
    await desk.click('#admin-topic-detail #topic-vote-new');
    await desk.waitForSelector('#admin-vote-new #vote-new', { timeout: 20_000 });
    await see(desk, '#admin-vote-new #vote-new-topic', TITLE);
    expect(await desk.inputValue('#admin-vote-new #vote-title input')).toBe(TITLE);
    await desk.click('#admin-vote-new #vote-kind-motion');
    await desk.click('#admin-vote-new #vote-electorate-owner');
    await desk.click('#admin-vote-new #vote-rule-civil_278');
    await see(desk, '#admin-vote-new #vote-rule-explain', '三分之二');
    await desk.click('#admin-vote-new #vote-civil-item-9');
    await desk.click(`#admin-vote-new #vote-building-${building.id}`);
    await desk.fill('#admin-vote-new #vote-closes-date input', chinaDay(1));
    await desk.fill('#admin-vote-new #vote-closes-time input', '18:00');
    await snap(desk, 'agora-09-vote-new');
    await desk.click('#admin-vote-new #vote-new-send');
    await desk.waitForSelector('#admin-vote-detail #vote-detail', { timeout: 20_000 });
    const [vote] =
      await sql()`select id, kind, electorate, rule, civil_item, status from votes where topic_id = ${topicId}`;
    expect(vote).toMatchObject({
      kind: 'motion',
      electorate: 'owner',
      rule: 'civil_278',
      civil_item: 9,
      status: 'open',
    });
    voteId = vote.id;
    const electors = await sql()`select building_id from vote_electors where vote_id = ${voteId}`;
    expect(electors.length).toBe(24); // 1号楼: 2 units × 6 floors × 2 doors
    expect(new Set(electors.map((e) => e.building_id))).toEqual(new Set([building.id]));
    const opts = await sql()`select id, motion_role from vote_options where vote_id = ${voteId} order by position`;
    const role = (r: string) => opts.find((o) => o.motion_role === r)?.id as number;
    options = { yes: role('yes'), no: role('no'), abstain: role('abstain') };
    expect(Object.values(options).every((id) => id > 0)).toBe(true);
    await see(desk, '#admin-vote-detail #vote-status', '投票中');
    await see(desk, '#admin-vote-detail #vote-turnout', '已投 0 / 24');
    expect(await stage()).toBe('voting');
  });

  it('residents vote on the ballot page; the moderator records a paper ballot with its photo', async () => {
    // The demo resident (1号楼 1单元 302) from the topic's vote card.
    const phone = await resident.context.newPage();
    await phone.goto(topicUrl());
    await see(phone, '#agora-topic #topic-stage-label', '投票中');
    await phone.click('#agora-topic #topic-vote-open');
    await see(phone, '#agora-vote #vote-title', TITLE);
    await see(phone, '#agora-vote #vote-rule', '三分之二');
    await see(phone, '#agora-vote #vote-electorate', '1号楼');
    await phone.click(`#agora-vote #ballot-option-${options.yes}`);
    await snap(phone, 'agora-10-ballot');
    await expectElderly(phone, 'ballot page, 赞成 chosen');
    await phone.click('#agora-vote #ballot-submit');
    await confirmModal(phone);
    await see(phone, '#agora-vote #my-ballot-choice', '赞成');
    await see(phone, '#agora-vote #vote-turnout', '已有 1 / 24');
    await snap(phone, 'agora-11-voted');

    // The co-signing neighbour votes too.
    const other = await neighbour.context.newPage();
    await other.goto(voteUrl());
    await see(other, '#agora-vote #vote-title', TITLE);
    await other.click(`#agora-vote #ballot-option-${options.yes}`);
    await other.click('#agora-vote #ballot-submit');
    await confirmModal(other);
    await see(other, '#agora-vote #my-ballot-choice', '赞成');

    // The second owner through the API.
    await api('PUT', `/api/committees/${communityId}/votes/${voteId}/ballot`, await wechat(owners[1]), {
      optionIds: [options.yes],
    });
    const cast = await sql()`select channel, option_ids, version from ballots where vote_id = ${voteId}`;
    expect(cast.map((b) => `${b.channel}:${b.option_ids.join()}:${b.version}`).sort()).toEqual(
      Array(3).fill(`self:${options.yes}:1`),
    );

    // 代录: the moderator records a door-to-door paper ballot for a household without a ballot.
    const electors = await api<{ items: Array<{ electorId: number; area: number; voted: boolean; label: string }> }>(
      'GET',
      `/api/committees/${communityId}/votes/${voteId}/electors?limit=200`,
      modToken,
    );
    const waiting = electors.items.filter((e) => !e.voted).sort((a, b) => b.area - a.area);
    expect(waiting.length).toBe(21);
    const [paperFor, ...rest] = waiting;
    const desk = await moderator.context.newPage();
    await desk.goto(`${server.url}/#/packages/admin/vote-detail/index?id=${voteId}`);
    await see(desk, '#admin-vote-detail #vote-turnout', '已投 3 / 24');
    await desk.click(`#admin-vote-detail #elector-paper-${paperFor.electorId}`);
    await see(desk, '#paper-dialog #paper-elector', paperFor.label);
    await desk.click(`#paper-dialog #paper-option-${options.yes}`);
    await desk.fill('#paper-dialog #paper-signer input', '刘建华');
    const [chooser] = await Promise.all([
      desk.waitForEvent('filechooser', { timeout: 20_000 }),
      desk.click('#paper-dialog #paper-photo-add'),
    ]);
    await chooser.setFiles({ name: '纸质票.png', mimeType: 'image/png', buffer: await photo(90) });
    await desk.waitForSelector('#paper-dialog [id^="paper-photo-photo-"]', { timeout: 20_000 });
    await snap(desk, 'agora-12-paper-ballot');
    await desk.click('#paper-dialog #paper-confirm');
    await desk.waitForSelector('#paper-dialog', { state: 'detached', timeout: 20_000 });
    await see(desk, `#admin-vote-detail #elector-${paperFor.electorId}-state`, '纸质票代录');
    const [paper] = await sql()`select channel, paper_signer, paper_upload_id, recorded_by from ballots
      where vote_id = ${voteId} and elector_id = ${paperFor.electorId}`;
    expect(paper).toMatchObject({ channel: 'paper', paper_signer: '刘建华' });
    expect(paper.paper_upload_id).not.toBeNull();
    expect(paper.recorded_by).not.toBeNull();

    // More paper ballots come in (API) until 18 of the 24 units took part: 15 赞成, 2 反对, 1 弃权
    // in all, from the largest units (so two thirds of the area took part too).
    const choices = [...Array(11).fill(options.yes), options.no, options.no, options.abstain];
    for (const [i, optionId] of choices.entries()) {
      await api('POST', `/api/committees/${communityId}/votes/${voteId}/paper-ballots`, modToken, {
        electorId: rest[i].electorId,
        optionIds: [optionId],
        signer: `业主${i + 1}`,
        signedOn: chinaDay(0),
        uploadId: await upload(100 + i),
      });
    }
    await desk.reload();
    await see(desk, '#admin-vote-detail #vote-turnout', '已投 18 / 24');
    await snap(desk, 'agora-13-admin-vote-18');
  });

  it('a shared vote link opened cold goes through sign-in to that vote', async () => {
    const stranger = await openBrowser({ firstOpen: true });
    fresh.push(stranger);
    const tab = await stranger.context.newPage();
    await tab.goto(voteUrl());
    await tab.waitForSelector('#consent-dialog', { timeout: 20_000 });
    await tab.click('#consent-accept');
    // A new WeChat user of this browser, not a member: the server answers 404 (the vote does not
    // exist for outsiders), and the page offers to join that community instead of 没有找到.
    await tab.waitForSelector('#agora-vote #vote-members-only', { timeout: 20_000 });
    await see(tab, '#agora-vote #vote-join', '申请加入');
    expect(await tab.locator('#agora-vote #vote-title').count()).toBe(0);
    await snap(tab, 'agora-14-shared-link-cold');
    await tab.click('#agora-vote #vote-back-home');
    await tab.waitForSelector('#home #home-demo-resident', { timeout: 20_000 });
    await tab.click('#home #home-demo-resident');
    await confirmModal(tab);
    await see(tab, '#home #home-community-name', '梧桐里居委会');
    await tab.goto(voteUrl());
    await tab.reload();
    await see(tab, '#agora-vote #vote-title', TITLE);
    await see(tab, '#agora-vote #my-ballot-choice', '赞成');
    await snap(tab, 'agora-15-shared-link-signed-in');
  });

  it('the close job freezes the result; the 公示 page shows the figures, each threshold and the outcome', async () => {
    await sql()`update votes set closes_at = now() - interval '1 second' where id = ${voteId}`;
    await createJobRunner(server.deps, appJobs(), { workerId: 'e2e-agora' }).runDue();
    const [closed] = await sql()`select status, result from votes where id = ${voteId}`;
    expect(closed.status).toBe('closed');
    const r = closed.result as TallyView;
    expect(r.outcome).toBe('passed');
    expect(r.electors.count).toBe(24);
    expect(r.participated.count).toBe(18);
    expect(r.byChannel).toEqual({ self: 3, proxy: 0, paper: 15 });
    expect(r.participation.map((t) => `${t.key}:${t.met}`).sort()).toEqual([
      'participation_area:true',
      'participation_heads:true',
    ]);
    const yes = r.options.find((o) => o.optionId === options.yes);
    expect(yes).toMatchObject({ ballots: 15, approved: true });
    expect(r.options.find((o) => o.optionId === options.no)?.ballots).toBe(2);
    expect(r.options.find((o) => o.optionId === options.abstain)?.ballots).toBe(1);
    expect(await stage()).toBe('publicized');
    // Ballots after the close are refused by the server.
    await expect(
      api('PUT', `/api/committees/${communityId}/votes/${voteId}/ballot`, demoToken, { optionIds: [options.no] }),
    ).rejects.toThrow(/409|VOTE_CLOSED/);

    // The resident: the topic says 结果公示; the vote page says it passed and leads to the 公示.
    const page = await api<{ outcomeText: string }>(
      'GET',
      `/api/committees/${communityId}/votes/${voteId}/result`,
      demoToken,
    );
    const phone = await resident.context.newPage();
    await phone.goto(topicUrl());
    await see(phone, '#agora-topic #topic-stage-label', '结果公示');
    await phone.goto(voteUrl());
    await see(phone, '#agora-vote #vote-outcome', '通过');
    await phone.click('#agora-vote #vote-publicity');
    await see(phone, '#agora-result #result-title', TITLE);
    await see(phone, '#agora-result #result-outcome', page.outcomeText);
    await see(phone, '#agora-result #result-electors', '24 户');
    await see(phone, '#agora-result #result-participated', '18 户');
    await see(phone, '#agora-result #result-channels', '本人投票 3');
    await see(phone, '#agora-result #result-channels', '纸质票代录 15');
    await see(phone, '#agora-result #result-owners', `参加 ${r.participated.heads} / ${r.electors.heads} 人`);
    for (const t of r.participation) {
      await see(phone, `#agora-result #result-participation-${t.key}-met`, '✓ 达到');
    }
    for (const o of r.options) {
      await see(phone, `#agora-result #result-option-${o.optionId}-count`, `${o.ballots} 票`);
      for (const t of o.approval) {
        await see(phone, `#agora-result #result-option-${o.optionId}-${t.key}-met`, t.met ? '✓ 达到' : '✗ 未达到');
      }
    }
    await see(phone, '#agora-result #result-rule', '民法典第278条一般事项');
    await snap(phone, 'agora-16-publicity');
    await expectElderly(phone, '公示 page of a closed 278 vote');
    expect(phone.url()).toContain('/packages/agora/result/index');
  });

  it('the moderator moves to 实施 and posts an update, then to 成效评价; the resident rates 4 stars', async () => {
    const desk = await moderator.context.newPage();
    await desk.goto(adminTopicUrl());
    await see(desk, '#admin-topic-detail #topic-stage', '结果公示');
    await desk.click('#admin-topic-detail #topic-move-implementing');
    await see(desk, '#admin-topic-detail #topic-stage', '实施中');
    await desk.click('#admin-topic-detail #topic-update');
    await desk.fill('#update-form #update-body textarea', UPDATE);
    await desk.fill('#update-form #update-date input', chinaDay(0));
    await snap(desk, 'agora-17-update-form');
    await desk.click('#update-form #update-send');
    await desk.waitForSelector('#update-form', { state: 'detached', timeout: 20_000 });
    const [update] = await sql()`select id, happened_on from topic_updates where topic_id = ${topicId}`;
    expect(update.happened_on).toBe(chinaDay(0));
    await see(desk, `#admin-topic-detail #topic-update-${update.id}`, UPDATE.slice(0, 8));

    // The resident sees the update with its date.
    const phone = await resident.context.newPage();
    await phone.goto(topicUrl());
    await see(phone, '#agora-topic #topic-stage-label', '实施中');
    await see(phone, `#agora-topic #update-${update.id}`, UPDATE.slice(0, 8));
    const [, month, day] = chinaDay(0).split('-').map(Number);
    await see(phone, `#agora-topic #update-${update.id}`, `${month}月${day}日`);
    await snap(phone, 'agora-18-update');

    await desk.click('#admin-topic-detail #topic-move-rating');
    await see(desk, '#admin-topic-detail #topic-stage', '成效评价');
    expect(await stage()).toBe('rating');

    await phone.reload();
    await see(phone, '#agora-topic #topic-stage-label', '成效评价');
    await see(phone, '#agora-topic #topic-rating-none', '还没有住户评价');
    await phone.click('#agora-topic #rate-stars-4');
    await phone.fill('#agora-topic #rate-comment textarea', RATING);
    await expectElderly(phone, 'topic in 成效评价, 4 stars chosen');
    await phone.click('#agora-topic #rate-submit');
    await see(phone, '#agora-topic #topic-rating-average', '平均 4.0 星，1 户评价');
    await see(phone, '#agora-topic #topic-rating-mine', '4 星');
    await see(phone, '#agora-topic #topic-rating', RATING.slice(0, 8));
    await snap(phone, 'agora-19-rated');
    const [rating] = await sql()`select score, comment from topic_ratings where topic_id = ${topicId}`;
    expect(rating).toMatchObject({ score: 4, comment: RATING });
    const stages =
      await sql()`select to_stage from topic_events where topic_id = ${topicId} and to_stage is not null order by id`;
    // Each stage once, in order (a move may write more than one line, e.g. 附议够了 and the move).
    expect(stages.map((s) => s.to_stage).filter((v, i, all) => v !== all[i - 1])).toEqual([
      'collecting',
      'reviewing',
      'discussing',
      'voting',
      'publicized',
      'implementing',
      'rating',
    ]);
  });

  it('the message about the closed vote opens that vote', async () => {
    const messages = await api<{ items: Array<{ title: string; link: string | null }> }>(
      'GET',
      '/api/me/messages?limit=50',
      demoToken,
    );
    const closedMessage = messages.items.find((m) => m.title.includes(`投票结束：${TITLE}`));
    expect(closedMessage?.link).toBeTruthy();
    const phone = await resident.context.newPage();
    await phone.goto(`${server.url}/#${closedMessage?.link}`);
    await see(phone, '#agora-vote #vote-title', TITLE);
  });
});
