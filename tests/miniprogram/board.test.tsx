import { fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editMinutesLeft, rejectedMessage, relativeTime } from '../../miniprogram/lib/board-text';
import type { ChosenFile } from '../../miniprogram/lib/notice-files';
import BoardCompose from '../../miniprogram/packages/board/compose/index';
import BoardDetail from '../../miniprogram/packages/board/detail/index';
import BoardList from '../../miniprogram/packages/board/list/index';
import Mine from '../../miniprogram/pages/mine/index';
import { comment, postDetail, postItem } from './board-fixtures';
import { type Call, errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import { image } from './notice-fixtures';
import Taro, { reachTheBottom, router, shared } from './stubs/taro';

let nextChosen: ChosenFile[] = [];
vi.mock('../../miniprogram/lib/notice-files', async (original) => ({
  ...(await original<typeof import('../../miniprogram/lib/notice-files')>()),
  chooseNoticeFiles: vi.fn(async () => nextChosen),
}));

beforeEach(() => {
  resetApp();
  nextChosen = [];
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const click = (selector: string) => fireEvent.click($(selector) as HTMLElement);
const type = (selector: string, value: string) => fireEvent.input($(selector) as HTMLElement, { target: { value } });

const resident = (role = 'resident') => me([membership({ status: 'approved', role })], 7);
const listCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && c.path === '/api/committees/7/posts');

describe('board words', () => {
  it('says times in plain words', () => {
    const now = Date.parse('2026-11-10T12:00:00.000Z');
    expect(relativeTime('2026-11-10T11:59:40.000Z', now)).toBe('刚刚');
    expect(relativeTime('2026-11-10T11:55:00.000Z', now)).toBe('5分钟前');
    expect(relativeTime('2026-11-10T09:00:00.000Z', now)).toBe('3小时前');
    expect(relativeTime('2026-11-09T09:00:00.000Z', now)).toBe('昨天');
    expect(relativeTime('2026-11-06T12:00:00.000Z', now)).toBe('4天前');
    expect(relativeTime('2026-10-01T02:00:00.000Z', now)).toBe('2026年10月1日');
  });

  it('counts the edit window down and names rejected words', () => {
    const now = Date.parse('2026-11-10T12:00:00.000Z');
    expect(editMinutesLeft('2026-11-10T11:53:30.000Z', now)).toBe(4);
    expect(editMinutesLeft('2026-11-10T11:40:00.000Z', now)).toBe(0);
    expect(rejectedMessage({ message: '内容没有通过检查', details: { words: ['赌博', '代开发票'] } })).toBe(
      '含有不能发布的词：「赌博」、「代开发票」。请修改后再发。',
    );
    expect(rejectedMessage({ message: '内容没有通过检查', details: undefined })).toBe('内容没有通过检查');
  });
});

describe('留言板 list', () => {
  it('shows each post with its tags, counts and marks, and pages on by the cursor at the bottom', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/posts': (call) =>
        call.query.get('cursor') === 'c2'
          ? { body: { items: [postItem(1, { category: 'praise' })], nextCursor: null } }
          : {
              body: {
                items: [
                  postItem(9, {
                    status: 'replied',
                    hasOfficialReply: true,
                    commentCount: 3,
                    plusCount: 5,
                    images: [image(4)],
                    imageCount: 1,
                  }),
                  postItem(8, {
                    kind: 'matter',
                    category: null,
                    matterCategory: 'lighting',
                    place: '3号楼门口',
                    status: 'in_progress',
                  }),
                  postItem(7, { mine: true, state: 'held', heldReason: 'wechat_review', authorLabel: '匿名邻居' }),
                ],
                nextCursor: 'c2',
              },
            },
    });
    render(<BoardList />);
    await waitFor(() => expect($$('.board-card')).toHaveLength(3));
    expect($$('.board-card').map((e) => e.id)).toEqual(['post-9', 'post-8', 'post-7']);
    expect($('#post-9-category')?.textContent).toBe('求助');
    expect($('#post-9-status')?.textContent).toBe('已回复');
    expect($('#post-9-official')?.textContent).toContain('居委已回复');
    expect($('#post-9-counts')?.textContent).toBe('评论 3 · 我也遇到了 5');
    expect($('#post-9-photo-0')).toBeTruthy();
    expect($('#post-8')?.textContent).toContain('小事快办');
    expect($('#post-8-category')?.textContent).toBe('照明');
    expect($('#post-8-status')?.textContent).toBe('处理中');
    expect($('#post-8-place')?.textContent).toBe('地点：3号楼门口');
    // The caller's own post waiting for review says 审核中 instead of a status.
    expect($('#post-7-state')?.textContent).toBe('审核中');
    expect($('#post-7-status')).toBeNull();
    expect($('#post-7-author')?.textContent).toContain('匿名邻居（我）');
    expect(listCalls(calls)[0].query.get('sort')).toBe('newest');

    reachTheBottom();
    await waitFor(() => expect($$('.board-card')).toHaveLength(4));
    expect(listCalls(calls).at(-1)?.query.get('cursor')).toBe('c2');
    expect($('#post-1-category')?.textContent).toBe('表扬');
    expect($('#list-end')).toBeTruthy();

    click('#post-8');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/detail/index?communityId=7&id=8' });
    click('#board-moderation-log');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/moderation-log/index?communityId=7' });
  });

  it('filters by category, 小事快办, 只看居委回复, order and words, each time from page one', async () => {
    signInAs();
    router.params = { communityId: '7' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/posts': (call) => ({
        body: { items: call.query.get('q') === '停车' ? [] : [postItem(3)], nextCursor: null },
      }),
    });
    render(<BoardList />);
    await waitFor(() => expect($('#post-3')).toBeTruthy());
    expect($$('#board-chips .chip').map((c) => c.textContent)).toEqual([
      '全部',
      '求助',
      '建议',
      '投诉',
      '闲聊',
      '表扬',
      '小事快办',
    ]);
    const last = () => listCalls(calls).at(-1)?.query as URLSearchParams;

    click('#board-chip-complaint');
    await waitFor(() => expect(last().get('category')).toBe('complaint'));
    expect(last().get('kind')).toBe('post');
    expect($('#board-chip-complaint')?.className).toContain('chip--on');

    click('#board-chip-matter');
    await waitFor(() => expect(last().get('kind')).toBe('matter'));
    expect(last().get('category')).toBeNull();

    click('#board-official');
    await waitFor(() => expect(last().get('official')).toBe('true'));
    click('#board-sort-activity');
    await waitFor(() => expect(last().get('sort')).toBe('activity'));

    type('#board-search', '停车');
    click('#board-search-submit');
    await waitFor(() => expect($('#list-empty')?.textContent).toContain('没有找到相关的留言'));
    expect(last().get('q')).toBe('停车');
    expect(last().get('kind')).toBe('matter');
    expect(last().get('cursor')).toBeNull();

    click('#board-chip-all');
    await waitFor(() => expect(last().get('kind')).toBeNull());
  });

  it('is for members: someone who has not joined sees 加入本社区后可查看 and no request goes out', async () => {
    signInAs();
    router.params = { communityId: '9' };
    const calls = fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<BoardList />);
    await waitFor(() => expect($('#board-members-only')?.textContent).toContain('加入本社区后可查看'));
    click('#board-join');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/committee/join/index?id=9' });
    expect(calls.some((c) => c.path.endsWith('/posts'))).toBe(false);
  });

  it('offers 发留言 or 报小事快办 from 发布, and 我的留言 lists only mine', async () => {
    signInAs();
    router.params = { communityId: '7', mine: '1' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/posts': () => ({ body: { items: [], nextCursor: null } }),
    });
    render(<BoardList />);
    await waitFor(() => expect($('#list-empty')?.textContent).toBe('您还没有发过留言'));
    expect(listCalls(calls)[0].query.get('mine')).toBe('true');
    click('#board-compose');
    click('#board-compose-matter');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/compose/index?communityId=7&kind=matter' });
    click('#board-compose-post');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/compose/index?communityId=7&kind=post' });
  });

  it('我的 links to 我的留言 of the current community', async () => {
    signInAs();
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/memberships': () => ({ body: { items: [membership({ status: 'approved' })] } }),
    });
    render(<Mine />);
    await waitFor(() => expect($('#mine-posts')).toBeTruthy());
    click('#mine-posts');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/board/list/index?communityId=7&mine=1' });
  });
});

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/api/committees/7/posts');

