import { z } from 'zod';
import {
  contentStates,
  contentSubjects,
  heldReasons,
  type MatterCategory,
  type MatterRoute,
  matterCategories,
  matterRoutes,
  moderationActions,
  moderationRules,
  reportReasons,
} from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, pageOffset } from './common';
import { defineRoute } from './route';

/**
 * Moderation of the board: residents report and appeal, the committee works the review
 * queue, mutes authors and sets the report threshold; everyone in the community reads the
 * public moderation log, which never names the item or its author.
 * See docs/decisions/019-moderation.md.
 */

export const REPORT_NOTE_MAX = 200;
export const APPEAL_MAX = 300;
export const MODERATION_REASON_MAX = 200;
export const MUTE_DAYS_MAX = 30;
export const REPORT_THRESHOLD_MAX = 50;
export const SEC_CHECK_LIMIT_MAX = 100_000;

const subject = z.enum(contentSubjects, { error: '内容类型不对，请刷新后再试' });
const item = { subject, subjectId: idSchema };

export const reportInput = z.object({
  ...item,
  reason: z.enum(reportReasons, { error: '请选择举报理由：广告、辱骂、不实信息、泄露隐私或其他' }),
  note: optionalText({
    max: REPORT_NOTE_MAX,
    multiline: true,
    messages: { max: `补充说明最多${REPORT_NOTE_MAX}个字` },
  }),
});
export type ReportInput = z.infer<typeof reportInput>;

export const reportItem = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/reports',
  summary:
    'Report a visible post or comment of the community, once per reporter; enough distinct reporters (the community’s threshold) hide it by themselves',
  tag: 'moderation',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'ALREADY_REPORTED', 'INVALID_STATE'],
  params: communityParams,
  body: reportInput,
  response: z.object({ reported: z.literal(true) }),
});

export const appealInput = z.object({
  ...item,
  text: text({
    min: 1,
    max: APPEAL_MAX,
    multiline: true,
    messages: { min: '请写明申诉的理由', max: `申诉最多${APPEAL_MAX}个字` },
  }),
});

export const appealItem = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/appeals',
  summary:
    'The author appeals once against the hiding or rejection of their post or comment; it goes to the review queue',
  tag: 'moderation',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'ALREADY_APPEALED', 'INVALID_STATE'],
  params: communityParams,
  body: appealInput,
  response: z.object({ appealed: z.literal(true) }),
});

export const reviewTabs = ['reported', 'held', 'appealed', 'hidden', 'deleted'] as const;
export type ReviewTab = (typeof reviewTabs)[number];
export const reviewTabLabels: Record<ReviewTab, string> = {
  reported: '被举报',
  held: '待审核',
  appealed: '申诉',
  hidden: '已隐藏',
  deleted: '已删除',
};

/** One item of the review queue: what it says and who wrote it (staff may see who). */
export const reviewItem = z.object({
  subject: z.enum(contentSubjects),
  subjectId: z.number().int(),
  body: z.string(),
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  stateReason: z.string().nullable(),
  createdAt: isoDateTime,
  author: z
    .object({
      userId: z.number().int(),
      name: z.string(),
      building: z.string().nullable(),
      room: z.string().nullable(),
    })
    .nullable(),
  reportCount: z.number().int(),
  /** Reports not yet settled by a moderator. */
  reports: z.array(z.object({ reason: z.enum(reportReasons), note: z.string().nullable(), createdAt: isoDateTime })),
  appeal: z.object({ text: z.string(), at: isoDateTime, decided: z.boolean() }).nullable(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

export const reviewCounts = z.object(
  Object.fromEntries(reviewTabs.map((t) => [t, z.number().int()])) as Record<ReviewTab, z.ZodNumber>,
);

export const getReviewQueue = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/review',
  summary:
    'The review queue of one tab (被举报 / 待审核 / 申诉 / 已隐藏 / 已删除), newest first, with the count of every tab',
  tag: 'moderation',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    tab: z.enum(reviewTabs, { error: '分类不对，请刷新后再试' }).default('reported'),
    limit: pageLimit(50, 20),
    offset: pageOffset(10_000),
  }),
  response: z.object({ counts: reviewCounts, items: z.array(reviewItem), nextOffset: z.number().int().nullable() }),
});

export const moderationReason = optionalText({
  max: MODERATION_REASON_MAX,
  multiline: true,
  messages: { max: `原因最多${MODERATION_REASON_MAX}个字` },
});
const muteDays = z
  .number({ error: `禁言天数要在1到${MUTE_DAYS_MAX}之间` })
  .int(`禁言天数要是整数`)
  .min(1, `禁言天数要在1到${MUTE_DAYS_MAX}之间`)
  .max(MUTE_DAYS_MAX, `禁言天数要在1到${MUTE_DAYS_MAX}之间`);

