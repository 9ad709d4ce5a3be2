import type { z } from 'zod';
import {
  getNotice,
  listNotices,
  type MySignup,
  type noticeDetail,
  type noticeListItem,
} from '../../shared/contracts/notices';
import { cancelMySignup, listMySignups, type mySignupItem, signUp } from '../../shared/contracts/signups';
import type { NoticeCategory } from '../../shared/enums';
import { api } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

export type NoticeListItem = z.infer<typeof noticeListItem>;
export type NoticeDetail = z.infer<typeof noticeDetail>;
export type MySignupItem = z.infer<typeof mySignupItem>;

export const NOTICE_PAGE_SIZE = 20;

/** 通知公告 of one community, pinned and 紧急 first, by keyset pages; a new filter starts again. */
export function useNotices(
  communityId: number | null,
  filter: { category: NoticeCategory | null; q: string },
  signedIn: boolean,
) {
  return usePagedList<NoticeListItem, string>(
    async (cursor) => {
      const reply = await api(
        listNotices,
        {
          params: { communityId: communityId as number },
          query: {
            limit: NOTICE_PAGE_SIZE,
            ...(filter.category ? { category: filter.category } : {}),
            ...(filter.q ? { q: filter.q } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextCursor };
    },
    // Signing in adds the residents' own notices: read again.
    [communityId, filter.category, filter.q, signedIn],
    communityId !== null,
  );
}

/** How many notices of the community the signed-in resident has not opened (null: not known). */
export function useUnreadNotices(communityId: number | null) {
  return useResource(
    async () =>
      (
        await api(
          listNotices,
          { params: { communityId: communityId as number }, query: { limit: 1 } },
          { silent: true },
        )
      ).unreadCount,
    [communityId],
    communityId !== null,
  );
}

/** One notice; opening it marks it read. Silent: the page shows 撤回 / 加入后可查看 / 没有找到 itself. */
export function useNotice(communityId: number | null, noticeId: number | null, signedIn: boolean) {
  return useResource(
    () =>
      api(
        getNotice,
        { params: { communityId: communityId as number, noticeId: noticeId as number } },
        { silent: true },
      ),
    // Signing in may open a members-only notice: ask again.
    [communityId, noticeId, signedIn],
    communityId !== null && noticeId !== null,
  );
}

/** Silent: the page says a refusal (截止, 已报过, 人数) in its own words. */
export function signUpFor(communityId: number, noticeId: number, people: number): Promise<MySignup> {
  return api(signUp, { params: { communityId, noticeId }, body: { people } }, { silent: true });
}

export async function cancelSignup(communityId: number, noticeId: number): Promise<void> {
  await api(cancelMySignup, { params: { communityId, noticeId } }, { silent: true });
}

/** 我的报名: the household's live sign-ups in every community, newest first. */
export function useMySignups(enabled: boolean) {
  return usePagedList<MySignupItem, number>(
    async (before) => {
      const reply = await api(
        listMySignups,
        { query: { limit: NOTICE_PAGE_SIZE, ...(before ? { before } : {}) } },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [],
    enabled,
  );
}
