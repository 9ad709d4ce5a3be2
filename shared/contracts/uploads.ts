import { z } from 'zod';
import { uploadKinds } from '../enums';
import { text } from '../text';
import { communityParams } from './common';
import { defineFileRoute, defineUploadRoute, fileResponse } from './route';

/** The largest file a form may carry (a PDF); images stop at 10 MB, after their type is known. */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** A URL of a stored file: plain when public, else signed and valid one to two hours. */
const fileUrl = z.string().regex(/^\/api\/files\/[0-9a-f]{64}\.(jpg|pdf)(\?exp=\d+&sig=[A-Za-z0-9_-]+)?$/);

export const uploadReply = z.object({
  id: z.number().int(),
  kind: z.enum(uploadKinds),
  /** The file's name on the uploader's phone, when the form gave one. */
  name: z.string().nullable(),
  byteSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  isPublic: z.boolean(),
  urls: z.object({
    /** Images: at most 1600 px on the longest side, JPEG, without metadata. */
    display: fileUrl.nullable(),
    /** Images: at most 400 px. */
    thumbnail: fileUrl.nullable(),
    /** PDFs: the file as sent. */
    original: fileUrl.nullable(),
  }),
});
export type UploadReply = z.infer<typeof uploadReply>;

export const uploadFile = defineUploadRoute({
  method: 'POST',
  path: '/api/committees/:communityId/uploads',
  summary:
    'Upload a photo (JPEG, PNG, WebP, HEIC; ≤ 10 MB) or a PDF (≤ 20 MB) as the `file` field of a multipart form; the type is read from the bytes, photos are re-encoded without metadata. The upload is an orphan, removed after a day, until a feature (a notice) attaches it',
  tag: 'uploads',
  auth: 'staff',
  errors: ['UPLOAD_TYPE_NOT_ALLOWED', 'UPLOAD_TOO_LARGE', 'UPLOAD_UNREADABLE', 'UPLOAD_TOO_MANY_PIXELS'],
  params: communityParams,
  query: z.object({
    /** `public`: served by plain URL to anyone (公示, emergencies); `members` (default): signed URLs only. */
    visibility: z.enum(['members', 'public'], { error: '请选择文件给谁看：本社区居民或所有人' }).default('members'),
  }),
  upload: {
    maxBytes: UPLOAD_MAX_BYTES,
    description: 'One photo or PDF as the `file` field of multipart/form-data (what Taro.uploadFile sends)',
    multipart: { field: 'file' },
  },
  status: 201,
  response: uploadReply,
});

const LINK_BROKEN = '文件链接不完整，请重新打开';

export const getFile = defineFileRoute({
  method: 'GET',
  path: '/api/files/:name',
  summary:
    'A stored file: public uploads by plain URL (cached for a year), the others only with the `exp` and `sig` of a signed URL from an upload reply; a bad or expired signature is told the same as a missing file',
  tag: 'uploads',
  auth: 'public',
  errors: ['NOT_FOUND'],
  params: z.object({
    name: text({ max: 68, pattern: /^[0-9a-f]{64}\.(jpg|pdf)$/, messages: '文件地址不对，请重新打开' }),
  }),
  query: z.object({
    exp: z.coerce
      .number({ error: LINK_BROKEN })
      .int(LINK_BROKEN)
      .positive(LINK_BROKEN)
      .max(Number.MAX_SAFE_INTEGER, LINK_BROKEN)
      .optional(),
    sig: text({ max: 100, pattern: /^[A-Za-z0-9_-]+$/, messages: LINK_BROKEN }).optional(),
  }),
  response: fileResponse('image/jpeg', ['application/pdf']),
});
