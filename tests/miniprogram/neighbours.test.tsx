import { fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MyData from '../../miniprogram/packages/legal/my-data/index';
import NeighbourBlocks from '../../miniprogram/packages/neighbours/blocks/index';
import NeighbourCardPage from '../../miniprogram/packages/neighbours/card/index';
import NeighbourConsents from '../../miniprogram/packages/neighbours/consents/index';
import NeighbourContacts from '../../miniprogram/packages/neighbours/contacts/index';
import NeighboursIndex from '../../miniprogram/packages/neighbours/index';
import MyNeighbourCard from '../../miniprogram/packages/neighbours/me/index';
import NeighbourThread from '../../miniprogram/packages/neighbours/thread/index';
import Home from '../../miniprogram/pages/home/index';
import Mine from '../../miniprogram/pages/mine/index';
import type {
  CardInput,
  ContactListItem,
  DirectoryCard,
  MyCard,
  NeighbourCardView,
} from '../../shared/contracts/neighbours';
import { myDataReply } from '../../shared/contracts/privacy';
import { NEIGHBOUR_CONSENT_VERSION, neighbourConsentTexts } from '../../shared/domain/neighbour-card';
import { errorReply, fakeServer, me, membership, resetApp, signInAs } from './helpers';
import Taro, { router, shared } from './stubs/taro';

beforeEach(() => {
  resetApp();
  signInAs();
  router.params = { communityId: '7' };
});
afterEach(() => vi.restoreAllMocks());

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];
const click = (selector: string) => fireEvent.click($(selector) as HTMLElement);
const type = (selector: string, value: string) => fireEvent.input($(selector) as HTMLElement, { target: { value } });
const text = (selector: string) => $(selector)?.textContent ?? null;
const resident = () => me([membership({ status: 'approved' })], 7);

function view(id: number, over: Partial<NeighbourCardView> = {}): NeighbourCardView {
  return {
    id,
    displayName: `邻居${id}`,
    avatarUrl: null,
    building: '3号楼',
    room: null,
    intro: null,
    tags: [],
    canHelp: [],
    needHelp: [],
    sameBuilding: false,
    ...over,
  };
}
const dirCard = (id: number, over: Partial<DirectoryCard> = {}): DirectoryCard => ({
  ...view(id),
  contact: null,
  ...over,
});

const facets = (over: Record<string, unknown> = {}) => ({
  tags: [
    { tag: '会修电器', count: 2 },
    { tag: '团长', count: 1 },
  ],
  buildings: [
    { id: 3, name: '3号楼', count: 2 },
    { id: 4, name: '4号楼', count: 1 },
  ],
  myBuildingId: 3,
  listed: true,
  ...over,
});

function myCard(over: Partial<MyCard> = {}): MyCard {
  return {
    id: 11,
    listed: true,
    displayName: '李师傅',
    showName: true,
    avatarUploadId: null,
    avatarUrl: null,
    showAvatar: false,
    buildingName: '3号楼',
    unitRoom: '2单元 301',
    showBuilding: true,
    showRoom: false,
    intro: '退休电工',
    showIntro: true,
    tags: ['会修电器', '会做糕点'],
    hiddenTags: [],
    showTags: true,
    canHelp: ['修水龙头'],
    needHelp: [],
    showHelp: true,
    serve: false,
    state: 'visible',
    heldReason: null,
    stateReason: null,
    consentVersion: NEIGHBOUR_CONSENT_VERSION,
    preview: view(11, {
      displayName: '李师傅',
      intro: '退休电工',
      tags: ['会修电器', '会做糕点'],
      canHelp: ['修水龙头'],
    }),
    updatedAt: '2026-12-01T02:00:00.000Z',
    ...over,
  };
}

function contact(id: number, over: Partial<ContactListItem> = {}): ContactListItem {
  return {
    id,
    view: 'to_answer',
    other: view(20 + id),
    request: '想请您帮忙看看洗衣机',
    lastMessage: null,
    lastMessageAt: null,
    unread: 0,
    createdAt: '2026-12-01T02:00:00.000Z',
    ...over,
  };
}

