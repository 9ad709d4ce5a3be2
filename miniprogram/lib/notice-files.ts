import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { RouteContract } from '../../shared/contracts/route';
import { type UploadReply, uploadFile, uploadReply } from '../../shared/contracts/uploads';
import { isErrorBody } from '../../shared/errors';
import { ApiError, buildUrl, clientMessages, fileToken, showError } from '../api/client';
import { apiBase, isWeapp } from './env';

/**
 * A notice's photos and PDFs in, its Excel figures out, on both platforms. The upload route takes
 * a multipart form (field `file`), which the JSON api client does not send: WeChat sends it with
 * Taro.uploadFile, a browser with fetch and FormData; both with the staff token, and the reply is
 * parsed with the contract's own schema.
 */

export type NoticeFileKind = 'image' | 'pdf';

/** A file chosen on the phone (a temp path) or in the browser (a File). */
export interface ChosenFile {
  name: string;
  path?: string;
  blob?: Blob;
}

/** Asks for up to `count` photos or PDFs; [] when the user cancels. */
export function chooseNoticeFiles(kind: NoticeFileKind, count: number): Promise<ChosenFile[]> {
  if (count <= 0) return Promise.resolve([]);
  return isWeapp ? chooseInWechat(kind, count) : chooseInBrowser(kind, count);
}

async function chooseInWechat(kind: NoticeFileKind, count: number): Promise<ChosenFile[]> {
  try {
    if (kind === 'image') {
      const chosen = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] });
      return chosen.tempFiles.map((f, i) => ({ name: `照片${i + 1}.jpg`, path: f.tempFilePath }));
    }
    // A PDF reaches a phone through a chat: WeChat picks files from there.
    const chosen = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] });
    return chosen.tempFiles.map((f) => ({ name: f.name, path: f.path }));
  } catch {
    return []; // cancelled
  }
}

function chooseInBrowser(kind: NoticeFileKind, count: number): Promise<ChosenFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = count > 1;
    input.accept = kind === 'image' ? 'image/jpeg,image/png,image/webp,image/heic,image/heif' : '.pdf,application/pdf';
    input.style.display = 'none';
    input.id = 'notice-file-input';
    document.body.appendChild(input);
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])].slice(0, count);
      input.remove();
      resolve(files.map((f) => ({ name: f.name, blob: f })));
    });
    input.click();
  });
}

function parseReply(statusCode: number, raw: unknown): UploadReply {
  let data = raw;
  if (typeof data === 'string' && data.length > 0) {
    try {
      data = JSON.parse(data);
    } catch {
      // not JSON: a proxy's page
    }
  }
  if (statusCode < 200 || statusCode >= 300) {
    if (isErrorBody(data)) {
      const { code, message, details } = data.error;
      throw new ApiError(statusCode, code, message, details);
    }
    throw new ApiError(statusCode, statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL', '文件没有传上去，请稍后再试');
  }
  const parsed = uploadReply.safeParse(data);
  if (!parsed.success) throw new ApiError(statusCode, 'BAD_RESPONSE', clientMessages.BAD_RESPONSE);
  return parsed.data;
}

/**
 * Sends one chosen file to the upload route; `isPublic` decides who may fetch it (the notice's
 * 公开 switch; publishing sets it again to the notice's). Toasts the server's message and throws.
 */
export function uploadNoticeFile(communityId: number, file: ChosenFile, isPublic: boolean): Promise<UploadReply> {
  return sendFile(uploadFile, { communityId }, { visibility: isPublic ? 'public' : 'members' }, file);
}

/**
 * Posts one chosen file as the `file` field of a multipart form to an upload route (its contract
 * gives the address and who signs it); the reply is parsed with the uploads' schema. Toasts the
 * server's message and throws.
 */
export async function sendFile(
  route: RouteContract<z.ZodType, z.ZodType, z.ZodType, z.ZodType>,
  params: Record<string, unknown>,
  query: Record<string, unknown>,
  file: ChosenFile,
): Promise<UploadReply> {
  const url = buildUrl(route, params, query);
  const token = await fileToken(route);
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  try {
    if (isWeapp) {
      let reply: { statusCode: number; data: unknown };
      try {
        reply = await Taro.uploadFile({ url, filePath: file.path ?? '', name: 'file', header });
      } catch {
        throw new ApiError(0, 'NETWORK', clientMessages.NETWORK);
      }
      return parseReply(reply.statusCode, reply.data);
    }
    const form = new FormData();
    form.append('file', file.blob ?? new Blob([]), file.name);
    let reply: Response;
    try {
      reply = await fetch(url, { method: 'POST', headers: { ...header, Accept: 'application/json' }, body: form });
    } catch {
      throw new ApiError(0, 'NETWORK', clientMessages.NETWORK);
    }
    return parseReply(reply.status, await reply.text());
  } catch (error) {
    showError(error instanceof ApiError ? error.message : '文件没有传上去，请稍后再试');
    throw error;
  }
}

/** A file path of an upload reply (`/api/files/…`) as a full address. */
export const fileUrl = (path: string | null): string => (path ? `${apiBase}${path}` : '');

/**
 * Downloads an Excel file of a staff route (H5: saved by the browser under `fileName`; WeChat:
 * opened, to forward or save from there — a mini-program cannot write into the phone's folders).
 */
export async function downloadXlsx(request: { url: string; token: string | null }, fileName: string): Promise<void> {
  const header: Record<string, string> = request.token ? { Authorization: `Bearer ${request.token}` } : {};
  if (isWeapp) {
    const reply = await Taro.downloadFile({ url: request.url, header });
    if (reply.statusCode !== 200) throw new Error(`xlsx: ${reply.statusCode}`);
    await Taro.openDocument({ filePath: reply.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const reply = await fetch(request.url, { headers: header });
  if (!reply.ok) throw new Error(`xlsx: ${reply.status}`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await reply.blob());
  link.download = fileName;
  link.id = 'xlsx-download-link';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
