import { z } from 'zod';
import {
  authorShownAs,
  contentStates,
  heldReasons,
  type TopicStage,
  topicCommentKinds,
  topicEventKinds,
  topicKinds,
  topicStages,
  voteStatuses,
} from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';
import { uploadReply } from './uploads';

/**
 * 议事厅 topics: the loop 提 → 审 → 议 → 选 → 公示 → 实施 → 评 (docs/decisions/021-agora.md).
 * Votes are in ./votes.ts; a topic points at its deciding vote.
 */

export const TOPIC_TITLE_MAX = 40;
export const TOPIC_BODY_MAX = 2000;
/** 住户守则 are longer than a proposal. */
export const HOUSE_RULES_BODY_MAX = 10000;
export const TOPIC_MAX_IMAGES = 6;
export const TOPIC_COMMENT_MAX = 500;
export const TOPIC_NOTE_MAX = 500;
export const MINUTES_MAX = 5000;
export const TOPIC_RATING_COMMENT_MAX = 200;

export const topicParams = z.object({ communityId: idSchema, topicId: idSchema });
export const topicCommentParams = z.object({ communityId: idSchema, topicId: idSchema, commentId: idSchema });

const stage = z.enum(topicStages, { error: '请选择阶段' });
const imageIds = z
  .array(idSchema, { error: '照片不对，请重新上传' })
  .max(TOPIC_MAX_IMAGES, `最多${TOPIC_MAX_IMAGES}张照片`)
  .default([])
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能添加一次');
/** A calendar day, China time. */
const day = text({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, messages: '日期格式应为 2026-12-01' });

export const topicTitle = text({
  min: 2,
  max: TOPIC_TITLE_MAX,
  messages: { min: '请写一个标题，比如 增设电动车充电桩', max: `标题最多${TOPIC_TITLE_MAX}个字` },
});
export const topicBody = text({
  min: 10,
  max: TOPIC_BODY_MAX,
  multiline: true,
  messages: { min: '请写清楚想做什么、为什么（至少10个字）', max: `最多${TOPIC_BODY_MAX}个字` },
});
export const houseRulesBody = text({
  min: 10,
  max: HOUSE_RULES_BODY_MAX,
  multiline: true,
  messages: { min: '请写下守则的条文', max: `最多${HOUSE_RULES_BODY_MAX}个字` },
});
const topicPlace = optionalText({ max: 40, messages: { max: '地点最多40个字' } });
export const topicNote = (what: string) =>
  text({
    min: 2,
    max: TOPIC_NOTE_MAX,
    multiline: true,
    messages: { min: `请写明${what}`, max: `最多${TOPIC_NOTE_MAX}个字` },
  });

/** A line of the timeline residents see: what happened, when, by whom (居委会 / 提议人 / 系统, never a name). */
export const topicEventView = z.object({
  kind: z.enum(topicEventKinds),
  fromStage: z.enum(topicStages).nullable(),
  toStage: z.enum(topicStages).nullable(),
  actorLabel: z.string(),
  note: z.string().nullable(),
  refId: z.number().int().nullable(),
  at: isoDateTime,
});

export const meetingView = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  place: z.string().nullable(),
  attendees: z.string(),
  attendeeCount: z.number().int().nullable(),
  minutes: z.string(),
  images: z.array(uploadReply),
  createdAt: isoDateTime,
});
export type MeetingView = z.infer<typeof meetingView>;

export const updateView = z.object({
  id: z.number().int(),
  body: z.string(),
  happenedOn: z.string(),
  images: z.array(uploadReply),
  createdAt: isoDateTime,
});
export type UpdateView = z.infer<typeof updateView>;

/** The deciding vote as a topic shows it. */
export const topicVoteSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(voteStatuses),
  closesAt: isoDateTime,
  /** Closed: passed / rejected / … (TallyOutcome); null while open. */
  outcome: z.string().nullable(),
});

