import { and, desc, eq } from 'drizzle-orm';
import type { RosterLine } from '../../../shared/contracts/signups';
import { formatDateTime } from '../../../shared/domain/labels';
import { requireAllowed } from '../../auth/guards';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { buildings, households, memberships, noticeSignups, notices, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { addTable, newWorkbook, safeFileName, workbookFile } from '../../platform/xlsx';
import type { NoticeRow } from '../notices/views';

/** The committee's view of a notice's sign-ups: the roster, 签到, and the roster as a file. */

async function requireSignupNotice(db: Tx, communityId: number, noticeId: number): Promise<NoticeRow> {
  const [n] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, noticeId), eq(notices.communityId, communityId)));
  if (!n) throw new AppError('NOT_FOUND');
  if (n.signupCapacity === null) throw new AppError('NOT_FOUND', '这条通知没有报名');
  return n;
}

const statusOrder = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;

/**
 * Every sign-up of the notice: those with a place (in the order they got it), the waiting
 * list in order (with places), then the cancelled ones. The name and phone are those the
 * resident gave the committee with their membership, else their nickname.
 */
async function rosterOf(ctx: SignedIn, db: Tx, noticeId: number, signupId?: number): Promise<RosterLine[]> {
  const rows = await db
    .select({
      s: noticeSignups,
      nickname: users.nickname,
      realNameEnc: memberships.realNameEnc,
      phoneEnc: memberships.phoneEnc,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
    })
    .from(noticeSignups)
    .innerJoin(users, eq(users.id, noticeSignups.userId))
    .innerJoin(households, eq(households.id, noticeSignups.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    // The signer's membership of that household (the latest, should they have left and come back).
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, noticeSignups.userId),
        eq(memberships.communityId, noticeSignups.communityId),
        eq(memberships.householdId, noticeSignups.householdId),
      ),
    )
    .where(and(eq(noticeSignups.noticeId, noticeId), signupId ? eq(noticeSignups.id, signupId) : undefined))
    .orderBy(desc(memberships.id));
  const byId = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!byId.has(r.s.id)) byId.set(r.s.id, r);
  const unique = [...byId.values()];
  const at = (d: Date | null) => d?.getTime() ?? 0;
  unique.sort(
    (a, b) =>
      statusOrder[a.s.status] - statusOrder[b.s.status] ||
      (a.s.status === 'confirmed' ? at(a.s.confirmedAt) - at(b.s.confirmedAt) : 0) ||
      a.s.id - b.s.id,
  );
  const positions = await waitingPositions(db, noticeId);
  const { cipher } = ctx.deps;
  return unique.map((r) => ({
    id: r.s.id,
    status: r.s.status,
    people: r.s.people,
    position: positions.get(r.s.id) ?? null,
    name: (r.realNameEnc ? cipher.decrypt(r.realNameEnc) : null) ?? r.nickname ?? '居民',
    phone: r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
    householdId: r.s.householdId,
    buildingName: r.buildingName,
    unit: r.unit,
    room: r.room,
    createdAt: r.s.createdAt.toISOString(),
    attendedAt: r.s.attendedAt?.toISOString() ?? null,
  }));
}

/** Places on the waiting list by sign-up id (1 = next to move up). */
async function waitingPositions(db: Tx, noticeId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: noticeSignups.id })
    .from(noticeSignups)
    .where(and(eq(noticeSignups.noticeId, noticeId), eq(noticeSignups.status, 'waitlisted')))
    .orderBy(noticeSignups.id);
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}

export async function signupRoster(ctx: SignedIn, communityId: number, noticeId: number) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const db = ctx.deps.database.db;
  const n = await requireSignupNotice(db, communityId, noticeId);
  const items = await rosterOf(ctx, db, n.id);
  const confirmed = items.filter((s) => s.status === 'confirmed');
  return {
    taken: confirmed.reduce((sum, s) => sum + s.people, 0),
    capacity: n.signupCapacity ?? 0,
    /** Households marked present. */
    attended: confirmed.filter((s) => s.attendedAt !== null).length,
    items,
  };
}

/** 签到: marks a household with a place as present, or takes the mark back. */
export function markAttended(
  ctx: SignedIn,
  communityId: number,
  noticeId: number,
  signupId: number,
  attended: boolean,
): Promise<RosterLine> {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  return audited(ctx, 'signup.attended', async (tx) => {
    await requireSignupNotice(tx, communityId, noticeId);
    const [s] = await tx
      .select()
      .from(noticeSignups)
      .where(and(eq(noticeSignups.id, signupId), eq(noticeSignups.noticeId, noticeId)))
      .for('update');
    if (!s) throw new AppError('NOT_FOUND');
    if (s.status !== 'confirmed') throw new AppError('INVALID_STATE', '只有报上名的才能签到');
    const attendedAt = attended ? (s.attendedAt ?? ctx.deps.clock()) : null;
    await tx.update(noticeSignups).set({ attendedAt }).where(eq(noticeSignups.id, s.id));
    const [line] = await rosterOf(ctx, tx, noticeId, s.id);
    const changed = (s.attendedAt !== null) !== attended;
    return {
      result: line,
      audit: changed
        ? {
            communityId,
            targetId: noticeId,
            before: { signupId: s.id, attended: s.attendedAt !== null },
            after: { signupId: s.id, attended },
          }
        : [],
    };
  });
}

const statusWords = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消' } as const;

/** The roster as an Excel file, with the 签到 column. */
export async function signupRosterXlsx(ctx: SignedIn, communityId: number, noticeId: number) {
  requireAllowed(ctx.actor, 'manage:notices', { communityId });
  const db = ctx.deps.database.db;
  const n = await requireSignupNotice(db, communityId, noticeId);
  const items = await rosterOf(ctx, db, n.id);
  const workbook = newWorkbook();
  const sheet = addTable(workbook, '报名名单', [
    { header: '状态', key: 'status', width: 12 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '电话', key: 'phone', width: 16 },
    { header: '楼栋', key: 'building', width: 10 },
    { header: '单元', key: 'unit', width: 10 },
    { header: '室', key: 'room', width: 10 },
    { header: '人数', key: 'people', width: 8 },
    { header: '报名时间', key: 'createdAt', width: 22 },
    { header: '签到', key: 'attended', width: 8 },
  ]);
  for (const column of ['C', 'D', 'E', 'F']) sheet.getColumn(column).numFmt = '@';
  for (const s of items)
    sheet.addRow({
      status: s.position ? `${statusWords[s.status]}第${s.position}位` : statusWords[s.status],
      name: s.name,
      phone: s.phone ?? '',
      building: s.buildingName,
      unit: s.unit,
      room: s.room,
      people: s.people,
      createdAt: formatDateTime(s.createdAt),
      attended: s.attendedAt ? '已到' : '',
    });
  return workbookFile(workbook, `报名名单-${safeFileName(n.title, '活动')}.xlsx`);
}
