import { eq } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import { subscribeTemplateLabels } from '../../../shared/enums';
import { subscribeConsents } from '../../db/schema';
import type { PersonalData } from '../../platform/personal-data';

/** The WeChat consents a person gave: in their copy, and deleted with the account. */
export const subscriptionData: PersonalData<MyData['subscriptions']> = {
  table: subscribeConsents,
  columns: [subscribeConsents.userId],
  async exportFor(db, ctx) {
    const rows = await db.select().from(subscribeConsents).where(eq(subscribeConsents.userId, ctx.actor.userId));
    return rows.map((r) => ({
      kind: subscribeTemplateLabels[r.template],
      remaining: r.remaining,
      acceptedTotal: r.acceptedTotal,
    }));
  },
  async erase(tx, ctx) {
    await tx.delete(subscribeConsents).where(eq(subscribeConsents.userId, ctx.actor.userId));
    return [];
  },
};