describe('找邻居 directory', () => {
  it('shows the server’s cards with 同楼, filters by tag, building and name, and opens a card', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/facets': () => ({ body: facets() }),
      'GET /api/committees/:communityId/neighbours': (call) => ({
        body: {
          items:
            call.query.get('tag') === '会修电器'
              ? [dirCard(5, { displayName: '李师傅', tags: ['会修电器'], sameBuilding: true, canHelp: ['修电视'] })]
              : [
                  dirCard(5, { displayName: '李师傅', tags: ['会修电器'], sameBuilding: true, canHelp: ['修电视'] }),
                  dirCard(6, { displayName: null, building: null }),
                ],
          nextCursor: null,
          remainingToday: 150,
        },
      }),
    });
    render(<NeighboursIndex />);
    await waitFor(() => expect($$('.neighbour-card')).toHaveLength(2));
    expect($('#neighbour-directory')).toBeTruthy();
    expect(text('#neighbour-5-name')).toBe('李师傅');
    expect(text('#neighbour-5-same')).toBe('同楼');
    expect(text('#neighbour-5-tags')).toBe('会修电器');
    expect(text('#neighbour-5-can-help')).toBe('可以帮忙：修电视');
    // A card without a name shows 邻居; no building line, no 同楼.
    expect(text('#neighbour-6-name')).toBe('邻居');
    expect($('#neighbour-6-building')).toBeNull();
    expect($('#neighbours-not-listed')).toBeNull();
    expect(text('#neighbours-tag-0')).toBe('会修电器（2）');

    const dirCalls = () => calls.filter((c) => c.path === '/api/committees/7/neighbours');
    expect(dirCalls()[0].query.get('tag')).toBeNull();
    click('#neighbours-tag-0');
    await waitFor(() => expect($$('.neighbour-card')).toHaveLength(1));
    expect(dirCalls().at(-1)?.query.get('tag')).toBe('会修电器');
    expect($('#neighbours-tag-0')?.className).toContain('chip--on');

    click('#neighbours-building-4');
    await waitFor(() => expect(dirCalls().at(-1)?.query.get('buildingId')).toBe('4'));
    type('#neighbours-search', '王');
    click('#neighbours-search-go');
    await waitFor(() => expect(dirCalls().at(-1)?.query.get('q')).toBe('王'));
    expect(dirCalls().at(-1)?.query.get('tag')).toBe('会修电器');

    click('#neighbour-5');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/card/index?id=5&communityId=7' });
    click('#neighbours-my-card');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/me/index?communityId=7' });
    // The directory is for members only: no share to group chats.
    expect(shared.appMessage).toBeNull();
  });

  it('pages with the cursor, invites a resident without a listed card, and shows the daily ceiling plainly', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/facets': () => ({ body: facets({ listed: false }) }),
      'GET /api/committees/:communityId/neighbours': (call) =>
        call.query.get('cursor') === 'c1'
          ? errorReply(429, 'DIRECTORY_LIMIT', '今天看的名片太多了，明天再来吧')
          : { body: { items: [dirCard(5)], nextCursor: 'c1', remainingToday: 3 } },
    });
    render(<NeighboursIndex />);
    await waitFor(() => expect($('#neighbours-more')).toBeTruthy());
    expect(text('#neighbours-not-listed')).toContain('您还没有打开名片，邻居找不到您');
    click('#neighbours-more');
    await waitFor(() => expect(text('#neighbours-limit')).toBe('今天看的名片太多了，明天再来吧'));
    expect(calls.at(-1)?.query.get('cursor')).toBe('c1');
    // The cards already shown stay; no error toast for the ceiling.
    expect($('#neighbour-5')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('an empty directory invites the resident to make a card; a non-member sees 加入本社区后可查看', async () => {
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/facets': () => ({ body: facets({ tags: [], buildings: [] }) }),
      'GET /api/committees/:communityId/neighbours': () => ({
        body: { items: [], nextCursor: null, remainingToday: 200 },
      }),
    });
    const { unmount } = render(<NeighboursIndex />);
    await waitFor(() => expect($('#neighbours-empty')).toBeTruthy());
    click('#neighbours-empty-make');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/me/index?communityId=7' });
    unmount();

    resetApp();
    signInAs();
    router.params = { communityId: '7' };
    fakeServer({ 'GET /api/me': () => ({ body: me([membership({ status: 'pending' })], null) }) });
    render(<NeighboursIndex />);
    await waitFor(() => expect($('#neighbours-members-only')).toBeTruthy());
  });
});

