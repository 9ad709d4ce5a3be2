import { type CommitteeSummary, getCommittee, listCommittees, listDistricts } from '../../shared/contracts/committees';
import { listBuildings } from '../../shared/contracts/households';
import { api } from '../api/client';
import type { LatLng } from '../lib/location';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

export const COMMITTEES_PAGE_SIZE = 20;

export interface CommitteeFilter {
  q: string;
  streetId: number | null;
  /** Nearest first when known; without it the server orders by district and street. */
  position: LatLng | null;
}

/** 找居委: committees by name or street, nearest first when the position is known. */
export function useCommittees(filter: CommitteeFilter, enabled = true) {
  const { q, streetId, position } = filter;
  return usePagedList<CommitteeSummary, number>(
    async (offset) => {
      const reply = await api(
        listCommittees,
        {
          query: {
            q: q.trim() || undefined,
            streetId: streetId ?? undefined,
            lat: position?.lat,
            lng: position?.lng,
            limit: COMMITTEES_PAGE_SIZE,
            offset: offset ?? 0,
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextOffset };
    },
    [q, streetId, position?.lat, position?.lng],
    enabled,
  );
}

export function useDistricts(enabled = true) {
  return useResource(async () => (await api(listDistricts, undefined, { silent: true })).items, [], enabled);
}

export function useCommitteeCard(communityId: number | null, position: LatLng | null = null) {
  return useResource(
    () =>
      api(
        getCommittee,
        { params: { communityId: communityId ?? 0 }, query: { lat: position?.lat, lng: position?.lng } },
        { silent: true },
      ),
    [communityId, position?.lat, position?.lng],
    communityId !== null,
  );
}

export function useBuildings(communityId: number | null) {
  return useResource(
    async () => (await api(listBuildings, { params: { communityId: communityId ?? 0 } }, { silent: true })).items,
    [communityId],
    communityId !== null,
  );
}

export { loadHouseholds, roomsOf, unitsOf, useHouseholds } from './households';
