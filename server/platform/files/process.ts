import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import type { UploadKind } from '../../../shared/enums';
import { AppError } from '../../core/errors';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const PDF_MAX_BYTES = 20 * 1024 * 1024;
/** Decoded size limit: a 40-megapixel photo is larger than any phone takes. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const DISPLAY_MAX_SIDE = 1600;
export const THUMB_MAX_SIDE = 400;

/** Types decided from the bytes; anything else is refused, whatever its name says. */
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);

export interface ProcessedFile {
  kind: UploadKind;
  /** What is served: the re-encoded JPEG, or the PDF as sent. */
  file: Buffer;
  contentType: string;
  thumb: Buffer | null;
  width: number | null;
  height: number | null;
}

/**
 * Checks uploaded bytes and turns them into what is stored. The type comes from the bytes
 * (file-type), never from the name or the Content-Type. Images are decoded and re-encoded
 * (orientation applied, every bit of metadata dropped: phone photos carry the home's GPS
 * position), at most 1600 px on the longest side, with a 400 px thumbnail. A PDF is kept as
 * sent once its header and end marker are there. Throws a 4xx AppError; stores nothing.
 */
export async function processUpload(bytes: Buffer): Promise<ProcessedFile> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === 'application/pdf') return checkPdf(bytes);
  if (type && imageTypes.has(type.mime)) return processImage(bytes, type.mime);
  throw new AppError('UPLOAD_TYPE_NOT_ALLOWED');
}

function checkPdf(bytes: Buffer): ProcessedFile {
  if (bytes.length > PDF_MAX_BYTES) throw new AppError('UPLOAD_TOO_LARGE', 'PDF 文件太大了，最大20MB');
  // The header, and the end-of-file marker near the end (a cut-off download has none).
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-' || !tail.includes('%%EOF')) {
    throw new AppError('UPLOAD_UNREADABLE', 'PDF 文件不完整或已损坏，请重新导出后再上传');
  }
  return { kind: 'pdf', file: bytes, contentType: 'application/pdf', thumb: null, width: null, height: null };
}

async function processImage(bytes: Buffer, mime: string): Promise<ProcessedFile> {
  if (bytes.length > IMAGE_MAX_BYTES) throw new AppError('UPLOAD_TOO_LARGE', '图片太大了，最大10MB');
  // The header alone says the size, before any pixel is decoded (so no pixel limit here).
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(mime);
  }
  if (!meta.width || !meta.height) throw unreadable(mime);
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new AppError('UPLOAD_TOO_MANY_PIXELS');
  // limitInputPixels again, for a header that lies; failOn 'warning' refuses a truncated file.
  const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
    .rotate()
    .flatten({ background: '#ffffff' });
  const encode = (side: number, quality: number) =>
    input
      .clone()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  try {
    const [display, thumb] = await Promise.all([encode(DISPLAY_MAX_SIDE, 82), encode(THUMB_MAX_SIDE, 75)]);
    return {
      kind: 'image',
      file: display.data,
      contentType: 'image/jpeg',
      thumb: thumb.data,
      width: display.info.width,
      height: display.info.height,
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new AppError('UPLOAD_TOO_MANY_PIXELS');
    throw unreadable(mime);
  }
}

function unreadable(mime: string) {
  // The prebuilt libvips reads AVIF-coded HEIF only; an iPhone's HEVC photo lands here.
  if (mime === 'image/heic' || mime === 'image/heif') {
    return new AppError('UPLOAD_UNREADABLE', '这张照片是 HEIC 格式，暂时打不开，请截图后上传截图，或换一张 JPG 照片');
  }
  return new AppError('UPLOAD_UNREADABLE', '图片打不开或已损坏，请换一张再上传');
}
