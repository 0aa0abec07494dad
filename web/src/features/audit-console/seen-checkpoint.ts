import type { SeenCheckpoint } from './log-consistency.ts';

/** Where this browser keeps the last checkpoint an auditor verified here. */
const STORAGE_KEY = 'civitas.audit.checkpoint';

export function readSeenCheckpoint(): SeenCheckpoint | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { origin, size, root } = value as Record<string, unknown>;
    if (typeof origin !== 'string' || typeof root !== 'string' || !Number.isSafeInteger(size)) return null;
    return { origin, size: size as number, root };
  } catch {
    return null; // Storage disabled or unreadable: every visit is a first check.
  }
}

export function saveSeenCheckpoint(checkpoint: SeenCheckpoint): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(checkpoint));
  } catch {
    // As above: nothing to keep it in.
  }
}
