import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CommitteeFilter, useCommittees } from '../../miniprogram/hooks/committees';
import { committeeSummary, errorReply, fakeServer, resetApp } from './helpers';

beforeEach(resetApp);

const noFilter: CommitteeFilter = { q: '', streetId: null, position: null };

describe('useCommittees (a paged list)', () => {
  it('is loading, then ready with the first page', async () => {
    fakeServer({
      'GET /api/committees': () => ({ body: { items: [committeeSummary(1), committeeSummary(2)], nextOffset: null } }),
    });
    const { result } = renderHook(() => useCommittees(noFilter));
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.items.map((c) => c.id)).toEqual([1, 2]);
    expect(result.current.hasMore).toBe(false);
  });

  it('is ready and empty when nothing matches', async () => {
    const calls = fakeServer({ 'GET /api/committees': () => ({ body: { items: [], nextOffset: null } }) });
    const { result } = renderHook(() => useCommittees({ ...noFilter, q: ' 不存在 ' }));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.items).toEqual([]);
    expect(calls[0].query.get('q')).toBe('不存在');
  });

  it('shows the error and recovers on retry', async () => {
    let fail = true;
    fakeServer({
      'GET /api/committees': () =>
        fail
          ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试')
          : { body: { items: [committeeSummary(1)], nextOffset: null } },
    });
    const { result } = renderHook(() => useCommittees(noFilter));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.message).toBe('服务暂时不可用，请稍后再试');
    fail = false;
    await act(() => result.current.reload());
    expect(result.current.status).toBe('ready');
    expect(result.current.items).toHaveLength(1);
  });

  it('loads more from the next offset and appends, then stops at the end', async () => {
    const calls = fakeServer({
      'GET /api/committees': (call) => {
        const offset = Number(call.query.get('offset'));
        return offset === 0
          ? { body: { items: [committeeSummary(1), committeeSummary(2)], nextOffset: 2 } }
          : { body: { items: [committeeSummary(3)], nextOffset: null } };
      },
    });
    const { result } = renderHook(() => useCommittees(noFilter));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.loadMore());
    expect(result.current.items.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(result.current.hasMore).toBe(false);
    expect(calls.map((c) => c.query.get('offset'))).toEqual(['0', '2']);
    // At the end, more scrolling asks nothing.
    await act(() => result.current.loadMore());
    expect(calls).toHaveLength(2);
  });

  it('keeps the list when a later page fails, and retries that page', async () => {
    let failMore = true;
    fakeServer({
      'GET /api/committees': (call) => {
        if (call.query.get('offset') === '0') return { body: { items: [committeeSummary(1)], nextOffset: 1 } };
        return failMore
          ? errorReply(500, 'INTERNAL', '系统出了点问题，请稍后再试')
          : { body: { items: [committeeSummary(2)], nextOffset: null } };
      },
    });
    const { result } = renderHook(() => useCommittees(noFilter));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    await act(() => result.current.loadMore());
    expect(result.current.items).toHaveLength(1);
    expect(result.current.moreError?.message).toBe('系统出了点问题，请稍后再试');
    failMore = false;
    await act(() => result.current.loadMore());
    expect(result.current.moreError).toBeNull();
    expect(result.current.items.map((c) => c.id)).toEqual([1, 2]);
  });

  it('sends the position for nearest-first and starts over when the filter changes', async () => {
    const calls = fakeServer({
      'GET /api/committees': (call) => ({
        body: { items: [committeeSummary(call.query.get('streetId') ? 9 : 1, { distanceM: 350 })], nextOffset: null },
      }),
    });
    const { result, rerender } = renderHook((filter: CommitteeFilter) => useCommittees(filter), {
      initialProps: { ...noFilter, position: { lat: 31.2, lng: 121.4 } } as CommitteeFilter,
    });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(calls[0].query.get('lat')).toBe('31.2');
    expect(calls[0].query.get('lng')).toBe('121.4');
    rerender({ ...noFilter, streetId: 5 });
    await waitFor(() => expect(result.current.items[0]?.id).toBe(9));
    expect(calls[1].query.get('streetId')).toBe('5');
    expect(calls[1].query.get('offset')).toBe('0');
  });

  it('drops the answer to a superseded search', async () => {
    let release: (() => void) | null = null;
    fakeServer({
      'GET /api/committees': async (call) => {
        if (call.query.get('q') === 'slow') await new Promise<void>((r) => (release = r));
        return { body: { items: [committeeSummary(call.query.get('q') === 'slow' ? 1 : 2)], nextOffset: null } };
      },
    });
    const { result, rerender } = renderHook((filter: CommitteeFilter) => useCommittees(filter), {
      initialProps: { ...noFilter, q: 'slow' },
    });
    rerender({ ...noFilter, q: 'fast' });
    await waitFor(() => expect(result.current.items[0]?.id).toBe(2));
    await act(async () => release?.());
    expect(result.current.items.map((c) => c.id)).toEqual([2]);
  });
});
