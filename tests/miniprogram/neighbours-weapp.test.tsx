import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MyData from '../../miniprogram/packages/legal/my-data/index';
import { type MyData as MyDataReply, myDataReply } from '../../shared/contracts/privacy';
import { fakeServer, resetApp, signInAs } from './helpers';
import Taro from './stubs/taro';

// What only the WeChat build does: the Excel copy is downloaded and opened, not saved by a browser.
vi.mock('../../miniprogram/lib/env', () => ({ isWeapp: true, isH5: false, apiBase: 'https://api.test' }));

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

/** Every section empty (all of them are lists), with the user and a few 找邻居 rows. */
const exported = {
  ...Object.fromEntries(Object.keys(myDataReply.shape).map((k) => [k, []])),
  exportedAt: '2026-11-28T02:00:00.000Z',
  user: { id: 7, nickname: null, avatarUrl: null, hasWechatIdentity: true, createdAt: '2026-11-01T02:00:00.000Z' },
  neighbourConsents: (['listed', 'name', 'building'] as const).map((field) => ({
    communityName: '梧桐里居委会',
    field,
    granted: true,
    textVersion: '2026-12-v1',
    createdAt: '2026-11-28T01:00:00.000Z',
  })),
} as unknown as MyDataReply;

describe('我的资料 in WeChat: 找邻居 and the Excel copy', () => {
  it('links to 我的授权记录 and opens GET /api/me/data.xlsx in the document viewer', async () => {
    signInAs('wechat');
    fakeServer({
      'GET /api/me/data': () => ({ body: exported }),
      'GET /api/auth/sessions': () => ({ body: { items: [] } }),
    });
    Taro.downloadFile.mockResolvedValueOnce({ tempFilePath: 'wxfile://tmp/data.xlsx', statusCode: 200 });
    render(<MyData />);
    await waitFor(() => expect($('#my-data-neighbours')).toBeTruthy());
    expect($('#my-data-neighbours')?.textContent).toContain('授权记录：3条');
    fireEvent.click($('#my-data-consents') as HTMLElement);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/neighbours/consents/index' });

    expect($('#my-data-xlsx')?.textContent).toBe('打开我的资料（Excel 表格）');
    fireEvent.click($('#my-data-xlsx') as HTMLElement);
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    const download = Taro.downloadFile.mock.calls[0][0] as { url: string; header: Record<string, string> };
    expect(download.url).toBe('https://api.test/api/me/data.xlsx');
    expect(download.header.Authorization).toBe('Bearer tok-1');
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/data.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
  });
});
