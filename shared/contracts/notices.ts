import { z } from 'zod';
import { noticeAudiences, noticeCategories, noticeStatuses } from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';
import { uploadReply } from './uploads';

/**
 * 通知公告: the committee writes, publishes and withdraws notices and sees who has read them
 * (per household); residents read the notices meant for them. See docs/decisions/014-notices.md.
 */

export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 5000;
export const NOTICE_MAX_IMAGES = 9;
export const NOTICE_MAX_PDFS = 9;

const noticeParams = z.object({ communityId: idSchema, noticeId: idSchema });

export const noticeTitle = text({
  min: 1,
  max: NOTICE_TITLE_MAX,
  messages: { min: '请填写标题', max: `标题最多${NOTICE_TITLE_MAX}个字` },
});
export const noticeBody = text({
  min: 1,
  max: NOTICE_BODY_MAX,
  multiline: true,
  messages: { min: '请填写正文', max: `正文最多${NOTICE_BODY_MAX}个字` },
});
const category = z.enum(noticeCategories, { error: '请选择类别：通知、活动、提醒、紧急或公示' });
const audience = z.enum(noticeAudiences, { error: '请选择发给全社区还是部分楼栋' });
/** A moment as ISO 8601 with its offset, or a bare date (that day's start, China time). */
const dateTime = (message: string) =>
  text({
    max: 40,
    pattern: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    messages: message,
  })
    .refine((v) => !Number.isNaN(Date.parse(v)), message)
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v).toISOString());

/** What the committee writes; the same shape for a new draft and an edit (an edit sends all of it). */
export const noticeInput = z
  .object({
    title: noticeTitle,
    body: noticeBody,
    category,
    isPublic: z.boolean({ error: '请选择是否所有人可见' }),
    audience,
    buildingIds: z.array(idSchema, { error: '请选择楼栋' }).max(200, '楼栋选得太多了').default([]),
    pinnedUntil: dateTime('置顶截止时间不对').nullable().default(null),
    expiresAt: dateTime('过期时间不对').nullable().default(null),
    uploadIds: z.array(idSchema, { error: '附件不对，请重新上传' }).max(18, '附件太多了').default([]),
  })
  .refine((n) => n.audience === 'all' || n.buildingIds.length > 0, {
    message: '请至少选择一栋楼',
    path: ['buildingIds'],
  })
  .refine((n) => new Set(n.uploadIds).size === n.uploadIds.length, {
    message: '同一个附件只能添加一次',
    path: ['uploadIds'],
  });
export type NoticeInput = z.infer<typeof noticeInput>;

const noticeBase = {
  id: z.number().int(),
  communityId: z.number().int(),
  title: z.string(),
  category: z.enum(noticeCategories),
  isPublic: z.boolean(),
  pinned: z.boolean(),
  publishedAt: isoDateTime.nullable(),
  editedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  /** Past its expiry: shown marked 已过期. */
  expired: z.boolean(),
};

/** One line of the resident list. */
export const noticeListItem = z.object({
  ...noticeBase,
  /** The first words of the body. */
  excerpt: z.string(),
  /** The caller has not opened it yet (always false for someone not signed in). */
  unread: z.boolean(),
});

export const noticeListReply = z.object({
  items: z.array(noticeListItem),
  nextCursor: z.string().nullable(),
  /** Notices for the caller not opened yet (null when not signed in). */
  unreadCount: z.number().int().nullable(),
});

export const listNotices = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices',
  summary:
    'Published notices the caller may see: pinned and 紧急 first, then newest; public ones for anyone, members-only ones for approved residents of the audience, every one for the committee',
  tag: 'notices',
  auth: 'optional',
  errors: ['NOT_FOUND'],
  params: communityParams,
  query: z.object({
    category: category.optional(),
    q: optionalText({ max: 30, messages: { max: '搜索词最多30个字' } }),
    /** Where the next page starts: the `nextCursor` of the page before. */
    cursor: optionalText({ max: 100, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(50, 20),
  }),
  response: noticeListReply,
});

/** A notice as a resident opens it; a withdrawn one is a tombstone (no body, the reason). */
export const noticeDetail = z.object({
  ...noticeBase,
  communityName: z.string(),
  status: z.enum(['published', 'withdrawn']),
  body: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  attachments: z.array(uploadReply),
});

export const getNotice = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId',
  summary:
    'One notice; opening it marks it read for the caller (once per user). Members-only for a non-member: 403 NOTICE_MEMBERS_ONLY with the community, so the page can offer to join',
  tag: 'notices',
  auth: 'optional',
  errors: ['NOT_FOUND', 'NOTICE_MEMBERS_ONLY'],
  params: noticeParams,
  response: noticeDetail,
});

/** What the committee sees of a notice: everything, in any state. */
export const noticeAdmin = z.object({
  ...noticeBase,
  body: z.string(),
  status: z.enum(noticeStatuses),
  audience: z.enum(noticeAudiences),
  buildingIds: z.array(z.number().int()),
  pinnedUntil: isoDateTime.nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  attachments: z.array(uploadReply),
});
export type NoticeAdmin = z.infer<typeof noticeAdmin>;

export const listNoticesAdmin = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/manage',
  summary: 'Every notice of the community for its committee (drafts and withdrawn ones too), newest first',
  tag: 'notices',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    status: z.enum(noticeStatuses, { error: '状态不对，请刷新后再试' }).optional(),
    beforeId: idSchema.optional(),
    limit: pageLimit(100, 20),
  }),
  response: z.object({ items: z.array(noticeAdmin), nextBeforeId: z.number().int().nullable() }),
});

export const createNotice = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices',
  summary: 'Write a notice as a draft (images and PDFs by their upload ids, in order)',
  tag: 'notices',
  auth: 'staff',
  status: 201,
  params: communityParams,
  body: noticeInput,
  response: noticeAdmin,
});

export const updateNotice = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/notices/:noticeId',
  summary: 'Change a draft or a published notice (a published one shows 已更新 and its version goes up)',
  tag: 'notices',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: noticeParams,
  body: noticeInput,
  response: noticeAdmin,
});

export const publishNotice = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/publish',
  summary: 'Publish a draft now',
  tag: 'notices',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: noticeParams,
  response: noticeAdmin,
});

export const withdrawNotice = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/withdraw',
  summary: 'Withdraw a published notice with a reason; its link stays, showing 此通知已撤回 and the reason',
  tag: 'notices',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: noticeParams,
  body: z.object({
    reason: text({ min: 1, max: 200, messages: { min: '请填写撤回原因', max: '撤回原因最多200个字' } }),
  }),
  response: noticeAdmin,
});

const readFigure = z.object({ read: z.number().int(), total: z.number().int() });

export const noticeReadsReply = z.object({
  /** 已读 X / Y 户: Y = households of the audience with an approved member. */
  overall: readFigure,
  buildings: z.array(readFigure.extend({ buildingId: z.number().int(), buildingName: z.string() })),
  /** Households of the audience where no member has opened it (to knock on doors). */
  unreadHouseholds: z.array(
    z.object({
      id: z.number().int(),
      buildingId: z.number().int(),
      buildingName: z.string(),
      unit: z.string(),
      room: z.string(),
    }),
  ),
});

export const noticeReads = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId/reads',
  summary: 'Read figures: 已读 X / Y 户 overall and by building, and the households where nobody has read it',
  tag: 'notices',
  auth: 'staff',
  params: noticeParams,
  response: noticeReadsReply,
});
