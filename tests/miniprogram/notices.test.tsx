import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paragraphs, splitPhones } from '../../miniprogram/components/notice/body';
import { NoticeView, type NoticeViewProps } from '../../miniprogram/components/notice/NoticeView';
import { resetApp } from './helpers';
import { hex, image, pdf } from './notice-fixtures';
import Taro from './stubs/taro';

beforeEach(resetApp);
afterEach(() => vi.restoreAllMocks());

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const $$ = (selector: string) => [...document.querySelectorAll(selector)] as HTMLElement[];

function view(over: Partial<NoticeViewProps> = {}): NoticeViewProps {
  return {
    title: '今晚停水',
    category: 'notice',
    communityName: '梅园居委会',
    publishedAt: '2026-11-03T02:00:00.000Z',
    editedAt: null,
    expired: false,
    body: '因抢修，今晚停水。\n\n请打 021-62345678 或 13912345678 询问。',
    attachments: [],
    ...over,
  };
}

describe('the notice body', () => {
  it('is cut into paragraphs, blank lines dropped', () => {
    expect(paragraphs('第一段\n\n  第二段  \r\n第三段\n')).toEqual(['第一段', '第二段', '第三段']);
  });

  it('finds mobiles and landlines, but not phones inside longer numbers', () => {
    expect(splitPhones('电话021-62345678，手机13912345678。')).toEqual([
      { kind: 'text', text: '电话' },
      { kind: 'phone', text: '021-62345678', number: '02162345678' },
      { kind: 'text', text: '，手机' },
      { kind: 'phone', text: '13912345678', number: '13912345678' },
      { kind: 'text', text: '。' },
    ]);
    expect(splitPhones('订单号 1391234567890123，房号 301')).toEqual([
      { kind: 'text', text: '订单号 1391234567890123，房号 301' },
    ]);
    expect(splitPhones('0571 以外 12345678901')).toEqual([{ kind: 'text', text: '0571 以外 12345678901' }]);
  });
});

describe('NoticeView', () => {
  it('shows the category, title, community, time and the body in paragraphs', () => {
    render(<NoticeView {...view({ editedAt: '2026-11-03T04:30:00.000Z' })} />);
    expect($('#notice-category')?.textContent).toBe('通知');
    expect($('#notice-title')?.textContent).toBe('今晚停水');
    expect($('#notice-meta')?.textContent).toBe('梅园居委会 · 2026年11月3日 10:00');
    expect($('#notice-edited')?.textContent).toBe('已更新 2026年11月3日 12:30');
    expect($('#notice-expired')).toBeNull();
    expect($$('.notice-paragraph').map((p) => p.textContent)).toEqual([
      '因抢修，今晚停水。',
      '请打 021-62345678 或 13912345678 询问。',
    ]);
  });

  it('marks 紧急 strongly and 已过期', () => {
    render(<NoticeView {...view({ category: 'urgent', expired: true })} />);
    expect($('#notice-category')?.textContent).toBe('紧急');
    expect($('#notice-category')?.className).toContain('notice-tag--urgent');
    expect($('#notice-view')?.className).toContain('notice-view--urgent');
    expect($('#notice-expired')?.textContent).toBe('已过期');
  });

  it('dials a phone number in the body when tapped', () => {
    render(<NoticeView {...view()} />);
    const phones = $$('.notice-phone');
    expect(phones.map((p) => p.textContent)).toEqual(['021-62345678', '13912345678']);
    fireEvent.click(phones[0]);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '02162345678' });
  });

  it('shows up to 9 photos as thumbnails and previews the display size of the one tapped', () => {
    const photos = Array.from({ length: 10 }, (_, i) => image(i + 1));
    render(<NoticeView {...view({ attachments: [...photos, pdf(50)] })} />);
    const thumbs = $$('.notice-image') as HTMLImageElement[];
    expect(thumbs).toHaveLength(9);
    expect(thumbs[0].getAttribute('src')).toBe(`http://api.test/api/files/${hex(1001)}.jpg`);
    fireEvent.click(thumbs[2].parentElement as HTMLElement);
    const call = Taro.previewImage.mock.calls[0][0];
    expect(call.urls).toHaveLength(9);
    expect(call.urls[0]).toBe(`http://api.test/api/files/${hex(1)}.jpg`);
    expect(call.current).toBe(`http://api.test/api/files/${hex(3)}.jpg`);
  });

  it('lists PDFs as rows and opens one in the browser (H5)', () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<NoticeView {...view({ attachments: [pdf(50), pdf(51, null)] })} />);
    expect($('#notice-pdf-0')?.textContent).toContain('停水通知.pdf');
    expect($('#notice-pdf-0')?.textContent).toContain('1.5 MB');
    expect($('#notice-pdf-1')?.textContent).toContain('附件2.pdf');
    fireEvent.click($('#notice-pdf-0') as HTMLElement);
    expect(open).toHaveBeenCalledWith(
      `http://api.test/api/files/${hex(50)}.pdf?exp=1900000000&sig=abc_DEF-1`,
      '_blank',
    );
    expect(Taro.downloadFile).not.toHaveBeenCalled();
  });
});
