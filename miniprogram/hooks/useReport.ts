import { type ReportInput, reportItem } from '../../shared/contracts/moderation';
import type { ContentSubject } from '../../shared/enums';
import { api } from '../api/client';
import { checkWith } from '../lib/validation';
import { useSubmit } from './useSubmit';

/**
 * 举报 a post or comment (for the board's pages, with components/board/ReportDialog.tsx):
 * checked with the route's own schema, sent once at a time; 已经举报过 shows as the form's
 * message. Resolves to true when the report was taken.
 */
export function useReport(communityId: number, subject: ContentSubject, subjectId: number) {
  const sending = useSubmit<'reason' | 'note'>({
    place: (e) => (e.code === 'ALREADY_REPORTED' ? { form: e.message } : null),
  });
  const report = async (reason: ReportInput['reason'] | null, note: string): Promise<boolean> => {
    const checked = checkWith<ReportInput, 'reason' | 'note'>(reportItem.body, {
      subject,
      subjectId,
      reason: reason ?? undefined,
      note: note.trim() === '' ? undefined : note,
    });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return false;
    }
    const body = checked.body;
    const done = await sending.submit(() => api(reportItem, { params: { communityId }, body }, { silent: true }));
    return done !== undefined;
  };
  return { report, ...sending };
}
