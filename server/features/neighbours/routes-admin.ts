import * as c from '../../../shared/contracts/neighbours';
import type { Mount } from '../../http/route';
import { listCardsAdmin, moveCardTag } from './admin-cards';
import { neighbourFigures } from './figures';
import { exportTalents, listTalents } from './talents';

/** The committee's side: figures, the cards as neighbours see them, hiding a tag, 能人库. */
export function registerAdminRoutes(mount: Mount) {
  mount(c.neighbourFigures, ({ params }, ctx) => neighbourFigures(ctx, params.communityId));
  mount(c.listCardsAdmin, ({ params, query }, ctx) => listCardsAdmin(ctx, params.communityId, query));
  mount(c.hideCardTag, ({ params, body }, ctx) => moveCardTag(ctx, params.communityId, params.cardId, 'hide', body));
  mount(c.restoreCardTag, ({ params, body }, ctx) =>
    moveCardTag(ctx, params.communityId, params.cardId, 'restore', body),
  );
  mount(c.listTalents, ({ params, query }, ctx) => listTalents(ctx, params.communityId, query));
  mount(c.exportTalents, ({ params }, ctx) => exportTalents(ctx, params.communityId));
}
