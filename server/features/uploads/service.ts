import { basename } from 'node:path';
import type { UploadReply } from '../../../shared/contracts/uploads';
import { text } from '../../../shared/text';
import type { ServiceContext, SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { checkSignature, findServedFile, processUpload, saveUpload, uploadView } from '../../platform/files';

const cleanName = text({ min: 1, max: 100 });

/** The name from the form, without folders or hidden characters; null when nothing sensible is left. */
function fileNameFrom(raw: string | null): string | null {
  if (!raw) return null;
  const parsed = cleanName.safeParse(basename(raw.replaceAll('\\', '/')).slice(0, 100));
  return parsed.success ? parsed.data : null;
}

/**
 * A staff member's upload for their community (the route's level checked they moderate
 * it). Everything is checked before anything is stored: a refused file leaves no row and
 * no bytes.
 */
export async function uploadForCommunity(
  ctx: SignedIn,
  communityId: number,
  input: { bytes: Buffer; fileName: string | null; visibility: 'members' | 'public' },
): Promise<UploadReply> {
  const file = await processUpload(input.bytes);
  const row = await saveUpload(ctx, {
    communityId,
    file,
    name: fileNameFrom(input.fileName),
    isPublic: input.visibility === 'public',
  });
  return uploadView(ctx.deps, row);
}

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * A stored file for GET /api/files/:name: a public upload's file to anyone, any other only
 * with a good, unexpired signature. Every refusal is the same 404, so a guessed or altered
 * URL learns nothing about what exists.
 */
export async function serveFile(ctx: ServiceContext, name: string, query: { exp?: number; sig?: string }) {
  const { deps } = ctx;
  const now = deps.clock();
  const signed =
    query.exp !== undefined &&
    query.sig !== undefined &&
    checkSignature(deps.files.signingKey, name, query.exp, query.sig, now);
  const found = await findServedFile(deps, name);
  if (!found || (!found.isPublic && !signed)) throw new AppError('NOT_FOUND');
  const stream = await deps.files.store.stream(found.key);
  if (!stream) throw new AppError('NOT_FOUND');
  const secondsLeft = signed && query.exp ? Math.max(0, query.exp - Math.floor(now.getTime() / 1000)) : 0;
  return {
    filename: name,
    stream,
    contentType: found.kind === 'pdf' ? 'application/pdf' : 'image/jpeg',
    // Images show in place; a PDF downloads (a browser never renders it as our page).
    inline: found.kind === 'image',
    // Content-addressed: the bytes under a name never change.
    cacheControl: found.isPublic ? `public, max-age=${YEAR_SECONDS}, immutable` : `private, max-age=${secondsLeft}`,
    etag: found.key,
  };
}
