import type { SubscribeTemplate } from '../../shared/enums';
import type { Tx } from '../deps';
import { deliverMessage, type NewMessage, newMessage } from './messages';
import { appendOutbox } from './outbox';
import { consentsLeft } from './subscribe';

/**
 * Telling one user something the app has to say (docs/decisions/016-subscribe-messages.md):
 * always an in-app message in the message centre, written in the caller's transaction; and,
 * when `wechat` is given, a WeChat subscribe message of that template as well, if the
 * user has a consent left. Features call this, never the message table or WeChat directly.
 */
export interface Notification extends NewMessage {
  wechat?: {
    template: SubscribeTemplate;
    /** Template fields by key, e.g. `{ thing1: '停水通知' }` (templateData in server/wechat/templates.ts builds them). */
    data: Record<string, string>;
  };
}

const HOME = '/pages/home/index';

/**
 * The key of a message's WeChat send (its outbox row and its job). Message keys are
 * unique per user only (`notice.urgent:7` reaches every member), outbox and job keys
 * everywhere, hence the user id.
 */
export const wechatKey = (userId: number, messageKey: string) => `${messageKey}:wechat:${userId}`;

/**
 * Returns the message id, or null when this key already reached the user (and then
 * nothing is sent to WeChat either: one key, one message, one WeChat send at most).
 * The WeChat part is an outbox row (`subscribe`, key wechatKey(…)) in the same
 * transaction, written only while the user has a consent left for the template; the
 * send job spends it (server/platform/subscribe.ts).
 */
export async function notifyUser(tx: Tx, n: Notification): Promise<number | null> {
  const { wechat, ...message } = n;
  const id = await deliverMessage(tx, message);
  if (id === null || !wechat) return id;
  const m = newMessage.parse(message);
  if ((await consentsLeft(tx, m.userId, wechat.template)) === 0) return id;
  await appendOutbox(tx, {
    kind: 'subscribe',
    key: wechatKey(m.userId, m.key),
    communityId: m.communityId,
    payload: { userId: m.userId, template: wechat.template, page: m.link ?? HOME, data: wechat.data },
  });
  return id;
}
