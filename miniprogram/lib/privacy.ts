import Taro from '@tarojs/taro';
import { isWeapp } from './env';
import { createStore } from './store';

/**
 * WeChat's privacy flow (__usePrivacyCheck__): when the app first calls an API covered by the
 * privacy guide (getLocation, chooseLocation, setClipboardData), WeChat asks us to show our own dialog; the agree button has
 * open-type="agreePrivacyAuthorization" and we hand the result back through `resolve`.
 */
type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

export interface PrivacyPrompt {
  open: boolean;
  resolve: Resolve | null;
  /** The API that asked (WeChat's eventInfo.referrer), e.g. 'getLocation', 'setClipboardData'. */
  api: string | null;
}

export const privacyStore = createStore<PrivacyPrompt>({ open: false, resolve: null, api: null });

/**
 * Why each privacy-guarded API we call needs it, in plain words. Keep in step with the
 * 用户隐私保护指引 registered in the WeChat console (README: WeChat review).
 */
export const privacyReasons: Record<string, { what: string; why: string }> = {
  getLocation: { what: '获取您的位置', why: '用来找离您最近的居委会。位置只用来计算距离，不会保存。' },
  chooseLocation: { what: '在地图上选择位置', why: '用来选出居委办公的地点，显示在居委名片上。' },
  setClipboardData: {
    what: '使用剪贴板',
    why: '用来把邀请码复制下来，方便您发给居民。我们不会读取剪贴板里的其他内容。',
  },
};

export function privacyReason(api: string | null): { what: string; why: string } {
  return (
    (api && privacyReasons[api]) || {
      what: '使用您的个人信息',
      why: '只用于您正在使用的这项功能，详情请看《隐私政策》。',
    }
  );
}

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export function listenForPrivacyPrompts(): void {
  if (!isWeapp) return;
  const on = (
    Taro as unknown as {
      onNeedPrivacyAuthorization?: (fn: (resolve: Resolve, eventInfo?: { referrer?: string }) => void) => void;
    }
  ).onNeedPrivacyAuthorization;
  if (typeof on !== 'function') return;
  try {
    on((resolve, eventInfo) => privacyStore.set({ open: true, resolve, api: eventInfo?.referrer ?? null }));
  } catch {
    // Older base libraries: WeChat shows its own prompt.
  }
}

export function answerPrivacy(event: 'agree' | 'disagree'): void {
  const { resolve } = privacyStore.get();
  privacyStore.set({ open: false, resolve: null, api: null });
  resolve?.(event === 'agree' ? { event, buttonId: PRIVACY_AGREE_BUTTON_ID } : { event });
}

/** WeChat's own rendering of our registered privacy guide, when available. */
export function openOfficialPrivacyContract(): boolean {
  const open = (Taro as unknown as { openPrivacyContract?: (o: object) => unknown }).openPrivacyContract;
  if (!isWeapp || typeof open !== 'function') return false;
  try {
    open({});
    return true;
  } catch {
    return false;
  }
}