function composeServer(reply: (call: Call) => { status?: number; body?: unknown }) {
  return fakeServer({
    'GET /api/me': () => ({ body: resident() }),
    'POST /api/committees/:communityId/posts': (call) => reply(call),
  });
}

describe('发留言 and 报小事快办', () => {
  it('checks the form with the contract before sending: category and words are needed, the count is live', async () => {
    signInAs();
    router.params = { communityId: '7', kind: 'post' };
    const calls = composeServer(() => ({ status: 201, body: postDetail(11) }));
    render(<BoardCompose />);
    await waitFor(() => expect($('#compose-submit')).toBeTruthy());
    expect($$('#compose-category .board-choice').map((e) => e.textContent)).toEqual([
      '求助',
      '建议',
      '投诉',
      '闲聊',
      '表扬',
    ]);
    // 署名: 昵称和楼栋 by default, with the committee's note.
    expect($('#compose-shown-name')?.className).toContain('board-choice--on');
    expect($('#compose-shown-note')?.textContent).toBe('居委会始终能看到是谁发的。');
    click('#compose-submit');
    await waitFor(() => expect($('#compose-category-error')?.textContent).toBe('请选择类别'));
    expect($('#compose-body-error')?.textContent).toBe('请写下您想说的话');
    expect(posts(calls)).toHaveLength(0);
    type('#compose-body', '电梯又坏了');
    expect($('#compose-count')?.textContent).toBe('5/1000字');
  });

  it('posts with photos (uploaded, one removed) and the chosen 署名, then opens the post', async () => {
    signInAs();
    router.params = { communityId: '7', kind: 'post' };
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        sent.push(url);
        return new Response(JSON.stringify(image(100 + sent.length)), { status: 201 });
      }),
    );
    const calls = composeServer(() => ({ status: 201, body: postDetail(11) }));
    render(<BoardCompose />);
    await waitFor(() => expect($('#compose-submit')).toBeTruthy());
    click('#compose-category-help');
    type('#compose-body', '  谁家有轮椅可以借用几天？  ');
    nextChosen = [
      { name: 'a.jpg', blob: new Blob(['a']) },
      { name: 'b.jpg', blob: new Blob(['b']) },
    ];
    click('#compose-photo-add');
    await waitFor(() => expect($('#compose-photo-102')).toBeTruthy());
    expect(sent).toEqual(['http://api.test/api/committees/7/photos', 'http://api.test/api/committees/7/photos']);
    click('#compose-photo-remove-101');
    click('#compose-shown-anonymous');
    click('#compose-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].body).toEqual({
      kind: 'post',
      category: 'help',
      body: '谁家有轮椅可以借用几天？',
      uploadIds: [102],
      authorShown: 'anonymous',
    });
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/board/detail/index?communityId=7&id=11' }),
    );
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已发布', icon: 'none' });
  });

  it('names the refused words under the text, and keeps what was written', async () => {
    signInAs();
    router.params = { communityId: '7', kind: 'post' };
    const calls = composeServer(() => ({
      status: 422,
      body: {
        error: {
          code: 'CONTENT_REJECTED',
          message: '内容没有通过检查，请修改后再发',
          details: { words: ['代开发票'] },
        },
      },
    }));
    render(<BoardCompose />);
    await waitFor(() => expect($('#compose-submit')).toBeTruthy());
    click('#compose-category-chat');
    type('#compose-body', '代开发票找我');
    click('#compose-submit');
    await waitFor(() =>
      expect($('#compose-body-error')?.textContent).toBe('含有不能发布的词：「代开发票」。请修改后再发。'),
    );
    expect(posts(calls)).toHaveLength(1);
    expect(($('#compose-body') as HTMLTextAreaElement).value).toBe('代开发票找我');
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('reports a 小事快办 with its place and category; held for review, it says 审核中 before opening it', async () => {
    signInAs();
    router.params = { communityId: '7', kind: 'matter' };
    const calls = composeServer(() => ({
      status: 201,
      body: postDetail(12, {
        kind: 'matter',
        category: null,
        matterCategory: 'fire_lane',
        state: 'held',
        heldReason: 'wechat_review',
      }),
    }));
    render(<BoardCompose />);
    await waitFor(() => expect($('#compose-submit')).toBeTruthy());
    expect($$('#compose-matter-category .board-choice').map((e) => e.textContent)).toEqual([
      '照明',
      '卫生',
      '消防通道',
      '漏水',
      '噪音',
      '其他',
    ]);
    expect($('#compose-route-note')?.textContent).toContain('居委会还是物业');
    click('#compose-submit');
    await waitFor(() => expect($('#compose-category-error')?.textContent).toBe('请选择是什么问题'));
    expect($('#compose-place-error')?.textContent).toBe('请写明地点，比如 3号楼门口');
    // The resident's own building is the first quick pick.
    expect($('#compose-place-pick-0')?.textContent).toBe('3号楼');
    click('#compose-place-pick-1');
    expect(($('#compose-place') as HTMLInputElement).value).toBe('小区大门');
    click('#compose-matter-category-fire_lane');
    type('#compose-body', '消防通道被电瓶车堵了');
    click('#compose-submit');
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].body).toEqual({
      kind: 'matter',
      matterCategory: 'fire_lane',
      place: '小区大门',
      body: '消防通道被电瓶车堵了',
      uploadIds: [],
      authorShown: 'name',
    });
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ title: '已提交，审核中', content: expect.stringContaining('内容需要人工审核') }),
      ),
    );
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/board/detail/index?communityId=7&id=12' }),
    );
  });
});

