import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { onReconnect } from '../lib/network';
import { asApiError } from './useResource';

export interface Page<T, C> {
  items: T[];
  /** Cursor of the next page (an offset, or a keyset id); null at the end. */
  next: C | null;
}

export type ListStatus = 'loading' | 'ready' | 'error';

export interface PagedList<T> {
  items: T[];
  status: ListStatus;
  /** First-page error (the whole list failed). */
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  /** A later page failed: the list stays, the footer offers a retry. */
  moreError: ApiError | null;
  loadMore: () => Promise<void>;
  reload: () => Promise<void>;
  /** Edit the loaded items in place (after approve, revoke, ...). */
  update: (fn: (items: T[]) => T[]) => void;
}

/**
 * A server list read page by page: loading, empty (status 'ready' with no items), error with
 * retry, and load-more. Changing a dependency (search words, filter) starts again from page one;
 * answers to superseded requests are dropped.
 */
export function usePagedList<T, C>(
  loadPage: (cursor: C | null) => Promise<Page<T, C>>,
  deps: readonly unknown[],
  enabled = true,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<ListStatus>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [next, setNext] = useState<C | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busy.current = false;
    setStatus('loading');
    setError(null);
    setMoreError(null);
    setLoadingMore(false);
    try {
      const page = await loadRef.current(null);
      if (mine !== generation.current) return;
      setItems(page.items);
      setNext(page.next);
      setStatus('ready');
    } catch (e) {
      if (mine !== generation.current) return;
      setItems([]);
      setNext(null);
      setError(asApiError(e));
      setStatus('error');
    }
  }, []);

  const nextRef = useRef(next);
  nextRef.current = next;

  const loadMore = useCallback(async () => {
    const cursor = nextRef.current;
    if (cursor === null || busy.current) return;
    const mine = generation.current;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setNext(page.next);
    } catch (e) {
      if (mine === generation.current) setMoreError(asApiError(e));
    } finally {
      if (mine === generation.current) {
        busy.current = false;
        setLoadingMore(false);
      }
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    if (!enabled) {
      generation.current++;
      return;
    }
    void reload();
  }, [enabled, ...deps]);

  // The first page failed for want of a network: load it again when the network returns.
  const errorRef = useRef<ApiError | null>(null);
  errorRef.current = error;
  useEffect(
    () =>
      onReconnect(() => {
        if (errorRef.current?.code === 'NETWORK') void reload();
      }),
    [reload],
  );

  const update = useCallback((fn: (items: T[]) => T[]) => setItems((prev) => fn(prev)), []);

  return { items, status, error, hasMore: next !== null, loadingMore, moreError, loadMore, reload, update };
}
