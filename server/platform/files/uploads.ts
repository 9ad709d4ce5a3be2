import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { MyData } from '../../../shared/contracts/privacy';
import type { UploadKind } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { communities, uploads } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import type { PersonalData } from '../personal-data';
import type { ProcessedFile } from './process';
import { FILE_KEY, fileKeyOf } from './store';
import { fileName, fileUrl } from './urls';

/** An orphan (never attached) is removed this long after its upload. */
export const ORPHAN_AFTER_MS = 24 * 3_600_000;

/** The first key of a stored file's lock (pg_advisory_xact_lock(int, int)): storing and removing never cross. */
const FILE_LOCK = 0x46494c45;

const lockKeys = (tx: Tx, keys: string[]) =>
  Promise.all(
    [...new Set(keys)]
      .sort()
      .map((key) => tx.execute(sql`select pg_advisory_xact_lock(${FILE_LOCK}, hashtext(${key}))`)),
  );

export type UploadRow = typeof uploads.$inferSelect;

/** What a caller is told about an upload: URLs signed unless the upload is public. */
export interface UploadView {
  id: number;
  kind: UploadKind;
  name: string | null;
  byteSize: number;
  width: number | null;
  height: number | null;
  isPublic: boolean;
  urls: { display: string | null; thumbnail: string | null; original: string | null };
}

export function uploadView(deps: AppDeps, row: UploadRow, now = deps.clock()): UploadView {
  const url = (key: string) => fileUrl(deps.files.signingKey, fileName(key, row.kind), row.isPublic, now);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    isPublic: row.isPublic,
    urls:
      row.kind === 'image'
        ? { display: url(row.fileKey), thumbnail: row.thumbKey ? url(row.thumbKey) : null, original: null }
        : { display: null, thumbnail: null, original: url(row.fileKey) },
  };
}

/**
 * Stores a checked file and records it as an orphan of the community until a feature
 * attaches it. The files are written under a lock on their keys, in the transaction that
 * inserts the row, so the orphan job never removes a file a new row is about to name.
 */
export async function saveUpload(
  ctx: SignedIn,
  input: { communityId: number; file: ProcessedFile; name: string | null; isPublic: boolean },
): Promise<UploadRow> {
  const { store } = ctx.deps.files;
  const { file } = input;
  const keys = [fileKeyOf(file.file), ...(file.thumb ? [fileKeyOf(file.thumb)] : [])];
  return ctx.deps.database.db.transaction(async (tx) => {
    await lockKeys(tx, keys);
    const fileKey = await store.put(file.file);
    const thumbKey = file.thumb ? await store.put(file.thumb) : null;
    const [row] = await tx
      .insert(uploads)
      .values({
        communityId: input.communityId,
        uploadedBy: ctx.actor.userId,
        kind: file.kind,
        fileKey,
        thumbKey,
        name: input.name,
        byteSize: file.file.length,
        width: file.width,
        height: file.height,
        isPublic: input.isPublic,
        createdAt: ctx.deps.clock(),
      })
      .returning();
    return row;
  });
}

/**
 * For features: takes uploads of the community into an object (a notice, a post), setting
 * who may read them. Returns the rows it attached; ids of other communities are left out,
 * so the caller can refuse them.
 */
export async function attachUploads(
  tx: Tx,
  input: { communityId: number; ids: number[]; isPublic: boolean; now: Date },
): Promise<UploadRow[]> {
  if (input.ids.length === 0) return [];
  return tx
    .update(uploads)
    .set({
      attachedAt: sql`coalesce(${uploads.attachedAt}, ${input.now.toISOString()}::timestamptz)`,
      isPublic: input.isPublic,
    })
    .where(and(eq(uploads.communityId, input.communityId), inArray(uploads.id, input.ids)))
    .returning();
}

/** The served name's parts: a file key and its extension. */
const SERVED = /^([0-9a-f]{64})\.(jpg|pdf)$/;

/** A stored file and whether anyone may read it without a signature; null when no upload names it. */
export async function findServedFile(
  deps: AppDeps,
  name: string,
): Promise<{ key: string; kind: UploadKind; isPublic: boolean } | null> {
  const match = SERVED.exec(name);
  if (!match) return null;
  const [, key, ext] = match;
  const kind: UploadKind = ext === 'pdf' ? 'pdf' : 'image';
  const rows = await deps.database.db
    .select({ isPublic: uploads.isPublic })
    .from(uploads)
    .where(and(eq(uploads.kind, kind), or(eq(uploads.fileKey, key), eq(uploads.thumbKey, key))));
  if (rows.length === 0) return null;
  return { key, kind, isPublic: rows.some((r) => r.isPublic) };
}

/** Deletes the rows and then each of their files no remaining row names. */
async function removeUploads(deps: AppDeps, where: ReturnType<typeof and>): Promise<number> {
  const db = deps.database.db;
  const rows = await db
    .delete(uploads)
    .where(where)
    .returning({ fileKey: uploads.fileKey, thumbKey: uploads.thumbKey });
  const keys = [...new Set(rows.flatMap((r) => [r.fileKey, r.thumbKey]).filter((k): k is string => Boolean(k)))];
  for (const key of keys) {
    if (!FILE_KEY.test(key)) continue;
    await db.transaction(async (tx) => {
      await lockKeys(tx, [key]);
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(uploads)
        .where(or(eq(uploads.fileKey, key), eq(uploads.thumbKey, key)));
      if (n === 0) await deps.files.store.delete(key);
    });
  }
  return rows.length;
}

/**
 * Removes uploads no feature attached within a day and the files nothing else uses, and
 * what writes cut short a day ago left in the store.
 */
export async function removeOrphanUploads(deps: AppDeps): Promise<{ uploads: number; temporary: number }> {
  const before = new Date(deps.clock().getTime() - ORPHAN_AFTER_MS);
  const removed = await removeUploads(deps, and(isNull(uploads.attachedAt), lt(uploads.createdAt, before)));
  // Temporary files are dated by the machine's clock, not the app's.
  const temporary = (await deps.files.store.sweep?.(new Date(Date.now() - ORPHAN_AFTER_MS))) ?? 0;
  return { uploads: removed, temporary };
}

/**
 * Who uploaded what is about that person: listed in their copy. On deletion the rows lose
 * the uploader: attached ones belong to the committee's notice or post and stay; unattached
 * ones are orphans the job removes, with their files, within a day.
 */
export const uploadData: PersonalData<MyData['uploads']> = {
  table: uploads,
  columns: [uploads.uploadedBy],
  async exportFor(db, ctx) {
    const rows = await db
      .select({ u: uploads, communityName: communities.name })
      .from(uploads)
      .innerJoin(communities, eq(communities.id, uploads.communityId))
      .where(eq(uploads.uploadedBy, ctx.actor.userId))
      .orderBy(desc(uploads.id));
    return rows.map(({ u, communityName }) => ({
      communityName,
      kind: u.kind,
      name: u.name,
      byteSize: u.byteSize,
      createdAt: u.createdAt.toISOString(),
      attached: u.attachedAt !== null,
    }));
  },
  async erase(tx, ctx) {
    await tx.update(uploads).set({ uploadedBy: null }).where(eq(uploads.uploadedBy, ctx.actor.userId));
    return [];
  },
};
