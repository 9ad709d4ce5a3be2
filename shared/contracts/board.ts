import { z } from 'zod';
import {
  authorShownAs,
  contentStates,
  heldReasons,
  matterCategories,
  matterRoutes,
  postCategories,
  postKinds,
  postStatuses,
} from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute, defineUploadRoute } from './route';
import { uploadReply } from './uploads';

/**
 * 留言板 and 小事快办 as residents use them, and the committee's official replies.
 * A matter (小事快办) is a post of kind `matter` with a place and a matter category; both kinds
 * share comments, +1s, reports and screening. See docs/decisions/017-board.md.
 */

export const POST_BODY_MAX = 1000;
export const COMMENT_BODY_MAX = 500;
export const POST_MAX_IMAGES = 6;
export const PLACE_MAX = 40;
/** Minutes after posting during which the author may edit. */
export const EDIT_WINDOW_MINUTES = 10;
/** Days after 已回复 / 已办结 before a post closes by itself. */
export const AUTO_CLOSE_DAYS = 7;
export const REASON_MAX = 200;
export const RATING_COMMENT_MAX = 200;
/** An image upload for a post: photos only, smaller than the committee's. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export const postParams = z.object({ communityId: idSchema, postId: idSchema });
export const commentParams = z.object({ communityId: idSchema, postId: idSchema, commentId: idSchema });

export const postBody = text({
  min: 1,
  max: POST_BODY_MAX,
  multiline: true,
  messages: { min: '请写下您想说的话', max: `最多${POST_BODY_MAX}个字` },
});
export const commentBody = text({
  min: 1,
  max: COMMENT_BODY_MAX,
  multiline: true,
  messages: { min: '请写下评论', max: `评论最多${COMMENT_BODY_MAX}个字` },
});
export const reasonText = (what: string) =>
  text({ min: 1, max: REASON_MAX, multiline: true, messages: { min: `请写明${what}`, max: `最多${REASON_MAX}个字` } });

const category = z.enum(postCategories, { error: '请选择类别：求助、建议、投诉、闲聊或表扬' });
const matterCategory = z.enum(matterCategories, { error: '请选择类别：照明、卫生、消防通道、漏水、噪音或其他' });
const shownAs = z.enum(authorShownAs, { error: '请选择邻居看到的署名方式' }).default('name');
const imageIds = z
  .array(idSchema, { error: '照片不对，请重新上传' })
  .max(POST_MAX_IMAGES, `最多${POST_MAX_IMAGES}张照片`)
  .default([])
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能添加一次');

const placeText = text({
  min: 1,
  max: PLACE_MAX,
  messages: { min: '请写明地点，比如 3号楼门口', max: `地点最多${PLACE_MAX}个字` },
});

/**
 * A new board post (kind `post`: a category) or 小事快办 report (kind `matter`: a matter
 * category and a place). One object rather than a union on `kind`, so that a bad field is
 * named at its own path even when `kind` is missing (tests/server/text-fields.test.ts); the
 * kind's own fields are required by the check below, the other kind's are ignored.
 */
export const postInput = z
  .object({
    kind: z.enum(postKinds, { error: '请选择是发留言还是报小事快办' }),
    category: category.optional(),
    matterCategory: matterCategory.optional(),
    place: placeText.optional(),
    body: postBody,
    uploadIds: imageIds,
    authorShown: shownAs,
  })
  .check((ctx) => {
    const v = ctx.value;
    const missing = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', input: v, path: [path], message });
    if (v.kind === 'post' && !v.category) missing('category', '请选择类别：求助、建议、投诉、闲聊或表扬');
    if (v.kind === 'matter') {
      if (!v.matterCategory) missing('matterCategory', '请选择类别：照明、卫生、消防通道、漏水、噪音或其他');
      if (!v.place) missing('place', '请写明地点，比如 3号楼门口');
    }
  });
export type PostInput = z.input<typeof postInput>;

/** One step of a post's timeline. */
export const postEventView = z.object({
  fromStatus: z.enum(postStatuses).nullable(),
  toStatus: z.enum(postStatuses),
  /** 居委会 / 物业 / 发帖人 / 系统 (never a resident's name). */
  actorLabel: z.string(),
  note: z.string().nullable(),
  at: isoDateTime,
});

