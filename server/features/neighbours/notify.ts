import type { Tx } from '../../deps';
import { notifyUser } from '../../platform/notify';

/*
 * 找邻居's messages in the message centre (server/platform/notify.ts). A request and an acceptance
 * are told once per contact; new messages at most once per contact per hour. A decline, a block or
 * a departure is told to nobody (docs/decisions/024-neighbours.md).
 */

export const contactsPath = (communityId: number, box: 'requests' | 'threads') =>
  `/packages/neighbours/contacts/index?communityId=${communityId}&box=${box}`;

export const threadPath = (communityId: number, contactId: number) =>
  `/packages/neighbours/thread/index?id=${contactId}&communityId=${communityId}`;

const HOUR_MS = 3_600_000;

export async function notifyRequest(tx: Tx, c: { id: number; communityId: number; addresseeId: number }) {
  await notifyUser(tx, {
    userId: c.addresseeId,
    communityId: c.communityId,
    kind: 'neighbour.request',
    title: '有邻居想联系您',
    body: '打开“找邻居”，看看对方想请您帮什么忙，再决定同意还是婉拒。',
    link: contactsPath(c.communityId, 'requests'),
    key: `neighbour.request:${c.id}`,
  });
}

export async function notifyAccepted(tx: Tx, c: { id: number; communityId: number; requesterId: number }) {
  await notifyUser(tx, {
    userId: c.requesterId,
    communityId: c.communityId,
    kind: 'neighbour.accepted',
    title: '邻居同意了您的请求',
    body: '现在可以在“找邻居”里和这位邻居聊天了。',
    link: threadPath(c.communityId, c.id),
    key: `neighbour.accepted:${c.id}`,
  });
}

/** At most one message per contact and hour (the key names the hour). */
export async function notifyNewMessage(tx: Tx, c: { id: number; communityId: number }, toUserId: number, now: Date) {
  await notifyUser(tx, {
    userId: toUserId,
    communityId: c.communityId,
    kind: 'neighbour.message',
    title: '邻居给您发了新消息',
    body: '打开“找邻居”看看吧。',
    link: threadPath(c.communityId, c.id),
    key: `neighbour.message:${c.id}:${Math.floor(now.getTime() / HOUR_MS)}`,
  });
}
