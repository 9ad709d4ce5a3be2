import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/rentals';
import type { RouteContract } from '../../../shared/contracts/route';
import type { RentalCategory } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { rentalItemPhotos, rentalItemTypes, uploads } from '../../db/schema';
import type { Tx } from '../../deps';
import { audited } from '../../platform/audited';
import { attachUploads } from '../../platform/files';
import { requireOwnPoint, requireRentalStaff, requireStaffItem } from './access';
import { type ItemRow, itemListItems, itemPhotos } from './catalogue';

/*
 * Item types (docs/decisions/023-rentals.md): what a point lends and on which terms. Terms apply to
 * bookings made after a change; a booking keeps the quote it was made with (rental_bookings.quote),
 * so nothing here touches bookings.
 */

type BodyOut<C> = C extends RouteContract<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.infer<B> : never;
type StaffItemView = z.infer<typeof c.staffItemView>;
type ItemBody = BodyOut<typeof c.createRentalItemType>;
type ItemPatch = BodyOut<typeof c.updateRentalItemType>;

const invalid = (message: string, path: string) =>
  new AppError('VALIDATION_FAILED', message, [{ in: 'body', path, message }]);

export async function staffItemViews(ctx: SignedIn, tx: Tx, rows: ItemRow[]): Promise<StaffItemView[]> {
  const [base, photos] = await Promise.all([
    itemListItems(ctx.deps, tx, rows),
    itemPhotos(
      ctx.deps,
      tx,
      rows.map((r) => r.id),
    ),
  ]);
  return base.map((b, i) => ({
    ...b,
    specs: rows[i].specs,
    hidden: rows[i].hidden,
    photos: photos.get(rows[i].id) ?? [],
  }));
}

/** The terms and text of an item type, for the audit log. */
const facts = (i: ItemRow, uploadIds: number[]) => ({
  pointId: i.pointId,
  category: i.category,
  name: i.name,
  feeKind: i.feeKind,
  feeFen: i.feeFen,
  periodDays: i.periodDays,
  depositFen: i.depositFen,
  subsidyPercent: i.subsidyPercent,
  subsidyFor: i.subsidyFor,
  maxDays: i.maxDays,
  perHousehold: i.perHousehold,
  selfService: i.selfService,
  bufferDays: i.bufferDays,
  delivery: i.delivery,
  hidden: i.hidden,
  uploadIds,
});

/**
 * The item's photos become exactly `ids`, in that order: uploads of the point's community, images
 * only. A photo taken off is an orphan again (the orphan job removes it) unless another item has it.
 */
async function setPhotos(ctx: SignedIn, tx: Tx, item: ItemRow, ids: number[]) {
  const rows = await attachUploads(tx, { communityId: item.communityId, ids, isPublic: false, now: ctx.deps.clock() });
  if (rows.length !== ids.length) throw invalid('有照片找不到了，请重新上传', 'uploadIds');
  if (rows.some((r) => r.kind !== 'image')) throw invalid('只能放照片', 'uploadIds');
  const dropped = (
    await tx
      .delete(rentalItemPhotos)
      .where(eq(rentalItemPhotos.itemTypeId, item.id))
      .returning({ id: rentalItemPhotos.uploadId })
  )
    .map((r) => r.id)
    .filter((id) => !ids.includes(id));
  if (dropped.length > 0)
    await tx
      .update(uploads)
      .set({ attachedAt: null })
      .where(
        and(
          inArray(uploads.id, dropped),
          notExists(tx.select({ one: sql`1` }).from(rentalItemPhotos).where(eq(rentalItemPhotos.uploadId, uploads.id))),
        ),
      );
  if (ids.length > 0)
    await tx
      .insert(rentalItemPhotos)
      .values(ids.map((uploadId, position) => ({ itemTypeId: item.id, uploadId, position })));
}

async function photoIdsOf(tx: Tx, itemTypeId: number) {
  const rows = await tx
    .select({ id: rentalItemPhotos.uploadId })
    .from(rentalItemPhotos)
    .where(eq(rentalItemPhotos.itemTypeId, itemTypeId))
    .orderBy(asc(rentalItemPhotos.position));
  return rows.map((r) => r.id);
}

