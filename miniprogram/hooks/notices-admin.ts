import {
  createNotice,
  getNoticeAdmin,
  listNoticesAdmin,
  type NoticeAdmin,
  type NoticeInput,
  noticeReads,
  noticeReadsXlsx,
  publishNotice,
  unscheduleNotice,
  updateNotice,
  withdrawNotice,
} from '../../shared/contracts/notices';
import { cancelSignup, markAttended, signupRoster, signupRosterXlsx } from '../../shared/contracts/signups';
import { ApiError, api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/**
 * 通知公告 for the committee: the list by tab, one notice, the read figures, the 活动 roster, and
 * the actions. Actions let the api client toast the server's message, except the compose form's
 * saves (silent: the form shows the message next to the field).
 */

/** The list's tabs: 定时发布 is a draft with a publishAt, so 草稿 and 定时发布 are read as drafts and told apart here. */
export type NoticeTab = 'all' | 'draft' | 'scheduled' | 'published' | 'withdrawn';

export const noticeTabs: { tab: NoticeTab; label: string }[] = [
  { tab: 'all', label: '全部' },
  { tab: 'draft', label: '草稿' },
  { tab: 'scheduled', label: '定时发布' },
  { tab: 'published', label: '已发布' },
  { tab: 'withdrawn', label: '已撤回' },
];

const PAGE = 20;
/** Pages of drafts read at once while looking for the ones of a client-side tab. */
const FILTER_PAGES = 5;

export const isScheduled = (n: NoticeAdmin) => n.status === 'draft' && n.publishAt !== null;

/** Which tab a notice belongs to now (after an action it may leave the one shown). */
export function belongsTo(n: NoticeAdmin, tab: NoticeTab): boolean {
  if (tab === 'all') return true;
  if (tab === 'scheduled') return isScheduled(n);
  if (tab === 'draft') return n.status === 'draft' && n.publishAt === null;
  return n.status === tab;
}

export function useAdminNotices(communityId: number, tab: NoticeTab) {
  return usePagedList<NoticeAdmin, number>(
    async (beforeId) => {
      const status = tab === 'all' ? undefined : tab === 'scheduled' ? 'draft' : tab;
      const filtered = tab === 'draft' || tab === 'scheduled';
      let cursor = beforeId;
      const items: NoticeAdmin[] = [];
      // A client-side tab may find nothing in one page of drafts: read on a few pages before answering.
      for (let i = 0; i < (filtered ? FILTER_PAGES : 1); i++) {
        const reply = await api(
          listNoticesAdmin,
          { params: { communityId }, query: { status, beforeId: cursor ?? undefined, limit: PAGE } },
          { silent: true },
        );
        items.push(...reply.items.filter((n) => belongsTo(n, tab)));
        cursor = reply.nextBeforeId;
        if (cursor === null || items.length > 0) break;
      }
      return { items, next: cursor };
    },
    [communityId, tab],
  );
}

/** One notice of the committee, in any state; null when it is not this community's (404). */
export async function fetchNoticeAdmin(communityId: number, noticeId: number): Promise<NoticeAdmin | null> {
  try {
    return await api(getNoticeAdmin, { params: { communityId, noticeId } }, { silent: true });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export function useNoticeAdmin(communityId: number, noticeId: number | null) {
  return useResource(() => fetchNoticeAdmin(communityId, noticeId ?? 0), [communityId, noticeId], noticeId !== null);
}

/** A new draft, or the whole notice again (an edit sends all of it). Silent: the form shows refusals. */
export function saveNotice(communityId: number, noticeId: number | null, body: NoticeInput) {
  return noticeId === null
    ? api(createNotice, { params: { communityId }, body }, { silent: true })
    : api(updateNotice, { params: { communityId, noticeId }, body }, { silent: true });
}

/** Now (`at` null), or 定时发布 at a later moment (ISO). Silent: the compose form shows refusals. */
export const publishNoticeAt = (communityId: number, noticeId: number, at: string | null) =>
  api(publishNotice, { params: { communityId, noticeId }, body: { at } }, { silent: true });

export const unscheduleNoticeNow = (communityId: number, noticeId: number) =>
  api(unscheduleNotice, { params: { communityId, noticeId } });

/** Silent: the dialog shows the refusal next to the reason. */
export const withdrawNoticeWith = (communityId: number, noticeId: number, reason: string) =>
  api(withdrawNotice, { params: { communityId, noticeId }, body: { reason } }, { silent: true });

export function useNoticeReads(communityId: number, noticeId: number | null) {
  return useResource(
    () => api(noticeReads, { params: { communityId, noticeId: noticeId ?? 0 } }, { silent: true }),
    [communityId, noticeId],
    noticeId !== null,
  );
}

export function useSignupRoster(communityId: number, noticeId: number | null) {
  return useResource(
    () => api(signupRoster, { params: { communityId, noticeId: noticeId ?? 0 } }, { silent: true }),
    [communityId, noticeId],
    noticeId !== null,
  );
}

/** The committee cancels a household's sign-up (the household is told the reason). Silent: the dialog shows refusals. */
export const cancelSignupWith = async (communityId: number, noticeId: number, signupId: number, reason: string) => {
  await api(cancelSignup, { params: { communityId, noticeId, signupId }, body: { reason } }, { silent: true });
  return true;
};

export const setAttended = (communityId: number, noticeId: number, signupId: number, attended: boolean) =>
  api(markAttended, { params: { communityId, noticeId, signupId }, body: { attended } });

/** Where an Excel file is, and the token its download needs. */
export async function xlsxRequest(kind: 'reads' | 'signups', communityId: number, noticeId: number) {
  const route = kind === 'reads' ? noticeReadsXlsx : signupRosterXlsx;
  return { url: buildUrl(route, { communityId, noticeId }), token: await fileToken(route) };
}
