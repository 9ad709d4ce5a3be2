import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { cardInput, MyCard } from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_FREE_TAGS_MAX } from '../../../shared/contracts/neighbours';
import { roomLabel } from '../../../shared/domain/labels';
import {
  type CardFacts,
  type CardSwitches,
  cardSwitches,
  defaultCardSwitches,
  isListedTag,
  NEIGHBOUR_CONSENT_VERSION,
  shownCard,
  switchChanges,
} from '../../../shared/domain/neighbour-card';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { neighbourCards, neighbourConsents, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { attachUploads } from '../../platform/files';
import { screenText } from '../../platform/screening';
import { refuseMuted } from '../board/limits';
import { type Neighbour, requireNeighbour } from './access';
import { logSwitchesOff } from './consents';
import { cardFacts, selectCards } from './views';

/*
 * The resident's own card (docs/decisions/024-neighbours.md): read with its defaults before the
 * first save, saved whole (screened, every changed switch in the consent log, one transaction),
 * taken down. No audit rows: the consent log is the record, and the committee must not get a log
 * of who lists themselves.
 */

type CardRecord = typeof neighbourCards.$inferSelect;

const STALE_TEXTS = '页面上的说明已更新，请重新打开再保存';
const NOT_MEMBER = '只有本社区的居民可以填写邻居名片';
const BAD_AVATAR = '头像照片不对，请重新上传';

export const switchesOf = (c: Pick<CardRecord, keyof CardSwitches>): CardSwitches => {
  const out = {} as CardSwitches;
  for (const key of Object.keys(cardSwitches) as (keyof CardSwitches)[]) out[key] = c[key];
  return out;
};

const unitRoomOf = (n: Neighbour) => (n.unit && n.room ? roomLabel({ unit: n.unit, room: n.room }) : null);

/** The owner's reply: every field and switch, and the preview a neighbour of another building gets. */
async function myCardReply(ctx: SignedIn, n: Neighbour, card: CardRecord | null): Promise<MyCard> {
  const db = ctx.deps.database.db;
  let facts: CardFacts;
  let avatarUrl: string | null = null;
  if (card) {
    const [row] = await selectCards(db).where(eq(neighbourCards.id, card.id));
    facts = cardFacts(ctx.deps, row);
    avatarUrl = facts.avatarUrl;
  } else {
    facts = {
      id: 0,
      ...defaultCardSwitches,
      displayName: n.nickname ?? '',
      avatarUrl: null,
      buildingId: n.buildingId,
      buildingName: n.buildingName,
      unit: n.unit,
      room: n.room,
      intro: null,
      tags: [],
      hiddenTags: [],
      canHelp: [],
      needHelp: [],
    };
  }
  const base = card;
  return {
    id: base?.id ?? null,
    listed: facts.listed,
    displayName: facts.displayName,
    showName: facts.showName,
    avatarUploadId: base?.avatarUploadId ?? null,
    avatarUrl,
    showAvatar: facts.showAvatar,
    buildingName: n.buildingName,
    unitRoom: unitRoomOf(n),
    showBuilding: facts.showBuilding,
    showRoom: facts.showRoom,
    intro: facts.intro,
    showIntro: facts.showIntro,
    tags: facts.tags,
    hiddenTags: facts.hiddenTags,
    showTags: facts.showTags,
    canHelp: facts.canHelp,
    needHelp: facts.needHelp,
    showHelp: facts.showHelp,
    serve: facts.serve,
    state: base?.state ?? 'visible',
    heldReason: base?.heldReason ?? null,
    stateReason: base?.stateReason ?? null,
    consentVersion: NEIGHBOUR_CONSENT_VERSION,
    preview: shownCard(facts, null),
    updatedAt: base ? base.updatedAt.toISOString() : null,
  };
}

async function ownCard(db: Tx, communityId: number, userId: number, lock = false) {
  const q = db
    .select()
    .from(neighbourCards)
    .where(and(eq(neighbourCards.communityId, communityId), eq(neighbourCards.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function getMyCard(ctx: SignedIn, communityId: number): Promise<MyCard> {
  const n = await requireNeighbour(ctx, communityId);
  return myCardReply(ctx, n, await ownCard(ctx.deps.database.db, communityId, n.userId));
}

/** Free tags (not from the list) within their limit. */
function refuseFreeTags(tags: string[]) {
  const free = tags.filter((t) => !isListedTag(t));
  if (free.length > NEIGHBOUR_FREE_TAGS_MAX) {
    const message = `自己写的标签最多${NEIGHBOUR_FREE_TAGS_MAX}个`;
    throw new AppError('VALIDATION_FAILED', message, [{ in: 'body', path: 'tags', message }]);
  }
  return free;
}

/** A new avatar: an image of this community the caller uploaded and nothing else took. */
async function takeAvatar(tx: Tx, communityId: number, userId: number, uploadId: number, now: Date) {
  const [u] = await tx
    .select({ kind: uploads.kind, by: uploads.uploadedBy, attachedAt: uploads.attachedAt })
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.communityId, communityId)))
    .for('update');
  if (u?.kind !== 'image' || u.by !== userId || u.attachedAt !== null)
    throw new AppError('VALIDATION_FAILED', BAD_AVATAR, [{ in: 'body', path: 'avatarUploadId', message: BAD_AVATAR }]);
  await attachUploads(tx, { communityId, ids: [uploadId], isPublic: false, now });
}

/** A moderator's decision stays when the resident saves again (they may appeal instead). */
const STICKY_STATES = new Set(['hidden', 'deleted']);

export async function saveMyCard(
  ctx: SignedIn,
  communityId: number,
  input: z.output<typeof cardInput>,
): Promise<MyCard> {
  const n = await requireNeighbour(ctx, communityId);
  if (!n.member) throw new AppError('FORBIDDEN', NOT_MEMBER);
  if (input.consentVersion !== NEIGHBOUR_CONSENT_VERSION) throw new AppError('INVALID_STATE', STALE_TEXTS);
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock();
  await refuseMuted(db, communityId, n.userId, now);
  const tags = input.tags;
  const free = refuseFreeTags(tags);
  const intro = input.intro ?? null;
  const canHelp = input.canHelp;
  const needHelp = input.needHelp;
  const avatarUploadId = input.avatarUploadId ?? null;
  const verdict = await screenText(ctx, {
    communityId,
    userId: n.userId,
    texts: [input.displayName, intro ?? '', ...free, ...canHelp, ...needHelp].filter((s) => s.trim() !== ''),
  });
  const after: CardSwitches = {
    listed: input.listed,
    showName: input.showName,
    showAvatar: input.showAvatar,
    showBuilding: input.showBuilding,
    showRoom: input.showRoom,
    showIntro: input.showIntro,
    showTags: input.showTags,
    showHelp: input.showHelp,
    serve: input.serve,
  };
  const saved = await db.transaction(async (tx) => {
    await refuseMuted(tx, communityId, n.userId, now);
    // One row per member, whatever the race: insert a blank one if missing, then lock it. A
    // concurrent first save waits on the insert and then finds this save's committed row.
    const inserted = await tx
      .insert(neighbourCards)
      .values({ communityId, userId: n.userId, consentVersion: NEIGHBOUR_CONSENT_VERSION, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: neighbourCards.id });
    const fresh = inserted.length > 0;
    const before = await ownCard(tx, communityId, n.userId, true);
    if (!before) throw new Error('neighbour card vanished');
    if (avatarUploadId !== null && avatarUploadId !== before.avatarUploadId)
      await takeAvatar(tx, communityId, n.userId, avatarUploadId, now);
    const state = STICKY_STATES.has(before.state) ? before.state : verdict.state;
    const heldReason = STICKY_STATES.has(before.state) ? before.heldReason : verdict.heldReason;
    const [row] = await tx
      .update(neighbourCards)
      .set({
        householdId: n.householdId,
        buildingId: n.buildingId,
        ...after,
        listedAt: after.listed && (fresh || !before.listed) ? now : before.listedAt,
        serveSince: after.serve && (fresh || !before.serve) ? now : after.serve ? before.serveSince : null,
        displayName: input.displayName,
        avatarUploadId,
        intro,
        tags,
        canHelp,
        needHelp,
        consentVersion: NEIGHBOUR_CONSENT_VERSION,
        state,
        heldReason,
        stateReason: state === 'visible' ? null : before.stateReason,
        updatedAt: now,
      })
      .where(eq(neighbourCards.id, before.id))
      .returning();
    const changes = switchChanges(fresh ? null : switchesOf(before), after);
    if (changes.length > 0)
      await tx.insert(neighbourConsents).values(
        changes.map((c) => ({
          communityId,
          userId: n.userId,
          field: c.field,
          granted: c.granted,
          textVersion: NEIGHBOUR_CONSENT_VERSION,
          createdAt: now,
        })),
      );
    return row;
  });
  return myCardReply(ctx, n, saved);
}

export async function removeMyCard(ctx: SignedIn, communityId: number): Promise<void> {
  const n = await requireNeighbour(ctx, communityId);
  const now = ctx.deps.clock();
  await ctx.deps.database.db.transaction(async (tx) => {
    const card = await ownCard(tx, communityId, n.userId, true);
    if (!card) throw new AppError('NOT_FOUND', '您还没有名片');
    await tx.delete(neighbourCards).where(eq(neighbourCards.id, card.id));
    await logSwitchesOff(tx, card, now);
  });
}
