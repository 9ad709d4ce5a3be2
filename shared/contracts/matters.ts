import { z } from 'zod';
import { matterCategories, matterRoutes, matterStatuses, postStatuses } from '../enums';
import { optionalText, text } from '../text';
import { postParams } from './board';
import { communityParams, idSchema, isoDateTime, pageLimit, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, fileResponse } from './route';
import { uploadReply } from './uploads';

/**
 * 小事快办 as the committee's staff and the property company's handlers work it
 * (docs/decisions/020-matters.md). Handlers reach only the matters routed to 物业; a
 * committee-routed matter does not exist for them (404).
 */

const status = z.enum(matterStatuses, { error: '请选择状态' });
const category = z.enum(matterCategories, { error: '请选择类别' });
const route = z.enum(matterRoutes, { error: '请选择由居委会还是物业处理' });

export const MATTER_NOTE_MAX = 200;

/** Who reported it, for the people who go and fix it: name and where they live. */
export const matterReporter = z.object({
  /** The name the resident gave when joining (null once they left or deleted their account). */
  name: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
});

/** One step of the timeline as staff see it: who (by name) and in which role. */
export const matterStep = z.object({
  fromStatus: z.enum(postStatuses).nullable(),
  toStatus: z.enum(postStatuses),
  /** 居委会 / 物业 / 报告人 / 系统. */
  actorLabel: z.string(),
  /** The staff member's name (null for the resident and the system). */
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: isoDateTime,
});

const matterBase = {
  id: z.number().int(),
  matterCategory: category,
  place: z.string(),
  route,
  status,
  reporter: matterReporter,
  plusCount: z.number().int(),
  commentCount: z.number().int(),
  reopenCount: z.number().int(),
  createdAt: isoDateTime,
  statusAt: isoDateTime,
  firstReplyAt: isoDateTime.nullable(),
  doneAt: isoDateTime.nullable(),
  /** Who last moved it (a staff member's name). */
  handledBy: z.string().nullable(),
  rating: z.number().int().nullable(),
};

export const matterItem = z.object({
  ...matterBase,
  excerpt: z.string(),
  /** Up to three photos (use their thumb URLs). */
  images: z.array(uploadReply),
  imageCount: z.number().int(),
  lastStep: matterStep.nullable(),
});
export type MatterItem = z.infer<typeof matterItem>;

export const matterDetail = z.object({
  ...matterBase,
  body: z.string(),
  images: z.array(uploadReply),
  ratingComment: z.string().nullable(),
  timeline: z.array(matterStep),
  /** 居委回复 / 物业回复 written so far, oldest first. */
  replies: z.array(z.object({ id: z.number().int(), authorLabel: z.string(), body: z.string(), at: isoDateTime })),
});
export type MatterDetail = z.infer<typeof matterDetail>;

export const listMatters = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/matters',
  summary:
    '小事快办 for the committee (every matter) and the property handler (only those routed to 物业), newest first, with filters',
  tag: 'matters',
  auth: 'handler',
  params: communityParams,
  query: z.object({
    status: status.optional(),
    matterCategory: category.optional(),
    route: route.optional(),
    /** The `nextBefore` of the page before. */
    before: idSchema.optional(),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(matterItem), nextBefore: z.number().int().nullable() }),
});

export const getMatter = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/matters/:postId',
  summary: 'One matter with its photos, timeline and official replies (staff; handlers only 物业 ones)',
  tag: 'matters',
  auth: 'handler',
  errors: ['NOT_FOUND'],
  params: postParams,
  response: matterDetail,
});

const note = optionalText({ max: MATTER_NOTE_MAX, multiline: true, messages: { max: '说明最多200个字' } });
/** 标记办结's note: what was done (the resident reads it). */
export const matterDoneNote = text({
  min: 2,
  max: MATTER_NOTE_MAX,
  multiline: true,
  messages: { min: '请写明做了什么，居民会看到', max: '说明最多200个字' },
});
/** 转交's note: why it goes to the other side. */
export const matterReassignNote = text({
  min: 2,
  max: MATTER_NOTE_MAX,
  multiline: true,
  messages: { min: '请写明为什么转交', max: '说明最多200个字' },
});

export const moveMatter = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/matters/:postId/status',
  summary:
    '开始处理 (→ in_progress) or 标记办结 (→ done, with a note of what was done); tells the reporter. Compare-and-set: a second click is INVALID_STATE',
  tag: 'matters',
  auth: 'handler',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: postParams,
  body: z
    .object({ to: z.enum(['in_progress', 'done'], { error: '请选择要改成的状态' }), note })
    .refine((b) => b.to !== 'done' || matterDoneNote.safeParse(b.note).success, {
      path: ['note'],
      message: '请写明做了什么，居民会看到',
    }),
  response: matterDetail,
});

export const reassignMatter = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/matters/:postId/route',
  summary: 'A moderator hands a matter to the other side (转给物业 / 转给居委) with a note',
  tag: 'matters',
  auth: 'handler',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: postParams,
  body: z.object({
    route,
    note: matterReassignNote,
  }),
  response: matterDetail,
});

/** Figures of one China-time month, for one category or (category null) all of them. */
export const matterFigures = z.object({
  month: z.string(),
  category: category.nullable(),
  count: z.number().int(),
  /** Hours from the report to the first staff step; null when none had one. */
  medianFirstReplyHours: z.number().nullable(),
  /** Hours from the report to 已办结 (the latest), over those done. */
  medianDoneHours: z.number().nullable(),
  /** Share (0–1) of the month's matters reopened at least once; null when none were done. */
  reopenRate: z.number().nullable(),
  /** Average 1–5 rating of those rated; null when none. */
  averageRating: z.number().nullable(),
  rated: z.number().int(),
});
export type MatterFigures = z.infer<typeof matterFigures>;

export const matterStats = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/matters/stats',
  summary:
    '小事快办 figures by month (China time) and category: count, median hours to first reply and to 已办结, reopen rate, average rating; and board posts’ median first reply',
  tag: 'matters',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    months: z.coerce
      .number({ error: '月数要在1到24之间' })
      .int('月数要在1到24之间')
      .min(1, '月数要在1到24之间')
      .max(24, '月数要在1到24之间')
      .default(6),
  }),
  response: z.object({
    /** Oldest month first, as 2026-07. */
    months: z.array(z.string()),
    matters: z.array(matterFigures),
    posts: z.array(
      z.object({ month: z.string(), count: z.number().int(), medianFirstReplyHours: z.number().nullable() }),
    ),
  }),
});

export const exportMatters = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/matters.xlsx',
  summary: 'Every matter of the community as an Excel file, one row each',
  tag: 'matters',
  auth: 'staff',
  params: communityParams,
  response: fileResponse(XLSX_TYPE),
});
