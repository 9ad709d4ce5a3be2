import { isH5 } from './env';
import { readStorage, storageKeys, writeStorage } from './storage';
import { createStore, useStore } from './store';

/** 大字模式: one setting, kept on the device, honoured by every page through <PageShell>. */
export const largeTextStore = createStore<boolean>(readStorage<boolean>(storageKeys.largeText) === true);

/**
 * H5 only: Taro draws the tab bar and showModal's dialog outside any page, so large-text mode is
 * also a class on <body> (app.css: .large-text).
 */
function markBody(on: boolean): void {
  if (isH5 && typeof document !== 'undefined' && document.body) document.body.classList.toggle('large-text', on);
}
markBody(largeTextStore.get());
largeTextStore.subscribe(() => markBody(largeTextStore.get()));

export function setLargeText(on: boolean): void {
  writeStorage(storageKeys.largeText, on);
  largeTextStore.set(on);
}

export function useLargeText(): boolean {
  return useStore(largeTextStore);
}
