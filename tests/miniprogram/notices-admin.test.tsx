import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAdminCommunity } from '../../miniprogram/hooks/admin';
import type { ChosenFile } from '../../miniprogram/lib/notice-files';
import AdminNoticeEdit from '../../miniprogram/packages/admin/notice-edit/index';
import AdminNoticeReads from '../../miniprogram/packages/admin/notice-reads/index';
import AdminNoticeSignups from '../../miniprogram/packages/admin/notice-signups/index';
import AdminNotices from '../../miniprogram/packages/admin/notices/index';
import { type Call, errorReply, fakeServer, membership, resetApp, signInAs, user } from './helpers';
import Taro, { router } from './stubs/taro';

/** What the file picker hands back next (the browser's <input type=file> cannot be driven in jsdom). */
let nextChosen: ChosenFile[] = [];
vi.mock('../../miniprogram/lib/notice-files', async (original) => ({
  ...(await original<typeof import('../../miniprogram/lib/notice-files')>()),
  chooseNoticeFiles: vi.fn(async () => nextChosen),
}));

beforeEach(() => {
  resetApp();
  chooseAdminCommunity(null);
  nextChosen = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const type = (selector: string, value: string) => fireEvent.change($(selector) as HTMLElement, { target: { value } });
const click = async (selector: string) => {
  const el = $(selector);
  if (!el) throw new Error(`no ${selector}`);
  await act(async () => {
    fireEvent.click(el);
  });
};
const modalContent = (i: number) => (Taro.showModal.mock.calls[i][0] as { content: string }).content;
const posts = (calls: Call[], suffix: string) => calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));

const hex = (n: number) => String(n).repeat(64).slice(0, 64);

function upload(id: number, kind: 'image' | 'pdf') {
  const file = `/api/files/${hex(id)}.${kind === 'image' ? 'jpg' : 'pdf'}?exp=1700000000&sig=abc`;
  return {
    id,
    kind,
    name: kind === 'image' ? `照片${id}.jpg` : `文件${id}.pdf`,
    byteSize: 1000,
    width: kind === 'image' ? 800 : null,
    height: kind === 'image' ? 600 : null,
    isPublic: false,
    urls:
      kind === 'image'
        ? { display: file, thumbnail: file, original: null }
        : { display: null, thumbnail: null, original: file },
  };
}

function signup(over: Partial<Record<string, unknown>> = {}) {
  return {
    capacity: 30,
    deadline: '2030-12-05T10:00:00.000Z',
    maxPeople: 2,
    taken: 18,
    waiting: 2,
    open: true,
    mine: null,
    ...over,
  };
}

function notice(id: number, over: Partial<Record<string, unknown>> = {}) {
  return {
    id,
    communityId: 7,
    title: `通知${id}`,
    category: 'notice',
    isPublic: false,
    pinned: false,
    publishedAt: '2026-11-20T02:00:00.000Z',
    editedAt: null,
    expiresAt: null,
    expired: false,
    body: '正文',
    status: 'published',
    audience: 'all',
    buildingIds: [],
    pinnedUntil: null,
    withdrawReason: null,
    version: 1,
    createdAt: '2026-11-19T02:00:00.000Z',
    attachments: [],
    publishAt: null,
    signup: null,
    reads: { read: 0, total: 0 },
    ...over,
  };
}

const buildings = [
  { id: 5, name: '5号楼', households: 20 },
  { id: 3, name: '3号楼', households: 12 },
  { id: 4, name: '4号楼', households: 8 },
];

/** A moderator of 梅园 (community 7) and the server behind the pages. */
function moderator(extra: Parameters<typeof fakeServer>[0] = {}): Call[] {
  signInAs('password', 'staff-token');
  return fakeServer({
    'GET /api/me': () => ({
      body: {
        user: { ...user, id: 9, nickname: '王主任', isStaff: true },
        memberships: [membership({ id: 90, role: 'moderator', status: 'approved', household: null })],
        currentCommunityId: null,
      },
    }),
    'GET /api/committees/:communityId/buildings': () => ({ body: { items: buildings } }),
    ...extra,
  });
}

