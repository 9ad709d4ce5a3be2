import { eq, sql } from 'drizzle-orm';
import type { NeighbourCardView } from '../../../shared/contracts/neighbours';
import { type CardFacts, shownCard } from '../../../shared/domain/neighbour-card';
import { buildings, households, memberships, neighbourCards, uploads } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { fileName, fileUrl } from '../../platform/files';

/*
 * One way to read a card and one way to shape it for a neighbour (shared/domain/neighbour-card.ts
 * shownCard), used by the directory, a card opened by link, contacts and the admin list, so that
 * no reply ever carries a field whose switch is off.
 */

/** The card's owner is an approved member of the card's community (someone who left never shows). */
export const ownerIsApprovedMember = sql`exists (select 1 from ${memberships} where ${memberships.communityId} = ${neighbourCards.communityId}
  and ${memberships.userId} = ${neighbourCards.userId} and ${memberships.status} = 'approved')`;

/** The columns a card's facts need; select them with `cardFrom`'s joins. */
export const cardColumns = {
  id: neighbourCards.id,
  communityId: neighbourCards.communityId,
  userId: neighbourCards.userId,
  listed: neighbourCards.listed,
  state: neighbourCards.state,
  displayName: neighbourCards.displayName,
  showName: neighbourCards.showName,
  showAvatar: neighbourCards.showAvatar,
  showBuilding: neighbourCards.showBuilding,
  showRoom: neighbourCards.showRoom,
  intro: neighbourCards.intro,
  showIntro: neighbourCards.showIntro,
  tags: neighbourCards.tags,
  showTags: neighbourCards.showTags,
  hiddenTags: neighbourCards.hiddenTags,
  canHelp: neighbourCards.canHelp,
  needHelp: neighbourCards.needHelp,
  showHelp: neighbourCards.showHelp,
  serve: neighbourCards.serve,
  buildingId: neighbourCards.buildingId,
  buildingName: buildings.name,
  unit: households.unit,
  room: households.room,
  avatarKey: uploads.thumbKey,
  avatarFileKey: uploads.fileKey,
  avatarPublic: uploads.isPublic,
};

/** One row of `selectCards` (the joined columns may be null). */
export type CardRow = Awaited<ReturnType<typeof selectCards>>[number];

/**
 * `select(cardColumns)` from the cards with the joins the columns need. Add the caller's
 * conditions with `.where(...)`.
 */
export function selectCards(db: AppDeps['database']['db']) {
  return db
    .select(cardColumns)
    .from(neighbourCards)
    .leftJoin(households, eq(households.id, neighbourCards.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(uploads, eq(uploads.id, neighbourCards.avatarUploadId));
}

/** The card's facts, with the avatar's signed URL (thumbnail) when it has one. */
export function cardFacts(deps: AppDeps, row: CardRow, now = deps.clock()): CardFacts {
  const key = row.avatarKey ?? row.avatarFileKey;
  return {
    id: row.id,
    listed: row.listed,
    showName: row.showName,
    showAvatar: row.showAvatar,
    showBuilding: row.showBuilding,
    showRoom: row.showRoom,
    showIntro: row.showIntro,
    showTags: row.showTags,
    showHelp: row.showHelp,
    serve: row.serve,
    displayName: row.displayName,
    avatarUrl: key ? fileUrl(deps.files.signingKey, fileName(key, 'image'), row.avatarPublic ?? false, now) : null,
    buildingId: row.buildingId,
    buildingName: row.buildingName,
    unit: row.unit,
    room: row.room,
    intro: row.intro,
    tags: row.tags,
    hiddenTags: row.hiddenTags,
    canHelp: row.canHelp,
    needHelp: row.needHelp,
  };
}

/** The card as a neighbour in `viewerBuildingId` sees it. */
export function cardView(deps: AppDeps, row: CardRow, viewerBuildingId: number | null): NeighbourCardView {
  return shownCard(cardFacts(deps, row), viewerBuildingId);
}