describe('one neighbour’s card', () => {
  it('requests contact with a short message, shows the state, blocks after confirming, and reports', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/cards/:cardId': () => ({
        body: dirCard(5, { displayName: '李师傅', intro: '退休电工', needHelp: ['教我用手机'] }),
      }),
      'POST /api/committees/:communityId/neighbours/cards/:cardId/contact': () => ({
        status: 201,
        body: { id: 40, view: 'waiting' },
      }),
      'POST /api/committees/:communityId/neighbours/cards/:cardId/block': () => ({ status: 201, body: { blockId: 9 } }),
    });
    router.params = { communityId: '7', id: '5' };
    render(<NeighbourCardPage />);
    await waitFor(() => expect(text('#neighbour-5-intro')).toBe('退休电工'));
    expect(text('#neighbour-5-need-help')).toBe('需要帮忙：教我用手机');
    // A card is private: never offered to group chats.
    expect(shared.appMessage).toBeNull();

    click('#request-contact');
    click('#request-example-0');
    expect(($('#request-message') as HTMLTextAreaElement).value).toBe('想请您帮忙看看洗衣机');
    click('#request-send');
    await waitFor(() => expect(text('#neighbour-contact-state')).toBe('已发送，等对方回复'));
    const sent = calls.find((c) => c.method === 'POST' && c.path.endsWith('/contact'));
    expect(sent?.path).toBe('/api/committees/7/neighbours/cards/5/contact');
    expect(sent?.body).toEqual({ message: '想请您帮忙看看洗衣机' });
    expect($('#request-dialog')).toBeNull();

    click('#neighbour-report');
    expect($('#report-dialog')).toBeTruthy();
    click('#report-cancel');

    click('#neighbour-block');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/committees/7/neighbours/cards/5/block')).toBe(true));
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '屏蔽后，你们互相看不到，对方不会收到通知。' }),
    );
  });

  it('shows a refusal of the request in the dialog', async () => {
    router.params = { communityId: '7', id: '5' };
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/cards/:cardId': () => ({ body: dirCard(5) }),
      'POST /api/committees/:communityId/neighbours/cards/:cardId/contact': () =>
        errorReply(409, 'CONTACT_COOLING', '对方暂时不方便，30天内不能再请求'),
    });
    render(<NeighbourCardPage />);
    await waitFor(() => expect($('#request-contact')).toBeTruthy());
    click('#request-contact');
    type('#request-message', '您好');
    click('#request-send');
    await waitFor(() => expect(text('#request-form-error')).toContain('对方暂时不方便，30天内不能再请求'));
  });
});

describe('我的邻居名片', () => {
  it('each switch has its consent text; the preview follows the switches; save sends the whole card', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/me': () => ({ body: myCard() }),
      'PUT /api/committees/:communityId/neighbours/me': (call) => ({
        body: myCard({
          ...(call.body as CardInput),
          state: 'held',
          heldReason: 'wechat_review',
          // The server's preview of what was saved (the editor shows it once saved).
          preview: view(11, {
            displayName: null,
            room: '2单元 301',
            intro: '会修电视机',
            canHelp: ['修水龙头'],
            needHelp: ['教我用手机'],
          }),
        } as Partial<MyCard>),
      }),
    });
    render(<MyNeighbourCard />);
    await waitFor(() => expect($('#card-save')).toBeTruthy());
    expect(text('#card-listed-text')).toBe(neighbourConsentTexts.listed);
    expect(text('#card-show-room-text')).toBe(neighbourConsentTexts.room);
    expect(text('#card-serve-text')).toBe(neighbourConsentTexts.serve);
    expect(text('#card-room')).toBe('您的单元和房号：2单元 301');

    // The preview, computed by shownCard from the form.
    expect(text('#card-preview-card-name')).toBe('李师傅');
    expect(text('#card-preview-card-tags')).toBe('会修电器会做糕点');
    expect(text('#card-preview-card-intro')).toBe('退休电工');
    expect(text('#card-preview-card-building')).toBe('3号楼');

    // 标签 off: the tags leave the preview. 房号 on: it appears.
    click('#card-show-tags');
    expect($('#card-preview-card-tags')).toBeNull();
    click('#card-show-room');
    expect(text('#card-preview-card-building')).toBe('3号楼 2单元 301');
    click('#card-show-name');
    expect(text('#card-preview-card-name')).toBe('邻居');
    type('#card-intro', '会修电视机');
    expect(text('#card-preview-card-intro')).toBe('会修电视机');
    // A tag from the list, and needHelp one item.
    click('#card-tag-2');
    click('#card-needHelp-add');
    type('#card-needHelp-0', '教我用手机');

    click('#card-save');
    await waitFor(() => expect(text('#card-state')).toContain('审核中'));
    expect(text('#card-preview-card-name')).toBe('邻居');
    expect($('#card-preview-card-tags')).toBeNull();
    expect(text('#card-preview-card-need-help')).toBe('需要帮忙：教我用手机');
    expect(($('#card-show-tags') as HTMLInputElement).checked).toBe(false);
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/committees/7/neighbours/me');
    expect(put?.body).toEqual({
      listed: true,
      displayName: '李师傅',
      showName: false,
      avatarUploadId: null,
      showAvatar: false,
      showBuilding: true,
      showRoom: true,
      intro: '会修电视机',
      showIntro: true,
      tags: ['会修电器', '会做糕点', '会电脑'],
      showTags: false,
      canHelp: ['修水龙头'],
      needHelp: ['教我用手机'],
      showHelp: true,
      serve: false,
      consentVersion: NEIGHBOUR_CONSENT_VERSION,
    });
  });

  it('puts the server’s refusal next to its field; shows a hidden card’s reason; deletes after confirming', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/me': () => ({
        body: myCard({ state: 'hidden', stateReason: '留了电话号码' }),
      }),
      'PUT /api/committees/:communityId/neighbours/me': () => ({
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '填写的内容有误',
            details: [{ path: 'displayName', message: '称呼最多12个字' }],
          },
        },
      }),
      'DELETE /api/committees/:communityId/neighbours/me': () => ({ status: 204 }),
    });
    render(<MyNeighbourCard />);
    await waitFor(() => expect(text('#card-state-text')).toContain('留了电话号码'));
    click('#card-save');
    await waitFor(() => expect(text('#card-displayName-error')).toBe('称呼最多12个字'));
    click('#card-remove');
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });
});

