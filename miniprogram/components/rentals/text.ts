import { addDays, chinaClock } from '../../../shared/domain/office-hours';
import { daysBetween, yuan } from '../../../shared/domain/rental-fees';
import type { RentalBookingStatus, RentalEligibility } from '../../../shared/enums';
import { rentalEligibilityLabels } from '../../../shared/enums';
import { formatDateTime } from '../../lib/format';

/** Words of 社区租赁's resident pages: dates, due dates, the terms in plain words. */

/** Today in China, "2026-12-01" (the date the server counts bookings in). */
export const todayInChina = (now = new Date()) => chinaClock(now).date;

export const plusDays = (date: string, n: number) => addDays(date, n).date;

/** 12月5日 (and the year when it is not this year's). */
export function dayLabel(date: string, today = todayInChina()): string {
  const [y, m, d] = date.split('-').map(Number);
  const thisYear = Number(today.slice(0, 4));
  return `${y === thisYear ? '' : `${y}年`}${m}月${d}日`;
}

/** 12月5日—12月9日（5天） */
export function rangeLabel(startOn: string, endOn: string, today = todayInChina()): string {
  return startOn === endOn ? dayLabel(startOn, today) : `${dayLabel(startOn, today)}—${dayLabel(endOn, today)}`;
}

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
/** 周三 */
export const weekdayLabel = (date: string) => `周${weekdays[addDays(date, 0).weekday - 1]}`;

/** Tag colour of a status: green in hand, amber waiting on someone, grey over. */
export function statusTone(status: RentalBookingStatus): string {
  switch (status) {
    case 'on_loan':
    case 'confirmed':
      return 'tag--ok';
    case 'offered':
      return 'tag--danger';
    case 'waiting':
    case 'pending':
      return 'tag--warn';
    default:
      return 'tag--off';
  }
}

/** 还有3天到期 / 今天到期 / 已逾期2天 — for a device at home; null otherwise. */
export function dueText(
  b: { status: RentalBookingStatus; endOn: string; overdueDays: number },
  today = todayInChina(),
) {
  if (b.status !== 'on_loan') return null;
  if (b.overdueDays > 0) return `已逾期${b.overdueDays}天`;
  const left = daysBetween(today, b.endOn);
  return left <= 0 ? '今天到期' : `还有${left}天到期`;
}

/** 请在12月2日 10:00前确认（还剩5小时） */
export function offerText(expiresAt: string, now = Date.now()): string {
  const ms = Date.parse(expiresAt) - now;
  const left =
    ms <= 0
      ? '已到时间'
      : ms < 3_600_000
        ? `还剩${Math.max(1, Math.ceil(ms / 60_000))}分钟`
        : `还剩${Math.floor(ms / 3_600_000)}小时`;
  return `请在${formatDateTime(expiresAt)}前确认（${left}）`;
}

/** 高龄老人、低保家庭可减免50% / 没有补贴 */
export function subsidyText(t: { subsidyPercent: number; subsidyFor: readonly RentalEligibility[] }): string {
  if (t.subsidyPercent <= 0 || t.subsidyFor.length === 0) return '没有补贴';
  return `${t.subsidyFor.map((e) => rentalEligibilityLabels[e]).join('、')}可减免${t.subsidyPercent}%`;
}

/** 押金200元 / 不收押金 */
export const depositText = (fen: number) => (fen > 0 ? `押金${yuan(fen)}` : '不收押金');

/** The WeChat share of an item: a child sends it to the family chat, the link opens this very item. */
export const shareTitle = (name: string) => `妈妈可以借这个：${name}`;
