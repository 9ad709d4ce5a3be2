import { image } from './notice-fixtures';

/** Replies shaped as shared/contracts/board.ts allows (the client parses them with it). */

export function postItem(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    communityId: 7,
    kind: 'post',
    category: 'help',
    matterCategory: null,
    place: null,
    route: null,
    authorLabel: '李阿姨 · 3号楼',
    mine: false,
    status: 'awaiting_reply',
    state: 'visible',
    heldReason: null,
    stateReason: null,
    createdAt: '2026-11-03T02:00:00.000Z',
    editedAt: null,
    activityAt: '2026-11-03T02:00:00.000Z',
    commentCount: 0,
    plusCount: 0,
    plusByMyHousehold: false,
    hasOfficialReply: false,
    rating: null,
    excerpt: `第${id}条留言的开头`,
    images: [],
    imageCount: 0,
    ...over,
  };
}

export function postDetail(id: number, over: Record<string, unknown> = {}) {
  const { excerpt: _e, imageCount: _c, ...base } = postItem(id);
  return {
    ...base,
    body: '楼道灯坏了，晚上看不见。\n有事请打 13912345678。',
    images: [image(1)],
    canEdit: false,
    canAppeal: false,
    ratingComment: null,
    timeline: [],
    ...over,
  };
}

export function comment(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    postId: 11,
    authorLabel: `邻居${id}`,
    mine: false,
    isOfficial: false,
    body: `评论${id}`,
    state: 'visible',
    heldReason: null,
    stateReason: null,
    canAppeal: false,
    createdAt: '2026-11-03T03:00:00.000Z',
    ...over,
  };
}
