import type { z } from 'zod';
import {
  addPlusOne,
  type CommentView,
  createComment,
  createPost,
  deletePost,
  editPost,
  getPost,
  listComments,
  listPosts,
  officialReply,
  type PostDetail,
  type PostInput,
  type postListItem,
  ratePost,
  removePlusOne,
  reopenPost,
  resolvePost,
} from '../../shared/contracts/board';
import type { MatterCategory, PostCategory, PostKind } from '../../shared/enums';
import { api } from '../api/client';
import { usePagedList } from './usePagedList';
import { useResource } from './useResource';

export type PostListItem = z.infer<typeof postListItem>;
export type { CommentView, PostDetail };

export const BOARD_PAGE_SIZE = 20;
export const COMMENT_PAGE_SIZE = 50;

/** What the board shows: one chip (a category, or 小事快办), 只看居委回复, order, words, or only mine. */
export interface BoardFilter {
  kind: PostKind | null;
  category: PostCategory | null;
  matterCategory?: MatterCategory | null;
  official: boolean;
  sort: 'newest' | 'activity';
  q: string;
  mine: boolean;
}

/** The board of one community by keyset pages; a new filter starts again from page one. */
export function useBoardPosts(communityId: number | null, filter: BoardFilter, enabled = true) {
  return usePagedList<PostListItem, string>(
    async (cursor) => {
      const reply = await api(
        listPosts,
        {
          params: { communityId: communityId as number },
          query: {
            limit: BOARD_PAGE_SIZE,
            sort: filter.sort,
            ...(filter.kind ? { kind: filter.kind } : {}),
            ...(filter.category ? { category: filter.category } : {}),
            ...(filter.matterCategory ? { matterCategory: filter.matterCategory } : {}),
            ...(filter.official ? { official: 'true' as const } : {}),
            ...(filter.mine ? { mine: 'true' as const } : {}),
            ...(filter.q ? { q: filter.q } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
        { silent: true },
      );
      return { items: reply.items, next: reply.nextCursor };
    },
    [
      communityId,
      filter.kind,
      filter.category,
      filter.matterCategory,
      filter.official,
      filter.sort,
      filter.q,
      filter.mine,
    ],
    enabled && communityId !== null,
  );
}

/** One post; silent: the page says 没有找到 / 加入后可查看 itself. */
export function useBoardPost(communityId: number | null, postId: number | null, signedIn: boolean) {
  return useResource(
    () => api(getPost, { params: { communityId: communityId as number, postId: postId as number } }, { silent: true }),
    [communityId, postId, signedIn],
    communityId !== null && postId !== null && signedIn,
  );
}

/**
 * A post's comments, oldest first, by pages. The official replies (居委回复, isOfficial) come apart
 * with the first page; they lead the one list here and the page shows them on top, marked.
 */
export function useComments(communityId: number | null, postId: number | null, enabled: boolean) {
  return usePagedList<CommentView, string>(
    async (cursor) => {
      const reply = await api(
        listComments,
        {
          params: { communityId: communityId as number, postId: postId as number },
          query: { limit: COMMENT_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        },
        { silent: true },
      );
      return { items: [...reply.official, ...reply.items], next: reply.nextCursor };
    },
    [communityId, postId],
    enabled && communityId !== null && postId !== null,
  );
}

type PostKey = { communityId: number; postId: number };
const params = (k: PostKey) => ({ params: { communityId: k.communityId, postId: k.postId } });

// Mutations: silent, so that useSubmit places the refusal next to its field or in the form.
export const board = {
  create: (communityId: number, body: PostInput) =>
    api(createPost, { params: { communityId }, body }, { silent: true }),
  edit: (k: PostKey, body: string) => api(editPost, { ...params(k), body: { body } }, { silent: true }),
  remove: (k: PostKey) => api(deletePost, params(k), { silent: true }),
  plusOne: (k: PostKey, on: boolean) => api(on ? addPlusOne : removePlusOne, params(k), { silent: true }),
  resolve: (k: PostKey) => api(resolvePost, params(k), { silent: true }),
  reopen: (k: PostKey, reason: string) => api(reopenPost, { ...params(k), body: { reason } }, { silent: true }),
  rate: (k: PostKey, stars: number, comment: string) =>
    api(ratePost, { ...params(k), body: { stars, ...(comment ? { comment } : {}) } }, { silent: true }),
  comment: (k: PostKey, body: string) => api(createComment, { ...params(k), body: { body } }, { silent: true }),
  officialReply: (k: PostKey, body: string) => api(officialReply, { ...params(k), body: { body } }, { silent: true }),
};
