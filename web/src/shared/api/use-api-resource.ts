import { useEffect, useState } from 'react';
import type { Answer } from './api-client.ts';
import { ApiError } from './api-error.ts';

export type ResourceState<T> =
  | { kind: 'loading' }
  | { kind: 'loaded'; value: T }
  | { kind: 'failed'; error: unknown };

/**
 * Loads one API resource for a screen: aborts when the screen goes away, leaves a 401 to the
 * session (it has already sent the person back to sign-in), and reloads on `retry`.
 */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): {
  state: ResourceState<T>;
  retry: () => void;
} {
  const [state, setState] = useState<ResourceState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; `load` is fixed per screen.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    load(controller.signal).then(
      (value) => setState({ kind: 'loaded', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) return;
        setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return { state, retry: () => setAttempt((value) => value + 1) };
}

/**
 * Like useApiResource, for a resource that may be answered from saved data when offline:
 * `savedAt` says when the shown value was saved (null while it is fresh from the API).
 */
export function useSavedApiResource<T>(load: (signal: AbortSignal) => Promise<Answer<T>>): {
  state: ResourceState<T>;
  savedAt: number | null;
  retry: () => void;
} {
  const { state, retry } = useApiResource(load);
  if (state.kind !== 'loaded') return { state, savedAt: null, retry };
  return { state: { kind: 'loaded', value: state.value.value }, savedAt: state.value.savedAt, retry };
}