describe('邻居来往 and the thread', () => {
  it('lists requests to answer with 同意 / 婉拒 and sent ones with 撤回; threads with unread and 这位邻居 for one whose card is gone (left, deleted, or blocked the caller: the same words)', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/contacts': (call) => ({
        body:
          call.query.get('box') === 'requests'
            ? { items: [contact(1), contact(2, { view: 'waiting' })], nextCursor: null, toAnswer: 1 }
            : {
                items: [
                  contact(3, { view: 'accepted', lastMessage: '明天上午来', unread: 2 }),
                  contact(4, { view: 'unavailable', other: null }),
                ],
                nextCursor: null,
                toAnswer: 1,
              },
      }),
      'POST /api/committees/:communityId/neighbours/contacts/:contactId/accept': () => ({
        body: { id: 1, view: 'accepted' },
      }),
      'POST /api/committees/:communityId/neighbours/contacts/:contactId/withdraw': () => ({
        body: { id: 2, view: 'withdrawn' },
      }),
    });
    render(<NeighbourContacts />);
    await waitFor(() => expect($('#contact-3')).toBeTruthy());
    expect(text('#contact-3-last')).toBe('明天上午来');
    expect(text('#contact-3-unread')).toBe('2条新消息');
    expect(text('#contact-4-name')).toBe('这位邻居');

    click('#contacts-tab-requests');
    await waitFor(() => expect($('#contact-1-accept')).toBeTruthy());
    expect(text('#contact-1-request')).toBe('“想请您帮忙看看洗衣机”');
    expect($('#contact-2-accept')).toBeNull();
    expect(text('#contact-2-view')).toContain('已发送，等对方回复');
    click('#contact-1-accept');
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/committees/7/neighbours/contacts/1/accept')).toBe(true),
    );
    await waitFor(() => expect($('#contact-1-accept')).toBeNull());
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/thread/index?id=1&communityId=7' });

    click('#contact-2-withdraw');
    await waitFor(() => expect(text('#contact-2-view')).toContain('您已撤回'));
  });

  const thread = (over: Record<string, unknown> = {}) => ({
    contact: contact(3, { view: 'accepted', other: view(23, { displayName: '李师傅' }) }),
    messages: [
      {
        id: 100,
        mine: false,
        isRequest: true,
        body: '想请您帮忙看看洗衣机',
        photos: [],
        state: 'visible',
        createdAt: '2026-12-01T02:00:00.000Z',
      },
      {
        id: 101,
        mine: true,
        isRequest: false,
        body: '好的',
        photos: [],
        state: 'held',
        createdAt: '2026-12-01T02:05:00.000Z',
      },
    ],
    olderBefore: 100,
    myShare: { phone: null, wechatId: null },
    theirShare: { phone: '13800001111', wechatId: 'li_shifu' },
    canSend: true,
    ...over,
  });

  it('shows the thread, sends a message, loads older ones, shares a phone, calls and copies theirs', async () => {
    router.params = { communityId: '7', id: '3' };
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/contacts/:contactId': (call) =>
        call.query.get('before')
          ? {
              body: thread({
                messages: [
                  {
                    id: 90,
                    mine: true,
                    isRequest: false,
                    body: '早先的话',
                    photos: [],
                    state: 'visible',
                    createdAt: '2026-11-30T02:00:00.000Z',
                  },
                ],
                olderBefore: null,
              }),
            }
          : { body: thread() },
      'POST /api/committees/:communityId/neighbours/contacts/:contactId/messages': (call) => ({
        status: 201,
        body: {
          id: 102,
          mine: true,
          isRequest: false,
          body: (call.body as { body: string }).body,
          photos: [],
          state: 'visible',
          createdAt: '2026-12-01T02:10:00.000Z',
        },
      }),
      'PUT /api/committees/:communityId/neighbours/contacts/:contactId/share': (call) => {
        const b = call.body as { phone: string | null; wechatId: string | null };
        return { body: { phone: b.phone, wechatId: b.wechatId } };
      },
    });
    render(<NeighbourThread />);
    await waitFor(() => expect($('#message-100')).toBeTruthy());
    expect(text('#thread-name')).toBe('李师傅');
    expect($('#message-100')?.className).toContain('neighbour-msg--theirs');
    expect($('#message-101')?.className).toContain('neighbour-msg--mine');
    expect(text('#message-101-held')).toBe('审核中');
    // Only the other side's messages can be reported.
    expect($('#message-100-report')).toBeTruthy();
    expect($('#message-101-report')).toBeNull();

    type('#thread-input', '我下午在家');
    click('#thread-send');
    await waitFor(() => expect(text('#message-102-body')).toBe('我下午在家'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/committees/7/neighbours/contacts/3/messages');
    expect(post?.body).toEqual({ body: '我下午在家', photoIds: [] });
    expect(($('#thread-input') as HTMLTextAreaElement).value).toBe('');

    click('#thread-older');
    await waitFor(() => expect($('#message-90')).toBeTruthy());
    expect(calls.at(-1)?.query.get('before')).toBe('100');
    expect($$('.neighbour-msg')[0].id).toBe('message-90');
    expect($('#thread-older')).toBeNull();

    click('#thread-their-phone');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001111' });
    click('#thread-their-wechat-copy');
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'li_shifu' });

    click('#thread-share-toggle');
    expect(text('#thread-share-panel')).toContain(neighbourConsentTexts.share_phone);
    type('#thread-share-phone', '13900002222');
    click('#thread-share-save');
    await waitFor(() => expect(text('#thread-share-state')).toContain('电话 13900002222'));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ phone: '13900002222', wechatId: null, consentVersion: NEIGHBOUR_CONSENT_VERSION });
    click('#thread-share-clear');
    await waitFor(() => expect(text('#thread-share-state')).toBe('现在对方看不到您的电话和微信号。'));
  });

  it('a closed thread shows a plain banner and no input', async () => {
    router.params = { communityId: '7', id: '3' };
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/contacts/:contactId': () => ({
        body: thread({
          contact: contact(3, { view: 'unavailable', other: null }),
          canSend: false,
          theirShare: { phone: null, wechatId: null },
        }),
      }),
    });
    render(<NeighbourThread />);
    await waitFor(() => expect($('#thread-closed')).toBeTruthy());
    expect(text('#thread-closed')).toContain('对方暂时不方便');
    expect(text('#thread-name')).toBe('这位邻居');
    expect($('#thread-input')).toBeNull();
    expect($('#thread-their-share')).toBeNull();
  });
});

