import Taro from '@tarojs/taro';
import {
  listMySubscriptions,
  recordSubscriptions,
  type SubscriptionsReply,
} from '../../shared/contracts/subscriptions';
import type { SubscribeTemplate } from '../../shared/enums';
import { api } from '../api/client';
import { isWeapp } from './env';

/**
 * WeChat subscribe messages (订阅消息). WeChat shows its consent sheet only in answer to a tap,
 * so the template ids are fetched beforehand (`loadSubscriptions`) and the sheet is asked for
 * straight from a tap or from a dialog's button (`askConsent`), never after a network wait.
 * Nothing here ever blocks what the user was doing: every failure is swallowed.
 */

/** The user's subscriptions with WeChat's template ids; null in H5, signed out, or on failure. */
export async function loadSubscriptions(): Promise<SubscriptionsReply | null> {
  if (!isWeapp) return null;
  try {
    return await api(listMySubscriptions, undefined, { silent: true });
  } catch {
    return null;
  }
}

/** The template id of one kind, when this server has one configured. */
export function templateIdOf(subs: SubscriptionsReply | null, template: SubscribeTemplate): string | null {
  return subs?.items.find((s) => s.template === template)?.templateId ?? null;
}

/**
 * Shows WeChat's consent sheet for the given kinds and records the accepted ones. Call it from a
 * tap. Resolves to the server's new counts, or null when nothing was asked or recorded.
 */
export async function askConsent(
  subs: SubscriptionsReply | null,
  templates: SubscribeTemplate[],
): Promise<SubscriptionsReply | null> {
  if (!isWeapp || !subs) return null;
  const wanted = subs.items.filter((s) => templates.includes(s.template) && s.templateId);
  if (wanted.length === 0) return null;
  try {
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds: wanted.map((s) => s.templateId as string),
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const accepted = wanted.filter((s) => answer[s.templateId as string] === 'accept').map((s) => s.template);
    if (accepted.length === 0) return null;
    return await api(recordSubscriptions, { body: { accepted } }, { silent: true });
  } catch {
    return null;
  }
}

/**
 * After something was done (signed up, applied): offer a reminder in a dialog, whose button is the
 * tap WeChat wants before its sheet. Only in WeChat, only when the server has the template.
 */
export async function offerReminder(
  subs: SubscriptionsReply | null,
  template: SubscribeTemplate,
  dialog: { title: string; content: string },
): Promise<void> {
  if (!isWeapp || !templateIdOf(subs, template)) return;
  try {
    const { confirm } = await Taro.showModal({ ...dialog, confirmText: '要提醒', cancelText: '不用了' });
    if (confirm) await askConsent(subs, [template]);
  } catch {
    // a reminder is a nicety: never in the way
  }
}
