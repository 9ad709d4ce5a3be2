import * as c from '../../../shared/contracts/messages';
import type { Mount } from '../../http/route';
import * as messages from './service';

export function register(mount: Mount) {
  mount(c.listMyMessages, ({ query }, ctx) => messages.listMine(ctx, query));
  mount(c.countUnreadMessages, (_, ctx) => messages.countUnread(ctx));
  mount(c.markAllMessagesRead, (_, ctx) => messages.markAllRead(ctx));
  mount(c.markMessageRead, ({ params }, ctx) => messages.markRead(ctx, params.messageId));
}
