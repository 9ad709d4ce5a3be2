import { and, eq, inArray } from 'drizzle-orm';
import { yuan } from '../../../shared/domain/rental-fees';
import type { ServiceContext } from '../../core/context';
import { memberships, rentalItemTypes } from '../../db/schema';
import type { Tx } from '../../deps';
import { notifyUser } from '../../platform/notify';
import { templateData, wechatTime } from '../../wechat/templates';
import type { BookingRow } from './views';

/**
 * Messages to the renter about a booking (template rental_reminder): in the message centre, and
 * in WeChat for those who agreed. One key per booking and event (and due date for reminders), so a
 * job that runs twice tells nobody twice.
 */
export type BookingEvent = 'confirmed' | 'rejected' | 'offered' | 'expired' | 'due' | 'overdue';

export const bookingPath = (communityId: number, bookingId: number) =>
  `/packages/rentals/booking/index?id=${bookingId}&communityId=${communityId}`;

/** WeChat's phrase field takes ≤ 5 characters. */
const statusWord: Record<BookingEvent, string> = {
  confirmed: '已确认',
  rejected: '未通过',
  offered: '可以借了',
  expired: '已过期',
  due: '快到期',
  overdue: '已逾期',
};

function words(event: BookingEvent, b: BookingRow, item: string): { title: string; body: string; hint: string } {
  switch (event) {
    case 'confirmed':
      return {
        title: `${item}预约已确认`,
        body: `请在${b.startOn}起到服务点领取（或等工作人员送上门），记得带上押金。`,
        hint: '请按时领取',
      };
    case 'rejected':
      return {
        title: `${item}预约未通过`,
        body: `原因：${b.reason ?? '请联系服务点'}`,
        hint: b.reason ?? '请联系服务点',
      };
    case 'offered':
      return {
        title: `排队的${item}有空了`,
        body: '已为您保留24小时，请打开小程序点“确认借用”，过时会让给下一位。',
        hint: '保留24小时，请尽快确认',
      };
    case 'expired':
      return {
        title: `${item}保留已过期`,
        body: '24小时内没有确认，已让给下一位。需要的话可以重新排队。',
        hint: '可以重新排队',
      };
    case 'due':
      return {
        title: `${item}明天到期`,
        body: `请在${b.endOn}归还，需要多用几天可以在小程序里续借。`,
        hint: '需要的话可以续借',
      };
    case 'overdue': {
      const perDay = (b.quote as { overdueFeePerDayFen?: number }).overdueFeePerDayFen ?? 0;
      const fee = perDay > 0 ? `逾期每天收${yuan(perDay)}，` : '';
      return {
        title: `${item}已超过归还日期`,
        body: `应在${b.endOn}归还，${fee}请尽快归还或联系服务点。`,
        hint: '请尽快归还',
      };
    }
  }
}

/** `round` tells repeats of one event apart (the overdue notice's week: 0, 1, 2…). */
export async function notifyBooking(
  tx: Tx,
  ctx: ServiceContext,
  b: BookingRow,
  event: BookingEvent,
  round?: number,
): Promise<void> {
  const [it] = await tx
    .select({ name: rentalItemTypes.name })
    .from(rentalItemTypes)
    .where(eq(rentalItemTypes.id, b.itemTypeId));
  const item = it?.name ?? '器具';
  const w = words(event, b, item);
  let userIds: number[];
  if (b.userId) userIds = [b.userId];
  else {
    const rows = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.communityId, b.communityId),
          inArray(memberships.householdId, [b.householdId]),
          eq(memberships.status, 'approved'),
        ),
      );
    userIds = rows.map((r) => r.userId);
  }
  const now = ctx.deps.clock();
  const date = event === 'due' || event === 'overdue' ? b.endOn : event === 'offered' ? null : b.startOn;
  for (const userId of new Set(userIds))
    await notifyUser(tx, {
      userId,
      communityId: b.communityId,
      kind: `rental.${event}`,
      title: w.title,
      body: w.body,
      link: bookingPath(b.communityId, b.id),
      key: `rental.${b.id}.${event}.${event === 'due' || event === 'overdue' ? b.endOn : b.version}${round ? `.${round}` : ''}`,
      wechat: {
        template: 'rental_reminder',
        data: templateData('rental_reminder', {
          item,
          status: statusWord[event],
          date: date ? wechatTime(new Date(`${date}T09:00:00+08:00`)) : wechatTime(now),
          hint: w.hint,
        }),
      },
    });
}
