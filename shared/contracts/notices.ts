import { z } from 'zod';
import { noticeAudiences, noticeCategories, noticeStatuses, signupStatuses } from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, fileResponse } from './route';
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
export const dateTime = (message: string) =>
  text({
    max: 40,
    pattern: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    messages: message,
  })
    .refine((v) => !Number.isNaN(Date.parse(v)), message)
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v).toISOString());

export const SIGNUP_CAPACITY_MAX = 10_000;
export const SIGNUP_PEOPLE_MAX = 10;

/** 活动报名 settings of an 活动 notice: places (people), deadline, people per household. */
export const signupSettings = z.object({
  capacity: z
    .number({ error: '请填写名额（人数）' })
    .int('名额要是整数')
    .min(1, '名额至少1人')
    .max(SIGNUP_CAPACITY_MAX, `名额最多${SIGNUP_CAPACITY_MAX}人`),
  deadline: dateTime('报名截止时间不对'),
  maxPeople: z
    .number({ error: '请填写每户最多几人' })
    .int('每户人数要是整数')
    .min(1, '每户至少1人')
    .max(SIGNUP_PEOPLE_MAX, `每户最多${SIGNUP_PEOPLE_MAX}人`),
});
export type SignupSettings = z.infer<typeof signupSettings>;

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
    /** Sign-ups, for an 活动 notice only; null when it takes none. */
    signup: signupSettings.nullable().default(null),
  })
  .refine((n) => n.signup === null || n.category === 'event', {
    message: '只有“活动”类的通知可以报名',
    path: ['signup'],
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
  /** It takes sign-ups and they are still open. */
  signupOpen: z.boolean(),
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

/** The caller's household's sign-up to one 活动. */
export const mySignup = z.object({
  id: z.number().int(),
  status: z.enum(signupStatuses),
  people: z.number().int(),
  /** Place on the waiting list (1 = next to move up); null when not waiting. */
  position: z.number().int().nullable(),
  /** The household member who signed up is the caller (any approved member of the household may cancel it). */
  byMe: z.boolean(),
  createdAt: isoDateTime,
});
export type MySignup = z.infer<typeof mySignup>;

/** 活动报名 as residents see it on the notice. */
export const signupSummary = z.object({
  capacity: z.number().int(),
  deadline: isoDateTime,
  maxPeople: z.number().int(),
  /** People with a place. */
  taken: z.number().int(),
  /** Households on the waiting list. */
  waiting: z.number().int(),
  /** Before the deadline (and the notice is published, not withdrawn or expired). */
  open: z.boolean(),
  /** The caller's household's live sign-up, if any (null when not signed in or not a member). */
  mine: mySignup.nullable(),
});
export type SignupSummary = z.infer<typeof signupSummary>;

/** A notice as a resident opens it; a withdrawn one is a tombstone (no body, the reason). */
export const noticeDetail = z.object({
  ...noticeBase,
  communityName: z.string(),
  status: z.enum(['published', 'withdrawn']),
  body: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  attachments: z.array(uploadReply),
  /** Null when the notice takes no sign-ups. */
  signup: signupSummary.nullable(),
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
  /** A draft set to go out then (定时发布); null otherwise. */
  publishAt: isoDateTime.nullable(),
  /** Sign-up settings and counts (mine is always null here). */
  signup: signupSummary.nullable(),
  /** 已读 households / audience households, for the list (published notices; null for drafts). */
  reads: z.object({ read: z.number().int(), total: z.number().int() }).nullable(),
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

export const getNoticeAdmin = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId/manage',
  summary: 'One notice of the community for its committee, in any state (to edit, copy or look at its figures)',
  tag: 'notices',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: noticeParams,
  response: noticeAdmin,
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
  summary:
    'Publish a draft now, or set it to go out at a later moment (定时发布: it stays a draft with publishAt until the job publishes it)',
  tag: 'notices',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: noticeParams,
  body: z.object({
    /** Later than now: scheduled; absent or null: now. */
    at: dateTime('发布时间不对').nullable().default(null),
  }),
  response: noticeAdmin,
});

export const unscheduleNotice = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/notices/:noticeId/unschedule',
  summary: 'Take a scheduled draft off the schedule (it stays a draft)',
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

export const noticeReadsXlsx = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/notices/:noticeId/reads.xlsx',
  summary:
    'The read figures as an Excel file: a sheet by building and a sheet of the households where nobody has read it',
  tag: 'notices',
  auth: 'staff',
  params: noticeParams,
  response: fileResponse(XLSX_TYPE),
});
