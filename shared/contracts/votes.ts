import { z } from 'zod';
import {
  ballotChannels,
  motionRoles,
  proxyStatuses,
  voteElectorates,
  voteKinds,
  voteResultsShown,
  voteRules,
  voteStatuses,
} from '../enums';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime, pageLimit, pageOffset, XLSX_TYPE } from './common';
import { dateTime } from './notices';
import { defineFileRoute, defineRoute, fileResponse } from './route';

/**
 * 议事厅 votes (docs/decisions/022-votes.md): ballots per resident, household or owner unit,
 * the rule sets of shared/domain/tally.ts, 代录 paper ballots, 委托投票, 送达 proofs, group
 * turnout. A vote's figures are the TallyResult of shared/domain/tally-types.ts.
 */

export const VOTE_TITLE_MAX = 60;
export const VOTE_OPTION_MAX = 60;
export const VOTE_MAX_OPTIONS = 20;

export const voteParams = z.object({ communityId: idSchema, voteId: idSchema });

const ratio = z.object({ num: z.number().int(), den: z.number().int() });
const threshold = z.object({
  key: z.enum([
    'participation_heads',
    'participation_area',
    'quorum',
    'approval_heads',
    'approval_area',
    'approval_ballots',
  ]),
  label: z.string(),
  value: ratio,
  required: ratio,
  strict: z.boolean(),
  met: z.boolean(),
});
const figures = z.object({ count: z.number().int(), heads: z.number().int(), areaCenti: z.number().int() });

/** shared/domain/tally-types.ts TallyResult. */
export const tallyResult = z.object({
  rule: z.enum(voteRules),
  electors: figures,
  participated: figures,
  silent: figures,
  byChannel: z.object({ self: z.number().int(), proxy: z.number().int(), paper: z.number().int() }),
  participation: z.array(threshold),
  participationMet: z.boolean(),
  options: z.array(
    z.object({
      optionId: z.number().int(),
      label: z.string(),
      motionRole: z.enum(motionRoles).nullable(),
      ballots: z.number().int(),
      heads: z.number().int(),
      areaCenti: z.number().int(),
      silentHeads: z.number().int(),
      silentAreaCenti: z.number().int(),
      approval: z.array(threshold),
      approved: z.boolean(),
    }),
  ),
  winners: z.array(z.number().int()),
  outcome: z.enum(['passed', 'rejected', 'no_quorum', 'tie', 'empty']),
  byBuilding: z.array(
    z.object({
      buildingId: z.number().int(),
      ballots: z.number().int(),
      options: z.array(z.object({ optionId: z.number().int(), ballots: z.number().int() })),
    }),
  ),
});
export type TallyResultView = z.infer<typeof tallyResult>;

export const voteOptionView = z.object({
  id: z.number().int(),
  label: z.string(),
  motionRole: z.enum(motionRoles).nullable(),
});

const voteBase = {
  id: z.number().int(),
  communityId: z.number().int(),
  topicId: z.number().int().nullable(),
  title: z.string(),
  kind: z.enum(voteKinds),
  maxChoices: z.number().int(),
  electorate: z.enum(voteElectorates),
  rule: z.enum(voteRules),
  status: z.enum(voteStatuses),
  opensAt: isoDateTime.nullable(),
  closesAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  /** Ballots so far / who may vote (turnout; always shown). */
  turnout: z.object({ ballots: z.number().int(), electors: z.number().int() }),
};

export const voteListItem = z.object({
  ...voteBase,
  /** The caller's household (or the caller) may vote, and has / has not yet. */
  eligible: z.boolean(),
  voted: z.boolean(),
  outcome: z.string().nullable(),
});

/** A ballot as its own household (or its delegate) sees it. */
export const myBallotView = z.object({
  electorId: z.number().int(),
  optionIds: z.array(z.number().int()),
  channel: z.enum(ballotChannels),
  version: z.number().int(),
  updatedAt: isoDateTime,
});

