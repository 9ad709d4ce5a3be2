import type { z } from 'zod';
import type { appealInput } from '../../../shared/contracts/moderation';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { audited } from '../../platform/audited';
import { lockItem } from './item';
import { appealOf, setAppeal } from './sources';

/** The author's one appeal (申诉) against a hidden or rejected item; it joins the review queue. */
export function appeal(ctx: SignedIn, communityId: number, input: z.infer<typeof appealInput>) {
  requireAllowed(ctx.actor, 'write:board', { communityId });
  return audited(ctx, 'moderation.appeal', async (tx) => {
    const { item } = await lockItem(tx, communityId, input.subject, input.subjectId);
    requireAllowed(ctx.actor, 'own:post', { communityId, ownerId: item.authorId ?? undefined });
    if (item.state !== 'hidden' && item.state !== 'rejected')
      throw new AppError('INVALID_STATE', '只有被隐藏或没通过审核的内容可以申诉');
    const before = await appealOf(tx, input.subject, item.id);
    if (before.at !== null) throw new AppError('ALREADY_APPEALED');
    await setAppeal(tx, input.subject, item.id, { text: input.text, at: ctx.deps.clock() });
    return {
      result: { appealed: true as const },
      audit: { communityId, targetId: item.id, after: { subject: input.subject, contentState: item.state } },
    };
  });
}
