import type { HouseholdView } from '../../shared/contracts/common';
import { listHouseholds } from '../../shared/contracts/households';
import { naturalCompare } from '../../shared/domain/natural-order';
import { api } from '../api/client';
import { useResource } from './useResource';

export function loadHouseholds(communityId: number, buildingId: number): Promise<HouseholdView[]> {
  return api(listHouseholds, { params: { communityId, buildingId } }, { silent: true }).then((r) => r.items);
}

export function useHouseholds(communityId: number | null, buildingId: number | null) {
  return useResource(
    () => loadHouseholds(communityId ?? 0, buildingId ?? 0),
    [communityId, buildingId],
    communityId !== null && buildingId !== null,
  );
}

/** Units of a building in a natural order ("2" before "10"), and the rooms of one unit. */
export function unitsOf(households: HouseholdView[]): string[] {
  const units = [...new Set(households.map((h) => h.unit))];
  return units.sort(naturalCompare);
}

export function roomsOf(households: HouseholdView[], unit: string): HouseholdView[] {
  return households.filter((h) => h.unit === unit).sort((a, b) => naturalCompare(a.room, b.room));
}