const published = notice(12, {
  title: '重阳节敬老茶话会',
  category: 'event',
  reads: { read: 12, total: 40 },
  signup: signup(),
});
const scheduled = notice(11, {
  title: '下周停电检修',
  status: 'draft',
  publishedAt: null,
  publishAt: '2030-01-02T00:00:00.000Z',
  reads: null,
});
const draft = notice(10, { title: '还没写完的通知', status: 'draft', publishedAt: null, reads: null });

describe('通知公告 list', () => {
  it('shows each notice with its category, state, time and figures; 定时发布 and 草稿 are told apart among drafts', async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/notices/manage': (call) => {
        const status = call.query.get('status');
        const items = [published, scheduled, draft].filter((n) => !status || n.status === status);
        return { body: { items, nextBeforeId: null } };
      },
    });
    render(<AdminNotices />);
    await waitFor(() => expect($('#notice-12')).toBeTruthy());
    expect($('#notice-category-12')?.textContent).toBe('活动');
    expect($('#notice-state-12')?.textContent).toBe('已发布');
    expect($('#notice-when-12')?.textContent).toBe('发布于 2026年11月20日 10:00');
    expect($('#notice-reads-12')?.textContent).toBe('已读 12/40 户');
    expect($('#notice-signup-12')?.textContent).toBe('报名 18/30 人，排队 2 户');
    expect($('#notice-state-11')?.textContent).toBe('定时发布');
    expect($('#notice-when-11')?.textContent).toBe('将于 2030年1月2日 08:00 发布');
    expect($('#notice-state-10')?.textContent).toBe('草稿');
    // Drafts have no read figures; only a scheduled one can be taken off the schedule; only published ones withdrawn.
    expect($('#notice-reads-10')).toBeNull();
    expect($('#notice-unschedule-11')).toBeTruthy();
    expect($('#notice-unschedule-10')).toBeNull();
    expect($('#notice-withdraw-12')).toBeTruthy();
    expect($('#notice-withdraw-11')).toBeNull();
    expect($('#notice-signups-open-12')).toBeTruthy();

    await click('#notice-tab-scheduled');
    await waitFor(() => expect($$('.notice-admin-item').map((e) => e.id)).toEqual(['notice-11']));
    expect(calls.at(-1)?.query.get('status')).toBe('draft');
    await click('#notice-tab-draft');
    await waitFor(() => expect($$('.notice-admin-item').map((e) => e.id)).toEqual(['notice-10']));
    await click('#notice-tab-withdrawn');
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('没有撤回的通知'));
    expect(calls.at(-1)?.query.get('status')).toBe('withdrawn');
  });

  it('pages on by nextBeforeId; the row actions open the compose, reads and roster pages', async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/notices/manage': (call) =>
        call.query.get('beforeId') === '12'
          ? { body: { items: [draft], nextBeforeId: null } }
          : { body: { items: [published], nextBeforeId: 12 } },
    });
    render(<AdminNotices />);
    await waitFor(() => expect($('#list-more')).toBeTruthy());
    await click('#list-more');
    await waitFor(() => expect($('#notice-10')).toBeTruthy());
    expect(calls.filter((c) => c.path.endsWith('/manage')).map((c) => c.query.get('beforeId'))).toEqual([null, '12']);

    await click('#notice-copy-12');
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/notice-edit/index?copy=12' });
    await click('#notice-edit-12');
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/notice-edit/index?id=12' });
    await click('#notice-reads-open-12');
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/notice-reads/index?id=12' });
    await click('#notice-signups-open-12');
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/notice-signups/index?id=12' });
    await click('#notice-new');
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/notice-edit/index' });
  });

  it('撤回 asks for the reason and sends nothing without one', async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/notices/manage': () => ({ body: { items: [published], nextBeforeId: null } }),
      'POST /api/committees/:communityId/notices/:noticeId/withdraw': (call) => ({
        body: { ...published, status: 'withdrawn', withdrawReason: (call.body as { reason: string }).reason },
      }),
    });
    render(<AdminNotices />);
    await waitFor(() => expect($('#notice-withdraw-12')).toBeTruthy());
    await click('#notice-withdraw-12');
    expect($('#withdraw-dialog')).toBeTruthy();
    await click('#withdraw-confirm');
    expect($('#withdraw-reason-error')?.textContent).toBe('请填写撤回原因');
    type('#withdraw-reason', '   ');
    await click('#withdraw-confirm');
    expect($('#withdraw-reason-error')?.textContent).toBe('请填写撤回原因');
    expect(posts(calls, '/withdraw')).toHaveLength(0);

    type('#withdraw-reason', ' 时间改了，请看新通知 ');
    await click('#withdraw-confirm');
    await waitFor(() => expect($('#withdraw-dialog')).toBeNull());
    const sent = posts(calls, '/withdraw');
    expect(sent.map((c) => [c.path, c.body])).toEqual([
      ['/api/committees/7/notices/12/withdraw', { reason: '时间改了，请看新通知' }],
    ]);
    expect($('#notice-state-12')?.textContent).toBe('已撤回');
    expect($('#notice-withdraw-12')).toBeNull();
  });

  it('取消定时 confirms, then takes the draft off the schedule', async () => {
    const calls = moderator({
      'GET /api/committees/:communityId/notices/manage': () => ({ body: { items: [scheduled], nextBeforeId: null } }),
      'POST /api/committees/:communityId/notices/:noticeId/unschedule': () => ({
        body: { ...scheduled, publishAt: null },
      }),
    });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<AdminNotices />);
    await waitFor(() => expect($('#notice-unschedule-11')).toBeTruthy());
    await click('#notice-unschedule-11');
    expect(modalContent(0)).toContain('2030年1月2日 08:00');
    expect(posts(calls, '/unschedule')).toHaveLength(0);
    await click('#notice-unschedule-11');
    await waitFor(() => expect($('#notice-state-11')?.textContent).toBe('草稿'));
    expect(posts(calls, '/unschedule').map((c) => c.path)).toEqual(['/api/committees/7/notices/11/unschedule']);
  });
});

