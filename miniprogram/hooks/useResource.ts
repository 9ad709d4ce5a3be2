import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { onReconnect } from '../lib/network';

export interface Resource<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
  reload: () => Promise<void>;
  setData: (update: T | null | ((prev: T | null) => T | null)) => void;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', '系统出了点问题，请稍后再试', String(error));
}

/**
 * One value loaded from the server. `load` is re-run when a dependency changes; answers to
 * superseded requests are dropped. Pass `enabled: false` to wait (e.g. for an id).
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState<boolean>(enabled);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const value = await loadRef.current();
      if (mine === generation.current) setData(value);
    } catch (e) {
      if (mine === generation.current) setError(asApiError(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  // Failed for want of a network: load again by itself when the network returns.
  const errorRef = useRef<ApiError | null>(null);
  errorRef.current = error;
  useEffect(
    () =>
      onReconnect(() => {
        if (errorRef.current?.code === 'NETWORK') void run();
      }),
    [run],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    if (!enabled) {
      generation.current++;
      setLoading(false);
      return;
    }
    void run();
  }, [enabled, ...deps]);

  return { data, loading, error, reload: run, setData };
}
