import { z } from 'zod';
import {
  ballotChannels,
  contentStates,
  contentSubjects,
  neighbourContactStates,
  neighbourFields,
  postKinds,
  postStatuses,
  proxyStatuses,
  rentalBookingStatuses,
  rentalEligibilities,
  rentalHandovers,
  reportReasons,
  signupStatuses,
  topicCommentKinds,
  topicStages,
} from '../enums';
import { isoDateTime, XLSX_TYPE } from './common';
import { defineFileRoute, defineRoute, fileResponse } from './route';

/** Everything we hold about the caller, in plain words (PIPL art. 45: the right to a copy). */
export const myDataReply = z.object({
  exportedAt: isoDateTime,
  user: z.object({
    id: z.number().int(),
    nickname: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    hasWechatIdentity: z.boolean(),
    createdAt: isoDateTime,
  }),
  memberships: z.array(
    z.object({
      communityName: z.string(),
      role: z.string(),
      status: z.string(),
      household: z.string().nullable(),
      realName: z.string().nullable(),
      phone: z.string().nullable(),
      reason: z.string().nullable(),
      createdAt: isoDateTime,
      decidedAt: isoDateTime.nullable(),
    }),
  ),
  sessions: z.array(z.object({ createdAt: isoDateTime, lastSeenAt: isoDateTime, userAgent: z.string().nullable() })),
  /** What the app told this person (message centre). */
  messages: z.array(
    z.object({ title: z.string(), body: z.string(), createdAt: isoDateTime, readAt: isoDateTime.nullable() }),
  ),
  /** Files this person uploaded (photos and PDFs for notices, posts). */
  uploads: z.array(
    z.object({
      communityName: z.string(),
      kind: z.string(),
      name: z.string().nullable(),
      byteSize: z.number().int(),
      createdAt: isoDateTime,
      attached: z.boolean(),
    }),
  ),
  /** Notices this person opened (the committee counts reads per household). */
  noticeReads: z.array(z.object({ communityName: z.string(), title: z.string(), readAt: isoDateTime })),
  /** 活动 this person signed their household up to. */
  signups: z.array(
    z.object({ title: z.string(), people: z.number().int(), status: z.enum(signupStatuses), createdAt: isoDateTime }),
  ),
  /** WeChat messages this person agreed to receive (消息设置), per kind. */
  subscriptions: z.array(z.object({ kind: z.string(), remaining: z.number().int(), acceptedTotal: z.number().int() })),
  /** 留言板 posts and 小事快办 reports this person wrote (erased on deletion). */
  boardPosts: z.array(
    z.object({
      communityName: z.string(),
      kind: z.enum(postKinds),
      authorLabel: z.string(),
      place: z.string().nullable(),
      body: z.string(),
      status: z.enum(postStatuses),
      state: z.enum(contentStates),
      rating: z.number().int().nullable(),
      ratingComment: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  /** Comments this person wrote on the board. */
  boardComments: z.array(
    z.object({
      communityName: z.string(),
      authorLabel: z.string(),
      body: z.string(),
      official: z.boolean(),
      state: z.enum(contentStates),
      createdAt: isoDateTime,
    }),
  ),
  /** 我也遇到了 this person gave for their household. */
  boardPlusOnes: z.array(z.object({ communityName: z.string(), postId: z.number().int(), createdAt: isoDateTime })),
  /** Status changes this person made (confirmed, reopened with a reason; staff: replies and progress). */
  boardEvents: z.array(
    z.object({
      postId: z.number().int(),
      fromStatus: z.enum(postStatuses).nullable(),
      toStatus: z.enum(postStatuses),
      note: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  /** Posts and comments this person reported (举报). */
  reports: z.array(
    z.object({
      communityName: z.string(),
      subject: z.enum(contentSubjects),
      reason: z.enum(reportReasons),
      note: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  /** 议事厅 topics this person proposed (erased on deletion unless the committee took them up). */
  topics: z.array(
    z.object({
      communityName: z.string(),
      title: z.string(),
      body: z.string(),
      place: z.string().nullable(),
      authorLabel: z.string(),
      stage: z.enum(topicStages),
      state: z.enum(contentStates),
      createdAt: isoDateTime,
    }),
  ),
  /** Remarks and questions this person wrote in 议事厅 discussions. */
  topicComments: z.array(
    z.object({
      communityName: z.string(),
      topicId: z.number().int(),
      kind: z.enum(topicCommentKinds),
      body: z.string(),
      state: z.enum(contentStates),
      createdAt: isoDateTime,
    }),
  ),
  /** 成效评价 this person gave for their household. */
  topicRatings: z.array(
    z.object({
      communityName: z.string(),
      topicId: z.number().int(),
      score: z.number().int(),
      comment: z.string().nullable(),
      state: z.enum(contentStates),
      createdAt: isoDateTime,
    }),
  ),
  /** 附议 this person gave for their household. */
  topicCosigns: z.array(z.object({ communityName: z.string(), topicId: z.number().int(), createdAt: isoDateTime })),
  /** Steps of a topic's timeline this person made. */
  topicEvents: z.array(
    z.object({
      topicId: z.number().int(),
      fromStage: z.enum(topicStages).nullable(),
      toStage: z.enum(topicStages).nullable(),
      at: isoDateTime,
    }),
  ),
  /** Times this person was muted on a board (禁言). */
  boardMutes: z.array(
    z.object({ communityName: z.string(), until: isoDateTime, reason: z.string(), liftedAt: isoDateTime.nullable() }),
  ),
  /** 议事厅 ballots this person cast, every version (their own, anonymous votes too). */
  voteBallots: z.array(
    z.object({
      voteTitle: z.string(),
      choices: z.array(z.string()),
      channel: z.enum(ballotChannels),
      version: z.number().int(),
      at: isoDateTime,
    }),
  ),
  /** The current ballots this person cast (for their household or as a delegate). */
  voteCurrentBallots: z.array(
    z.object({ voteTitle: z.string(), channel: z.enum(ballotChannels), updatedAt: isoDateTime }),
  ),
  /** 委托 this person granted or accepted. */
  voteProxies: z.array(
    z.object({
      voteTitle: z.string(),
      role: z.enum(['grantor', 'delegate']),
      status: z.enum(proxyStatuses),
      createdAt: isoDateTime,
    }),
  ),
  /** Votes this person opened from a group chat (only a keyed hash of the group is kept). */
  voteGroupSightings: z.array(z.object({ voteTitle: z.string(), seenAt: isoDateTime })),
  /**
   * 社区租赁 bookings this person made (money in fen). After deletion the bookings stay with the
   * household and the point, without the person, the member's name, the note or the address.
   */
  rentals: z.array(
    z.object({
      communityName: z.string(),
      pointName: z.string(),
      itemName: z.string(),
      startOn: z.string(),
      endOn: z.string(),
      status: z.enum(rentalBookingStatuses),
      forName: z.string().nullable(),
      forRelation: z.string().nullable(),
      eligibility: z.enum(rentalEligibilities).nullable(),
      handover: z.enum(rentalHandovers),
      deliveryAddress: z.string().nullable(),
      note: z.string().nullable(),
      returnedOn: z.string().nullable(),
      payableFen: z.number().int(),
      depositFen: z.number().int(),
      rentPaidFen: z.number().int().nullable(),
      depositTakenFen: z.number().int().nullable(),
      refundFen: z.number().int().nullable(),
      owedFen: z.number().int().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  /** 找邻居: the caller's cards, every field and switch as stored. */
  neighbourCards: z.array(
    z.object({
      communityName: z.string(),
      listed: z.boolean(),
      displayName: z.string(),
      showName: z.boolean(),
      hasAvatar: z.boolean(),
      showAvatar: z.boolean(),
      showBuilding: z.boolean(),
      showRoom: z.boolean(),
      intro: z.string().nullable(),
      showIntro: z.boolean(),
      tags: z.array(z.string()),
      hiddenTags: z.array(z.string()),
      showTags: z.boolean(),
      canHelp: z.array(z.string()),
      needHelp: z.array(z.string()),
      showHelp: z.boolean(),
      serve: z.boolean(),
      state: z.enum(contentStates),
      updatedAt: isoDateTime,
    }),
  ),
  /** 找邻居's consent log: every switch turned on or off and every share, with the text version. */
  neighbourConsents: z.array(
    z.object({
      communityName: z.string(),
      field: z.enum(neighbourFields),
      granted: z.boolean(),
      textVersion: z.string(),
      createdAt: isoDateTime,
    }),
  ),
  /** Contacts the caller asked for or was asked for, with what the caller shared in each. */
  neighbourContacts: z.array(
    z.object({
      communityName: z.string(),
      role: z.enum(['requester', 'addressee']),
      state: z.enum(neighbourContactStates),
      sharedPhone: z.string().nullable(),
      sharedWechatId: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  /** What the caller wrote in 找邻居 (requests and thread messages); the other side's words are theirs. */
  neighbourMessages: z.array(
    z.object({
      communityName: z.string(),
      isRequest: z.boolean(),
      body: z.string(),
      state: z.enum(contentStates),
      createdAt: isoDateTime,
    }),
  ),
  neighbourBlocks: z.array(z.object({ communityName: z.string(), label: z.string(), createdAt: isoDateTime })),
  /** How many cards the directory showed the caller per day (the anti-scraping count). */
  neighbourDirectoryViews: z.array(z.object({ communityName: z.string(), day: z.string(), shown: z.number().int() })),
});
export type MyData = z.infer<typeof myDataReply>;

export const exportMyData = defineRoute({
  method: 'GET',
  path: '/api/me/data',
  summary: 'A copy of everything stored about the caller',
  tag: 'privacy',
  auth: 'user',
  response: myDataReply,
});

export const exportMyDataXlsx = defineFileRoute({
  method: 'GET',
  path: '/api/me/data.xlsx',
  summary: 'The same copy as GET /api/me/data as a readable Excel file: one sheet per section, headings in Chinese',
  tag: 'privacy',
  auth: 'user',
  response: fileResponse(XLSX_TYPE),
});

export const deleteMyAccount = defineRoute({
  method: 'POST',
  path: '/api/me/delete',
  summary: 'Delete the caller’s personal data and end every session (PIPL art. 47)',
  tag: 'privacy',
  auth: 'user',
  // A staff account is closed by an admin, not by its holder.
  errors: ['FORBIDDEN'],
  body: z.object({ confirm: z.literal('删除', { error: '请输入“删除”两个字确认' }) }),
  response: null,
});