/** The server of the compose page: a create answers the body back as a draft with id 20. */
function composeServer(extra: Parameters<typeof fakeServer>[0] = {}) {
  return moderator({
    'POST /api/committees/:communityId/notices': (call) => ({
      status: 201,
      body: notice(20, { ...(call.body as object), status: 'draft', publishedAt: null, reads: null, signup: null }),
    }),
    'POST /api/committees/:communityId/notices/:noticeId/publish': (call) => ({
      body: notice(20, {
        status: (call.body as { at: string | null }).at ? 'draft' : 'published',
        publishAt: (call.body as { at: string | null }).at,
      }),
    }),
    ...extra,
  });
}

/** Fills what every notice needs. */
async function fillBasics() {
  await waitFor(() => expect($('#notice-title')).toBeTruthy());
  type('#notice-title', ' 小区停水通知 ');
  type('#notice-body', '明天上午9点到12点停水。\n请提前储水。');
}

describe('写通知', () => {
  it('checks the form with the contract before sending, with messages next to the fields and a title counter', async () => {
    const calls = composeServer();
    render(<AdminNoticeEdit />);
    await waitFor(() => expect($('#notice-save')).toBeTruthy());
    await click('#audience-buildings');
    await click('#notice-save');
    expect($('#notice-title-error')?.textContent).toBe('请填写标题');
    expect($('#notice-body-error')?.textContent).toBe('请填写正文');
    expect($('#notice-buildingIds-error')?.textContent).toBe('请至少选择一栋楼');
    type('#notice-pin', '12月5日');
    expect($('#notice-pin-error')?.textContent).toBe('置顶截止时间不对');
    await click('#category-event');
    await click('#notice-signup-switch');
    type('#notice-capacity', '0');
    expect($('#notice-capacity-error')?.textContent).toBe('名额至少1人');
    expect($('#notice-deadline-error')?.textContent).toContain('请填写报名截止的日期和时间');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    type('#notice-title', '一二三');
    expect(document.body.textContent).toContain('3/60字');
  });

  it('creates a draft with exactly the form: buildings, sign-up settings, attachments in the order shown', async () => {
    const uploads = [upload(101, 'image'), upload(102, 'image'), upload(103, 'pdf')];
    const sent: { url: string; header: Record<string, string>; field: FormDataEntryValue | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: { headers: Record<string, string>; body: FormData }) => {
        sent.push({ url, header: init.headers, field: init.body.get('file') });
        return new Response(JSON.stringify(uploads[sent.length - 1]), { status: 201 });
      }),
    );
    const calls = composeServer();
    render(<AdminNoticeEdit />);
    await fillBasics();
    await click('#category-event');
    await click('#notice-signup-switch');
    type('#notice-capacity', '30');
    type('#notice-deadline-date', '2026-12-05');
    type('#notice-deadline-time', '18:00');
    type('#notice-max-people', '3');
    await click('#audience-buildings');
    await waitFor(() => expect($('#notice-building-5')).toBeTruthy());
    // Buildings in house order.
    expect($$('#notice-buildings .check').map((e) => e.id)).toEqual([
      'notice-building-3',
      'notice-building-4',
      'notice-building-5',
    ]);
    await click('#notice-building-5');
    await click('#notice-building-3');
    type('#notice-expiry', '2026-12-31');

    nextChosen = [
      { name: 'a.jpg', blob: new Blob(['a']) },
      { name: 'b.jpg', blob: new Blob(['b']) },
    ];
    await click('#attachment-add-image');
    await waitFor(() => expect($('#attachment-102')).toBeTruthy());
    nextChosen = [{ name: '方案.pdf', blob: new Blob(['%PDF-']) }];
    await click('#attachment-add-pdf');
    await waitFor(() => expect($('#attachment-103')).toBeTruthy());
    // The upload route: a multipart form with the file as `file`, the staff token, members-only (not 公开).
    expect(sent).toHaveLength(3);
    expect(sent[0].url).toBe('http://api.test/api/committees/7/uploads?visibility=members');
    expect(sent[0].header.Authorization).toBe('Bearer staff-token');
    expect((sent[2].field as File).name).toBe('方案.pdf');

    await click('#attachment-up-103'); // the PDF before the second photo
    await click('#attachment-remove-101');
    await click('#notice-save');
    await waitFor(() => expect(posts(calls, '/notices')).toHaveLength(1));
    expect(posts(calls, '/notices')[0].body).toEqual({
      title: '小区停水通知',
      body: '明天上午9点到12点停水。\n请提前储水。',
      category: 'event',
      isPublic: false,
      audience: 'buildings',
      buildingIds: [5, 3],
      pinnedUntil: null,
      expiresAt: '2026-12-31T15:59:00.000Z',
      uploadIds: [103, 102],
      signup: { capacity: 30, deadline: '2026-12-05T10:00:00.000Z', maxPeople: 3 },
    });
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存草稿', icon: 'none' }));

    // Saved once: the next save changes the same draft.
    fakeServer({
      'PUT /api/committees/:communityId/notices/:noticeId': () => ({ body: notice(20, { status: 'draft' }) }),
    });
    await click('#notice-save');
    await waitFor(() => expect(Taro.request.mock.calls.at(-1)?.[0].method).toBe('PUT'));
    expect(Taro.request.mock.calls.at(-1)?.[0].url).toBe('http://api.test/api/committees/7/notices/20');
  });

  it('立即发布 says whom it goes to, then saves and publishes now', async () => {
    const calls = composeServer();
    render(<AdminNoticeEdit />);
    await fillBasics();
    await click('#audience-buildings');
    await waitFor(() => expect($('#notice-building-5')).toBeTruthy());
    await click('#notice-building-5');
    await click('#notice-building-3');

    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    await click('#notice-publish');
    expect(modalContent(0)).toBe('将发给：3号楼、5号楼\n只有本社区居民能看到');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await click('#notice-public-switch');
    await click('#notice-publish');
    expect(modalContent(1)).toBe('将发给：3号楼、5号楼\n所有人都能看到');
    await waitFor(() => expect(posts(calls, '/publish')).toHaveLength(1));
    expect(posts(calls, '/notices')[0].body).toMatchObject({ isPublic: true, buildingIds: [5, 3] });
    expect(posts(calls, '/publish')[0].path).toBe('/api/committees/7/notices/20/publish');
    expect(posts(calls, '/publish')[0].body).toEqual({ at: null });
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });

  it('定时发布 sends the chosen moment as {at}, and refuses a time already past', async () => {
    const calls = composeServer();
    render(<AdminNoticeEdit />);
    await fillBasics();
    await click('#notice-schedule-open');
    type('#notice-schedule-date', '2020-01-02');
    type('#notice-schedule-time', '08:00');
    await click('#notice-schedule-confirm');
    expect($('#notice-schedule-error')?.textContent).toBe('发布时间要晚于现在');
    type('#notice-schedule-date', '2030-01-02');
    await click('#notice-schedule-confirm');
    expect(modalContent(0)).toBe('将于 2030年1月2日 08:00 发布。\n将发给：全社区\n只有本社区居民能看到');
    await waitFor(() => expect(posts(calls, '/publish')).toHaveLength(1));
    expect(posts(calls, '/publish')[0].body).toEqual({ at: '2030-01-02T00:00:00.000Z' });
  });

  it('shows the server’s validation messages next to their fields', async () => {
    composeServer({
      'POST /api/committees/:communityId/notices': () => ({
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '填写的内容不对',
            details: [{ in: 'body', path: 'uploadIds', message: '附件不对，请重新上传' }],
          },
        },
      }),
    });
    render(<AdminNoticeEdit />);
    await fillBasics();
    await click('#notice-save');
    await waitFor(() => expect($('#notice-uploadIds-error')?.textContent).toBe('附件不对，请重新上传'));
  });

  it('复制为新通知 fills a new draft from the notice (its attachments too) and POSTs a new one', async () => {
    router.params = { copy: '12' };
    const source = notice(12, {
      title: '重阳节敬老茶话会',
      body: '周六下午2点，活动室。',
      category: 'event',
      isPublic: true,
      audience: 'buildings',
      buildingIds: [4],
      attachments: [upload(201, 'image'), upload(202, 'pdf')],
      signup: signup({ capacity: 40, maxPeople: 2, deadline: '2020-10-01T10:00:00.000Z' }),
    });
    const calls = composeServer({
      'GET /api/committees/:communityId/notices/:noticeId/manage': () => ({ body: source }),
    });
    render(<AdminNoticeEdit />);
    await waitFor(() => expect($('#notice-copy-note')).toBeTruthy());
    const load = calls.find((c) => c.path.endsWith('/manage'));
    expect(load?.path).toMatch(/\/notices\/12\/manage$/);
    expect(($('#notice-title') as HTMLInputElement).value).toBe('重阳节敬老茶话会');
    expect(($('#notice-capacity') as HTMLInputElement).value).toBe('40');
    // The old deadline has passed: it is left for the new one.
    expect(($('#notice-deadline-date') as HTMLInputElement).value).toBe('');
    expect($('#attachment-201')).toBeTruthy();
    expect($('#notice-publish')).toBeTruthy();

    type('#notice-deadline-date', '2030-10-01');
    type('#notice-deadline-time', '18:00');
    await click('#notice-save');
    await waitFor(() => expect(posts(calls, '/notices')).toHaveLength(1));
    expect(posts(calls, '/notices')[0].body).toEqual({
      title: '重阳节敬老茶话会',
      body: '周六下午2点，活动室。',
      category: 'event',
      isPublic: true,
      audience: 'buildings',
      buildingIds: [4],
      pinnedUntil: null,
      expiresAt: null,
      uploadIds: [201, 202],
      signup: { capacity: 40, deadline: '2030-10-01T10:00:00.000Z', maxPeople: 2 },
    });
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('editing a published notice says residents will see 已更新, saves with PUT and offers no publish', async () => {
    router.params = { id: '12' };
    const calls = composeServer({
      'GET /api/committees/:communityId/notices/:noticeId/manage': () => ({ body: published }),
      'PUT /api/committees/:communityId/notices/:noticeId': (call) => ({
        body: { ...published, ...(call.body as object), editedAt: '2026-11-21T02:00:00.000Z' },
      }),
    });
    render(<AdminNoticeEdit />);
    await waitFor(() => expect($('#notice-published-note')).toBeTruthy());
    expect($('#notice-published-note')?.textContent).toContain('已更新');
    expect($('#notice-publish')).toBeNull();
    expect($('#notice-schedule-open')).toBeNull();
    type('#notice-body', '时间改到下午3点。');
    await click('#notice-save');
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/committees/7/notices/12');
    expect(put?.body).toMatchObject({ body: '时间改到下午3点。', title: '重阳节敬老茶话会' });
  });

  it('预览 shows the notice as residents will see it, with whom it goes to', async () => {
    composeServer();
    render(<AdminNoticeEdit />);
    await fillBasics();
    await click('#category-urgent');
    await click('#notice-preview-open');
    expect($('#notice-view #notice-title')?.textContent).toBe('小区停水通知');
    expect($('#notice-view #notice-category')?.textContent).toBe('紧急');
    expect($('#notice-preview-audience')?.textContent).toBe('将发给：全社区（仅本社区居民可见）');
    await click('#notice-preview-back');
    expect(($('#notice-title') as HTMLInputElement).value).toBe(' 小区停水通知 ');
  });
});

