import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PrivacyDialog } from '../../miniprogram/components/PrivacyDialog';
import { relocate } from '../../miniprogram/lib/location';
import { privacyStore } from '../../miniprogram/lib/privacy';
import { resetApp } from './helpers';
import Taro from './stubs/taro';

// As in WeChat: these rules only apply to the weapp build.
vi.mock('../../miniprogram/lib/env', () => ({ isWeapp: true, isH5: false, apiBase: '' }));

beforeEach(resetApp);

describe('重新定位 after a refusal (WeChat)', () => {
  it('explains, opens the settings page, and locates once the switch is on', async () => {
    Taro.getSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': false } });
    Taro.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': true } });
    Taro.getLocation.mockResolvedValueOnce({ latitude: 31.24, longitude: 121.5 });
    const found = await relocate();
    const dialog = Taro.showModal.mock.calls[0][0] as { content: string; confirmText: string };
    expect(dialog.content).toContain('位置信息');
    expect(dialog.confirmText).toBe('去设置');
    expect(Taro.openSetting).toHaveBeenCalledTimes(1);
    expect(found).toEqual({ lat: 31.24, lng: 121.5 });
  });

  it('does not open the settings when the resident says no', async () => {
    Taro.getSetting.mockResolvedValueOnce({ authSetting: { 'scope.userLocation': false } });
    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    expect(await relocate()).toBeNull();
    expect(Taro.openSetting).not.toHaveBeenCalled();
  });

  it('simply asks again when the location was never refused', async () => {
    Taro.getSetting.mockResolvedValueOnce({ authSetting: {} });
    Taro.getLocation.mockResolvedValueOnce({ latitude: 31.2, longitude: 121.4 });
    expect(await relocate()).toEqual({ lat: 31.2, lng: 121.4 });
    expect(Taro.showModal).not.toHaveBeenCalled();
  });
});

describe('the privacy dialog names the API that asked', () => {
  it.each([
    ['getLocation', '获取您的位置'],
    ['setClipboardData', '使用剪贴板'],
  ])('%s', (api, words) => {
    render(<PrivacyDialog />);
    act(() => privacyStore.set({ open: true, resolve: () => undefined, api }));
    expect(document.querySelector('#privacy-what')?.textContent).toContain(words);
    act(() => privacyStore.set({ open: false, resolve: null, api: null }));
  });
});