export const voteDetail = z.object({
  ...voteBase,
  description: z.string().nullable(),
  topicTitle: z.string().nullable(),
  options: z.array(voteOptionView),
  quorumPercent: z.number().int().nullable(),
  civilItem: z.number().int().nullable(),
  /** Building names when the vote is for some buildings only. */
  buildings: z.array(z.object({ id: z.number().int(), name: z.string() })).nullable(),
  resultsShown: z.enum(voteResultsShown),
  anonymous: z.boolean(),
  proxyCap: z.number().int(),
  silentMajority: z.boolean(),
  silentMajorityBasis: z.string().nullable(),
  /** The rule in plain words, one line per test (参与户数需过半数 …). */
  ruleText: z.array(z.string()),
  /** Why the caller may not vote (not in scope, owners only…), null when they may. */
  ineligibleReason: z.string().nullable(),
  myBallot: myBallotView.nullable(),
  /** Households the caller votes for as a delegate (委托), with their ballots. */
  proxyFor: z.array(
    z.object({ electorId: z.number().int(), householdLabel: z.string(), ballot: myBallotView.nullable() }),
  ),
  /** The proxy the caller's household granted, if any (the code is shown only once, when created). */
  myProxy: z
    .object({ id: z.number().int(), status: z.enum(proxyStatuses), delegateAccepted: z.boolean(), used: z.boolean() })
    .nullable(),
  /** Figures: live (if the vote says so) or after the close; null while hidden. */
  result: tallyResult.nullable(),
  /** Opened from a group chat that the caller registered: households of that chat who took part. */
  groupHouseholds: z.number().int().nullable(),
  /** The 公示 notice once published. */
  resultNoticeId: z.number().int().nullable(),
});
export type VoteDetail = z.infer<typeof voteDetail>;

export const listVotes = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/votes',
  summary: 'Votes of the community (open first, then closed, newest first) with turnout and whether the caller voted',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: communityParams,
  query: z.object({
    status: z.enum(voteStatuses, { error: '请选择投票状态' }).optional(),
    before: idSchema.optional(),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(voteListItem), nextBefore: z.number().int().nullable() }),
});

export const getVote = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/votes/:voteId',
  summary:
    'One vote: options, the rule in words, the caller’s ballot (and those they cast as a delegate), figures when shown, and 本群已有 N 户参与 with a registered group',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN'],
  params: voteParams,
  query: z.object({
    /** The group key the group route returned. */
    group: optionalText({ max: 64, pattern: /^[A-Za-z0-9_-]+$/, messages: '群参数不对' }),
  }),
  response: voteDetail,
});

export const castBallot = defineRoute({
  method: 'PUT',
  path: '/api/committees/:communityId/votes/:voteId/ballot',
  summary:
    'Cast or change the household’s ballot (or, with electorId, the ballot of a household the caller is delegate for) until the close by server time; every change kept',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_ELIGIBLE', 'VOTE_CLOSED', 'VOTE_NOT_OPEN', 'BALLOT_INVALID'],
  params: voteParams,
  body: z.object({
    optionIds: z
      .array(idSchema, { error: '请选择' })
      .min(1, '请至少选一项')
      .max(VOTE_MAX_OPTIONS, '选得太多了')
      .refine((ids) => new Set(ids).size === ids.length, '同一项只能选一次'),
    /** Voting as a delegate for this elector (a household that authorised the caller). */
    electorId: idSchema.optional(),
  }),
  response: voteDetail,
});

export const grantProxy = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes/:voteId/proxy',
  summary:
    '委托投票: the household’s owner uploads the signed authorisation and gets a 委托码 to give the delegate (shown once); one live proxy per household',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_ELIGIBLE', 'VOTE_CLOSED', 'DUPLICATE', 'INVALID_STATE'],
  params: voteParams,
  body: z.object({ uploadId: idSchema }),
  status: 201,
  response: z.object({ id: z.number().int(), code: z.string(), status: z.enum(proxyStatuses) }),
});

export const revokeProxy = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/votes/:voteId/proxy',
  summary: 'The household revokes its proxy, until the delegate has voted',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'PROXY_USED', 'VOTE_CLOSED'],
  params: voteParams,
  response: null,
});

export const acceptProxy = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/vote-proxies',
  summary:
    'The delegate enters the 委托码 and may then vote for that household; refused beyond the vote’s cap of households per delegate',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'PROXY_LIMIT', 'VOTE_CLOSED', 'INVALID_STATE'],
  params: communityParams,
  body: z.object({
    code: text({ min: 6, max: 12, pattern: /^[0-9A-Za-z]+$/, messages: '委托码不对，请核对后再输入' }),
  }),
  response: z.object({ voteId: z.number().int(), electorId: z.number().int(), householdLabel: z.string() }),
});

export const registerGroup = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes/:voteId/group',
  summary:
    'Opened from a group chat: the encrypted group info (wx.getGroupEnterInfo) is decrypted with the caller’s session_key on the server; only a keyed hash of the group id is kept. Returns the group key and its turnout',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'GROUP_INFO_INVALID'],
  params: voteParams,
  body: z.object({
    encryptedData: text({ min: 1, max: 4096, pattern: /^[A-Za-z0-9+/=]+$/, messages: '群信息格式不对' }),
    iv: text({ min: 1, max: 64, pattern: /^[A-Za-z0-9+/=]+$/, messages: '群信息格式不对' }),
  }),
  response: z.object({ group: z.string(), households: z.number().int() }),
});

