import { z } from 'zod';
import {
  createBuilding,
  createHousehold,
  householdTemplate,
  importHouseholds,
  listBuildings,
  listHouseholdsAdmin,
  mergeBuilding,
  mergeClashSchema,
  removeBuilding,
  removeHousehold,
  renameBuilding,
  restoreHousehold,
  updateHousehold,
} from '../../shared/contracts/households';
import type { BodyOf } from '../../shared/contracts/route';
import { ApiError, api, apiUpload, buildUrl, fileToken } from '../api/client';
import { useResource } from './useResource';

/**
 * 楼栋房屋 for the committee: buildings, their rooms (retired ones included), and the changes.
 * Actions let the api client toast the server's message, except where the page shows more.
 */

export function useAdminBuildings(communityId: number) {
  return useResource(
    async () => (await api(listBuildings, { params: { communityId } }, { silent: true })).items,
    [communityId],
  );
}

/** Rooms of one building, retired ones included (the contract does not page: a building has hundreds at most). */
export function useBuildingRooms(communityId: number, buildingId: number) {
  return useResource(
    async () =>
      (await api(listHouseholdsAdmin, { params: { communityId }, query: { buildingId } }, { silent: true })).items,
    [communityId, buildingId],
  );
}

/** Every retired room of the community (with those of retired buildings, which the building list leaves out). */
export function useRetiredRooms(communityId: number, enabled: boolean) {
  return useResource(
    async () =>
      (await api(listHouseholdsAdmin, { params: { communityId } }, { silent: true })).items.filter(
        (h) => h.retiredAt !== null,
      ),
    [communityId],
    enabled,
  );
}

export const addBuilding = (communityId: number, name: string) =>
  api(createBuilding, { params: { communityId }, body: { name } });

export const renameBuildingTo = (communityId: number, buildingId: number, name: string) =>
  api(renameBuilding, { params: { communityId, buildingId }, body: { name } });

export const retireBuilding = (communityId: number, buildingId: number) =>
  api(removeBuilding, { params: { communityId, buildingId } });

export type MergeClash = z.infer<typeof mergeClashSchema>;

/** Merges; a clash (both buildings have the same rooms) comes back as the list of rooms, not a toast. */
export async function mergeBuildingInto(
  communityId: number,
  buildingId: number,
  intoBuildingId: number,
): Promise<{ ok: true; moved: number } | { ok: false; clashes: MergeClash[] }> {
  try {
    const reply = await api(
      mergeBuilding,
      { params: { communityId, buildingId }, body: { intoBuildingId } },
      { silent: true },
    );
    return { ok: true, moved: reply.moved };
  } catch (error) {
    const clashes = z.array(mergeClashSchema).safeParse(error instanceof ApiError ? error.details : null);
    if (clashes.success && clashes.data.length > 0) return { ok: false, clashes: clashes.data };
    throw error;
  }
}

export const addRoom = (communityId: number, body: BodyOf<typeof createHousehold>) =>
  api(createHousehold, { params: { communityId }, body });

export const editRoom = (communityId: number, householdId: number, body: BodyOf<typeof updateHousehold>) =>
  api(updateHousehold, { params: { communityId, householdId }, body });

export const retireRoom = (communityId: number, householdId: number) =>
  api(removeHousehold, { params: { communityId, householdId } });

export const restoreRoom = (communityId: number, householdId: number) =>
  api(restoreHousehold, { params: { communityId, householdId } });

/** 导入住户名单: `preview` changes nothing; `commit` applies the same file. */
export const uploadRoster = (communityId: number, step: 'preview' | 'commit', file: ArrayBuffer) =>
  apiUpload(importHouseholds, { params: { communityId }, query: { step } }, file);

/** Where the xlsx template is, and the token its download needs. */
export async function rosterTemplateRequest(communityId: number) {
  return {
    url: buildUrl(householdTemplate, { communityId }),
    token: await fileToken(householdTemplate),
  };
}
