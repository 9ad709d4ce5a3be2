import { z } from 'zod';
import { communityParams, idSchema } from '../../shared/contracts/common';
import { defineRoute } from '../../shared/contracts/route';
import { type ContentSubject, contentSubjects, reportReasons } from '../../shared/enums';
import { optionalText, text } from '../../shared/text';
import { api } from '../api/client';

/**
 * 举报 and 申诉 from the board pages (useReport and ReportDialog send the first). The routes belong to moderation (its contract file,
 * shared/contracts/moderation.ts, is being written alongside): these two definitions mirror it
 * for the client until it lands, then are replaced by imports of `reportItem` and `appealItem`.
 */
const item = { subject: z.enum(contentSubjects), subjectId: idSchema };

export const REPORT_NOTE_MAX = 200;
export const APPEAL_MAX = 300;

const reportInput = z.object({
  ...item,
  reason: z.enum(reportReasons, { error: '请选择举报理由：广告、辱骂、不实信息、泄露隐私或其他' }),
  note: optionalText({
    max: REPORT_NOTE_MAX,
    multiline: true,
    messages: { max: `补充说明最多${REPORT_NOTE_MAX}个字` },
  }),
});
export type ReportInput = z.infer<typeof reportInput>;

const reportRoute = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/reports',
  summary: 'Report a visible post or comment (mirror of the moderation contract)',
  tag: 'moderation',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'ALREADY_REPORTED', 'INVALID_STATE'],
  params: communityParams,
  body: reportInput,
  response: z.object({ reported: z.literal(true) }),
});

export const appealText = text({
  min: 1,
  max: APPEAL_MAX,
  multiline: true,
  messages: { min: '请写明申诉的理由', max: `申诉最多${APPEAL_MAX}个字` },
});

const appealRoute = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/appeals',
  summary: 'The author appeals once against a hiding (mirror of the moderation contract)',
  tag: 'moderation',
  auth: 'user',
  status: 201,
  errors: ['NOT_FOUND', 'ALREADY_APPEALED', 'INVALID_STATE'],
  params: communityParams,
  body: z.object({ ...item, text: appealText }),
  response: z.object({ appealed: z.literal(true) }),
});

export interface Subject {
  subject: ContentSubject;
  subjectId: number;
}

export const reportBody = reportInput;

export function report(communityId: number, body: ReportInput) {
  return api(reportRoute, { params: { communityId }, body }, { silent: true });
}

export function appeal(communityId: number, what: Subject, reason: string) {
  return api(appealRoute, { params: { communityId }, body: { ...what, text: reason } }, { silent: true });
}