/** The reason of a hide or delete as the dialog checks it before sending (required there). */
export const decisionReasonBody = z.object({
  reason: text({
    min: 1,
    max: MODERATION_REASON_MAX,
    multiline: true,
    messages: { min: '请写明原因，居民能在处理记录里看到', max: `原因最多${MODERATION_REASON_MAX}个字` },
  }),
});

export const decisionActions = ['restore', 'hide', 'delete'] as const;
export type DecisionAction = (typeof decisionActions)[number];

export const decisionInput = z
  .object({
    action: z.enum(decisionActions, { error: '请选择恢复显示、隐藏或删除' }),
    reason: moderationReason,
    muteDays: muteDays.optional(),
  })
  .refine((d) => d.action === 'restore' || (d.reason ?? '').length > 0, {
    message: '隐藏或删除要写明原因，居民能在处理记录里看到',
    path: ['reason'],
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const decideItem = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/review/:subject/:subjectId',
  summary:
    'Restore, hide or delete one item (compare-and-set on its state), optionally muting its author; its reports are settled, its appeal decided, the author told',
  tag: 'moderation',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: z.object({ communityId: idSchema, subject, subjectId: idSchema }),
  body: decisionInput,
  response: reviewItem,
});

export const muteView = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  until: isoDateTime,
  reason: z.string(),
  createdAt: isoDateTime,
});

export const listMutes = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/mutes',
  summary: '禁言名单: members who may not post or comment now, ending soonest first',
  tag: 'moderation',
  auth: 'staff',
  params: communityParams,
  response: z.object({ items: z.array(muteView) }),
});

export const muteInput = z.object({
  userId: idSchema,
  days: muteDays,
  reason: text({
    min: 1,
    max: MODERATION_REASON_MAX,
    multiline: true,
    messages: { min: '请写明禁言原因', max: `原因最多${MODERATION_REASON_MAX}个字` },
  }),
});

export const muteMember = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/mutes',
  summary: 'Mute a member of the community for 1–30 days (a new mute replaces a running one)',
  tag: 'moderation',
  auth: 'staff',
  status: 201,
  errors: ['NOT_FOUND'],
  params: communityParams,
  body: muteInput,
  response: muteView,
});

export const liftMute = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/mutes/:muteId',
  summary: 'Lift a running mute',
  tag: 'moderation',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: z.object({ communityId: idSchema, muteId: idSchema }),
  response: null,
});

/** A line of the public log: never the content, the item or its author. */
export const publicLogLine = z.object({
  subject: z.enum(contentSubjects),
  action: z.enum(moderationActions),
  rule: z.enum(moderationRules),
  reason: z.string().nullable(),
  at: isoDateTime,
});
export type PublicLogLine = z.infer<typeof publicLogLine>;

export const moderationLogRoute = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/moderation-log',
  summary:
    'The public moderation log for the community’s members: what kind of item was hidden, deleted or restored, when, by which rule and why — never the content, the item or its author',
  tag: 'moderation',
  auth: 'user',
  errors: ['NOT_FOUND'],
  params: communityParams,
  query: z.object({
    cursor: optionalText({ max: 20, pattern: /^\d+$/, messages: '翻页位置不对，请刷新后再试' }),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(publicLogLine), nextCursor: z.string().nullable() }),
});

const thresholdMessage = `举报人数要在1到${REPORT_THRESHOLD_MAX}之间`;
const limitMessage = `每天自动检查次数要在0到${SEC_CHECK_LIMIT_MAX}之间`;
export const boardSettingsView = z.object({
  reportThreshold: z
    .number({ error: thresholdMessage })
    .int(thresholdMessage)
    .min(1, thresholdMessage)
    .max(REPORT_THRESHOLD_MAX, thresholdMessage),
  secCheckDailyLimit: z
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(0, limitMessage)
    .max(SEC_CHECK_LIMIT_MAX, limitMessage),
  /** Who fixes each 小事快办 category; a category left out goes to the committee. */
  matterRoutes: z.object(
    Object.fromEntries(
      matterCategories.map((c) => [c, z.enum(matterRoutes, { error: '请选择居委会或物业' }).optional()]),
    ) as Record<MatterCategory, z.ZodOptional<z.ZodEnum<{ [R in MatterRoute]: R }>>>,
  ),
});
export type BoardSettings = z.infer<typeof boardSettingsView>;

export const getBoardSettings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/board-settings',
  summary: '留言板设置: the report threshold, the daily msgSecCheck ceiling and the 小事快办 routing',
  tag: 'moderation',
  auth: 'staff',
  params: communityParams,
  response: boardSettingsView,
});

export const putBoardSettings = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/board-settings',
  summary: 'Change the board settings (audited)',
  tag: 'moderation',
  auth: 'staff',
  params: communityParams,
  body: boardSettingsView,
  response: boardSettingsView,
});
