import { type NeighbourField, neighbourTags } from '../enums';
import { roomLabel } from './labels';

/**
 * 找邻居's card rules (docs/decisions/024-neighbours.md), pure so that the server's replies,
 * the card editor's preview and the tests share one answer to "what does a neighbour see".
 */

/**
 * The version of the words shown beside each switch. A change of wording gets a new version;
 * the consent log records which version each switch was turned on or off under, and a card
 * saved from an older editor is refused until the resident has seen the new words.
 */
export const NEIGHBOUR_CONSENT_VERSION = '2026-12-v1';

/** What the resident reads beside each switch (version NEIGHBOUR_CONSENT_VERSION). */
export const neighbourConsentTexts: Record<NeighbourField, string> = {
  listed: '打开后，本社区已认证的邻居可以在“找邻居”里看到您的名片。关掉后谁也看不到。',
  name: '邻居能看到您填的称呼。关掉后显示为“邻居”。',
  avatar: '邻居能看到您上传的头像。',
  building: '邻居能看到您住几号楼，同楼的邻居会先看到您。',
  room: '邻居能看到您的单元和房号。不建议打开。',
  intro: '邻居能看到您写的自我介绍。',
  tags: '邻居能看到您的标签，也能按标签找到您。',
  help: '邻居能看到您“可以帮忙”和“需要帮忙”的事。',
  serve: '居委会可以在“能人库”里看到您的称呼、真实姓名、电话、楼栋房号和您会的事，请您参加志愿服务。可以随时关掉。',
  share_phone: '只有这位邻居能看到您填的电话，可以随时收回。',
  share_wechat: '只有这位邻居能看到您填的微信号，可以随时收回。',
};

/** The switches a card has, and the field each one consents to. */
export const cardSwitches = {
  listed: 'listed',
  showName: 'name',
  showAvatar: 'avatar',
  showBuilding: 'building',
  showRoom: 'room',
  showIntro: 'intro',
  showTags: 'tags',
  showHelp: 'help',
  serve: 'serve',
} as const satisfies Record<string, NeighbourField>;
export type CardSwitch = keyof typeof cardSwitches;
export type CardSwitches = Record<CardSwitch, boolean>;

/** A new card: nothing shown, not listed; display name and building on once listed. */
export const defaultCardSwitches: CardSwitches = {
  listed: false,
  showName: true,
  showAvatar: false,
  showBuilding: true,
  showRoom: false,
  showIntro: false,
  showTags: false,
  showHelp: false,
  serve: false,
};

/** The switches that changed between two saves, as consent log entries. */
export function switchChanges(
  before: CardSwitches | null,
  after: CardSwitches,
): { field: NeighbourField; granted: boolean }[] {
  const changes: { field: NeighbourField; granted: boolean }[] = [];
  for (const key of Object.keys(cardSwitches) as CardSwitch[]) {
    const was = before ? before[key] : defaultCardSwitches[key];
    // A first save records every switch the resident saw, so the log starts complete.
    if (before === null || was !== after[key]) changes.push({ field: cardSwitches[key], granted: after[key] });
  }
  return changes;
}

/** Everything stored on a card that a neighbour might see. */
export interface CardFacts extends CardSwitches {
  id: number;
  displayName: string;
  avatarUrl: string | null;
  buildingId: number | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  intro: string | null;
  tags: string[];
  hiddenTags: string[];
  canHelp: string[];
  needHelp: string[];
}

/** What another member of the community receives: only the fields whose switch is on. */
export interface NeighbourCardShown {
  id: number;
  displayName: string | null;
  avatarUrl: string | null;
  building: string | null;
  room: string | null;
  intro: string | null;
  tags: string[];
  canHelp: string[];
  needHelp: string[];
  /** True only when the card shows its building and it is the viewer's. */
  sameBuilding: boolean;
}

/** The label for a card that shows no name. */
export const NEIGHBOUR_NO_NAME = '邻居';

/**
 * The label for the other side of a contact whose card the caller no longer gets: they left, deleted
 * their account, or blocked the caller. One neutral name for all three, so that a block cannot be
 * told from a departure (the contact reads 对方暂时不方便 under it).
 */
export const NEIGHBOUR_GONE = '这位邻居';

/**
 * The card as a neighbour sees it. `viewerBuildingId` is the viewer's building (null without
 * one). Hidden tags never appear; a switched-off field is null or empty, never a placeholder
 * that could be told apart from a real value.
 */
export function shownCard(card: CardFacts, viewerBuildingId: number | null): NeighbourCardShown {
  const building = card.showBuilding ? card.buildingName : null;
  return {
    id: card.id,
    displayName: card.showName && card.displayName ? card.displayName : null,
    avatarUrl: card.showAvatar ? card.avatarUrl : null,
    building,
    room: card.showRoom && card.unit && card.room ? roomLabel({ unit: card.unit, room: card.room }) : null,
    intro: card.showIntro ? card.intro : null,
    tags: card.showTags ? card.tags.filter((t) => !card.hiddenTags.includes(t)) : [],
    canHelp: card.showHelp ? card.canHelp : [],
    needHelp: card.showHelp ? card.needHelp : [],
    sameBuilding: building !== null && card.buildingId !== null && card.buildingId === viewerBuildingId,
  };
}

/** A tag from the list, as opposed to one the resident wrote. */
export const isListedTag = (tag: string) => (neighbourTags as readonly string[]).includes(tag);
