import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { addDays, chinaClock } from '../../../shared/domain/office-hours';
import { daysBetween } from '../../../shared/domain/rental-fees';
import { systemContext } from '../../core/context';
import { rentalBookings, rentalItemTypes } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { defineJob, type JobRegistry } from '../../platform/jobs';
import { resizeHold } from './holds';
import { notifyBooking } from './notify';

/*
 * Due and overdue reminders (docs/decisions/023-rentals.md "Reminders"): the day before the due
 * date, and once a loan is overdue (again every 7 days). Each booking is told in its own small
 * transaction whose compare-and-set on due_reminder_at / overdue_notice_at lets only one runner
 * through; the message key (per booking, due date and overdue week) stops a repeat as well.
 */
export const RENTAL_REMINDERS_JOB = 'rentals.reminders';
const DAY_MS = 86_400_000;
export const OVERDUE_REPEAT_DAYS = 7;
/** Messages go out between 08:00 and 21:00 China time only (older renters). */
export const REMINDER_HOURS = { from: '08:00', until: '21:00' } as const;

export const inReminderHours = (now: Date) => {
  const { time } = chinaClock(now);
  return time >= REMINDER_HOURS.from && time < REMINDER_HOURS.until;
};

/**
 * A loan past its due date keeps its unit: its hold is stretched to today (plus the cleaning days),
 * so the calendar shows the unit busy and no booking is given it. Where another hold stops the
 * stretch the hold stays as it is (the unit is still passed over: holds.ts unitFreeFor).
 */
export async function stretchOverdueHolds(deps: AppDeps): Promise<number> {
  const db = deps.database.db;
  const today = chinaClock(deps.clock()).date;
  const rows = await db
    .select({ id: rentalBookings.id, startOn: rentalBookings.startOn, bufferDays: rentalItemTypes.bufferDays })
    .from(rentalBookings)
    .innerJoin(rentalItemTypes, eq(rentalItemTypes.id, rentalBookings.itemTypeId))
    .where(and(eq(rentalBookings.status, 'on_loan'), lt(rentalBookings.endOn, today)));
  let stretched = 0;
  for (const r of rows)
    if (await db.transaction((tx) => resizeHold(tx, r.id, r.startOn, today, r.bufferDays))) stretched++;
  return stretched;
}

export async function runReminders(deps: AppDeps): Promise<{ due: number; overdue: number }> {
  const now = deps.clock();
  await stretchOverdueHolds(deps);
  if (!inReminderHours(now)) return { due: 0, overdue: 0 };
  const db = deps.database.db;
  const ctx = systemContext(deps);
  const today = chinaClock(now).date;
  const tomorrow = addDays(today, 1).date;
  const repeatBefore = new Date(now.getTime() - OVERDUE_REPEAT_DAYS * DAY_MS);

  const dueWhere = and(
    eq(rentalBookings.status, 'on_loan'),
    eq(rentalBookings.endOn, tomorrow),
    isNull(rentalBookings.dueReminderAt),
  );
  const overdueWhere = and(
    eq(rentalBookings.status, 'on_loan'),
    lt(rentalBookings.endOn, today),
    or(isNull(rentalBookings.overdueNoticeAt), lte(rentalBookings.overdueNoticeAt, repeatBefore)),
  );

  let due = 0;
  for (const { id } of await db.select({ id: rentalBookings.id }).from(rentalBookings).where(dueWhere)) {
    const told = await db.transaction(async (tx) => {
      const [b] = await tx
        .update(rentalBookings)
        .set({ dueReminderAt: now })
        .where(and(eq(rentalBookings.id, id), dueWhere))
        .returning();
      if (!b) return false;
      await notifyBooking(tx, ctx, b, 'due');
      return true;
    });
    if (told) due++;
  }

  let overdue = 0;
  for (const { id } of await db.select({ id: rentalBookings.id }).from(rentalBookings).where(overdueWhere)) {
    const told = await db.transaction(async (tx) => {
      const [b] = await tx
        .update(rentalBookings)
        .set({ overdueNoticeAt: now })
        .where(and(eq(rentalBookings.id, id), overdueWhere))
        .returning();
      if (!b) return false;
      // One key per overdue week: a repeat after 7 days is a new message, a second run is not.
      const week = Math.floor(daysBetween(b.endOn, today) / OVERDUE_REPEAT_DAYS);
      await notifyBooking(tx, ctx, b, 'overdue', week);
      return true;
    });
    if (told) overdue++;
  }
  return { due, overdue };
}

export const reminderJobs = (): JobRegistry => ({
  [RENTAL_REMINDERS_JOB]: defineJob({
    everyMinutes: 60,
    async run(_payload, ctx) {
      const n = await runReminders(ctx.deps);
      if (n.due + n.overdue > 0) ctx.deps.logger.info('rental reminders sent', n);
    },
  }),
});
