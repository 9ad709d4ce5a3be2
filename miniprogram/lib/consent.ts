import { isH5 } from './env';
import { readStorage, storageKeys, writeStorage } from './storage';
import { createStore } from './store';

/**
 * In a browser (H5) no one has agreed to anything when the page opens, and signing in makes an
 * account on the server. So the user agreement and privacy policy are accepted first, once per
 * browser; until then the app signs no one in. (In WeChat, the mini-program's registered privacy
 * guide and WeChat's own flow cover this.) The version changes when the texts change.
 */
export const TERMS_VERSION = '2025-01-01';

export const consentStore = createStore<{ asking: boolean }>({ asking: false });

export function termsAccepted(): boolean {
  return !isH5 || readStorage<string>(storageKeys.termsAccepted) === TERMS_VERSION;
}

/** Shows the consent dialog (from whichever page is open). */
export function askForConsent(): void {
  consentStore.set({ asking: true });
}

const acceptedListeners = new Set<() => void>();

/** Runs `fn` once the user accepts (the session signs in then). */
export function onTermsAccepted(fn: () => void): void {
  acceptedListeners.add(fn);
}

export function acceptTerms(): void {
  writeStorage(storageKeys.termsAccepted, TERMS_VERSION);
  consentStore.set({ asking: false });
  for (const fn of [...acceptedListeners]) fn();
}

export function declineTerms(): void {
  consentStore.set({ asking: false });
}
