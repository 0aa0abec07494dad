/**
 * Whether the wallet on this device exists, is locked or is open, shared by every wallet screen.
 * Open, it locks itself after five minutes without a touch or a key press (and on every page
 * load); locking forgets the data key.
 */
import { useSyncExternalStore } from 'react';
import { evaluateDevicePrf } from './device-unlock.ts';
import {
  createWallet,
  deviceLockOf,
  OpenWallet,
  removeWallet,
  unlockWallet,
  unlockWalletWithDevice,
  walletExists,
} from './vault.ts';

export type WalletState =
  | { kind: 'checking' }
  | { kind: 'absent' }
  | { kind: 'locked'; reason: 'start' | 'inactivity' | 'asked' }
  | { kind: 'open'; wallet: OpenWallet };

export const LOCK_AFTER_MS = 5 * 60 * 1000;

let state: WalletState = { kind: 'checking' };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let checking: Promise<void> | undefined;

function set(next: WalletState) {
  state = next;
  for (const listener of listeners) listener();
}

function resetTimer() {
  clearTimeout(timer);
  if (state.kind === 'open') timer = setTimeout(() => lockWallet('inactivity'), LOCK_AFTER_MS);
}

const ACTIVITY = ['pointerdown', 'keydown'] as const;

function watchActivity(on: boolean) {
  for (const name of ACTIVITY) {
    if (on) globalThis.addEventListener(name, resetTimer, { passive: true });
    else globalThis.removeEventListener(name, resetTimer);
  }
}

export function lockWallet(reason: 'inactivity' | 'asked' = 'asked') {
  clearTimeout(timer);
  watchActivity(false);
  if (state.kind === 'open') set({ kind: 'locked', reason });
}

function opened(wallet: OpenWallet) {
  set({ kind: 'open', wallet });
  watchActivity(true);
  resetTimer();
}

export function checkWallet(): Promise<void> {
  checking ??= walletExists().then(
    (exists) => set(exists ? { kind: 'locked', reason: 'start' } : { kind: 'absent' }),
    () => set({ kind: 'absent' }),
  );
  return checking;
}

export async function setUpWallet(pin: string): Promise<void> {
  opened(await createWallet(pin));
}

/** Opens the wallet with the PIN: 'opened', 'wrong', or the seconds to wait after too many wrong PINs. */
export async function openWithPin(pin: string): Promise<'opened' | 'wrong' | { waitSeconds: number }> {
  const outcome = await unlockWallet(pin);
  if (outcome instanceof OpenWallet) {
    opened(outcome);
    return 'opened';
  }
  return outcome;
}

/** Opens the wallet with the platform authenticator: 'opened', or 'failed' (cancelled, another authenticator). */
export async function openWithDevice(): Promise<'opened' | 'failed'> {
  const lock = await deviceLockOf();
  if (!lock) return 'failed';
  try {
    const outcome = await unlockWalletWithDevice(await evaluateDevicePrf(lock.credentialId, lock.prfSalt));
    if (outcome === 'wrong') return 'failed';
    opened(outcome);
    return 'opened';
  } catch {
    return 'failed';
  }
}

export async function removeWalletFromDevice(): Promise<void> {
  lockWallet();
  await removeWallet();
  set({ kind: 'absent' });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  void checkWallet();
  return () => listeners.delete(listener);
}

export function useWalletState(): WalletState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
