import type { UploadReply } from '../../../shared/contracts/uploads';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { processUpload, saveUpload, uploadView } from '../../platform/files';
import { requireWriter } from './access';
import { refuseTooManyPhotos } from './limits';

/**
 * A resident's photo for a post: an image only, members-only, without its file name (a
 * phone's name for a photo can say who took it), an orphan until a post takes it. The
 * uploads service does the checking and storing (server/platform/files).
 */
export async function uploadPhoto(ctx: SignedIn, communityId: number, bytes: Buffer): Promise<UploadReply> {
  const writer = await requireWriter(ctx, communityId);
  await refuseTooManyPhotos(ctx.deps.database.db, writer.userId, ctx.deps.clock());
  const file = await processUpload(bytes);
  if (file.kind !== 'image') throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', '只能上传照片（JPG、PNG、WebP、HEIC）');
  const row = await saveUpload(ctx, { communityId, file, name: null, isPublic: false });
  return uploadView(ctx.deps, row);
}
