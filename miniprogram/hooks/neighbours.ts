import type { z } from 'zod';
import {
  acceptContact,
  blockContactOwner,
  blockNeighbour,
  type CardInput,
  type ContactListItem,
  type DirectoryCard,
  declineContact,
  getContact,
  getMyCard,
  getNeighbourCard,
  listBlocks,
  listContacts,
  listNeighbours,
  myConsents,
  NEIGHBOUR_PAGE_MAX,
  neighbourFacets,
  removeMyCard,
  requestContact,
  saveMyCard,
  sendMessage,
  shareContact,
  type sharedContact,
  unblockNeighbour,
  withdrawContact,
} from '../../shared/contracts/neighbours';
import { exportMyDataXlsx } from '../../shared/contracts/privacy';
import { type ApiReply, api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/** 找邻居 for residents, on shared/contracts/neighbours.ts (docs/decisions/024-neighbours.md). */

export type { CardInput, ContactListItem, DirectoryCard };
export type Facets = ApiReply<typeof neighbourFacets>;
export type ContactThread = ApiReply<typeof getContact>;
export type SharedContact = z.infer<typeof sharedContact>;
export type ContactsBox = 'requests' | 'threads';

export interface DirectoryFilter {
  tag: string | null;
  buildingId: number | null;
  q: string;
}

export function useNeighbourFacets(communityId: number | null, enabled: boolean) {
  return useResource(
    () => api(neighbourFacets, { params: { communityId: communityId as number } }, { silent: true }),
    [communityId],
    enabled && communityId !== null,
  );
}

/**
 * The directory, keyset pages of at most 20. `onPage` hears each page's remainingToday (the
 * daily ceiling); a DIRECTORY_LIMIT refusal comes back as the list's error.
 */
export function useDirectory(
  communityId: number | null,
  filter: DirectoryFilter,
  enabled: boolean,
  onPage: (remainingToday: number) => void,
) {
  return usePagedList<DirectoryCard, string>(
    async (cursor) => {
      const reply = await api(
        listNeighbours,
        {
          params: { communityId: communityId as number },
          query: {
            limit: NEIGHBOUR_PAGE_MAX,
            ...(filter.tag ? { tag: filter.tag } : {}),
            ...(filter.buildingId ? { buildingId: filter.buildingId } : {}),
            ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
        { silent: true },
      );
      onPage(reply.remainingToday);
      return { items: reply.items, next: reply.nextCursor };
    },
    [communityId, filter.tag, filter.buildingId, filter.q],
    enabled && communityId !== null,
  );
}

export function useNeighbourCard(communityId: number | null, cardId: number | null, enabled: boolean) {
  return useResource(
    () =>
      api(
        getNeighbourCard,
        { params: { communityId: communityId as number, cardId: cardId as number } },
        { silent: true },
      ),
    [communityId, cardId],
    enabled && communityId !== null && cardId !== null,
  );
}

export function useMyNeighbourCard(communityId: number | null, enabled: boolean) {
  return useResource(
    () => api(getMyCard, { params: { communityId: communityId as number } }, { silent: true }),
    [communityId],
    enabled && communityId !== null,
  );
}

export function useContacts(communityId: number | null, box: ContactsBox, enabled: boolean) {
  return usePagedList<ContactListItem, string>(
    async (cursor) => {
      const reply = await api(
        listContacts,
        { params: { communityId: communityId as number }, query: { box, ...(cursor ? { cursor } : {}) } },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextCursor };
    },
    [communityId, box],
    enabled && communityId !== null,
  );
}

/** How many requests wait for the caller's answer (我的 page's badge); null while unknown. */
export function useContactsToAnswer(communityId: number | null, enabled: boolean) {
  return useResource(
    async () =>
      (
        await api(
          listContacts,
          { params: { communityId: communityId as number }, query: { box: 'requests', limit: 1 } },
          { silent: true },
        )
      ).toAnswer,
    [communityId],
    enabled && communityId !== null,
  );
}

export function useThread(communityId: number | null, contactId: number | null, enabled: boolean) {
  return useResource(
    () =>
      api(
        getContact,
        { params: { communityId: communityId as number, contactId: contactId as number } },
        { silent: true },
      ),
    [communityId, contactId],
    enabled && communityId !== null && contactId !== null,
  );
}

export function useBlocks(communityId: number | null, enabled: boolean) {
  return useResource(
    () => api(listBlocks, { params: { communityId: communityId as number } }, { silent: true }),
    [communityId],
    enabled && communityId !== null,
  );
}

export function useMyConsents() {
  return useResource(() => api(myConsents, undefined, { silent: true }), []);
}

type ContactKey = { communityId: number; contactId: number };
const cp = (k: ContactKey) => ({ params: { communityId: k.communityId, contactId: k.contactId } });
type CardKey = { communityId: number; cardId: number };
const kp = (k: CardKey) => ({ params: { communityId: k.communityId, cardId: k.cardId } });

// Mutations: silent, so that useSubmit shows the refusal next to its field or in the form.
export const neighbours = {
  save: (communityId: number, body: CardInput) => api(saveMyCard, { params: { communityId }, body }, { silent: true }),
  remove: (communityId: number) => api(removeMyCard, { params: { communityId } }, { silent: true }),
  request: (k: CardKey, message: string) => api(requestContact, { ...kp(k), body: { message } }, { silent: true }),
  block: (k: CardKey) => api(blockNeighbour, kp(k), { silent: true }),
  blockContact: (k: ContactKey) => api(blockContactOwner, cp(k), { silent: true }),
  unblock: (communityId: number, blockId: number) =>
    api(unblockNeighbour, { params: { communityId, blockId } }, { silent: true }),
  accept: (k: ContactKey) => api(acceptContact, cp(k), { silent: true }),
  decline: (k: ContactKey) => api(declineContact, cp(k), { silent: true }),
  withdraw: (k: ContactKey) => api(withdrawContact, cp(k), { silent: true }),
  send: (k: ContactKey, body: string, photoIds: number[]) =>
    api(sendMessage, { ...cp(k), body: { body, photoIds } }, { silent: true }),
  older: (k: ContactKey, before: number) => api(getContact, { ...cp(k), query: { before } }, { silent: true }),
  share: (k: ContactKey, share: SharedContact, consentVersion: string) =>
    api(shareContact, { ...cp(k), body: { ...share, consentVersion } }, { silent: true }),
};

/** The Excel copy of the caller's data (GET /api/me/data.xlsx), for downloadXlsx. */
export async function myDataXlsxRequest() {
  return { url: buildUrl(exportMyDataXlsx), token: await fileToken(exportMyDataXlsx) };
}