export const voteResultPage = z.object({
  vote: voteDetail,
  communityName: z.string(),
  /** Building names for byBuilding. */
  buildingNames: z.record(z.string(), z.string()),
  /** Outcome in words: 通过 / 未通过（参与不足）… */
  outcomeText: z.string(),
});

export const getVoteResult = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/votes/:voteId/result',
  summary: '公示: a closed vote’s frozen figures with every threshold and the rule applied (print-friendly page)',
  tag: 'votes',
  auth: 'user',
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
  params: voteParams,
  response: voteResultPage,
});

/* ---------- The committee's side ---------- */

const voteTitle = text({
  min: 2,
  max: VOTE_TITLE_MAX,
  messages: { min: '请写投票的标题', max: `标题最多${VOTE_TITLE_MAX}个字` },
});
const optionLabel = text({
  min: 1,
  max: VOTE_OPTION_MAX,
  messages: { min: '选项不能为空', max: `选项最多${VOTE_OPTION_MAX}个字` },
});

export const createVote = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes',
  summary:
    'Start a vote (on a topic in 议事, a 住户守则 draft, or on its own): the electorate is fixed now (or at opensAt); owners’ votes need every unit’s floor area; 278 rules need the owner electorate',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE', 'MISSING_FLOOR_AREA'],
  params: communityParams,
  status: 201,
  body: z
    .object({
      topicId: idSchema.optional(),
      title: voteTitle,
      description: optionalText({ max: 2000, multiline: true, messages: { max: '说明最多2000个字' } }),
      kind: z.enum(voteKinds, { error: '请选择单选、多选或赞成反对' }),
      /** Not for a motion (赞成 / 反对 / 弃权 are added). */
      options: z.array(optionLabel).max(VOTE_MAX_OPTIONS, `最多${VOTE_MAX_OPTIONS}个选项`).default([]),
      maxChoices: z
        .number({ error: '最多选几项要填数字' })
        .int('要填整数')
        .min(1, '至少1项')
        .max(VOTE_MAX_OPTIONS, '太多了')
        .default(1),
      electorate: z.enum(voteElectorates, { error: '请选择谁可以投票' }).default('household'),
      rule: z.enum(voteRules, { error: '请选择计票规则' }),
      quorumPercent: z
        .number({ error: '参与比例要填数字' })
        .int('要填整数')
        .min(1, '至少1%')
        .max(100, '最多100%')
        .optional(),
      civilItem: z
        .number({ error: '请选择事项' })
        .int('请选择事项')
        .min(1, '请选择事项')
        .max(9, '请选择事项')
        .optional(),
      buildingIds: z.array(idSchema, { error: '楼栋不对' }).max(200, '楼栋太多了').optional(),
      resultsShown: z.enum(voteResultsShown, { error: '请选择何时公布结果' }).default('after_close'),
      anonymous: z.boolean({ error: '请选择是否匿名' }).default(false),
      proxyCap: z
        .number({ error: '委托上限要填数字' })
        .int('要填整数')
        .min(0, '不能小于0')
        .max(20, '最多20户')
        .default(1),
      /** ISO time; absent = now. */
      opensAt: dateTime('开始时间格式不对').optional(),
      closesAt: dateTime('截止时间格式不对'),
    })
    .check((ctx) => {
      const v = ctx.value;
      const bad = (path: string, message: string) =>
        ctx.issues.push({ code: 'custom', input: v, path: [path], message });
      if (v.kind !== 'motion' && v.options.length < 2) bad('options', '至少要有2个选项');
      if (new Set(v.options).size !== v.options.length) bad('options', '选项不能重复');
      if (v.kind === 'multiple' && v.maxChoices > Math.max(1, v.options.length))
        bad('maxChoices', '最多可选项数不能超过选项数');
      if (v.rule === 'quorum' && v.quorumPercent === undefined) bad('quorumPercent', '请填写至少多少比例参与');
      if ((v.rule === 'civil_278' || v.rule === 'civil_278_major') && v.electorate !== 'owner')
        bad('electorate', '民法典第278条的表决只能由业主投票');
      if (v.civilItem !== undefined && v.rule === 'civil_278_major' && ![6, 7, 8].includes(v.civilItem))
        bad('civilItem', '只有第六至八项（筹集维修资金、改建重建、改变共有部分用途）适用重大事项规则');
      if (v.civilItem !== undefined && v.rule === 'civil_278' && [6, 7, 8].includes(v.civilItem))
        bad('rule', '第六至八项须用重大事项规则（四分之三同意）');
      if (Date.parse(v.closesAt) <= Date.parse(v.opensAt ?? new Date().toISOString()))
        bad('closesAt', '截止时间要晚于开始时间');
    }),
  response: voteDetail,
});

