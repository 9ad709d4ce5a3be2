import { officialReply } from '../../shared/contracts/board';
import {
  exportMatters,
  getMatter,
  listMatters,
  type MatterItem,
  matterStats,
  moveMatter,
  reassignMatter,
} from '../../shared/contracts/matters';
import type { MatterCategory, MatterRoute } from '../../shared/enums';
import { api, buildUrl, fileToken } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

/** The board's columns (tabs on a phone): 已受理 / 处理中 / 已办结 / 已解决. */
export const matterTabs = [
  { status: 'accepted', label: '已受理' },
  { status: 'in_progress', label: '处理中' },
  { status: 'done', label: '已办结' },
  { status: 'resolved', label: '已解决' },
] as const;
export type MatterTab = (typeof matterTabs)[number]['status'];

export interface MatterFilter {
  status: MatterTab;
  matterCategory: MatterCategory | null;
  route: MatterRoute | null;
}

export function useMatterList(communityId: number, f: MatterFilter) {
  return usePagedList<MatterItem, number>(
    async (before) => {
      const reply = await api(
        listMatters,
        {
          params: { communityId },
          query: {
            status: f.status,
            ...(f.matterCategory ? { matterCategory: f.matterCategory } : {}),
            ...(f.route ? { route: f.route } : {}),
            ...(before ? { before } : {}),
            limit: 20,
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextBefore };
    },
    [communityId, f.status, f.matterCategory, f.route],
  );
}

export function useMatter(communityId: number, id: number) {
  return useResource(
    () => api(getMatter, { params: { communityId, postId: id } }, { silent: true }),
    [communityId, id],
  );
}

export const moveMatterTo = (communityId: number, id: number, to: 'in_progress' | 'done', note?: string) =>
  api(moveMatter, { params: { communityId, postId: id }, body: note ? { to, note } : { to } }, { silent: true });

export const reassign = (communityId: number, id: number, route: MatterRoute, note: string) =>
  api(reassignMatter, { params: { communityId, postId: id }, body: { route, note } }, { silent: true });

/** 居委回复 / 物业回复 (the board's route: pinned on top of the resident's comments). */
export const replyOfficially = (communityId: number, id: number, body: string) =>
  api(officialReply, { params: { communityId, postId: id }, body: { body } }, { silent: true });

export function useMatterStats(communityId: number, months: number) {
  return useResource(
    () => api(matterStats, { params: { communityId }, query: { months } }, { silent: true }),
    [communityId, months],
  );
}

export async function mattersXlsxRequest(communityId: number) {
  return { url: buildUrl(exportMatters, { communityId }), token: await fileToken(exportMatters) };
}
