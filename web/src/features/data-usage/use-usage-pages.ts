import type { DataUsageSessionsPage } from '@civitas/contracts/api/data-usage.ts';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/api-error.ts';
import { fetchUsageSessions } from './fetch-data-usage.ts';
import type { UsageFilters } from './usage-query.ts';

export type MoreState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed'; error: unknown };

export type UsagePagesState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  /** `page.items` holds every session loaded so far, newest first. */
  | { kind: 'loaded'; page: DataUsageSessionsPage; more: MoreState };

/**
 * The sessions of accesses matching the filters, a page at a time ("show more" appends the next page).
 * Like useApiResource: aborts when the filters change or the screen goes away, and leaves a
 * 401 to the session, which has already sent the person back to sign-in.
 */
export function useUsagePages(filters: UsageFilters): {
  state: UsagePagesState;
  loadMore: () => void;
  retry: () => void;
} {
  const [state, setState] = useState<UsagePagesState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const settle = (signal: AbortSignal, error: unknown, onError: () => void) => {
    if (signal.aborted) return;
    if (error instanceof ApiError && error.status === 401) return;
    onError();
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    setState({ kind: 'loading' });
    fetchUsageSessions(filters, 0, current.signal).then(
      (page) => setState({ kind: 'loaded', page, more: { kind: 'idle' } }),
      (error: unknown) => settle(current.signal, error, () => setState({ kind: 'failed', error })),
    );
    return () => current.abort();
  }, [filters, attempt]);

  function loadMore() {
    const signal = controller.current?.signal;
    if (state.kind !== 'loaded' || state.more.kind === 'loading' || !signal) return;
    const loaded = state.page;
    setState({ kind: 'loaded', page: loaded, more: { kind: 'loading' } });
    fetchUsageSessions(filters, loaded.items.length, signal).then(
      (next) => {
        if (signal.aborted) return;
        // Sessions begun since the first page shift the offsets; never show one twice.
        const seen = new Set(loaded.items.map((item) => item.id));
        const items = [...loaded.items, ...next.items.filter((item) => !seen.has(item.id))];
        // An empty page means the list ended sooner than the total said (records hidden meanwhile).
        const total = next.items.length === 0 ? items.length : next.total;
        setState({ kind: 'loaded', page: { ...next, items, total }, more: { kind: 'idle' } });
      },
      (error: unknown) =>
        settle(signal, error, () =>
          setState({ kind: 'loaded', page: loaded, more: { kind: 'failed', error } }),
        ),
    );
  }

  return { state, loadMore, retry: () => setAttempt((value) => value + 1) };
}
