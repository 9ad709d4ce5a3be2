import { z } from 'zod';
import { idSchema, isoDateTime, pageLimit } from './common';
import { defineRoute } from './route';

/** One in-app message as its recipient sees it. */
export const messageView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A mini-program path to open when tapped, if any. */
  link: z.string().nullable(),
  communityId: z.number().int().nullable(),
  createdAt: isoDateTime,
  read: z.boolean(),
});
export type MessageView = z.infer<typeof messageView>;

export const listMyMessages = defineRoute({
  method: 'GET',
  path: '/api/me/messages',
  summary: "The caller's in-app messages, newest first",
  tag: 'messages',
  auth: 'user',
  query: z.object({
    /** Keyset cursor: messages with a smaller id. */
    before: idSchema.optional(),
    limit: pageLimit(50, 20),
  }),
  response: z.object({ items: z.array(messageView), nextBefore: z.number().int().nullable() }),
});

export const unreadMessageCount = z.object({ unread: z.number().int() });
export type UnreadMessageCount = z.infer<typeof unreadMessageCount>;

export const countUnreadMessages = defineRoute({
  method: 'GET',
  path: '/api/me/messages/unread',
  summary: "How many of the caller's messages are unread",
  tag: 'messages',
  auth: 'user',
  response: unreadMessageCount,
});

export const markMessageRead = defineRoute({
  method: 'POST',
  path: '/api/me/messages/:messageId/read',
  summary: 'Mark one of the caller’s messages read (another user’s is not found)',
  tag: 'messages',
  auth: 'user',
  params: z.object({ messageId: idSchema }),
  errors: ['NOT_FOUND'],
  response: messageView,
});

export const markAllMessagesRead = defineRoute({
  method: 'POST',
  path: '/api/me/messages/read-all',
  summary: 'Mark every message of the caller read',
  tag: 'messages',
  auth: 'user',
  response: z.object({ marked: z.number().int() }),
});
