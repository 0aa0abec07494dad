/**
 * The wallet's encryption at rest (WebCrypto only). A random AES-GCM data key encrypts every
 * credential and history entry; it is stored only wrapped (AES-KW) under a key derived from the
 * app PIN (PBKDF2-SHA-256). Unwrapped, the data key is non-extractable: script can use it while
 * the wallet is open, never read it out. Locking drops it from memory. The platform authenticator
 * can open it too: its WebAuthn PRF output (a secret only the authenticator computes, after the
 * person's fingerprint, face or screen lock) wraps a second copy of the same data key.
 */
import { fromBase64Url, toBase64Url, utf8 } from './base64url.ts';

export const PBKDF2_ITERATIONS = 310_000;

/** What is kept of the PIN: the salt and the wrapped data key (neither reveals the PIN). */
export interface PinLock {
  salt: string;
  iterations: number;
  wrappedKey: string;
}

/** An encrypted value: AES-GCM with a fresh 96-bit IV each time. */
export interface Sealed {
  iv: string;
  data: string;
}

/** A PIN is 6 to 12 digits; nothing else (no spaces, no control characters). */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{6,12}$/.test(pin);
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

async function unwrapDataKey(
  lock: { wrappedKey: string },
  wrapping: CryptoKey,
  extractable = false,
): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    fromBase64Url(lock.wrappedKey),
    wrapping,
    'AES-KW',
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/** What is kept for opening with the platform authenticator: its credential, the PRF input, the wrapped key. */
export interface DeviceLock {
  credentialId: string;
  prfSalt: string;
  wrappedKey: string;
}

/** The AES-KW key made of a WebAuthn PRF output (32 bytes). */
function prfKey(prfOutput: ArrayBuffer): Promise<CryptoKey> {
  if (prfOutput.byteLength !== 32) throw new Error('a PRF output is 32 bytes');
  return crypto.subtle.importKey('raw', prfOutput, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

/**
 * A second lock of the same data key, for the platform authenticator: the PIN opens the data key
 * once more, extractable for this one wrapping only, and the PRF output wraps it. Null for a wrong PIN.
 */
export async function createDeviceLock(
  lock: PinLock,
  pin: string,
  device: { credentialId: string; prfSalt: string; prfOutput: ArrayBuffer },
): Promise<DeviceLock | null> {
  if (!isValidPin(pin)) return null;
  const wrapping = await pinKey(pin, fromBase64Url(lock.salt), lock.iterations);
  let once: CryptoKey;
  try {
    once = await unwrapDataKey(lock, wrapping, true);
  } catch {
    return null;
  }
  const wrapped = await crypto.subtle.wrapKey('raw', once, await prfKey(device.prfOutput), 'AES-KW');
  return {
    credentialId: device.credentialId,
    prfSalt: device.prfSalt,
    wrappedKey: toBase64Url(new Uint8Array(wrapped)),
  };
}

/** The data key for the authenticator's PRF output; null for another authenticator or credential. */
export async function openDataKeyWithDevice(
  lock: DeviceLock,
  prfOutput: ArrayBuffer,
): Promise<CryptoKey | null> {
  try {
    return await unwrapDataKey(lock, await prfKey(prfOutput));
  } catch {
    return null;
  }
}

/**
 * A new data key locked by the PIN. The fresh key is extractable only for the one wrapping; the
 * key handed back is the unwrapped, non-extractable copy.
 */
export async function createDataKey(
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ lock: PinLock; dataKey: CryptoKey }> {
  if (!isValidPin(pin)) throw new Error('invalid PIN');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrapping = await pinKey(pin, salt, iterations);
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', fresh, wrapping, 'AES-KW'));
  const lock = { salt: toBase64Url(salt), iterations, wrappedKey: toBase64Url(wrapped) };
  return { lock, dataKey: await unwrapDataKey(lock, wrapping) };
}

/** The data key for the right PIN; null for a wrong one (AES-KW's integrity check fails). */
export async function openDataKey(lock: PinLock, pin: string): Promise<CryptoKey | null> {
  if (!isValidPin(pin)) return null;
  const wrapping = await pinKey(pin, fromBase64Url(lock.salt), lock.iterations);
  try {
    return await unwrapDataKey(lock, wrapping);
  } catch {
    return null;
  }
}

export async function seal(dataKey: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, dataKey, utf8(JSON.stringify(value)));
  return { iv: toBase64Url(iv), data: toBase64Url(new Uint8Array(data)) };
}

export async function unseal<T>(dataKey: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(sealed.iv) },
    dataKey,
    fromBase64Url(sealed.data),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
