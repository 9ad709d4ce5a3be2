import type { ContentSubject } from '../../shared/enums';
import { checkWith } from '../lib/validation';
import { type ReportInput, report, reportBody } from './board-moderation';
import { useSubmit } from './useSubmit';

/**
 * 举报 a post or comment (with components/board/ReportDialog.tsx): checked with the route's own
 * schema, sent once at a time; 已经举报过 shows as the form's message. Resolves to true when the
 * report was taken. Same shape as the moderation branch's hook, which replaces this one.
 */
export function useReport(communityId: number, subject: ContentSubject, subjectId: number) {
  const sending = useSubmit<'reason' | 'note'>({
    place: (e) => (e.code === 'ALREADY_REPORTED' ? { form: e.message } : null),
  });
  const send = async (reason: ReportInput['reason'] | null, note: string): Promise<boolean> => {
    const checked = checkWith<ReportInput, 'reason' | 'note'>(reportBody, {
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
    const done = await sending.submit(() => report(communityId, body));
    return done !== undefined;
  };
  return { report: send, ...sending };
}
