import Taro from '@tarojs/taro';
import { createStore, useStore } from './store';

/** Whether the phone has a network, as WeChat (or the browser) reports it. Assumed online until told. */
export const networkStore = createStore<{ online: boolean }>({ online: true });

export function useOnline(): boolean {
  return useStore(networkStore).online;
}

const reconnectListeners = new Set<() => void>();

/** Runs `fn` each time the network comes back; returns the unsubscribe. */
export function onReconnect(fn: () => void): () => void {
  reconnectListeners.add(fn);
  return () => void reconnectListeners.delete(fn);
}

/** Records a change; going from offline to online runs every reconnect listener (retries). */
export function setOnline(online: boolean): void {
  const was = networkStore.get().online;
  networkStore.set({ online });
  if (online && !was) for (const fn of [...reconnectListeners]) fn();
}

let watching = false;

/** Called once at launch: the first reading, then every change (Taro.onNetworkStatusChange). */
export function watchNetwork(): void {
  if (watching) return;
  watching = true;
  Taro.getNetworkType?.()
    .then((res) => setOnline(res.networkType !== 'none'))
    .catch(() => undefined);
  Taro.onNetworkStatusChange?.((res) => setOnline(res.isConnected));
}
