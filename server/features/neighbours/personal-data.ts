import type { MyData } from '../../../shared/contracts/privacy';
import {
  neighbourBlocks,
  neighbourCards,
  neighbourConsents,
  neighbourContacts,
  neighbourDailyViews,
  neighbourMessages,
} from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

// PLACEHOLDER written by the lead for the skeleton: the cards part replaces every declaration
// below with the real export and erasure before it merges (docs/decisions/024-neighbours.md).
const pending = <S>(table: PersonalData<S>['table'], columns: PersonalData<S>['columns']): PersonalData<S> => ({
  table,
  columns,
  async exportFor() {
    throw new Error('neighbour personal data: not written yet');
  },
  async erase() {
    throw new Error('neighbour personal data: not written yet');
  },
});

export const neighbourCardData = pending<MyData['neighbourCards']>(neighbourCards, [neighbourCards.userId]);
export const neighbourConsentData = pending<MyData['neighbourConsents']>(neighbourConsents, [neighbourConsents.userId]);
export const neighbourContactData = pending<MyData['neighbourContacts']>(neighbourContacts, [
  neighbourContacts.requesterId,
  neighbourContacts.addresseeId,
]);
export const neighbourMessageData = pending<MyData['neighbourMessages']>(neighbourMessages, [
  neighbourMessages.authorId,
]);
export const neighbourBlockData = pending<MyData['neighbourBlocks']>(neighbourBlocks, [
  neighbourBlocks.blockerId,
  neighbourBlocks.blockedId,
]);
export const neighbourViewData = pending<MyData['neighbourDirectoryViews']>(neighbourDailyViews, [
  neighbourDailyViews.userId,
]);
