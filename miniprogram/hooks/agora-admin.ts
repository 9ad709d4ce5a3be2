import { useState } from 'react';
import type { z } from 'zod';
import type { BodyOf } from '../../shared/contracts/route';
import {
  addMeeting,
  addTopicUpdate,
  answerTopic,
  createCommitteeTopic,
  editTopicText,
  getAgoraSettings,
  getTopic,
  listStaffTopics,
  listTopicComments,
  moveTopicStage,
  reviewTopic,
  type staffTopicItem,
  updateAgoraSettings,
} from '../../shared/contracts/topics';
import {
  cancelVote,
  createVote,
  type electorRow,
  exportBallots,
  getVote,
  listElectors,
  listStaffVotes,
  recordPaperBallot,
  recordService,
  type staffVoteItem,
} from '../../shared/contracts/votes';
import type { TopicStage } from '../../shared/enums';
import { api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/**
 * 议事厅 for the committee: topics by stage, the review and stage moves, meetings and updates,
 * votes with their electors, paper ballots and proofs of service, and the settings. Calls are
 * `silent`: the pages show refusals next to the fields.
 */

export type StaffTopicItem = z.infer<typeof staffTopicItem>;
export type StaffVoteItem = z.infer<typeof staffVoteItem>;
export type ElectorRow = z.infer<typeof electorRow>;
export type StageCounts = Partial<Record<TopicStage, number>>;

/** Topics of one stage (or all), the ones waiting for review first as the server orders them, with the counts per stage. */
export function useStaffTopics(communityId: number, stage: TopicStage | null) {
  const [counts, setCounts] = useState<StageCounts>({});
  const list = usePagedList<StaffTopicItem, number>(
    async (before) => {
      const reply = await api(
        listStaffTopics,
        {
          params: { communityId },
          query: { ...(stage ? { stage } : {}), ...(before ? { before } : {}), limit: 30 },
        },
        { silent: true },
      );
      setCounts(reply.counts);
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, stage],
  );
  return { list, counts };
}

export function useTopic(communityId: number, topicId: number, enabled = true) {
  return useResource(
    () => api(getTopic, { params: { communityId, topicId } }, { silent: true }),
    [communityId, topicId],
    enabled,
  );
}

export function useTopicComments(communityId: number, topicId: number) {
  return useResource(
    () => api(listTopicComments, { params: { communityId, topicId }, query: { limit: 100 } }, { silent: true }),
    [communityId, topicId],
  );
}

export const newCommitteeTopic = (communityId: number, body: BodyOf<typeof createCommitteeTopic>) =>
  api(createCommitteeTopic, { params: { communityId }, body }, { silent: true });

export const editTopic = (communityId: number, topicId: number, body: BodyOf<typeof editTopicText>) =>
  api(editTopicText, { params: { communityId, topicId }, body }, { silent: true });

export const review = (communityId: number, topicId: number, body: BodyOf<typeof reviewTopic>) =>
  api(reviewTopic, { params: { communityId, topicId }, body }, { silent: true });

export const moveStage = (communityId: number, topicId: number, to: TopicStage, note?: string) =>
  api(moveTopicStage, { params: { communityId, topicId }, body: note ? { to, note } : { to } }, { silent: true });

export const answer = (communityId: number, topicId: number, body: string, answersId?: number) =>
  api(
    answerTopic,
    { params: { communityId, topicId }, body: answersId ? { body, answersId } : { body } },
    { silent: true },
  );

export const recordMeeting = (communityId: number, topicId: number, body: BodyOf<typeof addMeeting>) =>
  api(addMeeting, { params: { communityId, topicId }, body }, { silent: true });

export const postUpdate = (communityId: number, topicId: number, body: BodyOf<typeof addTopicUpdate>) =>
  api(addTopicUpdate, { params: { communityId, topicId }, body }, { silent: true });

export function useAgoraSettings(communityId: number) {
  return useResource(() => api(getAgoraSettings, { params: { communityId } }, { silent: true }), [communityId]);
}

export const saveAgoraSettings = (communityId: number, body: BodyOf<typeof updateAgoraSettings>) =>
  api(updateAgoraSettings, { params: { communityId }, body }, { silent: true });

export function useStaffVotes(communityId: number) {
  return usePagedList<StaffVoteItem, number>(
    async (before) => {
      const reply = await api(
        listStaffVotes,
        { params: { communityId }, query: { ...(before ? { before } : {}), limit: 30 } },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId],
  );
}

export const startVote = (communityId: number, body: BodyOf<typeof createVote>) =>
  api(createVote, { params: { communityId }, body }, { silent: true });

export function useVote(communityId: number, voteId: number) {
  return useResource(
    () => api(getVote, { params: { communityId, voteId }, query: {} }, { silent: true }),
    [communityId, voteId],
  );
}

export const ELECTORS_PAGE = 50;

export interface ElectorFilter {
  buildingId: number | null;
  voted: boolean | null;
  offset: number;
}

export function useElectors(communityId: number, voteId: number, f: ElectorFilter) {
  return useResource(
    () =>
      api(
        listElectors,
        {
          params: { communityId, voteId },
          query: {
            ...(f.buildingId ? { buildingId: f.buildingId } : {}),
            ...(f.voted === null ? {} : { voted: f.voted ? 'true' : 'false' }),
            limit: ELECTORS_PAGE,
            offset: f.offset,
          },
        },
        { silent: true },
      ),
    [communityId, voteId, f.buildingId, f.voted, f.offset],
  );
}

export const stopVote = (communityId: number, voteId: number, reason: string) =>
  api(cancelVote, { params: { communityId, voteId }, body: { reason } }, { silent: true });

export const paperBallot = (communityId: number, voteId: number, body: BodyOf<typeof recordPaperBallot>) =>
  api(recordPaperBallot, { params: { communityId, voteId }, body }, { silent: true });

export const serve = (communityId: number, voteId: number, body: BodyOf<typeof recordService>) =>
  api(recordService, { params: { communityId, voteId }, body }, { silent: true });

export async function ballotsXlsxRequest(communityId: number, voteId: number) {
  return { url: buildUrl(exportBallots, { communityId, voteId }), token: await fileToken(exportBallots) };
}
