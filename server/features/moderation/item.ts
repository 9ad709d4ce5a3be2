import type { ContentSubject } from '../../../shared/enums';
import { AppError } from '../../core/errors';
import type { Tx } from '../../deps';
import { type ContentItem, type ContentSubjectDef, contentSubject } from '../../platform/content';

/** Locks one item of the community through its kind's registry entry; another community's is a 404. */
export async function lockItem(
  tx: Tx,
  communityId: number,
  subject: ContentSubject,
  subjectId: number,
): Promise<{ def: ContentSubjectDef; item: ContentItem }> {
  const def = contentSubject(subject);
  const item = await def.lock(tx, subjectId);
  if (!item || item.communityId !== communityId) throw new AppError('NOT_FOUND');
  return { def, item };
}
