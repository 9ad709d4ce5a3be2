import { z } from 'zod';
import { subscribeTemplates } from '../enums';
import { defineRoute } from './route';

/**
 * WeChat subscribe messages (订阅消息): one-time consents the user gave with
 * requestSubscribeMessage, counted per template. See docs/decisions/016-subscribe-messages.md.
 */

export const subscriptionView = z.object({
  template: z.enum(subscribeTemplates),
  /** WeChat's template id (the app asks consent with it); null when this server has none configured. */
  templateId: z.string().nullable(),
  /** Messages of this kind WeChat will still deliver (one per consent). */
  remaining: z.number().int(),
});

export const subscriptionsReply = z.object({ items: z.array(subscriptionView) });
export type SubscriptionsReply = z.infer<typeof subscriptionsReply>;

export const listMySubscriptions = defineRoute({
  method: 'GET',
  path: '/api/me/subscriptions',
  summary: '消息设置: for each kind of WeChat message, its template id and how many the user has consented to',
  tag: 'messages',
  auth: 'user',
  response: subscriptionsReply,
});

export const recordSubscriptions = defineRoute({
  method: 'POST',
  path: '/api/me/subscriptions',
  summary:
    'Record what requestSubscribeMessage answered: each template the user accepted allows one more message (template ids this server does not know are refused)',
  tag: 'messages',
  auth: 'user',
  errors: ['RATE_LIMITED'],
  body: z.object({
    accepted: z
      .array(z.enum(subscribeTemplates, { error: '消息类型不对，请刷新后再试' }), {
        error: '消息类型不对，请刷新后再试',
      })
      .max(3, '消息类型不对，请刷新后再试'),
  }),
  response: subscriptionsReply,
});
