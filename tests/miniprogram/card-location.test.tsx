import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LocationField } from '../../miniprogram/packages/admin/card/LocationField';
import { resetApp } from './helpers';
import Taro from './stubs/taro';

const env = vi.hoisted(() => ({ weapp: false }));
vi.mock('../../miniprogram/lib/env', () => ({
  get isWeapp() {
    return env.weapp;
  },
  get isH5() {
    return !env.weapp;
  },
  apiBase: '',
}));

const $ = (selector: string) => document.querySelector(selector) as HTMLElement | null;
const click = async (selector: string) => {
  await act(async () => {
    fireEvent.click($(selector) as HTMLElement);
  });
};

let seen: Array<[string, string]> = [];
function Harness(props: { lat?: string; lng?: string }) {
  const [at, setAt] = useState({ lat: props.lat ?? '', lng: props.lng ?? '' });
  return (
    <LocationField
      lat={at.lat}
      lng={at.lng}
      errors={{}}
      onChange={(lat, lng) => {
        seen.push([lat, lng]);
        setAt({ lat, lng });
      }}
    />
  );
}

beforeEach(() => {
  resetApp();
  seen = [];
  env.weapp = false;
});

describe('居委名片: the location', () => {
  it('in WeChat is chosen on the map, starting from the current place, rounded to six decimals', async () => {
    env.weapp = true;
    Taro.chooseLocation.mockImplementationOnce(async () => ({ latitude: 31.230412345, longitude: 121.473698765 }));
    render(<Harness lat="31.2" lng="121.4" />);
    expect($('#edit-lat')).toBeNull();
    expect($('#edit-location-text')?.textContent).toBe('已选好（纬度 31.2，经度 121.4）');
    await click('#edit-location-pick');
    expect(Taro.chooseLocation).toHaveBeenCalledWith({ latitude: 31.2, longitude: 121.4 });
    expect(seen).toEqual([['31.230412', '121.473699']]);
    expect($('#edit-location-text')?.textContent).toBe('已选好（纬度 31.230412，经度 121.473699）');
    await click('#edit-location-clear');
    expect($('#edit-location-text')?.textContent).toBe('还没有选位置');
  });

  it('closing the map changes nothing; a map that fails to open falls back to typing the numbers', async () => {
    env.weapp = true;
    render(<Harness />);
    await click('#edit-location-pick');
    expect(Taro.chooseLocation).toHaveBeenCalledWith({});
    expect(seen).toEqual([]);
    expect($('#edit-lat')).toBeNull();

    Taro.chooseLocation.mockImplementationOnce(async () => {
      throw { errMsg: 'chooseLocation:fail auth deny' };
    });
    await click('#edit-location-pick');
    await waitFor(() => expect($('#edit-lat')).toBeTruthy());
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '地图打不开，请直接填写经纬度' }));
    expect($('#edit-location-help')?.textContent).toContain('地图打不开时，可以直接填写经纬度');
  });

  it('in a browser are two number fields with an example and a word on where to find them', async () => {
    render(<Harness />);
    expect($('#edit-location-pick')).toBeNull();
    expect(($('#edit-lat') as HTMLInputElement).placeholder).toBe('例如 31.2304');
    expect(($('#edit-lng') as HTMLInputElement).placeholder).toBe('例如 121.4737');
    expect($('#edit-location-help')?.textContent).toContain('腾讯地图或高德地图');
    fireEvent.change($('#edit-lat') as HTMLElement, { target: { value: '31.2304' } });
    fireEvent.change($('#edit-lng') as HTMLElement, { target: { value: '121.4737' } });
    expect(seen.at(-1)).toEqual(['31.2304', '121.4737']);
    expect(Taro.chooseLocation).not.toHaveBeenCalled();
  });
});