const postBase = {
  id: z.number().int(),
  communityId: z.number().int(),
  kind: z.enum(postKinds),
  category: z.enum(postCategories).nullable(),
  matterCategory: z.enum(matterCategories).nullable(),
  place: z.string().nullable(),
  route: z.enum(matterRoutes).nullable(),
  /** What neighbours see as the author (匿名邻居 when anonymous; never a room unless chosen). */
  authorLabel: z.string(),
  /** The caller wrote it. */
  mine: z.boolean(),
  status: z.enum(postStatuses),
  /** Others only ever see visible posts; the author also sees theirs held, hidden or rejected. */
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  /** Why it was hidden or rejected: for the author (and staff) only, null for others. */
  stateReason: z.string().nullable(),
  createdAt: isoDateTime,
  editedAt: isoDateTime.nullable(),
  activityAt: isoDateTime,
  commentCount: z.number().int(),
  plusCount: z.number().int(),
  /** The caller's household said 我也遇到了. */
  plusByMyHousehold: z.boolean(),
  /** It has a 居委回复 (or 物业回复). */
  hasOfficialReply: z.boolean(),
  rating: z.number().int().nullable(),
};

export const postListItem = z.object({
  ...postBase,
  /** The first words of the body. */
  excerpt: z.string(),
  /** Up to three thumbnails. */
  images: z.array(uploadReply),
  imageCount: z.number().int(),
});

export const postDetail = z.object({
  ...postBase,
  body: z.string(),
  images: z.array(uploadReply),
  /** The author may still edit (their own post, within 10 minutes). */
  canEdit: z.boolean(),
  /** The author may appeal its hiding (once). */
  canAppeal: z.boolean(),
  ratingComment: z.string().nullable(),
  timeline: z.array(postEventView),
});
export type PostDetail = z.infer<typeof postDetail>;

export const listPosts = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/posts',
  summary:
    "The community's board for its approved members: visible posts (and the caller's own in any state), newest first or with new replies first; filters by kind, category, 只看居委回复 and text; keyset paging",
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  query: z.object({
    kind: z.enum(postKinds, { error: '类型不对' }).optional(),
    category: category.optional(),
    matterCategory: matterCategory.optional(),
    /** 只看居委回复: only posts with an official reply. */
    official: z.enum(['true', 'false'], { error: '筛选条件不对' }).optional(),
    /** Only the caller's own posts (我的留言), in any state. */
    mine: z.enum(['true', 'false'], { error: '筛选条件不对' }).optional(),
    sort: z.enum(['newest', 'activity'], { error: '排序方式不对' }).default('newest'),
    q: optionalText({ max: 30, messages: { max: '搜索词最多30个字' } }),
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(postListItem), nextCursor: z.string().nullable() }),
});

export const createPost = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts',
  summary:
    'Post to the board or report a 小事快办 (routed to the committee or the property company by category). Screened first: listed words refuse with 422 CONTENT_REJECTED; WeChat review or outage holds it (审核中); images wait for their check',
  tag: 'board',
  auth: 'user',
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'CONTENT_REJECTED',
    'DUPLICATE_CONTENT',
    'BOARD_MUTED',
    'RATE_LIMITED',
    'VALIDATION_FAILED',
  ],
  params: communityParams,
  body: postInput,
  status: 201,
  response: postDetail,
});

export const getPost = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/posts/:postId',
  summary: 'One post with its photos and timeline, for approved members (the author also sees theirs when not visible)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: postParams,
  response: postDetail,
});

export const editPost = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/posts/:postId',
  summary: 'The author changes the text within 10 minutes of posting (screened again; marked 已编辑)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'EDIT_WINDOW_CLOSED', 'CONTENT_REJECTED', 'BOARD_MUTED', 'INVALID_STATE'],
  params: postParams,
  body: z.object({ body: postBody }),
  response: postDetail,
});

export const deletePost = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/posts/:postId',
  summary: 'The author deletes their post (moderators still see it in the log)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: postParams,
  status: 204,
  response: null,
});

