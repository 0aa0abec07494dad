/**
 * A one-line message for the sign-in screen ("your session has expired", "you have signed out").
 * Kept in sessionStorage because signing out passes through the eID node before coming back.
 */
export type Notice = 'sessionExpired' | 'signedOut';

const STORAGE_KEY = 'civitas.notice';
const NOTICES: readonly Notice[] = ['sessionExpired', 'signedOut'];

export function setNotice(notice: Notice): void {
  sessionStorage.setItem(STORAGE_KEY, notice);
}

export function peekNotice(): Notice | null {
  const value = sessionStorage.getItem(STORAGE_KEY);
  return NOTICES.find((notice) => notice === value) ?? null;
}

export function clearNotice(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