describe('阅读情况', () => {
  it('shows 已读 X / Y 户 overall and by building, and the households nobody has read it in', async () => {
    router.params = { id: '12' };
    moderator({
      'GET /api/committees/:communityId/notices/:noticeId/manage': () => ({ body: published }),
      'GET /api/committees/:communityId/notices/:noticeId/reads': () => ({
        body: {
          overall: { read: 3, total: 4 },
          buildings: [
            { buildingId: 10, buildingName: '10号楼', read: 1, total: 2 },
            { buildingId: 2, buildingName: '2号楼', read: 2, total: 2 },
          ],
          unreadHouseholds: [{ id: 77, buildingId: 10, buildingName: '10号楼', unit: '1', room: '502' }],
        },
      }),
    });
    render(<AdminNoticeReads />);
    await waitFor(() => expect($('#reads-overall')).toBeTruthy());
    expect($('#reads-overall')?.textContent).toBe('已读 3 / 4 户');
    expect($('#reads-overall-bar')?.getAttribute('data-percent')).toBe('75');
    expect($$('#reads-buildings .reads-building').map((e) => e.id)).toEqual(['reads-building-2', 'reads-building-10']);
    expect($('#reads-building-figure-10')?.textContent).toBe('1 / 2 户');
    expect($('#reads-unread-77')?.textContent).toBe('10号楼 1单元 502室');
    await waitFor(() => expect($('#reads-notice-title')?.textContent).toBe('「重阳节敬老茶话会」'));
  });

  it('says so when the figures cannot be read', async () => {
    router.params = { id: '12' };
    moderator({
      'GET /api/committees/:communityId/notices/:noticeId/reads': () =>
        errorReply(404, 'NOT_FOUND', '没有找到，可能已被删除'),
    });
    render(<AdminNoticeReads />);
    await waitFor(() => expect($('#state-error')?.textContent).toContain('没有找到'));
  });
});

