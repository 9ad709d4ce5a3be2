import { useState } from 'react';
import {
  type BoardSettings,
  type DecisionInput,
  decideItem,
  getBoardSettings,
  getReviewQueue,
  liftMute,
  listMutes,
  moderationLogRoute,
  muteMember,
  type PublicLogLine,
  putBoardSettings,
  type ReviewItem,
  type ReviewTab,
  reviewTabs,
} from '../../shared/contracts/moderation';
import type { ContentSubject } from '../../shared/enums';
import { api } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/**
 * 审核队列, 禁言名单 and 留言板设置 for the committee, and the public 处理记录 for residents
 * (docs/decisions/019-moderation.md). Actions let the api client toast the server's message,
 * except those sent from a dialog (silent: the dialog shows it).
 */

const PAGE = 20;
export type ReviewCounts = Record<ReviewTab, number>;
export const noCounts = Object.fromEntries(reviewTabs.map((t) => [t, 0])) as ReviewCounts;

/** One tab of the queue, paged by offset; the counts of every tab come with each page. */
export function useReviewQueue(communityId: number, tab: ReviewTab) {
  const [counts, setCounts] = useState<ReviewCounts>(noCounts);
  const list = usePagedList<ReviewItem, number>(
    async (offset) => {
      const reply = await api(
        getReviewQueue,
        { params: { communityId }, query: { tab, offset: offset ?? 0, limit: PAGE } },
        { silent: true },
      );
      setCounts(reply.counts);
      return { items: reply.items, next: reply.nextOffset };
    },
    [communityId, tab],
  );
  return { list, counts };
}

export function decide(communityId: number, item: Pick<ReviewItem, 'subject' | 'subjectId'>, body: DecisionInput) {
  return api(
    decideItem,
    { params: { communityId, subject: item.subject, subjectId: item.subjectId }, body },
    { silent: true },
  );
}

export function useMutes(communityId: number) {
  return useResource(
    async () => (await api(listMutes, { params: { communityId } }, { silent: true })).items,
    [communityId],
  );
}

export function mute(communityId: number, body: { userId: number; days: number; reason: string }) {
  return api(muteMember, { params: { communityId }, body }, { silent: true });
}

export function lift(communityId: number, muteId: number) {
  return api(liftMute, { params: { communityId, muteId } });
}

export function useBoardSettings(communityId: number) {
  return useResource(() => api(getBoardSettings, { params: { communityId } }, { silent: true }), [communityId]);
}

export function saveBoardSettings(communityId: number, body: BoardSettings) {
  return api(putBoardSettings, { params: { communityId }, body }, { silent: true });
}

/** 公开处理记录 of a community, newest first. */
export function usePublicLog(communityId: number | null) {
  return usePagedList<PublicLogLine, string>(
    async (cursor) => {
      const reply = await api(
        moderationLogRoute,
        { params: { communityId: communityId ?? 0 }, query: { cursor: cursor ?? undefined, limit: PAGE } },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextCursor };
    },
    [communityId],
    communityId !== null,
  );
}

export type { ContentSubject };
