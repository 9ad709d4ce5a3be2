import { EDIT_WINDOW_MINUTES } from '../../shared/contracts/board';
import {
  type ContentState,
  contentStateLabels,
  type HeldReason,
  heldReasonLabels,
  type MatterCategory,
  matterCategoryLabels,
  type PostCategory,
  type PostKind,
  type PostStatus,
  postCategoryLabels,
  postKindLabels,
  postStatusLabels,
} from '../../shared/enums';
import { formatDate } from './format';

/**
 * Words of the board (留言板 and 小事快办) as residents read them. Labels come from shared/enums;
 * this file only chooses among them and says times in plain words.
 */

/** 刚刚, 5分钟前, 3小时前, 昨天, 4天前, then the date. `now` is passed in by tests. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const minutes = Math.floor((now - t) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时前`;
  const days = Math.floor(hours / 24);
  if (days === 1) return '昨天';
  if (days < 7) return `${days}天前`;
  return formatDate(iso);
}

/** The category a post shows: 求助…表扬 for a board post, 照明…其他 for a 小事快办. */
export function categoryLabel(post: {
  kind: PostKind;
  category: PostCategory | null;
  matterCategory: MatterCategory | null;
}): string {
  if (post.kind === 'matter') return post.matterCategory ? matterCategoryLabels[post.matterCategory] : '其他';
  return post.category ? postCategoryLabels[post.category] : postKindLabels.post;
}

export const kindLabel = (kind: PostKind): string => postKindLabels[kind];
export const statusLabel = (status: PostStatus): string => postStatusLabels[status];

/** The tag colour of a status: waiting is warm, in hand is blue, done is green. */
export const statusTone: Record<PostStatus, string> = {
  awaiting_reply: 'tag--warn',
  replied: 'tag--info',
  accepted: 'tag--warn',
  in_progress: 'tag--info',
  done: 'tag--ok',
  resolved: 'tag--ok',
};

/** What the author reads about their own post that others cannot see (null when visible). */
export function stateNote(post: {
  state: ContentState;
  heldReason: HeldReason | null;
  stateReason: string | null;
}): { label: string; text: string } | null {
  if (post.state === 'visible') return null;
  const label = contentStateLabels[post.state];
  if (post.state === 'held') {
    const why = post.heldReason ? heldReasonLabels[post.heldReason] : '内容需要审核';
    return { label, text: `${why}。审核通过后邻居才能看到，请耐心等待。` };
  }
  if (post.state === 'hidden')
    return { label, text: `邻居现在看不到这条内容。原因：${post.stateReason || '没有写明'}` };
  if (post.state === 'rejected') return { label, text: `这条内容没有发出去。原因：${post.stateReason || '没有写明'}` };
  return { label, text: '这条内容已删除。' };
}

/** Minutes left to edit (0 when the window has closed). */
export function editMinutesLeft(createdAt: string, now: number = Date.now()): number {
  const end = Date.parse(createdAt) + EDIT_WINDOW_MINUTES * 60_000;
  return Math.max(0, Math.ceil((end - now) / 60_000));
}

/** The words a CONTENT_REJECTED reply names (its details.words), if any. */
export function rejectedWords(details: unknown): string[] {
  const words = (details as { words?: unknown } | null | undefined)?.words;
  return Array.isArray(words) ? words.filter((w): w is string => typeof w === 'string') : [];
}

/** The inline message for a CONTENT_REJECTED reply: names the words when the server listed them. */
export function rejectedMessage(error: { message: string; details?: unknown }): string {
  const words = rejectedWords(error.details);
  return words.length ? `含有不能发布的词：${words.map((w) => `「${w}」`).join('、')}。请修改后再发。` : error.message;
}
