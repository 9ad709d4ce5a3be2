import * as c from '../../../shared/contracts/neighbours';
import type { Mount } from '../../http/route';
import * as blocks from './blocks';
import * as contacts from './contacts';
import { sendMessage } from './messages';
import { shareContact } from './shares';
import { getContact } from './threads';
// Registers the neighbour_message content subject (reports and image verdicts act through it).
import './message-subject';

export function registerContactRoutes(mount: Mount) {
  mount(c.requestContact, ({ params, body }, ctx) =>
    contacts.requestContact(ctx, params.communityId, params.cardId, body.message),
  );
  mount(c.listContacts, ({ params, query }, ctx) => contacts.listContacts(ctx, params.communityId, query));
  mount(c.getContact, ({ params, query }, ctx) => getContact(ctx, params.communityId, params.contactId, query));
  mount(c.acceptContact, ({ params }, ctx) =>
    contacts.moveContact(ctx, params.communityId, params.contactId, 'accept'),
  );
  mount(c.declineContact, ({ params }, ctx) =>
    contacts.moveContact(ctx, params.communityId, params.contactId, 'decline'),
  );
  mount(c.withdrawContact, ({ params }, ctx) =>
    contacts.moveContact(ctx, params.communityId, params.contactId, 'withdraw'),
  );
  mount(c.shareContact, ({ params, body }, ctx) => shareContact(ctx, params.communityId, params.contactId, body));
  mount(c.sendMessage, ({ params, body }, ctx) => sendMessage(ctx, params.communityId, params.contactId, body));
  mount(c.blockNeighbour, ({ params }, ctx) => blocks.blockNeighbour(ctx, params.communityId, params.cardId));
  mount(c.blockContactOwner, ({ params }, ctx) => blocks.blockContactOwner(ctx, params.communityId, params.contactId));
  mount(c.listBlocks, ({ params }, ctx) => blocks.listBlocks(ctx, params.communityId));
  mount(c.unblockNeighbour, ({ params }, ctx) => blocks.unblockNeighbour(ctx, params.communityId, params.blockId));
}
