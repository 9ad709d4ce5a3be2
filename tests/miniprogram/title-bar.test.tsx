import { fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TitleBar } from '../../miniprogram/components/TitleBar';
import { routes } from '../../miniprogram/lib/routes';
import Taro from './stubs/taro';

const $ = (s: string) => document.querySelector(s);

describe('the H5 title bar', () => {
  afterEach(() => {
    vi.mocked(Taro.getCurrentPages).mockReturnValue([{}, {}] as never);
  });

  it('offers 返回 when a page lies under this one', () => {
    vi.mocked(Taro.getCurrentPages).mockReturnValue([{}, {}] as never);
    render(<TitleBar title="居委会" home={routes.home} />);
    expect($('#title-text')?.textContent).toBe('居委会');
    expect($('#title-home')).toBeNull();
    fireEvent.click($('#title-back') as HTMLElement);
    expect(Taro.navigateBack).toHaveBeenCalled();
  });

  it('offers 首页 on a page opened on its own (a shared link), which leads to the home tab', () => {
    vi.mocked(Taro.getCurrentPages).mockReturnValue([{}] as never);
    render(<TitleBar title="居委会" home={routes.home} />);
    expect($('#title-back')).toBeNull();
    fireEvent.click($('#title-home') as HTMLElement);
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: routes.home });
  });

  it('has neither on a root page', () => {
    render(<TitleBar title="我的" home={routes.home} root />);
    expect($('#title-text')?.textContent).toBe('我的');
    expect($('#title-back')).toBeNull();
    expect($('#title-home')).toBeNull();
  });
});
