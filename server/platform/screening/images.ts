import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { ContentSubject } from '../../../shared/enums';
import type { ServiceContext } from '../../core/context';
import { mediaChecks, uploads, users } from '../../db/schema';
import type { Tx } from '../../deps';
import { fileName, fileUrl } from '../files';
import { defineJob, enqueue, type JobRegistry, PermanentJobError } from '../jobs';
import { settleSubject } from './verdicts';

export interface ImageCheckRequest {
  communityId: number;
  userId: number;
  subject: ContentSubject;
  subjectId: number;
  uploadIds: number[];
}

/** Sends one image to media_check_async. */
export const MEDIA_CHECK_JOB = 'screening.media_check';
const FORUM_SCENE = 3;

/**
 * In the item's transaction, after it is written: one media_checks row per image (pending)
 * and a job per row that sends it to WeChat. True when the item must wait (held with
 * images_pending) for the verdicts; false with the local adapter, without images, or for an
 * author WeChat does not know (a staff account: no openid to check against).
 */
export async function queueImageChecks(tx: Tx, ctx: ServiceContext, request: ImageCheckRequest): Promise<boolean> {
  if (ctx.deps.wechat.kind === 'local' || request.uploadIds.length === 0) return false;
  const [author] = await tx.select({ openid: users.openid }).from(users).where(eq(users.id, request.userId));
  if (!author?.openid) return false;
  const rows = await tx
    .insert(mediaChecks)
    .values(
      [...new Set(request.uploadIds)].map((uploadId) => ({
        communityId: request.communityId,
        uploadId,
        subject: request.subject,
        subjectId: request.subjectId,
      })),
    )
    .returning({ id: mediaChecks.id });
  for (const row of rows) {
    await enqueue(tx, {
      name: MEDIA_CHECK_JOB,
      key: `${MEDIA_CHECK_JOB}:${row.id}`,
      payload: { checkId: row.id, userId: request.userId },
      requestId: ctx.requestId,
    });
  }
  return true;
}

/** The absolute, signed address WeChat fetches the image from. */
function publicImageUrl(ctx: ServiceContext, upload: { fileKey: string; kind: 'image' | 'pdf'; isPublic: boolean }) {
  const base = ctx.deps.config.PUBLIC_BASE_URL;
  if (!base) throw new PermanentJobError('PUBLIC_BASE_URL is not set: WeChat cannot fetch images to check');
  const path = fileUrl(
    ctx.deps.files.signingKey,
    fileName(upload.fileKey, upload.kind),
    upload.isPublic,
    ctx.deps.clock(),
  );
  return `${base.replace(/\/$/, '')}${path}`;
}

export function screeningJobs(): JobRegistry {
  return {
    [MEDIA_CHECK_JOB]: defineJob({
      payload: z.object({ checkId: z.number().int().positive(), userId: z.number().int().positive() }),
      maxAttempts: 5,
      async run(payload, ctx, job) {
        const db = ctx.deps.database.db;
        const [row] = await db
          .select({ check: mediaChecks, upload: uploads })
          .from(mediaChecks)
          .innerJoin(uploads, eq(uploads.id, mediaChecks.uploadId))
          .where(eq(mediaChecks.id, payload.checkId));
        if (row?.check.status !== 'pending' || row.check.traceId) return;
        const [author] = await db.select({ openid: users.openid }).from(users).where(eq(users.id, payload.userId));
        const sent = author?.openid
          ? await ctx.deps.wechat.mediaCheckAsync(author.openid, publicImageUrl(ctx, row.upload), FORUM_SCENE)
          : ({ ok: false, errcode: null, retryable: false } as const);
        if (sent.ok) {
          await db
            .update(mediaChecks)
            .set({ traceId: sent.traceId })
            .where(and(eq(mediaChecks.id, row.check.id), isNull(mediaChecks.traceId)));
          return;
        }
        if (sent.retryable && job.attempt < job.maxAttempts) {
          throw new Error(`media_check_async failed (errcode ${sent.errcode ?? 'none'}); will retry`);
        }
        // WeChat will not check this image: a moderator decides (the item waits in the review queue).
        ctx.deps.logger.warn('screening: image not checked by WeChat; left to a moderator', {
          checkId: row.check.id,
          errcode: sent.errcode,
        });
        await db.transaction(async (tx) => {
          const changed = await tx
            .update(mediaChecks)
            .set({ status: 'review', decidedAt: ctx.deps.clock() })
            .where(and(eq(mediaChecks.id, row.check.id), eq(mediaChecks.status, 'pending')))
            .returning({ id: mediaChecks.id });
          if (changed.length > 0) await settleSubject(tx, ctx, row.check.subject, row.check.subjectId);
        });
      },
    }),
  };
}
