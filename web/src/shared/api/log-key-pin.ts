/** Where this browser keeps the log key it saw first (trust on first use). */
const STORAGE_KEY = 'civitas.log.vkey';

export function readPinnedLogKey(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage disabled: every visit is a first use, which is the most that can be done.
  }
}

export function savePinnedLogKey(vkey: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, vkey);
  } catch {
    // As above: nothing to pin into.
  }
}

/** A key as people can compare it: its name and key id, without the public key bytes. */
export function logKeyLabel(vkey: string): string {
  return vkey.split('+').slice(0, 2).join('+');
}
