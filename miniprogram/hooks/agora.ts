import type { z } from 'zod';
import {
  commentOnTopic,
  cosignTopic,
  getHouseRules,
  getTopic,
  listTopicComments,
  listTopicRatings,
  listTopics,
  proposeTopic,
  rateTopic,
  type TopicCommentView,
  type TopicDetail,
  type TopicListItem,
  type topicListFilters,
} from '../../shared/contracts/topics';
import {
  acceptProxy,
  castBallot,
  getVote,
  getVoteResult,
  grantProxy,
  listVotes,
  registerGroup,
  revokeProxy,
  type VoteDetail,
  type voteListItem,
} from '../../shared/contracts/votes';
import type { TopicCommentKind } from '../../shared/enums';
import { type ApiArgs, api } from '../api/client';
import type { SessionState } from '../api/session';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/** 议事厅 (topics and votes) for residents, on shared/contracts/topics.ts and votes.ts. */

export type { TopicCommentView, TopicDetail, TopicListItem, VoteDetail };
export type VoteListItem = z.infer<typeof voteListItem>;
export type TopicFilter = (typeof topicListFilters)[number];
export type ProposeInput = ApiArgs<typeof proposeTopic>['body'];

export const TOPIC_PAGE_SIZE = 20;

/** Topics of one tab (征集中 / 进行中 / 投票中 / 已完成), keyset pages by id. */
export function useTopics(communityId: number | null, filter: TopicFilter, enabled = true, mine = false) {
  return usePagedList<TopicListItem, number>(
    async (before) => {
      const reply = await api(
        listTopics,
        {
          params: { communityId: communityId as number },
          query: {
            filter,
            limit: TOPIC_PAGE_SIZE,
            ...(mine ? { mine: 'true' as const } : {}),
            ...(before ? { before } : {}),
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, filter, mine],
    enabled && communityId !== null,
  );
}

/** 快速投票: the community's votes (those on a topic too; the page shows the ones without one). */
export function useVotes(communityId: number | null, enabled = true) {
  return usePagedList<VoteListItem, number>(
    async (before) => {
      const reply = await api(
        listVotes,
        {
          params: { communityId: communityId as number },
          query: { limit: TOPIC_PAGE_SIZE, ...(before ? { before } : {}) },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId],
    enabled && communityId !== null,
  );
}

export function useTopic(communityId: number | null, topicId: number | null, signedIn: boolean) {
  return useResource(
    () =>
      api(getTopic, { params: { communityId: communityId as number, topicId: topicId as number } }, { silent: true }),
    [communityId, topicId, signedIn],
    communityId !== null && topicId !== null && signedIn,
  );
}

/** The discussion: the committee's official remarks first (marked 居委答复), then the rest, oldest first. */
export function useTopicComments(communityId: number | null, topicId: number | null, enabled: boolean) {
  return usePagedList<TopicCommentView, number>(
    async (after) => {
      const reply = await api(
        listTopicComments,
        {
          params: { communityId: communityId as number, topicId: topicId as number },
          query: { limit: 50, ...(after ? { after } : {}) },
        },
        { silent: true },
      );
      return { items: after ? reply.items : [...reply.official, ...reply.items], next: reply.nextAfter };
    },
    [communityId, topicId],
    enabled && communityId !== null && topicId !== null,
  );
}

export function useTopicRatings(communityId: number | null, topicId: number | null, enabled: boolean) {
  return useResource(
    () =>
      api(
        listTopicRatings,
        { params: { communityId: communityId as number, topicId: topicId as number }, query: { limit: 50 } },
        { silent: true },
      ),
    [communityId, topicId],
    enabled && communityId !== null && topicId !== null,
  );
}

/** One vote; `group` is the key registerGroup returned when opened from a group chat. */
export function useVote(communityId: number | null, voteId: number | null, signedIn: boolean, group: string | null) {
  return useResource(
    () =>
      api(
        getVote,
        {
          params: { communityId: communityId as number, voteId: voteId as number },
          query: group ? { group } : {},
        },
        { silent: true },
      ),
    [communityId, voteId, signedIn, group],
    communityId !== null && voteId !== null && signedIn,
  );
}

export function useVoteResult(communityId: number | null, voteId: number | null, signedIn: boolean) {
  return useResource(
    () =>
      api(
        getVoteResult,
        { params: { communityId: communityId as number, voteId: voteId as number } },
        { silent: true },
      ),
    [communityId, voteId, signedIn],
    communityId !== null && voteId !== null && signedIn,
  );
}

/** 住户守则 (public: no sign-in needed). */
export function useHouseRules(communityId: number | null) {
  return useResource(
    () => api(getHouseRules, { params: { communityId: communityId as number } }, { silent: true }),
    [communityId],
    communityId !== null,
  );
}

type TopicKey = { communityId: number; topicId: number };
type VoteKey = { communityId: number; voteId: number };
const tp = (k: TopicKey) => ({ params: { communityId: k.communityId, topicId: k.topicId } });
const vp = (k: VoteKey) => ({ params: { communityId: k.communityId, voteId: k.voteId } });

// Mutations: silent, so that useSubmit places the refusal next to its field or in the form.
export const agora = {
  propose: (communityId: number, body: ProposeInput) =>
    api(proposeTopic, { params: { communityId }, body }, { silent: true }),
  cosign: (k: TopicKey) => api(cosignTopic, tp(k), { silent: true }),
  comment: (k: TopicKey, body: string, kind: TopicCommentKind) =>
    api(commentOnTopic, { ...tp(k), body: { body, kind } }, { silent: true }),
  rate: (k: TopicKey, score: number, comment: string | undefined) =>
    api(rateTopic, { ...tp(k), body: { score, ...(comment ? { comment } : {}) } }, { silent: true }),
  cast: (k: VoteKey, optionIds: number[], electorId?: number) =>
    api(castBallot, { ...vp(k), body: { optionIds, ...(electorId ? { electorId } : {}) } }, { silent: true }),
  grantProxy: (k: VoteKey, uploadId: number) => api(grantProxy, { ...vp(k), body: { uploadId } }, { silent: true }),
  revokeProxy: (k: VoteKey) => api(revokeProxy, vp(k), { silent: true }),
  acceptProxy: (communityId: number, code: string) =>
    api(acceptProxy, { params: { communityId }, body: { code } }, { silent: true }),
  registerGroup: (k: VoteKey, encryptedData: string, iv: string) =>
    api(registerGroup, { ...vp(k), body: { encryptedData, iv } }, { silent: true }),
};

/**
 * A signed-in caller who is not an approved member of the link's community: the server
 * answers 404 for its objects (they do not exist for outsiders), so a shared link offers
 * 申请加入 instead of 没有找到.
 */
export function isOutsider(session: SessionState, communityId: number | null): boolean {
  if (session.status !== 'signed-in' || !session.me || communityId === null) return false;
  return !session.me.memberships.some((m) => m.communityId === communityId && m.status === 'approved');
}