export const staffVoteItem = z.object({
  ...voteBase,
  outcome: z.string().nullable(),
  byChannel: z.object({ self: z.number().int(), proxy: z.number().int(), paper: z.number().int() }),
});

export const listStaffVotes = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/agora/votes',
  summary: 'Every vote of the community for the committee, with turnout by channel',
  tag: 'votes',
  auth: 'staff',
  params: communityParams,
  query: z.object({
    status: z.enum(voteStatuses, { error: '请选择投票状态' }).optional(),
    before: idSchema.optional(),
    limit: pageLimit(100, 30),
  }),
  response: z.object({ items: z.array(staffVoteItem), nextBefore: z.number().int().nullable() }),
});

export const cancelVote = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes/:voteId/cancel',
  summary: 'Cancel a vote before it closes, with a public reason (its ballots are kept, no result)',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND', 'INVALID_STATE'],
  params: voteParams,
  body: z.object({
    reason: text({ min: 2, max: 200, multiline: true, messages: { min: '请写明取消的原因', max: '最多200个字' } }),
  }),
  response: voteDetail,
});

export const electorRow = z.object({
  electorId: z.number().int(),
  /** 3号楼 2单元 301 (or the resident's name for a resident electorate). */
  label: z.string(),
  buildingId: z.number().int().nullable(),
  area: z.number().nullable(),
  voted: z.boolean(),
  /** How the ballot came in (never what it chose). */
  channel: z.enum(ballotChannels).nullable(),
  servedAt: isoDateTime.nullable(),
  hasProxy: z.boolean(),
});

export const listElectors = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/votes/:voteId/electors',
  summary: 'Who may vote and who has (not what they chose), to record paper ballots and proofs of service',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: voteParams,
  query: z.object({
    buildingId: idSchema.optional(),
    voted: z.enum(['true', 'false'], { error: '参数不对' }).optional(),
    limit: pageLimit(200, 50),
    offset: pageOffset(100_000),
  }),
  response: z.object({ items: z.array(electorRow), total: z.number().int() }),
});

export const recordPaperBallot = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes/:voteId/paper-ballots',
  summary:
    '代录: a moderator records a paper or door-to-door ballot for a household (who signed, when, the photo), under the one-ballot-per-household rule; replaces an earlier ballot, kept in the history',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND', 'VOTE_CLOSED', 'VOTE_NOT_OPEN', 'BALLOT_INVALID'],
  params: voteParams,
  body: z.object({
    electorId: idSchema,
    optionIds: z
      .array(idSchema, { error: '请选择' })
      .min(1, '请至少选一项')
      .max(VOTE_MAX_OPTIONS, '选得太多了')
      .refine((ids) => new Set(ids).size === ids.length, '同一项只能选一次'),
    signer: text({ min: 1, max: 40, messages: { min: '请写明谁签的票', max: '最多40个字' } }),
    signedOn: text({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, messages: '日期格式应为 2026-12-01' }),
    uploadId: idSchema,
  }),
  status: 201,
  response: electorRow,
});

export const recordService = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/votes/:voteId/service',
  summary: '送达: record that ballots were served (with the warning) on these households, for the silent-majority rule',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND', 'VOTE_CLOSED', 'INVALID_STATE'],
  params: voteParams,
  body: z.object({
    electorIds: z.array(idSchema, { error: '请选择住户' }).min(1, '请至少选一户').max(1000, '一次最多1000户'),
    note: text({ min: 2, max: 200, messages: { min: '请写明怎么送达的', max: '最多200个字' } }),
    uploadId: idSchema.optional(),
  }),
  response: z.object({ served: z.number().int() }),
});

export const exportBallots = defineFileRoute({
  method: 'GET',
  path: '/api/committees/:communityId/votes/:voteId/ballots.xlsx',
  summary:
    'Ballots by household for the committee (anonymous votes: who took part and how, never the choice), with the figures sheet',
  tag: 'votes',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: voteParams,
  response: fileResponse(XLSX_TYPE),
});