const topicBase = {
  id: z.number().int(),
  communityId: z.number().int(),
  kind: z.enum(topicKinds),
  title: z.string(),
  place: z.string().nullable(),
  stage: z.enum(topicStages),
  stageAt: isoDateTime,
  /** 居委会 for the committee's own topics. */
  authorLabel: z.string(),
  byCommittee: z.boolean(),
  mine: z.boolean(),
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  cosignNeeded: z.number().int(),
  cosignCount: z.number().int(),
  cosignUntil: isoDateTime.nullable(),
  /** The caller's household co-signed. */
  cosignedByMyHousehold: z.boolean(),
  commentCount: z.number().int(),
  ratingCount: z.number().int(),
  /** Average of the ratings, one decimal; null before any. */
  ratingAverage: z.number().nullable(),
  createdAt: isoDateTime,
};

export const topicListItem = z.object({
  ...topicBase,
  excerpt: z.string(),
  images: z.array(uploadReply),
  vote: topicVoteSummary.nullable(),
});
export type TopicListItem = z.infer<typeof topicListItem>;

export const topicDetail = z.object({
  ...topicBase,
  body: z.string(),
  images: z.array(uploadReply),
  plan: z.string().nullable(),
  /** Why it was declined or merged (public). */
  decision: z.string().nullable(),
  mergedInto: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  /** Topics merged into this one. */
  mergedFrom: z.array(z.object({ id: z.number().int(), title: z.string() })),
  vote: topicVoteSummary.nullable(),
  /** Earlier votes on it (a revote), newest first. */
  pastVotes: z.array(topicVoteSummary),
  resultNoticeId: z.number().int().nullable(),
  meetings: z.array(meetingView),
  updates: z.array(updateView),
  ratingUntil: isoDateTime.nullable(),
  /** The caller's household's rating (1–5), if any. */
  myRating: z.number().int().nullable(),
  canCosign: z.boolean(),
  canComment: z.boolean(),
  canRate: z.boolean(),
  timeline: z.array(topicEventView),
});
export type TopicDetail = z.infer<typeof topicDetail>;

/** Which topics a list shows: a stage, or a group of stages as the list's tabs. */
export const topicListFilters = ['collecting', 'in_progress', 'voting', 'done', 'all'] as const;

export const listTopics = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/topics',
  summary:
    '议事厅 topics of the community for its members, newest first: 征集中 / 进行中 (审核、议事、公示、实施) / 投票中 / 已完成; the caller sees their own held ones too',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  query: z.object({
    filter: z.enum(topicListFilters, { error: '请选择要看的议题' }).default('all'),
    kind: z.enum(topicKinds, { error: '请选择议题类型' }).optional(),
    mine: z.enum(['true', 'false'], { error: '参数不对' }).optional(),
    before: idSchema.optional(),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(topicListItem), nextBefore: z.number().int().nullable() }),
});

export const proposeTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/topics',
  summary:
    '提: a resident proposes a topic (screened like a board post); it collects co-signing households until the threshold, then goes to the committee',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'CONTENT_REJECTED', 'DUPLICATE_CONTENT', 'BOARD_MUTED', 'RATE_LIMITED'],
  params: communityParams,
  body: z.object({
    title: topicTitle,
    body: topicBody,
    place: topicPlace,
    uploadIds: imageIds,
    authorShown: z.enum(authorShownAs, { error: '请选择邻居看到的署名方式' }).default('name'),
  }),
  status: 201,
  response: topicDetail,
});

export const getTopic = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/topics/:topicId',
  summary: 'One topic with its photos, plan, meetings, updates, vote and timeline',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: topicParams,
  response: topicDetail,
});

export const cosignTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/topics/:topicId/cosign',
  summary:
    '附议: one per household (not the proposer’s); at the threshold the topic moves to the committee’s review, exactly once',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'ALREADY_COSIGNED', 'INVALID_STATE'],
  params: topicParams,
  response: topicDetail,
});

