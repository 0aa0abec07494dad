import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  type AuthSession,
  msUntilExpiry,
  parseStoredSession,
  type SessionStatus,
  sessionStatus,
} from './session.ts';

const STORAGE_KEY = 'civitas.auth.session';
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readRaw(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveSession(session: AuthSession): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify();
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

/** Removes the token without re-rendering: for the instant before the page navigates away. */
export function forgetSessionBeforeLeaving(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export function readSession(): AuthSession | null {
  return parseStoredSession(readRaw());
}

export function currentSessionStatus(): SessionStatus {
  return sessionStatus(readSession(), Date.now());
}

/** The session as React state; re-renders when it changes and again at the moment it expires. */
export function useSessionStatus(): SessionStatus {
  const raw = useSyncExternalStore(subscribe, readRaw);
  const session = useMemo(() => parseStoredSession(raw), [raw]);
  const [, setExpiryTick] = useState(0);

  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(
      () => setExpiryTick((tick) => tick + 1),
      msUntilExpiry(session, Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [session]);

  return sessionStatus(session, Date.now());
}
