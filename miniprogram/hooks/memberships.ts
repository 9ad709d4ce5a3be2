import type { MyMembership } from '../../shared/contracts/common';
import {
  joinCommunity,
  leaveMembership,
  listMyMemberships,
  redeemInvitation,
} from '../../shared/contracts/memberships';
import { api } from '../api/client';
import { updateMemberships } from '../api/session';
import { useResource } from './useResource';

/** The signed-in user's memberships in every community (我的). */
export function useMemberships(enabled = true) {
  return useResource(
    async () => {
      const items = (await api(listMyMemberships, undefined, { silent: true })).items;
      updateMemberships(() => items);
      return items;
    },
    [],
    enabled,
  );
}

/** The membership that matters for one community: an active one, else the latest decision. */
export function membershipFor(items: MyMembership[], communityId: number): MyMembership | null {
  const mine = items.filter((m) => m.communityId === communityId);
  const active = mine.find((m) => m.status === 'pending' || m.status === 'approved');
  if (active) return active;
  return [...mine].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
}

function replace(items: MyMembership[], next: MyMembership): MyMembership[] {
  return [next, ...items.filter((m) => m.id !== next.id)];
}

export async function submitJoin(
  communityId: number,
  body: { householdId: number; realName: string; phone: string | null },
): Promise<MyMembership> {
  const membership = await api(joinCommunity, { params: { communityId }, body });
  updateMemberships((items) => replace(items, membership));
  return membership;
}

export async function redeemCode(body: {
  code: string;
  realName: string;
  phone: string | null;
}): Promise<MyMembership> {
  const membership = await api(redeemInvitation, { body });
  updateMemberships((items) => replace(items, membership));
  return membership;
}

export async function leave(membershipId: number): Promise<MyMembership> {
  const membership = await api(leaveMembership, { params: { membershipId } });
  updateMemberships((items) => replace(items, membership));
  return membership;
}
