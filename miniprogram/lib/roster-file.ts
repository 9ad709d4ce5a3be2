import Taro from '@tarojs/taro';
import { ROSTER_MAX_BYTES } from '../../shared/contracts/households';
import { isWeapp } from './env';

/**
 * Getting a roster file in and the template out, on both platforms: H5 uses the browser's file
 * input and a download link; WeChat picks a file from a chat (chooseMessageFile) and opens the
 * template with openDocument (a mini-program cannot save into the phone's folders).
 */

export interface PickedFile {
  name: string;
  size: number;
  bytes: ArrayBuffer;
}

export const TOO_LARGE = `文件太大了，最大${Math.round(ROSTER_MAX_BYTES / 1024 / 1024)}MB`;

/** Asks for an .xlsx or .csv file; null when the user cancels. */
export function pickRosterFile(): Promise<PickedFile | null> {
  return isWeapp ? pickInWechat() : pickInBrowser();
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
    input.style.display = 'none';
    input.id = 'roster-file-input';
    document.body.appendChild(input);
    const done = () => input.remove();
    input.addEventListener('cancel', () => {
      done();
      resolve(null);
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done();
      if (!file) return resolve(null);
      file.arrayBuffer().then((bytes) => resolve({ name: file.name, size: file.size, bytes }), reject);
    });
    input.click();
  });
}

async function pickInWechat(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
  } catch {
    return null; // cancelled
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: reject,
    }),
  );
  return { name: file.name, size: file.size, bytes };
}

/** Downloads the template (H5: saved by the browser; WeChat: opened, to forward or save from there). */
export async function downloadTemplate(request: { url: string; token: string | null }): Promise<void> {
  const header: Record<string, string> = request.token ? { Authorization: `Bearer ${request.token}` } : {};
  if (isWeapp) {
    const reply = await Taro.downloadFile({ url: request.url, header });
    if (reply.statusCode !== 200) throw new Error(`template: ${reply.statusCode}`);
    await Taro.openDocument({ filePath: reply.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const reply = await fetch(request.url, { headers: header });
  if (!reply.ok) throw new Error(`template: ${reply.status}`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await reply.blob());
  link.download = '房屋名册模板.xlsx';
  link.id = 'roster-template-link';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
