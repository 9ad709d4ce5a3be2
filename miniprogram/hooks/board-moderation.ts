import {
  APPEAL_MAX,
  appealInput,
  appealItem,
  REPORT_NOTE_MAX,
  type ReportInput,
  reportInput,
  reportItem,
} from '../../shared/contracts/moderation';
import type { ContentSubject } from '../../shared/enums';
import { api } from '../api/client';

/** 举报 and 申诉 from the board pages, on moderation's contract (shared/contracts/moderation.ts). */
export { APPEAL_MAX, REPORT_NOTE_MAX, type ReportInput };

export const appealText = appealInput.shape.text;

export interface Subject {
  subject: ContentSubject;
  subjectId: number;
}

export const reportBody = reportInput;

export function report(communityId: number, body: ReportInput) {
  return api(reportItem, { params: { communityId }, body }, { silent: true });
}

export function appeal(communityId: number, what: Subject, reason: string) {
  return api(appealItem, { params: { communityId }, body: { ...what, text: reason } }, { silent: true });
}
