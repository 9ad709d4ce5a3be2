import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import {
  communities,
  neighbourBlocks,
  neighbourCards,
  neighbourConsents,
  neighbourContacts,
  neighbourDailyViews,
  neighbourMessages,
} from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/*
 * 找邻居's personal data (docs/decisions/024-neighbours.md): in the resident's copy, and erased
 * with the account. Cards, consents, blocks (both sides) and daily counts are deleted; contacts
 * lose the person's id and shares (live ones closed by them); their messages lose their words.
 */

/** What an erased message reads as to the other side. */
export const ERASED_MESSAGE = '[已注销]';

export const neighbourCardData: PersonalData<MyData['neighbourCards']> = {
  table: neighbourCards,
  columns: [neighbourCards.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ c: neighbourCards, communityName: communities.name })
      .from(neighbourCards)
      .innerJoin(communities, eq(communities.id, neighbourCards.communityId))
      .where(eq(neighbourCards.userId, ctx.actor.userId))
      .orderBy(desc(neighbourCards.id));
    return rows.map(({ c, communityName }) => ({
      communityName,
      listed: c.listed,
      displayName: c.displayName,
      showName: c.showName,
      hasAvatar: c.avatarUploadId !== null,
      showAvatar: c.showAvatar,
      showBuilding: c.showBuilding,
      showRoom: c.showRoom,
      intro: c.intro,
      showIntro: c.showIntro,
      tags: c.tags,
      hiddenTags: c.hiddenTags,
      showTags: c.showTags,
      canHelp: c.canHelp,
      needHelp: c.needHelp,
      showHelp: c.showHelp,
      serve: c.serve,
      state: c.state,
      updatedAt: c.updatedAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.delete(neighbourCards).where(eq(neighbourCards.userId, ctx.actor.userId));
    return [];
  },
};

export const neighbourConsentData: PersonalData<MyData['neighbourConsents']> = {
  table: neighbourConsents,
  columns: [neighbourConsents.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ c: neighbourConsents, communityName: communities.name })
      .from(neighbourConsents)
      .innerJoin(communities, eq(communities.id, neighbourConsents.communityId))
      .where(eq(neighbourConsents.userId, ctx.actor.userId))
      .orderBy(desc(neighbourConsents.id));
    return rows.map(({ c, communityName }) => ({
      communityName,
      field: c.field,
      granted: c.granted,
      textVersion: c.textVersion,
      createdAt: c.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx.delete(neighbourConsents).where(eq(neighbourConsents.userId, ctx.actor.userId));
    return [];
  },
};

export const neighbourContactData: PersonalData<MyData['neighbourContacts']> = {
  table: neighbourContacts,
  columns: [neighbourContacts.requesterId, neighbourContacts.addresseeId, neighbourContacts.closedBy],
  async exportFor(db, ctx) {
    const me = ctx.actor.userId;
    const rows = await db
      .select({ c: neighbourContacts, communityName: communities.name })
      .from(neighbourContacts)
      .innerJoin(communities, eq(communities.id, neighbourContacts.communityId))
      .where(or(eq(neighbourContacts.requesterId, me), eq(neighbourContacts.addresseeId, me)))
      .orderBy(desc(neighbourContacts.id));
    const open = (v: string | null) => (v ? ctx.deps.cipher.decrypt(v) : null);
    return rows.map(({ c, communityName }) => {
      const asked = c.requesterId === me;
      return {
        communityName,
        role: asked ? ('requester' as const) : ('addressee' as const),
        state: c.state,
        sharedPhone: open(asked ? c.requesterPhoneEnc : c.addresseePhoneEnc),
        sharedWechatId: open(asked ? c.requesterWechatEnc : c.addresseeWechatEnc),
        createdAt: c.createdAt.toISOString(),
      };
    });
  },
  async erase(tx, ctx, now) {
    const me = ctx.actor.userId;
    // Live contacts end, closed by the person leaving (the other side reads 对方暂时不方便).
    await tx
      .update(neighbourContacts)
      .set({ state: 'closed', closedAt: now, closedBy: me })
      .where(
        and(
          or(eq(neighbourContacts.requesterId, me), eq(neighbourContacts.addresseeId, me)),
          inArray(neighbourContacts.state, ['pending', 'accepted']),
        ),
      );
    await tx
      .update(neighbourContacts)
      .set({ requesterId: null, requesterPhoneEnc: null, requesterWechatEnc: null })
      .where(eq(neighbourContacts.requesterId, me));
    await tx
      .update(neighbourContacts)
      .set({ addresseeId: null, addresseePhoneEnc: null, addresseeWechatEnc: null })
      .where(eq(neighbourContacts.addresseeId, me));
    await tx.update(neighbourContacts).set({ closedBy: null }).where(eq(neighbourContacts.closedBy, me));
    return [];
  },
};

export const neighbourMessageData: PersonalData<MyData['neighbourMessages']> = {
  table: neighbourMessages,
  columns: [neighbourMessages.authorId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ m: neighbourMessages, communityName: communities.name })
      .from(neighbourMessages)
      .innerJoin(communities, eq(communities.id, neighbourMessages.communityId))
      .where(eq(neighbourMessages.authorId, ctx.actor.userId))
      .orderBy(desc(neighbourMessages.id));
    return rows.map(({ m, communityName }) => ({
      communityName,
      isRequest: m.isRequest,
      body: m.body,
      state: m.state,
      createdAt: m.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    await tx
      .update(neighbourMessages)
      .set({ body: ERASED_MESSAGE, authorId: null, appealText: null })
      .where(eq(neighbourMessages.authorId, ctx.actor.userId));
    return [];
  },
};

/** Only the blocker's rows are theirs to read (the blocked person is never told); both sides' rows go. */
export const neighbourBlockData: PersonalData<MyData['neighbourBlocks']> = {
  table: neighbourBlocks,
  columns: [neighbourBlocks.blockerId, neighbourBlocks.blockedId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ b: neighbourBlocks, communityName: communities.name })
      .from(neighbourBlocks)
      .innerJoin(communities, eq(communities.id, neighbourBlocks.communityId))
      .where(eq(neighbourBlocks.blockerId, ctx.actor.userId))
      .orderBy(desc(neighbourBlocks.id));
    return rows.map(({ b, communityName }) => ({
      communityName,
      label: b.label,
      createdAt: b.createdAt.toISOString(),
    }));
  },
  async erase(tx, ctx) {
    const me = ctx.actor.userId;
    await tx.delete(neighbourBlocks).where(or(eq(neighbourBlocks.blockerId, me), eq(neighbourBlocks.blockedId, me)));
    return [];
  },
};

export const neighbourViewData: PersonalData<MyData['neighbourDirectoryViews']> = {
  table: neighbourDailyViews,
  columns: [neighbourDailyViews.userId],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ v: neighbourDailyViews, communityName: communities.name })
      .from(neighbourDailyViews)
      .innerJoin(communities, eq(communities.id, neighbourDailyViews.communityId))
      .where(eq(neighbourDailyViews.userId, ctx.actor.userId))
      .orderBy(desc(neighbourDailyViews.day));
    return rows.map(({ v, communityName }) => ({ communityName, day: v.day, shown: v.shown }));
  },
  async erase(tx, ctx) {
    await tx.delete(neighbourDailyViews).where(eq(neighbourDailyViews.userId, ctx.actor.userId));
    return [];
  },
};
