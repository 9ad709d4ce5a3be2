import { asc, eq, inArray } from 'drizzle-orm';
import type { NoticeAdmin } from '../../../shared/contracts/notices';
import { noticeBuildings, type notices, noticeUploads, uploads } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { type UploadView, uploadView } from '../../platform/files';
import { signupSummaries } from '../signups/summary';
import { readTotals } from './reads';

export type NoticeRow = typeof notices.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Pinned now: a pin date still ahead. */
export const isPinned = (n: Pick<NoticeRow, 'pinnedUntil'>, now: Date) => n.pinnedUntil !== null && n.pinnedUntil > now;
export const isExpired = (n: Pick<NoticeRow, 'expiresAt'>, now: Date) => n.expiresAt !== null && n.expiresAt <= now;

/** The fields every view of a notice shares. */
export type BaseRow = Pick<
  NoticeRow,
  'id' | 'communityId' | 'title' | 'category' | 'isPublic' | 'pinnedUntil' | 'publishedAt' | 'editedAt' | 'expiresAt'
>;

export function baseView(n: BaseRow, now: Date) {
  return {
    id: n.id,
    communityId: n.communityId,
    title: n.title,
    category: n.category,
    isPublic: n.isPublic,
    pinned: isPinned(n, now),
    publishedAt: iso(n.publishedAt),
    editedAt: iso(n.editedAt),
    expiresAt: iso(n.expiresAt),
    expired: isExpired(n, now),
  };
}

/** Attachments of notices, in their order, with URLs signed unless public. */
export async function attachmentsOf(deps: AppDeps, db: Tx, noticeIds: number[]): Promise<Map<number, UploadView[]>> {
  const map = new Map<number, UploadView[]>();
  if (noticeIds.length === 0) return map;
  const rows = await db
    .select({ noticeId: noticeUploads.noticeId, u: uploads })
    .from(noticeUploads)
    .innerJoin(uploads, eq(uploads.id, noticeUploads.uploadId))
    .where(inArray(noticeUploads.noticeId, noticeIds))
    .orderBy(asc(noticeUploads.noticeId), asc(noticeUploads.position));
  for (const { noticeId, u } of rows) map.set(noticeId, [...(map.get(noticeId) ?? []), uploadView(deps, u)]);
  return map;
}

export async function buildingIdsOf(db: Tx, noticeIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (noticeIds.length === 0) return map;
  const rows = await db
    .select()
    .from(noticeBuildings)
    .where(inArray(noticeBuildings.noticeId, noticeIds))
    .orderBy(asc(noticeBuildings.buildingId));
  for (const r of rows) map.set(r.noticeId, [...(map.get(r.noticeId) ?? []), r.buildingId]);
  return map;
}

/** Notices as the committee sees them. */
export async function adminViews(deps: AppDeps, db: Tx, rows: NoticeRow[]): Promise<NoticeAdmin[]> {
  const ids = rows.map((r) => r.id);
  const now = deps.clock();
  const published = rows.filter((r) => r.status !== 'draft');
  const [files, buildings, signups, reads] = await Promise.all([
    attachmentsOf(deps, db, ids),
    buildingIdsOf(db, ids),
    signupSummaries(db, rows, now),
    published.length > 0
      ? readTotals(
          db,
          published[0].communityId,
          published.map((r) => r.id),
        )
      : new Map<number, { read: number; total: number }>(),
  ]);
  return rows.map((n) => ({
    ...baseView(n, now),
    body: n.body,
    status: n.status,
    audience: n.audience,
    buildingIds: buildings.get(n.id) ?? [],
    pinnedUntil: iso(n.pinnedUntil),
    withdrawReason: n.withdrawReason,
    version: n.version,
    createdAt: n.createdAt.toISOString(),
    attachments: files.get(n.id) ?? [],
    publishAt: n.status === 'draft' ? iso(n.publishAt) : null,
    signup: signups.get(n.id) ?? null,
    reads: n.status === 'draft' ? null : (reads.get(n.id) ?? { read: 0, total: 0 }),
  }));
}