describe('报名名单', () => {
  const line = (id: number, over: Partial<Record<string, unknown>> = {}) => ({
    id,
    status: 'confirmed',
    people: 2,
    position: null,
    name: `居民${id}`,
    phone: '13800000000',
    householdId: id,
    buildingName: '3号楼',
    unit: '2',
    room: `30${id}`,
    createdAt: '2026-11-20T02:00:00.000Z',
    attendedAt: null,
    ...over,
  });

  it('lists places, the waiting list and cancellations; 签到 marks a household present and counts it', async () => {
    router.params = { id: '12' };
    const calls = moderator({
      'GET /api/committees/:communityId/notices/:noticeId/manage': () => ({ body: published }),
      'GET /api/committees/:communityId/notices/:noticeId/signups': () => ({
        body: {
          taken: 4,
          capacity: 30,
          attended: 0,
          items: [
            line(1),
            line(2, { people: 2 }),
            line(3, { status: 'waitlisted', position: 1 }),
            line(4, { status: 'cancelled', phone: null }),
          ],
        },
      }),
      'POST /api/committees/:communityId/notices/:noticeId/signups/:signupId/attended': (call, params) => ({
        body: line(Number(params.signupId), {
          attendedAt: (call.body as { attended: boolean }).attended ? '2026-11-23T06:00:00.000Z' : null,
        }),
      }),
    });
    render(<AdminNoticeSignups />);
    await waitFor(() => expect($('#roster-taken')).toBeTruthy());
    expect($('#roster-taken')?.textContent).toBe('已报名 4 / 30 人');
    expect($('#roster-attended')?.textContent).toBe('已签到 0 户，排队 1 户');
    expect($('#roster-status-1')?.textContent).toBe('已报名');
    expect($('#roster-status-3')?.textContent).toBe('排队第1位');
    expect($('#roster-status-4')?.textContent).toBe('已取消');
    expect($('#roster-household-1')?.textContent).toBe('3号楼 2单元 301室，2人');
    // 签到 only for those with a place.
    expect($('#roster-attend-3')).toBeNull();
    expect($('#roster-attend-4')).toBeNull();

    await click('#roster-attend-1');
    await waitFor(() => expect($('#roster-attend-1')?.textContent).toBe('已签到（点一下取消）'));
    expect($('#roster-attended')?.textContent).toBe('已签到 1 户，排队 1 户');
    await click('#roster-attend-1');
    await waitFor(() => expect($('#roster-attend-1')?.textContent).toBe('签到'));
    expect(calls.filter((c) => c.path.endsWith('/attended')).map((c) => [c.path, c.body])).toEqual([
      ['/api/committees/7/notices/12/signups/1/attended', { attended: true }],
      ['/api/committees/7/notices/12/signups/1/attended', { attended: false }],
    ]);
    expect($('#roster-attended')?.textContent).toBe('已签到 0 户，排队 1 户');

    await click('#roster-phone-2');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800000000' });
  });

  it('取消这户的报名 asks for the reason, sends it, and loads the roster again (the queue has moved)', async () => {
    router.params = { id: '12' };
    let cancelled = false;
    const calls = moderator({
      'GET /api/committees/:communityId/notices/:noticeId/manage': () => ({ body: published }),
      'GET /api/committees/:communityId/notices/:noticeId/signups': () => ({
        body: {
          taken: 1,
          capacity: 1,
          attended: 0,
          items: cancelled
            ? [line(3), line(1, { status: 'cancelled' })]
            : [line(1), line(3, { status: 'waitlisted', position: 1 })],
        },
      }),
      'POST /api/committees/:communityId/notices/:noticeId/signups/:signupId/cancel': () => {
        cancelled = true;
        return { status: 204 };
      },
    });
    render(<AdminNoticeSignups />);
    await waitFor(() => expect($('#roster-cancel-1')).toBeTruthy());
    await click('#roster-cancel-1');
    expect($('#roster-cancel-dialog')).toBeTruthy();
    await click('#roster-cancel-confirm');
    expect($('#roster-cancel-reason-error')?.textContent).toBe('请填写取消的原因');
    expect(calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);
    type('#roster-cancel-reason', '本人来电说不能参加');
    await click('#roster-cancel-confirm');
    await waitFor(() => expect($('#roster-status-3')?.textContent).toBe('已报名'));
    expect(calls.filter((c) => c.path.endsWith('/cancel')).map((c) => [c.path, c.body])).toEqual([
      ['/api/committees/7/notices/12/signups/1/cancel', { reason: '本人来电说不能参加' }],
    ]);
    expect($('#roster-cancel-dialog')).toBeNull();
    expect($('#roster-cancel-1')).toBeNull();
  });
});
