import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeView } from '../../miniprogram/components/notice/NoticeView';
import { resetApp } from './helpers';
import { pdf } from './notice-fixtures';
import Taro from './stubs/taro';

// What only the WeChat build does.
vi.mock('../../miniprogram/lib/env', () => ({ isWeapp: true, isH5: false, apiBase: 'https://api.test' }));

beforeEach(resetApp);

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;

describe('NoticeView in WeChat', () => {
  it('downloads a PDF and opens it in the document viewer with its menu', async () => {
    render(
      <NoticeView
        title="t"
        category="notice"
        communityName="c"
        publishedAt={null}
        editedAt={null}
        expired={false}
        body="b"
        attachments={[pdf(50)]}
      />,
    );
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(Taro.downloadFile.mock.calls[0][0].url).toMatch(/^https:\/\/api\.test\/api\/files\/0+32\.pdf\?exp=/);
    expect(Taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/file.pdf',
      fileType: 'pdf',
      showMenu: true,
    });
  });

  it('says so when the PDF cannot be downloaded', async () => {
    Taro.downloadFile.mockResolvedValueOnce({ tempFilePath: '', statusCode: 404 });
    render(
      <NoticeView
        title="t"
        category="notice"
        communityName="c"
        publishedAt={null}
        editedAt={null}
        expired={false}
        body="b"
        attachments={[pdf(50)]}
      />,
    );
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件打不开，请稍后再试' })),
    );
    expect(Taro.openDocument).not.toHaveBeenCalled();
  });
});