export const topicCommentView = z.object({
  id: z.number().int(),
  topicId: z.number().int(),
  kind: z.enum(topicCommentKinds),
  authorLabel: z.string(),
  mine: z.boolean(),
  isOfficial: z.boolean(),
  body: z.string(),
  state: z.enum(contentStates),
  heldReason: z.enum(heldReasons).nullable(),
  createdAt: isoDateTime,
  /** A question's official answers (居委答复), oldest first. */
  answers: z.array(
    z.object({ id: z.number().int(), authorLabel: z.string(), body: z.string(), createdAt: isoDateTime }),
  ),
});
export type TopicCommentView = z.infer<typeof topicCommentView>;

export const listTopicComments = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/topics/:topicId/comments',
  summary:
    "议: the discussion, oldest first; the committee's official remarks apart on top; questions carry their answers",
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: topicParams,
  query: z.object({
    /** Only questions (问答). */
    questions: z.enum(['true', 'false'], { error: '参数不对' }).optional(),
    after: idSchema.optional(),
    limit: pageLimit(100, 50),
  }),
  response: z.object({
    official: z.array(topicCommentView),
    items: z.array(topicCommentView),
    nextAfter: z.number().int().nullable(),
  }),
});

export const commentOnTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/topics/:topicId/comments',
  summary: 'A remark or a question in the discussion (screened); open while the topic is not finished',
  tag: 'agora',
  auth: 'user',
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'CONTENT_REJECTED',
    'DUPLICATE_CONTENT',
    'BOARD_MUTED',
    'RATE_LIMITED',
    'INVALID_STATE',
  ],
  params: topicParams,
  body: z.object({
    body: text({
      min: 1,
      max: TOPIC_COMMENT_MAX,
      multiline: true,
      messages: { min: '请写下您的意见', max: `最多${TOPIC_COMMENT_MAX}个字` },
    }),
    kind: z.enum(topicCommentKinds, { error: '请选择是发表意见还是提问' }).default('comment'),
  }),
  status: 201,
  response: topicCommentView,
});

export const deleteTopicComment = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/topics/:topicId/comments/:commentId',
  summary: 'The author deletes their remark',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: topicCommentParams,
  response: null,
});

export const ratingView = z.object({
  id: z.number().int(),
  authorLabel: z.string(),
  mine: z.boolean(),
  score: z.number().int(),
  comment: z.string().nullable(),
  state: z.enum(contentStates),
  createdAt: isoDateTime,
});

export const listTopicRatings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/topics/:topicId/ratings',
  summary: '评: the households’ ratings and comments, newest first, with the average',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: topicParams,
  query: z.object({ before: idSchema.optional(), limit: pageLimit(50, 20) }),
  response: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    /** How many households gave 1…5 (index 0 = one star). */
    distribution: z.array(z.number().int()),
    items: z.array(ratingView),
    nextBefore: z.number().int().nullable(),
  }),
});

export const rateTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/topics/:topicId/ratings',
  summary: '评: a household rates the outcome 1–5 with a comment (once, while the topic is in 成效评价)',
  tag: 'agora',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'ALREADY_RATED', 'INVALID_STATE', 'CONTENT_REJECTED'],
  params: topicParams,
  body: z.object({
    score: z
      .number({ error: '请选择1到5颗星' })
      .int('请选择1到5颗星')
      .min(1, '请选择1到5颗星')
      .max(5, '请选择1到5颗星'),
    comment: optionalText({
      max: TOPIC_RATING_COMMENT_MAX,
      multiline: true,
      messages: { max: `最多${TOPIC_RATING_COMMENT_MAX}个字` },
    }),
  }),
  status: 201,
  response: ratingView,
});

/* ---------- 住户守则 ---------- */

export const houseRulesView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  adoptedAt: isoDateTime,
  topicId: z.number().int(),
  voteId: z.number().int(),
  /** The adopting vote's figures: households, took part, approved, the rule. */
  figures: z.object({
    rule: z.string(),
    electors: z.number().int(),
    participated: z.number().int(),
    approved: z.number().int(),
  }),
});
export type HouseRulesView = z.infer<typeof houseRulesView>;

