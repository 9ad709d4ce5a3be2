import Taro from '@tarojs/taro';
import { isWeapp } from './env';
import { createStore } from './store';

/**
 * WeChat's privacy flow (__usePrivacyCheck__): when the app first calls an API covered by the
 * privacy guide (getLocation), WeChat asks us to show our own dialog; the agree button has
 * open-type="agreePrivacyAuthorization" and we hand the result back through `resolve`.
 */
type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

export interface PrivacyPrompt {
  open: boolean;
  resolve: Resolve | null;
}

export const privacyStore = createStore<PrivacyPrompt>({ open: false, resolve: null });

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export function listenForPrivacyPrompts(): void {
  if (!isWeapp) return;
  const on = (Taro as unknown as { onNeedPrivacyAuthorization?: (fn: (resolve: Resolve) => void) => void })
    .onNeedPrivacyAuthorization;
  if (typeof on !== 'function') return;
  try {
    on((resolve) => privacyStore.set({ open: true, resolve }));
  } catch {
    // Older base libraries: WeChat shows its own prompt.
  }
}

export function answerPrivacy(event: 'agree' | 'disagree'): void {
  const { resolve } = privacyStore.get();
  privacyStore.set({ open: false, resolve: null });
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
