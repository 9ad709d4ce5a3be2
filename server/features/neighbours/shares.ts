import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { shareInput } from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_CONSENT_VERSION } from '../../../shared/domain/neighbour-card';
import type { NeighbourField } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { neighbourConsents, neighbourContacts } from '../../db/schema';
import { requireNeighbour } from './access';
import { partyContact } from './contacts';
import { sharesOf } from './threads';

/*
 * A phone number or WeChat ID shown to the other side of one accepted contact (encrypted at
 * rest); every change is a consent log row (share_phone, share_wechat) naming the contact.
 */

export async function shareContact(
  ctx: SignedIn,
  communityId: number,
  contactId: number,
  input: z.output<typeof shareInput>,
) {
  const me = await requireNeighbour(ctx, communityId);
  if (input.consentVersion !== NEIGHBOUR_CONSENT_VERSION)
    throw new AppError('INVALID_STATE', '页面已更新，请刷新后再保存');
  const deps = ctx.deps;
  const now = deps.clock();
  return deps.database.db.transaction(async (tx) => {
    const c = await partyContact(tx, communityId, contactId, me.userId, true);
    if (c.state === 'closed') throw new AppError('CONTACT_CLOSED');
    if (c.state !== 'accepted') throw new AppError('INVALID_STATE', '对方同意后才能留电话或微信号');
    const before = sharesOf(deps, c, me.userId, false).mine;
    const changes: { field: NeighbourField; granted: boolean }[] = [];
    if (before.phone !== input.phone) changes.push({ field: 'share_phone', granted: input.phone !== null });
    if (before.wechatId !== input.wechatId) changes.push({ field: 'share_wechat', granted: input.wechatId !== null });
    const phoneEnc = input.phone === null ? null : deps.cipher.encrypt(input.phone);
    const wechatEnc = input.wechatId === null ? null : deps.cipher.encrypt(input.wechatId);
    await tx
      .update(neighbourContacts)
      .set(
        c.requesterId === me.userId
          ? { requesterPhoneEnc: phoneEnc, requesterWechatEnc: wechatEnc }
          : { addresseePhoneEnc: phoneEnc, addresseeWechatEnc: wechatEnc },
      )
      .where(eq(neighbourContacts.id, c.id));
    if (changes.length)
      await tx.insert(neighbourConsents).values(
        changes.map((x) => ({
          communityId,
          userId: me.userId,
          field: x.field,
          granted: x.granted,
          textVersion: NEIGHBOUR_CONSENT_VERSION,
          contactId: c.id,
          createdAt: now,
        })),
      );
    return { phone: input.phone, wechatId: input.wechatId };
  });
}
