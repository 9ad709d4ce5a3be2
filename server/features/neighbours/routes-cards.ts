import * as c from '../../../shared/contracts/neighbours';
import type { Mount } from '../../http/route';
import * as cards from './cards';
import * as consents from './consents';
import * as directory from './directory';

/** My card, the directory, one card, the facets and the consent log (docs/decisions/024-neighbours.md). */
export function registerCardRoutes(mount: Mount) {
  mount(c.getMyCard, ({ params }, ctx) => cards.getMyCard(ctx, params.communityId));
  mount(c.saveMyCard, ({ params, body }, ctx) => cards.saveMyCard(ctx, params.communityId, body));
  mount(c.removeMyCard, ({ params }, ctx) => cards.removeMyCard(ctx, params.communityId));
  mount(c.listNeighbours, ({ params, query }, ctx) => directory.listNeighbours(ctx, params.communityId, query));
  mount(c.neighbourFacets, ({ params }, ctx) => directory.neighbourFacets(ctx, params.communityId));
  mount(c.getNeighbourCard, ({ params }, ctx) => directory.getNeighbourCard(ctx, params.communityId, params.cardId));
  mount(c.myConsents, (_req, ctx) => consents.myConsents(ctx));
}
