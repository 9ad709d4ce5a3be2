import Taro from '@tarojs/taro';
import { isWeapp } from './env';

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * Maps in China (WeChat's map, Amap, Tencent) use GCJ-02 coordinates, and so do the committees'
 * coordinates. WeChat gives GCJ-02 directly; a browser gives GPS (WGS-84), ~500 m off in Shanghai,
 * so H5 converts with the published approximation.
 */
export function wgs84ToGcj02({ lat, lng }: LatLng): LatLng {
  if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271) return { lat, lng };
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lng - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** The position found most recently in this visit (kept in memory only, never stored or sent elsewhere). */
let last: LatLng | null = null;

/** The last position the resident let us have, without asking again; null if none yet. */
export function lastPosition(): LatLng | null {
  return last;
}

/** The phone's position in GCJ-02, or null when the user or the browser says no. */
export async function locate(): Promise<LatLng | null> {
  try {
    if (isWeapp) {
      const res = await Taro.getLocation({ type: 'gcj02' });
      last = { lat: res.latitude, lng: res.longitude };
    } else {
      const res = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 8000 });
      last = wgs84ToGcj02({ lat: res.latitude, lng: res.longitude });
    }
    return last;
  } catch {
    return null;
  }
}

/**
 * 重新定位. In WeChat, once the location was refused, wx.getLocation fails at once without asking
 * again: the only way back is the settings page. Say why, open it (Taro.openSetting), and try
 * again if the switch was turned on. Elsewhere (a browser), simply ask again.
 */
export async function relocate(): Promise<LatLng | null> {
  if (!isWeapp) return locate();
  let refused = false;
  try {
    const { authSetting } = await Taro.getSetting();
    refused = authSetting['scope.userLocation'] === false;
  } catch {
    // No answer: just try.
  }
  if (!refused) return locate();
  const { confirm } = await Taro.showModal({
    title: '需要打开位置权限',
    content: '您之前没有允许社区云获取位置。请在接下来的设置页里打开「位置信息」，就能按离您的远近排列居委。',
    confirmText: '去设置',
    cancelText: '不用了',
  });
  if (!confirm) return null;
  try {
    const { authSetting } = await Taro.openSetting();
    if (!authSetting['scope.userLocation']) return null;
  } catch {
    return null;
  }
  return locate();
}
