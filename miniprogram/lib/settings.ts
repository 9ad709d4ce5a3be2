import { readStorage, storageKeys, writeStorage } from './storage';
import { createStore, useStore } from './store';

/** 大字模式: one setting, kept on the device, honoured by every page through <PageShell>. */
export const largeTextStore = createStore<boolean>(readStorage<boolean>(storageKeys.largeText) === true);

export function setLargeText(on: boolean): void {
  writeStorage(storageKeys.largeText, on);
  largeTextStore.set(on);
}

export function useLargeText(): boolean {
  return useStore(largeTextStore);
}
