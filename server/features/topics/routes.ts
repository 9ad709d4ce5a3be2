import * as c from '../../../shared/contracts/topics';
import type { Mount } from '../../http/route';
import * as comments from './comments';
import * as lists from './lists';
import * as progress from './progress';
import * as propose from './propose';
import * as ratings from './ratings';
import * as review from './review';
import * as settings from './settings';
// Registers the topic, topic_comment and topic_rating content subjects.
import './subjects';
import { queryFlag } from '../../../shared/contracts/common';

export function register(mount: Mount) {
  mount(c.listTopics, ({ params, query }, ctx) =>
    lists.listTopics(ctx, params.communityId, { ...query, mine: queryFlag(query.mine) }),
  );
  mount(c.proposeTopic, ({ params, body }, ctx) => propose.proposeTopic(ctx, params.communityId, body));
  mount(c.getTopic, ({ params }, ctx) => lists.getTopic(ctx, params.communityId, params.topicId));
  mount(c.cosignTopic, ({ params }, ctx) => propose.cosignTopic(ctx, params.communityId, params.topicId));
  mount(c.listTopicComments, ({ params, query }, ctx) =>
    comments.listTopicComments(ctx, params.communityId, params.topicId, {
      ...query,
      questions: queryFlag(query.questions),
    }),
  );
  mount(c.commentOnTopic, ({ params, body }, ctx) =>
    comments.commentOnTopic(ctx, params.communityId, params.topicId, body),
  );
  mount(c.deleteTopicComment, ({ params }, ctx) =>
    comments.deleteTopicComment(ctx, params.communityId, params.topicId, params.commentId),
  );
  mount(c.listTopicRatings, ({ params, query }, ctx) =>
    ratings.listTopicRatings(ctx, params.communityId, params.topicId, query),
  );
  mount(c.rateTopic, ({ params, body }, ctx) => ratings.rateTopic(ctx, params.communityId, params.topicId, body));
  mount(c.getHouseRules, ({ params }, ctx) => settings.getHouseRules(ctx, params.communityId));
  mount(c.listStaffTopics, ({ params, query }, ctx) => lists.listStaffTopics(ctx, params.communityId, query));
  mount(c.createCommitteeTopic, ({ params, body }, ctx) => review.createCommitteeTopic(ctx, params.communityId, body));
  mount(c.editTopicText, ({ params, body }, ctx) =>
    review.editTopicText(ctx, params.communityId, params.topicId, body),
  );
  mount(c.reviewTopic, ({ params, body }, ctx) => review.reviewTopic(ctx, params.communityId, params.topicId, body));
  mount(c.moveTopicStage, ({ params, body }, ctx) =>
    review.moveTopicStage(ctx, params.communityId, params.topicId, body),
  );
  mount(c.answerTopic, ({ params, body }, ctx) => comments.answerTopic(ctx, params.communityId, params.topicId, body));
  mount(c.addMeeting, ({ params, body }, ctx) => progress.addMeeting(ctx, params.communityId, params.topicId, body));
  mount(c.addTopicUpdate, ({ params, body }, ctx) =>
    progress.addTopicUpdate(ctx, params.communityId, params.topicId, body),
  );
  mount(c.getAgoraSettings, ({ params }, ctx) => settings.getAgoraSettings(ctx, params.communityId));
  mount(c.updateAgoraSettings, ({ params, body }, ctx) =>
    settings.updateAgoraSettings(ctx, params.communityId, {
      ...body,
      silentMajorityBasis: body.silentMajorityBasis ?? null,
    }),
  );
}
