import {
  addCommunityWords,
  addPlatformWords,
  listCommunityWords,
  listPlatformWords,
  removeCommunityWord,
  removePlatformWord,
  type ScreeningWordView,
} from '../../shared/contracts/screening';
import { api } from '../api/client';
import { useResource } from './useResource';

/** Which list a page works on: a community's (its moderators) or the platform's (admins). */
export type WordList = { kind: 'community'; communityId: number } | { kind: 'platform' };

/** A community's words and the platform's (read-only for moderators), in one request. */
export function useCommunityWords(communityId: number) {
  return useResource(
    () => api(listCommunityWords, { params: { communityId } }, { silent: true }),
    [communityId],
    communityId > 0,
  );
}

/** The platform's list, for admins. */
export function usePlatformWords(enabled: boolean) {
  return useResource(async () => (await api(listPlatformWords, undefined, { silent: true })).items, [enabled], enabled);
}

/** Adds words (one per line) to a list; silent: the form shows the refusal. */
export function addWords(list: WordList, words: string) {
  return list.kind === 'platform'
    ? api(addPlatformWords, { body: { words } }, { silent: true })
    : api(addCommunityWords, { params: { communityId: list.communityId }, body: { words } }, { silent: true });
}

export async function removeWord(list: WordList, word: ScreeningWordView): Promise<void> {
  if (list.kind === 'platform') await api(removePlatformWord, { params: { wordId: word.id } });
  else await api(removeCommunityWord, { params: { communityId: list.communityId, wordId: word.id } });
}
