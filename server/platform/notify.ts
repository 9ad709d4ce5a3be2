import type { SubscribeTemplate } from '../../shared/enums';
import type { Tx } from '../deps';
import { deliverMessage, type NewMessage } from './messages';

/**
 * Telling one user something the app has to say (docs/decisions/016-subscribe-messages.md):
 * always an in-app message in the message centre, written in the caller's transaction; and,
 * when `wechat` is given, a WeChat subscribe message of that template as well, if the
 * user has a consent left. Features call this, never the message table or WeChat directly.
 */
export interface Notification extends NewMessage {
  wechat?: {
    template: SubscribeTemplate;
    /** Template fields by key, e.g. `{ thing1: '停水通知' }`, already cut to WeChat's limits. */
    data: Record<string, string>;
  };
}

/** Returns the message id, or null when this key already reached the user. */
export async function notifyUser(tx: Tx, n: Notification): Promise<number | null> {
  const { wechat: _wechat, ...message } = n;
  // The WeChat part is added with the subscribe-message service (issue 8).
  return deliverMessage(tx, message);
}