describe('授权记录 and 我的资料', () => {
  it('lists the consent log with time, field, 同意 / 撤回, version and text', async () => {
    fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/me/neighbour-consents': () => ({
        body: {
          items: [
            {
              id: 2,
              communityName: '梅园居委会',
              field: 'tags',
              granted: false,
              textVersion: NEIGHBOUR_CONSENT_VERSION,
              text: neighbourConsentTexts.tags,
              createdAt: '2026-12-01T03:00:00.000Z',
            },
            {
              id: 1,
              communityName: '梅园居委会',
              field: 'listed',
              granted: true,
              textVersion: '2026-11-v0',
              text: null,
              createdAt: '2026-12-01T02:00:00.000Z',
            },
          ],
        },
      }),
    });
    render(<NeighbourConsents />);
    await waitFor(() => expect($$('.consent-row')).toHaveLength(2));
    expect(text('#consent-2-field')).toBe('标签');
    expect(text('#consent-2-granted')).toBe('撤回');
    expect(text('#consent-2-time')).toContain('梅园居委会');
    expect(text('#consent-2-version')).toBe(`说明文字版本：${NEIGHBOUR_CONSENT_VERSION}`);
    expect(text('#consent-2-text')).toContain(neighbourConsentTexts.tags);
    expect(text('#consent-1-field')).toBe('让邻居找到我');
    expect(text('#consent-1-granted')).toBe('同意');
    expect($('#consent-1-text')).toBeNull();
  });

  it('the home tile goes to the current community’s directory', async () => {
    fakeServer({ 'GET /api/me': () => ({ body: resident() }) });
    render(<Home />);
    await waitFor(() => expect(text('#home-community-name')).toBe('梅园居委会'));
    click('#feature-neighbours');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/index?communityId=7' });
  });

  it('我的 has 我的邻居名片 and 邻居来往 with the number of requests to answer', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/me/memberships': () => ({ body: { items: [membership({ status: 'approved' })] } }),
      'GET /api/committees/:communityId/neighbours/contacts': () => ({
        body: { items: [contact(1)], nextCursor: null, toAnswer: 2 },
      }),
    });
    render(<Mine />);
    await waitFor(() => expect(text('#mine-neighbour-to-answer')).toBe('2 个请求待回复'));
    const asked = calls.find((c) => c.path === '/api/committees/7/neighbours/contacts');
    expect(asked?.query.get('box')).toBe('requests');
    click('#mine-neighbour-contacts');
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/neighbours/contacts/index?communityId=7&box=requests',
    });
    click('#mine-neighbour-card');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/me/index?communityId=7' });
  });

  it('我的资料 on H5 links to 我的授权记录 and downloads the Excel copy as a file', async () => {
    const exported = {
      ...Object.fromEntries(Object.keys(myDataReply.shape).map((k) => [k, []])),
      exportedAt: '2026-11-28T02:00:00.000Z',
      user: { id: 7, nickname: null, avatarUrl: null, hasWechatIdentity: true, createdAt: '2026-11-01T02:00:00.000Z' },
    };
    fakeServer({
      'GET /api/me/data': () => ({ body: exported }),
      'GET /api/auth/sessions': () => ({ body: { items: [] } }),
    });
    const fetched: { url: string; headers: Record<string, string> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: { headers: Record<string, string> }) => {
        fetched.push({ url, headers: init.headers });
        return { ok: true, status: 200, blob: async () => new Blob(['xlsx']) };
      }),
    );
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = vi.fn(() => 'blob:copy');
    URL.revokeObjectURL = vi.fn();
    render(<MyData />);
    await waitFor(() => expect($('#my-data-neighbours')).toBeTruthy());
    click('#my-data-consents');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/consents/index' });
    expect(text('#my-data-xlsx')).toBe('下载我的资料（Excel 表格）');
    click('#my-data-xlsx');
    await waitFor(() => expect(clicked).toEqual(['我的资料.xlsx']));
    expect(fetched[0].url).toMatch(/\/api\/me\/data\.xlsx$/);
    expect(fetched[0].headers.Authorization).toBe('Bearer tok-1');
    expect(Taro.downloadFile).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it('已屏蔽 lists the blocks and lifts one after confirming', async () => {
    const calls = fakeServer({
      'GET /api/me': () => ({ body: resident() }),
      'GET /api/committees/:communityId/neighbours/blocks': () => ({
        body: {
          items: [
            { id: 9, label: '张先生', createdAt: '2026-12-01T02:00:00.000Z' },
            { id: 8, label: '邻居', createdAt: '2026-11-30T02:00:00.000Z' },
          ],
        },
      }),
      'DELETE /api/committees/:communityId/neighbours/blocks/:blockId': () => ({ status: 204 }),
    });
    render(<NeighbourBlocks />);
    await waitFor(() => expect($('#block-9')).toBeTruthy());
    expect(text('#block-9')).toContain('张先生');
    click('#block-9-remove');
    await waitFor(() => expect($('#block-9')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/committees/7/neighbours/blocks/9')).toBe(true);
    expect($('#block-8')).toBeTruthy();
  });
});
