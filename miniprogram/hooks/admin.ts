import { useEffect } from 'react';
import type { AuditAction } from '../../shared/audit-actions';
import {
  appointModerator,
  createCommunity,
  createDistrict,
  createStaff,
  createStreet,
  disableStaff,
  listStaff,
  resetStaffPassword,
} from '../../shared/contracts/admin';
import { type AuditEntry, listCommunityAudit, listCommunityAuditActors } from '../../shared/contracts/audit';
import { getCommittee } from '../../shared/contracts/committees';
import { listInvitations } from '../../shared/contracts/invitations';
import { getDashboard, listCommunityMemberships, type MembershipAdmin } from '../../shared/contracts/memberships';
import type { BodyOf } from '../../shared/contracts/route';
import type { MembershipStatus } from '../../shared/enums';
import { api } from '../api/client';
import { useSession } from '../api/session';
import { readStorage, storageKeys, writeStorage } from '../lib/storage';
import { createStore, useStore } from '../lib/store';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

export const ADMIN_PAGE_SIZE = 20;

/** Which committee the staff member is working on (a moderator may serve several; an admin any). */
export const adminCommunityStore = createStore<number | null>(readStorage<number>(storageKeys.adminCommunityId));

export function chooseAdminCommunity(id: number | null): void {
  writeStorage(storageKeys.adminCommunityId, id);
  adminCommunityStore.set(id);
}

export interface StaffCommunity {
  id: number;
  name: string;
  /** A moderator of the committee, or the property company's handler (物业: 小事快办 only). */
  role: 'moderator' | 'handler';
}

/** Communities the signed-in user works for (as moderator or handler), and the one chosen (or the first). */
export function useAdminCommunity(): {
  communities: StaffCommunity[];
  communityId: number | null;
  isStaff: boolean;
  isAdmin: boolean;
  /** The chosen community is one the user only handles 小事快办 for (and they are no admin). */
  isHandler: boolean;
} {
  const session = useSession();
  const chosen = useStore(adminCommunityStore);
  const me = session.me;
  const communities: StaffCommunity[] = [];
  for (const m of me?.memberships ?? [])
    if ((m.role === 'moderator' || m.role === 'handler') && m.status === 'approved')
      communities.push({ id: m.communityId, name: m.communityName, role: m.role });
  const isAdmin = me?.user.isAdmin ?? false;
  const isStaff = (me?.user.isStaff ?? false) || isAdmin || communities.length > 0;
  let communityId: number | null = null;
  if (chosen !== null && (isAdmin || communities.some((c) => c.id === chosen))) communityId = chosen;
  else if (communities.length > 0) communityId = communities[0].id;
  const isHandler = !isAdmin && communities.find((c) => c.id === communityId)?.role === 'handler';
  return { communities, communityId, isStaff, isAdmin, isHandler };
}

/** 换社区 from any admin page: the dashboard shows its picker while this is true. */
export const adminPickerStore = createStore(false);

/** Names of committees an admin picked (not among their own memberships), fetched once each. */
const communityNames = createStore<Record<number, string>>({});

/** The name of the committee being managed, for the shell's top bar. */
export function useAdminCommunityName(communityId: number | null): string | null {
  const { communities } = useAdminCommunity();
  const names = useStore(communityNames);
  const own = communities.find((c) => c.id === communityId)?.name;
  const known = own ?? (communityId !== null ? names[communityId] : undefined);
  useEffect(() => {
    if (communityId === null || known) return;
    api(getCommittee, { params: { communityId } }, { silent: true })
      .then((card) => communityNames.set((prev) => ({ ...prev, [communityId]: card.name })))
      .catch(() => undefined);
  }, [communityId, known]);
  return known ?? null;
}

export function useDashboard(communityId: number | null) {
  return useResource(
    () => api(getDashboard, { params: { communityId: communityId ?? 0 } }, { silent: true }),
    [communityId],
    communityId !== null,
  );
}

/** 审核队列 and the resident roll. */
export function useAdminMemberships(communityId: number | null, status: MembershipStatus) {
  return usePagedList<MembershipAdmin, number>(
    async (offset) => {
      const reply = await api(
        listCommunityMemberships,
        { params: { communityId: communityId ?? 0 }, query: { status, limit: ADMIN_PAGE_SIZE, offset: offset ?? 0 } },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextOffset };
    },
    [communityId, status],
    communityId !== null,
  );
}

export function useInvitations(communityId: number | null) {
  return useResource(
    async () => (await api(listInvitations, { params: { communityId: communityId ?? 0 } }, { silent: true })).items,
    [communityId],
    communityId !== null,
  );
}

export interface AuditFilter {
  action: AuditAction | null;
  actorId: number | null;
}

/** The community's staff, to filter 操作记录 by name. */
export function useAuditActors(communityId: number | null) {
  return useResource(
    async () =>
      (await api(listCommunityAuditActors, { params: { communityId: communityId ?? 0 } }, { silent: true })).items,
    [communityId],
    communityId !== null,
  );
}

export function useAuditLog(communityId: number | null, filter: AuditFilter) {
  return usePagedList<AuditEntry, number>(
    async (before) => {
      const reply = await api(
        listCommunityAudit,
        {
          params: { communityId: communityId ?? 0 },
          query: {
            action: filter.action ?? undefined,
            actorId: filter.actorId ?? undefined,
            before: before ?? undefined,
            limit: ADMIN_PAGE_SIZE,
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, filter.action, filter.actorId],
    communityId !== null,
  );
}

/* ---------- 街镇管理 (platform admin): districts, streets, committees, staff accounts ---------- */

/** Staff accounts (username sign-in) and the communities each one moderates. */
export function useStaffAccounts(enabled = true) {
  return useResource(async () => (await api(listStaff, undefined, { silent: true })).items, [], enabled);
}

// The actions below let the api client toast the server's message on failure (e.g. 已经有同名的区了).

export function addDistrict(body: BodyOf<typeof createDistrict>) {
  return api(createDistrict, { body });
}

export function addStreet(body: BodyOf<typeof createStreet>) {
  return api(createStreet, { body });
}

export function addCommunity(body: BodyOf<typeof createCommunity>) {
  return api(createCommunity, { body });
}

/** Silent: the form shows a taken username next to the field. */
export function addStaff(body: BodyOf<typeof createStaff>) {
  return api(createStaff, { body }, { silent: true });
}

/** Moderator (the default, sent as before) or the property company's handler. */
export function appointStaff(communityId: number, userId: number, role: 'moderator' | 'handler' = 'moderator') {
  return api(appointModerator, { params: { communityId }, body: role === 'handler' ? { userId, role } : { userId } });
}

export function disableStaffAccount(userId: number) {
  return api(disableStaff, { params: { userId } });
}

export function setStaffPassword(userId: number, password: string) {
  return api(resetStaffPassword, { params: { userId }, body: { password } });
}
