import { z } from 'zod';
import { optionalText, text } from '../text';
import { communityParams, idSchema, isoDateTime } from './common';
import { defineRoute, fileResponse } from './route';

/**
 * Screening word lists (platform-wide for admins, one per community for its moderators) and
 * WeChat's message push (消息推送) that brings image verdicts. See docs/decisions/018-screening.md.
 */

export const SCREENING_WORD_MAX = 30;
export const SCREENING_WORDS_PER_ADD = 500;

const wordParams = communityParams.extend({ wordId: idSchema });
const adminWordParams = z.object({ wordId: idSchema });

/** The words of a textarea, one per line; blank lines are ignored. */
export const wordLines = (v: string) =>
  v
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);

/** Words one per line (a textarea), kept as typed; the service splits them with wordLines. */
export const screeningWordsInput = z.object({
  words: text({
    min: 1,
    max: SCREENING_WORDS_PER_ADD * (SCREENING_WORD_MAX + 1),
    multiline: true,
    messages: { min: '请填写要添加的词，每行一个', max: '一次添加的词太多了' },
  })
    .refine((v) => wordLines(v).length <= SCREENING_WORDS_PER_ADD, `一次最多添加${SCREENING_WORDS_PER_ADD}个词`)
    .refine(
      (v) => wordLines(v).every((w) => Array.from(w).length <= SCREENING_WORD_MAX),
      `每个词最多${SCREENING_WORD_MAX}个字`,
    ),
});

export const screeningWordSchema = z.object({
  id: z.number(),
  word: z.string(),
  createdAt: isoDateTime,
});
export type ScreeningWordView = z.infer<typeof screeningWordSchema>;

/** Why a line was not added: already listed (here or, for a community, on the platform's list) or nothing left to match. */
export const skipReasons = ['duplicate', 'platform', 'empty'] as const;
export const skipReasonLabels: Record<(typeof skipReasons)[number], string> = {
  duplicate: '已经在词表里了',
  platform: '平台词表里已经有了',
  empty: '去掉符号后没有文字',
};

export const addWordsReply = z.object({
  added: z.array(screeningWordSchema),
  skipped: z.array(z.object({ word: z.string(), reason: z.enum(skipReasons) })),
});

export const listCommunityWords = defineRoute({
  method: 'GET',
  path: '/api/committees/:communityId/screening-words',
  summary: "The community's screening words, and the platform's (read-only here)",
  tag: 'screening',
  auth: 'staff',
  params: communityParams,
  response: z.object({ community: z.array(screeningWordSchema), platform: z.array(screeningWordSchema) }),
});

export const addCommunityWords = defineRoute({
  method: 'POST',
  path: '/api/committees/:communityId/screening-words',
  summary: "Adds words (one per line) to the community's list; duplicates after normalising are skipped",
  tag: 'screening',
  auth: 'staff',
  status: 201,
  errors: ['DUPLICATE'],
  params: communityParams,
  body: screeningWordsInput,
  response: addWordsReply,
});

export const removeCommunityWord = defineRoute({
  method: 'DELETE',
  path: '/api/committees/:communityId/screening-words/:wordId',
  summary: "Removes a word from the community's list",
  tag: 'screening',
  auth: 'staff',
  errors: ['NOT_FOUND'],
  params: wordParams,
  response: null,
});

export const listPlatformWords = defineRoute({
  method: 'GET',
  path: '/api/admin/screening-words',
  summary: "The platform's screening words (every community)",
  tag: 'screening',
  auth: 'admin',
  response: z.object({ items: z.array(screeningWordSchema) }),
});

export const addPlatformWords = defineRoute({
  method: 'POST',
  path: '/api/admin/screening-words',
  summary: "Adds words (one per line) to the platform's list",
  tag: 'screening',
  auth: 'admin',
  status: 201,
  errors: ['DUPLICATE'],
  body: screeningWordsInput,
  response: addWordsReply,
});

export const removePlatformWord = defineRoute({
  method: 'DELETE',
  path: '/api/admin/screening-words/:wordId',
  summary: "Removes a word from the platform's list",
  tag: 'screening',
  auth: 'admin',
  errors: ['NOT_FOUND'],
  params: adminWordParams,
  response: null,
});

const pushQueryBase = {
  signature: text({ max: 64, messages: '签名不对' }),
  timestamp: text({ max: 20, pattern: /^\d{1,20}$/, messages: '时间戳不对' }),
  nonce: text({ max: 64, messages: '随机数不对' }),
};

export const verifyPushUrl = defineRoute({
  method: 'GET',
  path: '/api/wechat/push',
  summary: "WeChat's check of the 消息推送 URL: answers echostr as plain text when the signature is right",
  tag: 'screening',
  auth: 'public',
  errors: ['FORBIDDEN'],
  query: z.object({ ...pushQueryBase, echostr: text({ max: 256, messages: 'echostr 不对' }) }),
  response: fileResponse('text/plain'),
});

export const receivePush = defineRoute({
  method: 'POST',
  path: '/api/wechat/push',
  summary: 'A 消息推送 event from WeChat (JSON format, plain or 安全 mode); answers "success" and works in a job',
  tag: 'screening',
  auth: 'public',
  errors: ['FORBIDDEN', 'BAD_REQUEST'],
  query: z.object({
    ...pushQueryBase,
    openid: optionalText({ max: 64 }),
    encrypt_type: z.enum(['aes', 'raw'], { error: '加密方式不对' }).optional(),
    msg_signature: optionalText({ max: 64 }),
  }),
  // The event's own fields are read by the server (server/features/screening/push.ts).
  body: z.looseObject({ Encrypt: optionalText({ max: 65_536 }) }),
  response: fileResponse('text/plain'),
});
