import Taro from '@tarojs/taro';
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
  // Silent: the form shows a refusal next to its field.
  const membership = await api(joinCommunity, { params: { communityId }, body }, { silent: true });
  updateMemberships((items) => replace(items, membership));
  return membership;
}

export async function redeemCode(body: {
  code: string;
  realName: string;
  phone: string | null;
}): Promise<MyMembership> {
  const membership = await api(redeemInvitation, { body }, { silent: true });
  updateMemberships((items) => replace(items, membership));
  return membership;
}

export async function leave(membershipId: number): Promise<MyMembership> {
  const membership = await api(leaveMembership, { params: { membershipId } });
  updateMemberships((items) => replace(items, membership));
  return membership;
}

/**
 * 撤回申请 behind a confirm dialog that says what happens, then a toast saying it was done.
 * Resolves to the withdrawn membership, or null when the user changed their mind or it failed.
 */
export async function withdrawApplication(m: MyMembership): Promise<MyMembership | null> {
  const { confirm } = await Taro.showModal({
    title: '撤回申请',
    content: `撤回后，「${m.communityName}」的工作人员就不会再审核这份申请。以后想加入，需要重新填写申请。`,
    confirmText: '确定撤回',
    cancelText: '再想想',
  });
  if (!confirm) return null;
  try {
    const next = await leave(m.id);
    void Taro.showToast({ title: '已撤回申请', icon: 'none' });
    return next;
  } catch {
    return null; // the api client showed the server's message
  }
}

/** What a resident should see first: a pending application; without any community, the latest rejection. */
export function standing(items: MyMembership[]): MyMembership | null {
  const pending = items.find((m) => m.status === 'pending');
  if (pending) return pending;
  if (items.some((m) => m.status === 'approved')) return null;
  const rejected = items.filter((m) => m.status === 'rejected').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return rejected[0] ?? null;
}