export const getHouseRules = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/house-rules',
  summary: "The community's 住户守则 in force (public, as on the notice board) and the earlier versions",
  tag: 'agora',
  auth: 'optional',
  errors: ['NOT_FOUND'],
  params: communityParams,
  response: z.object({
    current: houseRulesView.nullable(),
    history: z.array(z.object({ id: z.number().int(), version: z.number().int(), adoptedAt: isoDateTime })),
    /** A draft or amendment under discussion or vote (its topic), if any. */
    pendingTopicId: z.number().int().nullable(),
  }),
});

/* ---------- The committee's side ---------- */

export const staffTopicItem = z.object({
  ...topicBase,
  excerpt: z.string(),
  vote: topicVoteSummary.nullable(),
  /** What the stage waits for, in words (等待审核 / 等待开始投票 / 该发布进展 …). */
  nextStep: z.string().nullable(),
});

const stageCount = z.number().int();
/** Topics per stage, every stage named (an object, so that OpenAPI defines each property). */
const stageCounts = z.object(
  Object.fromEntries(topicStages.map((s) => [s, stageCount])) as Record<TopicStage, typeof stageCount>,
);

export const listStaffTopics = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/agora/topics',
  summary:
    '议事厅 for the committee: every topic (held ones included) by stage, the ones waiting for review first, with counts per stage',
  tag: 'agora',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    stage: stage.optional(),
    before: idSchema.optional(),
    limit: pageLimit(100, 30),
  }),
  response: z.object({
    items: z.array(staffTopicItem),
    nextBefore: z.number().int().nullable(),
    counts: stageCounts,
  }),
});

export const createCommitteeTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics',
  summary:
    'The committee puts a topic (or a 住户守则 draft or amendment) straight into 议事 (adopted directly, no co-signing)',
  tag: 'agora',
  auth: 'staff',
  errors: ['INVALID_STATE'],
  params: communityParams,
  body: z
    .object({
      kind: z.enum(topicKinds, { error: '请选择议题类型' }).default('proposal'),
      title: topicTitle,
      /** A proposal's text (≤ 2,000) or the rules' full text (≤ 10,000). */
      body: houseRulesBody,
      place: topicPlace,
      plan: optionalText({ max: TOPIC_NOTE_MAX, multiline: true, messages: { max: `最多${TOPIC_NOTE_MAX}个字` } }),
      uploadIds: imageIds,
    })
    .refine((b) => b.kind === 'house_rules' || [...b.body].length <= TOPIC_BODY_MAX, {
      path: ['body'],
      message: `最多${TOPIC_BODY_MAX}个字`,
    }),
  status: 201,
  response: topicDetail,
});

export const editTopicText = defineRoute({
  method: 'PATCH',
  path: '/api/committees/:communityId/agora/topics/:topicId',
  summary: 'The committee refines a topic’s text (a 住户守则 draft during 议事); not once its vote has opened',
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z.object({ title: topicTitle.optional(), body: houseRulesBody.optional(), place: topicPlace }),
  response: topicDetail,
});

export const reviewTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics/:topicId/review',
  summary:
    '审: accept (with a plan; also adopts a topic still collecting), merge into a similar topic (its co-signers carried over), or decline with a public reason. Compare-and-set',
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z
    .object({
      decision: z.enum(['accept', 'merge', 'decline'], { error: '请选择采纳、合并或不采纳' }),
      note: topicNote('采纳后的打算或不采纳的理由'),
      mergeIntoId: idSchema.optional(),
    })
    .refine((b) => b.decision !== 'merge' || b.mergeIntoId !== undefined, {
      path: ['mergeIntoId'],
      message: '请选择要合并到哪个议题',
    }),
  response: topicDetail,
});

