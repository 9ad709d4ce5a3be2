import {
  countUnreadMessages,
  listMyMessages,
  type MessageView,
  markAllMessagesRead,
  markMessageRead,
} from '../../shared/contracts/messages';
import { api } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

export const MESSAGE_PAGE_SIZE = 20;

/** 消息: the signed-in user's messages, newest first, by keyset pages. */
export function useMessages() {
  return usePagedList<MessageView, number>(async (before) => {
    const reply = await api(
      listMyMessages,
      { query: { limit: MESSAGE_PAGE_SIZE, ...(before ? { before } : {}) } },
      { silent: true },
    );
    return { items: reply.items, next: reply.nextBefore };
  }, []);
}

/** How many messages wait unread (home and 我的 show it); quiet when it fails. */
export function useUnreadMessages(enabled: boolean) {
  return useResource(async () => (await api(countUnreadMessages, undefined, { silent: true })).unread, [], enabled);
}

export async function readMessage(id: number): Promise<MessageView> {
  return api(markMessageRead, { params: { messageId: id } }, { silent: true });
}

export async function readAllMessages(): Promise<number> {
  return (await api(markAllMessagesRead)).marked;
}