/**
 * The terms after a change, checked as a whole (the contract checks what was sent; a change of
 * fee kind alone must still leave consistent terms).
 */
function mergedTerms(cur: ItemRow, input: ItemPatch) {
  const feeKind = input.feeKind ?? cur.feeKind;
  const periodDays = feeKind === 'per_period' ? (input.periodDays ?? cur.periodDays) : null;
  if (feeKind === 'per_period' && periodDays === null) throw invalid('按租期收费要填每期多少天', 'periodDays');
  const feeFen = input.feeFen ?? (feeKind === 'free' ? 0 : cur.feeFen);
  if (feeKind === 'free' && feeFen > 0) throw invalid('免费借用的租金应为0', 'feeFen');
  if (feeKind !== 'free' && feeFen === 0) throw invalid('请填写租金', 'feeFen');
  const depositFen = input.depositFen ?? cur.depositFen;
  if (feeKind === 'per_period' && depositFen > feeFen) throw invalid('押金不能超过一期的租金', 'depositFen');
  const subsidyPercent = input.subsidyPercent ?? cur.subsidyPercent;
  const subsidyFor = input.subsidyFor ?? cur.subsidyFor;
  if (subsidyPercent > 0 && subsidyFor.length === 0) throw invalid('请选择补贴给哪些人', 'subsidyFor');
  return { feeKind, periodDays, feeFen, depositFen, subsidyPercent, subsidyFor };
}

export async function listRentalItemTypes(
  ctx: SignedIn,
  communityId: number,
  query: { pointId?: number; category?: RentalCategory },
) {
  await requireRentalStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(rentalItemTypes)
    .where(
      and(
        eq(rentalItemTypes.communityId, communityId),
        query.pointId ? eq(rentalItemTypes.pointId, query.pointId) : undefined,
        query.category ? eq(rentalItemTypes.category, query.category) : undefined,
      ),
    )
    .orderBy(asc(rentalItemTypes.pointId), asc(rentalItemTypes.category), asc(rentalItemTypes.id));
  return { items: await staffItemViews(ctx, db, rows) };
}

export async function createRentalItemType(ctx: SignedIn, communityId: number, input: ItemBody) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_item.create', async (tx) => {
    const point = await requireOwnPoint(tx, communityId, input.pointId);
    if (point.archivedAt) throw new AppError('INVALID_STATE', '这个服务点已经停用了');
    const { uploadIds, ...fields } = input;
    const now = ctx.deps.clock();
    const [item] = await tx
      .insert(rentalItemTypes)
      .values({
        ...fields,
        communityId: point.communityId,
        specs: fields.specs ?? null,
        suitableFor: fields.suitableFor ?? null,
        periodDays: fields.feeKind === 'per_period' ? (fields.periodDays ?? null) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await setPhotos(ctx, tx, item, uploadIds);
    const [view] = await staffItemViews(ctx, tx, [item]);
    return { result: view, audit: { communityId, targetId: item.id, after: facts(item, uploadIds) } };
  });
}

export async function updateRentalItemType(ctx: SignedIn, communityId: number, itemId: number, input: ItemPatch) {
  await requireRentalStaff(ctx, communityId);
  return audited(ctx, 'rental_item.update', async (tx) => {
    await requireStaffItem(tx, communityId, itemId);
    const [before] = await tx.select().from(rentalItemTypes).where(eq(rentalItemTypes.id, itemId)).for('update');
    const beforePhotos = await photoIdsOf(tx, itemId);
    const { uploadIds, ...fields } = input;
    const [item] = await tx
      .update(rentalItemTypes)
      .set({ ...fields, ...mergedTerms(before, input), updatedAt: ctx.deps.clock() })
      .where(eq(rentalItemTypes.id, itemId))
      .returning();
    if (uploadIds !== undefined) await setPhotos(ctx, tx, item, uploadIds);
    const [view] = await staffItemViews(ctx, tx, [item]);
    return {
      result: view,
      audit: {
        communityId,
        targetId: itemId,
        before: facts(before, beforePhotos),
        after: facts(item, uploadIds ?? beforePhotos),
      },
    };
  });
}
