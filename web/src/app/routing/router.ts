import { useSyncExternalStore } from 'react';

/**
 * A history-API router small enough to read in one sitting: the app has a handful of screens and
 * the server answers every unknown path with index.html, so plain paths just work.
 */

const listeners = new Set<() => void>();
let navigatedWithinApp = false;

function notify(): void {
  for (const listener of listeners) listener();
}

function onPopState(): void {
  navigatedWithinApp = true;
  notify();
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  navigatedWithinApp = true;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

/** True once the person has moved between screens without a full page load. */
export function hasNavigatedWithinApp(): boolean {
  return navigatedWithinApp;
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