export const moveTopicStage = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics/:topicId/stage',
  summary:
    'A moderator moves a topic along the table in shared/domain/topic-stages.ts (议事 → 实施 without a vote, 公示 → 实施, 实施 → 成效评价, 评价 → 已完成); a vote’s own moves happen when it opens and closes',
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z.object({
    to: stage,
    note: optionalText({ max: TOPIC_NOTE_MAX, multiline: true, messages: { max: `最多${TOPIC_NOTE_MAX}个字` } }),
  }),
  response: topicDetail,
});

export const answerTopic = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics/:topicId/answers',
  summary: "The committee's official remark, or its answer to a question (answersId); pinned and marked 居委答复",
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z.object({
    body: text({
      min: 1,
      max: TOPIC_COMMENT_MAX,
      multiline: true,
      messages: { min: '请写下答复', max: `最多${TOPIC_COMMENT_MAX}个字` },
    }),
    answersId: idSchema.optional(),
  }),
  status: 201,
  response: topicCommentView,
});

export const addMeeting = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics/:topicId/meetings',
  summary: '线下议事会 record: date, who attended, minutes, photos',
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z.object({
    heldOn: day,
    place: topicPlace,
    attendees: text({ min: 2, max: 200, messages: { min: '请写明谁参加了', max: '最多200个字' } }),
    attendeeCount: z
      .number({ error: '人数要填数字' })
      .int('人数要填整数')
      .min(1, '人数至少1人')
      .max(10000, '人数太多了')
      .optional(),
    minutes: text({
      min: 10,
      max: MINUTES_MAX,
      multiline: true,
      messages: { min: '请写下会议纪要（至少10个字）', max: `纪要最多${MINUTES_MAX}个字` },
    }),
    uploadIds: imageIds,
  }),
  status: 201,
  response: meetingView,
});

export const addTopicUpdate = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/agora/topics/:topicId/updates',
  summary: '实施 progress with photos and a date; every household that took part (proposed, co-signed, voted) is told',
  tag: 'agora',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: topicParams,
  body: z.object({
    body: topicNote('做了什么'),
    happenedOn: day,
    uploadIds: imageIds,
  }),
  status: 201,
  response: updateView,
});

export const agoraSettingsView = z.object({
  /** null: one fifth of the households. */
  cosignThreshold: z.number().int().nullable(),
  /** What the threshold is today (one fifth of N households when not set). */
  cosignNeededNow: z.number().int(),
  households: z.number().int(),
  cosignDays: z.number().int(),
  ratingDays: z.number().int(),
  silentMajority: z.boolean(),
  silentMajorityBasis: z.string().nullable(),
});

export const getAgoraSettings = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/agora/settings',
  summary: "The community's 议事厅 rules: co-signing threshold and days, rating days, the silent-majority rule",
  tag: 'agora',
  auth: 'staff',
  params: communityParams,
  response: agoraSettingsView,
});

export const updateAgoraSettings = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/agora/settings',
  summary: 'Change the 议事厅 rules (audited); the silent-majority rule needs the clause of the rules that allows it',
  tag: 'agora',
  auth: 'staff',
  params: communityParams,
  body: z
    .object({
      cosignThreshold: z
        .number({ error: '附议户数要填数字' })
        .int('附议户数要填整数')
        .min(1, '附议户数至少1户')
        .max(100000, '附议户数太多了')
        .nullable(),
      cosignDays: z.number({ error: '天数要填数字' }).int('天数要填整数').min(1, '至少1天').max(365, '最多365天'),
      ratingDays: z.number({ error: '天数要填数字' }).int('天数要填整数').min(1, '至少1天').max(365, '最多365天'),
      silentMajority: z.boolean({ error: '请选择是否启用' }),
      silentMajorityBasis: optionalText({ max: 200, messages: { max: '最多200个字' } }),
    })
    .refine((b) => !b.silentMajority || !!b.silentMajorityBasis, {
      path: ['silentMajorityBasis'],
      message: '请写明议事规则里的哪一条允许这样计票',
    }),
  response: agoraSettingsView,
});