export const commentView = z.object({
  id: z.number().int(),
  postId: z.number().int(),
  authorLabel: z.string(),
  mine: z.boolean(),
  isOfficial: z.boolean(),
  body: z.string(),
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  stateReason: z.string().nullable(),
  canAppeal: z.boolean(),
  createdAt: isoDateTime,
});
export type CommentView = z.infer<typeof commentView>;

export const listComments = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/posts/:postId/comments',
  summary:
    "A post's comments, oldest first, with the official replies (居委回复) apart on top; the caller's own held or hidden ones included",
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: postParams,
  query: z.object({
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(100, 50),
  }),
  response: z.object({
    /** Every official reply (on the first page only; empty after). */
    official: z.array(commentView),
    items: z.array(commentView),
    nextCursor: z.string().nullable(),
  }),
});

export const createComment = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts/:postId/comments',
  summary: 'A resident comments on a visible post (screened like a post)',
  tag: 'board',
  auth: 'user',
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'CONTENT_REJECTED',
    'DUPLICATE_CONTENT',
    'BOARD_MUTED',
    'RATE_LIMITED',
    'INVALID_STATE',
  ],
  params: postParams,
  body: z.object({ body: commentBody, authorShown: shownAs }),
  status: 201,
  response: commentView,
});

export const deleteComment = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/posts/:postId/comments/:commentId',
  summary: 'The author deletes their comment',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: commentParams,
  status: 204,
  response: null,
});

export const plusOneReply = z.object({ plusCount: z.number().int(), plusByMyHousehold: z.boolean() });

export const addPlusOne = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/posts/:postId/plus-one',
  summary: '我也遇到了: one per household (saying it again changes nothing)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  params: postParams,
  response: plusOneReply,
});

export const removePlusOne = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/posts/:postId/plus-one',
  summary: "Takes back the household's 我也遇到了 (only the member who gave it)",
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: postParams,
  response: plusOneReply,
});

export const resolvePost = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts/:postId/resolve',
  summary: 'The author confirms it is solved (已回复 or 已办结 → 已解决)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  params: postParams,
  response: postDetail,
});

export const reopenPost = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts/:postId/reopen',
  summary: 'The author reopens it with a reason (back to 待回复, or a matter back to 处理中)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  params: postParams,
  body: z.object({ reason: reasonText('为什么还没解决') }),
  response: postDetail,
});

export const ratePost = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts/:postId/rating',
  summary: '成效居民评: the author rates a resolved 小事快办 1–5 with a comment (once)',
  tag: 'board',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'CONTENT_REJECTED'],
  params: postParams,
  body: z.object({
    stars: z
      .number({ error: '请选择1到5颗星' })
      .int('请选择1到5颗星')
      .min(1, '请选择1到5颗星')
      .max(5, '请选择1到5颗星'),
    comment: optionalText({
      max: RATING_COMMENT_MAX,
      multiline: true,
      messages: { max: `最多${RATING_COMMENT_MAX}个字` },
    }),
  }),
  response: postDetail,
});

export const officialReply = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/posts/:postId/official-replies',
  summary:
    'A 居委回复 (or, on a matter routed to the property company, a 物业回复 by its handler): pinned on top, moves a board post 待回复 → 已回复, tells the author',
  tag: 'board',
  auth: 'handler',
  errors: ['INVALID_STATE'],
  params: postParams,
  body: z.object({ body: commentBody }),
  status: 201,
  response: commentView,
});

export const uploadPhoto = defineUploadRoute({
  method: 'POST',
  path: '/api/committees/:communityId/photos',
  summary:
    "A member's photo for a post (JPEG, PNG, WebP, HEIC; ≤ 10 MB) as the `file` field of a multipart form; re-encoded without metadata, members-only, an orphan until a post takes it. Limited per user and day",
  tag: 'board',
  auth: 'user',
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'UPLOAD_TYPE_NOT_ALLOWED',
    'UPLOAD_TOO_LARGE',
    'UPLOAD_UNREADABLE',
    'UPLOAD_TOO_MANY_PIXELS',
    'RATE_LIMITED',
  ],
  params: communityParams,
  upload: {
    maxBytes: PHOTO_MAX_BYTES,
    description: 'One photo as the `file` field of multipart/form-data (what Taro.uploadFile sends)',
    multipart: { field: 'file' },
  },
  status: 201,
  response: uploadReply,
});
