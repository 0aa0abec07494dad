import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { forgetSavedAnswers } from '../api/saved-answers.ts';
import {
  type AuthSession,
  msUntilExpiry,
  parseStoredSession,
  type SessionStatus,
  sessionStatus,
} from './session.ts';

/**
 * The session lives in localStorage, shared by every tab of the app: sessionStorage belongs to
 * one tab, so a link opened in a new tab (or the app opened again) found no session and asked
 * for the eID again. The token it holds is short-lived (minutes) and is checked for expiry on
 * every read; signing out in one tab signs out all of them (the `storage` event).
 */
const STORAGE_KEY = 'civitas.auth.session';
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Another tab signed in or out. */
function onStorage(event: StorageEvent): void {
  if (event.key === STORAGE_KEY || event.key === null) notify();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

function readRaw(): string | null {
  return localStorage.getItem(STORAGE_KEY);
}

export function saveSession(session: AuthSession): void {
  // A new sign-in starts with nothing saved: a previous person's answers are never shown to the next.
  void forgetSavedAnswers();
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify();
}

/** Ends the session in this tab and every other, and forgets the answers saved for offline use. */
export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
  void forgetSavedAnswers();
  notify();
}

/** Removes the token without re-rendering: for the instant before the page navigates away. */
export function forgetSessionBeforeLeaving(): void {
  localStorage.removeItem(STORAGE_KEY);
  // Best effort before the page unloads; the app forgets them again when it starts signed out.
  void forgetSavedAnswers();
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