const P = '/api/committees/:communityId/posts/:postId';

function detailServer(post: Record<string, unknown>, extra: Parameters<typeof fakeServer>[0] = {}, role = 'resident') {
  let current = post;
  const calls = fakeServer({
    'GET /api/me': () => ({ body: resident(role) }),
    [`GET ${P}`]: () => ({ body: current }),
    [`GET ${P}/comments`]: (call) =>
      call.query.get('cursor') === 'k2'
        ? { body: { official: [], items: [comment(23)], nextCursor: null } }
        : {
            body: {
              official: [comment(30, { isOfficial: true, authorLabel: '梅园居委会', body: '已通知物业明天来修。' })],
              items: [comment(21), comment(22, { mine: true })],
              nextCursor: 'k2',
            },
          },
    ...extra,
  });
  return { calls, set: (next: Record<string, unknown>) => (current = next) };
}

describe('a post', () => {
  it('shows the words with tappable phones, photos, the 居委回复 on top of the comments, and more comments on demand', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    detailServer(postDetail(11, { status: 'replied', hasOfficialReply: true, commentCount: 4 }));
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-view')).toBeTruthy());
    expect($$('#post-body .notice-paragraph').map((p) => p.textContent)).toEqual([
      '楼道灯坏了，晚上看不见。',
      '有事请打 13912345678。',
    ]);
    click('#post-body .notice-phone');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13912345678' });
    fireEvent.click(($('#post-view-photo-0') as HTMLElement).parentElement as HTMLElement);
    expect(Taro.previewImage).toHaveBeenCalled();
    expect($('#post-view-status')?.textContent).toBe('已回复');
    await waitFor(() => expect($('#comment-30')).toBeTruthy());
    const order = $$('#post-comments [id^="comment-"]')
      .filter((e) => /^comment-\d+$/.test(e.id))
      .map((e) => e.id);
    expect(order).toEqual(['comment-30', 'comment-21', 'comment-22']);
    expect($('#comment-30')?.textContent).toContain('居委回复');
    expect($('#comment-30')?.className).toContain('board-official');
    // 举报 on neighbours' comments, not on one's own.
    expect($('#comment-21-report')).toBeTruthy();
    expect($('#comment-22-report')).toBeNull();
    click('#list-more');
    await waitFor(() => expect($('#comment-23')).toBeTruthy());
    // Someone else's post: no author buttons, and a 举报.
    expect($('#post-author-actions')).toBeNull();
    expect($('#post-report')).toBeTruthy();
    expect($('#official-reply')).toBeNull();
    // Shared, it opens this very post.
    expect(shared.appMessage?.()).toEqual({
      title: '楼道灯坏了，晚上看不见。\n有事请打 13912345678。'.slice(0, 30),
      path: '/packages/board/detail/index?communityId=7&id=11',
    });
  });

  it('我也遇到了 counts the household once and a second tap takes it back', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const { calls } = detailServer(postDetail(11, { plusCount: 2 }), {
      [`PUT ${P}/plus-one`]: () => ({ body: { plusCount: 3, plusByMyHousehold: true } }),
      [`DELETE ${P}/plus-one`]: () => ({ body: { plusCount: 2, plusByMyHousehold: false } }),
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-plus-one')?.textContent).toBe('我也遇到了 2'));
    click('#post-plus-one');
    await waitFor(() => expect($('#post-plus-one')?.textContent).toBe('✓ 我也遇到了 3'));
    click('#post-plus-one');
    await waitFor(() => expect($('#post-plus-one')?.textContent).toBe('我也遇到了 2'));
    expect(calls.filter((c) => c.path.endsWith('/plus-one')).map((c) => c.method)).toEqual(['PUT', 'DELETE']);
  });

  it('lets its author edit within 10 minutes, and reopen with a reason', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const createdAt = new Date(Date.now() - 3 * 60_000).toISOString();
    const mine = postDetail(11, { mine: true, canEdit: true, createdAt, status: 'replied' });
    const { calls } = detailServer(mine, {
      [`PATCH ${P}`]: (call) => ({
        body: { ...mine, body: (call.body as { body: string }).body, editedAt: createdAt },
      }),
      [`POST ${P}/reopen`]: () => ({ body: { ...mine, status: 'awaiting_reply', canEdit: false } }),
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-author-actions')).toBeTruthy());
    expect($('#post-report')).toBeNull();
    expect($('#post-edit-note')?.textContent).toBe('发布后10分钟内可以修改，还剩约7分钟');
    click('#post-edit-open');
    type('#post-edit-input', '楼道灯修好了一半');
    click('#post-edit-submit');
    await waitFor(() => expect($('#post-edited')?.textContent).toBe('已编辑'));
    expect($('#post-body')?.textContent).toBe('楼道灯修好了一半');

    click('#post-reopen');
    click('#reopen-confirm');
    await waitFor(() => expect($('#reopen-reason-error')?.textContent).toBe('请写明为什么还没解决'));
    type('#reopen-reason', '晚上还是黑的');
    click('#reopen-confirm');
    await waitFor(() => expect($('#post-view-status')?.textContent).toBe('待回复'));
    expect(calls.find((c) => c.path.endsWith('/reopen'))?.body).toEqual({ reason: '晚上还是黑的' });
    expect($('#reopen-dialog')).toBeNull();
    // Waiting for a reply again: nothing to confirm or reopen.
    expect($('#post-resolve')).toBeNull();
    expect($('#post-reopen')).toBeNull();
  });

  it('lets its author confirm 已解决, which is final', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const mine = postDetail(11, { mine: true, status: 'replied' });
    const { calls } = detailServer(mine, {
      [`POST ${P}/resolve`]: () => ({ body: { ...mine, status: 'resolved' } }),
    });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-resolve')).toBeTruthy());
    expect($('#post-edit-open')).toBeNull();
    click('#post-resolve');
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '已解决' })),
    );
    expect(calls.some((c) => c.path.endsWith('/resolve'))).toBe(false);
    click('#post-resolve');
    await waitFor(() => expect($('#post-view-status')?.textContent).toBe('已解决'));
    expect($('#post-resolve')).toBeNull();
    expect($('#post-reopen')).toBeNull();
  });

  it('deletes its author’s post after a confirm, and goes back', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const { calls } = detailServer(postDetail(11, { mine: true }), {
      [`DELETE ${P}`]: () => ({ status: 204 }),
    });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-delete')).toBeTruthy());
    click('#post-delete');
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    click('#post-delete');
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });

  it('shows a finished 小事快办’s progress with who and when, and takes the author’s rating once', async () => {
    signInAs();
    router.params = { communityId: '7', id: '12' };
    const matter = postDetail(12, {
      kind: 'matter',
      category: null,
      matterCategory: 'lighting',
      place: '3号楼门口',
      route: 'property',
      mine: true,
      status: 'resolved',
      timeline: [
        { fromStatus: null, toStatus: 'accepted', actorLabel: '系统', note: null, at: '2026-11-03T02:00:00.000Z' },
        {
          fromStatus: 'accepted',
          toStatus: 'in_progress',
          actorLabel: '物业',
          note: '已派电工',
          at: '2026-11-03T04:00:00.000Z',
        },
        { fromStatus: 'in_progress', toStatus: 'done', actorLabel: '物业', note: null, at: '2026-11-04T01:00:00.000Z' },
        { fromStatus: 'done', toStatus: 'resolved', actorLabel: '发帖人', note: null, at: '2026-11-04T02:00:00.000Z' },
      ],
    });
    const { calls } = detailServer(matter, {
      [`POST ${P}/rating`]: (call) => {
        const b = call.body as { stars: number; comment?: string };
        return { body: { ...matter, rating: b.stars, ratingComment: b.comment ?? null } };
      },
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-timeline')).toBeTruthy());
    expect($('#post-place')?.textContent).toBe('地点：3号楼门口');
    expect($('#post-route')?.textContent).toBe('由物业处理');
    expect($('#timeline-1')?.textContent).toContain('处理中 · 物业');
    expect($('#timeline-1')?.textContent).toContain('2026年11月3日 12:00');
    expect($('#timeline-1')?.textContent).toContain('已派电工');
    expect($('#timeline-2')?.textContent).toContain('已办结 · 物业');
    click('#rate-submit');
    await waitFor(() => expect($('#rate-stars-error')?.textContent).toBe('请选择1到5颗星'));
    click('#rate-stars-4');
    type('#rate-comment', '修得很快');
    click('#rate-submit');
    await waitFor(() => expect($('#post-rating-text')?.textContent).toBe('4星：修得很快'));
    expect(calls.find((c) => c.path.endsWith('/rating'))?.body).toEqual({ stars: 4, comment: '修得很快' });
    expect($('#rate-submit')).toBeNull();
  });

  it('comments: refused words are named under the box; a new comment joins the list', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    let refuse = true;
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      [`GET ${P}`]: () => ({ body: postDetail(11) }),
      [`GET ${P}/comments`]: () => ({ body: { official: [], items: [], nextCursor: null } }),
      [`POST ${P}/comments`]: (call) =>
        refuse
          ? {
              status: 422,
              body: { error: { code: 'CONTENT_REJECTED', message: '内容没有通过检查', details: { words: ['傻'] } } },
            }
          : { status: 201, body: comment(40, { mine: true, body: (call.body as { body: string }).body }) },
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#comments-empty')).toBeTruthy());
    click('#comment-box-submit');
    await waitFor(() => expect($('#comment-box-error')?.textContent).toBe('请写下评论'));
    type('#comment-box-input', '你真傻');
    click('#comment-box-submit');
    await waitFor(() => expect($('#comment-box-error')?.textContent).toBe('含有不能发布的词：「傻」。请修改后再发。'));
    refuse = false;
    type('#comment-box-input', '我家也是');
    click('#comment-box-submit');
    await waitFor(() => expect($('#comment-40')?.textContent).toContain('我家也是'));
    expect($('#post-status-line')?.textContent).toContain('评论 1');
  });

  it('reports a post once with a reason; a second report is told kindly', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    let reported = 0;
    const { calls } = detailServer(postDetail(11), {
      'POST /api/committees/:communityId/reports': () =>
        ++reported === 1
          ? { status: 201, body: { reported: true } }
          : errorReply(409, 'ALREADY_REPORTED', '您已经举报过了，工作人员会尽快处理'),
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-report')).toBeTruthy());
    click('#post-report');
    expect($$('#report-reasons .chip').map((e) => e.textContent)).toEqual([
      '广告',
      '辱骂',
      '不实信息',
      '泄露隐私',
      '其他',
    ]);
    click('#report-submit');
    await waitFor(() => expect($('#report-reason-error')?.textContent).toContain('请选择举报理由'));
    expect(calls.some((c) => c.path.endsWith('/reports'))).toBe(false);
    click('#report-reason-false_info');
    click('#report-submit');
    await waitFor(() => expect($('#report-dialog')).toBeNull());
    expect(calls.find((c) => c.path.endsWith('/reports'))?.body).toEqual({
      subject: 'post',
      subjectId: 11,
      reason: 'false_info',
    });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已举报，谢谢您' }));
    // A neighbour's comment is reported the same way.
    await waitFor(() => expect($('#comment-21-report')).toBeTruthy());
    click('#comment-21-report');
    click('#report-reason-ad');
    click('#report-submit');
    await waitFor(() => expect($('#report-form-error')?.textContent).toContain('您已经举报过了'));
    expect(calls.filter((c) => c.path.endsWith('/reports')).at(-1)?.body).toEqual({
      subject: 'comment',
      subjectId: 21,
      reason: 'ad',
    });
    click('#report-cancel');
    expect($('#report-dialog')).toBeNull();
  });

  it('tells the author why their post is hidden and takes one appeal', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const { calls } = detailServer(
      postDetail(11, { mine: true, state: 'hidden', stateReason: '多位居民举报', canAppeal: true }),
      { 'POST /api/committees/:communityId/appeals': () => ({ status: 201, body: { appealed: true } }) },
    );
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-state')).toBeTruthy());
    expect($('#post-state')?.textContent).toContain('已隐藏');
    expect($('#post-state-text')?.textContent).toBe('邻居现在看不到这条内容。原因：多位居民举报');
    expect($('#post-plus-one')).toBeNull();
    expect($('#post-comments')).toBeNull();
    click('#post-state-appeal');
    type('#appeal-reason', '我说的是实情');
    click('#appeal-confirm');
    await waitFor(() => expect($('#post-state-appeal')).toBeNull());
    expect(calls.find((c) => c.path.endsWith('/appeals'))?.body).toEqual({
      subject: 'post',
      subjectId: 11,
      text: '我说的是实情',
    });
  });

  it('shows the author their own hidden comment with the reason, and takes an appeal for it', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const { calls } = detailServer(postDetail(11), {
      [`GET ${P}/comments`]: () => ({
        body: {
          official: [],
          items: [comment(25, { mine: true, state: 'hidden', stateReason: '辱骂他人', canAppeal: true })],
          nextCursor: null,
        },
      }),
      'POST /api/committees/:communityId/appeals': () => ({ status: 201, body: { appealed: true } }),
    });
    render(<BoardDetail />);
    await waitFor(() => expect($('#comment-25-state')?.textContent).toBe('已隐藏'));
    expect($('#comment-25-state-text')?.textContent).toBe('邻居现在看不到这条内容。原因：辱骂他人');
    click('#comment-25-appeal');
    type('#appeal-reason', '没有骂人');
    click('#appeal-confirm');
    await waitFor(() => expect($('#comment-25-appeal')).toBeNull());
    expect(calls.find((c) => c.path.endsWith('/appeals'))?.body).toEqual({
      subject: 'comment',
      subjectId: 25,
      text: '没有骂人',
    });
  });

  it('gives a moderator a 居委回复 box that posts the official reply and reads the post again', async () => {
    signInAs();
    router.params = { communityId: '7', id: '11' };
    const { calls, set } = detailServer(
      postDetail(11),
      {
        [`POST ${P}/official-replies`]: (call) => {
          set(postDetail(11, { status: 'replied', hasOfficialReply: true }));
          return { status: 201, body: comment(31, { isOfficial: true, body: (call.body as { body: string }).body }) };
        },
      },
      'moderator',
    );
    render(<BoardDetail />);
    await waitFor(() => expect($('#official-reply')).toBeTruthy());
    // Staff answer officially: no neighbour's comment box and no 我也遇到了.
    await waitFor(() => expect($('#comments-empty') ?? $('#comment-21')).toBeTruthy());
    expect($('#comment-box')).toBeNull();
    expect($('#post-plus-one')).toBeNull();
    type('#official-reply-box-input', '已通知物业明天来修。');
    click('#official-reply-box-submit');
    await waitFor(() => expect($('#post-view-status')?.textContent).toBe('已回复'));
    expect(calls.find((c) => c.path.endsWith('/official-replies'))?.body).toEqual({ body: '已通知物业明天来修。' });
  });

  it('opened alone from a share, offers 回首页; a missing post says so; a non-member is asked to join', async () => {
    signInAs();
    router.params = { communityId: '7', id: '99' };
    Taro.getCurrentPages.mockReturnValue([{}]);
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      [`GET ${P}`]: (_, params) =>
        params.postId === '99'
          ? errorReply(404, 'NOT_FOUND', '没有找到')
          : errorReply(403, 'FORBIDDEN', '您没有权限做这件事'),
    });
    const { unmount } = render(<BoardDetail />);
    await waitFor(() => expect($('#post-missing')).toBeTruthy());
    click('#post-back-home');
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    unmount();
    router.params = { communityId: '8', id: '5' };
    render(<BoardDetail />);
    await waitFor(() => expect($('#post-members-only')?.textContent).toContain('加入本社区后可查看'));
    Taro.getCurrentPages.mockReturnValue([{}, {}]);
  });
});
