import { z } from 'zod';
import type { ServiceContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { enqueue } from '../../platform/jobs';
import { MEDIA_VERDICT_JOB } from '../../platform/screening/verdicts';
import { decryptPush, pushSignature, signatureMatches } from '../../wechat/push';

/**
 * WeChat's 消息推送 (docs/decisions/018-screening.md): the URL check and the pushes, JSON
 * format, in 明文 (plain) or 安全 (encrypted) mode. Nothing is done for a request whose
 * signature is wrong; an accepted event is answered at once and worked in a job.
 */

interface PushQuery {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt_type?: 'aes' | 'raw';
  msg_signature?: string;
}

function pushToken(ctx: ServiceContext): string {
  const token = ctx.deps.config.WECHAT_PUSH_TOKEN;
  if (!token) throw new AppError('FORBIDDEN', '没有配置消息推送');
  return token;
}

/** The URL check: echostr back when the signature is ours. */
export function verifyUrl(ctx: ServiceContext, query: PushQuery & { echostr: string }): string {
  const token = pushToken(ctx);
  if (!signatureMatches(query.signature, pushSignature(token, query.timestamp, query.nonce))) {
    ctx.deps.logger.warn('wechat push: URL check with a bad signature');
    throw new AppError('FORBIDDEN', '签名不对');
  }
  return query.echostr;
}

/** The media-check event, as far as we read it (label sometimes a string). */
const mediaCheckEvent = z.object({
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(200),
  result: z.object({
    suggest: z.enum(['pass', 'review', 'risky']),
    label: z.union([z.number(), z.string().max(40)]).optional(),
  }),
});

/** The event's JSON, after the signature (and in 安全 mode the decryption and the appid) check out. */
function openEvent(ctx: ServiceContext, query: PushQuery, body: Record<string, unknown>): Record<string, unknown> {
  const { config, logger } = ctx.deps;
  const token = pushToken(ctx);
  const refuse = (why: string): never => {
    logger.warn('wechat push refused', { why });
    throw new AppError('FORBIDDEN', '签名不对');
  };
  if (!signatureMatches(query.signature, pushSignature(token, query.timestamp, query.nonce))) refuse('signature');
  if (query.encrypt_type !== 'aes') {
    // 明文 mode: the signature above is all WeChat gives.
    if (config.WECHAT_PUSH_AES_KEY) refuse('plain push while 安全 mode is configured');
    return body;
  }
  const encrypted = typeof body.Encrypt === 'string' ? body.Encrypt : refuse('no Encrypt');
  if (!signatureMatches(query.msg_signature, pushSignature(token, query.timestamp, query.nonce, encrypted)))
    refuse('msg_signature');
  const keys = [config.WECHAT_PUSH_AES_KEY, config.WECHAT_PUSH_AES_KEY_PREVIOUS].filter((k): k is string => !!k);
  if (keys.length === 0) refuse('encrypted push without an EncodingAESKey configured');
  for (const key of keys) {
    const opened = decryptPush(key, encrypted);
    if (!opened) continue;
    if (opened.appid !== config.WECHAT_APPID) refuse('appid');
    try {
      const event = JSON.parse(opened.message);
      if (event && typeof event === 'object') return event as Record<string, unknown>;
    } catch {
      // fall through to the refusal
    }
    throw new AppError('BAD_REQUEST', '推送内容不是 JSON');
  }
  return refuse('no key opens the message');
}

/**
 * Accepts a push: a wxa_media_check verdict becomes a job keyed by its trace_id (WeChat
 * retries after 5 s without an answer: the retries are the same job). Other events are
 * acknowledged and ignored.
 */
export async function receivePush(ctx: ServiceContext, query: PushQuery, body: Record<string, unknown>) {
  const event = openEvent(ctx, query, body);
  if (event.Event !== 'wxa_media_check') {
    ctx.deps.logger.info('wechat push ignored', { event: String(event.Event ?? event.MsgType ?? 'unknown') });
    return 'success';
  }
  const parsed = mediaCheckEvent.safeParse(event);
  if (!parsed.success) {
    ctx.deps.logger.warn('wechat push: malformed wxa_media_check', { issues: parsed.error.issues.length });
    return 'success';
  }
  const { trace_id: traceId, result } = parsed.data;
  await enqueue(ctx.deps.database.db, {
    name: MEDIA_VERDICT_JOB,
    key: `${MEDIA_VERDICT_JOB}:${traceId}`,
    payload: { traceId, suggest: result.suggest, label: result.label === undefined ? null : String(result.label) },
    requestId: ctx.requestId,
  });
  return 'success';
}
