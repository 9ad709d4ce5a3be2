import type { MyData } from '../../../shared/contracts/privacy';
import {
  agoraSettings,
  auditLog,
  invitationCodes,
  moderationLog,
  notices,
  rentalHolds,
  rentalUnitEvents,
  screeningWords,
  topicMeetings,
  topicUpdates,
  voteElectors,
  votes,
} from '../../db/schema';
import { uploadData } from '../../platform/files';
import { messageData } from '../../platform/messages';
import type { NotPersonal, PersonalData } from '../../platform/personal-data';
import { sessionData, userData } from '../auth/personal-data';
import { boardCommentData, boardEventData, boardPlusOneData, boardPostData } from '../board/personal-data';
import { membershipData } from '../memberships/personal-data';
import { boardMuteData, reportData } from '../moderation/personal-data';
import {
  neighbourBlockData,
  neighbourCardData,
  neighbourConsentData,
  neighbourContactData,
  neighbourMessageData,
  neighbourViewData,
} from '../neighbours/personal-data';
import { noticeReadData } from '../notices/personal-data';
import { rentalBookingData } from '../rentals/personal-data';
import { signupData } from '../signups/personal-data';
import { subscriptionData } from '../subscriptions/personal-data';
import { topicCommentData, topicCosignData, topicData, topicEventData, topicRatingData } from '../topics/personal-data';
import { voteBallotChangeData, voteBallotData, voteGroupSightingData, voteProxyData } from '../votes/personal-data';

type Sections = Omit<MyData, 'exportedAt'>;

/**
 * Every table holding personal data, by the section of the resident's copy it fills.
 * The type makes each section of the reply have exactly one declaration. A feature
 * that adds such a table adds its declaration here (and its section to the contract).
 */
export const personalData: { [K in keyof Sections]: PersonalData<Sections[K]> } = {
  user: userData,
  memberships: membershipData,
  sessions: sessionData,
  messages: messageData,
  uploads: uploadData,
  noticeReads: noticeReadData,
  signups: signupData,
  subscriptions: subscriptionData,
  boardPosts: boardPostData,
  boardComments: boardCommentData,
  boardPlusOnes: boardPlusOneData,
  boardEvents: boardEventData,
  reports: reportData,
  boardMutes: boardMuteData,
  voteBallots: voteBallotChangeData,
  voteCurrentBallots: voteBallotData,
  voteProxies: voteProxyData,
  voteGroupSightings: voteGroupSightingData,
  topics: topicData,
  topicComments: topicCommentData,
  topicRatings: topicRatingData,
  topicCosigns: topicCosignData,
  topicEvents: topicEventData,
  rentals: rentalBookingData,
  neighbourCards: neighbourCardData,
  neighbourConsents: neighbourConsentData,
  neighbourContacts: neighbourContactData,
  neighbourMessages: neighbourMessageData,
  neighbourBlocks: neighbourBlockData,
  neighbourDirectoryViews: neighbourViewData,
};

/** Erasure order: memberships end before the account that held them is emptied. */
export const erasureOrder: ReadonlyArray<keyof Sections> = [
  'memberships',
  'sessions',
  'messages',
  'uploads',
  'noticeReads',
  'signups',
  'subscriptions',
  'boardPosts',
  'boardComments',
  'boardPlusOnes',
  'boardEvents',
  'reports',
  'boardMutes',
  'voteBallots',
  'voteCurrentBallots',
  'voteProxies',
  'voteGroupSightings',
  'topics',
  'topicComments',
  'topicRatings',
  'topicCosigns',
  'topicEvents',
  'rentals',
  // Messages before the contacts they belong to; cards after both (a contact names none).
  'neighbourMessages',
  'neighbourContacts',
  'neighbourBlocks',
  'neighbourDirectoryViews',
  'neighbourCards',
  'neighbourConsents',
  'user',
];

export const notPersonal: NotPersonal[] = [
  {
    table: auditLog,
    why: 'who did what, by user id only: names and phones never go into before/after; kept as the committee’s record',
  },
  {
    table: notices,
    why: 'author_id is the staff member who wrote the notice: the committee’s publication, not about the writer',
  },
  {
    table: invitationCodes,
    why: 'created_by is the staff member who issued the code; a code is for a household, not a person',
  },
  {
    table: screeningWords,
    why: 'created_by is the moderator or admin who listed a word: a moderation setting, not about them (set null on deletion)',
  },
  {
    table: moderationLog,
    why: 'actor_id is the moderator who decided, by id only (set null with the account); the public log never shows it',
  },
  {
    table: votes,
    why: 'created_by is the staff member who started the vote: the committee’s act, not about them',
  },
  {
    table: voteElectors,
    why: 'the electorate fixed when a vote opened (a resident vote names members by id only): the count of a closed vote must not change; set null with the account',
  },
  {
    table: agoraSettings,
    why: 'updated_by is the moderator who last saved the 议事厅 rules: a committee setting, not about them',
  },
  {
    table: topicMeetings,
    why: 'created_by is the staff member who recorded the 议事会: the committee’s record, not about the writer',
  },
  {
    table: topicUpdates,
    why: 'created_by is the staff member who posted the progress: the committee’s record, not about the writer',
  },
  {
    table: rentalHolds,
    why: 'created_by is the staff member or renter whose action held a unit’s dates: the point’s stock record, by id only',
  },
  {
    table: rentalUnitEvents,
    why: 'actor_id is the staff member who moved or checked a unit: the device’s history at the point, by id only',
  },
];
