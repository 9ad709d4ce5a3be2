import type { z } from 'zod';
import {
  type adminCardItem,
  exportTalents,
  hideCardTag,
  listCardsAdmin,
  listTalents,
  neighbourFigures,
  restoreCardTag,
  type talentItem,
} from '../../shared/contracts/neighbours';
import { api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/**
 * 找邻居 for the committee (docs/decisions/024-neighbours.md): the figures, the listed cards as
 * neighbours see them with per-tag hide / restore, and the 能人库 with its Excel file. Calls are
 * `silent`: the pages show refusals where they happened.
 */

export type AdminCard = z.infer<typeof adminCardItem>;
export type Talent = z.infer<typeof talentItem>;

export function useNeighbourFigures(communityId: number) {
  return useResource(() => api(neighbourFigures, { params: { communityId } }, { silent: true }), [communityId]);
}

export interface CardFilter {
  tag: string | null;
  q: string;
}

export function useAdminCards(communityId: number, f: CardFilter) {
  return usePagedList(
    async (cursor: string | null) => {
      const reply = await api(
        listCardsAdmin,
        {
          params: { communityId },
          query: {
            ...(f.tag ? { tag: f.tag } : {}),
            ...(f.q.trim() ? { q: f.q.trim() } : {}),
            ...(cursor ? { cursor } : {}),
            limit: 20,
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextCursor };
    },
    [communityId, f.tag, f.q],
  );
}

const tagBody = (tag: string, reason: string) => (reason ? { tag, reason } : { tag });

/** Hides (or shows again) one tag of a card; the reply is the card as it now stands. */
export const hideTag = (communityId: number, cardId: number, tag: string, reason: string) =>
  api(hideCardTag, { params: { communityId, cardId }, body: tagBody(tag, reason) }, { silent: true });

export const restoreTag = (communityId: number, cardId: number, tag: string, reason: string) =>
  api(restoreCardTag, { params: { communityId, cardId }, body: tagBody(tag, reason) }, { silent: true });

export function useTalents(communityId: number, tag: string | null) {
  return useResource(
    () => api(listTalents, { params: { communityId }, query: tag ? { tag } : {} }, { silent: true }),
    [communityId, tag],
  );
}

export async function talentsXlsxRequest(communityId: number) {
  return { url: buildUrl(exportTalents, { communityId }), token: await fileToken(exportTalents) };
}
